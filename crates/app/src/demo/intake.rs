//! When demo cases were accepted: a schedule of working days over the reporting years that end
//! at the as-of date, with yearly growth and a dip around Tết, plus an older backlog of cases
//! still open when the first of those years began. Case `i` gets the date at quantile `i / N`,
//! so case numbers follow acceptance dates and any chunk of cases can be drawn on its own.

use thads_core::ReportingYear;
use time::{Date, Duration, Month, Weekday};

/// Years of backlog before the first reporting year.
const BACKLOG_YEARS: i64 = 4;

/// Yearly growth of new cases (national V5 went from 922k in 2023 to 1.06M in 2025).
const GROWTH: f64 = 1.06;

/// The days of a span with cumulative weights.
#[derive(Debug, Clone)]
struct DayTable {
    days: Vec<Date>,
    cumulative: Vec<f64>,
}

impl DayTable {
    fn new(from: Date, to: Date, weight: impl Fn(Date) -> f64) -> DayTable {
        let mut days = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0.0;
        let mut day = from;
        while day <= to {
            total += weight(day);
            days.push(day);
            cumulative.push(total);
            day += Duration::days(1);
        }
        if total <= 0.0 {
            // Only weekend days (a one-day span): weigh them equally rather than divide by zero.
            cumulative = (1..=days.len()).map(|i| i as f64).collect();
        }
        DayTable { days, cumulative }
    }

    /// The day at quantile `q` (0 ≤ q < 1) of the weight.
    fn at(&self, q: f64) -> Date {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let i = self.cumulative.partition_point(|c| *c <= q * total);
        self.days.get(i).or(self.days.last()).copied().unwrap_or(Date::MIN)
    }
}

/// The acceptance schedule of `cases` cases.
#[derive(Debug, Clone)]
pub struct Intake {
    backlog: DayTable,
    window: DayTable,
    backlog_cases: u64,
    window_cases: u64,
    /// 01/10 of the first reporting year shown.
    pub window_start: Date,
}

impl Intake {
    /// `years` reporting years ending with the one that contains `as_of` (at least one).
    pub fn new(cases: u64, as_of: Date, years: u32) -> Intake {
        let last = ReportingYear::containing(as_of).number();
        let first = last - i32::try_from(years.max(1)).unwrap_or(1) + 1;
        let window_start = ReportingYear::new(first).map_or(as_of, ReportingYear::first_day);
        let backlog_from = window_start - Duration::days(365 * BACKLOG_YEARS);
        let span = (window_start - backlog_from).whole_days().max(1) as f64;
        // More recent backlog is more likely to be still open at the start of the window.
        let backlog = DayTable::new(backlog_from, window_start - Duration::days(1), |d| {
            workday(d) * (0.3 + 0.7 * (d - backlog_from).whole_days() as f64 / span)
        });
        let window =
            DayTable::new(window_start, as_of, |d| workday(d) * season(d) * GROWTH.powf(years_since(window_start, d)));
        // Carry-over is about 3/4 of a year's intake nationally (domain §8: 55–60 % of V5 is new).
        let share = 0.75 / (f64::from(years.max(1)) + 0.75);
        let backlog_cases = (cases as f64 * share).round() as u64;
        Intake { backlog, window, backlog_cases, window_cases: cases - backlog_cases.min(cases), window_start }
    }

    /// The acceptance date of case `index`, and whether it is backlog from before the window.
    pub fn date_of(&self, index: u64) -> (Date, bool) {
        if index < self.backlog_cases {
            (self.backlog.at((index as f64 + 0.5) / self.backlog_cases as f64), true)
        } else {
            let j = index - self.backlog_cases;
            (self.window.at((j as f64 + 0.5) / self.window_cases.max(1) as f64), false)
        }
    }
}

fn workday(d: Date) -> f64 {
    if matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) { 0.0 } else { 1.0 }
}

/// Fewer decisions around Tết, more in autumn when the courts' summer judgments arrive.
fn season(d: Date) -> f64 {
    match d.month() {
        Month::January => 0.9,
        Month::February => 0.7,
        Month::October | Month::November => 1.1,
        _ => 1.0,
    }
}

fn years_since(start: Date, d: Date) -> f64 {
    (d - start).whole_days() as f64 / 365.25
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_are_ordered_working_days_within_the_span() {
        let as_of = date!(2026 - 11 - 20);
        let intake = Intake::new(10_000, as_of, 5);
        assert_eq!(intake.window_start, date!(2022 - 10 - 01));
        let dates: Vec<(Date, bool)> = (0..10_000).map(|i| intake.date_of(i)).collect();
        assert!(dates.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(dates.iter().all(|(d, _)| *d <= as_of && workday(*d) == 1.0));
        let backlog = dates.iter().filter(|(_, b)| *b).count();
        assert!((1_000..2_000).contains(&backlog), "{backlog}");
        assert!(dates.iter().all(|(d, b)| *b == (*d < intake.window_start)));
    }
}
