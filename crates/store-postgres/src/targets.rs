//! Targets on PostgreSQL: one row per unit and year; a duplicate is found with `on conflict do
//! nothing`, so the transaction stays usable (as on SQLite).

use thads_core::{Percent, ReportingYear, UnitId};
use thads_store::{StoreError, StoreResult, Target, Targets, TargetsTx};

use crate::PgStore;
use crate::convert::get;
use crate::error::constraint;
use crate::tx::PgTx;

impl Targets for PgStore {
    fn targets(&self) -> StoreResult<Vec<Target>> {
        let sql = "select unit_id, year, cases_pct, money_pct from targets order by unit_id, year";
        self.query_all(sql, &[], |r| {
            let year: i32 = get(r, 1)?;
            Ok(Target {
                unit: UnitId(get(r, 0)?),
                year: ReportingYear::new(year).map_err(|_| StoreError::corrupt("targets.year", year))?,
                cases: Percent(get(r, 2)?),
                money: Percent(get(r, 3)?),
            })
        })
    }
}

impl TargetsTx for PgTx<'_> {
    fn insert_target(&mut self, t: &Target) -> StoreResult<()> {
        let what = || format!("chỉ tiêu năm / target of year {}", t.year);
        let rows = self.query_mapped(
            "insert into targets (unit_id, year, cases_pct, money_pct) values ($1, $2, $3, $4)
             on conflict (unit_id, year) do nothing returning 1",
            &[&t.unit.0, &t.year.number(), &t.cases.hundredths(), &t.money.hundredths()],
            constraint(what),
        )?;
        if rows.is_empty() { Err(StoreError::Duplicate(what())) } else { Ok(()) }
    }

    fn set_target(&mut self, t: &Target) -> StoreResult<Option<Target>> {
        let previous = self.query(
            "select cases_pct, money_pct from targets where unit_id = $1 and year = $2 for update",
            &[&t.unit.0, &t.year.number()],
        )?;
        let previous = match previous.first() {
            Some(r) => Some(Target { cases: Percent(get(r, 0)?), money: Percent(get(r, 1)?), ..*t }),
            None => None,
        };
        self.query_mapped(
            "insert into targets (unit_id, year, cases_pct, money_pct) values ($1, $2, $3, $4)
             on conflict (unit_id, year) do update set cases_pct = excluded.cases_pct, money_pct = excluded.money_pct",
            &[&t.unit.0, &t.year.number(), &t.cases.hundredths(), &t.money.hundredths()],
            constraint(|| format!("chỉ tiêu năm / target of year {}", t.year)),
        )?;
        Ok(previous)
    }
}
