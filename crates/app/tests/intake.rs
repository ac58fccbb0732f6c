//! Taking in a case and changing its facts: the proposed number, a taken number, the details
//! stored, the audit field by field with the reason, a stale version, a reassignment that moves
//! the ledger, and the history that must still replay. Each check runs on SQLite and on
//! PostgreSQL (a fresh database from `THADS_TEST_PG`; skipped when unset).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use thads_app::cases::edit::{FactsEdit, edit_facts, reassign};
use thads_app::cases::intake::{Intake, next_case_no, take_in};
use thads_app::cases::record::record;
use thads_app::ledger::recompute;
use thads_app::{Actor, AppError, NewRecord};
use thads_core::case::Judgment;
use thads_core::{CaseDetails, CaseNo, Event, EventCode, PartyId, Rules, UnitKind, Vnd, field};
use thads_store::{Store, StoreError};
use thads_store_postgres::testing::fresh_store;
use thads_testkit::{facts, seed_officer, seed_units};
use time::macros::{date, datetime};

fn actor() -> Actor {
    Actor { login: "vt.lan".into(), at: datetime!(2026-03-02 09:00 +7) }
}

fn details() -> CaseDetails {
    CaseDetails {
        debtor_id: PartyId::parse("debtor_id", field::DEBTOR_ID, "001085012345").unwrap(),
        debtor_address: "Thôn Đông, xã Tân Dĩnh".into(),
        judgment: Some(Judgment {
            court: "TAND tỉnh Bắc Giang".into(),
            number: "12/2025/DS-ST".into(),
            date: date!(2025 - 12 - 01),
        }),
        ..CaseDetails::default()
    }
}

fn intake(unit: thads_core::UnitId, number: Option<&str>) -> Intake {
    Intake {
        facts: facts(unit, "0", date!(2026 - 02 - 10), 5_000_000),
        details: details(),
        number: number.map(|n| CaseNo::new(n).unwrap()),
        unit_kind: UnitKind::Region,
    }
}

fn ledger_is_exact(store: &dyn Store) {
    let (delta, _) = recompute(store, &Rules::default(), actor().today()).unwrap();
    let mut stored: Vec<_> = store.ledger().unwrap().into_iter().filter(|r| !r.measures.is_zero()).collect();
    let mut want = delta.into_rows();
    stored.sort_by_key(|r| (r.series, r.month));
    want.sort_by_key(|r| (r.series, r.month));
    assert_eq!(stored, want);
}

fn intake_proposes_the_next_number_and_refuses_a_taken_one(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let proposed = next_case_no(store, u.region1, UnitKind::Region, date!(2026 - 02 - 10)).unwrap();
    assert_eq!(proposed.as_str(), "1/QĐ-THADS");
    let typed = take_in(store, &actor(), &rules, intake(u.region1, Some("46/QĐ-THADS"))).unwrap();
    assert_eq!(typed.case.facts.case_no.as_str(), "46/QĐ-THADS");
    let next = take_in(store, &actor(), &rules, intake(u.region1, None)).unwrap();
    assert_eq!(next.case.facts.case_no.as_str(), "47/QĐ-THADS", "one more than the book's highest");
    assert_eq!(store.case_details(next.case.id).unwrap(), Some(details()));
    let taken = take_in(store, &actor(), &rules, intake(u.region1, Some("46/QĐ-THADS")));
    assert!(matches!(taken, Err(AppError::Store(StoreError::Duplicate(_)))), "{taken:?}");
    let audit = store.audit_of_case(next.case.id).unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].action.as_str(), audit[0].actor.as_str()), ("case.intake", "vt.lan"));
    let after: serde_json::Value = serde_json::from_str(audit[0].after.as_deref().unwrap()).unwrap();
    let change = serde_json::json!({ "field": "debtor_id", "before": "", "after": "001085012345" });
    assert!(after["changes"].as_array().unwrap().contains(&change), "{after}");
    let mut late = intake(u.region1, None);
    late.facts.accepted_on = date!(2026 - 03 - 03);
    assert!(matches!(take_in(store, &actor(), &rules, late), Err(AppError::Field { field: "accepted_on", .. })));
    let mut ex_officio = intake(u.region1, None);
    ex_officio.facts.origin = thads_core::Origin::ChuDong;
    ex_officio.details.request =
        Some(thads_core::case::Request { date: date!(2026 - 01 - 05), requester: "Ngân hàng A".into() });
    let refused = take_in(store, &actor(), &rules, ex_officio);
    assert!(matches!(refused, Err(AppError::Field { field: "request_date", .. })), "{refused:?}");
    ledger_is_exact(store);
}

