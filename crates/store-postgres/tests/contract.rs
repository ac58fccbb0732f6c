//! The store contract on PostgreSQL, each test in a database of its own, plus what only
//! PostgreSQL can show. Without `THADS_TEST_PG` every test says it is skipped and passes.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::sync::Barrier;

use thads_store::{Cases, Meta, Store};
use thads_store_postgres::testing::{TestDatabase, fresh_store, test_url};
use thads_store_postgres::{MIGRATIONS, PgStore};

fn fresh() -> Option<Box<dyn Store>> {
    fresh_store().expect("fresh PostgreSQL store").map(|s| Box::new(s) as Box<dyn Store>)
}

/// Runs `check` on a fresh store, or skips it.
fn with_store(check: impl FnOnce(&dyn Store)) {
    if let Some(store) = fresh() {
        check(store.as_ref());
    }
}

thads_store::store_contract_tests!(optional fresh);

fn raw(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("raw connection")
}

#[test]
fn events_and_audit_cannot_be_changed_or_deleted() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).expect("test database");
    PgStore::open(db.url()).expect("open store");
    let mut conn = raw(db.url());
    conn.batch_execute(
        "insert into units (code, name, kind) values ('VN', 'VN', 'national');
         insert into cases (unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type, categories,
            amount, debtor, creditor, search_text, state, outstanding, collected, reduced, event_count, version)
         values (1, '1', '2025-01-01', 'chu_dong', false, 'dan_su', 0, 0, 'a', 'b', 'a b', 'opened', 0, 0, 0, 0, 1);
         insert into events (case_id, date, code, recorded_by, recorded_at) values (1, '2025-01-02', 'with_means', 'x', 0);
         insert into audit (at, actor, action) values (0, 'x', 'test');",
    )
    .expect("seed rows");
    for (sql, refusal) in [("delete from cases", "never deleted"), ("truncate cases cascade", "never deleted")] {
        let err = conn.batch_execute(sql).expect_err(sql);
        let message = err.as_db_error().map(|d| d.message().to_string()).unwrap_or_default();
        assert!(message.contains(refusal), "{sql}: {err}");
    }
    for sql in [
        "update events set code = 'no_means'",
        "delete from events",
        "truncate events cascade",
        "update audit set actor = 'y'",
        "delete from audit",
        "truncate audit",
    ] {
        let err = conn.batch_execute(sql).expect_err(sql);
        let message = err.as_db_error().map(|d| d.message().to_string()).unwrap_or_default();
        assert!(message.contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn processes_starting_at_once_apply_migrations_once() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).expect("test database");
    let start = Barrier::new(4);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                start.wait();
                PgStore::open(db.url()).expect("open while others open");
            });
        }
    });
    let store = PgStore::open(db.url()).expect("open again");
    assert_eq!(store.case_count().expect("count"), 0);
    let applied: i64 = raw(db.url()).query_one("select count(*) from schema_migrations", &[]).expect("count").get(0);
    assert_eq!(applied as usize, MIGRATIONS.len());
    let names = |m: &[(&str, &str)]| m.iter().map(|(name, _)| name.to_string()).collect::<Vec<_>>();
    assert_eq!(names(MIGRATIONS), names(thads_store_sqlite::MIGRATIONS), "the same migration names as SQLite");
}

