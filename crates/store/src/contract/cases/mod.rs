//! Contract checks of cases: facts and state round-trip exactly, numbers are unique per unit,
//! versions refuse stale writes, many cases go in and change at once or not at all. The case
//! list, concurrent writers and the bulk paths have files of their own.

use thads_core::lifecycle::opening;
use thads_core::{CaseFacts, CaseId, CaseNo, Categories, Category, JudgmentType, Login, Origin, Role, UnitKind};
use time::macros::date;

use super::{facts, new_case, ok, seed_case, seed_units, unit};
use crate::*;

mod bulk;
mod concurrency;
mod details;
mod listing;
mod mass_change;

pub use bulk::*;
pub use concurrency::*;
pub use details::*;
pub use listing::*;
pub use mass_change::*;

pub fn cases_round_trip(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    let officer = ok(tx.insert_staff(&NewStaff {
        unit: ids[2],
        login: ok(Login::new("chv.binh").map_err(|e| StoreError::Invalid(e.to_string()))),
        full_name: "Lê Thị Bình".into(),
        role: Role::Officer,
    }));
    let mut f = facts(ids[2], "46/QĐ-THADS", 761_546_547_000);
    f.officer = Some(officer);
    f.categories = ok(Categories::parse("tin_dung;pham_nhan").map_err(|e| StoreError::Invalid(e.to_string())));
    f.received_by_delegation = true;
    f.origin = Origin::ChuDong;
    f.judgment_type = JudgmentType::KinhDoanhThuongMai;
    let case_ids = ok(tx.insert_cases(&[new_case(f.clone()), new_case(facts(ids[3], "46/QĐ-THADS", 0))]));
    ok(tx.commit());
    assert_eq!(case_ids.len(), 2);
    let got = ok(store.case(case_ids[0])).unwrap_or_else(|| panic!("case missing"));
    assert_eq!(got.facts, f);
    assert_eq!(got.version, 1);
    assert_eq!(got.current, opening(&f.basis()));
    assert!(got.facts.categories.contains(Category::PhamNhan));
    let by_no = ok(store.case_by_no(ids[3], &f.case_no)).map(|c| c.id);
    assert_eq!(by_no, Some(case_ids[1]));
    assert_eq!(ok(store.case(CaseId(999_999))), None);
    assert_eq!(ok(store.case_count()), 2);
    let mut tx = ok(store.begin());
    let found =
        ok(tx.find_cases(&[(ids[3], f.case_no.clone()), (ids[1], f.case_no.clone()), (ids[2], f.case_no.clone())]));
    let found: Vec<Option<CaseId>> = found.into_iter().map(|c| c.map(|c| c.id)).collect();
    assert_eq!(found, vec![Some(case_ids[1]), None, Some(case_ids[0])]);
}

pub fn case_numbers_are_unique_per_unit(store: &dyn Store) {
    let ids = seed_units(store);
    seed_case(store, ids[2], "1/QĐ-THADS");
    let mut tx = ok(store.begin());
    let dup = tx.insert_cases(&[new_case(facts(ids[3], "1/QĐ-THADS", 5)), new_case(facts(ids[2], "1/QĐ-THADS", 5))]);
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
    drop(tx);
    assert_eq!(ok(store.case_count()), 1, "the failed transaction left nothing behind");
}

pub fn a_dropped_transaction_changes_nothing(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    ok(tx.insert_cases(&[new_case(facts(ids[2], "9/QĐ-THADS", 5))]));
    ok(tx.insert_unit(&unit("BG-KV3", UnitKind::Region, Some(ids[1]))));
    drop(tx);
    assert_eq!(ok(store.case_count()), 0);
    assert_eq!(ok(store.units()).len(), 4);
}

pub fn stale_versions_are_refused(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "3/QĐ-THADS");
    let before = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
    let mut update = CaseUpdate {
        facts: before.facts.clone(),
        current: before.current.clone(),
        last_event_on: Some(date!(2025 - 10 - 10)),
        event_count: 1,
    };
    update.current.state = thads_core::CaseState::WithMeans;
    let mut tx = ok(store.begin());
    let locked = ok(tx.case_for_update(case)).map(|c| c.version);
    assert_eq!(locked, Some(1));
    assert_eq!(ok(tx.update_case(case, 1, &update)), 2);
    ok(tx.commit());
    let mut tx = ok(store.begin());
    let stale = tx.update_case(case, 1, &update);
    assert!(matches!(stale, Err(StoreError::Stale { .. })), "{stale:?}");
    drop(tx);
    let after = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
    assert_eq!(
        (after.version, after.current.state.clone(), after.event_count),
        (2, thads_core::CaseState::WithMeans, 1)
    );
    assert_eq!(after.last_event_on, Some(date!(2025 - 10 - 10)));
}

