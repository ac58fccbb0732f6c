//! The audit trail: who changed what, when, before and after; append-only. An entry names the
//! unit it concerns (schema 11: a person's, a target's; a case's entry has its case's unit), by
//! which the trail is filtered and scoped; an entry of no unit belongs to the whole installation.

use thads_core::{CaseId, UnitId};
use time::OffsetDateTime;

use crate::StoreResult;

/// What both backends select for an `AuditEntry`, in its order: the entry's unit is its own or
/// its case's.
pub const AUDIT_SELECT: &str = "select a.id, a.at, a.actor, a.case_id, a.action, a.before, a.after, \
     coalesce(a.unit_id, c.unit_id) from audit a left join cases c on c.id = a.case_id";

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
    /// The unit the entry concerns (its own, else its case's); `None`: the whole installation.
    pub unit: Option<UnitId>,
}

/// Which entries to read; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Entries of these units only; `None`: every entry, those of no unit too.
    pub units: Option<Vec<UnitId>>,
    pub case: Option<CaseId>,
    pub actor: Option<String>,
    /// An action code, exactly (`user.add`).
    pub action: Option<String>,
    /// At or after.
    pub from: Option<OffsetDateTime>,
    /// Before.
    pub until: Option<OffsetDateTime>,
    /// At most this many, newest first.
    pub limit: u32,
}

/// Reading the audit trail.
pub trait Audit {
    /// The audit trail of a case, oldest first.
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>>;
    /// The audit trail of an actor, newest first, at most `limit` entries.
    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>>;
    /// The entries `query` asks for, newest first.
    fn search_audit(&self, query: &AuditQuery) -> StoreResult<Vec<AuditEntry>>;
    /// The action codes the trail holds, sorted.
    fn audit_actions(&self) -> StoreResult<Vec<String>>;
}

/// Appending to the audit trail, in a transaction.
pub trait AuditTx {
    /// An entry of no unit but its case's (or of the whole installation).
    fn insert_audit(&mut self, entry: &NewAudit) -> StoreResult<()>;
    /// An entry concerning `unit` (a person of it, its target).
    fn insert_unit_audit(&mut self, entry: &NewAudit, unit: UnitId) -> StoreResult<()>;
}
