//! Time limits of steps outside a case's own history (money held in custody, the chain of a
//! seized asset): the same data as a case's `DeadlineRule` (citation, length in calendar days,
//! working days or months, legal regime, confidence, tracking) keyed by a kind of the caller's
//! own, in a table checked when built. What starts each clock is the caller's business (the
//! money and asset modules know their steps); this table only says how long it runs.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use super::rule::{Length, Regime, Tracking};
use super::rules::RulesError;
use crate::calendar::WorkingCalendar;
use crate::rules::Confidence;

/// A kind of time limit: a closed list with stable codes (stored by the store).
pub trait LimitKind: Copy + Eq + fmt::Debug + 'static {
    fn code(self) -> &'static str;
}

/// One time limit of one regime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRule<K> {
    /// Stable id, e.g. `old.asset.valuation_contract`.
    pub id: String,
    pub kind: K,
    pub regime: Regime,
    pub name_vi: String,
    pub name_en: String,
    pub citation: String,
    pub length: Length,
    pub confidence: Confidence,
    /// The spec marks the value "verify": an administrator must confirm or correct it.
    pub must_verify: bool,
    pub tracking: Tracking,
    /// Readings and assumptions, in plain words.
    pub note: String,
}

/// The time limits of one procedure, both regimes, and the day the new law takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StepRuleSet<K>", into = "StepRuleSet<K>")]
#[serde(bound(serialize = "K: LimitKind + Serialize", deserialize = "K: LimitKind + Deserialize<'de>"))]
pub struct StepRules<K> {
    new_law_from: Date,
    rules: Vec<StepRule<K>>,
}

/// The stored form of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRuleSet<K> {
    pub new_law_from: Date,
    pub rules: Vec<StepRule<K>>,
}

/// A time limit that started on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StepDeadline<'r, K> {
    pub kind: K,
    pub started_on: Date,
    /// The last day to act (or the last day of the period).
    pub due: Date,
    pub rule: &'r StepRule<K>,
}

impl<K> StepDeadline<'_, K> {
    /// The last day has passed on `day`.
    pub fn is_past_on(&self, day: Date) -> bool {
        day > self.due
    }
}

impl<K: LimitKind> StepRules<K> {
    /// Checks the table: ids are unique and a kind has at most one rule per regime.
    pub fn new(new_law_from: Date, rules: Vec<StepRule<K>>) -> Result<StepRules<K>, RulesError> {
        for (i, rule) in rules.iter().enumerate() {
            if let Some(twin) = rules[..i].iter().find(|r| r.id == rule.id) {
                return Err(RulesError::DuplicateId(twin.id.clone()));
            }
            if let Some(twin) = rules[..i].iter().find(|r| r.kind == rule.kind && r.regime == rule.regime) {
                return Err(RulesError::Ambiguous(twin.id.clone(), rule.id.clone()));
            }
        }
        Ok(StepRules { new_law_from, rules })
    }

    /// No limits at all: the safe answer when a built-in table fails its check (no alerts
    /// rather than wrong ones); tests keep the built-in tables valid.
    pub fn empty(new_law_from: Date) -> StepRules<K> {
        StepRules { new_law_from, rules: Vec::new() }
    }

    pub fn new_law_from(&self) -> Date {
        self.new_law_from
    }

    pub fn rules(&self) -> &[StepRule<K>] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&StepRule<K>> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn regime_on(&self, day: Date) -> Regime {
        Regime::on(day, self.new_law_from)
    }

    pub fn pick(&self, kind: K, regime: Regime) -> Option<&StepRule<K>> {
        self.rules.iter().find(|r| r.kind == kind && r.regime == regime)
    }

    /// The limit of `kind` whose clock starts on `start`, under the regime of that day
    /// (NĐ 152/2026 Điều 115); `None` when that regime has no such limit.
    pub fn starting(&self, kind: K, start: Date, calendar: &WorkingCalendar) -> Option<StepDeadline<'_, K>> {
        let rule = self.pick(kind, self.regime_on(start))?;
        Some(StepDeadline { kind, started_on: start, due: rule.length.end(start, calendar), rule })
    }

    /// An administrator's correction of a length (a "verify" cell filled from the official
    /// text): sets the length and the confidence, and clears the verification flag.
    pub fn with_length(self, id: &str, length: Length, confidence: Confidence) -> Result<StepRules<K>, RulesError> {
        let mut rules = self.rules;
        let rule = rules.iter_mut().find(|r| r.id == id).ok_or_else(|| RulesError::Unknown(id.to_string()))?;
        rule.length = length;
        rule.confidence = confidence;
        rule.must_verify = false;
        StepRules::new(self.new_law_from, rules)
    }
}

