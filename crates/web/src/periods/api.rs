//! The API of monthly closing: `GET /api/v1/periods?unit=` (the unit and its direct
//! subordinate units month by month), `POST /api/v1/periods/close?unit=` and
//! `POST /api/v1/periods/reopen?unit=` (the unit's head), annotated for the OpenAPI document.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thads_app::Actor;
use thads_app::periods::{overview, reopen};
use thads_core::periods::{month_code, parse_month};
use utoipa::{OpenApi, ToSchema};

use super::{ClosePeriod, MONTHS_SHOWN, close_now};
use crate::accounts::Allowed;
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::state::AppState;
use crate::stats::ViewReports;

/// The periods room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, close_month, reopen_month))]
pub struct ApiDoc;

/// A unit's months.
#[derive(Serialize, ToSchema)]
pub struct PeriodsJson {
    /// the unit asked for, then its direct subordinate units, by code
    pub units: Vec<UnitMonthsJson>,
}

#[derive(Serialize, ToSchema)]
pub struct UnitMonthsJson {
    pub unit: String,
    pub name: String,
    /// the last twelve months that ended, oldest first
    pub months: Vec<MonthJson>,
}

#[derive(Serialize, ToSchema)]
pub struct MonthJson {
    /// YYYY-MM
    pub month: String,
    /// `closed` (by the unit or a unit above it), `open` (not yet due), `late` (not closed after
    /// the 5th of the next month: `thads_core::periods::DueRule`, unconfirmed), `inactive` (the
    /// unit existed on no day of the month)
    pub status: String,
    /// the unit whose closing covers the month
    pub closed_by_unit: Option<String>,
    pub closed_by: Option<String>,
    /// the snapshot frozen when it closed
    pub snapshot: Option<i64>,
}

/// `{"month": "YYYY-MM"}`, with `reason` to reopen.
#[derive(Deserialize, ToSchema)]
pub struct MonthBody {
    pub month: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct ClosedJson {
    pub month: String,
    pub closing: i64,
    /// the snapshot of the month's report (`GET /api/v1/snapshots/{id}`)
    pub snapshot: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ReopenedJson {
    pub month: String,
    pub reopened_by: String,
    pub reason: String,
}

/// Which units closed which month, and which are late
#[utoipa::path(
    get,
    path = "/api/v1/periods",
    params(("unit" = Option<String>, Query, description = "unit code (default: the caller's unit)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unit and its direct subordinate units, month by month", body = PeriodsJson),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn list(State(state): State<AppState>, access: Allowed<ViewReports>) -> Result<Json<PeriodsJson>, WebError> {
    let (id, today) = (access.unit.id, state.today());
    let rows =
        state.blocking(move |s| Ok(overview(s.store.as_ref(), &s.directory().units, id, MONTHS_SHOWN, today)?)).await?;
    let directory = state.directory();
    let code = |u: thads_core::UnitId| directory.units.get(u).map(|x| x.code.to_string());
    let units = rows
        .into_iter()
        .map(|r| UnitMonthsJson {
            unit: r.code,
            name: r.name,
            months: r
                .months
                .into_iter()
                .map(|(m, status, c)| MonthJson {
                    month: month_code(m),
                    status: status.code().to_string(),
                    closed_by_unit: c.as_ref().and_then(|c| code(c.unit)),
                    closed_by: c.as_ref().map(|c| c.closed_by.clone()),
                    snapshot: c.and_then(|c| c.snapshot),
                })
                .collect(),
        })
        .collect();
    Ok(Json(PeriodsJson { units }))
}

/// Close a month of the unit (chốt số liệu); its report is frozen as a snapshot
#[utoipa::path(
    post,
    path = "/api/v1/periods/close",
    params(("unit" = Option<String>, Query, description = "unit code (default: the caller's unit); its head only")),
    request_body = MonthBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Closed", body = ClosedJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn close_month(
    State(state): State<AppState>,
    access: Allowed<ClosePeriod>,
    JsonBody(body): JsonBody<MonthBody>,
) -> Result<(StatusCode, Json<ClosedJson>), WebError> {
    let (login, unit) = (access.user.staff.login.to_string(), access.unit.id);
    let month = parse_month(body.month.trim()).map_err(|e| WebError::refused(e.to_string()))?;
    let closed = state.blocking(move |s| close_now(s, login, unit, month)).await?;
    let json = ClosedJson { month: month_code(month), closing: closed.closing, snapshot: closed.snapshot };
    Ok((StatusCode::CREATED, Json(json)))
}

/// Reopen a closed month of the unit, with a reason (audited)
#[utoipa::path(
    post,
    path = "/api/v1/periods/reopen",
    params(("unit" = Option<String>, Query, description = "unit code (default: the caller's unit); its head only")),
    request_body = MonthBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Reopened", body = ReopenedJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn reopen_month(
    State(state): State<AppState>,
    access: Allowed<ClosePeriod>,
    JsonBody(body): JsonBody<MonthBody>,
) -> Result<Json<ReopenedJson>, WebError> {
    let (login, unit) = (access.user.staff.login.to_string(), access.unit.id);
    let month = parse_month(body.month.trim()).map_err(|e| WebError::refused(e.to_string()))?;
    let reason = body.reason;
    let done = state
        .blocking(move |s| Ok(reopen(s.store.as_ref(), &Actor { login, at: s.now() }, unit, month, &reason)?))
        .await?;
    Ok(Json(ReopenedJson {
        month: month_code(month),
        reopened_by: done.reopened_by.unwrap_or_default(),
        reason: done.reopen_reason.unwrap_or_default(),
    }))
}