/// A database written before schema 8 that holds a record superseded twice (two corrections of
/// one record accepted at once) is not upgraded: the migration names the case and the records
/// and changes nothing, so the previous version still runs on it.
#[test]
fn schema_8_names_records_superseded_twice_and_changes_nothing() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).expect("test database");
    PgStore::open(db.url()).expect("open store");
    let mut conn = raw(db.url());
    conn.batch_execute(
        "drop index events_supersedes_once;
         delete from schema_migrations where name = '0008_supersede_once';
         insert into units (code, name, kind) values ('VN', 'VN', 'national');
         insert into cases (unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type, categories,
            amount, debtor, creditor, search_text, state, outstanding, collected, reduced, event_count, version)
         values (1, '7/QĐ', '2025-01-01', 'chu_dong', false, 'dan_su', 0, 5000, 'a', 'b', 'a b', 'opened', 0, 0, 0, 0, 1);
         insert into events (case_id, date, code, amount, supersedes, recorded_by, recorded_at) values
            (1, '2025-01-02', 'collected', 123, null, 'x', 0),
            (1, '2025-01-02', 'collected', 1000, 1, 'x', 0),
            (1, '2025-01-02', 'collected', 2000, 1, 'y', 0);",
    )
    .expect("a schema 7 database with the race's trace");
    let refused = PgStore::open(db.url()).map(|_| ());
    let Err(thads_store::StoreError::Invalid(text)) = refused else { panic!("expected a refusal, got {refused:?}") };
    assert!(text.contains("VN 7/QĐ: bản ghi / record #1 ← #2, #3"), "{text}");
    let mut count = |sql: &str| -> i64 { conn.query_one(sql, &[]).expect(sql).get(0) };
    assert_eq!(count("select count(*) from pg_indexes where indexname = 'events_supersedes_once'"), 0);
    assert_eq!(count("select count(*) from schema_migrations where name = '0008_supersede_once'"), 0);
    assert_eq!(count("select count(*) from events"), 3, "nothing lost");
    let others = i64::try_from(MIGRATIONS.len()).unwrap() - 1;
    assert_eq!(count("select count(*) from schema_migrations"), others, "every other migration still recorded");
}

fn unit_id(store: &dyn Store) -> thads_core::UnitId {
    let mut tx = store.begin().unwrap();
    let id = tx
        .insert_unit(&thads_store::NewUnit {
            code: thads_core::UnitCode::new("BG").unwrap(),
            name: "Bắc Giang".into(),
            kind: thads_core::UnitKind::Province,
            parent: None,
            valid_from: None,
            valid_to: None,
            successor: None,
        })
        .unwrap();
    tx.commit().unwrap();
    id
}

/// A fresh test database holding `n` cases of one unit, as a bulk load writes them.
fn with_cases(url: &str, n: usize) -> (TestDatabase, PgStore, Vec<thads_core::CaseId>) {
    let db = TestDatabase::create(url).expect("test database");
    let store = PgStore::open(db.url()).expect("open store");
    let unit = unit_id(&store);
    let cases: Vec<_> = (0..n).map(|i| bulk_case(unit, i)).collect();
    let mut tx = store.begin().unwrap();
    let ids = tx.insert_cases(&cases).unwrap();
    tx.commit().unwrap();
    (db, store, ids)
}

fn bulk_case(unit: thads_core::UnitId, i: usize) -> thads_store::NewCase {
    let facts = thads_core::CaseFacts {
        unit,
        case_no: thads_core::CaseNo::new(&format!("{i}/QĐ-THADS")).unwrap(),
        accepted_on: time::macros::date!(2025 - 01 - 01) + time::Duration::days((i % 300) as i64),
        origin: thads_core::Origin::TheoYeuCau,
        received_by_delegation: i.is_multiple_of(7),
        judgment_type: thads_core::JudgmentType::DanSu,
        categories: thads_core::Categories::empty(),
        amount: thads_core::Vnd::new(1_000 * i as i64).unwrap(),
        debtor: format!("Người phải thi hành {i}"),
        creditor: "Ngân hàng".into(),
        officer: None,
    };
    let current = thads_core::lifecycle::opening(&facts.basis());
    thads_store::NewCase { facts, current, last_event_on: None, event_count: 0, batch: None }
}

fn bulk_event(case: thads_core::CaseId, i: usize) -> thads_store::NewEvent {
    thads_store::NewEvent {
        case,
        entry: thads_core::Entry::Event(thads_core::Event {
            date: time::macros::date!(2025 - 11 - 01),
            code: thads_core::EventCode::Collected,
            amount: thads_core::Vnd::new(i as i64).ok(),
            ground: None,
        }),
        supersedes: None,
        note: String::new(),
        recorded_by: "import".into(),
        recorded_at: time::macros::datetime!(2025-11-02 08:00 UTC),
        batch: None,
    }
}

