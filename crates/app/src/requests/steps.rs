//! The front desk's steps on a request: ask for a supplement (the due day given, or counted
//! from the limit kept as data), refuse with a reason, or register it — the case taken in
//! through the front desk's intake and the request linked to it in the same transaction. Each
//! is checked against the request's state as locked in the transaction, and audited.

use thads_core::case::{CaseDetails, Request};
use thads_core::requests::{LimitKind, RequestId, RequestState, StepKind, answer, next_state};
use thads_core::{CaseFacts, CaseNo, Categories, JudgmentType, Origin, Rules, StaffId, UnitKind, Vnd};
use thads_store::{NewAudit, RequestRow, Store, Supplement, WriteTx};
use time::Date;

use super::{RequestSetup, refused, view};
use crate::actor::Actor;
use crate::cases::Changed;
use crate::cases::intake::{Intake, take_in_then};
use crate::error::{AppError, AppResult};

/// A step that does not open a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Yêu cầu bổ sung: what is missing and, if the officer sets it, the day to supply it by.
    AskSupplement { what: String, due_on: Option<Date> },
    /// Từ chối, with the reason written to the requester.
    Refuse { reason: String },
}

/// Applies `step` to request `id`: checked against its state, written and audited together.
pub fn apply_step(store: &dyn Store, actor: &Actor, id: RequestId, step: &Step) -> AppResult<RequestRow> {
    let today = actor.today();
    let setup = RequestSetup::load(store)?;
    let mut tx = store.begin()?;
    let before = tx.request_for_update(id)?.ok_or_else(|| AppError::NotFound(format!("đơn / request #{}", id.0)))?;
    let mut after = before.clone();
    let p = &mut after.progress;
    match step {
        Step::AskSupplement { what, due_on } => {
            p.state = next_state(p.state, StepKind::AskSupplement).map_err(refused)?;
            let what = answer("what", what).map_err(refused)?;
            let due_on = match due_on {
                Some(day) if *day <= today => {
                    return Err(refused(thads_core::requests::RequestError::DueBeforeToday { due: *day, today }));
                }
                Some(day) => *day,
                None => setup.due(LimitKind::SupplementReply, today).ok_or_else(|| AppError::Field {
                    field: "due_on",
                    message: "cần nhập hạn / a due day is needed".into(),
                })?,
            };
            p.supplement = Some(Supplement { asked_on: today, due_on, what });
        }
        Step::Refuse { reason } => {
            p.state = next_state(p.state, StepKind::Refuse).map_err(refused)?;
            p.refusal = Some(answer("reason", reason).map_err(refused)?);
            p.decided_on = Some(today);
        }
    }
    p.updated_by = Some(actor.login.clone());
    tx.update_request_progress(id, p)?;
    let action = match step {
        Step::AskSupplement { .. } => "request.supplement",
        Step::Refuse { .. } => "request.refuse",
    };
    audit(tx.as_mut(), actor, &before, &after, action, None)?;
    tx.commit()?;
    Ok(after)
}

/// What the front desk adds to a request to take its case in.
#[derive(Debug, Clone)]
pub struct Registration {
    pub judgment_type: JudgmentType,
    /// The money obligation; zero for a non-money case.
    pub amount: Vnd,
    pub officer: Option<StaffId>,
    /// Typed, or the next of the unit's book when `None`.
    pub case_no: Option<CaseNo>,
    pub unit_kind: UnitKind,
}

/// Registers request `id`: its case taken in (on-request, accepted today, the requester as
/// creditor, the judgment and the request in its details) and the request linked to it, in
/// one transaction; both audited.
pub fn register(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    id: RequestId,
    registration: Registration,
) -> AppResult<(RequestRow, Changed)> {
    let row = store.request(id)?.ok_or_else(|| AppError::NotFound(format!("đơn / request #{}", id.0)))?;
    next_state(row.progress.state, StepKind::Register).map_err(refused)?;
    let today = actor.today();
    let f = &row.request.form;
    let facts = CaseFacts {
        // The unit whose queue holds it: the one it was filed with, or its successor since a
        // reorganisation closed that one (a closed unit takes no new case).
        unit: row.handled_by,
        // Replaced by the book's next number in the transaction when none was typed.
        case_no: match &registration.case_no {
            Some(no) => no.clone(),
            None => CaseNo::new("0").map_err(|e| AppError::Invalid(e.to_string()))?,
        },
        accepted_on: today,
        origin: Origin::TheoYeuCau,
        received_by_delegation: false,
        judgment_type: registration.judgment_type,
        categories: Categories::empty(),
        amount: registration.amount,
        debtor: f.debtor.clone(),
        creditor: f.requester.name.clone(),
        officer: registration.officer,
    };
    let details = CaseDetails {
        debtor_id: None,
        debtor_address: f.debtor_address.clone(),
        creditor_id: Some(f.requester.id_number.clone()),
        creditor_address: f.requester.address.clone(),
        judgment: Some(f.judgment.clone()),
        request: Some(Request { date: row.request.received_on, requester: f.requester.name.clone() }),
        ..CaseDetails::default()
    };
    let intake = Intake { facts, details, number: registration.case_no, unit_kind: registration.unit_kind };
    let mut linked = None;
    let changed = take_in_then(store, actor, rules, intake, |tx, case| {
        let before =
            tx.request_for_update(id)?.ok_or_else(|| AppError::NotFound(format!("đơn / request #{}", id.0)))?;
        let mut after = before.clone();
        after.progress.state = next_state(before.progress.state, StepKind::Register).map_err(refused)?;
        after.progress.decided_on = Some(today);
        after.progress.case_id = Some(case.id);
        after.progress.updated_by = Some(actor.login.clone());
        tx.update_request_progress(id, &after.progress)?;
        audit(tx, actor, &before, &after, "request.register", Some(case.id))?;
        linked = Some(after);
        Ok(())
    })?;
    let after =
        linked.ok_or_else(|| AppError::Invalid("đơn chưa được liên kết / the request was not linked".into()))?;
    debug_assert_eq!(after.progress.state, RequestState::Registered);
    Ok((after, changed))
}

fn audit(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    before: &RequestRow,
    after: &RequestRow,
    action: &str,
    case: Option<thads_core::CaseId>,
) -> AppResult<()> {
    let entry = NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case,
        action: action.into(),
        before: Some(view(before).to_string()),
        after: Some(view(after).to_string()),
    };
    tx.insert_unit_audit(&entry, before.handled_by)?;
    Ok(())
}
