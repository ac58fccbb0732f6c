//! Monthly closing and snapshots: a record dated in a closed month is refused on every path
//! (recording, editing facts, taking in, importing: the bad rows listed, nothing written); a
//! snapshot is unchanged by later events; the diff against today's figures names exactly the
//! cases moved by late events. Each check runs on SQLite and on PostgreSQL (`THADS_TEST_PG`).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::collections::BTreeSet;

use proptest::prelude::*;
use thads_app::cases::record::{create_case, record, update_facts};
use thads_app::imports::{Authority, InputFile, Outcome, import_files};
use thads_app::snapshots::{Against, diff, save};
use thads_app::stats::{month_engine, report, targets};
use thads_app::{Actor, AppError, NewRecord, periods};
use thads_core::dates::MonthKey;
use thads_core::{CaseId, Event, EventCode, ReportingYear, Rules, UnitTree, Vnd};
use thads_store::{Store, StoreError};
use thads_store_postgres::testing::fresh_store;
use thads_testkit::{facts, seed_units, sqlite_store};
use time::Date;
use time::macros::{date, datetime};

fn head() -> Actor {
    Actor { login: "tp.kv1".into(), at: datetime!(2026-11-22 09:00 +7) }
}

fn ev(d: Date, code: EventCode, amount: Option<i64>) -> NewRecord {
    NewRecord::event(Event { date: d, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: None })
}

fn month(d: Date) -> MonthKey {
    MonthKey::of(d)
}

fn closed_month(result: Result<impl std::fmt::Debug, AppError>) -> (String, MonthKey) {
    match result {
        Err(AppError::PeriodClosed(p)) => (p.unit, p.month),
        other => panic!("not refused as closed: {other:?}"),
    }
}

