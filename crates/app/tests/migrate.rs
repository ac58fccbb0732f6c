//! Moving a database into another. Into an empty one, a whole copy: every table with its ids
//! (a seized asset and the audit chain too), the same lookup codes, the same content sums, and
//! back again. Into one that holds data, a merge: everything of the first wave arrives
//! (corrections re-linked, officers and targets translated), the statistics of the moved units
//! are checked, and conflicts (a taken login, a register a merge does not carry) refuse the
//! move before anything is written. Into SQLite and into PostgreSQL (when `THADS_TEST_PG`).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use thads_app::audit::verify_chain;
use thads_app::cases::record::{create_case, record};
use thads_app::migrate::copy::table_sums;
use thads_app::migrate::{Conflict, Outcome, migrate};
use thads_app::portal::lookup_code;
use thads_app::{Actor, NewRecord};
use thads_core::{Entry, Event, EventCode, Percent, ReportingYear, Rules, Vnd};
use thads_store::{Cases, Events, Store, Target};
use thads_store_postgres::testing::fresh_store;
use thads_testkit::{facts, seed_officer, seed_units, sqlite_store};
use time::macros::{date, datetime};

fn actor() -> Actor {
    Actor { login: "chv.an".into(), at: datetime!(2026-11-22 09:00 +7) }
}

fn ev(d: time::Date, code: EventCode, amount: Option<i64>) -> NewRecord {
    NewRecord::event(Event { date: d, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: None })
}

/// A section's database: two regions, an officer, three cases, a correction and a void, a target.
fn section() -> thads_store_sqlite::SqliteStore {
    let store = sqlite_store();
    let u = seed_units(&store);
    let officer = seed_officer(&store, u.region1, "chv.binh", "Lê Thị Bình");
    let rules = Rules::default();
    let mut f = facts(u.region1, "1/QĐ-THADS", date!(2025 - 10 - 05), 5_000_000);
    f.officer = Some(officer);
    let a = create_case(&store, &actor(), &rules, f).unwrap().case.id;
    record(&store, &actor(), &rules, a, 1, ev(date!(2025 - 10 - 20), EventCode::WithMeans, None)).unwrap();
    record(&store, &actor(), &rules, a, 2, ev(date!(2025 - 11 - 02), EventCode::Collected, Some(1_000_000))).unwrap();
    let wrong = store.records(a).unwrap()[1].id;
    let fix = NewRecord { supersedes: Some(wrong), ..ev(date!(2025 - 11 - 02), EventCode::Collected, Some(1_500_000)) };
    record(&store, &actor(), &rules, a, 3, fix).unwrap();
    let b = create_case(&store, &actor(), &rules, facts(u.region2, "1/QĐ-THADS", date!(2024 - 12 - 01), 700)).unwrap();
    record(&store, &actor(), &rules, b.case.id, 1, ev(date!(2025 - 01 - 10), EventCode::NoMeans, None)).unwrap();
    let void = NewRecord {
        entry: Entry::Void,
        supersedes: Some(store.records(b.case.id).unwrap()[0].id),
        note: "nhầm".into(),
    };
    record(&store, &actor(), &rules, b.case.id, 2, void).unwrap();
    create_case(&store, &actor(), &rules, facts(u.region2, "2/QĐ-THADS", date!(2026 - 02 - 01), 9_000)).unwrap();
    let mut tx = store.begin().unwrap();
    let year = ReportingYear::new(2026).unwrap();
    tx.insert_target(&Target { unit: u.province, year, cases: Percent(8000), money: Percent(4000) }).unwrap();
    tx.commit().unwrap();
    store
}