fn edits_need_the_version_and_a_reason_and_are_audited(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let c = take_in(store, &actor(), &rules, intake(u.region1, None)).unwrap().case;
    let mut facts = c.facts.clone();
    facts.amount = Vnd::new(7_000_000).unwrap();
    let mut d = details();
    d.creditor_address = "Số 1 Lý Thái Tổ".into();
    let edit = |reason: &str| FactsEdit { facts: facts.clone(), details: d.clone(), reason: reason.into() };
    let no_reason = edit_facts(store, &actor(), &rules, c.id, 1, edit("  "));
    assert!(matches!(no_reason, Err(AppError::Field { field: "reason", .. })), "{no_reason:?}");
    let edited = edit_facts(store, &actor(), &rules, c.id, 1, edit("Sai số tiền theo bản án")).unwrap();
    assert_eq!(edited.changed.case.version, 2);
    let fields: Vec<&str> = edited.changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, ["amount_vnd", "creditor_address"]);
    let stale = edit_facts(store, &actor(), &rules, c.id, 1, edit("lần hai"));
    assert!(matches!(stale, Err(AppError::Store(StoreError::Stale { .. }))), "{stale:?}");
    let same = edit_facts(store, &actor(), &rules, c.id, 2, edit("không đổi"));
    assert!(matches!(same, Err(AppError::Field { field: "reason", .. })), "nothing changed: {same:?}");
    let audit = store.audit_of_case(c.id).unwrap();
    let last = audit.last().unwrap();
    assert_eq!(last.action, "case.edit");
    let after: serde_json::Value = serde_json::from_str(last.after.as_deref().unwrap()).unwrap();
    assert_eq!(after["change"]["reason"], "Sai số tiền theo bản án");
    let change = serde_json::json!({ "field": "amount_vnd", "before": "5000000", "after": "7000000" });
    assert!(after["change"]["changes"].as_array().unwrap().contains(&change), "{after}");
    assert_eq!(store.case(c.id).unwrap().unwrap().facts.amount.dong(), 7_000_000);
    ledger_is_exact(store);
}

fn an_edit_must_leave_the_history_replaying(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let c = take_in(store, &actor(), &rules, intake(u.region1, None)).unwrap().case;
    let collected = Event {
        date: date!(2026 - 02 - 20),
        code: EventCode::Collected,
        amount: Vnd::new(4_000_000).ok(),
        ground: None,
    };
    record(
        store,
        &actor(),
        &rules,
        c.id,
        1,
        NewRecord::event(Event { date: date!(2026 - 02 - 11), code: EventCode::WithMeans, amount: None, ground: None }),
    )
    .unwrap();
    record(store, &actor(), &rules, c.id, 2, NewRecord::event(collected)).unwrap();
    let mut facts = c.facts.clone();
    facts.amount = Vnd::new(1_000_000).unwrap();
    let edit = FactsEdit { facts, details: details(), reason: "giảm".into() };
    let refused = edit_facts(store, &actor(), &rules, c.id, 3, edit);
    assert!(matches!(refused, Err(AppError::Refused(_))), "collected more than the new amount: {refused:?}");
    assert_eq!(store.case(c.id).unwrap().unwrap().version, 3);
}

fn reassigning_moves_the_officers_series(store: &dyn Store) {
    let u = seed_units(store);
    let rules = Rules::default();
    let binh = seed_officer(store, u.region1, "chv.binh", "Lê Thị Bình");
    let c = take_in(store, &actor(), &rules, intake(u.region1, None)).unwrap().case;
    let moved = reassign(store, &actor(), &rules, c.id, 1, Some(binh), "Phân công lại theo QĐ 5/QĐ-THADS").unwrap();
    assert_eq!(moved.changed.case.facts.officer, Some(binh));
    assert_eq!(moved.changes.iter().map(|c| c.field).collect::<Vec<_>>(), ["officer"]);
    assert!(!moved.changed.ledger_delta.is_empty());
    assert_eq!(store.case_details(c.id).unwrap(), Some(details()), "details kept");
    let audit = store.audit_of_case(c.id).unwrap();
    assert_eq!(audit.last().unwrap().action, "case.reassign");
    ledger_is_exact(store);
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
    intake_proposes_the_next_number_and_refuses_a_taken_one,
    edits_need_the_version_and_a_reason_and_are_audited,
    an_edit_must_leave_the_history_replaying,
    reassigning_moves_the_officers_series,
);
