//! Contract checks of a case's details (schema 10) and of the intake's writes: details round
//! trip and are replaced, a case without them has none, the numbers of a unit's book of a year,
//! a taken number and a stale version write nothing, and of writers editing one case's facts
//! with the same version, one wins.

use thads_core::case::{Judgment, Request};
use thads_core::{CaseDetails, CaseId, PartyId, field};
use time::macros::date;

use super::super::{facts, new_case, ok, seed_case, seed_units};
use crate::*;

fn party(text: &str) -> Option<PartyId> {
    ok(PartyId::parse("debtor_id", field::DEBTOR_ID, text).map_err(|e| StoreError::Invalid(e.to_string())))
}

fn details(address: &str) -> CaseDetails {
    CaseDetails {
        debtor_id: party("001085012345"),
        debtor_address: address.into(),
        creditor_id: party("0101234567-001"),
        creditor_address: "Số 1 Lý Thái Tổ, Hoàn Kiếm, Hà Nội".into(),
        judgment: Some(Judgment {
            court: "TAND tỉnh Bắc Giang".into(),
            number: "12/2025/DS-ST".into(),
            date: date!(2025 - 06 - 30),
        }),
        request: Some(Request { date: date!(2025 - 09 - 15), requester: "Ngân hàng TMCP Á Châu".into() }),
        obligation: thads_core::case::Obligation::TienLuong,
    }
}

fn update_of(store: &dyn Store, case: CaseId, amount: i64) -> CaseUpdate {
    let c = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
    let mut facts = c.facts.clone();
    facts.amount = ok(thads_core::Vnd::new(amount).map_err(|e| StoreError::Invalid(e.to_string())));
    CaseUpdate { facts, current: c.current, last_event_on: c.last_event_on, event_count: c.event_count }
}

pub fn case_details_round_trip_and_are_replaced(store: &dyn Store) {
    let ids = seed_units(store);
    let old = seed_case(store, ids[2], "1/QĐ-THADS");
    assert_eq!(ok(store.case_details(old)), None, "a case stored without details has none");
    let d = details("Thôn Đông, xã Tân Dĩnh, Bắc Giang");
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_case(&new_case(facts(ids[2], "2/QĐ-THADS", 5)), &d));
    ok(tx.commit());
    assert_eq!(ok(store.case_details(id)), Some(d.clone()));
    let mut tx = ok(store.begin());
    let plain = ok(tx.insert_case(&new_case(facts(ids[2], "3/QĐ-THADS", 5)), &CaseDetails::default()));
    ok(tx.commit());
    assert_eq!(ok(store.case_details(plain)), None, "empty details write no row");
    let fewer = CaseDetails { request: None, creditor_id: None, ..details("Phố Mới") };
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.update_case_facts(id, 1, &update_of(store, id, 7), &fewer)), 2);
    ok(tx.commit());
    assert_eq!(ok(store.case_details(id)), Some(fewer));
    assert_eq!(ok(store.case(id)).map(|c| (c.version, c.facts.amount.dong())), Some((2, 7)));
    let mut tx = ok(store.begin());
    ok(tx.update_case_facts(old, 1, &update_of(store, old, 9), &d));
    ok(tx.commit());
    assert_eq!(ok(store.case_details(old)), Some(d.clone()), "an old case gains details");
    let many: Vec<(CaseId, CaseDetails)> =
        vec![(plain, details("Lô A")), (old, CaseDetails { judgment: None, ..details("Lô B") })];
    let mut tx = ok(store.begin());
    ok(tx.put_cases_details(&many));
    ok(tx.commit());
    for (id, want) in many {
        assert_eq!(ok(store.case_details(id)), Some(want), "many details at once, replacing");
    }
}

pub fn numbers_of_a_units_book_of_a_year(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    let mut in_year = |no: &str, unit, on| {
        let mut f = facts(unit, no, 5);
        f.accepted_on = on;
        ok(tx.insert_case(&new_case(f), &CaseDetails::default()))
    };
    in_year("1/QĐ-THADS", ids[2], date!(2026 - 01 - 01));
    in_year("46/QĐ-THADS", ids[2], date!(2026 - 12 - 31));
    in_year("99/QĐ-THADS", ids[2], date!(2025 - 12 - 31));
    in_year("50/QĐ-THADS", ids[3], date!(2026 - 03 - 01));
    let mut taken: Vec<String> = ok(tx.case_numbers_taken(ids[2], 2026)).iter().map(|n| n.to_string()).collect();
    taken.sort();
    assert_eq!(taken, ["1/QĐ-THADS", "46/QĐ-THADS"]);
    ok(tx.commit());
    let mut read: Vec<String> = ok(store.case_numbers_of_year(ids[2], 2026)).iter().map(|n| n.to_string()).collect();
    read.sort();
    assert_eq!(read, taken);
    assert!(ok(store.case_numbers_of_year(ids[1], 2026)).is_empty(), "a unit's book only, not its subtree");
}

pub fn a_taken_number_or_a_stale_version_writes_nothing(store: &dyn Store) {
    let ids = seed_units(store);
    let first = seed_case(store, ids[2], "7/QĐ-THADS");
    let mut tx = ok(store.begin());
    let dup = tx.insert_case(&new_case(facts(ids[2], "7/QĐ-THADS", 5)), &details("A"));
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
    drop(tx);
    assert_eq!(ok(store.case_count()), 1);
    let d = details("Trước");
    let mut tx = ok(store.begin());
    ok(tx.update_case_facts(first, 1, &update_of(store, first, 11), &d));
    ok(tx.commit());
    let mut tx = ok(store.begin());
    let stale = tx.update_case_facts(first, 1, &update_of(store, first, 12), &details("Sau"));
    assert!(matches!(stale, Err(StoreError::Stale { .. })), "{stale:?}");
    drop(tx);
    assert_eq!(ok(store.case_details(first)), Some(d));
    assert_eq!(ok(store.case(first)).map(|c| (c.version, c.facts.amount.dong())), Some((2, 11)));
}

/// Writers editing one case's facts at the same moment, each with the version they read: one
/// succeeds, every other is told `Stale` (on PostgreSQL after the first commits), and the case
/// holds the winner's facts and details together.
pub fn concurrent_edits_of_facts_leave_one(store: &dyn Store) {
    const WRITERS: usize = 6;
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "8/QĐ-THADS");
    let start = std::sync::Barrier::new(WRITERS);
    let outcomes: Vec<StoreResult<i64>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let start = &start;
                s.spawn(move || {
                    let amount = 1_000 * (w as i64 + 1);
                    let update = update_of(store, case, amount);
                    let d = details(&format!("Địa chỉ {amount}"));
                    start.wait();
                    let mut tx = store.begin()?;
                    let version = tx.update_case_facts(case, 1, &update, &d)?;
                    tx.commit()?;
                    Ok(version)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| panic!("writer panicked"))).collect()
    });
    let succeeded = outcomes.iter().filter(|o| matches!(o, Ok(2))).count();
    let stale = outcomes.iter().filter(|o| matches!(o, Err(StoreError::Stale { .. }))).count();
    assert_eq!((succeeded, stale), (1, WRITERS - 1), "{outcomes:?}");
    let after = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
    let stored = ok(store.case_details(case)).unwrap_or_else(|| panic!("details missing"));
    assert_eq!(after.version, 2);
    assert_eq!(
        stored.debtor_address,
        format!("Địa chỉ {}", after.facts.amount.dong()),
        "facts and details of one writer"
    );
}
