//! The embedded default backend: one SQLite file in WAL mode with foreign keys on; the
//! schema migrations are compiled in and run when the store opens.
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
mod reorg;
mod requests;
mod snapshots;
mod targets;
mod tx;
mod units;

use std::path::{Path, PathBuf};

use thads_store::StoreResult;

use crate::pool::Pool;

pub use migrate::MIGRATIONS;

/// A THADS database in one SQLite file.
pub struct SqliteStore {
    path: PathBuf,
    pool: Pool,
    /// The portal's key, read once: the schema's migration makes it and nothing changes it.
    portal_key: std::sync::OnceLock<String>,
    _guard: Option<Box<dyn std::any::Any + Send + Sync>>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        let mut conn = pool::open(path)?;
        migrate::run(&mut conn)?;
        drop(conn);
        Ok(SqliteStore {
            path: path.to_path_buf(),
            pool: Pool::new(path.to_path_buf(), 16),
            portal_key: std::sync::OnceLock::new(),
            _guard: None,
        })
    }

    /// Keeps `guard` (e.g. a temporary directory) alive as long as the store.
    pub fn with_guard(mut self, guard: Box<dyn std::any::Any + Send + Sync>) -> SqliteStore {
        self._guard = Some(guard);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs a read on a pooled connection; every row through `map`.
    fn query_all<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl Fn(&rusqlite::Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        convert::query_all(&*self.pool.get()?, sql, params, map)
    }

    /// The first row of a read, if any.
    fn query_one<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl Fn(&rusqlite::Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        Ok(self.query_all(sql, params, map)?.into_iter().next())
    }
}
