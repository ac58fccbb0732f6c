//! Test support: a fresh database per test on the server named by `THADS_TEST_PG`, dropped
//! when the store that holds its guard is dropped, so that tests run in parallel.

use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use postgres::{Config, NoTls};
use thads_store::{StoreError, StoreResult};

use crate::PgStore;

/// The variable naming the server tests may create databases on.
pub const TEST_URL_VAR: &str = "THADS_TEST_PG";

/// The URL in `THADS_TEST_PG`, or `None` (after printing why the test is skipped).
pub fn test_url() -> Option<String> {
    match std::env::var(TEST_URL_VAR) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            say_skipped();
            None
        }
    }
}

/// Says once per test binary, past the test harness's capture of `println!`, why PostgreSQL
/// tests pass without running.
fn say_skipped() {
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        let line = format!("skipped: set {TEST_URL_VAR} (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres)\n");
        let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    });
}

/// A database created for one test; dropped (with any connection left) when this is dropped.
pub struct TestDatabase {
    admin: Config,
    name: String,
    url: String,
}

impl TestDatabase {
    /// Creates `thads_t_<unique>` on the server of `admin_url`.
    pub fn create(admin_url: &str) -> StoreResult<TestDatabase> {
        let admin = Config::from_str(admin_url).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let name = unique_name();
        let mut client = admin.connect(NoTls).map_err(crate::error::backend)?;
        client.batch_execute(&format!("create database {name}")).map_err(crate::error::backend)?;
        let url = with_database(admin_url, &name);
        Ok(TestDatabase { admin, name, url })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Best effort: a database left behind is only disk space on a test server.
        if let Ok(mut client) = self.admin.connect(NoTls) {
            let _ = client.batch_execute(&format!("drop database if exists {} with (force)", self.name));
        }
    }
}

/// A fresh, migrated store in its own database, or `None` when `THADS_TEST_PG` is unset.
pub fn fresh_store() -> StoreResult<Option<PgStore>> {
    let Some(url) = test_url() else { return Ok(None) };
    let db = TestDatabase::create(&url)?;
    let store = PgStore::open(db.url())?;
    Ok(Some(store.with_guard(Box::new(db))))
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("thads_t_{}_{}_{nanos:x}", std::process::id(), n)
}

/// `url` with its database (the path after the authority) replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// A fresh database with THADS's schema, and a raw connection to it (for what only SQL can set
/// up or show); the database is dropped with the `TestDatabase`.
pub fn migrated(admin_url: &str) -> StoreResult<(TestDatabase, postgres::Client)> {
    let db = TestDatabase::create(admin_url)?;
    PgStore::open(db.url())?;
    let conn = postgres::Client::connect(db.url(), NoTls).map_err(crate::error::backend)?;
    Ok((db, conn))
}

/// The lines of `explain (analyze, buffers)` of `sql` run with `params` (it runs: inside a
/// transaction the caller rolls back if it writes).
pub fn analysed_plan(
    conn: &mut postgres::Client,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> StoreResult<Vec<String>> {
    let rows = conn.query(&format!("explain (analyze, buffers) {sql}"), params).map_err(crate::error::backend)?;
    rows.iter().map(|r| r.try_get::<_, String>(0).map_err(crate::error::backend)).collect()
}

/// The pages (`shared hit` and `read`) that the first node of an `explain (analyze, buffers)`
/// plan whose line contains `node` read: its `Buffers:` line, before the next node's.
pub fn pages_of(plan: &[String], node: &str) -> Option<u64> {
    let at = plan.iter().position(|l| l.contains(node))?;
    let buffers = plan.iter().skip(at + 1).take_while(|l| !l.contains("->")).find(|l| l.contains("Buffers:"))?;
    ["hit=", "read="]
        .iter()
        .filter_map(|key| buffers.split(key).nth(1))
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse::<u64>().ok())
        .sum()
}
