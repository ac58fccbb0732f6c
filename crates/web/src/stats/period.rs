//! The period of a report as the pages and the API name it: a reporting year (01/10 of the
//! year before to 30/09) and a number of months from its start, by default up to this month.

use serde::Deserialize;
use thads_core::ReportingYear;
use thads_core::dates::{Period, end_of_month, format_iso, parse_date};
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

    /// The reporting year containing `day`, with the months from its start through `day`'s.
    pub fn ending(day: Date) -> YearMonths {
        YearMonths::current(day)
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

/// The period of a statistics page, an export, a print view or `GET /api/v1/reports`: any of
/// the four ways agencies name one. `period` says which fields to read; without it, `from` and
/// `to` when given, else `month`, else `quarter`, else `year` and `months`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnyPeriodParams {
    /// which kind of period: `cumulative` (year, months), `month`, `quarter` or `range` (from, to)
    #[serde(default)]
    pub period: String,
    /// reporting year (year Y = 01/10/Y-1 – 30/09/Y); default: the current one
    #[serde(default)]
    #[param(value_type = i32)]
    pub year: String,
    /// months from the year's start, 1–12; default: up to this month
    #[serde(default)]
    #[param(value_type = u8, minimum = 1, maximum = 12)]
    pub months: String,
    /// one calendar month, `2026-03` (or `03/2026`)
    #[serde(default)]
    pub month: String,
    /// one calendar quarter, `2026-Q1` (January–March)
    #[serde(default)]
    pub quarter: String,
    /// first day, `2025-10-01` or `01/10/2025` (with `to`)
    #[serde(default)]
    #[param(value_type = String, format = Date)]
    pub from: String,
    /// last day (with `from`)
    #[serde(default)]
    #[param(value_type = String, format = Date)]
    pub to: String,
}

/// Which way a period was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Cumulative,
    Month,
    Quarter,
    Range,
}

impl PeriodKind {
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Cumulative => "cumulative",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Range => "range",
        }
    }
}

/// A period chosen on a page or in the API, with how it was named (to show the picker as the
/// reader left it) and its canonical query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChosenPeriod {
    pub kind: PeriodKind,
    pub period: Period,
    /// The reporting year of the period's end, and its months when cumulative.
    pub ym: YearMonths,
}

/// Longest value accepted in a period field.
const FIELD_MAX: usize = 16;

impl ChosenPeriod {
    pub fn parse(p: &AnyPeriodParams, today: Date) -> Result<ChosenPeriod, WebError> {
        for (what, value) in [
            ("period", &p.period),
            ("year", &p.year),
            ("months", &p.months),
            ("month", &p.month),
            ("quarter", &p.quarter),
            ("from", &p.from),
            ("to", &p.to),
        ] {
            if value.chars().count() > FIELD_MAX {
                return Err(bad(what, &value.chars().take(FIELD_MAX).collect::<String>()));
            }
        }
        let given = |v: &String| !v.trim().is_empty();
        let kind = match p.period.trim() {
            "cumulative" => PeriodKind::Cumulative,
            "month" => PeriodKind::Month,
            "quarter" => PeriodKind::Quarter,
            "range" => PeriodKind::Range,
            "" if given(&p.from) || given(&p.to) => PeriodKind::Range,
            "" if given(&p.month) => PeriodKind::Month,
            "" if given(&p.quarter) => PeriodKind::Quarter,
            "" => PeriodKind::Cumulative,
            other => return Err(bad("period", other)),
        };
        let period = match kind {
            PeriodKind::Cumulative => {
                let ym = YearMonths::parse(&PeriodParams { year: p.year.clone(), months: p.months.clone() }, today)?;
                return Ok(ChosenPeriod { kind, period: ym.period()?, ym });
            }
            PeriodKind::Month => month(p.month.trim())?,
            PeriodKind::Quarter => quarter(p.quarter.trim())?,
            PeriodKind::Range => {
                let day = |what: &str, v: &str| parse_date(v.trim()).map_err(|_| bad(what, v.trim()));
                let (from, to) = (day("from", &p.from)?, day("to", &p.to)?);
                Period::new(from, to).map_err(|e| WebError::BadRequest(e.to_string()))?
            }
        };
        Ok(ChosenPeriod { kind, period, ym: YearMonths::ending(period.to()) })
    }

    /// The period as a query: `year=2026&months=6` when cumulative, else `from=…&to=…`.
    pub fn query(&self) -> String {
        match self.kind {
            PeriodKind::Cumulative => format!("year={}&months={}", self.ym.year.number(), self.ym.months),
            _ => format!("from={}&to={}", format_iso(self.period.from()), format_iso(self.period.to())),
        }
    }

    /// For file names: `2026-06` (year and months) or `2025-10-01_2025-12-31`.
    pub fn slug(&self) -> String {
        match self.kind {
            PeriodKind::Cumulative => format!("{}-{:02}", self.ym.year.number(), self.ym.months),
            _ => format!("{}_{}", format_iso(self.period.from()), format_iso(self.period.to())),
        }
    }

    /// `2026-03`: the month field of the picker (the period's last month).
    pub fn month_value(&self) -> String {
        let to = self.period.to();
        format!("{}-{:02}", to.year(), u8::from(to.month()))
    }

    /// `2026-Q1`: the quarter field of the picker (the quarter of the period's end).
    pub fn quarter_value(&self) -> String {
        let to = self.period.to();
        format!("{}-Q{}", to.year(), (u8::from(to.month()) - 1) / 3 + 1)
    }
}

