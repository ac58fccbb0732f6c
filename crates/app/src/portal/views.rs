//! Who opened a case's file: each staff view (case page, API, document, export) is one row
//! (`view_entries`), written many to one insert (`write_views`: the web server's view log
//! gathers them), read by the parties with the case's code.

use thads_core::{CaseId, Role, StaffId, UnitId};
use thads_store::{CaseViewEntry, Store};
use time::OffsetDateTime;

use crate::error::AppResult;

/// One view as the parties read it: when, from which unit, in which role (and by whom, which the
/// surface shows only if the agency chose to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub at: OffsetDateTime,
    pub unit: Option<UnitId>,
    pub role: String,
    pub staff: Option<StaffId>,
}

/// Writes views gathered from several readers (`view_entries`) in one write.
pub fn write_views(store: &dyn Store, views: &[CaseViewEntry]) -> AppResult<()> {
    Ok(store.log_case_views(views)?)
}

/// The rows that say `staff` (of `unit`, in `role`) opened `cases` through `via` at `at`.
pub fn view_entries(
    cases: &[CaseId],
    (staff, unit, role): (StaffId, UnitId, Role),
    via: &str,
    at: OffsetDateTime,
) -> Vec<CaseViewEntry> {
    cases
        .iter()
        .map(|case| CaseViewEntry {
            case: *case,
            at,
            unit: Some(unit),
            staff: Some(staff),
            role: role.code().to_string(),
            via: via.to_string(),
        })
        .collect()
}

/// The views of `case`, newest first (at most 500).
pub fn views_of(store: &dyn Store, case: CaseId) -> AppResult<Vec<View>> {
    Ok(store
        .case_views(case, 500)?
        .into_iter()
        .map(|v| View { at: v.at, unit: v.unit, role: v.role, staff: v.staff })
        .collect())
}
