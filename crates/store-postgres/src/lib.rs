//! The scale backend: PostgreSQL through the synchronous `postgres` client and a small pool.
//! Same traits, same contract and same migration names as the embedded SQLite backend; bulk
//! writes use binary COPY and history scans stream through a server-side portal.
//!
//! Each capability of `thads_store` is implemented in the file of its name (`units.rs`,
//! `cases/`…): its reads on a pooled connection, its writes in the transaction of `tx/`;
//! `meta.rs` holds `Store` itself (`backend`, `begin`) and `commit`.

mod accounts;
mod admin_judgments;
mod assets;
mod audit;
pub mod backup;
mod calendar;
mod cases;
mod complaints;
mod convert;
mod deadlines;
mod documents;
mod error;
mod events;
mod exemption;
mod imports;
mod ledger;
mod meta;
mod migrate;
mod money;
mod money_rows;
mod money_savings;
mod money_statements;
mod periods;
mod personnel;
mod pool;
mod portal;
mod reception;
mod references;
mod reorg;
mod requests;
mod snapshots;
mod targets;
pub mod testing;
mod tx;
mod units;

use std::str::FromStr;

use postgres::Config;
use postgres::Row;
use postgres::types::ToSql;
use thads_store::{StoreError, StoreResult};

use crate::pool::{Pool, Pooled};

pub use migrate::MIGRATIONS;

/// How many idle connections the pool keeps; more are opened when needed.
const MAX_IDLE: usize = 16;

/// A THADS database on a PostgreSQL server.
pub struct PgStore {
    pool: Pool,
    /// The portal's key, read once: the schema's migration makes it and nothing changes it.
    portal_key: std::sync::OnceLock<String>,
    // Dropped last, after the pool's connections (a test database cannot be dropped while used).
    _guard: Option<Box<dyn std::any::Any + Send + Sync>>,
}

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`) and brings the schema
    /// up to date.
    pub fn open(url: &str) -> StoreResult<PgStore> {
        let config = Config::from_str(url).map_err(|e| {
            StoreError::Invalid(format!("địa chỉ PostgreSQL không hợp lệ / invalid PostgreSQL URL: {e}"))
        })?;
        let mut conn = pool::Conn::connect(&config)?;
        migrate::run(&mut conn.client)?;
        let pool = Pool::new(config, MAX_IDLE);
        Ok(PgStore { pool, portal_key: std::sync::OnceLock::new(), _guard: None })
    }

    /// Keeps `guard` (e.g. a temporary database) alive as long as the store.
    pub fn with_guard(mut self, guard: Box<dyn std::any::Any + Send + Sync>) -> PgStore {
        self._guard = Some(guard);
        self
    }

    fn conn(&self) -> StoreResult<Pooled<'_>> {
        self.pool.get()
    }

    /// Runs a prepared read on a pooled connection; every row through `map`.
    fn query_all<T>(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        map: impl Fn(&Row) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let mut conn = self.conn()?;
        let statement = conn.prepared(sql)?;
        let rows = pool::timed(sql, || conn.client.query(&statement, params)).map_err(error::backend)?;
        rows.iter().map(map).collect()
    }

    /// The first row of a read, if any.
    fn query_one<T>(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        map: impl Fn(&Row) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        Ok(self.query_all(sql, params, map)?.into_iter().next())
    }
}

impl Drop for PgStore {
    /// Closing a connection (and dropping a test database) runs the client's own runtime, which
    /// panics on a thread of an async runtime: a web server drops its store there when it stops,
    /// and a panic in a destructor aborts the process. A thread of their own closes them.
    fn drop(&mut self) {
        let idle = self.pool.take_idle();
        let guard = self._guard.take();
        if idle.is_empty() && guard.is_none() {
            return;
        }
        let close = move || {
            drop(idle);
            drop(guard);
        };
        if let Ok(closing) = std::thread::Builder::new().name("thads-pg-close".into()).spawn(close) {
            let _ = closing.join();
        }
    }
}
