//! The in-memory statistics engine: per series, running totals over a time axis, so that any
//! report is a few binary searches per series, whatever the number of cases; kept live by
//! applying the deltas of each write.

use std::collections::{BTreeMap, HashMap};

use thads_core::ledger::{CaseDims, CaseLedger, Dim, MoveKind, SeriesKey};
use thads_core::rules::ClassificationRules;
use thads_core::{CaseId, UnitId, UnitTree};

use crate::cells::Tally;
use crate::error::{ReportError, ReportResult};
use crate::input::{CohortRow, DeductedInput, LedgerChange, SeriesRow, case_cohort, case_deducted, case_rows};
use crate::timekey::{TimeKey, Window};
use crate::timeline::Timeline;

/// One series: its running totals and the money moved on its deducted cases, summed by
/// (moved at, closed at) as `[collected, reduced]`.
#[derive(Debug, Clone)]
pub(crate) struct SeriesData<K> {
    pub(crate) key: SeriesKey,
    line: Timeline<K>,
    deducted: BTreeMap<(K, K), [i128; 2]>,
}

/// Cases of each unit by (accepted at, closed at), for the age of pending cases.
pub(crate) type Cohorts<K> = HashMap<UnitId, BTreeMap<(K, Option<K>), i64>>;

/// Which series an engine keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every series: totals and all breakdowns.
    All,
    /// Only the origin series, enough for a unit's totals (a smaller day engine).
    Totals,
}

/// The statistics of all units on one time axis: `Engine<MonthKey>` from the stored ledger
/// (month-aligned periods), `Engine<Date>` from case ledgers (any period).
#[derive(Debug, Clone)]
pub struct Engine<K> {
    pub(crate) units: UnitTree,
    pub(crate) rules: ClassificationRules,
    pub(crate) series: Vec<SeriesData<K>>,
    index: HashMap<SeriesKey, usize>,
    pub(crate) by_unit: HashMap<UnitId, Vec<usize>>,
    deducted_cases: HashMap<CaseId, Vec<DeductedInput>>,
    pub(crate) cohorts: Option<Cohorts<K>>,
    pub(crate) keep: Keep,
}

/// An engine on the month axis, built from the store's ledger rows.
pub type MonthEngine = Engine<thads_core::MonthKey>;
/// An engine on the day axis, built from case ledgers; answers any period.
pub type DayEngine = Engine<time::Date>;

impl<K: TimeKey> Engine<K> {
    /// An engine over ledger rows and deducted moves. `rules` must be the classification
    /// rules the ledger was built with (they decide which closings are deducted).
    pub fn build(
        units: UnitTree,
        rules: ClassificationRules,
        rows: impl IntoIterator<Item = SeriesRow<K>>,
        deducted: impl IntoIterator<Item = DeductedInput>,
    ) -> ReportResult<Engine<K>> {
        Engine::assemble(units, rules, Keep::All, rows, deducted)
    }

    fn assemble(
        units: UnitTree,
        rules: ClassificationRules,
        keep: Keep,
        rows: impl IntoIterator<Item = SeriesRow<K>>,
        deducted: impl IntoIterator<Item = DeductedInput>,
    ) -> ReportResult<Engine<K>> {
        let mut grouped: HashMap<SeriesKey, Vec<(K, thads_core::ledger::Measures)>> = HashMap::new();
        for row in rows.into_iter().filter(|r| keeps(keep, r.series.dim)) {
            grouped.entry(row.series).or_default().push((row.key, row.measures));
        }
        let mut engine = Engine::empty(units, rules, keep);
        let mut keys: Vec<SeriesKey> = grouped.keys().copied().collect();
        keys.sort();
        for key in keys {
            let mut deltas = grouped.remove(&key).unwrap_or_default();
            deltas.sort_by_key(|(k, _)| *k);
            let line = Timeline::from_sorted(deltas).ok_or_else(|| overflow(key))?;
            let at = engine.series_index(key);
            engine.series[at].line = line;
        }
        let mut by_case: HashMap<CaseId, Vec<DeductedInput>> = HashMap::new();
        for d in deducted {
            by_case.entry(d.case).or_default().push(d);
        }
        for (case, moves) in by_case {
            engine.replace_deducted(case, moves);
        }
        Ok(engine)
    }

    /// An engine over the ledgers of cases (`case_ledger` of each), with their cohorts.
    pub fn from_cases<'a>(
        units: UnitTree,
        rules: ClassificationRules,
        keep: Keep,
        cases: impl IntoIterator<Item = (CaseId, CaseDims, &'a CaseLedger)>,
    ) -> ReportResult<Engine<K>> {
        let mut rows = Vec::new();
        let mut deducted = Vec::new();
        let mut cohorts = Vec::new();
        for (case, dims, ledger) in cases {
            rows.extend(case_rows::<K>(&dims, ledger));
            deducted.extend(case_deducted(case, &dims, ledger));
            cohorts.extend(case_cohort::<K>(&dims, ledger));
        }
        Ok(Engine::assemble(units, rules, keep, rows, deducted)?.with_cohorts(cohorts))
    }

