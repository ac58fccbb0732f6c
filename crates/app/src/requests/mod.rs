//! Enforcement requests filed online (issue 21 item 3; domain §3.1, §3.11) as use cases: a
//! request received from the public form with its attachments, numbered in its unit's book of
//! the year and given its appointment date at once; then the front desk's steps — ask for a
//! supplement (with its time limit), register it, which takes the case in through the front
//! desk's intake (`cases::intake::take_in_then`) and links the request to it in the same
//! transaction, or refuse it with a reason. Every change is audited against the request's unit.
//!
//! Authorisation is the caller's, on the unit of the request as stored: a request's unit never
//! changes after it is filed.

mod steps;

pub use steps::{Registration, Step, apply_step, register};

use std::sync::Arc;

use serde_json::{Value, json};
use thads_core::calendar::WorkingCalendar;
use thads_core::dates::format_iso;
use thads_core::deadlines::Limits;
use thads_core::requests::{
    AttachmentError, AttachmentLimits, LimitKind, ReceiptNo, RequestForm, RequestId, check_attachment, default_limits,
};
use thads_core::{UnitKind, UnitTree};
use thads_store::{NewAudit, NewRequest, RequestRow, Store};
use time::{Date, OffsetDateTime};

use crate::deadlines::DeadlineSetup;
use crate::error::{AppError, AppResult};

/// Who the audit names for a request filed by the public.
pub const PUBLIC_ACTOR: &str = "cong-dan";

/// The time limits of requests and the working-day calendar in force (with the days the
/// administrator announced).
pub struct RequestSetup {
    pub limits: Limits<LimitKind>,
    deadlines: Arc<DeadlineSetup>,
}

impl RequestSetup {
    pub fn load(store: &dyn Store) -> AppResult<RequestSetup> {
        Ok(RequestSetup { limits: default_limits(), deadlines: DeadlineSetup::load(store)? })
    }

    pub fn calendar(&self) -> &WorkingCalendar {
        &self.deadlines.calendar
    }

    /// The last day of `kind` counted from `start`, if the law of that day sets one.
    pub fn due(&self, kind: LimitKind, start: Date) -> Option<Date> {
        self.limits.from(kind, start, self.calendar()).map(|d| d.due)
    }
}

/// A request as the public sends it: the form checked, its files as sent, the hash of the
/// follow-up code given to the requester.
#[derive(Debug, Clone)]
pub struct Filing {
    pub form: RequestForm,
    /// `(name, content)`.
    pub files: Vec<(String, Vec<u8>)>,
    pub code_hash: String,
}

/// What the requester is told at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filed {
    pub id: RequestId,
    pub number: ReceiptNo,
    pub appointment_on: Date,
}

/// Whether `unit` receives requests: a unit in office that takes cases (not the national body).
pub fn receives_requests(units: &UnitTree, unit: thads_core::UnitId, today: Date) -> bool {
    units.get(unit).is_some_and(|u| u.kind != UnitKind::National && u.valid_to.is_none_or(|to| to >= today))
}

/// Receives a request filed at `at`: its files checked by content and counted, its receipt
/// number taken, its appointment date computed, stored with its files and audited, in one
/// transaction.
pub fn submit(
    store: &dyn Store,
    at: OffsetDateTime,
    units: &UnitTree,
    filing: Filing,
    limits: &AttachmentLimits,
) -> AppResult<Filed> {
    let received_on = crate::clock::vietnam_date(at);
    let unit =
        units.get(filing.form.unit).filter(|_| receives_requests(units, filing.form.unit, received_on)).ok_or_else(
            || AppError::Field { field: "unit", message: "đơn vị không nhận đơn / unknown unit".into() },
        )?;
    let files =
        check_files(&filing.files, limits).map_err(|e| AppError::Field { field: "files", message: e.to_string() })?;
    let setup = RequestSetup::load(store)?;
    let appointment_on = setup
        .due(LimitKind::Decide, received_on)
        .ok_or_else(|| AppError::Invalid("không có thời hạn giải quyết / no time limit to decide".into()))?;
    let mut tx = store.begin()?;
    let seq = tx.take_request_number(unit.id, received_on.year())?;
    let number = ReceiptNo { unit_code: unit.code.to_string(), year: received_on.year(), seq };
    let request = NewRequest {
        number: number.clone(),
        code_hash: filing.code_hash,
        form: filing.form,
        received_at: at,
        received_on,
        appointment_on,
    };
    let id = tx.insert_request(&request)?;
    let mut names = Vec::new();
    for ((name, kind), (_, content)) in files.iter().zip(&filing.files) {
        tx.insert_request_attachment(id, name, *kind, content)?;
        names.push(json!({"name": name, "kind": kind.code(), "size": content.len()}));
    }
    let handled_by = request.form.unit;
    let mut after = view(&RequestRow { id, request, progress: thads_store::RequestProgress::received(), handled_by });
    after["attachments"] = Value::Array(names);
    let entry = NewAudit {
        at,
        actor: PUBLIC_ACTOR.into(),
        case: None,
        action: "request.submit".into(),
        before: None,
        after: Some(after.to_string()),
    };
    tx.insert_unit_audit(&entry, unit.id)?;
    tx.commit()?;
    Ok(Filed { id, number, appointment_on })
}

/// Every file checked, their count and total bounded.
fn check_files(
    files: &[(String, Vec<u8>)],
    limits: &AttachmentLimits,
) -> Result<Vec<(String, thads_core::requests::AttachmentKind)>, AttachmentError> {
    if files.len() > limits.max_files {
        return Err(AttachmentError::TooMany { max: limits.max_files });
    }
    let total: usize = files.iter().map(|(_, c)| c.len()).sum();
    if total > limits.max_bytes_total {
        return Err(AttachmentError::TotalTooLarge { max_mb: limits.max_bytes_total >> 20 });
    }
    files.iter().map(|(name, content)| check_attachment(name, content, limits)).collect()
}

/// What the audit keeps of a request (never its code's hash).
pub fn view(row: &RequestRow) -> Value {
    let r = &row.request;
    let f = &r.form;
    let p = &row.progress;
    json!({
        "id": row.id.0,
        "number": r.number.to_string(),
        "state": p.state.code(),
        "received_on": format_iso(r.received_on),
        "appointment_on": format_iso(r.appointment_on),
        "requester": f.requester.name,
        "id_number": f.requester.id_number.as_str(),
        "address": f.requester.address,
        "phone": f.requester.phone,
        "email": f.requester.email,
        "court": f.judgment.court,
        "judgment_no": f.judgment.number,
        "judgment_date": format_iso(f.judgment.date),
        "asked": f.asked,
        "debtor": f.debtor,
        "debtor_address": f.debtor_address,
        "supplement": p.supplement.as_ref().map(|s| json!({
            "asked_on": format_iso(s.asked_on), "due_on": format_iso(s.due_on), "what": s.what,
        })),
        "decided_on": p.decided_on.map(format_iso),
        "refusal": p.refusal,
        "case_id": p.case_id.map(|c| c.0),
    })
}

/// A refused request or step, naming the field it is about.
pub fn refused(e: thads_core::requests::RequestError) -> AppError {
    match e.field() {
        Some(field) => AppError::Field { field, message: e.to_string() },
        None => AppError::Invalid(e.to_string()),
    }
}

#[cfg(test)]
mod tests;
