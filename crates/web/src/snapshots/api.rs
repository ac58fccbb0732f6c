//! The API of snapshots: `POST /api/v1/snapshots?unit=` saves the report of a reporting year's
//! cumulative months, `GET /api/v1/snapshots/{id}` gives it back as frozen, and
//! `GET /api/v1/snapshots/{id}/diff?against=live|ID` the figures that moved since, with the
//! records that moved them (the diff of `thads report diff`).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thads_app::snapshots::Diff;
use thads_core::ReportingYear;
use utoipa::{OpenApi, ToSchema};

use super::{AgainstParam, SaveSnapshot, diff_of, save_now, visible};
use crate::accounts::{Allowed, User};
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::state::AppState;

/// The snapshots room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(create, show, changes), components(schemas(DiffJson, ChangeJson, WhyJson)))]
pub struct ApiDoc;

/// `{"year": 2026, "months": 6}`: the reporting year's first `months` months (1–12, default 12).
#[derive(Deserialize, ToSchema)]
pub struct SnapshotBody {
    pub year: i32,
    #[serde(default = "twelve")]
    pub months: u8,
}

fn twelve() -> u8 {
    12
}

#[derive(Serialize, ToSchema)]
pub struct SavedJson {
    pub id: i64,
}

/// A snapshot as frozen.
#[derive(Serialize, ToSchema)]
pub struct SnapshotJson {
    pub id: i64,
    pub unit: String,
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// `closing` (frozen by closing a month) or `saved`
    pub kind: String,
    pub taken_by: String,
    /// every figure: `{"cases": {key: n}, "money": {key: n}}`
    #[schema(value_type = Object)]
    pub figures: Value,
    /// the report as `GET /api/v1/reports` gave it then
    #[schema(value_type = Object)]
    pub report: Value,
}

/// The diff: each figure that moved.
#[derive(ToSchema)]
#[schema(as = SnapshotDiff)]
#[allow(dead_code)]
pub struct DiffJson {
    changes: Vec<ChangeJson>,
}

/// One figure that moved, with the records that moved it.
#[derive(ToSchema)]
#[schema(as = SnapshotChange)]
#[allow(dead_code)]
pub struct ChangeJson {
    /// `cases` or `money`
    form: String,
    /// the column's key (interchange §3)
    key: String,
    before: i64,
    after: i64,
    cases: Vec<WhyJson>,
}

/// A record that moved a figure.
#[derive(ToSchema)]
#[schema(as = SnapshotCase)]
#[allow(dead_code)]
pub struct WhyJson {
    unit: String,
    case_no: String,
    /// `event #12 collected`, `void #13`, `case.update #40`, or `case` (added since)
    record: String,
    #[schema(format = Date)]
    effective: String,
    /// UTC, ISO 8601
    entered_at: Option<String>,
    entered_by: Option<String>,
}

/// Save a unit's report as a snapshot
#[utoipa::path(
    post,
    path = "/api/v1/snapshots",
    params(("unit" = Option<String>, Query, description = "unit code (default: the caller's unit); its subtree")),
    request_body = SnapshotBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Saved", body = SavedJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    access: Allowed<SaveSnapshot>,
    JsonBody(body): JsonBody<SnapshotBody>,
) -> Result<(StatusCode, Json<SavedJson>), WebError> {
    let period = ReportingYear::new(body.year)
        .and_then(|y| y.cumulative(body.months))
        .map_err(|e| WebError::refused(e.to_string()))?;
    let (login, unit) = (access.user.staff.login.to_string(), access.unit.id);
    let id = state.blocking(move |s| save_now(s, login, unit, period)).await?;
    Ok((StatusCode::CREATED, Json(SavedJson { id })))
}

/// A snapshot as it was frozen
#[utoipa::path(
    get,
    path = "/api/v1/snapshots/{id}",
    params(("id" = i64, Path, description = "the snapshot's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The snapshot", body = SnapshotJson),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
) -> Result<Json<SnapshotJson>, WebError> {
    let head = state.blocking(move |s| visible(s, &user, &id)).await?;
    let parse = |text: &str| serde_json::from_str::<Value>(text).map_err(WebError::internal);
    let unit = state.directory().units.get(head.unit).map(|u| u.code.to_string()).unwrap_or_default();
    Ok(Json(SnapshotJson {
        id: head.id,
        unit,
        from: thads_core::dates::format_iso(head.from),
        to: thads_core::dates::format_iso(head.to),
        kind: head.kind.code().to_string(),
        taken_by: head.taken_by.clone(),
        figures: parse(&head.figures)?,
        report: parse(&head.report)?,
    }))
}

/// The figures that moved since a snapshot, with the records that moved them
#[utoipa::path(
    get,
    path = "/api/v1/snapshots/{id}/diff",
    params(
        ("id" = i64, Path, description = "the snapshot's id"),
        ("against" = Option<String>, Query, description = "`live` (today's figures, the default) or another snapshot's id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The diff", body = DiffJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn changes(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    Query(p): Query<AgainstParam>,
) -> Result<Json<Diff>, WebError> {
    let diff = state
        .blocking(move |s| {
            let head = visible(s, &user, &id)?;
            diff_of(s, &user, &head, &p.against)
        })
        .await?;
    Ok(Json(diff))
}
