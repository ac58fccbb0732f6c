//! How long a case must stay without means before it may leave for the separate register or
//! have its request returned (domain §3.5): one year under NĐ 62/2015 Điều 9 khoản 5 (two for a
//! prisoner), two years under Luật 106/2025 Điều 38 khoản 3–4, counted from the decision on
//! lack of means that began the current spell. The length is the `waiting` of the same rules
//! that give these acts their deadlines, so a correction by an administrator moves both; the
//! regime is that of the day the act is done. The re-verifications the old rule also asks for
//! are not checked here: registers do not always record them as events.

use time::Date;

use super::history::{History, Phase};
use super::rule::{DeadlineKind, DeadlineRule, Regime};
use super::rules::DeadlineRules;
use crate::calendar::WorkingCalendar;
use crate::case::{Category, Origin};
use crate::deadlines::CaseView;
use crate::event::EventCode;
use crate::lifecycle::Reason;

/// The waiting period an act on `on` is bound by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting<'r> {
    /// The decision on lack of means that began the current spell.
    pub decided_on: Date,
    /// The first day the act may be done.
    pub allowed_from: Date,
    pub rule: &'r DeadlineRule,
}

/// The waiting period of `code` done on `on`, for a case that is without means that day
/// (`case.steps` hold its history before the act); `None` for other events and other states
/// (the state machine refuses those acts outside a spell without means).
pub fn waiting_after_no_means<'r>(
    case: &CaseView<'_>,
    code: EventCode,
    on: Date,
    rules: &'r DeadlineRules,
    calendar: &WorkingCalendar,
) -> Option<Waiting<'r>> {
    let kind = match code {
        EventCode::SeparateRegister => DeadlineKind::SeparateRegister,
        EventCode::RequestReturned => DeadlineKind::RequestReturn,
        _ => return None,
    };
    let day = on.to_julian_day();
    let history = History::of(case.basis.accepted_on.to_julian_day(), case.steps, day)?;
    if history.phase != Phase::WithoutMeans {
        return None;
    }
    let regime = if on < rules.new_law_from() { Regime::Old } else { Regime::New };
    // Under the new law an on-request case is returned (and an ex-officio one moved).
    let origin = match (regime, kind) {
        (Regime::New, DeadlineKind::RequestReturn) => Origin::TheoYeuCau,
        (Regime::New, _) => Origin::ChuDong,
        (Regime::Old, _) => case.basis.origin,
    };
    let rule = rules.pick(kind, regime, origin, case.categories.contains(Category::PhamNhan))?;
    let waiting = rule.waiting?;
    let allowed = waiting.plain_end_jd(history.decision, calendar);
    Some(Waiting {
        decided_on: Date::from_julian_day(history.decision).ok()?,
        allowed_from: Date::from_julian_day(allowed).ok()?,
        rule,
    })
}

/// Refuses `code` on `on` while its waiting period runs.
pub fn check_waiting(
    case: &CaseView<'_>,
    code: EventCode,
    on: Date,
    rules: &DeadlineRules,
    calendar: &WorkingCalendar,
) -> Result<(), Reason> {
    match waiting_after_no_means(case, code, on, rules, calendar) {
        Some(w) if on < w.allowed_from => Err(Reason::TooEarly {
            event: code,
            decided_on: w.decided_on,
            allowed_from: w.allowed_from,
            citation: w.rule.citation.clone(),
        }),
        _ => Ok(()),
    }
}
