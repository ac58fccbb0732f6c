//! The deadlines of one case on one day: a pure function of its facts, its replayed steps, the
//! rules and the working-day calendar. It writes into a caller's vector and allocates nothing
//! itself, so that millions of cases can be scanned in a loop.
//!
//! Which regime's rule applies is decided by the day the clock starts (NĐ 152/2026 Điều 115).
//! One exception: the move to the separate register and the return of the request take the
//! regime of the day they are to be done (the later of the day the clock starts and `on`),
//! because the new law replaced the old one-year register rule with its two-year rule and from
//! 01/07/2026 an on-request case can no longer be moved at all (lifecycle refuses it). A spell
//! that passed two years before 01/07/2026 is due under the new rule from that day, not before.

use serde::Serialize;
use time::Date;

use super::history::{History, Phase};
use super::rule::{Condition, DeadlineKind, DeadlineRule, Regime, Tracking, Trigger};
use super::rules::DeadlineRules;
use crate::calendar::WorkingCalendar;
use crate::case::CaseBasis;
use crate::case::{Categories, Category, Origin};
use crate::event::EventCode;
use crate::lifecycle::Step;

/// One case as the deadline function sees it.
#[derive(Debug, Clone, Copy)]
pub struct CaseView<'a> {
    pub basis: &'a CaseBasis,
    pub categories: Categories,
    /// Its replayed history, in date order (from `lifecycle::replay`).
    pub steps: &'a [Step],
}

/// A time limit that is running or has run out for a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline<'r> {
    pub kind: DeadlineKind,
    /// The last day to act (or the last day of the period).
    pub due: Date,
    /// The due date is before the day asked about, and no event has met it.
    pub overdue: bool,
    /// The day the clock started: the event, or the day derived from it (see `rule.starts`).
    pub started_on: Date,
    /// The rule: its id, citation, trigger, confidence.
    pub rule: &'r DeadlineRule,
}

impl Deadline<'_> {
    pub fn starts(&self) -> Trigger {
        self.rule.starts
    }
}

/// The deadlines of `case` on `on`, as a new vector.
pub fn deadlines<'r>(
    case: &CaseView<'_>,
    on: Date,
    rules: &'r DeadlineRules,
    calendar: &WorkingCalendar,
) -> Vec<Deadline<'r>> {
    let mut out = Vec::new();
    deadlines_into(case, on, rules, calendar, &mut out);
    out
}

/// Appends the deadlines of `case` on `on` to `out`: every time limit running or overdue that
/// day. A closed case has none.
pub fn deadlines_into<'r>(
    case: &CaseView<'_>,
    on: Date,
    rules: &'r DeadlineRules,
    calendar: &WorkingCalendar,
    out: &mut Vec<Deadline<'r>>,
) {
    let on = on.to_julian_day();
    let Some(history) = History::of(case.basis.accepted_on.to_julian_day(), case.steps, on) else {
        return;
    };
    let mut scan = Scan {
        rules,
        calendar,
        origin: case.basis.origin,
        prisoner: case.categories.contains(Category::PhamNhan),
        on,
        first: out.len(),
        out,
    };
    match history.phase {
        Phase::Opened => scan.opened(case.basis.accepted_on.to_julian_day()),
        Phase::WithoutMeans => scan.without_means(&history),
        Phase::Postponed => scan.started(DeadlineKind::PostponementReview, history.since),
        Phase::Suspended => scan.started(DeadlineKind::SuspensionReview, history.since),
        Phase::WithMeans => {}
    }
    if let Some(day) = history.left_no_means {
        scan.started(DeadlineKind::UnpublishNoMeans, day);
    }
    for step in case.steps {
        let day = step.date.to_julian_day();
        if day > on {
            break;
        }
        if step.code == EventCode::Collected {
            scan.started(DeadlineKind::Payout, day);
        }
    }
}

struct Scan<'r, 'o, 'c> {
    rules: &'r DeadlineRules,
    calendar: &'c WorkingCalendar,
    origin: Origin,
    prisoner: bool,
    on: i32,
    /// Where this case's deadlines begin in `out` (the caller's vector may hold other cases').
    first: usize,
    out: &'o mut Vec<Deadline<'r>>,
}

