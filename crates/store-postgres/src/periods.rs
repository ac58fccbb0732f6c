//! Monthly closing on PostgreSQL: a row per closing; reopening fills in who, when and why. A
//! second closing of a closed month is found with `on conflict do nothing`, so the transaction
//! stays usable (as on SQLite).

use postgres::Row;
use thads_core::{MonthKey, UnitId};
use thads_store::{PeriodClosing, Periods, PeriodsTx, StoreError, StoreResult};
use time::OffsetDateTime;

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;

const COLUMNS: &str = "id, unit_id, month, closed_at, closed_by, snapshot_id, reopened_at, reopened_by, reopen_reason";

fn closing(r: &Row) -> StoreResult<PeriodClosing> {
    let reopened: Option<i64> = get(r, 6)?;
    Ok(PeriodClosing {
        id: get(r, 0)?,
        unit: UnitId(get(r, 1)?),
        month: MonthKey(get(r, 2)?),
        closed_at: cv::instant_of("period_closings.closed_at", get(r, 3)?)?,
        closed_by: get(r, 4)?,
        snapshot: get(r, 5)?,
        reopened_at: reopened.map(|s| cv::instant_of("period_closings.reopened_at", s)).transpose()?,
        reopened_by: get(r, 7)?,
        reopen_reason: get(r, 8)?,
    })
}

impl Periods for PgStore {
    fn closings_of(&self, units: &[UnitId]) -> StoreResult<Vec<PeriodClosing>> {
        let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
        let sql = format!("select {COLUMNS} from period_closings where unit_id = any($1) order by month desc, id desc");
        self.query_all(&sql, &[&ids], closing)
    }
}

impl PeriodsTx for PgTx<'_> {
    fn closed_in(&mut self, months: &[MonthKey]) -> StoreResult<Vec<(UnitId, MonthKey)>> {
        let months: Vec<i32> = months.iter().map(|m| m.0).collect();
        let rows = self.query(
            "select unit_id, month from period_closings where reopened_at is null and month = any($1)",
            &[&months],
        )?;
        rows.iter().map(|r| Ok((UnitId(get(r, 0)?), MonthKey(get(r, 1)?)))).collect()
    }

    fn close_month(
        &mut self,
        unit: UnitId,
        month: MonthKey,
        at: OffsetDateTime,
        by: &str,
        snapshot: Option<i64>,
    ) -> StoreResult<i64> {
        let what = || format!("tháng {month} đã chốt / month {month} is closed already");
        let rows = self.query_mapped(
            "insert into period_closings (unit_id, month, closed_at, closed_by, snapshot_id)
             values ($1, $2, $3, $4, $5)
             on conflict (unit_id, month) where reopened_at is null do nothing returning id",
            &[&unit.0, &month.0, &at.unix_timestamp(), &by, &snapshot],
            constraint(what),
        )?;
        match rows.first() {
            Some(r) => get(r, 0),
            None => Err(StoreError::Duplicate(what())),
        }
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
            "update period_closings set reopened_at = $3, reopened_by = $4, reopen_reason = $5
             where unit_id = $1 and month = $2 and reopened_at is null returning {COLUMNS}"
        );
        let rows = self.query(&sql, &[&unit.0, &month.0, &at.unix_timestamp(), &by, &reason])?;
        rows.first().map(closing).transpose()
    }
}
