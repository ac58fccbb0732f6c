//! Reorganisations of units (issue 23): the dated operations, and each case's moves from unit
//! to unit with the operation that moved it.

use serde::{Deserialize, Serialize};
use thads_core::reorg::{CaseMove, OpKind, Operation, UnitChange, UnitState};
use thads_core::{CaseId, CaseNo, UnitId};
use time::{Date, OffsetDateTime};

use crate::{StoreError, StoreResult};

/// An operation to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReorgOperation {
    pub kind: OpKind,
    pub on: Date,
    pub changes: Vec<UnitChange>,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
    pub cases_moved: i64,
    pub staff_moved: i64,
}

/// How many rows of each register followed their case or their unit in an operation
/// (`ReorgTx::follow_cases`, `ReorgTx::follow_unit`); the per-register rule is the table in
/// ARCHITECTURE.md ("Reorganisations: the registers that follow").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followed {
    /// Complaints not yet resolved (with their case, or at the unit when they name none).
    pub complaints: i64,
    /// Exemption proposals whose effect is not yet applied.
    pub exemptions: i64,
    /// Coercion plans not yet over on the operation's day.
    pub coercion_plans: i64,
    /// Seized assets that answer for a moved case.
    pub assets: i64,
    /// Administrative judgments the closing unit monitored.
    pub admin_judgments: i64,
    /// Reception days on or after the operation's day.
    pub reception_days: i64,
    /// Active people of the staff registry.
    pub personnel: i64,
    /// Online requests not yet registered or refused (they keep their receipt number).
    pub requests: i64,
}

impl Followed {
    /// The sum of two counts, register by register.
    pub fn plus(self, o: Followed) -> Followed {
        Followed {
            complaints: self.complaints + o.complaints,
            exemptions: self.exemptions + o.exemptions,
            coercion_plans: self.coercion_plans + o.coercion_plans,
            assets: self.assets + o.assets,
            admin_judgments: self.admin_judgments + o.admin_judgments,
            reception_days: self.reception_days + o.reception_days,
            personnel: self.personnel + o.personnel,
            requests: self.requests + o.requests,
        }
    }
}

/// A recorded operation, with who recorded it and what it moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReorgRecord {
    pub operation: Operation,
    pub recorded_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
    pub cases_moved: i64,
    pub staff_moved: i64,
}

/// The stored form of an operation's changes (JSON).
pub fn changes_text(changes: &[UnitChange]) -> StoreResult<String> {
    serde_json::to_string(changes).map_err(StoreError::backend)
}

/// An operation's changes as stored.
pub fn changes_of(text: &str) -> StoreResult<Vec<UnitChange>> {
    serde_json::from_str(text).map_err(|_| StoreError::corrupt("reorg_operations.changes", "JSON"))
}

/// An operation's kind as stored.
pub fn reorg_kind_of(text: &str) -> StoreResult<OpKind> {
    OpKind::parse(text).ok_or_else(|| StoreError::corrupt("reorg_operations.kind", text))
}

/// Reading operations and moves.
pub trait Reorgs {
    /// Every operation, in the order of their dates (then of recording).
    fn reorg_operations(&self) -> StoreResult<Vec<ReorgRecord>>;
    /// Every case move, by case and date.
    fn case_moves(&self) -> StoreResult<Vec<CaseMove>>;
}

/// Writing operations, in a transaction.
pub trait ReorgTx {
    /// Every operation as this transaction sees them, in the order of their dates.
    fn reorg_operations_tx(&mut self) -> StoreResult<Vec<Operation>>;
    /// Records an operation; returns its id.
    fn insert_reorg_operation(&mut self, op: &NewReorgOperation) -> StoreResult<i64>;
    /// Sets a unit's name, parent, closing day and successor.
    fn set_unit_state(&mut self, unit: UnitId, state: &UnitState) -> StoreResult<()>;
    /// The cases at `unit`, with their numbers, locked for the move.
    fn cases_at(&mut self, unit: UnitId) -> StoreResult<Vec<(CaseId, CaseNo)>>;
    /// Records that each case (`case`, `from`, `to`) moved to its new unit on `on` by operation
    /// `op` (the case row itself is updated through `CasesTx::update_case`).
    fn record_case_moves(&mut self, op: i64, on: Date, moves: &[(CaseId, UnitId, UnitId)]) -> StoreResult<()>;
    /// Moves every case of `from` to `to` by operation `op` on `on`, set-based (a few
    /// statements whatever the number of cases): the case rows (their versions move on), a move
    /// recorded for each, their ledger series (added to `to`'s, figure by figure), their deducted
    /// moves and their deadlines; the histories stay as they were. Returns how many cases moved.
    /// A case number `to` already holds is refused (`Duplicate`), nothing moved.
    fn move_all_cases(&mut self, op: i64, on: Date, from: UnitId, to: UnitId) -> StoreResult<i64>;
    /// Moves the people (staff and their logins) of `from` to `to`; returns how many.
    fn move_staff(&mut self, from: UnitId, to: UnitId) -> StoreResult<i64>;
    /// The open registers of each moved case (`case`, `from`, `to`) follow it from `from` to
    /// `to`: unresolved complaints, unapplied exemption proposals, coercion plans not over on
    /// `on`, and the assets at `from` that answer for it (an asset answering for cases sent to
    /// several units goes with the first of them in `moves`). Closed rows stay where they were.
    fn follow_cases(&mut self, on: Date, moves: &[(CaseId, UnitId, UnitId)]) -> StoreResult<Followed>;
    /// The open registers of a closing unit that name no case follow it to `to`: unresolved
    /// complaints without a case, its administrative judgments, its reception days from `on`,
    /// its active people of the staff registry.
    fn follow_unit(&mut self, from: UnitId, to: UnitId, on: Date) -> StoreResult<Followed>;
    /// The moves of one case, by date.
    fn moves_of_case(&mut self, case: CaseId) -> StoreResult<Vec<CaseMove>>;
}
