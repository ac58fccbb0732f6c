//! What callers feed an engine: ledger rows, deducted moves and acceptance cohorts, either as
//! stored (monthly, from the store) or derived here from case ledgers (any time axis).

use thads_core::CaseId;
use thads_core::UnitId;
use thads_core::ledger::{CaseDims, CaseLedger, DeductedMove, Measures, SeriesKey, m};

use crate::timekey::TimeKey;

/// Deltas of one series at one time key (the store's `LedgerRow` on the month axis).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesRow<K> {
    pub series: SeriesKey,
    pub key: K,
    pub measures: Measures,
}

/// Money moved on a case later deducted (the store's `DeductedRow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeductedInput {
    pub case: CaseId,
    pub dims: CaseDims,
    pub moved: DeductedMove,
}

/// Cases of a unit accepted at `accepted` and closed at `closed` (`None`: still open), with a
/// count that is a delta like ledger rows. They give the age of pending cases (CEPEJ), which
/// the ledger's stocks cannot: a stock knows how many cases are open, not since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CohortRow<K> {
    pub unit: UnitId,
    pub accepted: K,
    pub closed: Option<K>,
    pub count: i64,
}

impl<K: Copy> CohortRow<K> {
    fn negated(self) -> CohortRow<K> {
        CohortRow { count: -self.count, ..self }
    }
}

/// One case's ledger as rows of every series it is counted in.
pub fn case_rows<K: TimeKey>(dims: &CaseDims, ledger: &CaseLedger) -> Vec<SeriesRow<K>> {
    let series = dims.series();
    let mut rows = Vec::with_capacity(series.len() * ledger.days.len());
    for (day, measures) in &ledger.days {
        for s in &series {
            rows.push(SeriesRow { series: *s, key: K::of_date(*day), measures: *measures });
        }
    }
    rows
}

/// The acceptance cohort of one case, read from its ledger: the day it added to
/// `ACCEPTED_COUNT` and the day it added to a `closed_count`.
pub fn case_cohort<K: TimeKey>(dims: &CaseDims, ledger: &CaseLedger) -> Option<CohortRow<K>> {
    let accepted = ledger.days.iter().find(|(_, ms)| ms.0[m::ACCEPTED_COUNT] > 0)?.0;
    let closed = ledger.days.iter().find(|(_, ms)| closed_here(ms)).map(|(day, _)| K::of_date(*day));
    Some(CohortRow { unit: dims.unit, accepted: K::of_date(accepted), closed, count: 1 })
}

fn closed_here(ms: &Measures) -> bool {
    thads_core::Closing::ALL.iter().any(|c| ms.0[m::closed_count(*c)] > 0)
}

/// The deducted moves of one case, with its dimensions.
pub fn case_deducted(case: CaseId, dims: &CaseDims, ledger: &CaseLedger) -> Vec<DeductedInput> {
    ledger.deducted_moves.iter().map(|moved| DeductedInput { case, dims: *dims, moved: *moved }).collect()
}

/// A change to apply to a live engine after a write: ledger deltas, the new deducted moves of
/// the cases touched (replacing their old ones) and cohort deltas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerChange<K> {
    pub rows: Vec<SeriesRow<K>>,
    pub deducted: Vec<(CaseId, Vec<DeductedInput>)>,
    pub cohorts: Vec<CohortRow<K>>,
}

impl<K> Default for LedgerChange<K> {
    fn default() -> Self {
        LedgerChange { rows: Vec::new(), deducted: Vec::new(), cohorts: Vec::new() }
    }
}

impl<K: TimeKey> LedgerChange<K> {
    /// The change of one case from its ledger `before` a write to its ledger `after` (either
    /// may be absent: a new or a deleted case). Dimensions may change too (reassigned officer).
    pub fn for_case(
        case: CaseId,
        before: Option<(&CaseDims, &CaseLedger)>,
        after: Option<(&CaseDims, &CaseLedger)>,
    ) -> LedgerChange<K> {
        let mut change = LedgerChange::default();
        if let Some((dims, ledger)) = before {
            change.rows.extend(
                case_rows::<K>(dims, ledger).into_iter().map(|r| SeriesRow { measures: negate(&r.measures), ..r }),
            );
            change.cohorts.extend(case_cohort::<K>(dims, ledger).map(CohortRow::negated));
        }
        let mut deducted = Vec::new();
        if let Some((dims, ledger)) = after {
            change.rows.extend(case_rows::<K>(dims, ledger));
            change.cohorts.extend(case_cohort::<K>(dims, ledger));
            deducted = case_deducted(case, dims, ledger);
        }
        change.deducted.push((case, deducted));
        change
    }

    /// Appends another change.
    pub fn extend(&mut self, other: LedgerChange<K>) {
        self.rows.extend(other.rows);
        self.deducted.extend(other.deducted);
        self.cohorts.extend(other.cohorts);
    }
}

fn negate(measures: &Measures) -> Measures {
    let mut out = *measures;
    for v in out.0.iter_mut() {
        *v = v.saturating_neg();
    }
    out
}
