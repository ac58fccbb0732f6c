//! Contract checks of the ledger: deltas add up per series and month, deducted moves are
//! replaced per case, the rules fingerprint and generation move, and the acceptance cohorts
//! follow every insert and change of state.

use thads_core::dates::MonthKey;
use thads_core::ledger::{DeductedMove, Dim, Measures, MoveKind, SeriesKey};
use thads_core::{CaseId, Origin, StaffId, Vnd};
use time::macros::date;

use super::{cohort_counts, facts, new_case, ok, seed_case, seed_units};
use crate::*;

fn row(series: SeriesKey, month: i32, pairs: &[(usize, i64)]) -> LedgerRow {
    let mut m = Measures::default();
    for (i, v) in pairs {
        m.0[*i] = *v;
    }
    LedgerRow { series, month: MonthKey(month), measures: m }
}

pub fn ledger_deltas_add_up(store: &dyn Store) {
    let ids = seed_units(store);
    let s1 = SeriesKey { unit: ids[2], dim: Dim::Origin(Origin::ChuDong) };
    let s2 = SeriesKey { unit: ids[2], dim: Dim::Officer(Some(StaffId(7))) };
    let before = ok(store.ledger_state());
    let mut tx = ok(store.begin());
    ok(tx.apply_ledger(&[row(s1, 24_300, &[(0, 1), (1, 5_000_000_000_000)]), row(s2, 24_300, &[(27, -3)])]));
    ok(tx.apply_ledger(&[row(s1, 24_300, &[(0, 2), (27, 9)]), row(s1, 24_301, &[(5, 1)])]));
    ok(tx.set_ledger_rules("abc123"));
    ok(tx.commit());
    let mut rows = ok(store.ledger());
    rows.sort_by_key(|r| (r.series, r.month));
    let want = {
        let mut w = vec![
            row(s1, 24_300, &[(0, 3), (1, 5_000_000_000_000), (27, 9)]),
            row(s1, 24_301, &[(5, 1)]),
            row(s2, 24_300, &[(27, -3)]),
        ];
        w.sort_by_key(|r| (r.series, r.month));
        w
    };
    assert_eq!(rows, want);
    // The origin series alone: s1's rows, not the officer's.
    let mut origin = ok(store.origin_ledger());
    origin.sort_by_key(|r| (r.series, r.month));
    assert_eq!(origin, want.iter().filter(|r| r.series == s1).cloned().collect::<Vec<_>>());
    let state = ok(store.ledger_state());
    assert_eq!(state.rules_fingerprint.as_deref(), Some("abc123"));
    assert!(state.generation > before.generation);
    let mut tx = ok(store.begin());
    ok(tx.clear_ledger());
    ok(tx.touch_ledger());
    ok(tx.commit());
    assert!(ok(store.ledger()).is_empty());
    assert!(ok(store.ledger_state()).generation > state.generation);
}

pub fn deducted_moves_are_replaced_per_case(store: &dyn Store) {
    let ids = seed_units(store);
    let a = seed_case(store, ids[2], "4/QĐ-THADS");
    let b = seed_case(store, ids[2], "5/QĐ-THADS");
    let dims = facts(ids[2], "x", 0).dims();
    let mv = |case, amount| DeductedRow {
        case,
        dims,
        moved: DeductedMove {
            closed_on: date!(2025 - 12 - 01),
            moved_on: date!(2025 - 11 - 03),
            kind: MoveKind::Collected,
            amount: Vnd::new(amount).unwrap_or_default(),
        },
    };
    let mut tx = ok(store.begin());
    ok(tx.replace_deducted_moves(&[a, b], &[mv(a, 10), mv(a, 20), mv(b, 30)]));
    ok(tx.replace_deducted_moves(&[a], &[mv(a, 40)]));
    ok(tx.commit());
    let mut got: Vec<(CaseId, i64)> =
        ok(store.deducted_moves()).iter().map(|r| (r.case, r.moved.amount.dong())).collect();
    got.sort();
    assert_eq!(got, vec![(a, 40), (b, 30)]);
    assert_eq!(ok(store.deducted_moves())[0].dims, dims);
}

/// The cohort counts follow every insert and every change of state, whatever writes them.
pub fn cohorts_follow_acceptance_and_closing(store: &dyn Store) {
    let ids = seed_units(store);
    let mut early = new_case(facts(ids[2], "30/QĐ-THADS", 10));
    early.facts.accepted_on = date!(2024 - 03 - 15);
    let mut tx = ok(store.begin());
    let cases = ok(tx.insert_cases(&[early.clone(), new_case(facts(ids[2], "31/QĐ-THADS", 10))]));
    ok(tx.commit());
    let march_2024 = MonthKey::of(date!(2024 - 03 - 01)).0;
    let october_2025 = MonthKey::of(date!(2025 - 10 - 01)).0;
    assert_eq!(cohort_counts(store), vec![(ids[2], march_2024, None, 1), (ids[2], october_2025, None, 1)]);
    let closed = CaseUpdate {
        facts: early.facts.clone(),
        current: thads_core::Snapshot {
            state: thads_core::CaseState::Closed(thads_core::Closing::Completed),
            ..early.current.clone()
        },
        last_event_on: Some(date!(2025 - 11 - 20)),
        event_count: 1,
    };
    let mut tx = ok(store.begin());
    ok(tx.update_case(cases[0], 1, &closed));
    ok(tx.commit());
    let november_2025 = MonthKey::of(date!(2025 - 11 - 01)).0;
    assert_eq!(
        cohort_counts(store),
        vec![(ids[2], march_2024, Some(november_2025), 1), (ids[2], october_2025, None, 1)]
    );
}
