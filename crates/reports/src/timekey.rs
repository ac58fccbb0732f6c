//! The time axis of an engine: months (the stored ledger, month-aligned periods) or days
//! (any period). One engine and one assembly serve both, so they cannot drift apart.

use std::fmt::Debug;
use std::hash::Hash;

use thads_core::dates::{MonthKey, Period, format_vn};
use time::Date;

use crate::error::{ReportError, ReportResult};

/// The keys of a period on one time axis: rows keyed before `start` make the opening
/// stocks, rows keyed up to `end` the closing stocks, and rows in between the flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window<K> {
    pub start: K,
    pub end: K,
}

/// A time axis of the ledger.
pub trait TimeKey: Copy + Ord + Eq + Hash + Debug + Send + Sync + 'static {
    /// The key that a dated delta falls under.
    fn of_date(date: Date) -> Self;

    /// The window of a period; the month axis answers only month-aligned periods.
    fn window(period: Period) -> ReportResult<Window<Self>>;

    /// Whole years a case accepted at `accepted` has been pending at the end `at` of a window.
    fn whole_years(accepted: Self, at: Self) -> i32;
}

impl TimeKey for MonthKey {
    fn of_date(date: Date) -> Self {
        MonthKey::of(date)
    }

    fn window(period: Period) -> ReportResult<Window<Self>> {
        if !period.is_month_aligned() {
            return Err(ReportError::NotMonthAligned { from: format_vn(period.from()), to: format_vn(period.to()) });
        }
        Ok(Window { start: MonthKey::of(period.from()), end: MonthKey::of(period.to()) })
    }

    /// Exact when `at` stands for the last day of its month (a month-aligned period ends
    /// there): any day of month `a` plus n years is on or before the end of month `a + 12n`.
    fn whole_years(accepted: Self, at: Self) -> i32 {
        (at.0 - accepted.0).div_euclid(12)
    }
}

impl TimeKey for Date {
    fn of_date(date: Date) -> Self {
        date
    }

    fn window(period: Period) -> ReportResult<Window<Self>> {
        Ok(Window { start: period.from(), end: period.to() })
    }

    fn whole_years(accepted: Self, at: Self) -> i32 {
        let mut years = at.year() - accepted.year();
        // An anniversary on 29/02 falls on 28/02 in other years, as on the month axis.
        if years > 0 && add_years(accepted, years) > at {
            years -= 1;
        }
        years
    }
}

/// The same day `years` later; 29/02 becomes 28/02 in a common year.
pub fn add_years(date: Date, years: i32) -> Date {
    let year = date.year() + years;
    let day = date.day().min(date.month().length(year));
    Date::from_calendar_date(year, date.month(), day).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn both_axes_agree_on_ages_at_month_ends() {
        let cases = [
            (date!(2021 - 01 - 31), date!(2022 - 01 - 31), 1),
            (date!(2021 - 03 - 15), date!(2022 - 02 - 28), 0),
            (date!(2020 - 02 - 29), date!(2021 - 02 - 28), 1),
            (date!(2016 - 10 - 01), date!(2021 - 09 - 30), 4),
            (date!(2016 - 09 - 30), date!(2021 - 09 - 30), 5),
        ];
        for (accepted, at, years) in cases {
            assert_eq!(Date::whole_years(accepted, at), years, "{accepted} {at}");
            assert_eq!(MonthKey::whole_years(MonthKey::of(accepted), MonthKey::of(at)), years, "{accepted} {at}");
        }
    }

    #[test]
    fn the_month_axis_refuses_partial_months() {
        let p = Period::new(date!(2021 - 10 - 02), date!(2022 - 03 - 31)).unwrap();
        assert!(matches!(MonthKey::window(p), Err(ReportError::NotMonthAligned { .. })));
        assert!(Date::window(p).is_ok());
    }
}