/// The target of a merge: it holds the national unit, the same as the section's.
fn holding_data(target: &dyn Store) -> &dyn Store {
    let mut tx = target.begin().unwrap();
    tx.insert_unit(&thads_store::NewUnit {
        code: thads_core::UnitCode::new("VN").unwrap(),
        name: "Cục Quản lý Thi hành án dân sự".into(),
        kind: thads_core::UnitKind::National,
        parent: None,
        valid_from: None,
        valid_to: None,
        successor: None,
    })
    .unwrap();
    tx.commit().unwrap();
    target
}

/// A seized asset of the section's first case: a register of the second wave.
fn with_an_asset(source: &dyn Store) {
    let case = source.case_by_no(seed_units_of(source), &thads_core::CaseNo::new("1/QĐ-THADS").unwrap());
    let case = case.unwrap().unwrap();
    let mut tx = source.begin().unwrap();
    tx.insert_asset(
        &thads_store::NewAsset {
            unit: case.facts.unit,
            cases: vec![case.id],
            kind: thads_core::assets::AssetKind::PhuongTien,
            description: "Xe ô tô".into(),
            location: String::new(),
            owner: String::new(),
            encumbrances: String::new(),
            seized_on: date!(2025 - 11 - 10),
            decision: "01/QĐ-CCTHA".into(),
            perishable: false,
            for_state_budget: false,
        },
        "test",
        datetime!(2025-11-10 03:00 UTC),
    )
    .unwrap();
    tx.commit().unwrap();
}

/// Into an empty database every table arrives with its ids, and the way back gives the source's
/// content again (but for the audit trail, which records each move).
fn copies_whole_and_back(there: &dyn Store, back: &dyn Store) {
    let source = section();
    with_an_asset(&source);
    let outcome = migrate(&source, there, &Rules::default(), &actor()).unwrap();
    let Outcome::Copied(c) = outcome else { panic!("not copied: {outcome:?}") };
    assert_eq!((c.rows_of("cases"), c.rows_of("events"), c.rows_of("assets")), (3, 5, 1));
    assert_eq!(c.chain_entries as i64, c.rows_of("audit"));
    let sums = table_sums(&source).unwrap();
    let mut ids = Vec::new();
    source
        .scan_histories(&thads_store::ScanFilter::default(), &mut |h| {
            ids.push(h.case);
            Ok(())
        })
        .unwrap();
    for case in ids {
        let moved = there.case(case.id).unwrap().unwrap();
        assert_eq!((moved.facts.case_no.clone(), moved.facts.unit), (case.facts.case_no.clone(), case.facts.unit));
        assert_eq!(there.records(case.id).unwrap(), source.records(case.id).unwrap(), "ids and links kept");
        assert_eq!(lookup_code(there, case.id).unwrap(), lookup_code(&source, case.id).unwrap());
    }
    let chain = verify_chain(there).unwrap();
    assert_eq!(chain.fault, None);
    assert_eq!(chain.entries as i64, c.rows_of("audit") + 1, "the move's own entry");
    let Outcome::Copied(_) = migrate(there, back, &Rules::default(), &actor()).unwrap() else {
        panic!("not copied back")
    };
    let returned = table_sums(back).unwrap();
    for (a, b) in sums.iter().zip(&returned) {
        if !matches!(a.table, "audit" | "audit_chain") {
            assert_eq!(a, b, "{}", a.table);
        }
    }
    assert_eq!(verify_chain(back).unwrap().fault, None);
    // New rows take ids after the copied ones.
    let unit = seed_units_of(there);
    let next = create_case(there, &actor(), &Rules::default(), facts(unit, "9/QĐ-THADS", date!(2026 - 03 - 01), 1));
    assert!(next.unwrap().case.id.0 > 3);
}

#[test]
fn copies_whole_into_postgres_and_back_into_sqlite() {
    copies_whole_and_back(&sqlite_store(), &sqlite_store());
    if let Some(store) = fresh_store().unwrap() {
        copies_whole_and_back(&store, &sqlite_store());
    }
}

