//! Time limits of the agency's other registers (complaints, exemption proposals, administrative
//! judgments): the same parts as a case's deadline rule (length in calendar or working days or
//! months, legal regime, citation, confidence, "verify" flag), keyed by each register's own kind
//! of limit instead of `DeadlineKind`, and counted on the same working-day calendar.

use std::fmt::Debug;

use serde::{Deserialize, Serialize};
use time::Date;

use super::rule::{Length, Regime};
use super::rules::RulesError;
use crate::calendar::WorkingCalendar;
use crate::confidence::Confidence;

/// One legal time limit of a register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit<K> {
    /// Stable id, e.g. `old.complaint.resolution.cuong_che.first`.
    pub id: String,
    pub kind: K,
    pub regime: Regime,
    pub name_vi: String,
    pub length: Length,
    pub citation: String,
    pub confidence: Confidence,
    /// The spec marks the value "verify": an administrator must confirm or correct it.
    pub must_verify: bool,
    /// Readings and assumptions, in plain words.
    pub note: String,
}

impl<K> Limit<K> {
    /// The last day of the limit counted from `start` (Bộ luật Dân sự 2015 Điều 147–148: `start`
    /// is not counted; a last day off work moves to the next working day).
    pub fn due(&self, start: Date, calendar: &WorkingCalendar) -> Date {
        self.length.end(start, calendar)
    }
}

/// A limit that runs from a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Due<'a, K> {
    pub started_on: Date,
    /// The last day to act.
    pub due: Date,
    pub limit: &'a Limit<K>,
}

impl<K> Due<'_, K> {
    /// Past its last day on `day` (and not met: the caller knows whether it was).
    pub fn overdue_on(&self, day: Date) -> bool {
        self.due < day
    }
}

/// The limits of one register, both regimes, checked when built: ids are unique and a kind has
/// at most one limit per regime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "K: Serialize + Clone", deserialize = "K: Deserialize<'de> + Copy + PartialEq + Debug"))]
#[serde(try_from = "LimitSet<K>", into = "LimitSet<K>")]
pub struct Limits<K> {
    new_law_from: Date,
    rows: Vec<Limit<K>>,
}

/// The stored form of a register's limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitSet<K> {
    pub new_law_from: Date,
    pub rows: Vec<Limit<K>>,
}

impl<K: Copy + PartialEq + Debug> Limits<K> {
    pub fn new(new_law_from: Date, rows: Vec<Limit<K>>) -> Result<Limits<K>, RulesError> {
        for (i, row) in rows.iter().enumerate() {
            if let Some(twin) = rows[..i].iter().find(|r| r.id == row.id) {
                return Err(RulesError::DuplicateId(twin.id.clone()));
            }
            if let Some(twin) = rows[..i].iter().find(|r| r.kind == row.kind && r.regime == row.regime) {
                return Err(RulesError::Ambiguous(twin.id.clone(), row.id.clone()));
            }
        }
        Ok(Limits { new_law_from, rows })
    }

    /// No limits at all: the safe answer when a built-in table fails its own check (no
    /// deadlines rather than wrong ones; a test keeps the tables valid).
    pub fn empty(new_law_from: Date) -> Limits<K> {
        Limits { new_law_from, rows: Vec::new() }
    }

    pub fn new_law_from(&self) -> Date {
        self.new_law_from
    }

    pub fn rows(&self) -> &[Limit<K>] {
        &self.rows
    }

    pub fn regime_on(&self, day: Date) -> Regime {
        Regime::on(day, self.new_law_from)
    }

    /// The limit of `kind` under `regime`; `None` when the law sets none (e.g. no second-level
    /// complaint against a protective measure).
    pub fn get(&self, kind: K, regime: Regime) -> Option<&Limit<K>> {
        self.rows.iter().find(|r| r.kind == kind && r.regime == regime)
    }