/// `2026-03` or `03/2026`: that calendar month.
fn month(text: &str) -> Result<Period, WebError> {
    let (y, m) = match (text.split_once('-'), text.split_once('/')) {
        (Some((y, m)), _) => (y, m),
        (None, Some((m, y))) => (y, m),
        _ => return Err(bad("month", text)),
    };
    let year = y.parse::<i32>().ok().filter(|y| (1900..=2999).contains(y)).ok_or_else(|| bad("month", text))?;
    let m = m.parse::<u8>().ok().and_then(|m| time::Month::try_from(m).ok()).ok_or_else(|| bad("month", text))?;
    months_from(year, m, 1).ok_or_else(|| bad("month", text))
}

/// `2026-Q1` (or `Q1/2026`): January–March of 2026, and so on.
fn quarter(text: &str) -> Result<Period, WebError> {
    let upper = text.to_ascii_uppercase();
    let (y, q) = match (upper.split_once("-Q"), upper.strip_prefix('Q').and_then(|r| r.split_once('/'))) {
        (Some((y, q)), _) => (y.to_string(), q.to_string()),
        (None, Some((q, y))) => (y.to_string(), q.to_string()),
        _ => return Err(bad("quarter", text)),
    };
    let year = y.parse::<i32>().ok().filter(|y| (1900..=2999).contains(y)).ok_or_else(|| bad("quarter", text))?;
    let q = q.parse::<u8>().ok().filter(|q| (1..=4).contains(q)).ok_or_else(|| bad("quarter", text))?;
    let first = time::Month::try_from(3 * q - 2).map_err(|_| bad("quarter", text))?;
    months_from(year, first, 3).ok_or_else(|| bad("quarter", text))
}

/// `count` whole calendar months from the first of `month`.
fn months_from(year: i32, month: time::Month, count: u8) -> Option<Period> {
    let from = Date::from_calendar_date(year, month, 1).ok()?;
    let mut last = month;
    let mut last_year = year;
    for _ in 1..count {
        last = last.next();
        if last == time::Month::January {
            last_year += 1;
        }
    }
    let to = end_of_month(Date::from_calendar_date(last_year, last, 1).ok()?);
    Period::new(from, to).ok()
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

    fn chosen(pairs: &[(&str, &str)]) -> Result<ChosenPeriod, WebError> {
        let q = serde_urlencoded::to_string(pairs).unwrap_or_default();
        let p: AnyPeriodParams = serde_urlencoded::from_str(&q).map_err(|e| WebError::BadRequest(e.to_string()))?;
        ChosenPeriod::parse(&p, date!(2026 - 05 - 20))
    }

    #[test]
    fn any_period_is_named_four_ways() {
        let range = |c: ChosenPeriod| (c.kind, format_iso(c.period.from()), format_iso(c.period.to()));
        let ok = |pairs: &[(&str, &str)]| range(chosen(pairs).unwrap());
        assert_eq!(
            ok(&[("year", "2026"), ("months", "3")]),
            (PeriodKind::Cumulative, "2025-10-01".into(), "2025-12-31".into())
        );
        assert_eq!(ok(&[("month", "2026-02")]), (PeriodKind::Month, "2026-02-01".into(), "2026-02-28".into()));
        assert_eq!(ok(&[("month", "12/2025")]), (PeriodKind::Month, "2025-12-01".into(), "2025-12-31".into()));
        assert_eq!(ok(&[("quarter", "2025-Q4")]), (PeriodKind::Quarter, "2025-10-01".into(), "2025-12-31".into()));
        assert_eq!(ok(&[("quarter", "q1/2026")]), (PeriodKind::Quarter, "2026-01-01".into(), "2026-03-31".into()));
        assert_eq!(
            ok(&[("from", "15/10/2025"), ("to", "2026-01-10")]),
            (PeriodKind::Range, "2025-10-15".into(), "2026-01-10".into())
        );
        // The picker sends every field; `period` says which one counts.
        let all = [
            ("period", "quarter"),
            ("year", "2026"),
            ("months", "7"),
            ("month", "2026-01"),
            ("quarter", "2026-Q1"),
            ("from", ""),
            ("to", ""),
        ];
        assert_eq!(ok(&all), (PeriodKind::Quarter, "2026-01-01".into(), "2026-03-31".into()));
        // Refusals: both sides of each boundary.
        for bad in [
            &[("month", "2026-13")][..],
            &[("month", "2026-00")],
            &[("quarter", "2026-Q5")],
            &[("quarter", "2026-Q0")],
            &[("from", "2026-02-01"), ("to", "2026-01-31")],
            &[("from", "2026-02-01")],
            &[("period", "decade")],
            &[("from", "2026-01-01\u{200b}"), ("to", "2026-01-31")],
            &[("month", "20260-01-01-01-01-01")],
        ] {
            assert!(chosen(bad).is_err(), "{bad:?}");
        }
        assert!(chosen(&[("from", "2026-02-01"), ("to", "2026-02-01")]).is_ok(), "one day");
        let c = chosen(&[("quarter", "2026-Q1")]).unwrap();
        assert_eq!(c.query(), "from=2026-01-01&to=2026-03-31");
        assert_eq!(c.slug(), "2026-01-01_2026-03-31");
        assert_eq!((c.month_value(), c.quarter_value()), ("2026-03".into(), "2026-Q1".into()));
        let c = chosen(&[("year", "2026"), ("months", "6")]).unwrap();
        assert_eq!((c.query(), c.slug()), ("year=2026&months=6".into(), "2026-06".into()));
    }
}
