//! Plain records that cross the storage boundary.

use serde::{Deserialize, Serialize};
use thads_core::dates::MonthKey;
use thads_core::ledger::{CaseDims, DeductedMove, Measures, SeriesKey};
use thads_core::percent::Percent;
use thads_core::{
    Case, CaseFacts, CaseId, Entry, EventId, EventRecord, Login, ReportingYear, Role, Snapshot, UnitCode, UnitId,
    UnitKind,
};
use time::{Date, OffsetDateTime};

/// A unit to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    pub code: UnitCode,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<UnitId>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub successor: Option<UnitId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    pub unit: UnitId,
    pub login: Login,
    pub full_name: String,
    pub role: Role,
}

/// A case to insert, with its current state (derived from its history by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub facts: CaseFacts,
    pub current: Snapshot,
    pub last_event_on: Option<Date>,
    pub event_count: u32,
    pub batch: Option<i64>,
}

/// New facts and derived state of an existing case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseUpdate {
    pub facts: CaseFacts,
    pub current: Snapshot,
    pub last_event_on: Option<Date>,
    pub event_count: u32,
}

/// A record to append to a case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub case: CaseId,
    pub entry: Entry,
    pub supersedes: Option<EventId>,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
    pub batch: Option<i64>,
}

/// A case with all its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseHistory {
    pub case: Case,
    pub records: Vec<EventRecord>,
}

/// Which cases a scan visits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanFilter {
    /// Only cases of these units (all when `None`).
    pub units: Option<Vec<UnitId>>,
    /// Only cases accepted on or before this day.
    pub accepted_to: Option<Date>,
}

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

/// Which rules the ledger was built with, and a counter bumped by every ledger change so
/// that in-memory copies know when to reload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LedgerState {
    pub generation: i64,
    pub rules_fingerprint: Option<String>,
}

/// A unit's yearly targets (chỉ tiêu), as completion rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub unit: UnitId,
    pub year: ReportingYear,
    pub cases: Percent,
    pub money: Percent,
}

/// A file being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportBatch {
    /// `units`, `cases`, `events` or `targets`.
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub rows: u64,
    pub imported_by: String,
    pub imported_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportBatch {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub rows: u64,
    pub imported_by: String,
    pub imported_at: OffsetDateTime,
}

/// One line of the audit trail: who, when, what, before and after (JSON texts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAudit {
    pub at: OffsetDateTime,
    pub actor: String,
    pub case: Option<CaseId>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor: String,
    pub case: Option<CaseId>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}
