//! The in-memory statistics engine: per series, running totals over a time axis, so that any
//! report is a few binary searches per series, whatever the number of cases; kept live by
//! applying the deltas of each write.

use std::collections::HashMap;

use thads_core::ledger::{CaseDims, CaseLedger, Dim, MoveKind, SeriesKey};
use thads_core::rules::ClassificationRules;
use thads_core::{CaseId, UnitId, UnitTree};

use crate::cells::Tally;
use crate::deducted::{DeductedCell, DeductedIndex};
use crate::error::{ReportError, ReportResult};
use crate::input::{CohortRow, DeductedInput, LedgerChange, SeriesRow, case_cohort, case_deducted, case_rows};
use crate::timekey::{TimeKey, Window};
use crate::timeline::Timeline;

/// One series: its running totals and the money moved on its deducted cases.
#[derive(Debug, Clone)]
pub(crate) struct SeriesData<K> {
    pub(crate) key: SeriesKey,
    line: Timeline<K>,
    deducted: DeductedIndex<K>,
}

/// Cases of each unit by (accepted at, closed at), sorted, for the age of pending cases. A
/// sorted vector rather than a map: a report reads it end to end, an update touches one slot.
pub(crate) type Cohorts<K> = HashMap<UnitId, Vec<((K, Option<K>), i64)>>;

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
        Engine::build_kept(units, rules, Keep::All, rows, deducted)
    }

    /// As `build`, keeping only the series `keep` says: `Keep::Totals` (the origin series) is
    /// enough for a unit's report and its rows per unit, not for the breakdowns.
    pub fn build_kept(
        units: UnitTree,
        rules: ClassificationRules,
        keep: Keep,
        rows: impl IntoIterator<Item = SeriesRow<K>>,
        deducted: impl IntoIterator<Item = DeductedInput>,
    ) -> ReportResult<Engine<K>> {
        let rows: Vec<SeriesRow<K>> = rows.into_iter().filter(|r| keeps(keep, r.series.dim)).collect();
        // Sort small (series, key, index) triples, not the 240-byte rows themselves.
        let mut order: Vec<(SeriesKey, K, usize)> =
            rows.iter().enumerate().map(|(i, r)| (r.series, r.key, i)).collect();
        order.sort_unstable();
        let mut engine = Engine::empty(units, rules, keep);
        for run in order.chunk_by(|a, b| a.0 == b.0) {
            let key = run[0].0;
            let line = Timeline::from_sorted(run.iter().map(|(_, k, i)| (*k, rows[*i].measures)));
            let at = engine.series_index(key);
            engine.series[at].line = line.ok_or_else(|| overflow(key))?;
        }
        // Indexed in bulk: one sort per series rather than one insertion per move.
        let mut by_series: HashMap<usize, Vec<DeductedCell<K>>> = HashMap::new();
        for d in deducted {
            for series in d.dims.series().into_iter().filter(|s| keeps(keep, s.dim)) {
                let at = engine.series_index(series);
                by_series.entry(at).or_default().push(deducted_cell(&d, 1));
            }
            engine.deducted_cases.entry(d.case).or_default().push(d);
        }
        for (at, cells) in by_series {
            engine.series[at].deducted = DeductedIndex::from_unsorted(cells);
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
        Ok(Engine::build_kept(units, rules, keep, rows, deducted)?.with_cohorts(cohorts))
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
        self.series.push(SeriesData { key, line: Timeline::default(), deducted: DeductedIndex::default() });
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
        let (key, sums) = deducted_cell(d, sign);
        for series in d.dims.series() {
            if keeps(self.keep, series.dim) {
                let at = self.series_index(series);
                self.series[at].deducted.add(key, sums);
            }
        }
    }

    /// Adds the ledger totals of one series for a window to `acc`.
    pub(crate) fn tally_into(&self, at: usize, w: Window<K>, acc: &mut Tally) {
        let s = &self.series[at];
        if let Some(before) = s.line.before(w.start) {
            for (a, b) in acc.before.iter_mut().zip(before) {
                *a += i128::from(*b);
            }
        }
        if let Some(through) = s.line.through(w.end) {
            for (a, b) in acc.through.iter_mut().zip(through) {
                *a += i128::from(*b);
            }
        }
        let [collected, reduced] = s.deducted.within(w.start, w.end);
        acc.deducted_collected += collected;
        acc.deducted_reduced += reduced;
    }

    /// The series of a unit.
    pub(crate) fn unit_series(&self, unit: UnitId) -> &[usize] {
        self.by_unit.get(&unit).map_or(&[], Vec::as_slice)
    }
}

/// The index key and `[collected, reduced]` sums of one deducted move.
fn deducted_cell<K: TimeKey>(d: &DeductedInput, sign: i128) -> DeductedCell<K> {
    let key = (K::of_date(d.moved.closed_on), K::of_date(d.moved.moved_on));
    let amount = sign * i128::from(d.moved.amount.dong());
    let sums = if d.moved.kind == MoveKind::Reduced { [0, amount] } else { [amount, 0] };
    (key, sums)
}

fn keeps(keep: Keep, dim: Dim) -> bool {
    keep == Keep::All || matches!(dim, Dim::Origin(_))
}

fn add_cohort<K: TimeKey>(map: &mut Cohorts<K>, c: CohortRow<K>) {
    let unit = map.entry(c.unit).or_default();
    let key = (c.accepted, c.closed);
    match unit.binary_search_by(|(k, _)| k.cmp(&key)) {
        Ok(at) => {
            unit[at].1 += c.count;
            if unit[at].1 == 0 {
                unit.remove(at);
            }
        }
        Err(at) if c.count != 0 => unit.insert(at, (key, c.count)),
        Err(_) => {}
    }
}

fn overflow(key: SeriesKey) -> ReportError {
    ReportError::Overflow { series: format!("{key:?}") }
}
