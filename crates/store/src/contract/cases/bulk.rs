//! Contract checks of cases written by the thousand (imports, a first load), where backends
//! keep search words, cohorts and indexes in aggregate: everything reads as after single
//! writes.

use thads_core::dates::MonthKey;
use thads_core::{CaseId, CaseNo, UnitId, Vnd};
use time::macros::date;

use super::super::{by_words, cohort_counts, facts, listed, new_case, ok, seed_case, seed_units};
use crate::*;

/// Writes of many cases in one transaction (imports) keep the search index and the cohort
/// counts exactly as single writes do, even when the same transaction inserts cases, updates
/// them in bulk and renames one: backends may maintain both in aggregate for such writes.
pub fn bulk_writes_keep_search_and_cohorts(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    ok(tx.insert_cases(&[new_case(facts(ids[2], "1/QĐ-THADS", 10))]));
    ok(tx.commit());
    let fact = |i: usize| {
        let mut f = facts(ids[2 + i % 2], &format!("{}/QĐ-THADS", 10_000 + i), 1000);
        f.debtor = if i == 7 { "Phan Thị Quyên".into() } else { format!("Lý Văn {i}") };
        f.accepted_on = if i.is_multiple_of(3) { date!(2024 - 05 - 02) } else { date!(2025 - 10 - 06) };
        f
    };
    let cases: Vec<NewCase> = (0..600).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    let closed: Vec<CaseUpdate> = (0..300)
        .map(|i| CaseUpdate {
            facts: fact(i),
            current: thads_core::Snapshot {
                state: thads_core::CaseState::Closed(thads_core::Closing::Completed),
                ..cases[i].current.clone()
            },
            last_event_on: Some(date!(2025 - 12 - 09)),
            event_count: 1,
        })
        .collect();
    ok(tx.update_cases(&got.iter().zip(&closed).map(|(id, u)| (*id, 1, u)).collect::<Vec<_>>()));
    let mut renamed = closed[9].clone();
    renamed.facts.debtor = "Võ Thị Hằng".into();
    ok(tx.update_case(got[9], 2, &renamed));
    ok(tx.commit());
    assert_eq!(listed(store, by_words("phan thi quyen")).0, vec![got[7]], "a case inserted in bulk is found");
    assert_eq!(listed(store, by_words("vo thi hang")).0, vec![got[9]], "a rename after the bulk insert");
    assert!(!listed(store, by_words("ly van 9")).0.contains(&got[9]), "the old name is gone");
    assert_eq!(listed(store, by_words("ly van 599")).0, vec![got[599]]);
    let counts = cohort_counts(store);
    let (may_2024, october_2025) = (MonthKey::of(date!(2024 - 05 - 01)).0, MonthKey::of(date!(2025 - 10 - 01)).0);
    let december_2025 = Some(MonthKey::of(date!(2025 - 12 - 01)).0);
    let expected = |unit: UnitId, parity: usize| {
        let count = |from: usize, to: usize, third: bool| {
            (from..to).filter(|i| i % 2 == parity && i.is_multiple_of(3) == third).count() as i64
        };
        let mut rows = vec![
            (unit, may_2024, None, count(300, 600, true)),
            (unit, may_2024, december_2025, count(0, 300, true)),
            (unit, october_2025, None, count(300, 600, false)),
            (unit, october_2025, december_2025, count(0, 300, false)),
        ];
        if parity == 0 {
            rows[2].3 += 1; // 1/QĐ-THADS, inserted alone
        }
        rows
    };
    let mut want: Vec<_> = expected(ids[2], 0).into_iter().chain(expected(ids[3], 1)).collect();
    want.sort();
    assert_eq!(counts, want);
}

/// The first load of an empty register (where the backends drop indexes and build them at
/// commit): a rename in the same transaction, then search, sorting and lookups by number work
/// on the loaded cases as on any others.
pub fn a_first_load_is_searched_and_sorted(store: &dyn Store) {
    let ids = seed_units(store);
    let fact = |i: usize| {
        let mut f = facts(ids[2 + i % 2], &format!("{i}/QĐ-THADS"), 1_000 + i as i64);
        f.debtor = format!("Lý Văn {i}");
        f
    };
    let cases: Vec<NewCase> = (0..600).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    let mut renamed =
        CaseUpdate { facts: fact(42), current: cases[42].current.clone(), last_event_on: None, event_count: 0 };
    renamed.facts.debtor = "Phan Thị Quyên".into();
    ok(tx.update_case(got[42], 1, &renamed));
    let more: Vec<NewCase> = (600..700).map(|i| new_case(fact(i))).collect();
    let got_more = ok(tx.insert_cases(&more));
    ok(tx.commit());
    assert_eq!(listed(store, by_words("phan thi quyen")).0, vec![got[42]]);
    assert!(!listed(store, by_words("ly van 42")).0.contains(&got[42]), "the name before the rename is gone");
    assert_eq!(listed(store, by_words("ly van 650")).0, vec![got_more[50]], "inserted after the rename");
    let by_money = CaseQuery { sort: CaseSort::OutstandingDesc, limit: 2, ..CaseQuery::default() };
    assert_eq!(listed(store, by_money), (vec![got_more[99], got_more[98]], true));
    let scoped = CaseQuery { units: Some(vec![ids[3]]), limit: 1, ..CaseQuery::default() };
    assert_eq!(listed(store, scoped).0, vec![got_more[99]]);
    let found =
        ok(store.case_by_no(ids[3], &ok(CaseNo::new("599/QĐ-THADS").map_err(|e| StoreError::Invalid(e.to_string())))));
    assert_eq!(found.map(|c| c.id), Some(got[599]));
    assert_eq!(ok(store.case_count()), 700);
    let october = MonthKey::of(date!(2025 - 10 - 01)).0;
    assert_eq!(cohort_counts(store), vec![(ids[2], october, None, 350), (ids[3], october, None, 350)]);
    seed_case(store, ids[2], "1/2025/QĐ-THADS");
    assert_eq!(
        cohort_counts(store),
        vec![(ids[2], october, None, 351), (ids[3], october, None, 350)],
        "a case added after a first load is counted"
    );
}

