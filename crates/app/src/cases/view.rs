//! A case as people read it: its facts and details, unit and officer, and every record of its
//! history with what it did (the state and balance after it) or why it no longer counts.

use serde::Serialize;
use thads_core::{Case, CaseDetails, CaseId, CaseNo, EventId, EventRecord, Rules, Staff, Step, Unit, UnitCode};
use thads_store::Store;
use time::Date;

use crate::error::{AppError, AppResult};
use crate::history::check;

#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    pub case: Case,
    /// Identity numbers, addresses, the judgment and the request (empty when it has none).
    pub details: CaseDetails,
    pub unit: Unit,
    pub officer: Option<Staff>,
    pub records: Vec<RecordView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub record: EventRecord,
    pub status: RecordStatus,
}

/// Whether a record is part of the effective history.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum RecordStatus {
    /// Counts; the step it made.
    Effective { step: Step },
    /// Replaced by a later record.
    Superseded { by: EventId },
    /// A cancellation of another record.
    Void { of: Option<EventId> },
}

/// Finds a case by unit code and decision number.
pub fn find_case(store: &dyn Store, unit: &str, case_no: &str) -> AppResult<(Unit, Case)> {
    let code = UnitCode::new(unit).map_err(|e| AppError::Invalid(e.to_string()))?;
    let unit = store
        .units()?
        .into_iter()
        .find(|u| u.code == code)
        .ok_or_else(|| AppError::NotFound(format!("đơn vị / unit {code}")))?;
    let no = CaseNo::new(&thads_core::text::nfc(case_no)).map_err(|e| AppError::Invalid(e.to_string()))?;
    let case = store
        .case_by_no(unit.id, &no)?
        .ok_or_else(|| AppError::NotFound(format!("việc {no} của đơn vị {} / case", unit.code)))?;
    Ok((unit, case))
}

/// The full view of a case.
pub fn case_view(store: &dyn Store, id: CaseId, today: Date, rules: &Rules) -> AppResult<CaseView> {
    let case = store.case(id)?.ok_or_else(|| AppError::NotFound(format!("việc #{} / case", id.0)))?;
    let unit = store
        .units()?
        .into_iter()
        .find(|u| u.id == case.facts.unit)
        .ok_or_else(|| AppError::NotFound("đơn vị của việc / the case's unit".into()))?;
    let officer = match case.facts.officer {
        Some(o) => store.staff()?.into_iter().find(|s| s.id == o),
        None => None,
    };
    let records = store.records(id)?;
    let checked = check(&case.facts, &records, today, rules).map_err(|fault| fault.stored(&case.facts.case_no))?;
    let details = store.case_details(id)?.unwrap_or_default();
    Ok(CaseView { records: record_views(&records, &checked.steps), case, details, unit, officer })
}

fn record_views(records: &[EventRecord], steps: &[Step]) -> Vec<RecordView> {
    let effective = thads_core::event::effective_events(records);
    records
        .iter()
        .map(|r| {
            let superseded_by = records.iter().find(|later| later.supersedes == Some(r.id)).map(|l| l.id);
            let status = match (&r.entry, superseded_by) {
                (thads_core::Entry::Void, _) => RecordStatus::Void { of: r.supersedes },
                (_, Some(by)) => RecordStatus::Superseded { by },
                _ => match effective.iter().position(|(id, _)| *id == r.id).and_then(|i| steps.get(i)) {
                    Some(step) => RecordStatus::Effective { step: step.clone() },
                    None => RecordStatus::Void { of: None },
                },
            };
            RecordView { record: r.clone(), status }
        })
        .collect()
}
