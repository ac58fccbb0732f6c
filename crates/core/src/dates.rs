//! Dates as written in registers (`dd/mm/yyyy` or ISO), reporting years (01/10 to 30/09),
//! months as keys of the statistics ledger, and periods of a report.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("ngày không đúng định dạng dd/mm/yyyy hoặc yyyy-mm-dd / not a date: «{0}»")]
    Malformed(String),
    #[error("ngày không tồn tại / impossible date: «{0}»")]
    Impossible(String),
}

/// Parses `dd/mm/yyyy` (also `d/m/yyyy`) or ISO `yyyy-mm-dd`.
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let t = text.trim();
    let malformed = || DateError::Malformed(t.to_string());
    let (d, m, y) = if let Some((y, rest)) = t.split_once('-') {
        let (m, d) = rest.split_once('-').ok_or_else(malformed)?;
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(malformed());
        }
        (d, m, y)
    } else {
        let mut parts = t.split('/');
        let (d, m, y) = (parts.next(), parts.next(), parts.next());
        match (d, m, y, parts.next()) {
            (Some(d), Some(m), Some(y), None) if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => (d, m, y),
            _ => return Err(malformed()),
        }
    };
    let number = |s: &str| -> Result<u16, DateError> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        s.parse().map_err(|_| malformed())
    };
    let (day, month, year) = (number(d)?, number(m)?, number(y)?);
    let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok());
    let day = u8::try_from(day).ok();
    match (month, day) {
        (Some(month), Some(day)) => {
            Date::from_calendar_date(i32::from(year), month, day).map_err(|_| DateError::Impossible(t.to_string()))
        }
        _ => Err(DateError::Impossible(t.to_string())),
    }
}

/// `dd/mm/yyyy`, the way Vietnamese documents write dates.
pub fn format_vn(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), u8::from(date.month()), date.year())
}

/// `yyyy-mm-dd`.
pub fn format_iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// The last day of the month that contains `date`.
pub fn end_of_month(date: Date) -> Date {
    let last = date.month().length(date.year());
    date.replace_day(last).unwrap_or(date)
}

/// A calendar month, as a key of the statistics ledger: `year * 12 + month - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MonthKey(pub i32);

impl MonthKey {
    pub fn of(date: Date) -> MonthKey {
        MonthKey(date.year() * 12 + i32::from(u8::from(date.month())) - 1)
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1–12.
    pub fn month(self) -> u8 {
        // rem_euclid(12) is in 0..12, so the cast cannot truncate.
        self.0.rem_euclid(12) as u8 + 1
    }

    pub fn first_day(self) -> Date {
        let month = Month::try_from(self.month()).unwrap_or(Month::January);
        Date::from_calendar_date(self.year(), month, 1).unwrap_or(Date::MIN)
    }

    pub fn last_day(self) -> Date {
        end_of_month(self.first_day())
    }

    pub fn previous(self) -> MonthKey {
        MonthKey(self.0 - 1)
    }

    pub fn next(self) -> MonthKey {
        MonthKey(self.0 + 1)
    }
}

impl fmt::Display for MonthKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:04}", self.month(), self.year())
    }
}

/// A reporting year ("năm 2025" = 01/10/2024 – 30/09/2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReportingYear(i32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("năm báo cáo không hợp lệ / reporting year out of range: {0}")]
    Year(i32),
    #[error("số tháng phải từ 1 đến 12 / months must be 1–12, got {0}")]
    Months(u8),
    #[error("kỳ báo cáo: ngày bắt đầu {from} sau ngày kết thúc {to} / period starts after it ends")]
    Reversed { from: String, to: String },
}

impl ReportingYear {
    pub fn new(year: i32) -> Result<ReportingYear, PeriodError> {
        if (1900..=9998).contains(&year) { Ok(ReportingYear(year)) } else { Err(PeriodError::Year(year)) }
    }

    /// The reporting year that contains `date`.
    pub fn containing(date: Date) -> ReportingYear {
        if u8::from(date.month()) >= 10 { ReportingYear(date.year() + 1) } else { ReportingYear(date.year()) }
    }

    pub fn number(self) -> i32 {
        self.0
    }

    /// 01/10 of the previous calendar year.
    pub fn first_day(self) -> Date {
        Date::from_calendar_date(self.0 - 1, Month::October, 1).unwrap_or(Date::MIN)
    }

    /// 30/09 of the year.
    pub fn last_day(self) -> Date {
        Date::from_calendar_date(self.0, Month::September, 30).unwrap_or(Date::MAX)
    }

    pub fn previous(self) -> ReportingYear {
        ReportingYear(self.0 - 1)
    }

    /// The cumulative period of the first `months` months (1 = October only, 12 = the year).
    pub fn cumulative(self, months: u8) -> Result<Period, PeriodError> {
        if !(1..=12).contains(&months) {
            return Err(PeriodError::Months(months));
        }
        let first = MonthKey::of(self.first_day());
        let last = MonthKey(first.0 + i32::from(months) - 1);
        Ok(Period { from: self.first_day(), to: last.last_day() })
    }
}

