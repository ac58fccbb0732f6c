//! The public side of requests: the form (`GET|POST /requests/new`), the status page (`GET
//! /requests/status`), their stylesheet, and the API of the contract: `POST
//! /api/public/v1/requests` (multipart: the form's fields and its files) → `201 {"number",
//! "code", "appointment_on"}`; `GET /api/public/v1/requests/{number}?code=` → the status. A
//! wrong code answers exactly as an unknown number (404, the same body). Nobody signs in here.
//! Failed status lookups (wrong code, unknown or malformed number) are counted by the portal's
//! limiter, per address and per number, as the portal counts its cases' lookups: past the
//! limit, the API and the page answer 429 with `Retry-After`, the right code too.

use std::time::Instant;

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use thads_app::requests::{Filed, Filing, receives_requests, submit};
use thads_core::dates::{format_iso, format_vn};
use thads_core::requests::{AttachmentLimits, ReceiptNo, RequestState, RequestText};
use thads_store::RequestRow;
use utoipa::ToSchema;

use super::upload::{Posted, read};
use super::{code_hash, code_matches, grouped, new_code, state_words};
use crate::chrome::Chrome;
use crate::error::{WebError, respond};
use crate::i18n::Lang;
use crate::public_guard::{Peer, client};
use crate::state::AppState;

/// The status page's query.
#[derive(Debug, Default, Deserialize)]
pub struct PublicQuery {
    #[serde(default)]
    number: String,
    #[serde(default)]
    code: String,
}

fn lang_of(asked: &str, parts: &Parts) -> Lang {
    Lang::parse(asked).unwrap_or_else(|| Lang::of(parts))
}

/// The language extractor of the public pages: `?lang=` first.
pub struct PublicLang(pub Lang);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PublicLang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let asked = parts
            .uri
            .query()
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "lang").map(|(_, v)| v))
            .unwrap_or_default();
        Ok(PublicLang(lang_of(&asked, parts)))
    }
}

/// An API error with its body, rendered here (the public router has no error layer).
fn api_error(lang: Lang, error: &WebError) -> Response {
    respond(true, Chrome::anonymous(lang), "", error)
}

