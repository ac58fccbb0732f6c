//! What every command needs: the store chosen by `--db`, the rules, and who is acting when.
//! This is the only place a backend is chosen.

use std::path::Path;

use thads_app::Actor;
use thads_app::clock::SystemClock;
use thads_core::{Clock, Rules};
use thads_store::Store;
use thads_store_postgres::PgStore;
use thads_store_sqlite::SqliteStore;

use crate::error::CliError;

pub struct Context {
    pub store: Box<dyn Store>,
    pub rules: Rules,
    /// Shown as the author of changes made from the command line.
    pub login: String,
}

impl Context {
    pub fn open(db: &str) -> Result<Context, CliError> {
        let store = open_store(db)?;
        let rules = Rules::default();
        // A ledger built with other classification rules is recomputed before anything reads it.
        thads_app::ledger::ensure_ledger(store.as_ref(), &rules, thads_app::clock::SystemClock.today())?;
        thads_app::deadlines::ensure_deadlines(store.as_ref(), &rules, thads_app::clock::SystemClock.today())?;
        Ok(Context { store, rules, login: cli_login() })
    }

    /// The person at the command line, now.
    pub fn actor(&self) -> Actor {
        Actor { login: self.login.clone(), at: SystemClock.now() }
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }
}

/// Who acts from the command line: `THADS_USER`, else `cli`.
pub fn cli_login() -> String {
    std::env::var("THADS_USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "cli".to_string())
}

/// The backend a `--db` value names: a `postgres://` or `postgresql://` URL, or a SQLite file.
pub fn open_store(db: &str) -> Result<Box<dyn Store>, CliError> {
    if is_postgres_url(db) { Ok(Box::new(PgStore::open(db)?)) } else { Ok(Box::new(SqliteStore::open(Path::new(db))?)) }
}

pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}
