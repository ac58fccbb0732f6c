//! The dated history of one demo case, drawn as a walk through the state machine of domain
//! §3.11 from acceptance up to the as-of date: verification finds means or not; cases with
//! means pay (often in instalments) and complete, with the odd postponement, suspension,
//! termination or delegation; cases without means are re-verified about twice a year until
//! means appear, or they move to the separate register, are returned (new law), exempted or
//! terminated. A walk stops at the as-of date, leaving the case open in whatever state it is.

use thads_core::{Category, Event, EventCode, Ground, Origin, Vnd};
use time::{Date, Duration};

use super::draw::{DemoRng, between, chance, delay, weighted, working_day};
use super::facts::Profile;

/// Dates that bound every history.
#[derive(Debug, Clone, Copy)]
pub struct Horizon {
    /// No event after this day.
    pub as_of: Date,
    /// Backlog cases stay open (without means) until this day.
    pub window_start: Date,
    /// Luật THADS 106/2025: request_returned from here; separate_register only for chủ động.
    pub new_law_from: Date,
}

/// Grounds of postponement: 48.1.c (parties agree) counts with means, the others without.
const POSTPONE_GROUNDS: [(&str, f64); 5] =
    [("48.1.c", 55.0), ("48.1.a", 15.0), ("48.1.b", 10.0), ("48.1.d", 10.0), ("48.1.e", 10.0)];

/// How many partial payments precede the last one, for debts above a few million đồng.
const INSTALMENTS: [(u32, f64); 4] = [(0, 50.0), (1, 25.0), (2, 15.0), (3, 10.0)];

/// What may interrupt a case with means between two steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Incident {
    None,
    Postpone,
    Suspend,
    Terminate,
    LoseMeans,
    Delegate,
    Reduce,
}

/// The events of one case, in date order, none after `horizon.as_of`.
pub fn history(rng: &mut DemoRng, facts: &thads_core::CaseFacts, profile: Profile, horizon: Horizon) -> Vec<Event> {
    let mut walk = Walk {
        rng,
        horizon,
        origin: facts.origin,
        budget: facts.categories.contains(Category::NganSach),
        prisoner: facts.categories.contains(Category::PhamNhan),
        accepted_on: facts.accepted_on,
        day: facts.accepted_on,
        owed: facts.amount.dong(),
        checks: 0,
        events: Vec::new(),
    };
    // `None` means the walk reached the as-of date with the case still open.
    let _ = walk.start(profile);
    walk.events
}

struct Walk<'a> {
    rng: &'a mut DemoRng,
    horizon: Horizon,
    origin: Origin,
    budget: bool,
    prisoner: bool,
    accepted_on: Date,
    day: Date,
    owed: i64,
    /// Re-verifications in the current spell without means.
    checks: u32,
    events: Vec<Event>,
}

