//! The write transaction: `BEGIN IMMEDIATE` on a pooled connection in this process's writers'
//! turn (`Pool::write_turn`), rolled back when dropped without `commit` (`meta.rs`). The capabilities' writes (`units.rs`, `cases/`…) run on its
//! connection; what a transaction of many cases puts off until later (`deferred`,
//! `mass_change`) is kept here and settled before the writes that need it and at commit.

pub mod deferred;
pub mod ledger_log;
pub mod mass_change;

use rusqlite::Connection;
use thads_store::{HeldLog, StoreError, StoreResult};

use crate::pool::{Pooled, WriteTurn};
use deferred::Deferred;
use mass_change::MassChange;

pub struct SqliteTx<'a> {
    conn: Pooled<'a>,
    /// Released after `Drop::drop` has rolled back an unfinished transaction (fields drop after).
    _turn: WriteTurn<'a>,
    open: bool,
    /// Cases inserted in bulk whose search words and cohorts are still to be written.
    deferred: Option<Deferred>,
    /// Indexes (and cohort counts, if cases change) to build again at commit, the transaction
    /// changing most cases.
    mass: Option<MassChange>,
    /// The bump of the ledger generation and its log row, written at commit (`ledger_log`).
    pub(crate) log: HeldLog,
}

impl<'a> SqliteTx<'a> {
    pub fn begin(turn: WriteTurn<'a>, conn: Pooled<'a>) -> StoreResult<SqliteTx<'a>> {
        conn.execute_batch("begin immediate").map_err(StoreError::backend)?;
        Ok(SqliteTx { conn, _turn: turn, open: true, deferred: None, mass: None, log: HeldLog::default() })
    }

    /// Writes what the bulk inserts of this transaction deferred (see `deferred`): before any
    /// write whose triggers or lookups need the search index, the cohorts or the indexes.
    pub fn settle(&mut self) -> StoreResult<()> {
        match self.deferred.take() {
            Some(deferred) => deferred::settle(&self.conn, deferred),
            None => Ok(()),
        }
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs a read in the transaction; every row through `map`.
    pub fn all<T>(
        &self,
        sql: &str,
        p: impl rusqlite::Params,
        map: impl Fn(&rusqlite::Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        crate::convert::query_all(&self.conn, sql, p, map)
    }

    /// Before inserting `cases` cases: from `deferred::BULK` on, their search words and
    /// cohorts are deferred (once per transaction).
    pub fn defer_bulk_insert(&mut self, cases: usize) -> StoreResult<()> {
        if cases >= deferred::BULK && self.deferred.is_none() {
            self.deferred = Some(deferred::start(self.conn())?);
        }
        Ok(())
    }

    /// Before a case is written: the deferred inserts settle, and a mass change drops what
    /// concerns cases (once).
    pub fn before_case_change(&mut self) -> StoreResult<()> {
        self.settle()?;
        if let Some(mass) = &mut self.mass {
            mass_change::cases_change(&self.conn, mass)?;
        }
        Ok(())
    }

    /// Whether the transaction announced a change of most cases (`expect_changes`).
    pub fn in_mass_change(&self) -> bool {
        self.mass.is_some()
    }

    /// Announces a change of about `cases` stored cases (see `mass_change`).
    pub fn expect_changes(&mut self, cases: usize) -> StoreResult<()> {
        if self.mass.is_none() {
            // The indexes a bulk insert of this transaction dropped must be back to be dropped.
            self.settle()?;
            self.mass = mass_change::start(self.conn(), cases)?;
        }
        Ok(())
    }

    /// Settles everything put off and commits.
    pub fn finish(&mut self) -> StoreResult<()> {
        self.settle()?;
        if let Some(mass) = self.mass.take() {
            mass_change::finish(self.conn(), mass)?;
        }
        let bumped = ledger_log::bump_and_log(self.conn(), &self.log)?;
        self.conn.execute_batch("commit").map_err(StoreError::backend)?;
        self.open = false;
        if let Some(generation) = bumped {
            self.log.committed(generation);
        }
        Ok(())
    }
}

impl Drop for SqliteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing useful can be done if the rollback itself fails; the connection's next
            // `begin` would fail loudly.
            let _ = self.conn.execute_batch("rollback");
        }
    }
}
