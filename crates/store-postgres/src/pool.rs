//! A small pool of PostgreSQL connections, each with its own cache of prepared statements so
//! that the hot paths (recording an event) cost one round trip per statement, not two.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

use postgres::{Client, Config, NoTls, Statement};
use thads_store::observe::{PoolReading, PoolUse};
use thads_store::{StoreError, StoreResult};

/// The most statements kept prepared on one connection (THADS has a few hundred texts).
const MAX_PREPARED: usize = 512;

/// A connection and the statements prepared on it.
pub struct Conn {
    pub client: Client,
    statements: HashMap<String, Statement>,
}

impl Conn {
    pub fn connect(config: &Config) -> StoreResult<Conn> {
        let client = config.connect(NoTls).map_err(|e| match crate::error::backend(e) {
            StoreError::Backend(detail) => StoreError::Backend(format!("connect: {detail}")),
            other => other,
        })?;
        let mut conn = Conn { client, statements: HashMap::new() };
        // THADS's statements are short lookups and small aggregates: compiling them (JIT) took
        // milliseconds more than running them.
        conn.client.batch_execute("set jit = off").map_err(crate::error::backend)?;
        Ok(conn)
    }

    /// The statement for `sql`, prepared once per connection. Some texts carry numbers (the
    /// case list's page offset), planned best as constants; so that a reader paging on cannot
    /// grow the server's prepared statements without end, the cache is emptied when it holds
    /// `MAX_PREPARED` (each statement is closed on the server as its last handle drops).
    pub fn prepared(&mut self, sql: &str) -> StoreResult<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        if self.statements.len() >= MAX_PREPARED {
            self.statements.clear();
        }
        let statement = self.client.prepare(sql).map_err(crate::error::backend)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

/// Runs the statement `sql` through `run`, reporting its duration to the log of slow statements
/// (`thads_store::observe`; the text only, never the parameters).
pub fn timed<T>(sql: &str, run: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let out = run();
    thads_store::observe::statement("postgres", sql, started.elapsed());
    out
}

pub struct Pool {
    config: Config,
    idle: Mutex<Vec<Conn>>,
    max_idle: usize,
    usage: PoolUse,
}

impl Pool {
    pub fn new(config: Config, max_idle: usize) -> Pool {
        Pool { config, idle: Mutex::new(Vec::new()), max_idle, usage: PoolUse::default() }
    }

    pub fn get(&self) -> StoreResult<Pooled<'_>> {
        let conn = loop {
            let reused = self.idle.lock().map_err(StoreError::backend)?.pop();
            match reused {
                // A connection the server closed (restart, idle timeout) is dropped, not reused.
                Some(c) if c.client.is_closed() => continue,
                Some(c) => break c,
                None => break Conn::connect(&self.config)?,
            }
        };
        self.usage.lent();
        Ok(Pooled { pool: self, conn: Some(conn) })
    }

    /// Connections lent out and idle.
    pub fn reading(&self) -> PoolReading {
        self.usage.reading(self.idle.lock().map_or(0, |idle| idle.len()))
    }

    /// The idle connections, taken out of the pool (to close them elsewhere).
    pub fn take_idle(&mut self) -> Vec<Conn> {
        std::mem::take(self.idle.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    fn put_back(&self, conn: Conn) {
        if conn.client.is_closed() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < self.max_idle
        {
            idle.push(conn);
        }
    }
}

/// A connection borrowed from the pool; returned when dropped.
pub struct Pooled<'a> {
    pool: &'a Pool,
    conn: Option<Conn>,
}

impl Pooled<'_> {
    /// Drops the connection instead of returning it (its session state is unknown).
    pub fn discard(&mut self) {
        if self.conn.take().is_some() {
            self.pool.usage.returned();
        }
    }
}

impl Deref for Pooled<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        // Only `drop` and `discard` take the connection out, and nothing uses it after them.
        self.conn.as_ref().unwrap_or_else(|| unreachable!("connection taken"))
    }
}

impl DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Conn {
        self.conn.as_mut().unwrap_or_else(|| unreachable!("connection taken"))
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.usage.returned();
            self.pool.put_back(conn);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use std::sync::{Arc, Mutex};

    use super::MAX_PREPARED;

    use thads_store::Store;

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

    /// On PostgreSQL (`THADS_TEST_PG`): texts without end (a page offset in each) keep at most
    /// `MAX_PREPARED` statements prepared on the connection, on the server as in the cache.
    #[test]
    fn prepared_statements_stay_bounded_however_many_texts_are_asked() {
        let Some(store) = crate::testing::fresh_store().unwrap() else { return };
        let mut conn = store.pool.get().unwrap();
        for page in 0..MAX_PREPARED + 10 {
            let statement = conn.prepared(&format!("select 1 offset {page}")).unwrap();
            drop(statement);
            assert!(conn.statements.len() <= MAX_PREPARED);
        }
        let on_server: i64 = conn.client.query_one("select count(*) from pg_prepared_statements", &[]).unwrap().get(0);
        assert!(on_server <= MAX_PREPARED as i64, "{on_server} statements prepared on the server");
        assert!(conn.prepared("select 1 offset 3").is_ok(), "and a text asked again is prepared again");
    }

    /// On PostgreSQL (`THADS_TEST_PG`): a read through the store's pooled path is timed, logged
    /// with its first words only, and the pool counts the connection lent and given back.
    #[test]
    fn a_slow_statement_is_logged_without_its_values_and_the_pool_counts_its_connections() {
        let Some(store) = crate::testing::fresh_store().unwrap() else { return };
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&buffer);
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_writer(move || Sink(Arc::clone(&sink)))
            .with_max_level(tracing::Level::INFO)
            .finish();
        thads_store::observe::set_slow_threshold(Some(0));
        let names = tracing::subscriber::with_default(subscriber, || {
            store.query_all("select $1::text || '' as debtor", &[&"Nguyễn Bí Mật"], |r| Ok(r.get::<_, String>(0)))
        });
        thads_store::observe::set_slow_threshold(None);
        assert_eq!(names.unwrap(), vec!["Nguyễn Bí Mật".to_string()]);
        let text = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
        assert!(text.contains(r#""statement":"select $1::text || '' as debtor""#), "{text}");
        assert!(text.contains(r#""backend":"postgres""#), "{text}");
        assert!(!text.contains("Bí"), "no value is logged: {text}");
        let pool = store.pool_use().unwrap();
        assert_eq!(pool.in_use, 0, "given back");
        assert!(pool.idle >= 1, "kept idle: {pool:?}");
        let lent = store.pool.get().unwrap();
        assert_eq!(store.pool_use().unwrap().in_use, 1);
        drop(lent);
        assert_eq!(store.pool_use().unwrap().in_use, 0);
    }
}
