//! The protest windows of a court decision on an exemption or reduction proposal while they
//! are open (Luật THADS 2008 Điều 64 khoản 1): the procuracy at the same level and the one a
//! level up may protest a first decision, each from the day it receives it. The agency waits
//! on them before the decision's effect is recorded on the case, so the worklist lists them
//! as deadlines. The receipt is the day recorded, else assumed on the last day the court has
//! to send its decision (Điều 63 khoản 4). A decision on a protest, or one protested, has no
//! window left.

use serde::Serialize;
use time::Date;

use super::court::{CourtDecision, CourtStep};
use crate::calendar::WorkingCalendar;
use crate::deadlines::Limits;

/// A protest window of a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProtestWindow {
    pub step: CourtStep,
    /// The limit's stable id, e.g. `old.exemption.protest_higher_level`.
    pub limit_id: String,
    pub name_vi: String,
    pub citation: String,
    /// The day the procuracy received the decision (recorded or assumed).
    pub from: Date,
    /// The window's last day.
    pub due: Date,
    /// `from` is assumed: the court's last day to send its decision.
    pub assumed_receipt: bool,
}

/// The windows of `decision`, same level then higher level; none for a decision on a protest
/// or one protested.
pub fn protest_windows(
    decision: &CourtDecision,
    limits: &Limits<CourtStep>,
    calendar: &WorkingCalendar,
) -> Vec<ProtestWindow> {
    if decision.on_protest || decision.protested {
        return Vec::new();
    }
    let Some(sent) = limits.from(CourtStep::SendDecision, decision.decided_on, calendar).map(|d| d.due) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (step, recorded) in
        [(CourtStep::ProtestSameLevel, None), (CourtStep::ProtestHigherLevel, decision.received_by_higher_procuracy_on)]
    {
        let from = recorded.unwrap_or(sent);
        if let Some(w) = limits.from(step, from, calendar) {
            out.push(ProtestWindow {
                step,
                limit_id: w.limit.id.clone(),
                name_vi: w.limit.name_vi.clone(),
                citation: w.limit.citation.clone(),
                from,
                due: w.due,
                assumed_receipt: recorded.is_none(),
            });
        }
    }
    out
}

/// The windows still open on `on` (their last day not before it).
pub fn open_windows(
    decision: &CourtDecision,
    limits: &Limits<CourtStep>,
    calendar: &WorkingCalendar,
    on: Date,
) -> Vec<ProtestWindow> {
    protest_windows(decision, limits, calendar).into_iter().filter(|w| w.due >= on).collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::calendar::Announcements;
    use crate::exemption::{CourtResult, court_limits, decision_effect};

    fn decision(received: Option<Date>) -> CourtDecision {
        CourtDecision {
            decided_on: date!(2026 - 03 - 02),
            result: CourtResult::Mien,
            on_protest: false,
            protested: false,
            received_by_higher_procuracy_on: received,
        }
    }

    #[test]
    fn both_windows_run_from_the_receipt_and_close_the_day_before_the_effect() {
        let (limits, cal) = (court_limits(), WorkingCalendar::vietnam(Announcements::none()).unwrap());
        // Decided Monday 02/03/2026; 5 working days to send: Monday 09/03 (assumed receipt).
        let w = protest_windows(&decision(None), &limits, &cal);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(
            (w[0].step, w[0].from, w[0].due),
            (CourtStep::ProtestSameLevel, date!(2026 - 03 - 09), date!(2026 - 03 - 16))
        );
        assert_eq!((w[1].step, w[1].due), (CourtStep::ProtestHigherLevel, date!(2026 - 03 - 24)));
        assert!(w.iter().all(|x| x.assumed_receipt && x.citation.contains("Điều 64 khoản 1")));
        // The effect is the day after the higher window's last day.
        let effect = decision_effect(&decision(None), &limits, &cal);
        assert_eq!(effect.effective_on, w[1].due.next_day());
        // Open on its last day, closed the day after.
        assert_eq!(open_windows(&decision(None), &limits, &cal, date!(2026 - 03 - 16)).len(), 2);
        assert_eq!(open_windows(&decision(None), &limits, &cal, date!(2026 - 03 - 17)).len(), 1);
        assert!(open_windows(&decision(None), &limits, &cal, date!(2026 - 03 - 25)).is_empty());
        // A recorded receipt moves the higher window only.
        let r = protest_windows(&decision(Some(date!(2026 - 03 - 04))), &limits, &cal);
        assert_eq!((r[1].from, r[1].due, r[1].assumed_receipt), (date!(2026 - 03 - 04), date!(2026 - 03 - 19), false));
        assert_eq!(r[0].due, date!(2026 - 03 - 16));
    }

    #[test]
    fn a_protested_decision_or_one_on_a_protest_has_no_window() {
        let (limits, cal) = (court_limits(), WorkingCalendar::vietnam(Announcements::none()).unwrap());
        let protested = CourtDecision { protested: true, ..decision(None) };
        let on_protest = CourtDecision { on_protest: true, ..decision(None) };
        assert!(protest_windows(&protested, &limits, &cal).is_empty());
        assert!(protest_windows(&on_protest, &limits, &cal).is_empty());
    }
}
