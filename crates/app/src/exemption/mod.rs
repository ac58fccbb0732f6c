//! Exemption and reduction of state-budget obligations (miễn, giảm thi hành án) as an agency
//! keeps the register: a case's eligibility on a day from its replayed history and the court's
//! past decisions on it (`thads_core::exemption::eligibility`), the proposal file sent through
//! the procuracy, the court's decision and, once it takes effect (after the protest windows),
//! its event recorded on the case through `cases::record` in the same transaction (exemption:
//! the case ends as terminated; reduction: the reduced money). Every change is audited on the
//! case. Who may do it is decided by the caller (`Action::ProposeExemption`).

mod decide;

use serde_json::json;
use thads_core::calendar::WorkingCalendar;
use thads_core::dates::{Period, format_vn};
use thads_core::exemption::{
    CourtResult, Eligibility, ExemptionRules, ProposalId, ReliefHistory, ReliefKind, ReliefStats, eligibility,
    relief_stats,
};
use thads_core::{Case, CaseId, Rules, UnitId, Vnd, field};
use thads_store::{NewAudit, NewProposal, ProposalRecord, Store};
use time::Date;

pub use decide::{Decided, DecisionInput, apply_effect, decide, effect_of};

use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::history::check;

/// The days a court considered the case (a decision not under protest): once a year.
fn considered(proposals: &[ProposalRecord]) -> Vec<Date> {
    proposals
        .iter()
        .filter_map(|p| p.decision.as_ref())
        .filter(|d| !d.decision.protested)
        .map(|d| d.decision.decided_on)
        .collect()
}

/// The case, its eligibility on `on` and its proposals; `today` bounds the replay.
pub fn eligibility_of(
    store: &dyn Store,
    rules: &Rules,
    calendar: &WorkingCalendar,
    case_id: CaseId,
    on: Date,
    today: Date,
) -> AppResult<(Case, Eligibility, Vec<ProposalRecord>)> {
    let case = store.case(case_id)?.ok_or_else(|| AppError::NotFound(format!("việc #{} / case", case_id.0)))?;
    let records = store.records(case_id)?;
    let checked =
        check(&case.facts, &records, today.max(on), rules).map_err(|fault| fault.stored(&case.facts.case_no))?;
    let proposals = store.proposals_of_case(case_id)?;
    let days = considered(&proposals);
    let history = ReliefHistory { first_decision_on: None, considered_on: &days, special: None };
    let e = eligibility(&case.facts, &checked.steps, &history, on, &ExemptionRules::default(), calendar);
    Ok((case, e, proposals))
}

/// A proposal as typed: the amount defaults to the most the court may relieve.
#[derive(Debug, Clone)]
pub struct ProposalInput {
    pub case_id: CaseId,
    pub proposed_on: Date,
    pub procuracy_on: Option<Date>,
    pub amount: Option<Vnd>,
    pub note: String,
}

/// Why the case may not be proposed: the conditions not met, in both languages.
fn not_eligible(e: &Eligibility) -> AppError {
    let unmet: Vec<String> = e.reasons.iter().filter(|f| !f.met).map(|f| f.detail.clone()).collect();
    AppError::Invalid(format!(
        "việc chưa đủ điều kiện đề nghị miễn, giảm / the case may not be proposed: {}",
        unmet.join("; ")
    ))
}

/// Makes the proposal file of a case that is eligible on the day it is proposed; a case has
/// one open proposal at a time.
pub fn propose(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    calendar: &WorkingCalendar,
    input: ProposalInput,
) -> AppResult<ProposalId> {
    let today = actor.today();
    let field_err = |field: &'static str, message: String| AppError::Field { field, message };
    if input.proposed_on > today {
        return Err(field_err("proposed_on", "ngày đề nghị sau ngày hôm nay / proposed in the future".into()));
    }
    if let Some(p) = input.procuracy_on.filter(|p| *p < input.proposed_on || *p > today) {
        return Err(field_err(
            "procuracy_on",
            format!("ngày gửi Viện kiểm sát {} không hợp lệ / not between the proposal and today", format_vn(p)),
        ));
    }
    let note = field::NOTE.clean(&input.note).map_err(|e| field_err("note", e.to_string()))?;
    let (case, e, proposals) = eligibility_of(store, rules, calendar, input.case_id, input.proposed_on, today)?;
    if let Some(open) = proposals.iter().find(|p| p.decision.as_ref().is_none_or(|d| d.decision.protested)) {
        return Err(AppError::Invalid(format!(
            "việc đã có hồ sơ đề nghị ngày {} chưa có quyết định / a proposal of that day awaits the court",
            format_vn(open.proposed_on)
        )));
    }
    let (true, Some(kind), Some(max)) = (e.eligible, e.kind, e.max_reduction) else {
        return Err(not_eligible(&e));
    };
    let amount = match (kind, input.amount) {
        (ReliefKind::Mien, _) => e.remainder,
        (ReliefKind::Giam, None) => max,
        (ReliefKind::Giam, Some(a)) if !a.is_zero() && a <= max => a,
        (ReliefKind::Giam, Some(_)) => {
            return Err(field_err("amount_vnd", format!("số tiền đề nghị giảm từ 1 đến {max} / between 1 and {max}")));
        }
    };
    let mut tx = store.begin()?;
    let new = NewProposal {
        unit: case.facts.unit,
        case_id: case.id,
        kind,
        proposed_on: input.proposed_on,
        amount,
        procuracy_on: input.procuracy_on,
        note,
        by: actor.login.clone(),
        at: actor.at,
    };
    let id = tx.insert_proposal(&new)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(case.id),
        action: "exemption.propose".into(),
        before: None,
        after: Some(
            json!({
                "proposal": id.0,
                "kind": kind.code(),
                "proposed_on": input.proposed_on,
                "amount": amount,
                "procuracy_on": input.procuracy_on,
                "citation": e.citation,
            })
            .to_string(),
        ),
    })?;
    tx.commit()?;
    Ok(id)
}

/// The proposals of a scope, by day proposed.
pub fn proposals_of(store: &dyn Store, units: &[UnitId]) -> AppResult<Vec<ProposalRecord>> {
    Ok(store.proposals(units)?)
}

/// The register's figures for `period`: proposed, decided (exempted, reduced, rejected) and
/// the amounts.
pub fn stats_of(store: &dyn Store, units: &[UnitId], period: Period) -> AppResult<ReliefStats> {
    let all: Vec<_> = store.proposals(units)?.iter().map(ProposalRecord::proposal).collect();
    Ok(relief_stats(&all, period))
}

/// The stored code of a court's result.
pub fn result_code(result: CourtResult) -> &'static str {
    thads_store::result_code(result).0
}