#[test]
fn bulk_copies_keep_order_and_scans_stream_past_a_fetch() {
    with_store(|store| {
        let unit = unit_id(store);
        let cases: Vec<_> = (0..5_000).map(|i| bulk_case(unit, i)).collect();
        let mut tx = store.begin().unwrap();
        let ids = tx.insert_cases(&cases).unwrap();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids ascend in input order");
        let events: Vec<_> =
            ids.iter().enumerate().flat_map(|(i, id)| [bulk_event(*id, i), bulk_event(*id, i + 1)]).collect();
        let event_ids = tx.insert_events(&events).unwrap();
        assert!(event_ids.windows(2).all(|w| w[0] < w[1]));
        tx.commit().unwrap();
        let got = store.case(ids[4_321]).unwrap().unwrap();
        assert_eq!(got.facts, cases[4_321].facts);
        let records = store.records(ids[4_321]).unwrap();
        assert_eq!(records.iter().map(|r| r.id).collect::<Vec<_>>(), vec![event_ids[8_642], event_ids[8_643]]);
        let mut seen = 0;
        store
            .scan_histories(&thads_store::ScanFilter::default(), &mut |h| {
                assert_eq!(h.case.id, ids[seen]);
                assert_eq!(h.records.len(), 2);
                seen += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, 5_000);
    });
}

#[test]
fn a_duplicate_in_a_bulk_copy_is_named_and_leaves_the_transaction_usable() {
    with_store(|store| {
        let unit = unit_id(store);
        let mut tx = store.begin().unwrap();
        tx.insert_cases(&[bulk_case(unit, 77)]).unwrap();
        let cases: Vec<_> = (0..200).map(|i| bulk_case(unit, i)).collect();
        match tx.insert_cases(&cases) {
            Err(thads_store::StoreError::Duplicate(what)) => assert!(what.contains("77/QĐ-THADS"), "{what}"),
            other => panic!("expected a duplicate, got {other:?}"),
        }
        let within: Vec<_> = [300, 301, 300].iter().map(|i| bulk_case(unit, *i)).cycle().take(100).collect();
        assert!(matches!(tx.insert_cases(&within), Err(thads_store::StoreError::Duplicate(_))));
        tx.commit().unwrap();
        assert_eq!(store.case_count().unwrap(), 1);
    });
}

#[test]
fn events_of_missing_cases_or_records_are_refused_without_foreign_keys() {
    with_store(|store| {
        let unit = unit_id(store);
        let mut tx = store.begin().unwrap();
        let case = tx.insert_cases(&[bulk_case(unit, 1)]).unwrap()[0];
        let missing = thads_core::CaseId(case.0 + 1_000);
        assert!(matches!(tx.insert_events(&[bulk_event(missing, 1)]), Err(thads_store::StoreError::Invalid(_))));
        let many: Vec<_> = (0..100).map(|i| bulk_event(if i == 50 { missing } else { case }, i)).collect();
        assert!(matches!(tx.insert_events(&many), Err(thads_store::StoreError::Invalid(_))), "checked in bulk too");
        let wrong_fix = thads_store::NewEvent { supersedes: Some(thads_core::EventId(424_242)), ..bulk_event(case, 2) };
        assert!(matches!(tx.insert_events(&[wrong_fix]), Err(thads_store::StoreError::Invalid(_))));
        let first = tx.insert_events(&[bulk_event(case, 3)]).unwrap()[0];
        let fix = thads_store::NewEvent { supersedes: Some(first), ..bulk_event(case, 4) };
        tx.insert_events(&[fix]).unwrap();
        tx.commit().unwrap();
        assert_eq!(store.records(case).unwrap().len(), 2, "only the valid records");
    });
}

/// The indexes of `cases`, `case_words` and `deadlines` (name and definition).
fn indexes(conn: &mut postgres::Client) -> Vec<(String, String)> {
    let sql =
        "select indexname, indexdef from pg_indexes where tablename in ('cases', 'case_words', 'deadlines') order by 1";
    conn.query(sql, &[]).unwrap().iter().map(|r| (r.get(0), r.get(1))).collect()
}

/// A first load drops the secondary indexes inside its transaction and builds them again
/// before it commits (or before a write that needs them); one rolled back puts them back too.
#[test]
fn a_first_load_leaves_the_indexes_as_it_found_them() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).expect("test database");
    let store = PgStore::open(db.url()).expect("open store");
    let mut conn = raw(db.url());
    let before = indexes(&mut conn);
    assert!(before.iter().any(|(name, _)| name == "case_words_words"), "{before:?}");
    thads_store::contract::a_first_load_is_searched_and_sorted(&store);
    assert_eq!(indexes(&mut conn), before);

    for commit in [true, false] {
        let db = TestDatabase::create(&url).expect("test database");
        let store = PgStore::open(db.url()).expect("open store");
        thads_store::contract::first_load_only(&store, commit);
        assert_eq!(indexes(&mut raw(db.url())), before, "committed: {commit}");
    }
}

