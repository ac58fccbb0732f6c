//! The citizens' portal's records: the agency's key that lookup codes derive from, each case's
//! rotation of its code, and the log of staff views of a case (who opened my file).

use serde::Serialize;
use thads_core::{CaseId, StaffId, UnitId};
use time::OffsetDateTime;

use crate::StoreResult;

/// One staff view of a case: when, by whom (their unit and role at that moment) and through
/// what (`page`, `api`, `documents` (the documents page), `document` (a download), `export`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseViewEntry {
    pub case: CaseId,
    pub at: OffsetDateTime,
    pub unit: Option<UnitId>,
    pub staff: Option<StaffId>,
    /// The role's code (`officer`, `head`…).
    pub role: String,
    pub via: String,
}

/// Reading the portal's records, and logging views.
pub trait Portal {
    /// The agency's secret key (hex) from which every case's lookup code is derived, made at
    /// random by the schema's migration.
    fn portal_key(&self) -> StoreResult<String>;
    /// The nonce of a case's latest rotation of its code; `None`: never rotated.
    fn lookup_nonce(&self, case: CaseId) -> StoreResult<Option<String>>;
    /// Logs views in one statement, outside any transaction of the cases: a view changes
    /// nothing, so it is neither audited nor chained, and costs one insert.
    fn log_case_views(&self, views: &[CaseViewEntry]) -> StoreResult<()>;
    /// The views of a case, newest first, at most `limit`.
    fn case_views(&self, case: CaseId, limit: u32) -> StoreResult<Vec<CaseViewEntry>>;
}

/// Rotating a case's code, in a transaction (the caller audits it).
pub trait PortalTx {
    fn set_lookup_nonce(&mut self, case: CaseId, nonce: &str, at: OffsetDateTime, by: &str) -> StoreResult<()>;
}
