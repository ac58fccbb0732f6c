//! The API of the register (interchange §4): `POST /api/v1/admin-judgments` registers a
//! judgment (`{"unit", "court", "judgment_no", "judgment_on", "body", "obligation"}`, and
//! optionally `received_on`, `body_received_on`, `point`, `body_level`) → `201 {"id"}`;
//! `POST /api/v1/admin-judgments/{id}/result` `{"date", "result": "completed"}` records that
//! the body complied; `GET /api/v1/reports/admin-judgments?unit=&year=` gives the figures of a
//! reporting year as published.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thads_app::Actor;
use thads_core::access::Action;
use thads_core::admin_judgments::{AdminJudgment, BodyLevel, Point, Step};
use thads_core::dates::parse_date;
use thads_core::{ReportingYear, Unit};
use time::Date;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::{JudgmentAccess, ViewRegisterReports};
use crate::accounts::{Allowed, User};
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::AppState;

/// The room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(create, result, report))]
pub struct ApiDoc;

/// A judgment to monitor.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = NewAdminJudgment)]
pub struct NewJudgmentJson {
    /// unit code
    unit: String,
    court: String,
    judgment_no: String,
    #[schema(format = Date)]
    judgment_on: String,
    /// the administrative body that must comply
    body: String,
    obligation: String,
    /// the day the agency received it (default: the judgment's day)
    #[schema(format = Date)]
    received_on: Option<String>,
    /// the day the body received it (starts its voluntary period)
    #[schema(format = Date)]
    body_received_on: Option<String>,
    /// Luật TTHC 2015 Điều 311 khoản 1: a, b, c, d, dd, e, g (default b)
    point: Option<String>,
    /// central, provincial or local (default local)
    body_level: Option<String>,
}

/// The id of the judgment registered.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AdminJudgmentCreated)]
pub struct CreatedJson {
    id: i64,
}

fn field(name: &'static str, message: String) -> WebError {
    WebError::Refused(Refusal::of_field(name, message))
}

fn date_field(name: &'static str, text: &str) -> Result<Date, WebError> {
    parse_date(text.trim()).map_err(|_| field(name, format!("ngày không hợp lệ «{text}» / not a date")))
}

fn unit_of(state: &AppState, code: &str) -> Result<Unit, WebError> {
    let code = code.trim().to_ascii_uppercase();
    state
        .directory()
        .units
        .by_code(&code)
        .cloned()
        .ok_or_else(|| field("unit", format!("mã đơn vị không có «{code}» / unknown unit code «{code}»")))
}

/// The judgment a form or body describes, in `unit`.
#[expect(clippy::too_many_arguments, reason = "the fields of one form, in its order")]
pub fn judgment_of(
    unit: &Unit,
    court: &str,
    judgment_no: &str,
    judgment_on: &str,
    body: &str,
    obligation: &str,
    received_on: Option<&str>,
    body_received_on: Option<&str>,
    point: Option<&str>,
    level: Option<&str>,
    today: Date,
) -> Result<AdminJudgment, WebError> {
    let optional =
        |name, t: Option<&str>| t.map(str::trim).filter(|t| !t.is_empty()).map(|t| date_field(name, t)).transpose();
    let point = match point.map(str::trim).filter(|p| !p.is_empty()) {
        None => Point::B,
        Some(p) => Point::parse(p)
            .ok_or_else(|| field("point", format!("điểm không hợp lệ «{p}» / not a point of Điều 311")))?,
    };
    let body_level = match level.map(str::trim).filter(|p| !p.is_empty()) {
        None => BodyLevel::Local,
        Some(l) => thads_store::body_level_of(l)
            .ok_or_else(|| field("body_level", format!("cấp không hợp lệ «{l}» / central, provincial or local")))?,
    };
    let judgment_on = date_field("judgment_on", judgment_on)?;
    // A judgment entered without its day of receipt is taken as received on its own day (at
    // the latest today): steps recorded since can be entered, and its voluntary period is not
    // counted later than it can have run [I].
    let received_on = optional("received_on", received_on)?.unwrap_or(judgment_on.min(today));
    Ok(AdminJudgment {
        unit: unit.id,
        court: court.to_string(),
        judgment_no: judgment_no.to_string(),
        judgment_on,
        received_on,
        body: body.to_string(),
        body_level,
        obligation: obligation.to_string(),
        point,
        body_received_on: optional("body_received_on", body_received_on)?,
    })
}

