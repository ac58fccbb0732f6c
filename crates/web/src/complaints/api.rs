//! The complaints API (issue 20 contract, interchange §9): `POST /api/v1/complaints` registers
//! a letter and answers its authority, its last day and the citation (a late letter too, with
//! `"late": true`); `POST /api/v1/complaints/{id}/resolution` records the decision or the
//! withdrawal; `GET /api/v1/complaints` lists a scope's letters; `GET /api/v1/reports/complaints`
//! gives the figures of a unit and period. Annotated for the OpenAPI document.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thads_app::Actor;
use thads_app::complaints::{ComplaintSetup, Step, apply_step, figures, letters_due, register};
use thads_core::access::Action;
use thads_core::complaints::{ComplaintId, Outcome, Resolution};
use thads_core::dates::format_iso;
use utoipa::{OpenApi, ToSchema};

use super::period::PeriodQuery;
use super::{LetterInput, ViewComplaints, ViewReports, bad, date_of, visible_letter};
use crate::accounts::{Allowed, User};
use crate::api::{self, ApiError, JsonBody};
use crate::error::WebError;
use crate::state::AppState;

/// The complaints room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(create, resolve, list, report))]
pub struct ApiDoc;

/// The body of `POST /api/v1/complaints`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct RegisterBody {
    /// the receiving unit's code; the caller may register letters there (admin, head, clerk, inspector)
    unit: String,
    #[schema(format = Date)]
    received_on: String,
    /// khieu_nai or to_cao
    kind: String,
    complainant: String,
    subject: String,
    /// the case it concerns
    #[schema(required = true)]
    case_id: Option<i64>,
    /// the day the decision was received or the act became known (a second complaint: the day
    /// the first decision was received); null: unknown, no lateness judged
    #[schema(required = true, format = Date)]
    act_on: Option<String>,
    /// truc_tiep (default), buu_chinh, truc_tuyen, chuyen_den
    channel: Option<String>,
    /// a complaint's object: truoc_bien_phap (default), phong_toa_tai_khoan, bao_dam_khac, cuong_che, sau_cuong_che
    object: Option<String>,
    /// lan_dau (default) or lan_hai
    level: Option<String>,
    /// who is complained of: officer (default) or head
    respondent_role: Option<String>,
    /// the unit code of the person complained of (default: the receiving unit)
    respondent_unit: Option<String>,
    /// stated by the officer instead of the authority table
    within_authority: Option<bool>,
    /// an earlier letter on the same matter: linked, not counted again
    same_matter_as: Option<i64>,
    /// a second-level complaint: the letter whose first decision it contests
    first_decision_of: Option<i64>,
    /// the reception session it was handed in at
    session_id: Option<i64>,
    /// days of objective obstacle not counted in the limitation period
    obstacle_days: Option<u16>,
}

/// A registered letter.
#[derive(Serialize, ToSchema)]
pub struct Registered {
    id: i64,
    within_authority: bool,
    /// the last day to resolve (within authority) or to refer (not); null for a repeat letter
    #[schema(required = true, format = Date)]
    due: Option<String>,
    /// the legal basis of `due`
    #[schema(required = true)]
    citation: Option<String>,
    /// lodged after its limitation period: registered all the same
    late: bool,
    #[schema(required = true, format = Date)]
    limitation_due: Option<String>,
    #[schema(required = true)]
    limitation_citation: Option<String>,
}

/// The body as text fields (numbers and booleans written out, null as empty).
fn input_of(body: &Value) -> Result<LetterInput, WebError> {
    let Value::Object(map) = body else { return Err(WebError::BadRequest("JSON object expected".into())) };
    let mut fields = serde_json::Map::new();
    for (k, v) in map {
        let text = match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return Err(WebError::BadRequest(format!("«{k}»: text, number or null expected"))),
        };
        fields.insert(k.clone(), Value::String(text));
    }
    serde_json::from_value(Value::Object(fields)).map_err(|e| WebError::BadRequest(e.to_string()))
}

/// Register a complaint or denunciation
#[utoipa::path(
    post,
    path = "/api/v1/complaints",
    operation_id = "register",
    request_body = RegisterBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered (a late letter too, with `late`)", body = Registered),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, description = "A bad field, named by `field`", body = ApiError),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<Registered>), WebError> {
    let input = input_of(&body)?;
    let done = state
        .blocking(move |s| {
            let unit = input.unit(s, None)?;
            user.may(s, Action::RecordComplaint { unit: unit.id })?;
            let letter = input.parse(s, &user, &unit)?;
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            Ok(register(s.store.as_ref(), &actor, &s.directory().units, letter)?)
        })
        .await?;
    let r = done.registration;
    Ok((
        StatusCode::CREATED,
        Json(Registered {
            id: done.id.0,
            within_authority: r.within_authority,
            due: r.due.map(format_iso),
            citation: r.citation,
            late: r.late,
            limitation_due: r.limitation_due.map(format_iso),
            limitation_citation: r.limitation_citation,
        }),
    ))
}

/// The body of `POST /api/v1/complaints/{id}/resolution`.
#[derive(Deserialize, ToSchema)]
pub struct ResolutionBody {
    #[schema(format = Date)]
    date: String,
    /// dung, dung_mot_phan, sai, or rut (withdrawn)
    outcome: String,
}

/// A letter's state after a step.
#[derive(Serialize, ToSchema)]
pub struct Resolved {
    id: i64,
    #[schema(format = Date)]
    date: String,
    outcome: &'static str,
}

