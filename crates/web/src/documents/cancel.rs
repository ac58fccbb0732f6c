//! Cancelling an issued document (issue 22 item 4): from the case page (a reason, then the
//! button beside the document) and through the API. The number stays used in the register with
//! its reason, the change is audited (`thads_app::documents::cancel`), and whoever cancels a
//! number is whoever may issue a document of its kind on the case (`may_issue`: a decision
//! that records an event, as recording it; any other document, as editing the case), asked
//! before the body is read. The event a cancelled decision recorded stays: voiding it is a
//! correction of the case's history, made there.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use thads_app::documents;
use thads_store::{DocumentId, IssuedDocument};
use utoipa::{OpenApi, ToSchema};

use super::{actor, may_issue};
use crate::accounts::{CaseAccess, CaseChange};
use crate::api;
use crate::chrome::Flash;
use crate::error::WebError;
use crate::redirect::see_other_saying;
use crate::state::AppState;
use thads_core::access::Action;

/// The cancellation's part of the documents room's OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(cancel_api))]
pub struct ApiDoc;

/// The form of the case page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CancelForm {
    /// The document's id (the register's row).
    #[serde(default)]
    pub document: String,
    #[serde(default)]
    pub reason: String,
}

/// Cancelling starts as editing the case (the route's rule), asked before the body is read.
fn may_edit(state: &AppState, access: &CaseAccess) -> Result<(), WebError> {
    let f = &access.case.facts;
    access.user.may(state, Action::EditCase { unit: f.unit, assigned: f.officer })
}

/// Cancels document `id` of the case: it must be the case's, and the reader must be allowed to
/// issue its kind there.
fn cancel_on(state: &AppState, access: &CaseAccess, id: i64, reason: &str) -> Result<IssuedDocument, WebError> {
    let document = state.store.issued_document(DocumentId(id))?.ok_or(WebError::NotFound)?;
    if document.case != Some(access.case.id) {
        return Err(WebError::NotFound);
    }
    let kind = documents::kind(&document.kind)?;
    may_issue(state, access, kind)?;
    Ok(documents::cancel(state.store.as_ref(), &actor(state, &access.user), document.id, reason)?)
}

/// `POST /cases/{id}/documents/cancel`: back to the case page at the document.
pub async fn cancel_page(
    State(state): State<AppState>,
    CaseChange { access, form }: CaseChange<CancelForm>,
) -> Result<Response, WebError> {
    may_edit(&state, &access)?;
    let id: i64 = form.document.trim().parse().map_err(|_| WebError::NotFound)?;
    let a = access.clone();
    let document = state.blocking(move |s| cancel_on(s, &a, id, &form.reason)).await?;
    Ok(see_other_saying(&format!("/cases/{}#document-{}", access.case.id.0, document.id.0), Flash::Saved))
}

/// Body of `POST /api/v1/cases/{id}/document-cancellations`.
#[derive(Deserialize, ToSchema)]
pub struct DocumentCancelBody {
    /// the issued document's id (`id` of the case's documents)
    document: i64,
    /// why the number is cancelled (required, at most 500 characters)
    reason: String,
}

/// A cancelled document: its number stays used.
#[derive(Serialize, ToSchema)]
pub struct CancelledJson {
    id: i64,
    kind: String,
    /// "46/QĐ-THADS"
    number: String,
    year: i32,
    reason: String,
    cancelled_by: String,
}

/// Cancel an issued document (its number stays used, with the reason)
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/document-cancellations",
    params(("id" = i64, Path, description = "the case's id")),
    request_body = DocumentCancelBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Cancelled; the number stays used", body = CancelledJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn cancel_api(
    State(state): State<AppState>,
    access: CaseAccess,
    body: axum::body::Bytes,
) -> Result<Json<CancelledJson>, WebError> {
    may_edit(&state, &access)?;
    let b: DocumentCancelBody = serde_json::from_slice(&body)
        .map_err(|e| WebError::BadRequest(format!("JSON không hợp lệ / invalid JSON: {e}")))?;
    let d = state.blocking(move |s| cancel_on(s, &access, b.document, &b.reason)).await?;
    let (reason, by) = d.cancelled.map(|c| (c.reason, c.by)).unwrap_or_default();
    Ok(Json(CancelledJson {
        id: d.id.0,
        number: format!("{}/{}", d.number, d.symbol),
        kind: d.kind,
        year: d.year,
        reason,
        cancelled_by: by,
    }))
}
