//! The reception API (issue 20 item 2, interchange §9): `GET /api/v1/reception` (the book of a
//! unit's scope and period: figures, months a head fell short, sessions, schedule), `POST
//! /api/v1/reception/sessions` (a session held) and `POST /api/v1/reception/schedule` (a head's
//! day, or the reporting year planned once a month per head). Reading: `ViewComplaints` on the
//! unit; writing: `RecordComplaint` on the unit named in the body, asked before any other
//! field is read. Annotated for the OpenAPI document.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Serialize;
use serde_json::Value;
use thads_app::Actor;
use thads_app::reception::{plan_months, record_session, schedule_day};
use thads_core::access::Action;
use thads_core::dates::{MonthKey, format_iso};
use thads_core::reception::{Session, SessionKind};
use thads_core::{Staff, StaffId, Unit};
use thads_store::ScheduledDay;
use utoipa::{OpenApi, ToSchema};

use super::book::{self, Book};
use super::pages::heads_of;
use crate::accounts::{Allowed, User};
use crate::api::{self, ApiError, JsonBody};
use crate::complaints::period::PeriodQuery;
use crate::complaints::{ViewComplaints, bad, date_of};
use crate::error::WebError;
use crate::state::AppState;

/// The reception room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(show, record, schedule))]
pub struct ApiDoc;

/// The figures of the period.
#[derive(Serialize, ToSchema)]
pub struct ReceptionFigures {
    sessions: u64,
    /// periodic sessions (định kỳ)
    periodic: u64,
    /// ad hoc sessions (đột xuất)
    ad_hoc: u64,
    /// distinct days a head received in person
    head_days: u64,
    visitors: u64,
    /// letters registered from the sessions
    complaints: u64,
}

/// A month that has ended in which a head held fewer reception days than required.
#[derive(Serialize, ToSchema)]
pub struct ReceptionMissedMonth {
    /// the head's login
    head: String,
    head_name: String,
    unit: String,
    /// YYYY-MM
    month: String,
    days_held: u32,
    required: u8,
    citation: String,
}

/// A session held.
#[derive(Serialize, ToSchema)]
pub struct ReceptionSession {
    id: i64,
    #[schema(format = Date)]
    date: String,
    unit: String,
    /// the head's login; null when the reception staff received
    #[schema(required = true)]
    head: Option<String>,
    /// dinh_ky or dot_xuat
    kind: &'static str,
    visitors: u32,
    subject: String,
    result: String,
    /// the letters registered from it
    complaints: Vec<i64>,
}

/// A day a head is scheduled to receive citizens.
#[derive(Serialize, ToSchema)]
pub struct ReceptionDay {
    #[schema(format = Date)]
    date: String,
    unit: String,
    /// the head's login
    head: String,
    place: String,
}

/// The reception book of a unit's scope and period.
#[derive(Serialize, ToSchema)]
pub struct ReceptionBook {
    unit: String,
    #[schema(format = Date)]
    from: String,
    #[schema(format = Date)]
    to: String,
    figures: ReceptionFigures,
    missed: Vec<ReceptionMissedMonth>,
    sessions: Vec<ReceptionSession>,
    schedule: Vec<ReceptionDay>,
}

fn login_of(state: &AppState, id: StaffId) -> String {
    state.directory().staff.get(&id).map(|s| s.login.to_string()).unwrap_or_default()
}

fn json_of(state: &AppState, unit: &Unit, b: &Book) -> ReceptionBook {
    let directory = state.directory();
    let code = |u| directory.units.get(u).map(|x| x.code.to_string()).unwrap_or_default();
    let s = &b.figures.stats;
    ReceptionBook {
        unit: unit.code.to_string(),
        from: format_iso(b.asked.period.from()),
        to: format_iso(b.asked.period.to()),
        figures: ReceptionFigures {
            sessions: s.sessions,
            periodic: s.periodic,
            ad_hoc: s.ad_hoc,
            head_days: s.head_days,
            visitors: s.visitors,
            complaints: s.complaints,
        },
        missed: b
            .figures
            .missed
            .iter()
            .map(|m| ReceptionMissedMonth {
                head: login_of(state, m.staff),
                head_name: directory.staff_name(Some(m.staff)),
                unit: code(m.unit),
                month: format!("{}-{:02}", m.month.year(), m.month.month()),
                days_held: m.days_held,
                required: m.required,
                citation: m.citation.clone(),
            })
            .collect(),
        sessions: b
            .sessions
            .iter()
            .map(|r| ReceptionSession {
                id: r.id.0,
                date: format_iso(r.session.date),
                unit: code(r.session.unit),
                head: r.session.head.map(|h| login_of(state, h)),
                kind: r.session.kind.code(),
                visitors: r.session.visitors,
                subject: r.session.subject.clone(),
                result: r.session.result.clone(),
                complaints: r.session.complaints.iter().map(|c| c.0).collect(),
            })
            .collect(),
        schedule: b
            .schedule
            .iter()
            .map(|d| ReceptionDay {
                date: format_iso(d.date),
                unit: code(d.unit),
                head: login_of(state, d.head),
                place: d.place.clone(),
            })
            .collect(),
    }
}

/// The reception book of a unit's scope: figures, months a head fell short, sessions, schedule
#[utoipa::path(
    get,
    path = "/api/v1/reception",
    params(
        ("unit" = Option<String>, Query, description = "unit code (default: the caller's unit); its subtree"),
        PeriodQuery,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The book of the period", body = ReceptionBook),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    access: Allowed<ViewComplaints>,
    Query(p): Query<PeriodQuery>,
) -> Result<Json<ReceptionBook>, WebError> {
    let b = book::load(&state, &access.unit, &p).await?;
    Ok(Json(json_of(&state, &access.unit, &b)))
}