fn a_closed_month_refuses_records_for_everyone(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let new = |unit, no: &str| create_case(store, &head(), &rules, facts(unit, no, date!(2025 - 10 - 05), 10_000_000));
    let a = new(u.region1, "1/QĐ-THADS").unwrap().case.id;
    let b = new(u.region2, "2/QĐ-THADS").unwrap().case.id;
    record(store, &head(), &rules, a, 1, ev(date!(2025 - 10 - 20), EventCode::WithMeans, None)).unwrap();
    record(store, &head(), &rules, b, 1, ev(date!(2025 - 10 - 20), EventCode::WithMeans, None)).unwrap();
    let march = month(date!(2026 - 03 - 01));
    let closed = periods::close(store, &head(), &rules, u.region1, march).unwrap();
    assert!(store.snapshot(closed.snapshot).unwrap().is_some());
    // A second closing of the month, and a month not over, are refused.
    let again = periods::close(store, &head(), &rules, u.region1, march);
    assert!(matches!(again, Err(AppError::Store(StoreError::Duplicate(_)))), "{again:?}");
    assert!(matches!(
        periods::close(store, &head(), &rules, u.region1, month(date!(2026 - 11 - 01))),
        Err(AppError::Invalid(_))
    ));
    // Dated in March: refused, naming the unit and the month; April and the sibling are open.
    let refused = record(store, &head(), &rules, a, 2, ev(date!(2026 - 03 - 10), EventCode::Collected, Some(1_000)));
    assert_eq!(closed_month(refused), ("BG-KV1".to_string(), march));
    assert_eq!(store.records(a).unwrap().len(), 1, "nothing written");
    record(store, &head(), &rules, a, 2, ev(date!(2026 - 04 - 02), EventCode::Collected, Some(1_000))).unwrap();
    record(store, &head(), &rules, b, 2, ev(date!(2026 - 03 - 10), EventCode::Collected, Some(1_000))).unwrap();
    // A province's closing covers its sections: the cases' acceptance month closed by BG
    // refuses a change of the amount, and a new case taken in that month.
    let october = month(date!(2025 - 10 - 01));
    periods::close(store, &Actor { login: "tp.bg".into(), ..head() }, &rules, u.province, october).unwrap();
    let case = store.case(b).unwrap().unwrap();
    let amount = thads_core::CaseFacts { amount: Vnd::new(9_000_000).unwrap(), ..case.facts.clone() };
    assert_eq!(
        closed_month(update_facts(store, &head(), &rules, b, case.version, amount)),
        ("BG".to_string(), october)
    );
    let officer_only = thads_core::CaseFacts { debtor: "Trần Văn Bình".into(), ..case.facts.clone() };
    update_facts(store, &head(), &rules, b, case.version, officer_only).unwrap();
    assert_eq!(closed_month(new(u.region2, "3/QĐ-THADS")), ("BG".to_string(), october));
    // Reopened with a reason (required), March takes the record.
    assert!(matches!(periods::reopen(store, &head(), u.region1, march, "  "), Err(AppError::Field { .. })));
    let reopened = periods::reopen(store, &head(), u.region1, march, "Bổ sung biên lai nộp muộn").unwrap();
    assert_eq!(reopened.reopen_reason.as_deref(), Some("Bổ sung biên lai nộp muộn"));
    assert!(matches!(periods::reopen(store, &head(), u.region1, march, "lại"), Err(AppError::NotFound(_))));
    let version = store.case(a).unwrap().unwrap().version;
    record(store, &head(), &rules, a, version, ev(date!(2026 - 03 - 10), EventCode::Collected, Some(1_000))).unwrap();
    let actions: Vec<String> = store
        .search_audit(&thads_store::AuditQuery { limit: 100, ..Default::default() })
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .filter(|a| a.starts_with("period."))
        .collect();
    assert_eq!(actions, vec!["period.reopen", "period.close", "period.close"]);
    // The province sees who closed what.
    let units = UnitTree::new(store.units().unwrap());
    let overview = periods::overview(store, &units, u.province, 14, head().today()).unwrap();
    let codes: Vec<&str> = overview.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, vec!["BG", "BG-KV1", "BG-KV2"]);
    let status = |row: usize, m: MonthKey| overview[row].months.iter().find(|x| x.0 == m).map(|x| x.1.code());
    assert_eq!(status(0, october), Some("closed"));
    assert_eq!(status(1, march), Some("late"), "reopened and not closed again after its due day");
    assert_eq!(status(2, month(date!(2026 - 10 - 01))), Some("late"), "October was due on 5 November");
    let early = periods::overview(store, &units, u.province, 1, date!(2026 - 11 - 03)).unwrap();
    assert_eq!(early[2].months[0].0, month(date!(2026 - 10 - 01)));
    assert_eq!(early[2].months[0].1.code(), "open", "not yet due");
}

fn an_import_with_an_event_in_a_closed_month_is_refused_whole(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let a = create_case(store, &head(), &rules, facts(u.region1, "1/QĐ-THADS", date!(2025 - 10 - 05), 10_000_000))
        .unwrap()
        .case
        .id;
    periods::close(store, &head(), &rules, u.region1, month(date!(2025 - 12 - 01))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.csv");
    std::fs::write(
        &path,
        "unit,case_no,date,event,amount_vnd,ground\n\
         BG-KV1,1/QĐ-THADS,20/10/2025,with_means,,\n\
         BG-KV1,1/QĐ-THADS,15/12/2025,collected,1000,\n\
         BG-KV1,1/QĐ-THADS,15/01/2026,collected,1000,\n",
    )
    .unwrap();
    let silent = thads_app::progress::Silent;
    let reports = import_files(store, &head(), &Authority::Operator, &rules, &[InputFile::at(&path)], &silent).unwrap();
    let Outcome::Refused(problems) = &reports[0].outcome else { panic!("not refused: {reports:?}") };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].row, problems[0].column.as_deref()), (Some(3), Some("date")));
    assert!(problems[0].reason.contains("12/2025") && problems[0].reason.contains("BG-KV1"), "{problems:?}");
    assert_eq!(store.records(a).unwrap().len(), 0, "all or nothing");
}

