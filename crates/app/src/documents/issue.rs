//! Issuing a document: the next number of the unit's register for its kind and year, and for
//! a decision that is an event of the case (postponement, suspension, resumption, termination,
//! delegation, lack of means) that event, recorded through `cases::record` in the same
//! transaction: both are kept, or neither. Cancelling a number keeps it used, with its reason.

use serde_json::json;
use thads_core::grounds::GroundRules;
use thads_core::{CaseId, Event, Ground, Rules};
use thads_documents::DocumentKind;
use thads_documents::{DocumentData, TemplateVersion};
use thads_store::{
    Cancellation, DocumentContent, DocumentId, IssuedDocument, NewAudit, NewIssuedDocument, Store, StoreError,
};
use time::Date;

use crate::actor::Actor;
use crate::cases::record::{NewRecord, record_in};
use crate::error::{AppError, AppResult};

/// Longest reason for cancelling a number.
pub const MAX_REASON_CHARS: usize = 500;

/// What the officer issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRequest {
    pub case: CaseId,
    /// The case's version the officer read (a decision changes the case).
    pub expected_version: i64,
    pub kind: DocumentKind,
    /// The document's date (and the event's).
    pub on: Date,
    /// The legal ground of a decision (`48.1.a`), one the rules know for its event.
    pub ground: Option<Ground>,
}

/// What issuing did.
#[derive(Debug, Clone)]
pub struct Issued {
    pub document: IssuedDocument,
    /// The case after the event the decision recorded, if it recorded one.
    pub changed: Option<crate::Changed>,
}

pub fn issue(store: &dyn Store, actor: &Actor, rules: &Rules, request: &IssueRequest) -> AppResult<Issued> {
    if request.on > actor.today() {
        return Err(AppError::Field {
            field: "on",
            message: format!(
                "ngày ban hành {} sau ngày hôm nay / a document cannot be issued in the future",
                thads_core::dates::format_vn(request.on)
            ),
        });
    }
    let event_code = super::event_of(request.kind);
    if let (Some(code), Some(ground)) = (event_code, &request.ground)
        && GroundRules::built_in().find(code, ground).is_none()
    {
        return Err(AppError::Field {
            field: "ground",
            message: format!("căn cứ «{ground}» không áp dụng cho {} / not a ground of this decision", code.label_vi()),
        });
    }
    // What the document says, read before the transaction from the case at the version the
    // officer read (checked below), completed with its number and event inside it.
    let prepared = prepare(store, request);
    let mut tx = store.begin()?;
    let case = tx
        .case_for_update(request.case)?
        .ok_or_else(|| AppError::NotFound(format!("việc #{} / case", request.case.0)))?;
    if case.version != request.expected_version {
        return Err(StoreError::Stale { case: case.facts.case_no }.into());
    }
    let mut document = tx.issue_document(&NewIssuedDocument {
        unit: case.facts.unit,
        kind: request.kind.code().to_string(),
        year: request.on.year(),
        symbol: super::symbol(request.kind).to_string(),
        case: Some(request.case),
        event: None,
        issued_on: request.on,
        issued_by: actor.login.clone(),
        issued_at: actor.at,
    })?;
    let changed = match event_code {
        Some(code) => {
            let event = Event { date: request.on, code, amount: None, ground: request.ground.clone() };
            let mut new = NewRecord::event(event);
            new.note = format!("{} số {}", request.kind.label(), document.number_and_symbol());
            let (changed, id) =
                record_in(tx.as_mut(), actor, rules, request.case, Some(request.expected_version), new)?;
            tx.set_document_event(document.id, id)?;
            document.event = Some(id);
            Some(changed)
        }
        None => None,
    };
    let stored = match prepared {
        Some((version, mut data)) => {
            let content = as_issued(&mut data, &document, request, event_code, &version)?;
            let stored = content.is_some();
            if let Some(content) = content {
                tx.insert_document_content(&DocumentContent { stored_at: actor.at, ..content })?;
            }
            stored
        }
        None => false,
    };
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(request.case),
        action: "document.issue".to_string(),
        before: None,
        after: Some(
            json!({
                "kind": document.kind,
                "number": document.number_and_symbol(),
                "year": document.year,
                "issued_on": thads_core::dates::format_iso(document.issued_on),
                "event": document.event.map(|e| e.0),
                "content_stored": stored,
            })
            .to_string(),
        ),
    })?;
    tx.commit()?;
    Ok(Issued { document, changed })
}

/// The template version's day and the case's data for the document, or `None` when the case
/// does not give every field (it is issued all the same, and printed later from the case).
fn prepare(store: &dyn Store, request: &IssueRequest) -> Option<(TemplateVersion, DocumentData)> {
    let set = super::template_set(store).ok()?;
    let version = set.version_for(request.kind, request.on).ok()?.clone();
    let (_, data) =
        super::case_document_data(store, request.case, request.kind, request.on, None, &super::Extras::default())
            .ok()?;
    Some((version, data))
}

/// The document filled as issued: its number and symbol, a decision's event (the request's
/// own day and ground), as JSON with the template version it came from. `None` when the
/// template cannot be filled from the case (a field it lacks).
fn as_issued(
    data: &mut DocumentData,
    document: &IssuedDocument,
    request: &IssueRequest,
    event: Option<thads_core::EventCode>,
    version: &TemplateVersion,
) -> AppResult<Option<DocumentContent>> {
    let set = |d: &mut DocumentData, name: &'static str, value: String| {
        d.text(name, value).map(|_| ()).map_err(|e| AppError::Field { field: name, message: e.to_string() })
    };
    set(data, "document_number", document.number.to_string())?;
    set(data, "document_symbol", document.symbol.clone())?;
    if let Some(code) = event {
        super::data::decision_fields(data, code, request.on, request.ground.as_ref())?;
    }
    let Ok(filled) = thads_documents::fill::fill(version.template(), data) else { return Ok(None) };
    let content = serde_json::to_string(&filled).map_err(|e| AppError::Invalid(e.to_string()))?;
    Ok(Some(DocumentContent {
        document: document.id,
        template_kind: request.kind.code().to_string(),
        template_from: version.effective_from(),
        content,
        stored_at: time::OffsetDateTime::UNIX_EPOCH,
    }))
}

/// Cancels a document's number (it stays used in the register), with its reason. The event a
/// decision recorded is not voided by this: voiding it is a correction of the case's history,
/// made there.
pub fn cancel(store: &dyn Store, actor: &Actor, id: DocumentId, reason: &str) -> AppResult<IssuedDocument> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS || reason.chars().any(char::is_control) {
        return Err(AppError::Field {
            field: "reason",
            message: format!("cần lý do hủy số (tối đa {MAX_REASON_CHARS} ký tự) / a reason is required"),
        });
    }
    let mut tx = store.begin()?;
    let cancelled =
        tx.cancel_document(id, &Cancellation { reason: reason.to_string(), by: actor.login.clone(), at: actor.at })?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: cancelled.case,
        action: "document.cancel".to_string(),
        before: None,
        after: Some(
            json!({ "number": cancelled.number_and_symbol(), "kind": cancelled.kind, "reason": reason }).to_string(),
        ),
    })?;
    tx.commit()?;
    Ok(cancelled)
}