/// A text field of a JSON body: a string, a number written out, or empty for null/absent.
fn text(body: &Value, key: &str) -> Result<String, WebError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(_) => Err(WebError::BadRequest(format!("«{key}»: text, number or null expected"))),
    }
}

/// The unit named by the body's `unit`, which the caller must be allowed to record in.
fn recording_unit(state: &AppState, user: &User, body: &Value) -> Result<Unit, WebError> {
    if !body.is_object() {
        return Err(WebError::BadRequest("JSON object expected".into()));
    }
    let code = text(body, "unit")?.trim().to_ascii_uppercase();
    let unit = state
        .directory()
        .units
        .by_code(&code)
        .cloned()
        .ok_or_else(|| bad("unit", format!("mã đơn vị không có «{code}» / unknown unit code «{code}»")))?;
    user.may(state, Action::RecordComplaint { unit: unit.id })?;
    Ok(unit)
}

/// A head of the unit's scope by login; empty is none.
fn head_by_login<'a>(heads: &'a [Staff], login: &str) -> Result<Option<&'a Staff>, WebError> {
    match login.trim() {
        "" => Ok(None),
        l => heads
            .iter()
            .find(|h| h.login.as_str().eq_ignore_ascii_case(l))
            .map(Some)
            .ok_or_else(|| bad("head", "không phải thủ trưởng của đơn vị / not a head of this unit")),
    }
}

/// The body of `POST /api/v1/reception/sessions`.
#[derive(serde::Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct ReceptionSessionBody {
    /// the unit's code; the caller may record there (admin, head, clerk, inspector)
    unit: String,
    #[schema(format = Date)]
    date: String,
    /// the login of the head who received in person; null: the reception staff
    head: Option<String>,
    /// dinh_ky (periodic) or dot_xuat (ad hoc)
    kind: String,
    /// at least 1
    visitors: u32,
    subject: String,
    result: Option<String>,
}

/// Recorded.
#[derive(Serialize, ToSchema)]
pub struct ReceptionSessionRecorded {
    id: i64,
}

/// Record a reception session held
#[utoipa::path(
    post,
    path = "/api/v1/reception/sessions",
    request_body = ReceptionSessionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = ReceptionSessionRecorded),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, description = "A bad field, named by `field`", body = ApiError),
    )
)]
pub async fn record(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<ReceptionSessionRecorded>), WebError> {
    let id = state
        .blocking(move |s| {
            let unit = recording_unit(s, &user, &body)?;
            let heads = heads_of(s, &unit);
            let visitors = text(&body, "visitors")?;
            let session = Session {
                unit: unit.id,
                date: date_of("date", &text(&body, "date")?)?,
                head: head_by_login(&heads, &text(&body, "head")?)?.map(|h| h.id),
                kind: SessionKind::parse(text(&body, "kind")?.trim())
                    .ok_or_else(|| bad("kind", "dinh_ky, dot_xuat"))?,
                visitors: visitors.trim().parse().map_err(|_| bad("visitors", format!("«{}»", visitors.trim())))?,
                subject: text(&body, "subject")?,
                result: text(&body, "result")?,
                complaints: vec![],
            };
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            Ok(record_session(s.store.as_ref(), &actor, session)?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(ReceptionSessionRecorded { id: id.0 })))
}

/// The body of `POST /api/v1/reception/schedule`: a head's day (`head`, `date`) or, with
/// `plan_year`, a day each month of that reporting year for every head of the unit.
#[derive(serde::Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct ReceptionScheduleBody {
    unit: String,
    /// the head's login (a head of the unit or below)
    head: Option<String>,
    #[schema(format = Date)]
    date: Option<String>,
    /// plan the reporting year instead (the n-th working day from the 10th for the n-th head)
    plan_year: Option<i32>,
    place: Option<String>,
}

/// ReceptionScheduled.
#[derive(Serialize, ToSchema)]
pub struct ReceptionScheduled {
    /// the days added (a head's day already scheduled is left as it is when planning)
    added: usize,
}

/// Schedule a head's reception day, or plan the reporting year
#[utoipa::path(
    post,
    path = "/api/v1/reception/schedule",
    request_body = ReceptionScheduleBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "ReceptionScheduled", body = ReceptionScheduled),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, description = "A bad field, or the head already has that day", body = ApiError),
    )
)]
pub async fn schedule(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<ReceptionScheduled>), WebError> {
    let today = state.today();
    let added = state
        .blocking(move |s| {
            let unit = recording_unit(s, &user, &body)?;
            let heads = heads_of(s, &unit);
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            let place = text(&body, "place")?;
            let year = text(&body, "plan_year")?;
            if !year.trim().is_empty() {
                let asked = PeriodQuery { year, months: String::new() }
                    .asked(today)
                    .map_err(|_| bad("plan_year", "năm báo cáo / a reporting year"))?;
                let first = MonthKey::of(asked.year.first_day());
                let months: Vec<MonthKey> = (0..12).map(|i| MonthKey(first.0 + i)).collect();
                let own: Vec<Staff> = heads.iter().filter(|h| h.unit == unit.id).cloned().collect();
                return Ok(plan_months(s.store.as_ref(), &actor, unit.id, &own, &months, &place)?);
            }
            let head = head_by_login(&heads, &text(&body, "head")?)?
                .ok_or_else(|| bad("head", "chọn thủ trưởng / choose a head"))?;
            let day =
                ScheduledDay { unit: head.unit, head: head.id, date: date_of("date", &text(&body, "date")?)?, place };
            schedule_day(s.store.as_ref(), &actor, day)?;
            Ok(1)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(ReceptionScheduled { added })))
}
