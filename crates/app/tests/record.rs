//! Recording events on cases: backdating, refusals, corrections, optimistic concurrency, the
//! audit trail, and the incremental ledger against a full recomputation. Each check runs on
//! SQLite and on PostgreSQL (a fresh database from `THADS_TEST_PG`; skipped when unset).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use thads_app::cases::record::{create_case, record, record_current, update_facts};
use thads_app::ledger::recompute;
use thads_app::{Actor, AppError, HistoryRefusal, NewRecord};
use thads_core::{Entry, Event, EventCode, Rules, Vnd};
use thads_store::{Cases, Store, StoreError};
use thads_store_postgres::testing::fresh_store;
use thads_testkit::{facts, seed_officer, seed_units, sqlite_store};
use time::Date;
use time::macros::{date, datetime};

fn actor() -> Actor {
    Actor { login: "chv.an".into(), at: datetime!(2026-11-22 09:00 +7) }
}

fn ev(d: Date, code: EventCode, amount: Option<i64>) -> NewRecord {
    NewRecord::event(Event { date: d, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: None })
}

fn sorted(mut rows: Vec<thads_store::LedgerRow>) -> Vec<thads_store::LedgerRow> {
    rows.sort_by_key(|r| (r.series, r.month));
    rows
}

fn assert_ledger_is_a_full_recomputation(store: &dyn Store) {
    let (delta, mut deducted) = recompute(store, &Rules::default(), actor().today()).unwrap();
    assert_eq!(
        sorted(store.ledger().unwrap().into_iter().filter(|r| !r.measures.is_zero()).collect()),
        sorted(delta.into_rows())
    );
    let mut stored = store.deducted_moves().unwrap();
    let key = |r: &thads_store::DeductedRow| (r.case, r.moved.moved_on, r.moved.amount);
    stored.sort_by_key(key);
    deducted.sort_by_key(key);
    assert_eq!(stored, deducted);
}

fn events_change_the_state_and_the_ledger_follows(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let c = create_case(store, &actor(), &rules, facts(u.region1, "1/QĐ-THADS", date!(2025 - 10 - 05), 10_000_000))
        .unwrap();
    let c =
        record(store, &actor(), &rules, c.case.id, 1, ev(date!(2025 - 10 - 20), EventCode::WithMeans, None)).unwrap();
    let c =
        record(store, &actor(), &rules, c.case.id, 2, ev(date!(2025 - 11 - 02), EventCode::Collected, Some(4_000_000)))
            .unwrap();
    assert_eq!(c.case.version, 3);
    assert_eq!(c.case.current.outstanding.dong(), 6_000_000);
    assert_eq!(c.case.current.state.code(), "with_means");
    let stored = store.case(c.case.id).unwrap().unwrap();
    assert_eq!(stored, c.case);
    assert_ledger_is_a_full_recomputation(store);
}

fn a_backdated_event_is_accepted_when_the_history_stays_consistent(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let id = create_case(store, &actor(), &rules, facts(u.region1, "2/QĐ-THADS", date!(2025 - 10 - 05), 1_000_000))
        .unwrap()
        .case
        .id;
    record(store, &actor(), &rules, id, 1, ev(date!(2026 - 03 - 01), EventCode::WithMeans, None)).unwrap();
    // Entered late, dated earlier: the case had no means in between.
    let c = record(store, &actor(), &rules, id, 2, ev(date!(2025 - 11 - 10), EventCode::NoMeans, None)).unwrap();
    assert_eq!(c.case.current.state.code(), "with_means", "the later verification still decides today's state");
    // Entered late, dated earlier, and impossible: a completion before the verification.
    let refused =
        record(store, &actor(), &rules, id, 3, ev(date!(2025 - 12 - 01), EventCode::Terminated, None)).unwrap_err();
    match refused {
        AppError::Refused(HistoryRefusal::Invalidates { later, later_date, .. }) => {
            assert_eq!((later, later_date), (EventCode::WithMeans, date!(2026 - 03 - 01)));
        }
        other => panic!("expected a refusal naming the later event, got {other:?}"),
    }
    assert_eq!(store.case(id).unwrap().unwrap().version, 3, "nothing changed");
    assert_ledger_is_a_full_recomputation(store);
}