/// `(code, name)` of the units that receive requests.
fn units(state: &AppState) -> Vec<(String, String)> {
    let directory = state.directory();
    let today = state.today();
    let mut out: Vec<(String, String)> = directory
        .units
        .all()
        .iter()
        .filter(|u| receives_requests(&directory.units, u.id, today))
        .map(|u| (u.code.to_string(), u.name.clone()))
        .collect();
    out.sort();
    out
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/public_form.html")]
struct FormPage {
    c: Chrome,
    units: Vec<(String, String)>,
    unit: String,
    form: RequestText,
    error: Option<String>,
    error_field: String,
    limits: AttachmentLimits,
}

impl FormPage {
    fn max_mb(&self) -> usize {
        self.limits.max_bytes_each >> 20
    }
}

fn form_page(state: &AppState, lang: Lang, unit: String, form: RequestText, error: Option<&WebError>) -> Response {
    let page = FormPage {
        c: Chrome::anonymous(lang),
        units: units(state),
        unit,
        form,
        error: error.map(|e| e.message(lang)),
        error_field: error.and_then(crate::cases::intake::field_of).unwrap_or_default().to_string(),
        limits: AttachmentLimits::default(),
    };
    match error {
        Some(e) => (e.status(), page).into_response(),
        None => page.into_response(),
    }
}

/// `GET /requests/new`: the form.
pub async fn form(State(state): State<AppState>, PublicLang(lang): PublicLang) -> Response {
    form_page(&state, lang, String::new(), RequestText::default(), None)
}

/// A multipart body, or why it is not one.
type Posting = Result<Multipart, axum::extract::multipart::MultipartRejection>;

async fn read_posting(posting: Posting) -> Result<Posted, WebError> {
    let multipart = posting.map_err(|_| {
        WebError::BadRequest("cần gửi biểu mẫu multipart/form-data / multipart/form-data expected".into())
    })?;
    read(multipart, &AttachmentLimits::default()).await
}

/// Files the posted form; the number, the code and the appointment, or why not.
async fn file_posted(state: &AppState, posted: Posted) -> Result<(Filed, String), WebError> {
    let code = new_code()?;
    let hash = code_hash(&code);
    let Posted { text, unit, files, .. } = posted;
    let result = state
        .blocking(move |s| {
            let code = unit.trim().to_ascii_uppercase();
            let unit = s.directory().units.by_code(&code).map(|u| u.id).ok_or_else(|| {
                WebError::Refused(crate::refusal::Refusal::of_field(
                    "unit",
                    "hãy chọn cơ quan thi hành án / choose the enforcement office",
                ))
            })?;
            let form = text.parse(unit, s.today()).map_err(|e| {
                WebError::Refused(crate::refusal::Refusal::of_field(e.field().unwrap_or("form"), e.to_string()))
            })?;
            let filing = Filing { form, files, code_hash: hash };
            Ok(submit(s.store.as_ref(), s.now(), &s.directory().units, filing, &AttachmentLimits::default())?)
        })
        .await?;
    Ok((result, code))
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/public_receipt.html")]
struct ReceiptPage {
    c: Chrome,
    number: String,
    code: String,
    appointment_on: String,
}

/// `POST /requests/new` (multipart): the receipt page, or the form again with the refusal.
pub async fn file(State(state): State<AppState>, PublicLang(lang): PublicLang, multipart: Posting) -> Response {
    let posted = match read_posting(multipart).await {
        Ok(p) => p,
        Err(e) => return form_page(&state, lang, String::new(), RequestText::default(), Some(&e)),
    };
    let lang = Lang::parse(&posted.lang).unwrap_or(lang);
    let (unit, text) = (posted.unit.clone(), posted.text.clone());
    match file_posted(&state, posted).await {
        Ok((filed, code)) => (
            StatusCode::CREATED,
            ReceiptPage {
                c: Chrome::anonymous(lang),
                number: filed.number.to_string(),
                code: grouped(&code),
                appointment_on: format_vn(filed.appointment_on),
            },
        )
            .into_response(),
        Err(e) => form_page(&state, lang, unit, text, Some(&e)),
    }
}

/// A request filed.
#[derive(Serialize, ToSchema)]
pub struct FiledJson {
    /// the receipt number (số phiếu nhận), e.g. BG-KV1-2026-00017
    number: String,
    /// the follow-up code, shown once: the requester keeps it to follow the request
    code: String,
    /// the appointment date (ngày hẹn): the last day to decide on the request
    #[schema(format = Date)]
    appointment_on: String,
}

/// The multipart form of `POST /api/public/v1/requests`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct FilingForm {
    /// the code of the enforcement office it is filed with
    unit: String,
    /// the requester's full name
    name: String,
    /// the requester's personal id number (12 digits), old id (9), tax code or passport number
    id_number: String,
    address: String,
    phone: String,
    email: Option<String>,
    /// the court that gave the judgment
    court: String,
    judgment_no: String,
    /// dd/mm/yyyy or yyyy-mm-dd
    judgment_date: String,
    /// what is asked to be enforced
    asked: String,
    debtor: String,
    debtor_address: Option<String>,
    /// up to 5 files, PDF, JPEG or PNG (checked by content), 5 MB each, 12 MB together
    #[schema(value_type = Vec<String>, format = Binary)]
    files: Vec<Vec<u8>>,
}

/// File an enforcement request (đơn yêu cầu thi hành án)
#[utoipa::path(
    post,
    path = "/api/public/v1/requests",
    operation_id = "file",
    request_body(content = FilingForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Received: the receipt number, the follow-up code and the appointment date", body = FiledJson),
        (status = 400, response = crate::api::BadRequest),
        (status = 422, description = "A bad field or file, named by `field` (`files` for the attachments)", body = crate::api::ApiError),
    )
)]
pub async fn api_file(State(state): State<AppState>, PublicLang(lang): PublicLang, multipart: Posting) -> Response {
    let posted = match read_posting(multipart).await {
        Ok(p) => p,
        Err(e) => return api_error(lang, &e),
    };
    match file_posted(&state, posted).await {
        Ok((filed, code)) => (
            StatusCode::CREATED,
            Json(FiledJson {
                number: filed.number.to_string(),
                code: grouped(&code),
                appointment_on: format_iso(filed.appointment_on),
            }),
        )
            .into_response(),
        Err(e) => api_error(lang, &e),
    }
}

