//! Monthly closing on SQLite: a row per closing; reopening fills in who, when and why.

use rusqlite::{Row, params};
use thads_core::{MonthKey, UnitId};
use thads_store::{PeriodClosing, Periods, PeriodsTx, StoreError, StoreResult};
use time::OffsetDateTime;

use crate::SqliteStore;
use crate::audit::unit_list;
use crate::convert as cv;
use crate::error::unique;
use crate::tx::SqliteTx;

const COLUMNS: &str = "id, unit_id, month, closed_at, closed_by, snapshot_id, reopened_at, reopened_by, reopen_reason";

fn closing(r: &Row<'_>) -> StoreResult<PeriodClosing> {
    let get = |e: rusqlite::Error| StoreError::backend(e);
    let reopened: Option<i64> = r.get(6).map_err(get)?;
    Ok(PeriodClosing {
        id: r.get(0).map_err(get)?,
        unit: UnitId(r.get(1).map_err(get)?),
        month: MonthKey(r.get(2).map_err(get)?),
        closed_at: cv::instant_of("period_closings.closed_at", r.get(3).map_err(get)?)?,
        closed_by: r.get(4).map_err(get)?,
        snapshot: r.get(5).map_err(get)?,
        reopened_at: reopened.map(|s| cv::instant_of("period_closings.reopened_at", s)).transpose()?,
        reopened_by: r.get(7).map_err(get)?,
        reopen_reason: r.get(8).map_err(get)?,
    })
}

impl Periods for SqliteStore {
    fn closings_of(&self, units: &[UnitId]) -> StoreResult<Vec<PeriodClosing>> {
        let sql = format!(
            "select {COLUMNS} from period_closings where unit_id in (select value from json_each(?1))
             order by month desc, id desc"
        );
        self.query_all(&sql, [unit_list(Some(units))], closing)
    }
}

impl PeriodsTx for SqliteTx<'_> {
    fn closed_in(&mut self, months: &[MonthKey]) -> StoreResult<Vec<(UnitId, MonthKey)>> {
        let list = format!("[{}]", months.iter().map(|m| m.0.to_string()).collect::<Vec<_>>().join(","));
        self.all(
            "select unit_id, month from period_closings
             where reopened_at is null and month in (select value from json_each(?1))",
            [list],
            |r| {
                let unit: i64 = r.get(0).map_err(StoreError::backend)?;
                Ok((UnitId(unit), MonthKey(r.get(1).map_err(StoreError::backend)?)))
            },
        )
    }

    fn close_month(
        &mut self,
        unit: UnitId,
        month: MonthKey,
        at: OffsetDateTime,
        by: &str,
        snapshot: Option<i64>,
    ) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into period_closings (unit_id, month, closed_at, closed_by, snapshot_id)
                 values (?1, ?2, ?3, ?4, ?5)",
                params![unit.0, month.0, cv::instant_secs(at), by, snapshot],
            )
            .map_err(unique(|| format!("tháng {month} đã chốt / month {month} is closed already")))?;
        Ok(self.conn().last_insert_rowid())
    }

    fn reopen_month(
        &mut self,
        unit: UnitId,
        month: MonthKey,
        at: OffsetDateTime,
        by: &str,
        reason: &str,
    ) -> StoreResult<Option<PeriodClosing>> {
        let sql = format!(
            "update period_closings set reopened_at = ?3, reopened_by = ?4, reopen_reason = ?5
             where unit_id = ?1 and month = ?2 and reopened_at is null returning {COLUMNS}"
        );
        let rows = self.all(&sql, params![unit.0, month.0, cv::instant_secs(at), by, reason], closing)?;
        Ok(rows.into_iter().next())
    }
}