fn refusals_leave_nothing_behind(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let id = create_case(store, &actor(), &rules, facts(u.region1, "3/QĐ-THADS", date!(2025 - 10 - 05), 1_000))
        .unwrap()
        .case
        .id;
    let too_much = record(store, &actor(), &rules, id, 1, ev(date!(2025 - 10 - 06), EventCode::Collected, Some(1_001)));
    assert!(matches!(too_much, Err(AppError::Refused(HistoryRefusal::Event { .. }))), "{too_much:?}");
    let future = record(store, &actor(), &rules, id, 1, ev(date!(2026 - 11 - 23), EventCode::WithMeans, None));
    assert!(future.is_err());
    assert!(store.records(id).unwrap().is_empty());
    assert_eq!(store.audit_of_case(id).unwrap().len(), 1, "only the creation is audited");
}

fn a_stale_version_is_refused(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let id = create_case(store, &actor(), &rules, facts(u.region1, "4/QĐ-THADS", date!(2025 - 10 - 05), 1_000))
        .unwrap()
        .case
        .id;
    record(store, &actor(), &rules, id, 1, ev(date!(2025 - 10 - 06), EventCode::WithMeans, None)).unwrap();
    let stale = record(store, &actor(), &rules, id, 1, ev(date!(2025 - 10 - 07), EventCode::Collected, Some(10)));
    assert!(matches!(stale, Err(AppError::Store(StoreError::Stale { .. }))), "{stale:?}");
    // Without a version: recorded on the case as it is, when the caller's check holds for it.
    let collected = || ev(date!(2025 - 10 - 07), EventCode::Collected, Some(10));
    let changed = record_current(store, &actor(), &rules, id, collected(), |c| c.facts.unit == u.region1).unwrap();
    assert_eq!((changed.case.version, changed.case.current.collected.dong()), (3, 10));
    let refused = record_current(store, &actor(), &rules, id, collected(), |c| c.facts.unit == u.region2);
    assert!(matches!(refused, Err(AppError::Store(StoreError::Stale { .. }))), "{refused:?}");
    assert_eq!(store.case(id).unwrap().unwrap().version, 3, "nothing written when the check fails");
}

fn corrections_and_voids_supersede_without_deleting(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let id = create_case(store, &actor(), &rules, facts(u.region1, "5/QĐ-THADS", date!(2025 - 10 - 05), 1_000_000))
        .unwrap()
        .case
        .id;
    record(store, &actor(), &rules, id, 1, ev(date!(2025 - 10 - 06), EventCode::WithMeans, None)).unwrap();
    record(store, &actor(), &rules, id, 2, ev(date!(2025 - 10 - 07), EventCode::Collected, Some(100_000))).unwrap();
    let wrong = store.records(id).unwrap()[1].id;
    let fix = NewRecord {
        supersedes: Some(wrong),
        note: "sai số tiền".into(),
        ..ev(date!(2025 - 10 - 07), EventCode::Collected, Some(150_000))
    };
    let c = record(store, &actor(), &rules, id, 3, fix).unwrap();
    assert_eq!(c.case.current.collected.dong(), 150_000);
    let fixed = store.records(id).unwrap()[2].id;
    let void = NewRecord { entry: Entry::Void, supersedes: Some(fixed), note: "nhập nhầm việc".into() };
    let c = record(store, &actor(), &rules, id, 4, void).unwrap();
    assert_eq!(c.case.current.collected.dong(), 0);
    assert_eq!(store.records(id).unwrap().len(), 4, "every record is kept");
    let audit = store.audit_of_case(id).unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["case.create", "event.add", "event.add", "event.correct", "event.void"]);
    assert!(audit[3].before.as_deref().unwrap().contains("\"collected\":100000"));
    assert!(audit[3].after.as_deref().unwrap().contains("\"collected\":150000"));
    assert_ledger_is_a_full_recomputation(store);
}

/// A case with a collection of 123 đồng (record returned), for corrections and voids.
fn collected_123(store: &dyn Store, no: &str) -> (thads_core::CaseId, thads_core::EventId) {
    let u = seed_units(store);
    let rules = Rules::default();
    let id =
        create_case(store, &actor(), &rules, facts(u.region1, no, date!(2025 - 10 - 05), 1_000_000)).unwrap().case.id;
    record(store, &actor(), &rules, id, 1, ev(date!(2025 - 10 - 06), EventCode::WithMeans, None)).unwrap();
    record(store, &actor(), &rules, id, 2, ev(date!(2025 - 10 - 07), EventCode::Collected, Some(123))).unwrap();
    (id, store.records(id).unwrap()[1].id)
}

