//! Units on PostgreSQL: the tree of units, inserted parents first, successors linked
//! afterwards. A used code is found with `on conflict do nothing`, so the transaction stays
//! usable (as on SQLite).

use thads_core::{Unit, UnitId};
use thads_store::{NewUnit, StoreError, StoreResult, UNIT_COLUMNS, Units, UnitsTx};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;

/// Every unit, by code; `collate "C"`: byte order, as SQLite sorts text, whatever the
/// database's locale.
fn all_sql() -> String {
    format!("select {UNIT_COLUMNS} from units order by code collate \"C\"")
}

impl Units for PgStore {
    fn units(&self) -> StoreResult<Vec<Unit>> {
        self.query_all(&all_sql(), &[], cv::unit)
    }
}

impl UnitsTx for PgTx<'_> {
    fn insert_unit(&mut self, u: &NewUnit) -> StoreResult<UnitId> {
        let rows = self.query_mapped(
            "insert into units (code, name, kind, parent_id, valid_from, valid_to, successor_id)
             values ($1, $2, $3, $4, $5, $6, $7) on conflict (code) do nothing returning id",
            &[
                &u.code.as_str(),
                &u.name,
                &u.kind.code(),
                &u.parent.map(|p| p.0),
                &u.valid_from,
                &u.valid_to,
                &u.successor.map(|s| s.0),
            ],
            constraint(|| format!("mã đơn vị / unit code {}", u.code)),
        )?;
        let row = rows.first().ok_or_else(|| StoreError::Duplicate(format!("mã đơn vị / unit code {}", u.code)))?;
        Ok(UnitId(get(row, 0)?))
    }

    fn link_successor(&mut self, unit: UnitId, successor: UnitId) -> StoreResult<()> {
        self.execute("update units set successor_id = $2 where id = $1", &[&unit.0, &successor.0])?;
        Ok(())
    }

    fn units(&mut self) -> StoreResult<Vec<Unit>> {
        self.query(&all_sql(), &[])?.iter().map(cv::unit).collect()
    }

    fn unit(&mut self, id: UnitId) -> StoreResult<Option<Unit>> {
        let sql = format!("select {UNIT_COLUMNS} from units where id = $1");
        self.query(&sql, &[&id.0])?.first().map(cv::unit).transpose()
    }
}
