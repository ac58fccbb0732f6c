//! Frozen reports (snapshots): a unit's figures for a period as they stood when it was saved,
//! with each case's place in them, and the high-water marks of the append-only history then
//! (last event, audit entry and case ids), so that what changed since is found by id.

use serde::Serialize;
use thads_core::{CaseId, UnitId};
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// The last event, audit entry and case ids when a snapshot was taken: what came after is
/// above them (ids only grow).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Marks {
    pub event: i64,
    pub audit: i64,
    pub case: i64,
}

impl Marks {
    /// Everything, now and later: the marks of the live figures.
    pub const LIVE: Marks = Marks { event: i64::MAX, audit: i64::MAX, case: i64::MAX };
}

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotKind {
    /// Frozen by closing a month.
    Closing,
    /// Saved by a person.
    Saved,
}

impl SnapshotKind {
    pub fn code(self) -> &'static str {
        match self {
            SnapshotKind::Closing => "closing",
            SnapshotKind::Saved => "saved",
        }
    }

    pub fn parse(code: &str) -> Option<SnapshotKind> {
        match code {
            "closing" => Some(SnapshotKind::Closing),
            "saved" => Some(SnapshotKind::Saved),
            _ => None,
        }
    }
}

/// A stored snapshot (without its cases).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotHead {
    pub id: i64,
    pub unit: UnitId,
    pub from: Date,
    pub to: Date,
    pub kind: SnapshotKind,
    pub taken_at: OffsetDateTime,
    pub taken_by: String,
    pub marks: Marks,
    /// Every figure of both forms, as JSON (`{"cases":{key:n},"money":{key:n}}`).
    pub figures: String,
    /// The report as the contract gives it (interchange §3), as JSON.
    pub report: String,
}

/// A snapshot to store.
#[derive(Debug, Clone)]
pub struct NewSnapshot<'a> {
    pub unit: UnitId,
    pub from: Date,
    pub to: Date,
    pub kind: SnapshotKind,
    pub taken_at: OffsetDateTime,
    pub taken_by: &'a str,
    pub figures: &'a str,
    pub report: &'a str,
}

/// Reading snapshots.
pub trait Snapshots {
    fn snapshot(&self, id: i64) -> StoreResult<Option<SnapshotHead>>;
    /// The snapshots of these units, newest first, at most `limit`.
    fn snapshots_of(&self, units: &[UnitId], limit: u32) -> StoreResult<Vec<SnapshotHead>>;
    /// Where each of `cases` stood in snapshot `id` (its cells, as JSON); a case absent did
    /// not count in it.
    fn snapshot_cases(&self, id: i64, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, String)>>;
    /// The cases with an event, an audit entry or their creation above `after` and up to
    /// `upto` (`Marks::LIVE`: up to now), each once, in id order.
    fn cases_changed_between(&self, after: Marks, upto: Marks) -> StoreResult<Vec<CaseId>>;
}

/// Storing snapshots, in a transaction.
pub trait SnapshotsTx {
    /// The marks as this transaction sees the history.
    fn history_marks(&mut self) -> StoreResult<Marks>;
    /// Stores a snapshot with its marks and its cases' cells; returns its id.
    fn insert_snapshot(&mut self, s: &NewSnapshot<'_>, marks: Marks, cases: &[(CaseId, String)]) -> StoreResult<i64>;
}
