//! Snapshots saved from a live engine (`snapshots::save_with`, what the server does): the same
//! figures and report as a snapshot built from the stored ledger, whether the engine followed
//! every write (it is then read) or missed one (it is then not read: the stored ledger is);
//! the engine of the units' totals a save builds without a live engine reports as the whole one.
//! Each check runs on SQLite and on PostgreSQL (`THADS_TEST_PG`).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use proptest::prelude::*;
use thads_app::cases::record::{create_case, record};
use thads_app::snapshots::{save, save_with};
use thads_app::stats::{LiveStatistics, month_engine, targets, totals_engine};
use thads_app::{Actor, NewRecord};
use thads_core::{CaseId, Event, EventCode, ReportingYear, Rules, Vnd};
use thads_store::Store;
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

/// Whether the live engine is read for a snapshot now: it is exactly the stored ledger.
fn engine_is_current(store: &dyn Store, live: &LiveStatistics) -> bool {
    live.read_at(store.ledger_state().unwrap().generation, |_| ()).unwrap().is_some()
}

/// `cases` cases with means, then one collection on each case of `writes`, each applied to
/// the live engine or not (`applied`); after each write a snapshot from the live engine has
/// the figures and report of one from the stored ledger.
fn warm_equals_cold(store: &dyn Store, cases: usize, writes: &[(usize, bool)]) {
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
    let live = LiveStatistics::load(store, &rules).unwrap();
    let same = |warm: i64, cold: i64| {
        let (warm, cold) = (store.snapshot(warm).unwrap().unwrap(), store.snapshot(cold).unwrap().unwrap());
        assert_eq!((warm.figures, warm.report), (cold.figures, cold.report));
        // The engine of the totals (what a save without a live engine builds) reports as the whole one.
        let (whole, totals, targets) =
            (month_engine(store, &rules).unwrap(), totals_engine(store, &rules).unwrap(), targets(store).unwrap());
        for unit in [u.national, u.province, u.region1, u.region2] {
            assert_eq!(totals.report(unit, period, &targets).unwrap(), whole.report(unit, period, &targets).unwrap());
            let rows = |e: &thads_reports::MonthEngine| e.report_by_unit(unit, period, &targets).unwrap();
            assert_eq!(rows(&totals), rows(&whole));
        }
    };
    assert!(engine_is_current(store, &live));
    let warm = save_with(store, &head(), &rules, u.province, period, Some(&live)).unwrap();
    same(warm, save(store, &head(), &rules, u.province, period).unwrap());
    let mut missed = false;
    for (n, &(i, applied)) in writes.iter().enumerate() {
        let case = store.case(ids[i % cases]).unwrap().unwrap();
        let at = ev(date!(2026 - 01 - 15), EventCode::Collected, Some(1_000 * (n as i64 + 1)));
        let changed = record(store, &head(), &rules, case.id, case.version, at).unwrap();
        if applied {
            live.apply(&changed).unwrap();
        }
        missed |= !applied;
        // A write the engine missed keeps it from being read until it reloads.
        assert_eq!(engine_is_current(store, &live), !missed);
        let warm = save_with(store, &head(), &rules, u.province, period, Some(&live)).unwrap();
        same(warm, save(store, &head(), &rules, u.province, period).unwrap());
    }
    live.refresh(store, &rules, false).unwrap();
    assert!(engine_is_current(store, &live));
    let warm = save_with(store, &head(), &rules, u.province, period, Some(&live)).unwrap();
    same(warm, save(store, &head(), &rules, u.province, period).unwrap());
}

fn some_writes(store: &dyn Store) {
    warm_equals_cold(store, 4, &[(0, true), (1, true), (2, false), (3, true)]);
}

#[test]
fn a_snapshot_from_the_live_engine_on_sqlite() {
    some_writes(&sqlite_store());
}

#[test]
fn a_snapshot_from_the_live_engine_on_postgres() {
    if let Some(store) = fresh_store().expect("fresh PostgreSQL store") {
        some_writes(&store);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]
    /// Whatever writes the live engine followed or missed, a snapshot saved with it is the one
    /// saved from the stored ledger.
    #[test]
    fn a_snapshot_from_the_live_engine_is_the_stored_one(
        cases in 1usize..5,
        writes in proptest::collection::vec((0usize..5, proptest::bool::weighted(0.8)), 0..6),
    ) {
        warm_equals_cold(&sqlite_store(), cases, &writes);
    }
}

/// A write applied while a reader computes from the engine does not wait for the reader: it is
/// left to the next refresh, which follows the ledger log, and the engine is then the stored
/// ledger again, with the write in it.
#[test]
fn a_write_does_not_wait_for_a_reader_of_the_engine() {
    let owned = sqlite_store();
    let store: &dyn Store = &owned;
    let u = seed_units(store);
    let rules = Rules::default();
    let f = facts(u.region1, "1/QĐ-THADS", date!(2025 - 10 - 05), 10_000_000);
    let id = create_case(store, &head(), &rules, f).unwrap().case.id;
    record(store, &head(), &rules, id, 1, ev(date!(2025 - 10 - 20), EventCode::WithMeans, None)).unwrap();
    let live = LiveStatistics::load(store, &rules).unwrap();
    let case = store.case(id).unwrap().unwrap();
    let changed =
        record(store, &head(), &rules, id, case.version, ev(date!(2026 - 01 - 15), EventCode::Collected, Some(7_000)))
            .unwrap();
    let applied = live.read(|_, _| live.apply(&changed).unwrap()).unwrap();
    assert!(!applied, "left to the next refresh while the engine is read");
    assert!(!engine_is_current(store, &live));
    assert!(matches!(live.refresh(store, &rules, false).unwrap(), thads_app::stats::Refreshed::CaughtUp(1)));
    assert!(engine_is_current(store, &live));
    let period = ReportingYear::new(2026).unwrap().cumulative(6).unwrap();
    let (fresh, targets) = (month_engine(store, &rules).unwrap(), targets(store).unwrap());
    let report = live.read(|engine, _| engine.report(u.national, period, &targets).unwrap()).unwrap();
    assert_eq!(report, fresh.report(u.national, period, &targets).unwrap());
}
