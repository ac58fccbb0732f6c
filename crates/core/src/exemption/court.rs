//! From eligibility to the case: the time limits of the proposal file, the procuracy and the
//! court, the protest windows (Luật THADS 2008 Điều 63–64; TTLT 12/2015 Điều 5–11) as data by
//! regime, when a court decision takes effect, and the event it puts in the case's history
//! (exemption: the case ends as terminated, đình chỉ ground e; reduction: the reduced money).

use serde::{Deserialize, Serialize};
use time::Date;

use super::rules::ReliefKind;
use crate::amount::{Vnd, VndSum};
use crate::calendar::WorkingCalendar;
use crate::case::CaseId;
use crate::dates::Period;
use crate::deadlines::{Length, LimitSpec, Limits};
use crate::event::{Event, EventCode};
use crate::rules::LifecycleRules;
use crate::unit::UnitId;

/// A time limit of the exemption procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourtStep {
    /// Chấp hành viên verifies, from the day a ground arises (a decision on lack of means, a
    /// debtor's request, the procuracy's request).
    Verification,
    /// The record of verification may be at most this old when the file is proposed.
    VerificationValidity,
    /// The file is made, from the verification result.
    File,
    /// The procuracy at the same level gives its opinion, from receiving the file.
    ProcuracyReview,
    /// The court accepts the file.
    CourtAcceptance,
    /// The court holds its session, from acceptance.
    Hearing,
    /// The court sends its decision, from the decision.
    SendDecision,
    /// The procuracy at the same level may protest, from receiving the decision.
    ProtestSameLevel,
    /// The procuracy one level up may protest, from receiving the decision.
    ProtestHigherLevel,
    /// The court sends a protested file up, from receiving the protest.
    TransferProtest,
    /// The higher court hears the protest, from receiving the file.
    ProtestHearing,
}

/// The built-in limits of the procedure.
pub fn court_limits() -> Limits<CourtStep> {
    let rows = court_specs().into_iter().flat_map(LimitSpec::old_and_unverified).collect();
    let new_law_from = LifecycleRules::default().new_law_from;
    Limits::new(new_law_from, rows).unwrap_or_else(|_| Limits::empty(new_law_from))
}

fn court_specs() -> Vec<LimitSpec<CourtStep>> {
    use CourtStep::*;
    let spec = LimitSpec::confirmed;
    vec![
        spec(
            "exemption.verification",
            Verification,
            "Xác minh để lập hồ sơ miễn, giảm",
            Length::days(10),
            "TTLT 12/2015/TTLT-BTP-BTC-TANDTC-VKSNDTC Điều 5 khoản 2",
        ),
        spec(
            "exemption.verification_validity",
            VerificationValidity,
            "Biên bản xác minh không quá 03 tháng",
            Length::months(3),
            "Luật THADS 2008 Điều 62 khoản 3",
        ),
        spec(
            "exemption.file",
            File,
            "Lập hồ sơ đề nghị xét miễn, giảm",
            Length::working_days(5),
            "TTLT 12/2015 Điều 6 khoản 1",
        ),
        spec(
            "exemption.procuracy_review",
            ProcuracyReview,
            "Viện kiểm sát cùng cấp kiểm sát hồ sơ",
            Length::days(15),
            "TTLT 12/2015 Điều 7 khoản 2",
        ),
        spec(
            "exemption.court_acceptance",
            CourtAcceptance,
            "Tòa án thụ lý hồ sơ",
            Length::working_days(2),
            "Luật THADS 2008 Điều 63 khoản 2",
        ),
        spec(
            "exemption.hearing",
            Hearing,
            "Mở phiên họp xét miễn, giảm",
            Length::days(20),
            "Luật THADS 2008 Điều 63 khoản 2",
        ),
        spec(
            "exemption.send_decision",
            SendDecision,
            "Gửi quyết định miễn, giảm",
            Length::working_days(5),
            "Luật THADS 2008 Điều 63 khoản 4",
        ),
        spec(
            "exemption.protest_same_level",
            ProtestSameLevel,
            "Kháng nghị của Viện kiểm sát cùng cấp",
            Length::days(7),
            "Luật THADS 2008 Điều 64 khoản 1",
        ),
        spec(
            "exemption.protest_higher_level",
            ProtestHigherLevel,
            "Kháng nghị của Viện kiểm sát cấp trên trực tiếp",
            Length::days(15),
            "Luật THADS 2008 Điều 64 khoản 1",
        ),
        spec(
            "exemption.transfer_protest",
            TransferProtest,
            "Chuyển hồ sơ kháng nghị lên Tòa án cấp trên",
            Length::days(7),
            "Luật THADS 2008 Điều 64 khoản 2",
        ),
        spec(
            "exemption.protest_hearing",
            ProtestHearing,
            "Tòa án cấp trên mở phiên họp xét kháng nghị",
            Length::days(15),
            "Luật THADS 2008 Điều 64 khoản 3",
        ),
    ]
}

