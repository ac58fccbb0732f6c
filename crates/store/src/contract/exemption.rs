//! Contract check of exemption proposals: the file, the court's decision and its effect.

use thads_core::Vnd;
use thads_core::exemption::{CourtDecision, CourtResult, ReliefKind};
use time::macros::{date, datetime};

use super::{ok, seed_case, seed_units};
use crate::*;

pub fn exemption_proposals_keep_the_decision_and_its_effect(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "7/QĐ-THADS");
    let at = datetime!(2025-06-01 02:00:00 UTC);
    let amount = vnd(1_500_000);
    let new = NewProposal {
        unit: ids[2],
        case_id: case,
        kind: ReliefKind::Mien,
        proposed_on: date!(2025 - 06 - 01),
        amount,
        procuracy_on: Some(date!(2025 - 06 - 03)),
        note: "Người phải thi hành án không có tài sản".into(),
        by: "chv.an".into(),
        at,
    };
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_proposal(&new));
    let second = ok(tx.insert_proposal(&NewProposal {
        kind: ReliefKind::Giam,
        proposed_on: date!(2025 - 05 - 01),
        ..new.clone()
    }));
    ok(tx.commit());
    let read = found(ok(store.proposal(id)));
    assert_eq!((read.kind, read.amount, read.procuracy_on), (ReliefKind::Mien, amount, Some(date!(2025 - 06 - 03))));
    assert_eq!((read.decision.clone(), read.applied_on), (None, None));
    let of_case: Vec<_> = ok(store.proposals_of_case(case)).iter().map(|p| p.id).collect();
    assert_eq!(of_case, vec![second, id], "by day proposed");
    assert_eq!(ok(store.proposals(&[ids[2]])).len(), 2);
    assert!(ok(store.proposals(&[ids[3]])).is_empty());
    let decision = DecisionEntry {
        decision_no: "03/2025/QĐ-MGTHA".into(),
        decision: CourtDecision {
            decided_on: date!(2025 - 06 - 20),
            result: CourtResult::Giam(vnd(250_000)),
            on_protest: false,
            protested: false,
            received_by_higher_procuracy_on: Some(date!(2025 - 06 - 24)),
        },
        by: "chv.an".into(),
    };
    let mut tx = ok(store.begin());
    assert!(ok(tx.proposal_for_update(id)).is_some());
    ok(tx.set_decision(id, &decision));
    ok(tx.mark_applied(id, date!(2025 - 07 - 10)));
    assert_eq!(ok(tx.proposals_of_case_tx(case)).len(), 2);
    assert!(matches!(
        tx.set_decision(thads_core::exemption::ProposalId(9_999), &decision),
        Err(StoreError::NotFound(_))
    ));
    ok(tx.commit());
    let read = found(ok(store.proposal(id)));
    assert_eq!(read.decision, Some(decision));
    assert_eq!(read.applied_on, Some(date!(2025 - 07 - 10)));
    assert_eq!(read.proposal().decision.map(|d| d.result), Some(CourtResult::Giam(vnd(250_000))));
}

fn found<T>(o: Option<T>) -> T {
    match o {
        Some(v) => v,
        None => panic!("expected a stored row"),
    }
}

fn vnd(dong: i64) -> Vnd {
    ok(Vnd::new(dong).map_err(|e| StoreError::Invalid(e.to_string())))
}
