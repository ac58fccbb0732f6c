//! Monthly closing (chốt số liệu): which month a record falls in, whether a unit's closing
//! covers a case, when a month is due to be closed and which units are late. Pure: the closings
//! are read by the caller and today is a parameter.
//!
//! A closing of unit U for month M freezes U's report of M, which counts U's whole scope (its
//! subordinate units and the units merged into it): so a month closed by a province is closed
//! for every case of its units, and a month closed by a regional section only for its own. A
//! record is refused when any closing covers its case's unit.

use serde::Serialize;
use time::Date;

use crate::confidence::Confidence;
use crate::dates::MonthKey;
use crate::unit::{Unit, UnitId, UnitTree};

/// A month written `YYYY-MM` could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tháng không hợp lệ «{0}» (YYYY-MM) / invalid month «{0}» (YYYY-MM)")]
pub struct MonthError(pub String);

/// Reads `YYYY-MM` (2000–2100), exactly: no spaces, no other separator, no hidden character.
pub fn parse_month(text: &str) -> Result<MonthKey, MonthError> {
    let bad = || MonthError(text.chars().take(16).collect());
    let b = text.as_bytes();
    if b.len() != 7 || b[4] != b'-' || !b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit()) {
        return Err(bad());
    }
    let year: i32 = text[..4].parse().map_err(|_| bad())?;
    let month: i32 = text[5..].parse().map_err(|_| bad())?;
    if !(2000..=2100).contains(&year) || !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok(MonthKey(year * 12 + month - 1))
}

/// `YYYY-MM`, as the contract writes a month.
pub fn month_code(month: MonthKey) -> String {
    format!("{:04}-{:02}", month.year(), month.month())
}

/// The closing that covers a record of `unit` dated `date`, if any: the closing unit and the
/// month. `closed` lists the months currently closed, by unit.
pub fn covering_closing(
    closed: &[(UnitId, MonthKey)],
    units: &UnitTree,
    unit: UnitId,
    date: Date,
) -> Option<(UnitId, MonthKey)> {
    let month = MonthKey::of(date);
    closed.iter().copied().find(|(closer, m)| *m == month && units.covers(*closer, unit))
}

/// When a month must be closed: by this day of the following month. Data, not a constant: the
/// circular's deadline (TT 05/2024/TT-BTP Điều 10, "thời hạn gửi báo cáo") was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DueRule {
    pub day_of_next_month: u8,
    pub citation: &'static str,
    pub confidence: Confidence,
}

impl Default for DueRule {
    fn default() -> DueRule {
        DueRule {
            day_of_next_month: 5,
            citation: "TT 05/2024/TT-BTP Điều 10 (thời hạn gửi báo cáo thống kê), chưa đối chiếu văn bản",
            confidence: Confidence::Unconfirmed,
        }
    }
}

impl DueRule {
    /// The last day on which `month` may still be closed on time.
    pub fn due(&self, month: MonthKey) -> Date {
        let next = month.next().first_day();
        let day = self.day_of_next_month.clamp(1, 28);
        next.replace_day(day).unwrap_or(next)
    }

    /// Where a unit stands for `month` on `today`.
    pub fn status(&self, month: MonthKey, closed: bool, today: Date) -> MonthStatus {
        match (closed, today > self.due(month)) {
            (true, _) => MonthStatus::Closed,
            (false, true) => MonthStatus::Late,
            (false, false) => MonthStatus::Open,
        }
    }
}

/// A unit's month as a province sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthStatus {
    /// Chốt số liệu.
    Closed,
    /// Not closed, not yet due (or the month is not over).
    Open,
    /// Not closed after its due day (chậm chốt).
    Late,
    /// The unit did not exist on any day of the month (opened later or closed before, as the
    /// district offices and provinces merged on 01/07/2025): nothing to close.
    Inactive,
}

impl MonthStatus {
    pub fn code(self) -> &'static str {
        match self {
            MonthStatus::Closed => "closed",
            MonthStatus::Open => "open",
            MonthStatus::Late => "late",
            MonthStatus::Inactive => "inactive",
        }
    }
}

/// Whether `unit` existed on at least one day of `month` (`valid_from`, `valid_to` inclusive).
pub fn operating_in(unit: &Unit, month: MonthKey) -> bool {
    unit.valid_from.is_none_or(|from| from <= month.last_day())
        && unit.valid_to.is_none_or(|to| to >= month.first_day())
}

