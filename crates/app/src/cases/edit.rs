//! Changing a case's facts after its intake: an edit of its facts and details, or a
//! reassignment of its officer (phân công lại). Each is made on the version the person read
//! (optimistic concurrency, as for events), needs a reason, must leave the history replaying,
//! moves the case's ledger series (the officer and the categories are series) and is audited
//! with its reason and its changes field by field, in one transaction.

use serde_json::json;
use thads_core::case::{FieldChange, changes};
use thads_core::{CaseDetails, CaseFacts, CaseId, Rules, StaffId};
use thads_store::Store;

use super::record::{Changed, finish, locked_case, stored_records};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::history::{check, check_with};

/// The audit action of an edit of facts.
pub const EDIT: &str = "case.edit";
/// The audit action of a reassignment.
pub const REASSIGN: &str = "case.reassign";

/// New facts and details of a case, and why they change. The unit is the case's own: moving a
/// case to another unit is a transfer, not an edit.
#[derive(Debug, Clone)]
pub struct FactsEdit {
    pub facts: CaseFacts,
    pub details: CaseDetails,
    pub reason: String,
}

/// What an edit changed, besides the case itself.
#[derive(Debug, Clone)]
pub struct Edited {
    pub changed: Changed,
    pub changes: Vec<FieldChange>,
}

/// Edits the facts of case `id` whose version the person read as `expected_version`.
pub fn edit_facts(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    id: CaseId,
    expected_version: i64,
    edit: FactsEdit,
) -> AppResult<Edited> {
    change(store, actor, rules, (id, expected_version), EDIT, |_, _| Ok((edit.facts, edit.details)), &edit.reason)
}

/// Assigns case `id` to `officer` (none: unassigned).
pub fn reassign(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    id: CaseId,
    expected_version: i64,
    officer: Option<StaffId>,
    reason: &str,
) -> AppResult<Edited> {
    let to = |facts: &CaseFacts, details: &CaseDetails| Ok((CaseFacts { officer, ..facts.clone() }, details.clone()));
    change(store, actor, rules, (id, expected_version), REASSIGN, to, reason)
}

fn change(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    (id, expected_version): (CaseId, i64),
    action: &str,
    new: impl FnOnce(&CaseFacts, &CaseDetails) -> AppResult<(CaseFacts, CaseDetails)>,
    reason: &str,
) -> AppResult<Edited> {
    let reason = required_reason(reason)?;
    let mut tx = store.begin()?;
    let case = locked_case(tx.as_mut(), id, expected_version)?;
    // Read after the case is locked at the version the person read: its details are those of
    // that version (every change of them moves the version).
    let old_details = store.case_details(id)?.unwrap_or_default();
    let (facts, details) = new(&case.facts, &old_details)?;
    if facts.unit != case.facts.unit {
        return Err(AppError::Field {
            field: "unit",
            message: "không đổi được đơn vị của việc / a case's unit cannot be edited".into(),
        });
    }
    if facts.accepted_on > actor.today() {
        return Err(AppError::Field {
            field: "accepted_on",
            message: "ngày thụ lý sau ngày hôm nay / accepted in the future".into(),
        });
    }
    details.check(&facts)?;
    let changes = changes::changes(Some((&case.facts, &old_details)), (&facts, &details));
    if changes.is_empty() {
        return Err(AppError::Field {
            field: "reason", message: "không có gì thay đổi / nothing changed".into()
        });
    }
    let stored = stored_records(tx.as_mut(), id)?;
    let before =
        check(&case.facts, &stored, actor.today(), rules).map_err(|fault| fault.stored(&case.facts.case_no))?;
    let after = check_with(&facts, &stored, &[], actor.today(), rules)?;
    tx.put_case_details(id, &details)?;
    let what = json!({
        "reason": reason,
        "changes": changes,
        "details_before": old_details,
        "details_after": details,
    });
    let changed = finish(tx, actor, &case, &facts, &before, &after, action, Some(what))?;
    Ok(Edited { changed, changes })
}

fn required_reason(reason: &str) -> AppResult<String> {
    let cleaned = thads_core::field::REASON
        .clean(reason)
        .map_err(|e| AppError::Field { field: "reason", message: e.to_string() })?;
    if cleaned.is_empty() {
        return Err(AppError::Field {
            field: "reason",
            message: "cần ghi lý do thay đổi / a reason for the change is required".into(),
        });
    }
    Ok(cleaned)
}