/// One test per check and backend: `sqlite::name` and `postgres::name`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                super::$name(&thads_testkit::sqlite_store());
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                if let Some(store) = super::fresh_store().expect("fresh PostgreSQL store") {
                    super::$name(&store);
                }
            })*
        }
    };
}

on_both_backends!(
    a_closed_month_refuses_records_for_everyone,
    an_import_with_an_event_in_a_closed_month_is_refused_whole
);

/// Cases with some history, a saved snapshot of the reporting year's first six months, then
/// late events: `late` on cases in the period (each moves figures), `after` beyond it (none).
fn snapshot_then_late_events(store: &dyn Store, cases: usize, late: &BTreeSet<usize>, after: &BTreeSet<usize>) {
    let u = seed_units(store);
    let rules = Rules::default();
    let mut ids: Vec<CaseId> = Vec::new();
    for i in 0..cases {
        let unit = if i % 2 == 0 { u.region1 } else { u.region2 };
        let f = facts(unit, &format!("{}/QĐ-THADS", i + 1), date!(2025 - 10 - 05), 10_000_000 + i as i64);
        let id = create_case(store, &head(), &rules, f).unwrap().case.id;
        record(store, &head(), &rules, id, 1, ev(date!(2025 - 10 - 20), EventCode::WithMeans, None)).unwrap();
        ids.push(id);
    }
    let period = ReportingYear::new(2026).unwrap().cumulative(6).unwrap();
    let snap = save(store, &head(), &rules, u.province, period).unwrap();
    let frozen = store.snapshot(snap).unwrap().unwrap();
    // No row per case: the cells are recomputed from the histories at the marks.
    let frozen_cases = store.snapshot_cases(snap, &ids).unwrap();
    assert!(frozen_cases.is_empty());
    for &i in late {
        let version = store.case(ids[i]).unwrap().unwrap().version;
        let amount = 1_000 * (i as i64 + 1);
        record(store, &head(), &rules, ids[i], version, ev(date!(2026 - 01 - 15), EventCode::Collected, Some(amount)))
            .unwrap();
    }
    for &i in after {
        let version = store.case(ids[i]).unwrap().unwrap().version;
        record(store, &head(), &rules, ids[i], version, ev(date!(2026 - 05 - 15), EventCode::Collected, Some(7)))
            .unwrap();
    }
    // The snapshot is unchanged by later events.
    assert_eq!(store.snapshot(snap).unwrap().unwrap(), frozen);
    assert_eq!(store.snapshot_cases(snap, &ids).unwrap(), frozen_cases);
    // Its diff against today's figures names exactly the late cases, and says the figures.
    let units = UnitTree::new(store.units().unwrap());
    let engine = month_engine(store, &rules).unwrap();
    let live = report(store, &rules, &engine, &targets(store).unwrap(), u.province, period, head().today()).unwrap();
    let d = diff(store, &rules, &units, &frozen, Against::Live(&live), head().today()).unwrap();
    let named: BTreeSet<String> = d.changes.iter().flat_map(|c| c.cases.iter().map(|w| w.case_no.clone())).collect();
    let expected: BTreeSet<String> = late.iter().map(|i| format!("{}/QĐ-THADS", i + 1)).collect();
    assert_eq!(named, expected);
    let moved: i128 = late.iter().map(|i| 1_000 * (*i as i128 + 1)).sum();
    let completed = d.changes.iter().find(|c| c.form == "money" && c.key == "completed");
    if late.is_empty() {
        assert!(d.changes.is_empty(), "{d:?}");
    } else {
        let completed = completed.expect("money completed moved");
        assert_eq!(completed.after - completed.before, moved);
        assert_eq!(completed.cases.len(), late.len());
        assert!(completed.cases.iter().all(|w| w.record.ends_with("collected") && w.effective == "2026-01-15"));
        assert!(completed.cases.iter().all(|w| w.entered_by.as_deref() == Some("tp.kv1")));
    }
    // A second snapshot now: the diff of the two says the same.
    let again = save(store, &head(), &rules, u.province, period).unwrap();
    let again = store.snapshot(again).unwrap().unwrap();
    let between = diff(store, &rules, &units, &frozen, Against::Snapshot(&again), head().today()).unwrap();
    assert_eq!(between, d);
}

