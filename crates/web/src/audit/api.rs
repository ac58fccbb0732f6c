//! The audit trail of a case through the API (issue 16's contract): `GET /api/v1/audit?case=ID`
//! → `{"items": [{"at", "actor", "action", "changes": [{"field", "before", "after"}]}]}`, oldest
//! first; `at` in RFC 3339, `actor` the login, `action` the stored code, each change a field's
//! path with its stored values (`null`: absent). Checked as the case's audit page: a case the
//! caller may not see is 404, one whose unit's audit they may not read is 403. The handler is
//! annotated for the OpenAPI document and listed in `ApiDoc`.

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thads_core::CaseId;
use thads_core::access::Action;
use thads_store::AuditEntry;
use time::{OffsetDateTime, UtcOffset};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::changes::changes;
use crate::accounts::User;
use crate::api;
use crate::error::WebError;
use crate::state::AppState;

/// The audit room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(of_case, super::chain::api))]
pub struct ApiDoc;

/// Query string of `/api/v1/audit`.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseParam {
    /// the case's id
    #[serde(default)]
    #[param(value_type = i64, required = true)]
    case: String,
}

/// One field that changed.
#[derive(Serialize, ToSchema)]
#[schema(as = AuditChange)]
pub struct ChangeJson {
    /// the field's path in the stored record, e.g. `facts.officer`, `state`
    field: String,
    /// the stored value before (null: absent)
    before: Value,
    /// the stored value after (null: absent)
    after: Value,
}

/// One entry of a case's audit trail.
#[derive(Serialize, ToSchema)]
#[schema(as = AuditItem)]
pub struct ItemJson {
    /// when, RFC 3339 in UTC
    at: String,
    /// who: a login, or the name of a process (`import`, the command line's operator)
    actor: String,
    /// the action's code: case.create, event.add, event.correct, event.void…
    action: String,
    changes: Vec<ChangeJson>,
}

/// A case's audit trail, oldest first.
#[derive(Serialize, ToSchema)]
#[schema(as = AuditTrail)]
pub struct AuditJson {
    items: Vec<ItemJson>,
}

/// `2025-10-20T09:00:00Z`.
pub fn rfc3339(at: OffsetDateTime) -> String {
    let t = at.to_offset(UtcOffset::UTC);
    let date = thads_core::dates::format_iso(t.date());
    format!("{date}T{:02}:{:02}:{:02}Z", t.hour(), t.minute(), t.second())
}

fn item(a: &AuditEntry) -> ItemJson {
    ItemJson {
        at: rfc3339(a.at),
        actor: a.actor.clone(),
        action: a.action.clone(),
        changes: changes(a.before.as_deref(), a.after.as_deref())
            .into_iter()
            .map(|c| ChangeJson {
                field: c.field,
                before: c.before.unwrap_or(Value::Null),
                after: c.after.unwrap_or(Value::Null),
            })
            .collect(),
    }
}

/// The audit trail of a case
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    params(CaseParam),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case's audit trail, oldest first", body = AuditJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn of_case(
    State(state): State<AppState>,
    user: User,
    Query(p): Query<CaseParam>,
) -> Result<Json<AuditJson>, WebError> {
    let id: i64 = p.case.trim().parse().map_err(|_| {
        WebError::BadRequest("cần tham số case là mã số của việc / the case parameter must be a case id".into())
    })?;
    let case = state.lookup(move |s| Ok(s.store.case(CaseId(id))?)).await?.ok_or(WebError::NotFound)?;
    user.may(&state, Action::ViewCase { unit: case.facts.unit }).map_err(|_| WebError::NotFound)?;
    user.may(&state, Action::ViewAudit { unit: case.facts.unit })?;
    let entries = state.blocking(move |s| Ok(s.store.audit_of_case(CaseId(id))?)).await?;
    Ok(Json(AuditJson { items: entries.iter().map(item).collect() }))
}
