//! Units on SQLite: the tree of units, inserted parents first, successors linked afterwards.

use rusqlite::params;
use thads_core::{Unit, UnitId};
use thads_store::{NewUnit, StoreError, StoreResult, UNIT_COLUMNS, Units, UnitsTx};

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::unique;
use crate::tx::SqliteTx;

/// Every unit, by code.
fn all_sql() -> String {
    format!("select {UNIT_COLUMNS} from units order by code")
}

impl Units for SqliteStore {
    fn units(&self) -> StoreResult<Vec<Unit>> {
        self.query_all(&all_sql(), [], cv::unit)
    }
}

impl UnitsTx for SqliteTx<'_> {
    fn insert_unit(&mut self, u: &NewUnit) -> StoreResult<UnitId> {
        self.conn()
            .prepare_cached(
                "insert into units (code, name, kind, parent_id, valid_from, valid_to, successor_id)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    u.code.as_str(),
                    u.name,
                    u.kind.code(),
                    u.parent.map(|p| p.0),
                    u.valid_from.map(cv::date_text),
                    u.valid_to.map(cv::date_text),
                    u.successor.map(|p| p.0),
                ])
            })
            .map_err(unique(|| format!("mã đơn vị / unit code {}", u.code)))?;
        Ok(UnitId(self.conn().last_insert_rowid()))
    }

    fn link_successor(&mut self, unit: UnitId, successor: UnitId) -> StoreResult<()> {
        self.conn()
            .execute("update units set successor_id = ?2 where id = ?1", params![unit.0, successor.0])
            .map_err(StoreError::backend)?;
        Ok(())
    }

    fn units(&mut self) -> StoreResult<Vec<Unit>> {
        self.all(&all_sql(), [], cv::unit)
    }

    fn unit(&mut self, id: UnitId) -> StoreResult<Option<Unit>> {
        let sql = format!("select {UNIT_COLUMNS} from units where id = ?1");
        Ok(self.all(&sql, [id.0], cv::unit)?.into_iter().next())
    }
}
