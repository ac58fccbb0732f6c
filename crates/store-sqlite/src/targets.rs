//! Targets on SQLite: one row per unit and year.

use rusqlite::{OptionalExtension, params};
use thads_core::{Percent, ReportingYear, UnitId};
use thads_store::{StoreError, StoreResult, Target, Targets, TargetsTx};

use crate::SqliteStore;
use crate::error::unique;
use crate::tx::SqliteTx;

impl Targets for SqliteStore {
    fn targets(&self) -> StoreResult<Vec<Target>> {
        self.query_all("select unit_id, year, cases_pct, money_pct from targets order by unit_id, year", [], |r| {
            let year: i32 = r.get(1).map_err(StoreError::backend)?;
            Ok(Target {
                unit: UnitId(r.get(0).map_err(StoreError::backend)?),
                year: ReportingYear::new(year).map_err(|_| StoreError::corrupt("targets.year", year))?,
                cases: Percent(r.get(2).map_err(StoreError::backend)?),
                money: Percent(r.get(3).map_err(StoreError::backend)?),
            })
        })
    }
}

impl TargetsTx for SqliteTx<'_> {
    fn insert_target(&mut self, t: &Target) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into targets (unit_id, year, cases_pct, money_pct) values (?1, ?2, ?3, ?4)",
                params![t.unit.0, t.year.number(), t.cases.hundredths(), t.money.hundredths()],
            )
            .map_err(unique(|| format!("chỉ tiêu năm / target of year {}", t.year)))?;
        Ok(())
    }

    fn set_target(&mut self, t: &Target) -> StoreResult<Option<Target>> {
        let previous = self
            .conn()
            .query_row(
                "select cases_pct, money_pct from targets where unit_id = ?1 and year = ?2",
                params![t.unit.0, t.year.number()],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )
            .optional()
            .map_err(StoreError::backend)?
            .map(|(c, m)| Target { cases: Percent(c), money: Percent(m), ..*t });
        self.conn()
            .execute(
                "insert into targets (unit_id, year, cases_pct, money_pct) values (?1, ?2, ?3, ?4)
                 on conflict (unit_id, year) do update set cases_pct = excluded.cases_pct, money_pct = excluded.money_pct",
                params![t.unit.0, t.year.number(), t.cases.hundredths(), t.money.hundredths()],
            )
            .map_err(StoreError::backend)?;
        Ok(previous)
    }
}