/// Whether `month` is over on `today` (a month cannot be closed before its last day).
pub fn is_over(month: MonthKey, today: Date) -> bool {
    today > month.last_day()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{UnitCode, UnitKind};
    use time::macros::date;

    fn tree() -> UnitTree {
        let unit = |id: i64, code: &str, kind, parent: Option<i64>| Unit {
            id: UnitId(id),
            code: UnitCode::new(code).unwrap(),
            name: code.into(),
            kind,
            parent: parent.map(UnitId),
            valid_from: None,
            valid_to: None,
            successor: None,
        };
        UnitTree::new(vec![
            unit(1, "VN", UnitKind::National, None),
            unit(2, "BG", UnitKind::Province, Some(1)),
            unit(3, "BG-KV1", UnitKind::Region, Some(2)),
            unit(4, "BG-KV2", UnitKind::Region, Some(2)),
        ])
    }

    #[test]
    fn months_are_read_exactly() {
        assert_eq!(parse_month("2025-03"), Ok(MonthKey::of(date!(2025 - 03 - 01))));
        assert_eq!(month_code(MonthKey::of(date!(2025 - 12 - 31))), "2025-12");
        for bad in ["2025-3", "2025-13", "2025-00", "25-03", "2025/03", " 2025-03", "2025-0\u{200B}3", "1999-12", ""] {
            assert!(parse_month(bad).is_err(), "{bad:?}");
        }
        assert!(parse_month("2000-01").is_ok() && parse_month("2100-12").is_ok());
    }

    #[test]
    fn a_closing_covers_its_units_scope_in_its_month_only() {
        let units = tree();
        let march = MonthKey::of(date!(2025 - 03 - 01));
        let closed = [(UnitId(3), march)];
        assert_eq!(covering_closing(&closed, &units, UnitId(3), date!(2025 - 03 - 31)), Some((UnitId(3), march)));
        assert_eq!(covering_closing(&closed, &units, UnitId(3), date!(2025 - 04 - 01)), None);
        assert_eq!(covering_closing(&closed, &units, UnitId(3), date!(2025 - 02 - 28)), None);
        // A sibling's closing is not this unit's; a province's covers both sections.
        assert_eq!(covering_closing(&closed, &units, UnitId(4), date!(2025 - 03 - 15)), None);
        let by_province = [(UnitId(2), march)];
        assert!(covering_closing(&by_province, &units, UnitId(4), date!(2025 - 03 - 15)).is_some());
        assert!(covering_closing(&by_province, &units, UnitId(2), date!(2025 - 03 - 15)).is_some());
        assert!(covering_closing(&by_province, &units, UnitId(1), date!(2025 - 03 - 15)).is_none());
    }

    #[test]
    fn a_month_is_late_after_its_due_day() {
        let rule = DueRule::default();
        let march = MonthKey::of(date!(2025 - 03 - 01));
        assert_eq!(rule.due(march), date!(2025 - 04 - 05));
        assert_eq!(rule.status(march, false, date!(2025 - 04 - 05)), MonthStatus::Open);
        assert_eq!(rule.status(march, false, date!(2025 - 04 - 06)), MonthStatus::Late);
        assert_eq!(rule.status(march, true, date!(2026 - 01 - 01)), MonthStatus::Closed);
        assert_eq!(rule.confidence, Confidence::Unconfirmed);
        assert!(!is_over(march, date!(2025 - 03 - 31)) && is_over(march, date!(2025 - 04 - 01)));
    }

    #[test]
    fn a_unit_operates_in_the_months_it_existed_on_a_day_of() {
        let mut merged = tree().get(UnitId(3)).cloned().unwrap();
        merged.valid_to = Some(date!(2025 - 06 - 30));
        assert!(operating_in(&merged, MonthKey::of(date!(2025 - 06 - 01))));
        assert!(!operating_in(&merged, MonthKey::of(date!(2025 - 07 - 01))));
        let mut opened = merged.clone();
        (opened.valid_from, opened.valid_to) = (Some(date!(2025 - 07 - 01)), None);
        assert!(!operating_in(&opened, MonthKey::of(date!(2025 - 06 - 01))));
        assert!(operating_in(&opened, MonthKey::of(date!(2025 - 07 - 31))));
    }
}