impl Walk<'_> {
    fn start(&mut self, profile: Profile) -> Option<()> {
        if profile.backlog {
            return self.backlog();
        }
        if chance(self.rng, 0.008) {
            let d = self.wait_between(3, 45)?;
            return self.close(d, EventCode::Withdrawn);
        }
        // Paid within the voluntary period: court fees and small debts often are.
        if chance(self.rng, profile.means * voluntary_share(self.owed)) {
            let d = self.wait_between(7, 35)?;
            return self.pay_off(d);
        }
        let d = self.wait(20.0, 0.4, 8)?;
        if chance(self.rng, 0.015) {
            return self.close(d, EventCode::DelegatedOut);
        }
        if chance(self.rng, profile.means) {
            self.push(d, EventCode::WithMeans, None, None);
            self.with_means()
        } else {
            self.push(d, EventCode::NoMeans, None, None);
            self.without_means()
        }
    }

    /// A case accepted before the window: without means (or paying slowly) until it starts.
    fn backlog(&mut self) -> Option<()> {
        let d = self.wait(30.0, 0.5, 10)?;
        if chance(self.rng, 0.2) {
            self.push(d, EventCode::WithMeans, None, None);
            self.day = self.day.max(self.horizon.window_start);
            return self.with_means();
        }
        self.push(d, EventCode::NoMeans, None, None);
        self.without_means()
    }

    fn with_means(&mut self) -> Option<()> {
        let mut instalments = if self.owed < 5_000_000 { 0 } else { weighted(self.rng, &INSTALMENTS).unwrap_or(0) };
        // Large debts mean seizures, valuations and auctions: months between steps.
        let pace = match self.owed {
            a if a < 100_000_000 => 15.0,
            a if a < 1_000_000_000 => 30.0,
            a if a < 100_000_000_000 => 60.0,
            _ => 150.0,
        };
        loop {
            let d = self.wait(pace, 0.8, 3)?;
            match self.incident() {
                Incident::None => {}
                Incident::Postpone => {
                    self.postpone(d)?;
                    continue;
                }
                Incident::Suspend => {
                    if self.suspend(d)? {
                        return Some(());
                    }
                    continue;
                }
                Incident::Terminate => return self.close(d, EventCode::Terminated),
                Incident::Delegate => return self.close(d, EventCode::DelegatedOut),
                Incident::LoseMeans => {
                    self.push(d, EventCode::NoMeans, None, None);
                    return self.without_means();
                }
                Incident::Reduce => {
                    let cut = self.owed / 4 / 1_000 * 1_000;
                    if cut > 0 {
                        self.push(d, EventCode::Reduced, Some(cut), None);
                        continue;
                    }
                }
            }
            let part = self.owed * between(self.rng, 15, 50) / 100 / 1_000 * 1_000;
            if instalments == 0 || part <= 0 || part >= self.owed {
                return self.pay_off(d);
            }
            self.push(d, EventCode::Collected, Some(part), None);
            instalments -= 1;
        }
    }

    fn incident(&mut self) -> Incident {
        let reduce = if self.budget && self.owed >= 4_000 { 0.02 } else { 0.0 };
        let table = [
            (Incident::None, 0.83 - reduce),
            (Incident::Postpone, 0.05),
            (Incident::Suspend, 0.012),
            (Incident::Terminate, 0.03),
            (Incident::LoseMeans, 0.04),
            (Incident::Delegate, 0.008),
            (Incident::Reduce, reduce),
        ];
        weighted(self.rng, &table).unwrap_or(Incident::None)
    }

    /// Re-verified about twice a year until something changes. Called right after the decision
    /// on lack of means that begins the spell: the waiting periods before the separate register
    /// (one year, two for a prisoner, under the old law; two years under the new) and the
    /// return of the request (two years) count from it.
    fn without_means(&mut self) -> Option<()> {
        let since = self.day;
        self.checks = 0;
        let old_wait = if self.prisoner { 2 } else { 1 };
        loop {
            let d = self.wait(180.0, 0.25, 60)?;
            self.checks += 1;
            if d < self.horizon.window_start {
                self.push(d, EventCode::NoMeans, None, None);
                continue;
            }
            let waited = |years: i32| d >= years_after(since, years);
            let new_law = d >= self.horizon.new_law_from;
            if chance(self.rng, 0.16) {
                self.push(d, EventCode::Resumed, None, None);
                return self.with_means();
            }
            let small_budget = self.budget && self.owed < 5_000_000;
            if small_budget && (d - self.accepted_on).whole_days() >= 5 * 365 && chance(self.rng, 0.3) {
                return self.close(d, EventCode::Exempted);
            }
            if new_law && self.origin == Origin::TheoYeuCau && waited(2) && chance(self.rng, 0.4) {
                return self.close(d, EventCode::RequestReturned);
            }
            let may_separate = if new_law { self.origin == Origin::ChuDong && waited(2) } else { waited(old_wait) };
            if may_separate && self.checks >= 2 && chance(self.rng, 0.12) {
                return self.close(d, EventCode::SeparateRegister);
            }
            if chance(self.rng, 0.015) {
                return self.close(d, EventCode::Terminated);
            }
            self.push(d, EventCode::NoMeans, None, None);
        }
    }

    /// Hoãn, then (if the as-of date allows) QĐ tiếp tục thi hành án.
    fn postpone(&mut self, d: Date) -> Option<()> {
        let ground = weighted(self.rng, &POSTPONE_GROUNDS).unwrap_or("48.1.c");
        self.push(d, EventCode::Postponed, None, Some(ground));
        let back = self.wait(90.0, 0.8, 10)?;
        self.push(back, EventCode::Resumed, None, None);
        Some(())
    }

    /// Tạm đình chỉ, then resumed or terminated; `Some(true)` when it ended the case.
    fn suspend(&mut self, d: Date) -> Option<bool> {
        self.push(d, EventCode::Suspended, None, None);
        let next = self.wait(120.0, 0.8, 10)?;
        if chance(self.rng, 0.3) {
            self.close(next, EventCode::Terminated)?;
            return Some(true);
        }
        self.push(next, EventCode::Resumed, None, None);
        Some(false)
    }

    /// Collects what is still owed and closes the case as completed, the same day.
    fn pay_off(&mut self, d: Date) -> Option<()> {
        if self.owed > 0 {
            self.push(d, EventCode::Collected, Some(self.owed), None);
        }
        self.close(d, EventCode::Completed)
    }

    fn close(&mut self, d: Date, code: EventCode) -> Option<()> {
        self.push(d, code, None, None);
        Some(())
    }

    /// A working day some log-normal delay after the last event, or `None` past the as-of date.
    fn wait(&mut self, median: f64, sigma: f64, min: i64) -> Option<Date> {
        let days = delay(self.rng, median, sigma, min);
        self.after(days)
    }

    /// A working day `low..=high` days after the last event, or `None` past the as-of date.
    fn wait_between(&mut self, low: i64, high: i64) -> Option<Date> {
        let days = between(self.rng, low, high);
        self.after(days)
    }

    fn after(&self, days: i64) -> Option<Date> {
        let d = working_day(self.day + Duration::days(days));
        (d <= self.horizon.as_of).then_some(d)
    }

    fn push(&mut self, date: Date, code: EventCode, amount: Option<i64>, ground: Option<&str>) {
        if let Some(a) = amount {
            self.owed -= a;
        }
        if code.amount_rule() == thads_core::event::AmountRule::Optional {
            self.owed = 0;
        }
        let amount = amount.and_then(|a| Vnd::new(a).ok());
        let ground = ground.and_then(|g| Ground::new(g).ok());
        self.events.push(Event { date, code, amount, ground });
        self.day = date;
    }
}

/// The same day `years` later (1 March for 29 February).
fn years_after(day: Date, years: i32) -> Date {
    day.replace_year(day.year() + years).unwrap_or_else(|_| day + Duration::days(366 * i64::from(years)))
}

/// Share of cases with means that pay within the voluntary period, by size of the debt.
fn voluntary_share(owed: i64) -> f64 {
    match owed {
        a if a < 5_000_000 => 0.35,
        a if a < 100_000_000 => 0.15,
        _ => 0.05,
    }
}
