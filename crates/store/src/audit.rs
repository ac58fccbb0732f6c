//! The audit trail: who changed what, when, before and after; append-only.

use thads_core::CaseId;
use time::OffsetDateTime;

use crate::StoreResult;

/// The columns of `audit`, in the order the backends read an `AuditEntry`.
pub const AUDIT_COLUMNS: &str = "id, at, actor, case_id, action, before, after";

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

/// Reading the audit trail.
pub trait Audit {
    /// The audit trail of a case, oldest first.
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>>;
    /// The audit trail of an actor, newest first, at most `limit` entries.
    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>>;
}

/// Appending to the audit trail, in a transaction.
pub trait AuditTx {
    fn insert_audit(&mut self, entry: &NewAudit) -> StoreResult<()>;
}