    /// The limit of `kind` running from `start`, under the regime of that day (NĐ 152/2026
    /// Điều 115: a step taken from 01/07/2026 follows the new law).
    pub fn from(&self, kind: K, start: Date, calendar: &WorkingCalendar) -> Option<Due<'_, K>> {
        let limit = self.get(kind, self.regime_on(start))?;
        Some(Due { started_on: start, due: limit.due(start, calendar), limit })
    }

    /// A built-in table from its specs: `kept`, the old-law limits whose new-law value was not
    /// read (both rows, `old_and_unverified`); `old` and `new`, the rows of one regime. A table
    /// that fails its own check is empty (no deadlines rather than wrong ones; a test keeps the
    /// tables valid).
    pub fn from_specs(
        new_law_from: Date,
        kept: &[LimitSpec<K>],
        old: &[LimitSpec<K>],
        new: &[LimitSpec<K>],
    ) -> Limits<K> {
        let rows = kept
            .iter()
            .flat_map(|s| s.old_and_unverified())
            .chain(old.iter().map(|s| s.under(Regime::Old)))
            .chain(new.iter().map(|s| s.under(Regime::New)))
            .collect();
        Limits::new(new_law_from, rows).unwrap_or_else(|_| Limits::empty(new_law_from))
    }

    /// An administrator's correction of a length (a "verify" cell filled from the official
    /// text): sets the length and the confidence, and clears the verification flag.
    pub fn with_length(self, id: &str, length: Length, confidence: Confidence) -> Result<Limits<K>, RulesError> {
        let mut rows = self.rows;
        let row = rows.iter_mut().find(|r| r.id == id).ok_or_else(|| RulesError::Unknown(id.to_string()))?;
        row.length = length;
        row.confidence = confidence;
        row.must_verify = false;
        Limits::new(self.new_law_from, rows)
    }
}

impl<K: Copy + PartialEq + Debug> TryFrom<LimitSet<K>> for Limits<K> {
    type Error = RulesError;
    fn try_from(set: LimitSet<K>) -> Result<Self, Self::Error> {
        Limits::new(set.new_law_from, set.rows)
    }
}

impl<K> From<Limits<K>> for LimitSet<K> {
    fn from(value: Limits<K>) -> Self {
        LimitSet { new_law_from: value.new_law_from, rows: value.rows }
    }
}

/// The parts of a built-in limit that vary; each register's table is a list of these.
#[derive(Debug, Clone, Copy)]
pub struct LimitSpec<K> {
    /// The id without its regime, e.g. `resolution.cuong_che.first`.
    pub id: &'static str,
    pub kind: K,
    pub name_vi: &'static str,
    pub length: Length,
    pub citation: &'static str,
    pub confidence: Confidence,
    pub note: &'static str,
}

const NEW_LAW_NOTE: &str = "Giá trị của luật cũ; chưa đối chiếu Luật THADS 106/2025 — quản trị viên cần xác nhận / the \
     old value; not yet checked against Luật 106/2025 — an administrator must confirm it";

impl<K: Copy> LimitSpec<K> {
    /// A limit a cited text states, with no note.
    pub const fn confirmed(
        id: &'static str,
        kind: K,
        name_vi: &'static str,
        length: Length,
        citation: &'static str,
    ) -> LimitSpec<K> {
        LimitSpec { id, kind, name_vi, length, citation, confidence: Confidence::Confirmed, note: "" }
    }

    /// The row under `regime`, as written.
    pub fn under(self, regime: Regime) -> Limit<K> {
        Limit {
            id: format!("{}.{}", regime.code(), self.id),
            kind: self.kind,
            regime,
            name_vi: self.name_vi.to_string(),
            length: self.length,
            citation: self.citation.to_string(),
            confidence: self.confidence,
            must_verify: false,
            note: self.note.to_string(),
        }
    }

    /// The new-law row of a limit whose Luật 106/2025 value was not retrieved: the old length,
    /// `Unconfirmed`, to be verified, citing where the value comes from.
    pub fn new_unverified(self) -> Limit<K> {
        Limit {
            citation: format!("Luật THADS 106/2025 (chưa đối chiếu); giá trị theo {}", self.citation),
            confidence: Confidence::Unconfirmed,
            must_verify: true,
            note: NEW_LAW_NOTE.to_string(),
            ..self.under(Regime::New)
        }
    }