/// What the requester is told of a request.
#[derive(Serialize, ToSchema)]
pub struct StatusJson {
    number: String,
    /// submitted, needs_supplement, registered or refused
    state: &'static str,
    /// the state in plain words, in the caller's language
    state_label: &'static str,
    /// the enforcement office handling it: the one it was filed with, or its successor after
    /// a reorganisation
    office: String,
    #[schema(format = Date)]
    received_on: String,
    #[schema(format = Date)]
    appointment_on: String,
    /// what to supply and by when, when the office asked for it
    #[schema(required = true)]
    supplement: Option<SupplementJson>,
    /// why the request was refused
    #[schema(required = true)]
    refusal: Option<String>,
    /// the day it was registered or refused
    #[schema(required = true, format = Date)]
    decided_on: Option<String>,
    /// the number of the enforcement case it opened
    #[schema(required = true)]
    case_no: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SupplementJson {
    what: String,
    #[schema(format = Date)]
    due_on: String,
}

/// The request of `number` if `code` is its code; `None` otherwise (unknown number, malformed
/// number, wrong code alike). The code is compared whether or not the number was found.
fn lookup(state: &AppState, number: &str, code: &str) -> Result<Option<(RequestRow, Option<String>)>, WebError> {
    let row = match ReceiptNo::parse(number) {
        Some(no) => state.store.request_by_number(&no)?,
        None => None,
    };
    if !code_matches(row.as_ref(), code) {
        return Ok(None);
    }
    let Some(row) = row else { return Ok(None) };
    let case_no = match row.progress.case_id {
        Some(id) => state.store.case(id)?.map(|c| c.facts.case_no.to_string()),
        None => None,
    };
    Ok(Some((row, case_no)))
}

/// What a status lookup behind the portal's limiter came to.
enum Looked {
    Found(Box<RequestRow>, Option<String>),
    /// Unknown number, malformed number, wrong code alike: counted as a failure.
    Missing,
    /// The address or the number is over its limit: wait this many seconds.
    Limited(u64),
}

/// The key the portal's limiter counts a number's failures under (whether it exists or not);
/// apart from the cases' keys (`UNIT|number`, the unit in capitals) by its lower-case prefix,
/// and bounded in length, however long the number typed.
fn number_key(number: &str) -> String {
    let key = match ReceiptNo::parse(number) {
        Some(no) => no.to_string(),
        None => number.trim().chars().take(64).collect::<String>().to_uppercase(),
    };
    format!("request|{key}")
}

/// `lookup` behind the portal's limiter (per address and per number, as the cases' lookups):
/// past the limit nothing is looked up, the right code neither.
async fn limited_lookup(state: &AppState, address: String, number: String, code: String) -> Result<Looked, WebError> {
    let key = number_key(&number);
    let limiter = crate::public_guard::limiter(state);
    if let Some(seconds) = limiter.blocked(&address, &key, Instant::now()) {
        return Ok(Looked::Limited(seconds));
    }
    match state.blocking(move |s| lookup(s, &number, &code)).await? {
        Some((row, case_no)) => Ok(Looked::Found(Box::new(row), case_no)),
        None => {
            limiter.failed(&address, &key, Instant::now());
            Ok(Looked::Missing)
        }
    }
}

/// Adds `Retry-After` (seconds) to a 429.
fn retry_after(mut response: Response, seconds: u64) -> Response {
    if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// The API's 429: the portal's body, in the reader's language.
fn api_limited(lang: Lang, seconds: u64) -> Response {
    let body = serde_json::json!({ "code": "rate_limited", "message": lang.t("portal_rate_limited") });
    retry_after((StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response(), seconds)
}

fn status_json(state: &AppState, row: &RequestRow, case_no: Option<String>, lang: Lang) -> StatusJson {
    let p = &row.progress;
    StatusJson {
        number: row.request.number.to_string(),
        state: p.state.code(),
        state_label: state_words(p.state, lang),
        office: state.directory().units.get(row.handled_by).map(|u| u.name.to_string()).unwrap_or_default(),
        received_on: format_iso(row.request.received_on),
        appointment_on: format_iso(row.request.appointment_on),
        supplement: p
            .supplement
            .as_ref()
            .filter(|_| p.state == RequestState::NeedsSupplement)
            .map(|s| SupplementJson { what: s.what.clone(), due_on: format_iso(s.due_on) }),
        refusal: p.refusal.clone(),
        decided_on: p.decided_on.map(format_iso),
        case_no,
    }
}

#[derive(Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

/// The status of a request, with its follow-up code
#[utoipa::path(
    get,
    path = "/api/public/v1/requests/{number}",
    operation_id = "status",
    params(
        ("number" = String, Path, description = "the receipt number"),
        ("code" = String, Query, description = "the follow-up code given with the number"),
    ),
    responses(
        (status = 200, description = "The request's state", body = StatusJson),
        (status = 404, description = "`not_found`: an unknown number and a wrong code answer alike", body = crate::api::ApiError),
        (status = 429, description = "too many failures from this address or on this number: wait (Retry-After)", body = crate::api::ApiError),
    )
)]
pub async fn api_status(
    State(state): State<AppState>,
    PublicLang(lang): PublicLang,
    peer: Peer,
    headers: HeaderMap,
    Path(number): Path<String>,
    Query(q): Query<CodeQuery>,
) -> Response {
    let address = client(&state, &peer, &headers);
    match limited_lookup(&state, address, number, q.code).await {
        Ok(Looked::Found(row, case_no)) => Json(status_json(&state, &row, case_no, lang)).into_response(),
        Ok(Looked::Missing) => api_error(lang, &WebError::NotFound),
        Ok(Looked::Limited(seconds)) => api_limited(lang, seconds),
        Err(e) => api_error(lang, &e),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/public_status.html")]
struct StatusPage {
    c: Chrome,
    number: String,
    code: String,
    found: Option<StatusJson>,
    not_found: bool,
    /// Too many failures from this address or on this number.
    rate_limited: bool,
}

/// `GET /requests/status?number=&code=`: the lookup form, and the status when both are given.
pub async fn status(
    State(state): State<AppState>,
    PublicLang(lang): PublicLang,
    peer: Peer,
    headers: HeaderMap,
    Query(q): Query<PublicQuery>,
) -> Response {
    let asked = !q.number.trim().is_empty() || !q.code.trim().is_empty();
    let address = client(&state, &peer, &headers);
    let looked = if asked {
        limited_lookup(&state, address, q.number.clone(), q.code.clone()).await
    } else {
        Ok(Looked::Missing)
    };
    let looked = match looked {
        Ok(l) => l,
        Err(e) => return (e.status(), e.message(lang)).into_response(),
    };
    let (found, limited) = match looked {
        Looked::Found(row, case_no) => (Some(status_json(&state, &row, case_no, lang)), None),
        Looked::Missing => (None, None),
        Looked::Limited(seconds) => (None, Some(seconds)),
    };
    let status = match (&found, limited) {
        (_, Some(_)) => StatusCode::TOO_MANY_REQUESTS,
        (None, None) if asked => StatusCode::NOT_FOUND,
        _ => StatusCode::OK,
    };
    let page = StatusPage {
        c: Chrome::anonymous(lang),
        number: q.number.chars().take(60).collect(),
        code: String::new(),
        not_found: asked && found.is_none() && limited.is_none(),
        rate_limited: limited.is_some(),
        found,
    };
    let response = (status, page).into_response();
    match limited {
        Some(seconds) => retry_after(response, seconds),
        None => response,
    }
}

/// The public pages' stylesheet, compiled in (no outside asset).
const STYLE: &str = include_str!("../../assets/requests-public.css");

/// `GET /requests/style.css`.
pub async fn style() -> Response {
    let mut response = STYLE.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    response
}

impl StatusJson {
    /// The dates as a reader writes them.
    pub fn vn(&self, iso: &str) -> String {
        thads_core::dates::parse_date(iso).map(format_vn).unwrap_or_else(|_| iso.to_string())
    }
}
