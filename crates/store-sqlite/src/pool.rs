//! A small pool of SQLite connections to one file, and the writers' turn among them.
//!
//! SQLite serialises writers itself (`BEGIN IMMEDIATE` with a busy timeout), but a writer that
//! finds the lock taken sleeps in SQLite's busy handler in growing steps (1, 2, 5 … 100 ms)
//! and is not woken when the lock is released; newer writers may take it first. Under a
//! stream of small writes (a server recording events while it logs case views) a write could
//! wait half a second for a lock held a millisecond at a time, holding one of the server's
//! workers meanwhile, so every page queued behind it. The writers of one process therefore
//! first take their turn here (`Pool::write_turn`), woken as soon as the one before them is
//! done; only writers of other processes still meet in SQLite's busy handler.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::{Connection, OpenFlags};
use thads_store::observe::{self, PoolReading, PoolUse};
use thads_store::{StoreError, StoreResult};

/// How long a writer waits for its turn, in this process as in SQLite's busy handler.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    max_idle: usize,
    usage: PoolUse,
    /// Whether a writer of this process has its turn; `turn_over` wakes the next one.
    writing: Mutex<bool>,
    turn_over: Condvar,
}

impl Pool {
    pub fn new(path: PathBuf, max_idle: usize) -> Pool {
        Pool {
            path,
            idle: Mutex::new(Vec::new()),
            max_idle,
            usage: PoolUse::default(),
            writing: Mutex::new(false),
            turn_over: Condvar::new(),
        }
    }

    /// Waits until no other writer of this process is writing (at most `BUSY_TIMEOUT`), then
    /// holds the turn until the returned guard is dropped: take it before `BEGIN IMMEDIATE`,
    /// drop it after the commit or the rollback.
    pub fn write_turn(&self) -> StoreResult<WriteTurn<'_>> {
        let deadline = Instant::now() + BUSY_TIMEOUT;
        let mut writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        while *writing {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(StoreError::Backend(
                    "cơ sở dữ liệu đang bận ghi / the database stayed busy with another write for 30 s".into(),
                ));
            }
            writing = self.turn_over.wait_timeout(writing, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        *writing = true;
        Ok(WriteTurn { pool: self })
    }

    fn end_turn(&self) {
        *lock(&self.writing) = false;
        self.turn_over.notify_one();
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
    conn.busy_timeout(BUSY_TIMEOUT).map_err(StoreError::backend)?;
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

/// `mutex`'s guard; a panic elsewhere leaves nothing inconsistent behind a flag.
fn lock(mutex: &Mutex<bool>) -> MutexGuard<'_, bool> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A writer's turn in this process; the next writer's when dropped.
pub struct WriteTurn<'a> {
    pool: &'a Pool,
}

impl Drop for WriteTurn<'_> {
    fn drop(&mut self) {
        self.pool.end_turn();
    }
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
    fn writers_of_one_process_take_turns() {
        let pool = Arc::new(Pool::new(std::path::PathBuf::from("unused.db"), 1));
        let first = pool.write_turn().unwrap();
        let (second_has_it, waiter) = (Arc::new(Mutex::new(false)), Arc::clone(&pool));
        let flag = Arc::clone(&second_has_it);
        let second = std::thread::spawn(move || {
            let _turn = waiter.write_turn().unwrap();
            *flag.lock().unwrap() = true;
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!*second_has_it.lock().unwrap(), "a second writer waits while the first writes");
        drop(first);
        second.join().unwrap();
        assert!(*second_has_it.lock().unwrap(), "and writes when the first is done");
        drop(pool.write_turn().unwrap());
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