    /// The old-law row and its unverified new-law copy.
    pub fn old_and_unverified(self) -> [Limit<K>; 2] {
        [self.under(Regime::Old), self.new_unverified()]
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::calendar::Announcements;

    fn spec(id: &'static str, kind: u8, length: Length) -> LimitSpec<u8> {
        LimitSpec { id, kind, name_vi: "x", length, citation: "c", confidence: Confidence::Confirmed, note: "" }
    }

    #[test]
    fn the_regime_of_the_start_day_picks_the_limit() {
        let limits = Limits::new(
            date!(2026 - 07 - 01),
            vec![spec("a", 1, Length::days(15)).under(Regime::Old), spec("a", 1, Length::days(7)).under(Regime::New)],
        )
        .unwrap();
        let cal = WorkingCalendar::vietnam(Announcements::none()).unwrap();
        // 30/06/2026 (Tuesday) + 15 days = 15/07/2026 (Wednesday); 01/07/2026 + 7 = 08/07/2026.
        let old = limits.from(1, date!(2026 - 06 - 30), &cal).unwrap();
        assert_eq!((old.limit.id.as_str(), old.due), ("old.a", date!(2026 - 07 - 15)));
        let new = limits.from(1, date!(2026 - 07 - 01), &cal).unwrap();
        assert_eq!((new.limit.id.as_str(), new.due), ("new.a", date!(2026 - 07 - 08)));
        assert!(new.overdue_on(date!(2026 - 07 - 09)) && !new.overdue_on(date!(2026 - 07 - 08)));
        assert!(limits.from(2, date!(2026 - 07 - 01), &cal).is_none());
    }

    #[test]
    fn a_built_in_table_from_its_specs() {
        let kept = [spec("a", 1, Length::days(15))];
        let old = [spec("b", 2, Length::days(5))];
        let new = [spec("c", 3, Length::working_days(2))];
        let limits = Limits::from_specs(date!(2026 - 07 - 01), &kept, &old, &new);
        let ids: Vec<(&str, bool)> = limits.rows().iter().map(|r| (r.id.as_str(), r.must_verify)).collect();
        assert_eq!(ids, [("old.a", false), ("new.a", true), ("old.b", false), ("new.c", false)]);
        let clash = Limits::from_specs(date!(2026 - 07 - 01), &kept, &kept, &[]);
        assert!(clash.rows().is_empty(), "a table that fails its check is empty");
    }

    #[test]
    fn tables_are_checked_and_corrected_by_id() {
        let twin =
            vec![spec("a", 1, Length::days(1)).under(Regime::Old), spec("b", 1, Length::days(2)).under(Regime::Old)];
        assert!(matches!(Limits::new(date!(2026 - 07 - 01), twin), Err(RulesError::Ambiguous(..))));
        let dup =
            vec![spec("a", 1, Length::days(1)).under(Regime::Old), spec("a", 2, Length::days(2)).under(Regime::Old)];
        assert!(matches!(Limits::new(date!(2026 - 07 - 01), dup), Err(RulesError::DuplicateId(_))));
        let limits =
            Limits::new(date!(2026 - 07 - 01), spec("a", 1, Length::days(1)).old_and_unverified().to_vec()).unwrap();
        let new = limits.get(1, Regime::New).unwrap();
        assert_eq!((new.id.as_str(), new.confidence, new.must_verify), ("new.a", Confidence::Unconfirmed, true));
        assert!(new.citation.starts_with("Luật THADS 106/2025") && new.citation.ends_with("giá trị theo c"));
        assert!(!limits.get(1, Regime::Old).unwrap().must_verify);
        let fixed = limits.with_length("new.a", Length::days(3), Confidence::Confirmed).unwrap();
        let new = fixed.get(1, Regime::New).unwrap();
        assert_eq!((new.length, new.must_verify), (Length::days(3), false));
        let back: Limits<u8> = serde_json::from_str(&serde_json::to_string(&fixed).unwrap()).unwrap();
        assert_eq!(back, fixed);
    }
}
