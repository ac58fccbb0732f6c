//! The state machine of one case (domain §3.11): the state on any date is computed by replaying
//! its dated events; an event the state on its date does not allow is refused with a reason.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::amount::Vnd;
use crate::case::Origin;
use crate::dates::format_vn;
use crate::event::{AmountRule, Event, EventCode, Ground};
use crate::rules::LifecycleRules;
// Kept here too: `lifecycle::CaseState` and the others are the paths other crates name.
pub use crate::case::CaseBasis;
pub use crate::state::{CaseState, Closing, Snapshot};

/// What one event did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub date: Date,
    pub code: EventCode,
    /// Money collected or reduced by this event.
    pub moved: Vnd,
    /// For a closing event: what was still owed when the case closed.
    pub closed_rest: Option<Vnd>,
    pub after: Snapshot,
}

/// Why an event is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Reason {
    #[error("ngày {date} trước ngày thụ lý {accepted_on} / dated before the case was accepted", date = format_vn(*.date), accepted_on = format_vn(*.accepted_on))]
    BeforeAcceptance { date: Date, accepted_on: Date },
    #[error("ngày {date} sau ngày hôm nay {today} / dated in the future", date = format_vn(*.date), today = format_vn(*.today))]
    InFuture { date: Date, today: Date },
    #[error("việc đã kết thúc ({closing}) ngày {closed_on}; không ghi nhận sự kiện sau đó / the case closed on that day; no event may follow", closing = .closing.label_vi(), closed_on = format_vn(*.closed_on))]
    AfterClosing { closing: Closing, closed_on: Date },
    #[error("«{event}» không áp dụng khi việc đang ở trạng thái «{state}» / not allowed in this state{hint}", event = .event.label_vi(), state = .state.label_vi(), hint = hint(*.event, .state))]
    NotAllowed { event: EventCode, state: CaseState },
    #[error("«{}» cần số tiền / needs an amount", .0.label_vi())]
    AmountRequired(EventCode),
    #[error("«{}» không có số tiền / takes no amount", .0.label_vi())]
    AmountNotAllowed(EventCode),
    #[error("số tiền phải lớn hơn 0 / the amount must be more than zero")]
    AmountZero,
    #[error("số tiền {amount} vượt số còn phải thi hành {outstanding} / more than is still owed", amount = .amount, outstanding = .outstanding)]
    ExceedsOutstanding { amount: Vnd, outstanding: Vnd },
    #[error("còn phải thi hành {0}; ghi nhận thu tiền, giảm hoặc đình chỉ phần còn lại trước / money is still owed")]
    StillOwed(Vnd),
    #[error("gửi lại yêu cầu thi hành án chỉ áp dụng từ {} (Luật 106/2025) / only under the new law", format_vn(*.0))]
    NewLawOnly(Date),
    #[error("gửi lại yêu cầu chỉ áp dụng cho việc theo yêu cầu / only for on-request cases")]
    OnRequestOnly,
    #[error("từ {} việc theo yêu cầu không chuyển sổ theo dõi riêng mà gửi lại yêu cầu (NĐ 152/2026 Điều 22) / on-request cases are returned, not moved, under the new law", format_vn(*.0))]
    ExOfficioOnly(Date),
    /// A ground the rules do not know for this event (`grounds::GroundRules`).
    #[error("căn cứ «{ground}» không phải căn cứ của «{event}» / not a ground of this event", event = .event.label_vi())]
    UnknownGround { event: EventCode, ground: Ground },
    /// Exemption and reduction apply only to obligations owed to the state budget.
    #[error("«{event}» chỉ áp dụng cho khoản thu, nộp ngân sách nhà nước ({citation}) / only for state-budget obligations", event = .event.label_vi())]
    StateBudgetOnly { event: EventCode, citation: String },
    /// Moving to the separate register or returning the request before the waiting period after
    /// the decision on lack of means has passed (`deadlines::waiting_after_no_means`).
    #[error("«{event}» chỉ được thực hiện từ {allowed} (quyết định chưa có điều kiện ngày {decided}; {citation}) / too early", event = .event.label_vi(), allowed = format_vn(*.allowed_from), decided = format_vn(*.decided_on))]
    TooEarly { event: EventCode, decided_on: Date, allowed_from: Date, citation: String },
}

fn hint(event: EventCode, state: &CaseState) -> &'static str {
    match (event, state) {
        (EventCode::Resumed, _) => " (chỉ tiếp tục việc đang hoãn, tạm đình chỉ hoặc chưa có điều kiện)",
        (_, CaseState::Postponed(_) | CaseState::Suspended(_)) => " (ra quyết định tiếp tục thi hành án trước)",
        (EventCode::SeparateRegister | EventCode::RequestReturned, _) => " (chỉ áp dụng cho việc chưa có điều kiện)",
        _ => "",
    }
}

/// A refused event: which one (its position in the replayed list) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{reason}")]
pub struct Refusal {
    pub index: usize,
    pub date: Date,
    pub event: EventCode,
    pub reason: Reason,
}

/// The state right after acceptance.
pub fn opening(basis: &CaseBasis) -> Snapshot {
    Snapshot { state: CaseState::Opened, outstanding: basis.amount, collected: Vnd::ZERO, reduced: Vnd::ZERO }
}