/// What the court decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "result", content = "vnd")]
pub enum CourtResult {
    /// Miễn: the remainder is exempted.
    Mien,
    /// Giảm by this amount.
    Giam(Vnd),
    /// Không chấp nhận.
    Rejected,
}

/// A court decision on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtDecision {
    pub decided_on: Date,
    pub result: CourtResult,
    /// The decision on a protest (final when made, Điều 64 khoản 3).
    pub on_protest: bool,
    /// A procuracy protested the first decision: it waits for the higher court.
    pub protested: bool,
    /// The day the procuracy one level up received the decision, if known.
    pub received_by_higher_procuracy_on: Option<Date>,
}

/// When a decision takes effect, and what it does to the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Effect {
    /// `None` while a protest is pending.
    pub effective_on: Option<Date>,
    /// The higher procuracy's receipt was not recorded: assumed on the last day the court has
    /// to send its decision.
    pub assumed_receipt: bool,
    /// The event to record in the case's history on `effective_on`.
    pub event: Option<Event>,
}

/// A first decision takes effect when the higher procuracy's protest window has run without a
/// protest (TTLT 12/2015 Điều 9 khoản 4): the day after its last day [I]. A decision on a
/// protest takes effect when made.
pub fn decision_effect(decision: &CourtDecision, limits: &Limits<CourtStep>, calendar: &WorkingCalendar) -> Effect {
    let (effective_on, assumed_receipt) = if decision.on_protest {
        (Some(decision.decided_on), false)
    } else if decision.protested {
        (None, false)
    } else {
        let sent = limits.from(CourtStep::SendDecision, decision.decided_on, calendar).map(|d| d.due);
        let receipt = decision.received_by_higher_procuracy_on.or(sent);
        let window = receipt.and_then(|r| limits.from(CourtStep::ProtestHigherLevel, r, calendar));
        (window.and_then(|w| w.due.next_day()), decision.received_by_higher_procuracy_on.is_none())
    };
    let event = effective_on.and_then(|day| effect_event(decision.result, day));
    Effect { effective_on, assumed_receipt, event }
}

/// The case event of a decision that took effect on `day`: an exemption closes the case as
/// terminated under Điều 50 khoản 1 điểm e (the new law's article is not retrieved: no
/// ground); a reduction takes the reduced amount off what is owed.
fn effect_event(result: CourtResult, day: Date) -> Option<Event> {
    match result {
        CourtResult::Mien => {
            // The exemption event is its own ground (Điều 50 khoản 1 điểm e makes it end the
            // case); 50.1.e is a ground of the termination event, which the grounds table
            // refuses on an exemption, so none is cited under either law.
            Some(Event { date: day, code: EventCode::Exempted, amount: None, ground: None })
        }
        CourtResult::Giam(amount) if !amount.is_zero() => {
            Some(Event { date: day, code: EventCode::Reduced, amount: Some(amount), ground: None })
        }
        CourtResult::Giam(_) | CourtResult::Rejected => None,
    }
}

/// Database identity of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ProposalId(pub i64);

/// A proposal file sent to the court (through the procuracy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: ProposalId,
    pub unit: UnitId,
    pub case_id: CaseId,
    pub kind: ReliefKind,
    pub proposed_on: Date,
    /// The remainder proposed for exemption, or the reduction proposed.
    pub amount: Vnd,
    pub decision: Option<CourtDecision>,
}

/// The figures of the exemption register for a period (domain §2.2.1 family H).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ReliefStats {
    pub proposed: u64,
    pub decided: u64,
    pub exempted: u64,
    pub reduced: u64,
    pub rejected: u64,
    pub amount_proposed: VndSum,
    /// Exempted remainders and reductions granted.
    pub amount_granted: VndSum,
}

/// Proposals made in `period`, and decisions made in it.
pub fn relief_stats(proposals: &[Proposal], period: Period) -> ReliefStats {
    let mut s = ReliefStats::default();
    for p in proposals {
        if period.contains(p.proposed_on) {
            s.proposed += 1;
            s.amount_proposed.0 += i128::from(p.amount.dong());
        }
        let Some(d) = p.decision.filter(|d| period.contains(d.decided_on) && !d.protested) else {
            continue;
        };
        s.decided += 1;
        let granted = match d.result {
            CourtResult::Mien => {
                s.exempted += 1;
                p.amount
            }
            CourtResult::Giam(v) => {
                s.reduced += 1;
                v
            }
            CourtResult::Rejected => {
                s.rejected += 1;
                Vnd::ZERO
            }
        };
        s.amount_granted.0 += i128::from(granted.dong());
    }
    s
}
