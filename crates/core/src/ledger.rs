//! The statistics ledger: what one case adds to the counts and amounts of the official forms,
//! as dated deltas. Summed over cases and prefix-summed over time, these answer any report
//! period in time independent of the number of cases (the reports crate does that).
//!
//! Stocks (open cases by bucket, what they still owe) change on event dates; flows (accepted,
//! closed, collected, reduced) are counted on their dates. A report of [from, to] reads stocks
//! on the day before `from` and on `to`, and flows between. One correction is not a difference of
//! two days: money moved within the period on a case that is deducted (delegated out, withdrawn…)
//! within the period belongs to the deducted column, so such moves are kept as `DeductedMove`s.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::amount::Vnd;
use crate::case::CaseBasis;
use crate::case::{CaseFacts, Category, JudgmentType, Origin};
use crate::dates::MonthKey;
use crate::event::EventCode;
use crate::lifecycle::{Step, opening};
use crate::rules::{Bucket, ClassificationRules, ClosingColumn};
use crate::staff::StaffId;
use crate::state::CaseState;
use crate::unit::UnitId;

/// Number of measures in a ledger row.
pub const MEASURES: usize = 28;

/// Index of each measure in a ledger row.
pub mod m {
    use crate::rules::Bucket;
    use crate::state::Closing;

    pub const ACCEPTED_COUNT: usize = 0;
    pub const ACCEPTED_AMOUNT: usize = 1;
    pub const COLLECTED: usize = 2;
    pub const REDUCED: usize = 3;

    /// Open cases in a bucket (stock).
    pub fn stock_count(b: Bucket) -> usize {
        4 + b.index()
    }
    /// What open cases in a bucket still owe (stock).
    pub fn stock_amount(b: Bucket) -> usize {
        9 + b.index()
    }
    /// Cases closed this way (flow).
    pub fn closed_count(c: Closing) -> usize {
        14 + c.index()
    }
    /// What those cases still owed when they closed (flow).
    pub fn closed_rest(c: Closing) -> usize {
        21 + c.index()
    }
}

/// A sum of one series and month that no longer fits the ledger's `i64` (9,2 × 10¹⁸ đ): the
/// change that caused it is refused rather than stored as a wrapped figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "tổng sổ thống kê của một đơn vị trong một tháng vượt quá 9,2 × 10¹⁸ đ / a unit's monthly ledger sum \
     exceeds 9.2 × 10¹⁸ đ"
)]
pub struct LedgerOverflow;

/// One row of measures: counts and whole đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Measures(#[serde(with = "serde_measures")] pub [i64; MEASURES]);

impl Default for Measures {
    fn default() -> Self {
        Measures([0; MEASURES])
    }
}

impl Measures {
    pub fn is_zero(&self) -> bool {
        self.0.iter().all(|v| *v == 0)
    }

    /// Adds `other`; a sum beyond an `i64` leaves `self` unchanged and is an error, never a
    /// wrapped figure.
    pub fn add(&mut self, other: &Measures) -> Result<(), LedgerOverflow> {
        self.combine(other, i64::checked_add)
    }

    /// Subtracts `other`, checked as `add` is.
    pub fn sub(&mut self, other: &Measures) -> Result<(), LedgerOverflow> {
        self.combine(other, i64::checked_sub)
    }

    fn combine(&mut self, other: &Measures, op: fn(i64, i64) -> Option<i64>) -> Result<(), LedgerOverflow> {
        let mut out = self.0;
        for (a, b) in out.iter_mut().zip(other.0.iter()) {
            *a = op(*a, *b).ok_or(LedgerOverflow)?;
        }
        self.0 = out;
        Ok(())
    }

    fn bump(&mut self, index: usize, by: i64) {
        self.0[index] += by;
    }
}

