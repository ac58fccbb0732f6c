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
    /// the case; null for a step of an administrative judgment (see `admin_judgment_id`)
    #[schema(required = true)]
    case_id: Option<i64>,
    /// kind `admin_judgment` only: the judgment whose monitoring step is due
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_judgment_id: Option<i64>,
    /// the case's decision number, or the administrative judgment's number
    case_no: String,
    /// unit code
    unit: String,
    /// the assigned officer's login (null without one)
    #[schema(required = true)]
    officer: Option<String>,
    /// kind code, e.g. payout; `admin_judgment` (a monitoring step due from the agency) or
    /// `exemption` (a procuracy's protest window open on a court decision, or its effect to record)
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
    // As the page: the cases' deadlines, the agency's monitoring steps of administrative
    // judgments (kind `admin_judgment`: no case, the judgment's id and number instead) and the
    // exemption register's open protest windows and effects to record (kind `exemption`).
    let items = found
        .items
        .into_iter()
        .map(|i| {
            let judgment = i.kind == thads_app::deadlines::ADMIN_JUDGMENT;
            (i, judgment)
        })
        .map(|(i, judgment)| DeadlineJson {
            case_id: (!judgment).then_some(i.case_id),
            admin_judgment_id: judgment.then_some(i.case_id),
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
