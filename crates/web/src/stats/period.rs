//! The period of a report as the pages and the API name it: a reporting year (01/10 of the
//! year before to 30/09) and a number of months from its start, by default up to this month.

use serde::Deserialize;
use thads_core::ReportingYear;
use thads_core::dates::Period;
use time::Date;
use utoipa::IntoParams;

use crate::error::WebError;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// reporting year (year Y = 01/10/Y-1 – 30/09/Y); default: the current one
    #[serde(default)]
    #[param(value_type = i32)]
    pub year: String,
    /// months from the year's start, 1–12; default: up to this month
    #[serde(default)]
    #[param(value_type = u8, minimum = 1, maximum = 12)]
    pub months: String,
}

/// A reporting year and a number of months (1–12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMonths {
    pub year: ReportingYear,
    pub months: u8,
}

impl YearMonths {
    /// The reporting year containing `today`, through today's month.
    pub fn current(today: Date) -> YearMonths {
        let year = ReportingYear::containing(today);
        let months = (u8::from(today.month()) + 2) % 12 + 1;
        YearMonths { year, months }
    }

    pub fn parse(p: &PeriodParams, today: Date) -> Result<YearMonths, WebError> {
        let current = YearMonths::current(today);
        let year = match p.year.trim() {
            "" => current.year,
            y => y.parse::<i32>().ok().and_then(|y| ReportingYear::new(y).ok()).ok_or_else(|| bad("year", y))?,
        };
        let months = match p.months.trim() {
            "" if year == current.year => current.months,
            "" => 12,
            m => m.parse::<u8>().ok().filter(|m| (1..=12).contains(m)).ok_or_else(|| bad("months", m))?,
        };
        Ok(YearMonths { year, months })
    }

    pub fn period(self) -> Result<Period, WebError> {
        self.year.cumulative(self.months).map_err(|e| WebError::BadRequest(e.to_string()))
    }

    /// `10/2025`, the label of the `m`-th month of the year.
    pub fn month_label(self, m: u8) -> String {
        let first = self.year.first_day();
        let index = i32::from(u8::from(first.month())) - 1 + i32::from(m) - 1;
        let (year, month) = (first.year() + index / 12, index % 12 + 1);
        format!("{month:02}/{year}")
    }
}

fn bad(what: &str, value: &str) -> WebError {
    WebError::BadRequest(format!("giá trị không hợp lệ / invalid value for {what}: «{value}»"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_reporting_year_starts_in_october() {
        let ym = YearMonths::current(date!(2025 - 11 - 20));
        assert_eq!((ym.year.number(), ym.months), (2026, 2));
        assert_eq!(YearMonths::current(date!(2025 - 09 - 30)).months, 12);
        assert_eq!(ym.month_label(1), "10/2025");
        assert_eq!(ym.month_label(4), "01/2026");
    }
}