pub fn money_and_text_round_trip_exactly(store: &dyn Store) {
    let ids = seed_units(store);
    let mut f = facts(ids[2], "10/QĐ-THADS", i64::MAX);
    f.debtor = "Công ty TNHH Hòa Bình — «Đỗ Thị Hoa» <script>".into();
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_cases(&[new_case(f.clone())]))[0];
    ok(tx.commit());
    let got = ok(store.case(id)).unwrap_or_else(|| panic!("case missing"));
    assert_eq!(got.facts.amount.dong(), i64::MAX);
    assert_eq!(got.facts.debtor, f.debtor);
    // A number written before the rule of `CaseNo::new` is read, and found, as it was written.
    let old = ok(CaseNo::stored("11/Q\u{AD}Đ  cũ").map_err(|e| StoreError::Invalid(e.to_string())));
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_cases(&[new_case(CaseFacts { case_no: old.clone(), ..facts(ids[2], "x", 1) })]))[0];
    ok(tx.commit());
    assert_eq!(ok(store.case(id)).map(|c| c.facts.case_no), Some(old.clone()));
    assert_eq!(ok(store.case_by_no(ids[2], &old)).map(|c| c.id), Some(id));
}

/// Many cases in one call (as imports write them) keep their order and ids; a taken number
/// among them is still a `Duplicate` that names it; an update may change the facts or only the
/// derived state.
pub fn many_cases_insert_in_order_and_update(store: &dyn Store) {
    let ids = seed_units(store);
    let fact = |i: usize| facts(ids[2 + i % 2], &format!("{i}/QĐ-THADS"), i as i64 * 1000);
    let cases: Vec<NewCase> = (0..1234).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    ok(tx.commit());
    assert_eq!(got.len(), cases.len());
    for i in [0, 1, 499, 500, 501, 999, 1000, 1233] {
        assert_eq!(ok(store.case(got[i])).map(|c| c.facts), Some(cases[i].facts.clone()), "case {i}");
    }
    let mut tx = ok(store.begin());
    let mut more: Vec<NewCase> = (2000..2700).map(|i| new_case(fact(i))).collect();
    more[650] = new_case(fact(10));
    let dup = tx.insert_cases(&more);
    assert!(matches!(&dup, Err(StoreError::Duplicate(what)) if what.contains(" 10/QĐ-THADS")), "{dup:?}");
    drop(tx);
    assert_eq!(ok(store.case_count()), 1234);
    let mut renamed = fact(7);
    renamed.debtor = "Trần Văn Mới".into();
    let mut update =
        CaseUpdate { facts: renamed.clone(), current: opening(&renamed.basis()), last_event_on: None, event_count: 0 };
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.update_case(got[7], 1, &update)), 2);
    update.current.state = thads_core::CaseState::WithMeans;
    assert_eq!(ok(tx.update_case(got[7], 2, &update)), 3);
    ok(tx.commit());
    let after = ok(store.case(got[7])).unwrap_or_else(|| panic!("case missing"));
    assert_eq!((after.facts, after.current.state, after.version), (renamed, thads_core::CaseState::WithMeans, 3));
}

/// Many updates in one call (as imports make them): new versions in order, facts and states
/// stored; one stale version among them is `Stale`, naming that case.
pub fn many_cases_update_at_once_or_not_at_all(store: &dyn Store) {
    let ids = seed_units(store);
    let fact = |i: usize| facts(ids[2], &format!("{i}/QĐ-THADS"), 1000 + i as i64);
    let cases: Vec<NewCase> = (0..300).map(|i| new_case(fact(i))).collect();
    let mut tx = ok(store.begin());
    let got = ok(tx.insert_cases(&cases));
    ok(tx.commit());
    let mut updates: Vec<CaseUpdate> = (0..300)
        .map(|i| {
            let mut facts = fact(i);
            facts.debtor = format!("Lê Thị {i}");
            let mut current = opening(&facts.basis());
            current.state = thads_core::CaseState::WithMeans;
            CaseUpdate { facts, current, last_event_on: Some(date!(2025 - 11 - 03)), event_count: 1 }
        })
        .collect();
    let mut tx = ok(store.begin());
    let versions = ok(tx.update_cases(&got.iter().zip(&updates).map(|(id, u)| (*id, 1, u)).collect::<Vec<_>>()));
    ok(tx.commit());
    assert_eq!(versions, vec![2; 300]);
    for i in [0, 150, 299] {
        let case = ok(store.case(got[i])).unwrap_or_else(|| panic!("case missing"));
        assert_eq!(
            (&case.facts, case.current.state, case.version),
            (&updates[i].facts, thads_core::CaseState::WithMeans, 2)
        );
        assert_eq!(case.last_event_on, Some(date!(2025 - 11 - 03)));
    }
    updates[200].event_count = 2;
    let mut batch: Vec<(CaseId, i64, &CaseUpdate)> = got.iter().zip(&updates).map(|(id, u)| (*id, 2, u)).collect();
    batch[200].1 = 1;
    let mut tx = ok(store.begin());
    let stale = tx.update_cases(&batch);
    assert!(matches!(&stale, Err(StoreError::Stale { case }) if case.as_str() == "200/QĐ-THADS"), "{stale:?}");
    drop(tx);
    assert_eq!(ok(store.case(got[0])).map(|c| c.version), Some(2), "nothing of a refused call is kept");
}