/// Each way of changing the audit trail behind THADS's back (the triggers lifted first, as
/// someone with the database's owner role can) is named by the chain's check at its first entry.
#[test]
fn audit_tampering_is_named() {
    use thads_store::contract::{TAMPER_SCENARIOS, Tamper, audit_chain_names, seed_audit_chain, tamper_scenario};
    let Some(url) = test_url() else { return };
    for i in 0..TAMPER_SCENARIOS {
        let db = TestDatabase::create(&url).expect("test database");
        let store = PgStore::open(db.url()).expect("open store");
        let ids = seed_audit_chain(&store);
        let (tamper, fault) = tamper_scenario(i, &store, &ids);
        let mut conn = raw(db.url());
        conn.batch_execute("alter table audit disable trigger audit_append_only").expect("lift the trigger");
        let done = match &tamper {
            Tamper::SetActor { id, actor, hash } => {
                conn.execute("update audit set actor = $1, hash = coalesce($2, hash) where id = $3", &[actor, hash, id])
            }
            Tamper::Delete { id } => conn.execute("delete from audit where id = $1", &[id]),
            Tamper::Insert => {
                conn.execute("insert into audit (at, actor, action) values (0, 'mallory', 'user.add')", &[])
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
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).expect("test database");
    let mut conn = raw(db.url());
    conn.batch_execute(
        "create table schema_migrations (name text primary key, applied_at timestamptz not null default now())",
    )
    .expect("migrations table");
    for (name, sql) in MIGRATIONS.iter().take_while(|(name, _)| *name != "0019_audit_chain") {
        conn.batch_execute(sql).expect(name);
        conn.execute("insert into schema_migrations (name) values ($1)", &[name]).expect("applied");
    }
    conn.batch_execute(
        "insert into units (code, name, kind) values ('VN', 'VN', 'national');
         insert into audit (at, actor, action, unit_id) values (10, 'a', 'user.add', 1);
         insert into audit (at, actor, action, after) values (20, 'b', 'target.set', '{\"x\":1}');
         insert into audit (at, actor, action) values (30, 'c', 'calendar.add');",
    )
    .expect("entries before the chain");
    let store = PgStore::open(db.url()).expect("open store: migrates");
    let check = thads_store::check_chain(&store, 2).expect("check");
    assert_eq!((check.entries, check.fault), (3, None));
    assert_eq!(thads_store::Audit::audit_chain_head(&store).expect("head").map(|h| h.id), Some(3));
    let err = conn.batch_execute("update audit set actor = 'y'").expect_err("append-only again");
    assert!(format!("{err:?}").contains("append-only"), "{err}");
}

/// After a bulk load the planner's refresh also vacuums: the case rows a load inserted and then
/// updated leave no dead versions behind, and a table whose every row was replaced away gives
/// its pages back (before, an import of 10,000,000 cases left a 1.2 GB `deadlines` table with
/// no row in it, which each national dashboard read whole).
#[test]
fn the_refresh_after_a_bulk_load_reclaims_what_it_left_behind() {
    let Some(url) = test_url() else { return };
    let (db, store, ids) = with_cases(&url, 2_000);
    let mut conn = raw(db.url());
    // Every case updated once, as an events file does after its cases file.
    conn.batch_execute("update cases set event_count = event_count + 1").unwrap();
    conn.batch_execute(&format!(
        "insert into deadlines (case_id, unit_id, officer_id, case_no, kind, due, started_on, rule_id, until_due)
         select id, unit_id, null, case_no, 'payout', date '2026-01-01', date '2025-12-01', 'payout', true
         from cases where id <= {}; delete from deadlines;",
        ids[ids.len() - 1].0
    ))
    .unwrap();
    let size = |conn: &mut postgres::Client| -> i64 {
        conn.query_one("select pg_relation_size('deadlines')", &[]).unwrap().get(0)
    };
    assert!(size(&mut conn) > 0, "the deleted rows' pages are still there");
    store.refresh_planner_statistics().unwrap();
    assert_eq!(size(&mut conn), 0, "the vacuum gave the empty pages back");
    let dead: i64 =
        conn.query_one("select n_dead_tup from pg_stat_user_tables where relname = 'cases'", &[]).unwrap().get(0);
    assert_eq!(dead, 0, "no dead case rows left");
}

/// A first load leaves `deadlines` as mostly empty pages before the rows its last file wrote,
/// which no vacuum can give back: the refresh rewrites the table then (and only then).
#[test]
fn the_refresh_rewrites_a_deadlines_table_left_mostly_empty() {
    let Some(url) = test_url() else { return };
    let (db, store, _) = with_cases(&url, 2_000);
    let mut conn = raw(db.url());
    let write = |conn: &mut postgres::Client, kind: &str, copies: i32| {
        conn.batch_execute(&format!(
            "insert into deadlines (case_id, unit_id, officer_id, case_no, kind, due, started_on, rule_id, until_due)
             select id, unit_id, null, case_no, '{kind}', date '2026-12-01', date '2026-11-01', 'new.{kind}', false
             from cases cross join generate_series(1, {copies})"
        ))
        .unwrap();
    };
    let pages = |conn: &mut postgres::Client| -> i64 {
        conn.query_one("select pg_relation_size('deadlines') / 8192", &[]).unwrap().get(0)
    };
    // The cases file's rows, then the events file's, which replace them.
    write(&mut conn, "voluntary_period", 400);
    write(&mut conn, "first_verification", 1);
    conn.batch_execute("delete from deadlines where kind = 'voluntary_period'").unwrap();
    store.refresh_planner_statistics().unwrap();
    assert!(pages(&mut conn) < 100, "rewritten: {} pages for 2,000 rows", pages(&mut conn));
    let kept: i64 = conn.query_one("select count(*) from deadlines", &[]).unwrap().get(0);
    assert_eq!(kept, 2_000, "every live row kept");
    let (all, visible): (i32, i32) = {
        let row =
            conn.query_one("select relpages, relallvisible from pg_class where relname = 'deadlines'", &[]).unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(visible, all, "the rewritten pages are marked all visible, for index-only scans");
    // A table as full as it should be is left as it is.
    write(&mut conn, "payout", 400);
    let file = |conn: &mut postgres::Client| -> i64 {
        conn.query_one("select relfilenode::bigint from pg_class where relname = 'deadlines'", &[]).unwrap().get(0)
    };
    let before = file(&mut conn);
    store.refresh_planner_statistics().unwrap();
    assert_eq!(file(&mut conn), before, "a full table is not rewritten");
}

/// `thads serve` warns when PostgreSQL will never reclaim old row versions.
#[test]
fn autovacuum_turned_off_is_a_maintenance_warning() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).expect("test database");
    let store = PgStore::open(db.url()).expect("open store");
    let on: String = raw(db.url()).query_one("show autovacuum", &[]).unwrap().get(0);
    let warnings = store.maintenance_warnings().unwrap();
    if on == "on" {
        assert!(warnings.is_empty(), "{warnings:?}");
    } else {
        assert!(warnings.len() == 1 && warnings[0].contains("autovacuum = on"), "{warnings:?}");
    }
}