/// Register an administrative judgment to monitor
#[utoipa::path(
    post,
    path = "/api/v1/admin-judgments",
    request_body = NewJudgmentJson,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered", body = CreatedJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, response = api::Refused),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    JsonBody(b): JsonBody<NewJudgmentJson>,
) -> Result<(StatusCode, Json<CreatedJson>), WebError> {
    let unit = unit_of(&state, &b.unit)?;
    user.may(&state, Action::MonitorAdminJudgments { unit: unit.id })?;
    let judgment = judgment_of(
        &unit,
        &b.court,
        &b.judgment_no,
        &b.judgment_on,
        &b.body,
        &b.obligation,
        b.received_on.as_deref(),
        b.body_received_on.as_deref(),
        b.point.as_deref(),
        b.body_level.as_deref(),
        state.today(),
    )?;
    let actor = Actor { login: user.staff.login.to_string(), at: state.now() };
    let id =
        state.blocking(move |s| Ok(thads_app::admin_judgments::register(s.store.as_ref(), &actor, judgment)?)).await?;
    Ok((StatusCode::CREATED, Json(CreatedJson { id: id.0 })))
}

/// The result of monitoring.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = AdminJudgmentResult)]
pub struct ResultJson {
    #[schema(format = Date)]
    date: String,
    /// completed: the body has complied in full
    result: String,
}

/// The judgment after its result.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AdminJudgmentResultRecorded)]
pub struct RecordedJson {
    id: i64,
    result: &'static str,
    #[schema(format = Date)]
    date: String,
}

/// Record that the body complied (the monitoring ends)
#[utoipa::path(
    post,
    path = "/api/v1/admin-judgments/{id}/result",
    params(("id" = i64, Path, description = "judgment id")),
    request_body = ResultJson,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = RecordedJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn result(
    State(state): State<AppState>,
    access: JudgmentAccess,
    JsonBody(b): JsonBody<ResultJson>,
) -> Result<Json<RecordedJson>, WebError> {
    access.may_change(&state)?;
    if b.result.trim() != "completed" {
        return Err(field("result", format!("kết quả không hợp lệ «{}» / only «completed»", b.result)));
    }
    let date = date_field("date", &b.date)?;
    let id = access.judgment.id;
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    state
        .blocking(move |s| {
            let setup = thads_app::deadlines::DeadlineSetup::load(s.store.as_ref())?;
            let store = s.store.as_ref();
            Ok(thads_app::admin_judgments::record_step(store, &actor, &setup.calendar, id, Step::Completed, date, "")?)
        })
        .await?;
    Ok(Json(RecordedJson { id: id.0, result: "completed", date: thads_core::dates::format_iso(date) }))
}

/// `?unit=CODE&year=YYYY` (the reporting year: 01/10 of the year before to 30/09).
#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportParams {
    /// unit code (the caller's own by default)
    pub unit: Option<String>,
    /// reporting year (the current one by default)
    pub year: Option<i32>,
}

/// The figures as published.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = AdminJudgmentsReport)]
pub struct ReportJson {
    /// monitored at some time in the period
    tracked: u64,
    /// completed in the period
    completed: u64,
    /// still monitored at its end
    in_progress: u64,
}

/// Administrative judgments monitored: tracked, completed, still monitored
#[utoipa::path(
    get,
    path = "/api/v1/reports/admin-judgments",
    params(ReportParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures of the unit's scope for the reporting year", body = ReportJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    access: Allowed<ViewRegisterReports>,
    Query(q): Query<ReportParams>,
) -> Result<Json<ReportJson>, WebError> {
    let year = match q.year {
        Some(y) => ReportingYear::new(y).map_err(|e| WebError::BadRequest(e.to_string()))?,
        None => ReportingYear::containing(state.today()),
    };
    let period = year.cumulative(12).map_err(|e| WebError::BadRequest(e.to_string()))?;
    let scope: Vec<_> = state.directory().units.scope(access.unit.id).into_iter().collect();
    let s =
        state.blocking(move |st| Ok(thads_app::admin_judgments::stats_of(st.store.as_ref(), &scope, period)?)).await?;
    Ok(Json(ReportJson { tracked: s.tracked, completed: s.completed, in_progress: s.in_progress }))
}