impl<K: LimitKind> TryFrom<StepRuleSet<K>> for StepRules<K> {
    type Error = RulesError;
    fn try_from(set: StepRuleSet<K>) -> Result<Self, Self::Error> {
        StepRules::new(set.new_law_from, set.rules)
    }
}

impl<K> From<StepRules<K>> for StepRuleSet<K> {
    fn from(value: StepRules<K>) -> Self {
        StepRuleSet { new_law_from: value.new_law_from, rules: value.rules }
    }
}

/// The parts of a built-in rule that vary, for compact tables.
#[derive(Debug, Clone, Copy)]
pub struct StepSpec<K> {
    pub id: &'static str,
    pub kind: K,
    pub names: (&'static str, &'static str),
    pub citation: &'static str,
    pub length: Length,
    pub confidence: Confidence,
    pub tracking: Tracking,
    pub note: &'static str,
}

impl<K> StepSpec<K> {
    /// The rule under `regime`; an unconfirmed value is one to verify.
    pub fn build(self, regime: Regime) -> StepRule<K> {
        StepRule {
            id: self.id.to_string(),
            kind: self.kind,
            regime,
            name_vi: self.names.0.to_string(),
            name_en: self.names.1.to_string(),
            citation: self.citation.to_string(),
            length: self.length,
            confidence: self.confidence,
            must_verify: self.confidence == Confidence::Unconfirmed,
            tracking: self.tracking,
            note: self.note.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::calendar::Announcements;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    enum Kind {
        Pay,
    }

    impl LimitKind for Kind {
        fn code(self) -> &'static str {
            "pay"
        }
    }

    fn spec(id: &'static str, length: Length) -> StepSpec<Kind> {
        StepSpec {
            id,
            kind: Kind::Pay,
            names: ("Trả", "Pay"),
            citation: "test",
            length,
            confidence: Confidence::Confirmed,
            tracking: Tracking::Tracked,
            note: "",
        }
    }

    fn table() -> StepRules<Kind> {
        let rules = vec![
            spec("old.pay", Length::days(10)).build(Regime::Old),
            spec("new.pay", Length::working_days(5)).build(Regime::New),
        ];
        StepRules::new(date!(2026 - 07 - 01), rules).unwrap()
    }

    #[test]
    fn the_day_a_clock_starts_picks_the_regime() {
        let calendar = WorkingCalendar::vietnam(Announcements::none()).unwrap();
        let t = table();
        // Friday 26/06/2026 + 10 days = Monday 06/07/2026.
        let old = t.starting(Kind::Pay, date!(2026 - 06 - 26), &calendar).unwrap();
        assert_eq!((old.rule.id.as_str(), old.due), ("old.pay", date!(2026 - 07 - 06)));
        // Friday 03/07/2026 + 5 working days = Friday 10/07/2026.
        let new = t.starting(Kind::Pay, date!(2026 - 07 - 03), &calendar).unwrap();
        assert_eq!((new.rule.id.as_str(), new.due), ("new.pay", date!(2026 - 07 - 10)));
        assert!(new.is_past_on(date!(2026 - 07 - 11)) && !new.is_past_on(date!(2026 - 07 - 10)));
    }

    #[test]
    fn tables_are_checked_and_corrected_by_id() {
        let twin = vec![spec("a", Length::days(1)).build(Regime::Old), spec("b", Length::days(2)).build(Regime::Old)];
        assert!(matches!(StepRules::new(date!(2026 - 07 - 01), twin), Err(RulesError::Ambiguous(..))));
        let dup = vec![spec("a", Length::days(1)).build(Regime::Old), spec("a", Length::days(2)).build(Regime::New)];
        assert!(matches!(StepRules::new(date!(2026 - 07 - 01), dup), Err(RulesError::DuplicateId(_))));
        let fixed = table().with_length("new.pay", Length::days(7), Confidence::Confirmed).unwrap();
        assert_eq!(fixed.get("new.pay").map(|r| r.length), Some(Length::days(7)));
        assert!(matches!(
            table().with_length("x", Length::days(7), Confidence::Confirmed),
            Err(RulesError::Unknown(_))
        ));
        let json = serde_json::to_string(&table()).unwrap();
        assert_eq!(serde_json::from_str::<StepRules<Kind>>(&json).unwrap(), table());
    }
}
