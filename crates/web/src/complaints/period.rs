//! The period of the register's figures as the pages and the API name it, the same words as the
//! report's (interchange §3): a reporting year (01/10 of the year before to 30/09) and a number
//! of months from its start, by default the current year up to this month. Kept here rather
//! than borrowed from the statistics room, which the worklist (and through it this room) sits
//! below.

use serde::Deserialize;
use thads_core::ReportingYear;
use thads_core::dates::Period;
use time::Date;
use utoipa::IntoParams;

use crate::error::WebError;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// reporting year (year Y = 01/10/Y-1 – 30/09/Y); default: the current one
    #[serde(default)]
    #[param(value_type = i32)]
    pub year: String,
    /// months from the year's start, 1–12; default: up to this month
    #[serde(default)]
    #[param(value_type = u8, minimum = 1, maximum = 12)]
    pub months: String,
}

/// A reporting year and its first `months` months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked {
    pub year: ReportingYear,
    pub months: u8,
    pub period: Period,
}

impl PeriodQuery {
    pub fn asked(&self, today: Date) -> Result<Asked, WebError> {
        let current = ReportingYear::containing(today);
        let this_month = (u8::from(today.month()) + 2) % 12 + 1;
        let bad = |what: &str, v: &str| {
            WebError::BadRequest(format!("giá trị không hợp lệ / invalid value for {what}: «{v}»"))
        };
        let year = match self.year.trim() {
            "" => current,
            y => y.parse::<i32>().ok().and_then(|y| ReportingYear::new(y).ok()).ok_or_else(|| bad("year", y))?,
        };
        let months = match self.months.trim() {
            "" if year == current => this_month,
            "" => 12,
            m => m.parse::<u8>().ok().filter(|m| (1..=12).contains(m)).ok_or_else(|| bad("months", m))?,
        };
        let period = year.cumulative(months).map_err(|e| WebError::BadRequest(e.to_string()))?;
        Ok(Asked { year, months, period })
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_reporting_year_starts_in_october_and_runs_to_this_month() {
        let q = |y: &str, m: &str| PeriodQuery { year: y.into(), months: m.into() };
        let a = q("", "").asked(date!(2026 - 08 - 03)).unwrap();
        assert_eq!(
            (a.year.number(), a.months, a.period.from(), a.period.to()),
            (2026, 11, date!(2025 - 10 - 01), date!(2026 - 08 - 31))
        );
        let a = q("2025", "").asked(date!(2026 - 08 - 03)).unwrap();
        assert_eq!((a.months, a.period.to()), (12, date!(2025 - 09 - 30)));
        assert_eq!(q("", "1").asked(date!(2025 - 10 - 05)).unwrap().period.to(), date!(2025 - 10 - 31));
        assert!(q("x", "").asked(date!(2026 - 08 - 03)).is_err());
        assert!(q("2026", "13").asked(date!(2026 - 08 - 03)).is_err());
    }
}