fn correction(target: thads_core::EventId, amount: i64) -> NewRecord {
    NewRecord {
        supersedes: Some(target),
        note: "sai số tiền".into(),
        ..ev(date!(2025 - 10 - 07), EventCode::Collected, Some(amount))
    }
}

fn void(target: thads_core::EventId) -> NewRecord {
    NewRecord { entry: Entry::Void, supersedes: Some(target), note: "nhập nhầm".into() }
}

fn current_version(store: &dyn Store, id: thads_core::CaseId) -> i64 {
    store.case(id).unwrap().unwrap().version
}

/// A record already replaced is not replaced again, even by someone who holds the case's
/// current version (a form sent after another person's correction): the check is made on the
/// records read in the write transaction. A void replaces nothing that can be replaced.
fn a_replaced_record_is_not_replaced_again(store: &dyn Store) {
    let rules = Rules::default();
    let (id, target) = collected_123(store, "8/QĐ-THADS");
    record(store, &actor(), &rules, id, 3, correction(target, 1_000)).unwrap();
    for second in [correction(target, 2_000), void(target)] {
        let refused = record(store, &actor(), &rules, id, current_version(store, id), second);
        assert!(
            matches!(&refused, Err(AppError::Store(StoreError::AlreadySuperseded { record })) if *record == target),
            "{refused:?}"
        );
    }
    assert_eq!(store.case(id).unwrap().unwrap().current.collected.dong(), 1_000, "the one correction counts");
    let fixed = store.records(id).unwrap()[2].id;
    record(store, &actor(), &rules, id, 4, void(fixed)).unwrap();
    let voided = store.records(id).unwrap()[3].id;
    let refused = record(store, &actor(), &rules, id, 5, correction(voided, 5));
    assert!(matches!(refused, Err(AppError::Invalid(_))), "a void is not corrected: {refused:?}");
    assert_eq!(store.records(id).unwrap().len(), 4);
    assert_ledger_is_a_full_recomputation(store);
}

