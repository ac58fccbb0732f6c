//! A transaction that says it will change most of the register (`CasesTx::expect_changes`),
//! where a backend may drop indexes and cohort upkeep and rebuild them at commit: afterwards
//! counts, sorting and deadlines read exactly as if it had not said so; rolled back, nothing
//! changed.

use thads_core::dates::MonthKey;
use thads_core::deadlines::DeadlineKind;
use thads_core::lifecycle::Snapshot;
use thads_core::{CaseId, CaseState, Closing, UnitId, Vnd};
use time::Date;
use time::macros::date;

use super::super::deadlines::row;
use super::super::{cohort_counts, facts, listed, new_case, ok, seed_units};
use crate::*;

const CASES: usize = 300;

/// Cases 0..100 are completed, 100..200 partly collected (2,000 + i đồng still owed of a
/// million), 200..300 left alone (1,000 + i owed).
fn amount(i: usize) -> i64 {
    if (100..200).contains(&i) { 1_000_000 } else { 1_000 + i as i64 }
}

fn update(unit: UnitId, i: usize) -> CaseUpdate {
    let f = facts(unit, &format!("{i}/QĐ-THADS"), amount(i));
    let opened = new_case(f.clone()).current;
    let vnd = |d: i64| ok(Vnd::new(d).map_err(|e| StoreError::Invalid(e.to_string())));
    let current = if i < 100 {
        Snapshot {
            state: CaseState::Closed(Closing::Completed),
            outstanding: vnd(0),
            collected: vnd(amount(i)),
            ..opened
        }
    } else {
        let owed = 2_000 + i as i64;
        Snapshot { outstanding: vnd(owed), collected: vnd(amount(i) - owed), ..opened }
    };
    CaseUpdate { facts: f, current, last_event_on: Some(date!(2025 - 12 - 09)), event_count: 1 }
}

fn first_due(i: usize) -> Date {
    date!(2026 - 11 - 01).saturating_add(time::Duration::days((i % 20) as i64))
}

pub fn a_mass_change_is_counted_and_sorted(store: &dyn Store) {
    let ids = seed_units(store);
    let unit = ids[2];
    let cases: Vec<NewCase> = (0..CASES).map(|i| new_case(facts(unit, &format!("{i}/QĐ-THADS"), amount(i)))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    // Announced after a bulk insert into an empty register (whose indexes may be dropped too).
    ok(tx.expect_changes(CASES));
    let rows: Vec<DeadlineRow> = got
        .iter()
        .enumerate()
        .map(|(i, id)| row(*id, unit, None, DeadlineKind::FirstVerification, first_due(i), false))
        .collect();
    ok(tx.replace_deadlines(&[], &rows));
    ok(tx.commit());

    let changed = &got[..200];
    let updates: Vec<CaseUpdate> = (0..200).map(|i| update(unit, i)).collect();
    let versioned: Vec<(CaseId, i64, &CaseUpdate)> = changed.iter().zip(&updates).map(|(id, u)| (*id, 1, u)).collect();
    let (stored_counts, stored_order) = (cohort_counts(store), money_order(store));
    let mut tx = ok(store.begin());
    ok(tx.expect_changes(CASES));
    ok(tx.update_cases(&versioned));
    drop(tx);
    assert_eq!(cohort_counts(store), stored_counts, "a rolled-back mass change changes no count");
    assert_eq!(money_order(store), stored_order);

    let mut tx = ok(store.begin());
    ok(tx.expect_changes(changed.len()));
    ok(tx.update_cases(&versioned));
    let open_rows: Vec<DeadlineRow> = (100..200)
        .map(|i| row(got[i], unit, None, DeadlineKind::Reverification, date!(2026 - 12 - 01), false))
        .collect();
    ok(tx.replace_deadlines(changed, &open_rows));
    ok(tx.commit());

    let (october_2025, december_2025) = (MonthKey::of(date!(2025 - 10 - 01)).0, MonthKey::of(date!(2025 - 12 - 01)).0);
    assert_eq!(
        cohort_counts(store),
        vec![(unit, october_2025, None, 200), (unit, october_2025, Some(december_2025), 100)]
    );
    assert_eq!(money_order(store)[..3], [got[199], got[198], got[197]], "sorted by what is owed now");
    let visible = DeadlineQuery::on(date!(2026 - 11 - 22));
    let due =
        |q: DeadlineQuery| -> Vec<(CaseId, Date)> { ok(store.deadlines(&q)).iter().map(|r| (r.case, r.due)).collect() };
    let all = due(visible.clone());
    assert_eq!(all.len(), 200, "completed cases have no deadline left");
    assert_eq!(all[0], (got[200], date!(2026 - 11 - 01)), "earliest due first");
    let december = due(DeadlineQuery { due_from: Some(date!(2026 - 12 - 01)), ..visible.clone() });
    assert_eq!(december.iter().map(|(case, _)| *case).collect::<Vec<_>>(), got[100..200].to_vec());
    assert_eq!(due(DeadlineQuery { units: Some(vec![unit]), ..visible }).len(), 200);
    let closed = ok(store.case_by_no(unit, &facts(unit, "7/QĐ-THADS", 1).case_no));
    assert_eq!(
        closed.map(|c| (c.id, c.version, c.current.state)),
        Some((got[7], 2, CaseState::Closed(Closing::Completed)))
    );

    // Afterwards an ordinary change moves its case between cohorts again.
    let mut closing = update(unit, 0);
    closing.facts = facts(unit, "250/QĐ-THADS", amount(250));
    closing.current.collected = closing.facts.amount;
    let mut tx = ok(store.begin());
    ok(tx.update_case(got[250], 1, &closing));
    ok(tx.commit());
    assert_eq!(
        cohort_counts(store),
        vec![(unit, october_2025, None, 199), (unit, october_2025, Some(december_2025), 101)],
        "a change after a mass change is counted"
    );
}

/// Every case, largest amount owed first.
fn money_order(store: &dyn Store) -> Vec<CaseId> {
    listed(store, CaseQuery { sort: CaseSort::OutstandingDesc, limit: 500, ..CaseQuery::default() }).0
}
