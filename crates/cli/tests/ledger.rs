//! `thads ledger check` on a database that holds a record superseded twice, the trace of two
//! corrections of one record accepted at once (issue 14): written here with SQL, the store's
//! index that refuses it dropped first, as in a database written before schema 8. The check
//! fails and names the case and the records, on SQLite and on PostgreSQL (skipped without
//! `THADS_TEST_PG`).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::process::{Command, Output};

use thads_app::cases::record::{create_case, record};
use thads_app::{Actor, NewRecord};
use thads_core::{CaseId, Event, EventCode, EventId, Rules, Vnd};
use thads_store::Store;
use thads_store_postgres::PgStore;
use thads_store_postgres::testing::{TestDatabase, test_url};
use thads_store_sqlite::SqliteStore;
use thads_testkit::{facts, seed_units};
use time::macros::{date, datetime};

fn ledger_check(db: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thads")).args(["--db", db, "ledger", "check"]).output().unwrap()
}

/// A case whose collection of 123 đồng was corrected to 1,000 through the application; returns
/// the case and the corrected record.
fn corrected_case(store: &dyn Store) -> (CaseId, EventId) {
    let u = seed_units(store);
    let (rules, actor) = (Rules::default(), Actor { login: "chv.an".into(), at: datetime!(2026-01-10 09:00 +7) });
    let collected = |amount| Event {
        date: date!(2025 - 10 - 07),
        code: EventCode::Collected,
        amount: Some(Vnd::new(amount).unwrap()),
        ground: None,
    };
    let id = create_case(store, &actor, &rules, facts(u.region1, "7/QĐ-THADS", date!(2025 - 10 - 05), 1_000_000))
        .unwrap()
        .case
        .id;
    let with_means = Event { date: date!(2025 - 10 - 06), code: EventCode::WithMeans, amount: None, ground: None };
    record(store, &actor, &rules, id, 1, NewRecord::event(with_means)).unwrap();
    record(store, &actor, &rules, id, 2, NewRecord::event(collected(123))).unwrap();
    let target = store.records(id).unwrap()[1].id;
    let fix =
        NewRecord { supersedes: Some(target), note: "sai số tiền".into(), ..NewRecord::event(collected(1_000)) };
    record(store, &actor, &rules, id, 3, fix).unwrap();
    (id, target)
}

/// The SQL that drops the index and writes a second correction of `target`.
fn second_correction(case: CaseId, target: EventId) -> String {
    format!(
        "drop index events_supersedes_once;
         insert into events (case_id, date, code, amount, supersedes, note, recorded_by, recorded_at)
         values ({}, '2025-10-07', 'collected', 2000, {}, 'race', 'chv.binh', 0);",
        case.0, target.0
    )
}

fn assert_check_names_the_race(db: &str, target: EventId) {
    let out = ledger_check(db);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the check must fail: {}", String::from_utf8_lossy(&out.stdout));
    let named = format!("việc 7/QĐ-THADS: bản ghi #{} bị thay thế hai lần", target.0);
    assert!(stderr.contains(&named) && stderr.contains("replaced twice"), "{stderr}");
}

#[test]
fn the_check_finds_a_record_superseded_twice_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thads.db");
    let (case, target) = corrected_case(&SqliteStore::open(&path).unwrap());
    let db = path.to_str().unwrap();
    assert!(ledger_check(db).status.success(), "one correction is a consistent history");
    rusqlite::Connection::open(&path).unwrap().execute_batch(&second_correction(case, target)).unwrap();
    assert_check_names_the_race(db, target);
}

#[test]
fn the_check_finds_a_record_superseded_twice_on_postgres() {
    let Some(url) = test_url() else { return };
    let database = TestDatabase::create(&url).unwrap();
    let (case, target) = corrected_case(&PgStore::open(database.url()).unwrap());
    assert!(ledger_check(database.url()).status.success(), "one correction is a consistent history");
    let mut client = postgres::Client::connect(database.url(), postgres::NoTls).unwrap();
    client.batch_execute(&second_correction(case, target)).unwrap();
    drop(client);
    assert_check_names_the_race(database.url(), target);
}
