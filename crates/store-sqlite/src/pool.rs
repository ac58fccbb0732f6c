//! A small pool of SQLite connections to one file. SQLite serialises writers itself
//! (`BEGIN IMMEDIATE` with a busy timeout); the pool only avoids reopening connections.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::{Connection, OpenFlags};
use thads_store::observe::{self, PoolReading, PoolUse};
use thads_store::{StoreError, StoreResult};

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    max_idle: usize,
    usage: PoolUse,
}

impl Pool {
    pub fn new(path: PathBuf, max_idle: usize) -> Pool {
        Pool { path, idle: Mutex::new(Vec::new()), max_idle, usage: PoolUse::default() }
    }

    pub fn get(&self) -> StoreResult<Pooled<'_>> {
        let reused = self.idle.lock().map_err(StoreError::backend)?.pop();
        let conn = match reused {
            Some(c) => c,
            None => open(&self.path)?,
        };
        self.usage.lent();
        Ok(Pooled { pool: self, conn: Some(conn) })
    }

    fn put_back(&self, conn: Connection) {
        self.usage.returned();
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.max_idle
        {
            idle.push(conn);
        }
    }

    /// Connections lent out and idle.
    pub fn reading(&self) -> PoolReading {
        self.usage.reading(self.idle.lock().map_or(0, |idle| idle.len()))
    }
}

/// Opens a connection with the settings every connection needs: WAL, foreign keys, a busy
/// timeout, full sync so that a committed import survives a power cut, and stable plans.
pub fn open(path: &std::path::Path) -> StoreResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| {
        StoreError::Invalid(format!(
            "không mở được tệp cơ sở dữ liệu {} / cannot open the database file: {e}",
            path.display()
        ))
    })?;
    conn.busy_timeout(Duration::from_secs(30)).map_err(StoreError::backend)?;
    conn.execute_batch(
        "pragma journal_mode = wal;
         pragma synchronous = full;
         pragma foreign_keys = on;
         pragma temp_store = memory;
         pragma cache_size = -65536;",
    )
    .map_err(StoreError::backend)?;
    // Plans stay as prepared whatever is bound: without this, a statement whose parameter feeds
    // a virtual table (the case search's `match ?`) is prepared again at every new value,
    // a tenth of the cost of a search.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).map_err(StoreError::backend)?;
    conn.set_prepared_statement_cache_capacity(64);
    // Each statement's duration as SQLite measures it, for the log of slow statements: its
    // text with placeholders, read only when it was slow.
    let slow = |event: TraceEvent<'_>| {
        if let TraceEvent::Profile(statement, took) = event
            && observe::is_slow(took)
        {
            observe::statement("sqlite", &statement.sql(), took);
        }
    };
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(slow)).map_err(StoreError::backend)?;
    Ok(conn)
}

/// A connection borrowed from the pool; returned when dropped.
pub struct Pooled<'a> {
    pool: &'a Pool,
    conn: Option<Connection>,
}

impl Deref for Pooled<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        // Only `drop` takes the connection out.
        self.conn.as_ref().unwrap_or_else(|| unreachable!("connection taken before drop"))
    }
}

impl DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().unwrap_or_else(|| unreachable!("connection taken before drop"))
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.put_back(conn);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use std::sync::{Arc, Mutex};

    use super::*;

    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_slow_statement_is_logged_with_its_first_words_never_its_values() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("t.db")).unwrap();
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&buffer);
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_writer(move || Sink(Arc::clone(&sink)))
            .with_max_level(tracing::Level::INFO)
            .finish();
        // Every statement is slow at 0 ms; SQLite calls back on this thread.
        observe::set_slow_threshold(Some(0));
        tracing::subscriber::with_default(subscriber, || {
            let name: String =
                conn.query_row("select ?1 || '' as debtor from (select 1)", ["Nguyễn Bí Mật"], |r| r.get(0)).unwrap();
            assert_eq!(name, "Nguyễn Bí Mật");
        });
        observe::set_slow_threshold(None);
        let text = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
        assert!(text.contains(r#""statement":"select ?1 || '' as debtor""#), "{text}");
        assert!(text.contains(r#""backend":"sqlite""#) && text.contains(r#""ms":"#), "{text}");
        assert!(!text.contains("Bí Mật") && !text.contains("Bí"), "no value is logged: {text}");
    }
}