/// Replays `events` (already in effective order) from acceptance. Returns one step per event,
/// or the first refusal. `today` bounds dates from above.
pub fn replay(basis: &CaseBasis, events: &[Event], today: Date, rules: &LifecycleRules) -> Result<Vec<Step>, Refusal> {
    let mut current = opening(basis);
    let mut closed_on = None;
    let mut steps = Vec::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        let refuse = |reason| Refusal { index, date: event.date, event: event.code, reason };
        if let (CaseState::Closed(closing), Some(day)) = (&current.state, closed_on) {
            return Err(refuse(Reason::AfterClosing { closing: *closing, closed_on: day }));
        }
        let step = apply(basis, &current, event, today, rules).map_err(refuse)?;
        if step.after.state.is_closed() {
            closed_on = Some(event.date);
        }
        current = step.after.clone();
        steps.push(step);
    }
    Ok(steps)
}

/// The snapshot on `day` (after every event dated on or before it).
pub fn state_on<'a>(basis: &CaseBasis, steps: &'a [Step], day: Date) -> Option<std::borrow::Cow<'a, Snapshot>> {
    if day < basis.accepted_on {
        return None;
    }
    let last = steps.iter().take_while(|s| s.date <= day).last();
    Some(match last {
        Some(s) => std::borrow::Cow::Borrowed(&s.after),
        None => std::borrow::Cow::Owned(opening(basis)),
    })
}

/// One transition: checks the event against the state and returns what it does.
pub fn apply(
    basis: &CaseBasis,
    current: &Snapshot,
    event: &Event,
    today: Date,
    rules: &LifecycleRules,
) -> Result<Step, Reason> {
    if event.date < basis.accepted_on {
        return Err(Reason::BeforeAcceptance { date: event.date, accepted_on: basis.accepted_on });
    }
    if event.date > today {
        return Err(Reason::InFuture { date: event.date, today });
    }
    check_allowed(basis, &current.state, event, rules)?;
    let amount = checked_amount(event, current.outstanding)?;
    let mut after = current.clone();
    let mut moved = Vnd::ZERO;
    let mut closed_rest = None;
    match event.code {
        EventCode::WithMeans | EventCode::Resumed => after.state = CaseState::WithMeans,
        EventCode::NoMeans => after.state = CaseState::WithoutMeans,
        EventCode::Postponed => after.state = CaseState::Postponed(event.ground.clone()),
        EventCode::Suspended => after.state = CaseState::Suspended(event.ground.clone()),
        EventCode::Collected => {
            moved = amount;
            after.collected = add(after.collected, amount);
            after.outstanding = subtract(after.outstanding, amount);
        }
        EventCode::Reduced => {
            moved = amount;
            after.reduced = add(after.reduced, amount);
            after.outstanding = subtract(after.outstanding, amount);
        }
        code => {
            if let Some(closing) = Closing::of(code) {
                if closing == Closing::Completed && !current.outstanding.is_zero() {
                    return Err(Reason::StillOwed(current.outstanding));
                }
                closed_rest = Some(current.outstanding);
                after.outstanding = Vnd::ZERO;
                after.state = CaseState::Closed(closing);
            }
        }
    }
    Ok(Step { date: event.date, code: event.code, moved, closed_rest, after })
}

fn add(a: Vnd, b: Vnd) -> Vnd {
    // Collected + reduced never exceed the obligation, an i64; saturate rather than panic.
    a.checked_add(b).unwrap_or(a)
}

fn subtract(a: Vnd, b: Vnd) -> Vnd {
    a.checked_sub(b).unwrap_or(Vnd::ZERO)
}

/// The amount an event carries, checked against its rule and what is still owed.
fn checked_amount(event: &Event, outstanding: Vnd) -> Result<Vnd, Reason> {
    let given = event.amount;
    match (event.code.amount_rule(), given) {
        (AmountRule::Required, None) => Err(Reason::AmountRequired(event.code)),
        (AmountRule::Required, Some(a)) if a.is_zero() => Err(Reason::AmountZero),
        (AmountRule::Forbidden, Some(a)) if !a.is_zero() => Err(Reason::AmountNotAllowed(event.code)),
        (AmountRule::Forbidden, _) => Ok(Vnd::ZERO),
        (_, None) => Ok(outstanding),
        (_, Some(a)) if a > outstanding => Err(Reason::ExceedsOutstanding { amount: a, outstanding }),
        (_, Some(a)) => Ok(a),
    }
}

/// The transition table of domain §3.11.
fn check_allowed(basis: &CaseBasis, state: &CaseState, event: &Event, rules: &LifecycleRules) -> Result<(), Reason> {
    use CaseState as S;
    use EventCode as E;
    let allowed = match (state, event.code) {
        (S::Closed(_), _) => false,
        // Money, termination, completion, delegation and withdrawal: from any open state.
        (
            _,
            E::Collected | E::Reduced | E::Exempted | E::Terminated | E::Completed | E::DelegatedOut | E::Withdrawn,
        ) => true,
        (S::Opened | S::WithMeans | S::WithoutMeans, E::WithMeans | E::NoMeans | E::Postponed) => true,
        (S::Opened | S::WithMeans | S::WithoutMeans | S::Postponed(_), E::Suspended) => true,
        (S::Postponed(_) | S::Suspended(_) | S::WithoutMeans, E::Resumed) => true,
        (S::WithoutMeans, E::SeparateRegister | E::RequestReturned) => true,
        _ => false,
    };
    if !allowed {
        return Err(Reason::NotAllowed { event: event.code, state: state.clone() });
    }
    let new_law = event.date >= rules.new_law_from;
    match event.code {
        E::RequestReturned if !new_law => Err(Reason::NewLawOnly(rules.new_law_from)),
        E::RequestReturned if basis.origin != Origin::TheoYeuCau => Err(Reason::OnRequestOnly),
        E::SeparateRegister if new_law && basis.origin == Origin::TheoYeuCau => {
            Err(Reason::ExOfficioOnly(rules.new_law_from))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
