//! `Store` itself on PostgreSQL (which backend, a transaction begun, committed) and the
//! database as a whole: the reference generation (schema 0009) and the planner's statistics.

use thads_store::{Meta, Store, StoreResult, WriteTx};

use crate::PgStore;
use crate::convert::get;
use crate::error::backend;
use crate::tx::PgTx;

impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn pool_use(&self) -> Option<thads_store::observe::PoolReading> {
        Some(self.pool.reading())
    }

    fn begin(&self) -> StoreResult<Box<dyn WriteTx + '_>> {
        Ok(Box::new(PgTx::begin(self.conn()?)?))
    }
}

impl WriteTx for PgTx<'_> {
    /// The ledger deltas held until now are applied just before the commit (see `tx`), then
    /// the audit entries are appended to the chain (see `audit`).
    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        let deltas = self.prepare_commit()?;
        crate::ledger::apply(&mut self, &deltas)?;
        crate::audit::append_held(&mut self)?;
        self.finish()
    }
}

impl Meta for PgStore {
    fn reference_generation(&self) -> StoreResult<i64> {
        let sql = "select value::bigint from meta where key = 'reference_generation'";
        Ok(self.query_one(sql, &[], |r| get::<i64>(r, 0))?.unwrap_or(0))
    }

    fn refresh_planner_statistics(&self) -> StoreResult<()> {
        // Autovacuum analyses new rows only later; until then a lookup of two cases' events
        // among 39 million was planned as a parallel scan for 160,000 rows (35 ms, not 0.1).
        let tables = "cases, events, deadlines, ledger, deducted_moves, case_cohorts, audit";
        self.conn()?.client.batch_execute(&format!("analyze {tables}")).map_err(backend)
    }

    fn unmoved_register_rows(&self) -> StoreResult<Vec<i64>> {
        let n = thads_store::UNMOVED_REGISTERS.len();
        let rows = self.query_all(&thads_store::unmoved_register_sql(), &[], |r| {
            (0..n).map(|i| get::<i64>(r, i)).collect::<StoreResult<Vec<_>>>()
        })?;
        Ok(rows.into_iter().next().unwrap_or_default())
    }
}