fn moves_everything(target: &dyn Store) {
    let target = holding_data(target);
    let source = section();
    let outcome = migrate(&source, target, &Rules::default(), &actor()).unwrap();
    let Outcome::Moved(m) = outcome else { panic!("refused: {outcome:?}") };
    assert_eq!((m.cases, m.records, m.units_added, m.staff_added, m.targets), (3, 5, 3, 1, 1));
    assert_eq!(m.audit, 8, "creations and changes of the three cases");
    assert!(m.reports_checked >= 4, "every created unit, every year: {m:?}");
    let units = target.units().unwrap();
    let kv1 = units.iter().find(|u| u.code.as_str() == "BG-KV1").unwrap().id;
    let case = target.case_by_no(kv1, &thads_core::CaseNo::new("1/QĐ-THADS").unwrap()).unwrap().unwrap();
    assert_eq!(case.current.collected.dong(), 1_500_000);
    let officer = target.staff().unwrap().into_iter().find(|s| s.login.as_str() == "chv.binh").unwrap();
    assert_eq!(case.facts.officer, Some(officer.id));
    let records = target.records(case.id).unwrap();
    assert_eq!(records[2].supersedes, Some(records[1].id), "the correction points at the moved record");
    assert_eq!(target.targets().unwrap().len(), 1);
    // Moving it again: every case number is taken; nothing is written.
    let again = migrate(&section(), target, &Rules::default(), &actor()).unwrap();
    let Outcome::Refused(conflicts) = again else { panic!("moved twice") };
    let numbers = conflicts.iter().filter(|c| matches!(c, Conflict::CaseNumber { .. })).count();
    assert_eq!(numbers, 3, "{conflicts:?}");
    assert_eq!(target.case_count().unwrap(), 3);
}

fn conflicting_units_and_logins_are_listed(target: &dyn Store) {
    let u = seed_units(target);
    seed_officer(target, u.region2, "chv.binh", "Người khác");
    let mut tx = target.begin().unwrap();
    tx.link_successor(u.region1, u.region2).unwrap();
    tx.commit().unwrap();
    let source = section();
    // Same units (reused); the login belongs to someone else.
    let outcome = migrate(&source, target, &Rules::default(), &actor()).unwrap();
    let Outcome::Refused(conflicts) = outcome else { panic!("moved despite a taken login") };
    assert!(conflicts.iter().any(|c| matches!(c, Conflict::Login { .. })), "{conflicts:?}");
    assert_eq!(target.case_count().unwrap(), 0, "nothing written");
}

#[test]
fn moves_everything_into_sqlite() {
    moves_everything(&sqlite_store());
}

#[test]
fn moves_everything_into_postgres() {
    if let Some(store) = fresh_store().unwrap() {
        moves_everything(&store);
    }
}

#[test]
fn conflicts_are_listed_before_anything_is_written() {
    conflicting_units_and_logins_are_listed(&sqlite_store());
    if let Some(store) = fresh_store().unwrap() {
        conflicting_units_and_logins_are_listed(&store);
    }
}

/// A source holding a register a merge does not carry (here a seized asset) is refused by a
/// database that holds data, naming the table and its rows, and nothing is written: it would
/// otherwise be lost.
#[test]
fn a_register_a_merge_cannot_carry_is_named_and_nothing_is_written() {
    let source = section();
    with_an_asset(&source);
    let target = sqlite_store();
    let outcome = migrate(&source, holding_data(&target), &Rules::default(), &actor()).unwrap();
    let Outcome::Refused(conflicts) = outcome else { panic!("moved without its assets") };
    assert!(conflicts.iter().any(|c| matches!(c, Conflict::Unmoved { table: "assets", rows: 1 })), "{conflicts:?}");
    assert_eq!(target.case_count().unwrap(), 0, "nothing written");
}

fn seed_units_of(store: &dyn Store) -> thads_core::UnitId {
    store.units().unwrap().into_iter().find(|u| u.code.as_str() == "BG-KV1").unwrap().id
}