/// Record the decision on a letter, or its withdrawal
#[utoipa::path(
    post,
    path = "/api/v1/complaints/{id}/resolution",
    operation_id = "resolve",
    params(("id" = i64, Path, description = "the letter's id")),
    request_body = ResolutionBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = Resolved),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, description = "Refused: already resolved, outside authority, a bad date or outcome", body = ApiError),
    )
)]
pub async fn resolve(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<ResolutionBody>,
) -> Result<Json<Resolved>, WebError> {
    let done = state
        .blocking(move |s| {
            let row = visible_letter(s, &user, id)?;
            user.may(s, Action::RecordComplaint { unit: row.record.facts.unit })?;
            let outcome = Outcome::parse(&body.outcome).map_err(|e| bad("outcome", e.to_string()))?;
            let date = date_of("date", &body.date)?;
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            let step = Step::Resolve(Resolution { date, outcome });
            Ok(apply_step(s.store.as_ref(), &actor, &s.directory().units, ComplaintId(id), &step)?)
        })
        .await?;
    let resolution = done.row.record.progress.resolution.ok_or(WebError::Internal)?;
    Ok(Json(Resolved { id, date: format_iso(resolution.date), outcome: resolution.outcome.code() }))
}

/// One letter of the register as the list gives it.
#[derive(Serialize, ToSchema)]
pub struct LetterJson {
    id: i64,
    unit: String,
    kind: &'static str,
    channel: &'static str,
    #[schema(format = Date)]
    received_on: String,
    complainant: String,
    within_authority: bool,
    /// an earlier letter on the same matter
    #[schema(required = true)]
    same_matter_as: Option<i64>,
    /// open, referred or the outcome's code
    status: String,
    /// the nearest running time limit (acceptance, resolution, referral)
    #[schema(required = true, format = Date)]
    due: Option<String>,
    overdue: bool,
}

/// The letters of a scope.
#[derive(Serialize, ToSchema)]
pub struct LettersJson {
    items: Vec<LetterJson>,
}

/// The status code of a letter.
pub fn status_of(row: &thads_store::ComplaintRow) -> String {
    let p = &row.record.progress;
    match (p.resolution, p.referred_on, row.record.facts.same_matter_as) {
        (Some(r), _, _) => r.outcome.code().to_string(),
        (None, Some(_), _) => "referred".into(),
        (None, None, Some(_)) => "linked".into(),
        (None, None, None) if p.accepted_on.is_some() => "accepted".into(),
        _ => "open".into(),
    }
}

/// The letters of a unit's scope, newest first
#[utoipa::path(
    get,
    path = "/api/v1/complaints",
    params(("unit" = Option<String>, Query, description = "unit code; default: the caller's")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The letters", body = LettersJson),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    access: Allowed<ViewComplaints>,
) -> Result<Json<LettersJson>, WebError> {
    let unit = access.unit.id;
    let today = state.today();
    let items = state
        .blocking(move |s| {
            let directory = s.directory();
            let scope = directory.units.scope(unit);
            let mut rows: Vec<_> =
                s.store.complaints()?.into_iter().filter(|r| scope.contains(&r.record.facts.unit)).collect();
            rows.reverse();
            let setup = ComplaintSetup::load(s.store.as_ref())?;
            let due = letters_due(&rows, &setup, &directory.units, today);
            Ok(rows
                .iter()
                .map(|r| {
                    let f = &r.record.facts;
                    let first = due.iter().find(|d| d.id == r.record.id.0);
                    LetterJson {
                        id: r.record.id.0,
                        unit: directory.units.get(f.unit).map(|u| u.code.to_string()).unwrap_or_default(),
                        kind: f.matter.kind().code(),
                        channel: f.channel.code(),
                        received_on: format_iso(f.received_on),
                        complainant: f.complainant.clone(),
                        within_authority: f.within_authority,
                        same_matter_as: f.same_matter_as.map(|c| c.0),
                        status: status_of(r),
                        due: first.map(|d| format_iso(d.due)),
                        overdue: due.iter().any(|d| d.id == r.record.id.0 && d.overdue),
                    }
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(LettersJson { items }))
}

/// The complaints figures of a unit and period.
#[derive(Serialize, ToSchema)]
pub struct ComplaintReport {
    /// matters received in the period (a repeat letter is not counted again)
    received: u64,
    /// matters to resolve: within authority, received in the period or carried over
    within_authority: u64,
    /// of those, resolved in the period (withdrawals included)
    resolved: u64,
    /// resolved / within_authority, "98.50"; null when nothing was to resolve
    #[schema(required = true)]
    resolved_rate: Option<String>,
    /// of those, open at the end of the period past their last day
    overdue: u64,
}

/// Complaints figures of a unit's scope for a reporting period
#[utoipa::path(
    get,
    path = "/api/v1/reports/complaints",
    params(
        ("unit" = Option<String>, Query, description = "unit code (default: the caller's unit); its subtree"),
        PeriodQuery,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures", body = ComplaintReport),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    access: Allowed<ViewReports>,
    Query(p): Query<PeriodQuery>,
) -> Result<Json<ComplaintReport>, WebError> {
    let today = state.today();
    let period = p.asked(today)?.period;
    let unit = access.unit.id;
    let stats = state
        .blocking(move |s| {
            let scope = s.directory().units.scope(unit);
            Ok(figures(s.store.as_ref(), &scope, period, today, None)?)
        })
        .await?;
    Ok(Json(ComplaintReport {
        received: stats.received,
        within_authority: stats.within_authority,
        resolved: stats.resolved,
        resolved_rate: stats.resolved_rate.map(|r| r.to_string()),
        overdue: stats.overdue,
    }))
}
