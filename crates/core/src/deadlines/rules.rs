//! The set of time-limit rules in force: checked when built (unique ids, triggers that match
//! their kind, no two rules competing for the same case), then compiled into a lookup table so
//! that finding the rule of a case is one array read.

use serde::{Deserialize, Serialize};
use time::Date;

use super::rule::{DeadlineKind, DeadlineRule, Length, Regime};
use crate::case::Origin;
use crate::confidence::Confidence;
use crate::rules::LifecycleRules;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("mã quy tắc trùng / duplicate rule id «{0}»")]
    DuplicateId(String),
    #[error("quy tắc «{0}»: sự kiện bắt đầu không khớp loại thời hạn / trigger does not match the kind")]
    Trigger(String),
    #[error("quy tắc «{0}» và «{1}» cùng áp dụng cho một việc / both apply to the same cases")]
    Ambiguous(String, String),
    #[error("không có quy tắc «{0}» / no rule with this id")]
    Unknown(String),
}

/// Slots per kind: regime × origin × prisoner.
const SLOTS: usize = 8;

/// The rules and the day the new law takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RuleSet", into = "RuleSet")]
pub struct DeadlineRules {
    new_law_from: Date,
    rules: Vec<DeadlineRule>,
    /// `lookup[kind][slot]`: index into `rules`.
    lookup: Vec<[Option<u16>; SLOTS]>,
}

/// The stored form of the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    pub new_law_from: Date,
    pub rules: Vec<DeadlineRule>,
}

impl DeadlineRules {
    pub fn new(new_law_from: Date, rules: Vec<DeadlineRule>) -> Result<DeadlineRules, RulesError> {
        check_ids_and_triggers(&rules)?;
        let mut lookup = vec![[None; SLOTS]; DeadlineKind::ALL.len()];
        for kind in DeadlineKind::ALL {
            for (slot, entry) in lookup[kind.index()].iter_mut().enumerate() {
                *entry = best_rule(&rules, kind, slot)?;
            }
        }
        Ok(DeadlineRules { new_law_from, rules, lookup })
    }

    pub fn new_law_from(&self) -> Date {
        self.new_law_from
    }

    pub fn rules(&self) -> &[DeadlineRule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&DeadlineRule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// An administrator's correction of a length (a "verify" cell filled from the official
    /// text): sets the length and the confidence, and clears the verification flag.
    pub fn with_length(self, id: &str, length: Length, confidence: Confidence) -> Result<DeadlineRules, RulesError> {
        let mut rules = self.rules;
        let rule = rules.iter_mut().find(|r| r.id == id).ok_or_else(|| RulesError::Unknown(id.to_string()))?;
        rule.length = length;
        rule.confidence = confidence;
        rule.must_verify = false;
        DeadlineRules::new(self.new_law_from, rules)
    }

    /// The rule of `kind` for a case, under `regime`.
    pub fn pick(&self, kind: DeadlineKind, regime: Regime, origin: Origin, prisoner: bool) -> Option<&DeadlineRule> {
        let index = self.lookup[kind.index()][slot(regime, origin, prisoner)]?;
        self.rules.get(usize::from(index))
    }

    pub fn regime_on(&self, day: Date) -> Regime {
        Regime::on(day, self.new_law_from)
    }

    pub(crate) fn new_law_from_jd(&self) -> i32 {
        self.new_law_from.to_julian_day()
    }
}

impl Default for DeadlineRules {
    fn default() -> Self {
        let rules = super::table::default_rules();
        let new_law_from = LifecycleRules::default().new_law_from;
        // The built-in table is checked by a test; an error here would be a programming slip,
        // and an empty set is the safe answer (no alerts rather than wrong ones).
        DeadlineRules::new(new_law_from, rules).unwrap_or_else(|_| DeadlineRules {
            new_law_from,
            rules: Vec::new(),
            lookup: vec![[None; SLOTS]; DeadlineKind::ALL.len()],
        })
    }
}

impl TryFrom<RuleSet> for DeadlineRules {
    type Error = RulesError;
    fn try_from(set: RuleSet) -> Result<Self, Self::Error> {
        DeadlineRules::new(set.new_law_from, set.rules)
    }
}

impl From<DeadlineRules> for RuleSet {
    fn from(value: DeadlineRules) -> Self {
        RuleSet { new_law_from: value.new_law_from, rules: value.rules }
    }
}

fn slot(regime: Regime, origin: Origin, prisoner: bool) -> usize {
    regime.index() * 4 + origin.index() * 2 + usize::from(prisoner)
}

fn slot_parts(slot: usize) -> (Regime, Origin, bool) {
    (Regime::ALL[(slot / 4) % 2], Origin::ALL[(slot / 2) % 2], slot % 2 == 1)
}

fn check_ids_and_triggers(rules: &[DeadlineRule]) -> Result<(), RulesError> {
    for (i, rule) in rules.iter().enumerate() {
        if rules[..i].iter().any(|r| r.id == rule.id) {
            return Err(RulesError::DuplicateId(rule.id.clone()));
        }
        if rule.starts != rule.kind.trigger() {
            return Err(RulesError::Trigger(rule.id.clone()));
        }
    }
    Ok(())
}

/// The most specific rule for a slot; two equally specific rules are an error.
fn best_rule(rules: &[DeadlineRule], kind: DeadlineKind, slot: usize) -> Result<Option<u16>, RulesError> {
    let (regime, origin, prisoner) = slot_parts(slot);
    let matching: Vec<usize> = (0..rules.len())
        .filter(|&i| {
            let r = &rules[i];
            r.kind == kind && r.regime == regime && r.scope.matches(origin, prisoner)
        })
        .collect();
    let Some(top) = matching.iter().map(|&i| rules[i].scope.specificity()).max() else {
        return Ok(None);
    };
    let best: Vec<usize> = matching.into_iter().filter(|&i| rules[i].scope.specificity() == top).collect();
    if let [a, b, ..] = best[..] {
        return Err(RulesError::Ambiguous(rules[a].id.clone(), rules[b].id.clone()));
    }
    Ok(best.first().and_then(|&i| u16::try_from(i).ok()))
}
