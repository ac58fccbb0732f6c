//! Events: a case's history, the dated records appended to it (corrections and voids are new
//! records superseding old ones; nothing is updated or deleted), read one case at a time or
//! streamed for every case.

use thads_core::{Case, CaseId, Entry, EventId, EventRecord, UnitId};
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// The columns of `events`, in the order the backends read a record (with its case).
pub const EVENT_COLUMNS: &str = "id, case_id, date, code, amount, ground, supersedes, note, recorded_by, recorded_at";

/// The columns a new record is written with, in the order the backends bind them.
pub const EVENT_INSERT_COLUMNS: &str =
    "case_id, date, code, amount, ground, supersedes, note, recorded_by, recorded_at, batch_id";

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

/// Reading histories.
pub trait Events {
    /// Every record of a case's history, corrections included, in record order.
    fn records(&self, case: CaseId) -> StoreResult<Vec<EventRecord>>;
    /// Calls `visit` for each case matching `filter` with its records, in case-id order,
    /// without holding all of them in memory.
    fn scan_histories(
        &self,
        filter: &ScanFilter,
        visit: &mut dyn FnMut(CaseHistory) -> StoreResult<()>,
    ) -> StoreResult<()>;
}

/// Appending to histories, in a transaction.
pub trait EventsTx {
    /// Appends records (never updates or deletes); returns their ids in order.
    fn insert_events(&mut self, events: &[NewEvent]) -> StoreResult<Vec<EventId>>;
    /// Records of many cases (only cases that have any appear).
    fn records_of(&mut self, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, Vec<EventRecord>)>>;
}
