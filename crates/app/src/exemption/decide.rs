//! The court's decision on a proposal and its effect on the case: recorded at once when the
//! protest windows have run by today (in the transaction of the case's event), otherwise kept
//! until `apply_effect` is asked on or after the day it takes effect.

use serde_json::json;
use thads_core::calendar::WorkingCalendar;
use thads_core::dates::format_vn;
use thads_core::exemption::{CourtDecision, CourtResult, Effect, ProposalId, court_limits, decision_effect};
use thads_core::{Rules, field};
use thads_store::{DecisionEntry, NewAudit, ProposalRecord, Store, WriteTx};
use time::Date;

use crate::actor::Actor;
use crate::cases::Changed;
use crate::cases::record::{NewRecord, record_with};
use crate::error::{AppError, AppResult};

/// A decision as typed.
#[derive(Debug, Clone)]
pub struct DecisionInput {
    pub decision_no: String,
    pub decision: CourtDecision,
}

/// What a decision did: when it takes effect, and the case as changed if it did by today.
#[derive(Debug, Clone)]
pub struct Decided {
    pub effect: Effect,
    pub changed: Option<Changed>,
}

/// When a stored decision takes effect and what it records.
pub fn effect_of(decision: &CourtDecision, calendar: &WorkingCalendar) -> Effect {
    decision_effect(decision, &court_limits(), calendar)
}

fn audit(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    p: &ProposalRecord,
    action: &str,
    what: serde_json::Value,
) -> AppResult<()> {
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(p.case_id),
        action: action.into(),
        before: None,
        after: Some(what.to_string()),
    })?;
    Ok(())
}

fn found(store: &dyn Store, id: ProposalId) -> AppResult<ProposalRecord> {
    store.proposal(id)?.ok_or_else(|| AppError::NotFound(format!("hồ sơ đề nghị / proposal #{}", id.0)))
}

/// Records the court's decision on proposal `id` (a first decision, or the decision on a
/// protest), and its effect on the case when it has taken effect by today.
pub fn decide(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    calendar: &WorkingCalendar,
    id: ProposalId,
    input: DecisionInput,
) -> AppResult<Decided> {
    let p = found(store, id)?;
    let d = input.decision;
    let field_err = |field: &'static str, message: String| AppError::Field { field, message };
    if let Some(old) = p.decision.as_ref().filter(|old| !old.decision.protested) {
        return Err(AppError::Invalid(format!(
            "hồ sơ đã có quyết định ngày {} / the court already decided",
            format_vn(old.decision.decided_on)
        )));
    }
    if d.decided_on < p.proposed_on || d.decided_on > actor.today() {
        return Err(field_err(
            "date",
            format!("ngày quyết định {} không hợp lệ / not between the proposal and today", format_vn(d.decided_on)),
        ));
    }
    if let CourtResult::Giam(v) = d.result
        && (v.is_zero() || v > p.amount)
    {
        return Err(field_err(
            "amount_vnd",
            format!("số tiền giảm từ 1 đến {} / between 1 and the proposal", p.amount),
        ));
    }
    let decision_no = field::CASE_NO.clean(&input.decision_no).map_err(|e| field_err("decision_no", e.to_string()))?;
    let entry = DecisionEntry { decision_no, decision: d, by: actor.login.clone() };
    let effect = effect_of(&d, calendar);
    let what = json!({
        "proposal": id.0,
        "decision_no": entry.decision_no,
        "decided_on": d.decided_on,
        "result": thads_store::result_code(d.result).0,
        "amount": thads_store::result_code(d.result).1,
        "protested": d.protested,
        "effective_on": effect.effective_on,
    });
    match effect.event.clone().filter(|e| e.date <= actor.today()) {
        Some(event) => {
            let changed = apply(store, actor, rules, &p, event, |tx| {
                tx.set_decision(id, &entry)?;
                audit(tx, actor, &p, "exemption.decide", what)
            })?;
            Ok(Decided { effect, changed: Some(changed) })
        }
        None => {
            let mut tx = store.begin()?;
            tx.set_decision(id, &entry)?;
            audit(tx.as_mut(), actor, &p, "exemption.decide", what)?;
            tx.commit()?;
            Ok(Decided { effect, changed: None })
        }
    }
}

/// Records on the case the effect of a decision that has taken effect by today.
pub fn apply_effect(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    calendar: &WorkingCalendar,
    id: ProposalId,
) -> AppResult<Changed> {
    let p = found(store, id)?;
    let Some(entry) = p.decision.as_ref() else {
        return Err(AppError::Invalid("hồ sơ chưa có quyết định của Tòa án / no decision yet".into()));
    };
    if p.applied_on.is_some() {
        return Err(AppError::Invalid("đã ghi nhận vào việc / already recorded on the case".into()));
    }
    let effect = effect_of(&entry.decision, calendar);
    let Some(event) = effect.event.filter(|e| e.date <= actor.today()) else {
        let when = effect.effective_on.map_or_else(|| "—".to_string(), format_vn);
        return Err(AppError::Invalid(format!(
            "quyết định chưa có hiệu lực (từ ngày {when}) hoặc không làm thay đổi việc / not in effect yet, or changes \
             nothing"
        )));
    };
    apply(store, actor, rules, &p, event, |tx| audit(tx, actor, &p, "exemption.apply", json!({ "proposal": p.id.0 })))
}

/// Records `event` on the proposal's case, marks the proposal applied and runs `also`, all in
/// one transaction (checked again on the proposal read there).
fn apply(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    p: &ProposalRecord,
    event: thads_core::Event,
    also: impl FnOnce(&mut dyn WriteTx) -> AppResult<()>,
) -> AppResult<Changed> {
    let case = store.case(p.case_id)?.ok_or_else(|| AppError::NotFound(format!("việc #{}", p.case_id.0)))?;
    let day: Date = event.date;
    let mut new = NewRecord::event(event);
    new.note = format!("Quyết định miễn, giảm của Tòa án; hồ sơ đề nghị #{}", p.id.0);
    let id = p.id;
    record_with(store, actor, rules, case.id, case.version, new, move |tx| {
        let locked = tx.proposal_for_update(id)?.ok_or_else(|| AppError::NotFound(format!("#{}", id.0)))?;
        if locked.applied_on.is_some() {
            return Err(AppError::Invalid("đã ghi nhận vào việc / already recorded on the case".into()));
        }
        also(tx)?;
        tx.mark_applied(id, day)?;
        Ok(())
    })
}
