//! 100,000 synthetic cases with random but lawful histories, checked for correctness (no
//! timing here): invariants every deadline must satisfy, and due dates recomputed naively.

use time::macros::date;
use time::{Date, Duration};

use super::super::*;
use super::calendar;
use crate::amount::Vnd;
use crate::calendar::WorkingCalendar;
use crate::case::CaseBasis;
use crate::case::{Categories, Category, Origin};
use crate::event::{Event, EventCode};
use crate::lifecycle::{Step, apply, opening, state_on};
use crate::rules::LifecycleRules;
use crate::state::CaseState;

/// xorshift64*: a fixed seed keeps the test deterministic without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const CODES: [EventCode; 14] = EventCode::ALL;
const TODAY: Date = date!(2030 - 12 - 31);

/// A case with a random history that the state machine accepts.
fn random_case(rng: &mut Rng) -> (CaseBasis, Categories, Vec<Step>) {
    let accepted_on = date!(2023 - 01 - 01) + Duration::days(rng.below(4 * 365) as i64);
    let origin = if rng.below(2) == 0 { Origin::ChuDong } else { Origin::TheoYeuCau };
    let basis = CaseBasis { accepted_on, origin, amount: Vnd::new(1 + rng.below(100_000_000) as i64).unwrap() };
    let mut categories = Categories::empty();
    if rng.below(10) == 0 {
        categories.insert(Category::PhamNhan);
    }
    let rules = LifecycleRules::default();
    let (mut steps, mut current, mut day) = (Vec::new(), opening(&basis), accepted_on);
    for _ in 0..rng.below(7) {
        day += Duration::days(1 + rng.below(240) as i64);
        // Closings are rarer than classifications, so most cases stay open.
        let range = if rng.below(4) == 0 { 14 } else { 7 };
        let code = CODES[rng.below(range) as usize];
        let amount = match code {
            EventCode::Collected | EventCode::Reduced => {
                Some(Vnd::new(1 + rng.below(current.outstanding.dong().max(1) as u64) as i64).unwrap())
            }
            _ => None,
        };
        let event = Event { date: day, code, amount, ground: None };
        if let Ok(step) = apply(&basis, &current, &event, TODAY, &rules) {
            current = step.after.clone();
            steps.push(step);
        }
    }
    (basis, categories, steps)
}

fn naive_roll(cal: &WorkingCalendar, mut d: Date) -> Date {
    while !cal.is_working_day(d) {
        d = d.next_day().unwrap();
    }
    d
}

fn naive_due(cal: &WorkingCalendar, start: Date, length: Length) -> Date {
    match length.unit {
        Unit::CalendarDays => naive_roll(cal, start + Duration::days(i64::from(length.count))),
        Unit::WorkingDays if length.count == 0 => naive_roll(cal, start),
        Unit::WorkingDays => {
            let (mut d, mut left) = (start, length.count);
            while left > 0 {
                d = d.next_day().unwrap();
                if cal.is_working_day(d) {
                    left -= 1;
                }
            }
            d
        }
        Unit::Months => {
            let mut d = start;
            for _ in 0..length.count {
                let (y, m) = if d.month() == time::Month::December {
                    (d.year() + 1, time::Month::January)
                } else {
                    (d.year(), d.month().next())
                };
                let day = start.day().min(m.length(y));
                d = Date::from_calendar_date(y, m, day).unwrap();
            }
            naive_roll(cal, d)
        }
    }
}

fn check(case: &CaseView<'_>, on: Date, found: &[Deadline<'_>], rules: &DeadlineRules, cal: &WorkingCalendar) {
    let switch = rules.new_law_from();
    let state = state_on(case.basis, case.steps, on).map(|s| s.state.clone());
    if !matches!(state, Some(ref s) if !s.is_closed()) {
        assert!(found.is_empty(), "closed or not yet accepted case has deadlines");
        return;
    }
    let state = state.unwrap();
    for d in found {
        let r = d.rule;
        assert_eq!(r.kind, d.kind);
        assert_eq!(d.overdue, d.due < on);
        assert!(d.started_on <= d.due && cal.is_working_day(d.due));
        assert_ne!(r.tracking, Tracking::DataOnly);
        assert!(!(r.tracking == Tracking::UntilDue && d.overdue));
        assert!(r.scope.matches(case.basis.origin, case.categories.contains(Category::PhamNhan)));
        let expected = match d.kind {
            DeadlineKind::VoluntaryPeriod | DeadlineKind::FirstVerification => state == CaseState::Opened,
            DeadlineKind::Reverification | DeadlineKind::PublishNoMeans => state == CaseState::WithoutMeans,
            DeadlineKind::SeparateRegister | DeadlineKind::RequestReturn => state == CaseState::WithoutMeans,
            DeadlineKind::PostponementReview => matches!(state, CaseState::Postponed(_)),
            DeadlineKind::SuspensionReview => matches!(state, CaseState::Suspended(_)),
            DeadlineKind::Payout | DeadlineKind::UnpublishNoMeans => true,
            _ => false,
        };
        assert!(expected, "{} in state {}", d.kind, state.code());
        match d.kind {
            DeadlineKind::SeparateRegister | DeadlineKind::RequestReturn => {
                let new = r.regime == Regime::New;
                assert_eq!(new, on >= switch || d.started_on >= switch, "{}", r.id);
                assert!(!new || d.started_on >= switch);
                assert_eq!(d.due, naive_due(cal, d.started_on, r.length));
            }
            _ => {
                assert_eq!(r.regime, rules.regime_on(d.started_on), "{}", r.id);
                assert_eq!(d.due, naive_due(cal, d.started_on, r.length), "{}", r.id);
            }
        }
    }
}

#[test]
fn hundred_thousand_synthetic_cases() {
    let (rules, cal) = (DeadlineRules::default(), calendar());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    let mut seen = [0usize; DeadlineKind::ALL.len()];
    let mut overdue = 0usize;
    for _ in 0..100_000 {
        let (basis, categories, steps) = random_case(&mut rng);
        let case = CaseView { basis: &basis, categories, steps: &steps };
        let random_day = date!(2023 - 01 - 01) + Duration::days(rng.below(6 * 365) as i64);
        for on in [date!(2026 - 06 - 30), date!(2026 - 07 - 01), random_day] {
            out.clear();
            deadlines_into(&case, on, &rules, &cal, &mut out);
            check(&case, on, &out, &rules, &cal);
            for d in &out {
                seen[d.kind as usize] += 1;
                overdue += usize::from(d.overdue);
            }
        }
    }
    // The generator reaches every kind the engine emits.
    for kind in DeadlineKind::ALL {
        let emitted = kind.trigger() != Trigger::NotRecorded && kind != DeadlineKind::Notification;
        assert_eq!(seen[kind as usize] > 0, emitted, "{kind}: {}", seen[kind as usize]);
    }
    assert!(overdue > 0);
}
