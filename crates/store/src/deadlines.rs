//! The legal deadlines (issue 6): the rule lengths an administrator corrects, entered by hand
//! with their source, and the derived table of each open case's current deadlines, kept by the
//! application in the same transaction as every change to a case (schema 0003_calendar).

use thads_core::deadlines::{DeadlineKind, Length};
use thads_core::rules::Confidence;
use thads_core::{CaseId, CaseNo, StaffId, UnitId};
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// The columns of `deadlines`, in the order the backends read and write a `DeadlineRow`.
pub const DEADLINE_COLUMNS: &str = "case_id, unit_id, officer_id, case_no, kind, due, started_on, rule_id, until_due";

/// The columns of `deadline_rule_overrides`, in the order the backends read a `RuleOverride`.
pub const RULE_OVERRIDE_COLUMNS: &str = "rule_id, length, unit, confidence, source, set_by, set_at";

/// An administrator's correction of a built-in rule's length (a "verify" cell filled from the
/// official text), applied with `DeadlineRules::with_length`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOverride {
    /// The rule's stable id, e.g. `new.first_verification`.
    pub rule_id: String,
    pub length: Length,
    pub confidence: Confidence,
    /// The legal text the value comes from.
    pub source: String,
    pub set_by: String,
    pub set_at: OffsetDateTime,
}

/// One current deadline of an open case, as stored. Rows are computed from the case's whole
/// history (see `thads_app::deadlines`); whether a row is overdue depends on the day it is
/// read and is not stored: it is `due < on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRow {
    pub case: CaseId,
    pub unit: UnitId,
    pub officer: Option<StaffId>,
    pub case_no: CaseNo,
    pub kind: DeadlineKind,
    pub due: Date,
    pub started_on: Date,
    pub rule_id: String,
    /// A period that simply runs out or an act no event records: shown until its due date,
    /// never as overdue (`Tracking::UntilDue`).
    pub until_due: bool,
}

/// Which stored deadlines to read. Only rows visible on `on` are returned: a row that is shown
/// only until it is due disappears the day after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineQuery {
    pub on: Date,
    /// Only these units (all when `None`). The caller passes the reader's scope.
    pub units: Option<Vec<UnitId>>,
    pub case: Option<CaseId>,
    pub officer: Option<StaffId>,
    /// Only rows due on or after this day.
    pub due_from: Option<Date>,
    /// Only rows due on or before this day (`on` minus a day: the overdue ones).
    pub due_to: Option<Date>,
    /// At most this many rows, earliest due first.
    pub limit: Option<u32>,
}

impl DeadlineQuery {
    /// Every row visible on `on`.
    pub fn on(on: Date) -> DeadlineQuery {
        DeadlineQuery { on, units: None, case: None, officer: None, due_from: None, due_to: None, limit: None }
    }
}

/// Counts of the deadlines visible on a day, per unit and officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineTally {
    pub unit: UnitId,
    pub officer: Option<StaffId>,
    /// Due before the day.
    pub overdue: u64,
    /// Due from the day up to the `soon` day, both included.
    pub due_soon: u64,
    pub total: u64,
}

/// Reading deadlines and their rules.
pub trait Deadlines {
    /// Stored deadlines visible on `query.on`, earliest due first (then case, kind).
    fn deadlines(&self, query: &DeadlineQuery) -> StoreResult<Vec<DeadlineRow>>;
    /// Counts of the deadlines visible on `on` per unit and officer (only `units` if given).
    fn deadline_tallies(&self, units: Option<&[UnitId]>, on: Date, soon: Date) -> StoreResult<Vec<DeadlineTally>>;
    /// What the deadlines table was built with (`None` until it is first built).
    fn deadlines_stamp(&self) -> StoreResult<Option<String>>;
    /// The administrator's corrections of rule lengths, by rule id.
    fn rule_overrides(&self) -> StoreResult<Vec<RuleOverride>>;
}

/// Writing deadlines and their rules, in a transaction.
pub trait DeadlinesTx {
    /// Replaces the deadlines of the given cases with `rows` (which may name other cases too,
    /// e.g. new ones).
    fn replace_deadlines(&mut self, cases: &[CaseId], rows: &[DeadlineRow]) -> StoreResult<()>;
    /// Empties the deadlines table (before a rebuild).
    fn clear_deadlines(&mut self) -> StoreResult<()>;
    /// Records what the deadlines table was built with.
    fn set_deadlines_stamp(&mut self, stamp: &str) -> StoreResult<()>;
    /// The corrections of rule lengths, by rule id, as this transaction sees them.
    fn rule_overrides(&mut self) -> StoreResult<Vec<RuleOverride>>;
    /// Sets (or replaces) the override of a rule; returns the previous one.
    fn set_rule_override(&mut self, rule: &RuleOverride) -> StoreResult<Option<RuleOverride>>;
    /// Removes the override of a rule; returns it if there was one.
    fn delete_rule_override(&mut self, rule_id: &str) -> StoreResult<Option<RuleOverride>>;
}
