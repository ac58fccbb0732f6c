//! Proposals to the court for exemption or reduction (đề nghị miễn, giảm thi hành án): the file
//! proposed for a case, its procuracy step, the court's decision and the day its effect was
//! recorded on the case.

use thads_core::exemption::{CourtDecision, CourtResult, ProposalId, ReliefKind};
use thads_core::{CaseId, UnitId, Vnd};
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// A proposal to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    pub unit: UnitId,
    pub case_id: CaseId,
    pub kind: ReliefKind,
    pub proposed_on: Date,
    /// The remainder proposed for exemption, or the reduction proposed.
    pub amount: Vnd,
    /// The day the file went to the procuracy at the same level.
    pub procuracy_on: Option<Date>,
    pub note: String,
    pub by: String,
    pub at: OffsetDateTime,
}

/// The court's decision as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionEntry {
    pub decision_no: String,
    pub decision: CourtDecision,
    pub by: String,
}

/// A stored proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalRecord {
    pub id: ProposalId,
    pub unit: UnitId,
    pub case_id: CaseId,
    pub kind: ReliefKind,
    pub proposed_on: Date,
    pub amount: Vnd,
    pub procuracy_on: Option<Date>,
    pub note: String,
    pub proposed_by: String,
    pub proposed_at: OffsetDateTime,
    pub decision: Option<DecisionEntry>,
    /// The day the decision's effect was recorded on the case.
    pub applied_on: Option<Date>,
}

impl ProposalRecord {
    /// The domain's view.
    pub fn proposal(&self) -> thads_core::exemption::Proposal {
        thads_core::exemption::Proposal {
            id: self.id,
            unit: self.unit,
            case_id: self.case_id,
            kind: self.kind,
            proposed_on: self.proposed_on,
            amount: self.amount,
            decision: self.decision.as_ref().map(|d| d.decision),
        }
    }
}

/// Reading proposals.
pub trait Exemptions {
    /// The proposals of these units, by proposal day and id.
    fn proposals(&self, units: &[UnitId]) -> StoreResult<Vec<ProposalRecord>>;
    fn proposals_of_case(&self, case: CaseId) -> StoreResult<Vec<ProposalRecord>>;
    fn proposal(&self, id: ProposalId) -> StoreResult<Option<ProposalRecord>>;
}

/// Writing proposals, in a transaction.
pub trait ExemptionsTx {
    fn insert_proposal(&mut self, proposal: &NewProposal) -> StoreResult<ProposalId>;
    /// The proposal, locked until the transaction ends.
    fn proposal_for_update(&mut self, id: ProposalId) -> StoreResult<Option<ProposalRecord>>;
    fn proposals_of_case_tx(&mut self, case: CaseId) -> StoreResult<Vec<ProposalRecord>>;
    /// Sets (or, after a protest, replaces) the court's decision.
    fn set_decision(&mut self, id: ProposalId, decision: &DecisionEntry) -> StoreResult<()>;
    fn mark_applied(&mut self, id: ProposalId, on: Date) -> StoreResult<()>;
}

/// The stored code of a court result and the amount it grants (the reduction; 0 otherwise).
pub fn result_code(result: CourtResult) -> (&'static str, i64) {
    match result {
        CourtResult::Mien => ("mien", 0),
        CourtResult::Giam(v) => ("giam", v.dong()),
        CourtResult::Rejected => ("rejected", 0),
    }
}

pub fn result_of(code: &str, granted: i64) -> Option<CourtResult> {
    match code {
        "mien" => Some(CourtResult::Mien),
        "giam" => Vnd::new(granted).ok().map(CourtResult::Giam),
        "rejected" => Some(CourtResult::Rejected),
        _ => None,
    }
}

pub fn kind_of(code: &str) -> Option<ReliefKind> {
    [ReliefKind::Mien, ReliefKind::Giam].into_iter().find(|k| k.code() == code)
}

/// The columns every proposal read selects, in this order.
pub const PROPOSAL_COLUMNS: &str = "id, unit_id, case_id, kind, proposed_on, amount, procuracy_on, note, proposed_by, \
                                    proposed_at, decided_on, decision_no, result, granted, on_protest, protested, \
                                    higher_received_on, decided_by, applied_on";
