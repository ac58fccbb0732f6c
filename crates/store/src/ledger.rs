//! The statistics ledger: monthly deltas per series (a unit × one breakdown value), the money
//! moved on cases later deducted, the acceptance cohorts the store keeps itself, and which
//! rules the ledger was built with.

use serde::{Deserialize, Serialize};
use thads_core::dates::MonthKey;
use thads_core::ledger::{CaseDims, DeductedMove, Measures, SeriesKey};
use thads_core::{CaseId, UnitId};

use crate::StoreResult;

/// The columns of `deducted_moves`, in the order the backends read and write a `DeductedRow`.
pub const DEDUCTED_COLUMNS: &str =
    "case_id, unit_id, officer_id, origin, judgment_type, categories, closed_on, moved_on, kind, amount";

/// One month of one series of the statistics ledger: deltas, not running totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub series: SeriesKey,
    pub month: MonthKey,
    pub measures: Measures,
}

/// Money moved on a case that was later deducted, with the case's series dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeductedRow {
    pub case: CaseId,
    pub dims: CaseDims,
    pub moved: DeductedMove,
}

/// Cases of a unit accepted in one month and closed in another (`None`: still open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortCount {
    pub unit: UnitId,
    pub accepted: MonthKey,
    pub closed: Option<MonthKey>,
    pub count: i64,
}

impl CohortCount {
    /// A row of `case_cohorts` as both backends store it (schema 0004): the closing month of
    /// cases still open is below zero.
    pub fn stored(unit: i64, accepted: i32, closed: i32, count: i64) -> CohortCount {
        CohortCount {
            unit: UnitId(unit),
            accepted: MonthKey(accepted),
            closed: (closed >= 0).then_some(MonthKey(closed)),
            count,
        }
    }
}

/// Which rules the ledger was built with, and a counter bumped by every ledger change so
/// that in-memory copies know when to reload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LedgerState {
    pub generation: i64,
    pub rules_fingerprint: Option<String>,
}

/// Reading the ledger.
pub trait Ledger {
    /// Every ledger row (monthly deltas per series).
    fn ledger(&self) -> StoreResult<Vec<LedgerRow>>;
    /// The ledger rows of the origin series only (`Dim::Origin`): every unit's totals without
    /// the breakdowns, a small part of the ledger (`Keep::Totals` of the report engines).
    fn origin_ledger(&self) -> StoreResult<Vec<LedgerRow>>;
    fn deducted_moves(&self) -> StoreResult<Vec<DeductedRow>>;
    /// How many cases of each unit were accepted in each month and closed in each month (or
    /// are still open): the age of pending cases comes from these. Kept by the store itself.
    fn case_cohorts(&self) -> StoreResult<Vec<CohortCount>>;
    fn ledger_state(&self) -> StoreResult<LedgerState>;
}

/// Writing the ledger, in a transaction.
pub trait LedgerTx {
    /// Adds deltas to the ledger.
    fn apply_ledger(&mut self, rows: &[LedgerRow]) -> StoreResult<()>;
    /// Replaces the deducted moves of the given cases with `rows`.
    fn replace_deducted_moves(&mut self, cases: &[CaseId], rows: &[DeductedRow]) -> StoreResult<()>;
    /// Empties the ledger and deducted moves (before a rebuild).
    fn clear_ledger(&mut self) -> StoreResult<()>;
    /// Records which classification rules the ledger was built with; bumps its generation.
    fn set_ledger_rules(&mut self, fingerprint: &str) -> StoreResult<()>;
    /// Bumps the ledger generation so that caches reload.
    fn touch_ledger(&mut self) -> StoreResult<()>;
}
