//! The statistics ledger: monthly deltas per series (a unit × one breakdown value), the money
//! moved on cases later deducted, the acceptance cohorts the store keeps itself, and which
//! rules the ledger was built with.

use std::sync::{Arc, OnceLock};

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

/// How many generations the ledger log keeps (schema 33): each bump deletes the rows older
/// than this many generations. A reader further behind reloads its engine whole.
pub const LEDGER_LOG_KEPT: i64 = 10_000;

/// One bump of the ledger generation as the ledger log keeps it (schema 33): the generation
/// the bump produced and what the transaction changed, an encoded `LedgerChange` of the month
/// engine (`thads_reports::change_codec`), or `None` when it did more than that (an import, a
/// rebuild, a reorganisation, a distribution of many cases…): a reader then reloads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedChange {
    pub generation: i64,
    pub change: Option<Vec<u8>>,
}

/// The generation a transaction's bump of the ledger produced, known once it committed
/// (`LedgerTx::touch_ledger_with`): a live engine applies its own write's change only if it
/// comes right after the generation it reflects, and otherwise follows the log in order.
#[derive(Debug, Clone, Default)]
pub struct LedgerTicket(Arc<OnceLock<i64>>);

impl LedgerTicket {
    /// `None` until the transaction committed (or when it did not, or when it also made a
    /// change logged as a reload: see `HeldLog::committed`).
    pub fn generation(&self) -> Option<i64> {
        self.0.get().copied()
    }

    /// Set by the backend once the transaction committed.
    pub fn settle(&self, generation: i64) {
        // Set once: a transaction commits once.
        let _ = self.0.set(generation);
    }
}

/// What a write transaction logs with its bump of the ledger generation, held by the
/// backends until commit: the generation moves once per transaction however often it is
/// touched, and its log row carries the changes handed with `touch_ledger_with` end to end
/// (the encoding concatenates), or nothing as soon as any touch came without one.
#[derive(Debug, Clone, Default)]
pub struct HeldLog {
    held: Held,
    ticket: LedgerTicket,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Held {
    /// Not touched: no bump, no row.
    #[default]
    Untouched,
    Change(Vec<u8>),
    Reload,
}

impl HeldLog {
    pub fn touch(&mut self) {
        self.held = Held::Reload;
    }

    pub fn touch_with(&mut self, change: &[u8]) -> LedgerTicket {
        match &mut self.held {
            Held::Untouched => self.held = Held::Change(change.to_vec()),
            Held::Change(held) => held.extend_from_slice(change),
            Held::Reload => {}
        }
        self.ticket.clone()
    }

    pub fn touched(&self) -> bool {
        self.held != Held::Untouched
    }

    /// The bytes of the log row (`None`: reload).
    pub fn change(&self) -> Option<&[u8]> {
        match &self.held {
            Held::Change(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The transaction committed its bump to `generation`. The tickets learn it only when the
    /// log row holds their changes: after a reload-kind touch the changes handed are not all
    /// the transaction did, and an engine must not take them for the whole of that generation.
    pub fn committed(&self, generation: i64) {
        if self.change().is_some() {
            self.ticket.settle(generation);
        }
    }
}

/// The ledger as of one moment, with the generation it is: read in one read transaction, so
/// that a commit of another process is either wholly in it or not at all (a live engine
/// loaded from it then follows the log from exactly that generation).
#[derive(Debug, Clone, Default)]
pub struct LedgerSnapshot {
    pub generation: i64,
    pub rows: Vec<LedgerRow>,
    pub deducted: Vec<DeductedRow>,
    pub cohorts: Vec<CohortCount>,
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
    /// The ledger log's rows of the generations in (`after`, `through`], in order. A row may
    /// be missing (pruned, or a bump from before schema 33): the reader then reloads.
    fn ledger_log(&self, after: i64, through: i64) -> StoreResult<Vec<LoggedChange>>;
    /// `ledger`, `deducted_moves`, `case_cohorts` and the generation, in one read transaction.
    fn ledger_snapshot(&self) -> StoreResult<LedgerSnapshot>;
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
    /// Bumps the ledger generation at commit (once per transaction, however often called),
    /// logging it as a change a reader cannot follow: caches reload.
    fn touch_ledger(&mut self) -> StoreResult<()>;
    /// Bumps the ledger generation at commit as `touch_ledger` does, logging `change` (an
    /// encoded `LedgerChange`, `thads_reports::change_codec`) as what this transaction did to
    /// the ledger, so that another process's engine follows it without a reload. Several
    /// changes of one transaction are logged end to end; any plain `touch_ledger` in the same
    /// transaction logs a reload instead.
    /// The ticket tells the generation the bump produced, once committed.
    fn touch_ledger_with(&mut self, change: &[u8]) -> StoreResult<LedgerTicket>;
}