/// A change of facts after a snapshot (the amount owed) is found at the snapshot's marks from
/// the audit's facts before it: the diff against today's figures names that case and its
/// audited change, a snapshot taken after it says the same, and the figures match a new save.
fn a_fact_change_after_a_snapshot(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let f = facts(u.region1, "1/QĐ-THADS", date!(2025 - 10 - 05), 10_000_000);
    let a = create_case(store, &head(), &rules, f).unwrap().case.id;
    record(store, &head(), &rules, a, 1, ev(date!(2025 - 10 - 20), EventCode::WithMeans, None)).unwrap();
    let b = create_case(store, &head(), &rules, facts(u.region2, "2/QĐ-THADS", date!(2025 - 10 - 05), 5_000_000))
        .unwrap()
        .case
        .id;
    let period = ReportingYear::new(2026).unwrap().cumulative(6).unwrap();
    let snap = save(store, &head(), &rules, u.province, period).unwrap();
    let frozen = store.snapshot(snap).unwrap().unwrap();
    let case = store.case(a).unwrap().unwrap();
    let mut changed = case.facts.clone();
    changed.amount = Vnd::new(12_000_000).unwrap();
    update_facts(store, &head(), &rules, a, case.version, changed).unwrap();
    let units = UnitTree::new(store.units().unwrap());
    let engine = month_engine(store, &rules).unwrap();
    let live = report(store, &rules, &engine, &targets(store).unwrap(), u.province, period, head().today()).unwrap();
    let d = diff(store, &rules, &units, &frozen, Against::Live(&live), head().today()).unwrap();
    assert!(!d.changes.is_empty(), "the amount moved the money figures");
    assert!(d.changes.iter().all(|c| c.cases.iter().all(|w| w.case_no == "1/QĐ-THADS")), "{d:?}");
    assert!(d.changes.iter().any(|c| c.cases.iter().any(|w| w.record.starts_with("case.update #"))), "{d:?}");
    let moved = d.changes.iter().find(|c| c.form == "money" && c.key == "accepted").expect("money accepted moved");
    assert_eq!(moved.after - moved.before, 2_000_000);
    let again = save(store, &head(), &rules, u.province, period).unwrap();
    let again = store.snapshot(again).unwrap().unwrap();
    assert_eq!(diff(store, &rules, &units, &frozen, Against::Snapshot(&again), head().today()).unwrap(), d);
    assert_eq!(again.figures, {
        let v: serde_json::Value = thads_app::snapshots::figures(&live);
        v.to_string()
    });
    let _ = b;
}

#[test]
fn a_fact_change_after_a_snapshot_on_sqlite() {
    a_fact_change_after_a_snapshot(&sqlite_store());
}

#[test]
fn a_fact_change_after_a_snapshot_on_postgres() {
    if let Some(store) = fresh_store().expect("fresh PostgreSQL store") {
        a_fact_change_after_a_snapshot(&store);
    }
}

#[test]
fn a_snapshot_and_its_diff_on_postgres() {
    if let Some(store) = fresh_store().expect("fresh PostgreSQL store") {
        snapshot_then_late_events(&store, 6, &BTreeSet::from([1, 4]), &BTreeSet::from([0]));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    /// A snapshot is unchanged by later events; its diff against today's figures after N late
    /// events names exactly those N cases (events after the period name none).
    #[test]
    fn the_diff_names_exactly_the_late_cases(
        cases in 1usize..8,
        late in proptest::collection::btree_set(0usize..8, 0..8),
        after in proptest::collection::btree_set(0usize..8, 0..4),
    ) {
        let late: BTreeSet<usize> = late.into_iter().filter(|i| *i < cases).collect();
        let after: BTreeSet<usize> = after.into_iter().filter(|i| *i < cases && !late.contains(i)).collect();
        snapshot_then_late_events(&sqlite_store(), cases, &late, &after);
    }
}