    /// Adds acceptance cohorts (for the age of pending cases); without them the age profile
    /// is not available.
    pub fn with_cohorts(mut self, cohorts: impl IntoIterator<Item = CohortRow<K>>) -> Engine<K> {
        let mut map = self.cohorts.take().unwrap_or_default();
        for c in cohorts {
            add_cohort(&mut map, c);
        }
        self.cohorts = Some(map);
        self
    }

    /// Applies the deltas of a write. On an overflow nothing of that row is applied and the
    /// error says which series; the caller should rebuild the engine from the store.
    pub fn apply(&mut self, change: &LedgerChange<K>) -> ReportResult<()> {
        for row in &change.rows {
            if !keeps(self.keep, row.series.dim) {
                continue;
            }
            let at = self.series_index(row.series);
            self.series[at].line.add(row.key, &row.measures).ok_or_else(|| overflow(row.series))?;
        }
        for (case, moves) in &change.deducted {
            self.replace_deducted(*case, moves.clone());
        }
        if let Some(map) = self.cohorts.as_mut() {
            for c in &change.cohorts {
                add_cohort(map, *c);
            }
        }
        Ok(())
    }

    pub fn units(&self) -> &UnitTree {
        &self.units
    }

    pub fn rules(&self) -> &ClassificationRules {
        &self.rules
    }

    /// Number of series and of time keys held (for sizing).
    pub fn size(&self) -> (usize, usize) {
        (self.series.len(), self.series.iter().map(|s| s.line.len()).sum())
    }

    fn empty(units: UnitTree, rules: ClassificationRules, keep: Keep) -> Engine<K> {
        Engine {
            units,
            rules,
            series: Vec::new(),
            index: HashMap::new(),
            by_unit: HashMap::new(),
            deducted_cases: HashMap::new(),
            cohorts: None,
            keep,
        }
    }

    fn series_index(&mut self, key: SeriesKey) -> usize {
        if let Some(at) = self.index.get(&key) {
            return *at;
        }
        let at = self.series.len();
        self.series.push(SeriesData { key, line: Timeline::default(), deducted: BTreeMap::new() });
        self.index.insert(key, at);
        self.by_unit.entry(key.unit).or_default().push(at);
        at
    }

    /// Replaces the deducted moves of one case (the store does the same on each write).
    fn replace_deducted(&mut self, case: CaseId, moves: Vec<DeductedInput>) {
        for old in self.deducted_cases.remove(&case).unwrap_or_default() {
            self.add_deducted(&old, -1);
        }
        for new in &moves {
            self.add_deducted(new, 1);
        }
        if !moves.is_empty() {
            self.deducted_cases.insert(case, moves);
        }
    }

    fn add_deducted(&mut self, d: &DeductedInput, sign: i128) {
        let key = (K::of_date(d.moved.moved_on), K::of_date(d.moved.closed_on));
        let slot = usize::from(d.moved.kind == MoveKind::Reduced);
        for series in d.dims.series() {
            if !keeps(self.keep, series.dim) {
                continue;
            }
            let at = self.series_index(series);
            let sums = self.series[at].deducted.entry(key).or_default();
            sums[slot] += sign * i128::from(d.moved.amount.dong());
            if *sums == [0, 0] {
                self.series[at].deducted.remove(&key);
            }
        }
    }

    /// The ledger totals of one series for a window.
    pub(crate) fn tally(&self, at: usize, w: Window<K>) -> Tally {
        let s = &self.series[at];
        let mut t = Tally::default();
        if let Some(before) = s.line.before(w.start) {
            for (a, b) in t.before.iter_mut().zip(before) {
                *a = i128::from(*b);
            }
        }
        if let Some(through) = s.line.through(w.end) {
            for (a, b) in t.through.iter_mut().zip(through) {
                *a = i128::from(*b);
            }
        }
        for ((moved, closed), [collected, reduced]) in &s.deducted {
            if *moved >= w.start && *closed <= w.end {
                t.deducted_collected += collected;
                t.deducted_reduced += reduced;
            }
        }
        t
    }

    /// The series of a unit.
    pub(crate) fn unit_series(&self, unit: UnitId) -> &[usize] {
        self.by_unit.get(&unit).map_or(&[], Vec::as_slice)
    }
}

fn keeps(keep: Keep, dim: Dim) -> bool {
    keep == Keep::All || matches!(dim, Dim::Origin(_))
}

fn add_cohort<K: TimeKey>(map: &mut Cohorts<K>, c: CohortRow<K>) {
    let unit = map.entry(c.unit).or_default();
    let n = unit.entry((c.accepted, c.closed)).or_default();
    *n += c.count;
    if *n == 0 {
        unit.remove(&(c.accepted, c.closed));
    }
}

fn overflow(key: SeriesKey) -> ReportError {
    ReportError::Overflow { series: format!("{key:?}") }
}
