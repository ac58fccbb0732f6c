//! The store contract on the embedded SQLite backend, plus what only SQLite can show.
#![allow(clippy::expect_used, reason = "test set-up fails loudly")]

use thads_store::{Cases, Store};
use thads_store_sqlite::{MIGRATIONS, SqliteStore};

fn fresh() -> Box<dyn Store> {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("thads.db")).expect("open store");
    Box::new(store.with_guard(Box::new(dir)))
}

thads_store::store_contract_tests!(fresh);

#[test]
fn events_and_audit_cannot_be_changed_or_deleted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("thads.db");
    SqliteStore::open(&path).expect("open store");
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    conn.execute_batch(
        "insert into units (code, name, kind) values ('VN', 'VN', 'national');
         insert into cases (unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type, categories,
            amount, debtor, creditor, search_text, state, outstanding, collected, reduced, event_count, version)
         values (1, '1', '2025-01-01', 'chu_dong', 0, 'dan_su', 0, 0, 'a', 'b', 'a b', 'opened', 0, 0, 0, 0, 1);
         insert into events (case_id, date, code, recorded_by, recorded_at) values (1, '2025-01-02', 'with_means', 'x', 0);
         insert into audit (at, actor, action) values (0, 'x', 'test');",
    )
    .expect("seed rows");
    for sql in [
        "update events set code = 'no_means'",
        "delete from events",
        "update audit set actor = 'y'",
        "delete from audit",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn opening_twice_applies_migrations_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("thads.db");
    SqliteStore::open(&path).expect("first open");
    let store = SqliteStore::open(&path).expect("second open");
    assert_eq!(store.case_count().expect("count"), 0);
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    let mode: String = conn.query_row("pragma journal_mode", [], |r| r.get(0)).expect("journal mode");
    assert_eq!(mode, "wal");
    let applied: i64 = conn.query_row("select count(*) from schema_migrations", [], |r| r.get(0)).expect("count");
    assert_eq!(applied as usize, thads_store_sqlite::MIGRATIONS.len());
}

/// A bulk insert into an empty register drops triggers and indexes inside its transaction
/// and builds them again before it commits: the schema afterwards is the schema before.
#[test]
fn bulk_inserts_leave_the_schema_as_they_found_it() {
    schema_stays_through(thads_store::contract::many_cases_insert_in_order_and_update);
}

/// So does a change of most cases (`expect_changes`), committed or rolled back.
#[test]
fn mass_changes_leave_the_schema_as_they_found_it() {
    schema_stays_through(thads_store::contract::a_mass_change_is_counted_and_sorted);
}

fn schema_stays_through(check: fn(&dyn thads_store::Store)) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("thads.db");
    let store = SqliteStore::open(&path).expect("open store");
    let schema = || {
        let conn = rusqlite::Connection::open(&path).expect("raw connection");
        let mut stmt = conn.prepare("select type, name, sql from sqlite_schema order by type, name").expect("schema");
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("rows");
        rows.collect::<Result<Vec<(String, String, Option<String>)>, _>>().expect("schema rows")
    };
    let before = schema();
    assert!(before.iter().any(|(_, name, _)| name == "cases_outstanding"));
    check(&store);
    assert_eq!(schema(), before);
}

