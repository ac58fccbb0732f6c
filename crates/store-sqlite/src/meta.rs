//! `Store` itself on SQLite (which backend, a transaction begun, committed) and the database as
//! a whole: the reference generation (schema 0009) and the planner's statistics.

use thads_store::{Meta, Store, StoreError, StoreResult, WriteTx};

use crate::SqliteStore;
use crate::tx::SqliteTx;

impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn pool_use(&self) -> Option<thads_store::observe::PoolReading> {
        Some(self.pool.reading())
    }

    fn begin(&self) -> StoreResult<Box<dyn WriteTx + '_>> {
        Ok(Box::new(SqliteTx::begin(self.pool.get()?)?))
    }
}

impl WriteTx for SqliteTx<'_> {
    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.finish()
    }
}

impl Meta for SqliteStore {
    fn reference_generation(&self) -> StoreResult<i64> {
        let sql = "select cast(value as integer) from meta where key = 'reference_generation'";
        Ok(self.query_one(sql, [], |r| r.get::<_, i64>(0).map_err(StoreError::backend))?.unwrap_or(0))
    }

    fn refresh_planner_statistics(&self) -> StoreResult<()> {
        let conn = self.pool.get()?;
        conn.execute_batch("pragma optimize").map_err(StoreError::backend)
    }

    fn unmoved_register_rows(&self) -> StoreResult<Vec<i64>> {
        let conn = self.pool.get()?;
        let n = thads_store::UNMOVED_REGISTERS.len();
        conn.query_row(&thads_store::unmoved_register_sql(), [], |r| (0..n).map(|i| r.get(i)).collect())
            .map_err(StoreError::backend)
    }
}
