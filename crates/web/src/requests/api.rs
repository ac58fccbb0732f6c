//! The staff API of the intake queue: `GET /api/v1/requests` (a scope's requests), `GET
//! /api/v1/requests/{id}` (one, with its attachments), `GET /api/v1/requests/{id}/files/{file}`,
//! and the steps `POST /api/v1/requests/{id}/supplement`, `/register`, `/refuse`. The room's
//! `ApiDoc` documents these; the public endpoints have their own document (`portal::PublicApiDoc`),
//! served by the public site, not the staff one.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thads_core::dates::format_iso;
use thads_store::RequestRow;
use utoipa::{OpenApi, ToSchema};

use super::pages::{StepForm, Which, rows_of, take_step};
use super::visible_request;
use crate::accounts::{Allowed, User};
use crate::api::{self, JsonBody};
use crate::cases::intake::TakeIn;
use crate::error::WebError;
use crate::state::AppState;

/// The requests room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, show, file, supplement, register, refuse))]
pub struct ApiDoc;

/// One attachment.
#[derive(Serialize, ToSchema)]
pub struct RequestFileJson {
    id: i64,
    name: String,
    /// pdf, jpeg or png (read from the content)
    kind: &'static str,
    size: u64,
    /// where to download it (`Content-Disposition: attachment`)
    url: String,
}

/// A request as the front desk reads it.
#[derive(Serialize, ToSchema)]
pub struct RequestJson {
    id: i64,
    number: String,
    /// the code of the unit it was filed with (its receipt number is that unit's)
    unit: String,
    /// the code of the unit whose queue holds it: `unit`, or its successor once a
    /// reorganisation closed `unit` while the request was open
    handled_by: String,
    /// submitted, needs_supplement, registered, refused
    state: &'static str,
    #[schema(format = Date)]
    received_on: String,
    #[schema(format = Date)]
    appointment_on: String,
    requester: String,
    id_number: String,
    address: String,
    phone: String,
    #[schema(required = true)]
    email: Option<String>,
    court: String,
    judgment_no: String,
    #[schema(format = Date)]
    judgment_date: String,
    asked: String,
    debtor: String,
    debtor_address: String,
    /// what was asked to supplement, and by when
    #[schema(required = true)]
    supplement_what: Option<String>,
    #[schema(required = true, format = Date)]
    supplement_due_on: Option<String>,
    #[schema(required = true)]
    refusal: Option<String>,
    #[schema(required = true, format = Date)]
    decided_on: Option<String>,
    /// the case its registration opened
    #[schema(required = true)]
    case_id: Option<i64>,
    /// in the detail only
    #[schema(required = true)]
    files: Option<Vec<RequestFileJson>>,
}

fn json_of(state: &AppState, r: &RequestRow, files: Option<Vec<RequestFileJson>>) -> RequestJson {
    let f = &r.request.form;
    let p = &r.progress;
    RequestJson {
        id: r.id.0,
        number: r.request.number.to_string(),
        unit: state.directory().units.get(f.unit).map(|u| u.code.to_string()).unwrap_or_default(),
        handled_by: state.directory().units.get(r.handled_by).map(|u| u.code.to_string()).unwrap_or_default(),
        state: p.state.code(),
        received_on: format_iso(r.request.received_on),
        appointment_on: format_iso(r.request.appointment_on),
        requester: f.requester.name.clone(),
        id_number: f.requester.id_number.to_string(),
        address: f.requester.address.clone(),
        phone: f.requester.phone.clone(),
        email: f.requester.email.clone(),
        court: f.judgment.court.clone(),
        judgment_no: f.judgment.number.clone(),
        judgment_date: format_iso(f.judgment.date),
        asked: f.asked.clone(),
        debtor: f.debtor.clone(),
        debtor_address: f.debtor_address.clone(),
        supplement_what: p.supplement.as_ref().map(|s| s.what.clone()),
        supplement_due_on: p.supplement.as_ref().map(|s| format_iso(s.due_on)),
        refusal: p.refusal.clone(),
        decided_on: p.decided_on.map(format_iso),
        case_id: p.case_id.map(|c| c.0),
        files,
    }
}

/// A scope's requests.
#[derive(Serialize, ToSchema)]
pub struct RequestsJson {
    items: Vec<RequestJson>,
}

/// The requests filed with a unit's scope, newest first
#[utoipa::path(
    get,
    path = "/api/v1/requests",
    params(("unit" = Option<String>, Query, description = "unit code; default: the caller's")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The requests", body = RequestsJson),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn list(State(state): State<AppState>, access: Allowed<TakeIn>) -> Result<Json<RequestsJson>, WebError> {
    let unit = access.unit.id;
    let rows = state.blocking(move |s| rows_of(s, unit)).await?;
    Ok(Json(RequestsJson { items: rows.iter().map(|r| json_of(&state, r, None)).collect() }))
}