/// A database written before schema 8 that holds a record superseded twice (two corrections of
/// one record accepted at once) is not upgraded: the migration names the case and the records
/// and changes nothing, so the previous version still runs on it.
#[test]
fn schema_8_names_records_superseded_twice_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("thads.db");
    SqliteStore::open(&path).expect("open store");
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    conn.execute_batch(
        "drop index events_supersedes_once;
         delete from schema_migrations where name = '0008_supersede_once';
         insert into units (code, name, kind) values ('VN', 'VN', 'national');
         insert into cases (unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type, categories,
            amount, debtor, creditor, search_text, state, outstanding, collected, reduced, event_count, version)
         values (1, '7/QĐ', '2025-01-01', 'chu_dong', 0, 'dan_su', 0, 5000, 'a', 'b', 'a b', 'opened', 0, 0, 0, 0, 1);
         insert into events (case_id, date, code, amount, supersedes, recorded_by, recorded_at) values
            (1, '2025-01-02', 'collected', 123, null, 'x', 0),
            (1, '2025-01-02', 'collected', 1000, 1, 'x', 0),
            (1, '2025-01-02', 'collected', 2000, 1, 'y', 0);",
    )
    .expect("a schema 7 database with the race's trace");
    let refused = SqliteStore::open(&path).map(|_| ());
    let Err(thads_store::StoreError::Invalid(text)) = refused else { panic!("expected a refusal, got {refused:?}") };
    assert!(text.contains("VN 7/QĐ: bản ghi / record #1 ← #2, #3"), "{text}");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("select count(*) from sqlite_schema where name = 'events_supersedes_once'"), 0);
    assert_eq!(count("select count(*) from schema_migrations where name = '0008_supersede_once'"), 0);
    assert_eq!(count("select count(*) from events"), 3, "nothing lost");
    let others = i64::try_from(MIGRATIONS.len()).unwrap() - 1;
    assert_eq!(count("select count(*) from schema_migrations"), others, "every other migration still recorded");
}

/// Each way of changing the audit trail behind THADS's back (the triggers lifted first, as
/// someone with the database file can) is named by the chain's check at its first entry.
#[test]
fn audit_tampering_is_named() {
    use thads_store::contract::{TAMPER_SCENARIOS, Tamper, audit_chain_names, seed_audit_chain, tamper_scenario};
    for i in 0..TAMPER_SCENARIOS {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("thads.db");
        let store = SqliteStore::open(&path).expect("open store");
        let ids = seed_audit_chain(&store);
        let (tamper, fault) = tamper_scenario(i, &store, &ids);
        let conn = rusqlite::Connection::open(&path).expect("raw connection");
        let done = match &tamper {
            Tamper::SetActor { id, actor, hash } => {
                conn.execute_batch("drop trigger audit_append_only_update").and_then(|()| {
                    conn.execute(
                        "update audit set actor = ?1, hash = coalesce(?2, hash) where id = ?3",
                        rusqlite::params![actor, hash, id],
                    )
                })
            }
            Tamper::Delete { id } => conn
                .execute_batch("drop trigger audit_append_only_delete")
                .and_then(|()| conn.execute("delete from audit where id = ?1", [id])),
            Tamper::Insert => {
                conn.execute("insert into audit (at, actor, action) values (0, 'mallory', 'user.add')", [])
            }
        };
        assert_eq!(done.expect("tamper"), 1, "{tamper:?}");
        audit_chain_names(&store, fault);
    }
}

/// Entries written before schema 19 are sealed in id order by its migration, and the trail is
/// append-only again afterwards.
#[test]
fn schema_19_seals_the_entries_already_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("thads.db");
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    conn.execute_batch("create table schema_migrations (name text primary key, applied_at integer not null)")
        .expect("migrations table");
    for (name, sql) in MIGRATIONS.iter().take_while(|(name, _)| *name != "0019_audit_chain") {
        conn.execute_batch(sql).expect(name);
        conn.execute("insert into schema_migrations values (?1, 0)", [name]).expect("applied");
    }
    conn.execute_batch(
        "insert into units (code, name, kind) values ('VN', 'VN', 'national');
         insert into audit (at, actor, action, unit_id) values (10, 'a', 'user.add', 1);
         insert into audit (at, actor, action, after) values (20, 'b', 'target.set', '{\"x\":1}');
         insert into audit (at, actor, action) values (30, 'c', 'calendar.add');",
    )
    .expect("entries before the chain");
    let store = SqliteStore::open(&path).expect("open store: migrates");
    let check = thads_store::check_chain(&store, 2).expect("check");
    assert_eq!((check.entries, check.fault), (3, None));
    assert_eq!(thads_store::Audit::audit_chain_head(&store).expect("head").map(|h| h.id), Some(3));
    let err = conn.execute("update audit set actor = 'y'", []).expect_err("append-only again");
    assert!(err.to_string().contains("append-only"), "{err}");
}