impl<'r> Scan<'r, '_, '_> {
    fn rule(&self, kind: DeadlineKind, regime: Regime) -> Option<&'r DeadlineRule> {
        self.rules.pick(kind, regime, self.origin, self.prisoner)
    }

    fn regime(&self, day: i32) -> Regime {
        if day < self.rules.new_law_from_jd() { Regime::Old } else { Regime::New }
    }

    /// A clock that started on `start`, under the regime of that day.
    fn started(&mut self, kind: DeadlineKind, start: i32) {
        if let Some(rule) = self.rule(kind, self.regime(start)) {
            let due = rule.length.end_jd(start, self.calendar);
            self.push(rule, start, due);
        }
    }

    /// Adds a deadline of this case unless the same one (the same rule due the same day) is
    /// already listed: several collections on one day call for one payout, not one each.
    fn push(&mut self, rule: &'r DeadlineRule, start: i32, due: i32) {
        if self.listed(rule, due) {
            return;
        }
        let overdue = due < self.on;
        let shown = match rule.tracking {
            Tracking::Tracked => true,
            Tracking::UntilDue => !overdue,
            Tracking::DataOnly => false,
        };
        if let (true, Ok(due_date), Ok(started_on)) = (shown, Date::from_julian_day(due), Date::from_julian_day(start))
        {
            self.out.push(Deadline { kind: rule.kind, due: due_date, overdue, started_on, rule });
        }
    }

    fn listed(&self, rule: &DeadlineRule, due: i32) -> bool {
        let mine = self.out.get(self.first..).unwrap_or_default();
        mine.iter().any(|d| d.rule.id == rule.id && d.due.to_julian_day() == due)
    }

    /// Before any classification: the voluntary period (assumed to start once the notification
    /// limit has run) and the first verification after it.
    fn opened(&mut self, accepted_on: i32) {
        let Some(notice) = self.rule(DeadlineKind::Notification, self.regime(accepted_on)) else {
            return;
        };
        let notified = notice.length.end_jd(accepted_on, self.calendar);
        let Some(voluntary) = self.rule(DeadlineKind::VoluntaryPeriod, self.regime(notified)) else {
            return;
        };
        let voluntary_end = voluntary.length.end_jd(notified, self.calendar);
        self.push(voluntary, notified, voluntary_end);
        self.started(DeadlineKind::FirstVerification, voluntary_end);
    }

    fn without_means(&mut self, h: &History) {
        if let Some(rule) = self.rule(DeadlineKind::Reverification, self.regime(h.latest_no_means)) {
            let limit = match rule.condition {
                Condition::AtMostRepeats(n) => n,
                _ => u8::MAX,
            };
            if h.reverifications < limit {
                let due = rule.length.end_jd(h.latest_no_means, self.calendar);
                self.push(rule, h.latest_no_means, due);
            }
        }
        self.started(DeadlineKind::PublishNoMeans, h.decision);
        self.register(h);
    }

    /// The separate register (old law) or the two-year rule (new law).
    fn register(&mut self, h: &History) {
        if self.regime(self.on) == Regime::Old
            && let Some(rule) = self.rule(DeadlineKind::SeparateRegister, Regime::Old)
            && let Some(start) = self.conditions_met(rule, h)
            && self.regime(start) == Regime::Old
        {
            let due = rule.length.end_jd(start, self.calendar);
            self.push(rule, start, due);
            return;
        }
        let kind = match self.origin {
            Origin::ChuDong => DeadlineKind::SeparateRegister,
            Origin::TheoYeuCau => DeadlineKind::RequestReturn,
        };
        if let Some(rule) = self.rule(kind, Regime::New)
            && let Some(waited) = self.conditions_met(rule, h)
            && self.regime(waited.max(self.on)) == Regime::New
        {
            // A spell that reached two years before the new law could not be acted on under it
            // earlier: its clock starts on the day the law takes effect.
            let start = waited.max(self.rules.new_law_from_jd());
            let due = rule.length.end_jd(start, self.calendar);
            self.push(rule, start, due);
        }
    }

    /// The day the waiting period after the decision ends and enough re-verifications are done;
    /// `None` while the re-verifications are still missing.
    fn conditions_met(&self, rule: &DeadlineRule, h: &History) -> Option<i32> {
        let waited = rule.waiting.map_or(h.decision, |w| w.plain_end_jd(h.decision, self.calendar));
        match rule.condition {
            Condition::AfterVerifications(0) | Condition::None | Condition::AtMostRepeats(_) => Some(waited),
            Condition::AfterVerifications(n) if h.reverifications >= n => {
                let nth = h.reverified_on.get(usize::from(n) - 1).copied().unwrap_or(h.latest_no_means);
                Some(waited.max(nth))
            }
            Condition::AfterVerifications(_) => None,
        }
    }
}