mod serde_measures {
    use super::MEASURES;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[i64; MEASURES], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[i64; MEASURES], D::Error> {
        let v: Vec<i64> = Vec::deserialize(d)?;
        v.try_into().map_err(|_| serde::de::Error::custom("wrong number of measures"))
    }
}

/// A breakdown a case is counted in, within its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Dim {
    /// Per enforcement officer (none = not assigned). The officers of a unit partition it.
    Officer(Option<StaffId>),
    /// Per origin. The two origins partition the unit: unit totals are their sum.
    Origin(Origin),
    Judgment(JudgmentType),
    /// Sub-series; a case may be in several or none.
    Category(Category),
}

/// A ledger series: one unit, one breakdown value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SeriesKey {
    pub unit: UnitId,
    pub dim: Dim,
}

impl SeriesKey {
    /// `(unit, kind, value)` for storage: kind 0 officer (value 0 = none), 1 origin,
    /// 2 judgment type, 3 category; values are the enum indexes.
    pub fn encode(self) -> (i64, i16, i64) {
        let (kind, value) = match self.dim {
            Dim::Officer(o) => (0, o.map_or(0, |s| s.0)),
            Dim::Origin(o) => (1, o.index() as i64),
            Dim::Judgment(j) => (2, j.index() as i64),
            Dim::Category(c) => (3, c.index() as i64),
        };
        (self.unit.0, kind, value)
    }

    pub fn decode(unit: i64, kind: i16, value: i64) -> Option<SeriesKey> {
        let at = |n: usize| usize::try_from(value).ok().filter(|v| *v < n);
        let dim = match kind {
            0 => Dim::Officer((value != 0).then_some(StaffId(value))),
            1 => Dim::Origin(Origin::ALL[at(2)?]),
            2 => Dim::Judgment(JudgmentType::ALL[at(9)?]),
            3 => Dim::Category(Category::ALL[at(4)?]),
            _ => return None,
        };
        Some(SeriesKey { unit: UnitId(unit), dim })
    }
}

/// What identifies the series a case is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseDims {
    pub unit: UnitId,
    pub officer: Option<StaffId>,
    pub origin: Origin,
    pub judgment_type: JudgmentType,
    pub categories: crate::case::Categories,
}

/// The ledger's view of a case's facts: here rather than in `case`, so that a case knows
/// nothing of the ledger that counts it.
impl CaseFacts {
    /// The ledger series the case is counted in.
    pub fn dims(&self) -> CaseDims {
        CaseDims {
            unit: self.unit,
            officer: self.officer,
            origin: self.origin,
            judgment_type: self.judgment_type,
            categories: self.categories,
        }
    }
}

impl CaseDims {
    pub fn series(&self) -> Vec<SeriesKey> {
        let key = |dim| SeriesKey { unit: self.unit, dim };
        let mut out = vec![
            key(Dim::Officer(self.officer)),
            key(Dim::Origin(self.origin)),
            key(Dim::Judgment(self.judgment_type)),
        ];
        out.extend(self.categories.iter().map(|c| key(Dim::Category(c))));
        out
    }
}

/// Collected or reduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    Collected,
    Reduced,
}

/// Money moved on a case that was later deducted (see the module note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeductedMove {
    pub closed_on: Date,
    pub moved_on: Date,
    pub kind: MoveKind,
    pub amount: Vnd,
}

/// Everything one case adds to the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseLedger {
    /// Deltas by day, in date order, no zero rows.
    pub days: Vec<(Date, Measures)>,
    pub deducted_moves: Vec<DeductedMove>,
}

impl CaseLedger {
    /// The same deltas summed by month.
    pub fn months(&self) -> Vec<(MonthKey, Measures)> {
        let mut by_month: BTreeMap<MonthKey, Measures> = BTreeMap::new();
        for (day, m) in &self.days {
            // Each measure of one case stays within its amount (an i64) in absolute value: a
            // stock entered is left with at most what was owed, collections never exceed it.
            let fits = by_month.entry(MonthKey::of(*day)).or_default().add(m);
            debug_assert!(fits.is_ok(), "one case's monthly sums fit an i64");
        }
        by_month.into_iter().filter(|(_, m)| !m.is_zero()).collect()
    }
}