/// A first load of an empty register, only inserts, committed if `commit` (else dropped).
pub fn first_load_only(store: &dyn Store, commit: bool) {
    let ids = seed_units(store);
    let cases: Vec<NewCase> = (0..300).map(|i| new_case(facts(ids[2], &format!("{i}/QĐ-THADS"), 1_000))).collect();
    let mut tx = ok(store.begin());
    ok(tx.insert_cases(&cases));
    if commit {
        ok(tx.commit());
    } else {
        drop(tx);
    }
    assert_eq!(ok(store.case_count()), if commit { 300 } else { 0 });
}

/// Updates of many cases where most only take new events (money collected: state, amounts,
/// last event, count) and a few are also renamed, in one call (backends may store the first
/// kind narrowly): every case reads as written, the renamed ones are found by their new name
/// only, the others still by theirs, the list sorted by what is owed follows the new amounts,
/// and one stale version among the narrow ones refuses the whole call.
pub fn updates_of_state_and_of_facts_in_one_call(store: &dyn Store) {
    let ids = seed_units(store);
    let fact = |i: usize| {
        let mut f = facts(ids[2], &format!("{}/QĐ-THADS", 20_000 + i), 1_000_000);
        f.debtor = format!("Đỗ Văn {i}");
        f
    };
    let cases: Vec<NewCase> = (0..100).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    ok(tx.commit());
    let collected = |i: usize| {
        let mut current = cases[i].current.clone();
        current.state = thads_core::CaseState::WithMeans;
        let vnd = |d: i64| ok(Vnd::new(d).map_err(|e| StoreError::Invalid(e.to_string())));
        current.collected = vnd(1_000 * i as i64);
        current.outstanding = vnd(1_000_000 - 1_000 * i as i64);
        current
    };
    let updates: Vec<CaseUpdate> = (0..100)
        .map(|i| {
            let mut facts = fact(i);
            if i % 10 == 3 {
                facts.debtor = format!("Mai Thị {i}");
            }
            CaseUpdate { facts, current: collected(i), last_event_on: Some(date!(2025 - 12 - 09)), event_count: 1 }
        })
        .collect();
    let mut tx = ok(store.begin());
    let versions = ok(tx.update_cases(&got.iter().zip(&updates).map(|(id, u)| (*id, 1, u)).collect::<Vec<_>>()));
    ok(tx.commit());
    assert_eq!(versions, vec![2; 100]);
    for i in [0, 3, 50, 93, 99] {
        let case = ok(store.case(got[i])).unwrap_or_else(|| panic!("case missing"));
        assert_eq!((&case.facts, &case.current, case.version), (&updates[i].facts, &updates[i].current, 2), "case {i}");
        assert_eq!((case.last_event_on, case.event_count), (Some(date!(2025 - 12 - 09)), 1));
    }
    assert_eq!(listed(store, by_words("mai thi 43")).0, vec![got[43]], "renamed in the call");
    assert!(listed(store, by_words("do van 43")).0.is_empty(), "the old name is gone");
    assert_eq!(listed(store, by_words("do van 44")).0, vec![got[44]], "a case whose facts stayed is still found");
    let by_money = CaseQuery { sort: CaseSort::OutstandingDesc, limit: 2, ..CaseQuery::default() };
    assert_eq!(listed(store, by_money), (vec![got[0], got[1]], true), "sorted by the new amounts");
    let mut again: Vec<(CaseId, i64, &CaseUpdate)> = got.iter().zip(&updates).map(|(id, u)| (*id, 2, u)).collect();
    again[55].1 = 1;
    let mut tx = ok(store.begin());
    let stale = tx.update_cases(&again);
    assert!(matches!(&stale, Err(StoreError::Stale { case }) if case.as_str() == "20055/QĐ-THADS"), "{stale:?}");
    drop(tx);
    assert_eq!(ok(store.case(got[0])).map(|c| c.version), Some(2), "nothing of a refused call is kept");
}