fn with_files(state: &AppState, row: &RequestRow) -> Result<RequestJson, WebError> {
    let files = state
        .store
        .request_attachments(row.id)?
        .into_iter()
        .map(|f| RequestFileJson {
            url: format!("/api/v1/requests/{}/files/{}", row.id.0, f.id),
            id: f.id,
            name: f.name,
            kind: f.kind.code(),
            size: f.size,
        })
        .collect();
    Ok(json_of(state, row, Some(files)))
}

/// One request with its attachments
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}",
    params(("id" = i64, Path, description = "the request's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The request", body = RequestJson),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<i64>,
) -> Result<Json<RequestJson>, WebError> {
    let json = state
        .blocking(move |s| {
            let row = visible_request(s, &user, id)?;
            with_files(s, &row)
        })
        .await?;
    Ok(Json(json))
}

/// One attachment of a request, as a download
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}/files/{file}",
    params(("id" = i64, Path, description = "the request's id"), ("file" = i64, Path, description = "the file's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file, `Content-Type` read from its content, `Content-Disposition: attachment`", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn file(
    state: State<AppState>,
    user: User,
    path: Path<(i64, i64)>,
) -> Result<axum::response::Response, WebError> {
    super::pages::file(state, user, path).await
}

/// The body of a supplement.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct RequestSupplementBody {
    /// what the requester must supply
    what: String,
    /// the day to supply it by (after today); default: the limit kept as data
    #[schema(format = Date)]
    due_on: Option<String>,
}

/// The body of a registration.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct RequestRegisterBody {
    /// the money obligation in đồng; 0 for a non-money case
    amount_vnd: i64,
    /// dan_su (default), hinh_su, hanh_chinh, kinh_te, lao_dong, phan_sau_hon_nhan…
    judgment_type: Option<String>,
    /// the login of the officer assigned
    officer: Option<String>,
    /// the decision number; default: the next of the unit's book
    case_no: Option<String>,
}

/// The body of a refusal.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct RequestRefuseBody {
    /// the reason written to the requester
    reason: String,
}

/// The JSON body's values as the form's text fields.
fn form_of(body: &serde_json::Value) -> Result<StepForm, WebError> {
    let serde_json::Value::Object(map) = body else { return Err(WebError::BadRequest("JSON object expected".into())) };
    let mut fields = serde_json::Map::new();
    for (k, v) in map {
        let text = match v {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return Err(WebError::BadRequest(format!("«{k}»: text, number or null expected"))),
        };
        fields.insert(k.clone(), serde_json::Value::String(text));
    }
    serde_json::from_value(serde_json::Value::Object(fields)).map_err(|e| WebError::BadRequest(e.to_string()))
}

async fn step(
    state: AppState,
    user: User,
    id: i64,
    which: Which,
    body: serde_json::Value,
) -> Result<RequestJson, WebError> {
    let form = form_of(&body)?;
    state
        .blocking(move |s| {
            let (row, _) = take_step(s, &user, id, which, &form)?;
            with_files(s, &row)
        })
        .await
}

/// Ask the requester to supplement the request
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/supplement",
    params(("id" = i64, Path, description = "the request's id")),
    request_body = RequestSupplementBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Asked", body = RequestJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
        (status = 422, description = "Refused: a closed request, an empty text, a due day not after today", body = api::ApiError),
    )
)]
pub async fn supplement(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<Json<RequestJson>, WebError> {
    Ok(Json(step(state, user, id, Which::Supplement, body).await?))
}

/// Register the request: the case is taken in and linked to it
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/register",
    params(("id" = i64, Path, description = "the request's id")),
    request_body = RequestRegisterBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Registered; `case_id` names the case taken in", body = RequestJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
        (status = 409, description = "`case_no_taken`, or `period_closed`", body = api::ApiError),
        (status = 422, description = "Refused: a closed request or a bad field, named by `field`", body = api::ApiError),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<(StatusCode, Json<RequestJson>), WebError> {
    Ok((StatusCode::CREATED, Json(step(state, user, id, Which::Register, body).await?)))
}

/// Refuse the request, with the reason
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/refuse",
    params(("id" = i64, Path, description = "the request's id")),
    request_body = RequestRefuseBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Refused", body = RequestJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
        (status = 422, description = "Refused: a closed request or an empty reason", body = api::ApiError),
    )
)]
pub async fn refuse(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<Json<RequestJson>, WebError> {
    Ok(Json(step(state, user, id, Which::Refuse, body).await?))
}