/// The bucket of an open state under the rules; `None` once closed.
pub fn bucket_of(state: &CaseState, rules: &ClassificationRules) -> Option<Bucket> {
    match state {
        CaseState::Opened => Some(rules.unverified),
        CaseState::WithMeans => Some(Bucket::InProgress),
        CaseState::WithoutMeans => Some(Bucket::WithoutMeans),
        CaseState::Postponed(g) => Some(rules.postponed.bucket(g.as_ref())),
        CaseState::Suspended(g) => Some(rules.suspended.bucket(g.as_ref())),
        CaseState::Closed(_) => None,
    }
}

/// The ledger of one case from its replayed history (`lifecycle::replay`).
pub fn case_ledger(basis: &CaseBasis, steps: &[Step], rules: &ClassificationRules) -> CaseLedger {
    let mut days: BTreeMap<Date, Measures> = BTreeMap::new();
    let start = opening(basis);
    let mut bucket = bucket_of(&start.state, rules);
    let mut owed = start.outstanding.dong();
    {
        let d = days.entry(basis.accepted_on).or_default();
        d.bump(m::ACCEPTED_COUNT, 1);
        d.bump(m::ACCEPTED_AMOUNT, owed);
        if let Some(b) = bucket {
            d.bump(m::stock_count(b), 1);
            d.bump(m::stock_amount(b), owed);
        }
    }
    let mut moves = Vec::new();
    let mut deducted_on = None;
    for step in steps {
        let d = days.entry(step.date).or_default();
        match step.code {
            EventCode::Collected => d.bump(m::COLLECTED, step.moved.dong()),
            EventCode::Reduced => d.bump(m::REDUCED, step.moved.dong()),
            _ => {}
        }
        if !step.moved.is_zero() {
            let kind = if step.code == EventCode::Reduced { MoveKind::Reduced } else { MoveKind::Collected };
            moves.push((step.date, kind, step.moved));
        }
        if let CaseState::Closed(closing) = step.after.state {
            d.bump(m::closed_count(closing), 1);
            d.bump(m::closed_rest(closing), step.closed_rest.map_or(0, Vnd::dong));
            if rules.closing_column(closing) == ClosingColumn::Deducted {
                deducted_on = Some(step.date);
            }
        }
        let next_bucket = bucket_of(&step.after.state, rules);
        let next_owed = step.after.outstanding.dong();
        if (next_bucket, next_owed) != (bucket, owed) {
            if let Some(b) = bucket {
                d.bump(m::stock_count(b), -1);
                d.bump(m::stock_amount(b), -owed);
            }
            if let Some(b) = next_bucket {
                d.bump(m::stock_count(b), 1);
                d.bump(m::stock_amount(b), next_owed);
            }
        }
        bucket = next_bucket;
        owed = next_owed;
    }
    let deducted_moves = match deducted_on {
        Some(closed_on) => moves
            .into_iter()
            .map(|(moved_on, kind, amount)| DeductedMove { closed_on, moved_on, kind, amount })
            .collect(),
        None => Vec::new(),
    };
    CaseLedger { days: days.into_iter().filter(|(_, m)| !m.is_zero()).collect(), deducted_moves }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Event;
    use crate::lifecycle::replay;
    use crate::rules::LifecycleRules;
    use crate::state::Closing;
    use time::macros::date;

    fn ledger_of(amount: i64, events: &[(Date, EventCode, Option<i64>)]) -> CaseLedger {
        let basis = CaseBasis {
            accepted_on: date!(2025 - 01 - 10),
            origin: Origin::ChuDong,
            amount: Vnd::new(amount).unwrap(),
        };
        let events: Vec<Event> = events
            .iter()
            .map(|(d, c, a)| Event { date: *d, code: *c, amount: a.map(|x| Vnd::new(x).unwrap()), ground: None })
            .collect();
        let steps = replay(&basis, &events, date!(2026 - 11 - 22), &LifecycleRules::default()).unwrap();
        case_ledger(&basis, &steps, &ClassificationRules::default())
    }

    fn total(l: &CaseLedger) -> Measures {
        let mut t = Measures::default();
        for (_, m) in &l.days {
            t.add(m).unwrap();
        }
        t
    }

    #[test]
    fn sums_beyond_an_i64_are_refused_and_change_nothing() {
        let mut big = Measures::default();
        big.0[m::ACCEPTED_AMOUNT] = i64::MAX;
        big.0[m::ACCEPTED_COUNT] = 1;
        let mut sum = big;
        assert_eq!(sum.add(&big), Err(LedgerOverflow));
        assert_eq!(sum, big, "a refused sum leaves the row as it was");
        let mut low = Measures::default();
        low.0[m::ACCEPTED_AMOUNT] = -2;
        assert_eq!(low.sub(&big), Err(LedgerOverflow));
        assert!(sum.sub(&big).is_ok() && sum.is_zero());
    }

    #[test]
    fn an_open_case_leaves_one_stock_and_its_outstanding() {
        let l = ledger_of(
            1_000,
            &[
                (date!(2025 - 02 - 01), EventCode::NoMeans, None),
                (date!(2025 - 03 - 05), EventCode::Collected, Some(300)),
            ],
        );
        let t = total(&l);
        assert_eq!(t.0[m::ACCEPTED_COUNT], 1);
        assert_eq!(t.0[m::ACCEPTED_AMOUNT], 1_000);
        assert_eq!(t.0[m::stock_count(Bucket::WithoutMeans)], 1);
        assert_eq!(t.0[m::stock_count(Bucket::InProgress)], 0);
        assert_eq!(t.0[m::stock_amount(Bucket::WithoutMeans)], 700);
        assert_eq!(t.0[m::COLLECTED], 300);
        assert_eq!(l.months().len(), 3);
        assert!(l.deducted_moves.is_empty());
    }

    #[test]
    fn a_closed_case_leaves_no_stock() {
        let l = ledger_of(
            1_000,
            &[
                (date!(2025 - 02 - 01), EventCode::WithMeans, None),
                (date!(2025 - 03 - 05), EventCode::Collected, Some(300)),
                (date!(2025 - 04 - 05), EventCode::DelegatedOut, None),
            ],
        );
        let t = total(&l);
        for b in Bucket::ALL {
            assert_eq!((t.0[m::stock_count(b)], t.0[m::stock_amount(b)]), (0, 0));
        }
        assert_eq!(t.0[m::closed_count(Closing::DelegatedOut)], 1);
        assert_eq!(t.0[m::closed_rest(Closing::DelegatedOut)], 700);
        assert_eq!(l.deducted_moves.len(), 1);
        assert_eq!(l.deducted_moves[0].closed_on, date!(2025 - 04 - 05));
    }

    #[test]
    fn series_keys_round_trip() {
        let keys = [
            SeriesKey { unit: UnitId(7), dim: Dim::Officer(None) },
            SeriesKey { unit: UnitId(7), dim: Dim::Officer(Some(StaffId(42))) },
            SeriesKey { unit: UnitId(7), dim: Dim::Origin(Origin::TheoYeuCau) },
            SeriesKey { unit: UnitId(7), dim: Dim::Judgment(JudgmentType::Khac) },
            SeriesKey { unit: UnitId(7), dim: Dim::Category(Category::ThamNhung) },
        ];
        for k in keys {
            let (u, kind, v) = k.encode();
            assert_eq!(SeriesKey::decode(u, kind, v), Some(k));
        }
        assert_eq!(SeriesKey::decode(1, 1, 5), None);
    }
}