impl fmt::Display for ReportingYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A report period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    from: Date,
    to: Date,
}

impl Period {
    pub fn new(from: Date, to: Date) -> Result<Period, PeriodError> {
        if from > to {
            return Err(PeriodError::Reversed { from: format_vn(from), to: format_vn(to) });
        }
        Ok(Period { from, to })
    }

    pub fn from(self) -> Date {
        self.from
    }

    pub fn to(self) -> Date {
        self.to
    }

    pub fn contains(self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// The same period one year earlier ("cùng kỳ năm trước"); 29/02 becomes 28/02.
    pub fn year_before(self) -> Period {
        let shift = |d: Date| {
            let year = d.year() - 1;
            let day = d.day().min(d.month().length(year));
            Date::from_calendar_date(year, d.month(), day).unwrap_or(d)
        };
        let to = if self.to == end_of_month(self.to) { end_of_month(shift(self.to)) } else { shift(self.to) };
        Period { from: shift(self.from), to }
    }

    /// Whether the period starts on the first of a month and ends on the last day of a month,
    /// so that it can be answered from the monthly ledger.
    pub fn is_month_aligned(self) -> bool {
        self.from.day() == 1 && self.to == end_of_month(self.to)
    }
}

/// Where "today" comes from; a parameter so that tests fix the date.
pub trait Clock: Send + Sync {
    fn today(&self) -> Date;
}

/// A clock that always answers the same day (tests, imports of historical data).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Date);

impl Clock for FixedClock {
    fn today(&self) -> Date {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_both_formats() {
        assert_eq!(parse_date("05/10/2025"), Ok(date!(2025 - 10 - 05)));
        assert_eq!(parse_date("5/1/2025"), Ok(date!(2025 - 01 - 05)));
        assert_eq!(parse_date("2025-10-05"), Ok(date!(2025 - 10 - 05)));
        assert_eq!(parse_date(" 29/02/2024 "), Ok(date!(2024 - 02 - 29)));
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        assert!(matches!(parse_date("31/02/2023"), Err(DateError::Impossible(_))));
        assert!(matches!(parse_date("29/02/2023"), Err(DateError::Impossible(_))));
        assert!(matches!(parse_date("00/01/2023"), Err(DateError::Impossible(_))));
        assert!(matches!(parse_date("12/13/2023"), Err(DateError::Impossible(_))));
        for bad in ["", "2023/01/01", "1-1-2023", "01.01.2023", "01/01/23", "a/b/cdef", "2023-1-01"] {
            assert!(matches!(parse_date(bad), Err(DateError::Malformed(_))), "{bad}");
        }
    }

    #[test]
    fn reporting_year_bounds_and_cumulative_periods() {
        let y = ReportingYear::new(2022).unwrap();
        assert_eq!(y.first_day(), date!(2021 - 10 - 01));
        assert_eq!(y.last_day(), date!(2022 - 09 - 30));
        let six = y.cumulative(6).unwrap();
        assert_eq!((six.from(), six.to()), (date!(2021 - 10 - 01), date!(2022 - 03 - 31)));
        assert_eq!(y.cumulative(5).unwrap().to(), date!(2022 - 02 - 28));
        assert_eq!(y.cumulative(12).unwrap().to(), date!(2022 - 09 - 30));
        assert!(y.cumulative(0).is_err() && y.cumulative(13).is_err());
        assert_eq!(ReportingYear::containing(date!(2024 - 10 - 01)).number(), 2025);
        assert_eq!(ReportingYear::containing(date!(2025 - 09 - 30)).number(), 2025);
    }

    #[test]
    fn same_period_last_year_keeps_month_ends() {
        let p = Period::new(date!(2023 - 10 - 01), date!(2024 - 02 - 29)).unwrap();
        let q = p.year_before();
        assert_eq!((q.from(), q.to()), (date!(2022 - 10 - 01), date!(2023 - 02 - 28)));
        let p = Period::new(date!(2022 - 10 - 01), date!(2023 - 02 - 28)).unwrap();
        assert_eq!(p.year_before().to(), date!(2022 - 02 - 28));
        assert!(p.is_month_aligned());
        assert!(!Period::new(date!(2022 - 10 - 02), date!(2023 - 02 - 28)).unwrap().is_month_aligned());
    }

    #[test]
    fn month_keys_round_trip() {
        let m = MonthKey::of(date!(2025 - 12 - 17));
        assert_eq!((m.year(), m.month()), (2025, 12));
        assert_eq!(m.next().first_day(), date!(2026 - 01 - 01));
        assert_eq!(m.last_day(), date!(2025 - 12 - 31));
        assert_eq!(m.to_string(), "12/2025");
    }
}
