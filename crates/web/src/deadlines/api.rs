//! `GET /api/v1/deadlines?unit=&officer=&overdue=true&due_before=YYYY-MM-DD` (interchange §4):
//! the worklist of the caller's scope as `{"items": [{"case_id", "case_no", "unit", "officer",
//! "kind", "due", "overdue", "citation"}]}`, in the order asked (`sort`, `dir`; due date first
//! by default). Also takes `mine=true`, `due_from=` and `kind=`. Annotated for the OpenAPI
//! document and listed in `ApiDoc`.

use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use thads_app::deadlines::worklist;
use utoipa::{OpenApi, ToSchema};

use super::ViewDeadlines;
use super::params::WorkParams;
use crate::accounts::Allowed;
use crate::api;
use crate::error::WebError;
use crate::state::AppState;

/// The deadlines room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list))]
pub struct ApiDoc;

/// One deadline of one open case, listed once.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Deadline)]
pub struct DeadlineJson {
    case_id: i64,
    case_no: String,
    /// unit code
    unit: String,
    /// the assigned officer's login (null without one)
    #[schema(required = true)]
    officer: Option<String>,
    /// kind code, e.g. payout
    kind: &'static str,
    /// the last day to act
    #[schema(format = Date)]
    due: String,
    /// due before today
    overdue: bool,
    /// the legal basis of the time limit
    citation: String,
}

/// The worklist: exactly the contract's fields.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Deadlines)]
pub struct DeadlinesJson {
    items: Vec<DeadlineJson>,
}

/// Worklist: the deadlines of a unit's scope or of one officer, today
#[utoipa::path(
    get,
    path = "/api/v1/deadlines",
    params(WorkParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deadlines, each listed once", body = DeadlinesJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    access: Allowed<ViewDeadlines>,
    Query(p): Query<WorkParams>,
) -> Result<Json<DeadlinesJson>, WebError> {
    let asked = p.asked(&access.user, &access.unit, &state.directory())?;
    let today = state.today();
    let found = state
        .blocking(move |s| Ok(worklist(s.store.as_ref(), &asked.filter, asked.sort, asked.descending, today)?))
        .await?;
    // The contract lists the deadlines of cases; the monitoring steps of administrative
    // judgments the page shows are not cases (their own API: /api/v1/admin-judgments).
    let items = found
        .items
        .into_iter()
        .filter(|i| i.kind != thads_app::deadlines::ADMIN_JUDGMENT)
        .map(|i| DeadlineJson {
            case_id: i.case_id,
            case_no: i.case_no,
            unit: i.unit,
            officer: i.officer,
            kind: i.kind,
            due: thads_core::dates::format_iso(i.due),
            overdue: i.overdue,
            citation: i.rule,
        })
        .collect();
    Ok(Json(DeadlinesJson { items }))
}