/// Officers correcting or voiding the same record at once, each retrying while the case changed
/// underneath it (`Stale`), as a person reloading the page would: exactly one replaces it, every
/// other is told it was already replaced, and the money is that one's.
fn racing_corrections_of_one_record_leave_one(store: &dyn Store) {
    const RACERS: usize = 6;
    let rules = Rules::default();
    let (id, target) = collected_123(store, "9/QĐ-THADS");
    let start = std::sync::Barrier::new(RACERS);
    let outcomes: Vec<Result<i64, AppError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..RACERS)
            .map(|k| {
                let (start, rules) = (&start, &rules);
                s.spawn(move || {
                    let new = if k == 0 { void(target) } else { correction(target, 1_000 * k as i64) };
                    start.wait();
                    loop {
                        match record(store, &actor(), rules, id, current_version(store, id), new.clone()) {
                            Ok(c) => return Ok(c.case.current.collected.dong()),
                            Err(AppError::Store(StoreError::Stale { .. })) => continue,
                            Err(e) => return Err(e),
                        }
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let won: Vec<i64> = outcomes.iter().filter_map(|o| o.as_ref().ok().copied()).collect();
    assert_eq!(won.len(), 1, "{outcomes:?}");
    for lost in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        assert!(
            matches!(lost, AppError::Store(StoreError::AlreadySuperseded { record }) if *record == target),
            "{lost:?}"
        );
    }
    assert_eq!(store.case(id).unwrap().unwrap().current.collected.dong(), won[0], "the money is the winner's");
    assert_eq!(store.records(id).unwrap().len(), 3);
    assert_ledger_is_a_full_recomputation(store);
}

fn reassigning_an_officer_moves_the_case_between_ledger_series(store: &dyn Store) {
    let u = seed_units(store);
    let officer = seed_officer(store, u.region1, "chv.binh", "Lê Thị Bình");
    let rules = Rules::default();
    let c = create_case(store, &actor(), &rules, facts(u.region1, "6/QĐ-THADS", date!(2025 - 10 - 05), 1_000)).unwrap();
    let mut f = c.case.facts.clone();
    f.officer = Some(officer);
    let c = update_facts(store, &actor(), &rules, c.case.id, 1, f).unwrap();
    assert_eq!(c.case.facts.officer, Some(officer));
    assert!(!c.ledger_delta.is_empty());
    assert_ledger_is_a_full_recomputation(store);
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

/// Officers recording on the same cases at once: each attempt either succeeds or is told that
/// the case changed underneath it (`Stale`); nothing is lost, nothing is counted twice, and the
/// ledger equals a full recomputation.
fn concurrent_officers_keep_the_ledger_exact(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let mut ids = Vec::new();
    for i in 0..2 {
        let f = facts(u.region1, &format!("{}/QĐ-THADS", 70 + i), date!(2025 - 10 - 05), 100_000_000);
        let id = create_case(store, &actor(), &rules, f).unwrap().case.id;
        record(store, &actor(), &rules, id, 1, ev(date!(2025 - 10 - 06), EventCode::WithMeans, None)).unwrap();
        ids.push(id);
    }
    let (succeeded, stale) = (AtomicUsize::new(0), AtomicUsize::new(0));
    std::thread::scope(|s| {
        for t in 0..6 {
            let (ids, rules, succeeded, stale) = (&ids, &rules, &succeeded, &stale);
            s.spawn(move || {
                for k in 0..10 {
                    let id = ids[(t + k) % 2];
                    let version = store.case(id).unwrap().unwrap().version;
                    let collected = ev(date!(2025 - 11 - 01), EventCode::Collected, Some(1_000));
                    match record(store, &actor(), rules, id, version, collected) {
                        Ok(_) => succeeded.fetch_add(1, Ordering::Relaxed),
                        Err(AppError::Store(StoreError::Stale { .. })) => stale.fetch_add(1, Ordering::Relaxed),
                        Err(e) => panic!("neither success nor stale: {e:?}"),
                    };
                }
            });
        }
    });
    let (succeeded, stale) = (succeeded.into_inner(), stale.into_inner());
    assert_eq!(succeeded + stale, 60);
    assert!(succeeded > 0);
    let collected: i64 = ids.iter().map(|id| store.case(*id).unwrap().unwrap().current.collected.dong()).sum();
    assert_eq!(collected, 1_000 * succeeded as i64, "every accepted collection counted once");
    let records: usize = ids.iter().map(|id| store.records(*id).unwrap().len()).sum();
    assert_eq!(records, 2 + succeeded, "a stale attempt leaves no record");
    assert_ledger_is_a_full_recomputation(store);
}

on_both_backends!(
    concurrent_officers_keep_the_ledger_exact,
    events_change_the_state_and_the_ledger_follows,
    a_backdated_event_is_accepted_when_the_history_stays_consistent,
    refusals_leave_nothing_behind,
    a_stale_version_is_refused,
    corrections_and_voids_supersede_without_deleting,
    a_replaced_record_is_not_replaced_again,
    racing_corrections_of_one_record_leave_one,
    reassigning_an_officer_moves_the_case_between_ledger_series
);

fn arb_step() -> impl Strategy<Value = (usize, i64, usize, i64)> {
    (0usize..4, 0i64..400, 0usize..EventCode::ALL.len(), 1i64..400_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Whatever is recorded, in whatever date order, the ledger kept change by change equals
    /// the ledger recomputed from the histories.
    #[test]
    fn the_incremental_ledger_equals_a_full_recomputation(steps in proptest::collection::vec(arb_step(), 1..40)) {
        let store = sqlite_store();
        let u = seed_units(&store);
        let rules = Rules::default();
        let units = [u.region1, u.region2, u.province, u.region1];
        let mut cases = Vec::new();
        for (i, unit) in units.iter().enumerate() {
            let f = facts(*unit, &format!("{i}/QĐ-THADS"), date!(2025 - 06 - 01), 1_000_000);
            cases.push(create_case(&store, &actor(), &rules, f).unwrap().case);
        }
        for (which, day, code, amount) in steps {
            let case = store.case(cases[which].id).unwrap().unwrap();
            let code = EventCode::ALL[code];
            let amount = (code.amount_rule() != thads_core::event::AmountRule::Forbidden).then_some(amount);
            let d = date!(2025 - 06 - 01) + time::Duration::days(day);
            let _ = record(&store, &actor(), &rules, case.id, case.version, ev(d, code, amount));
        }
        assert_ledger_is_a_full_recomputation(&store);
    }
}
