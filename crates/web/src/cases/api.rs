//! Cases through the API: the list (scope, state, folded search), one case with its dated
//! history (404 when hidden), and recording an event. Each handler is annotated for the OpenAPI
//! document and listed in `ApiDoc`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thads_core::event::AmountRule;
use thads_core::{Case, EventCode};
use utoipa::{OpenApi, ToSchema};

use super::changes::{self, EventInput};
use super::listing::{ListCases, ListParams};
use super::view::{TimelineItem, detail};
use crate::accounts::{Allowed, CaseAccess};
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::state::{AppState, Directory};

const PAGE_SIZE: u32 = 50;

/// The cases room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, show, record, super::intake::api_create, super::edit::api_patch))]
pub struct ApiDoc;

/// A case as the API shows it: codes and whole đồng, ISO dates.
#[derive(Serialize, ToSchema)]
#[schema(as = Case)]
pub struct CaseJson {
    id: i64,
    unit: String,
    case_no: String,
    #[schema(format = Date)]
    accepted_on: String,
    origin: &'static str,
    judgment_type: &'static str,
    categories: Vec<&'static str>,
    amount_vnd: i64,
    debtor: String,
    creditor: String,
    officer: Option<String>,
    state: &'static str,
    outstanding_vnd: i64,
    collected_vnd: i64,
    reduced_vnd: i64,
    version: i64,
}

pub fn case_json(c: &Case, directory: &Directory) -> CaseJson {
    let f = &c.facts;
    CaseJson {
        id: c.id.0,
        unit: directory.units.get(f.unit).map(|u| u.code.to_string()).unwrap_or_default(),
        case_no: f.case_no.to_string(),
        accepted_on: thads_core::dates::format_iso(f.accepted_on),
        origin: f.origin.code(),
        judgment_type: f.judgment_type.code(),
        categories: f.categories.iter().map(|c| c.code()).collect(),
        amount_vnd: f.amount.dong(),
        debtor: f.debtor.clone(),
        creditor: f.creditor.clone(),
        officer: f.officer.and_then(|o| directory.staff.get(&o)).map(|s| s.login.to_string()),
        state: c.current.state.code(),
        outstanding_vnd: c.current.outstanding.dong(),
        collected_vnd: c.current.collected.dong(),
        reduced_vnd: c.current.reduced.dong(),
        version: c.version,
    }
}

/// A page of cases.
#[derive(Serialize, ToSchema)]
pub struct CasesPage {
    page: u64,
    per_page: u32,
    /// whether a next page has more
    more: bool,
    /// the cases matching on every page, counted up to 500; for a search (q) with a next page not counted: the cases up to this page's end, a lower bound
    total: u64,
    cases: Vec<CaseJson>,
}

/// Cases visible to the caller
#[utoipa::path(
    get,
    path = "/api/v1/cases",
    params(ListParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of cases", body = CasesPage),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    access: Allowed<ListCases>,
    Query(p): Query<ListParams>,
) -> Result<Json<CasesPage>, WebError> {
    let directory = state.directory();
    let query = p.query(&access.unit, &directory, PAGE_SIZE)?;
    let page = p.page()?;
    let found = state.blocking(move |s| Ok(s.store.list_cases(&query)?)).await?;
    let cases: Vec<CaseJson> = found.cases.iter().map(|c| case_json(c, &directory)).collect();
    Ok(Json(CasesPage { page, per_page: PAGE_SIZE, more: found.more, total: found.total, cases }))
}

/// One case, its dated history and the events the caller may record now.
#[derive(Serialize, ToSchema)]
pub struct CaseDetail {
    case: CaseJson,
    /// identity numbers, addresses, the judgment and the request
    details: DetailsJson,
    history: Vec<TimelineItem>,
    /// event codes (interchange §1)
    allowed_events: Vec<&'static str>,
    /// the code the parties follow the case with on the public portal (mã tra cứu), `ABCDE-FGHJK`
    lookup_code: String,
}

/// One case with its dated history
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}",
    params(("id" = i64, Path, description = "the case's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case", body = CaseDetail),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn show(State(state): State<AppState>, access: CaseAccess) -> Result<Json<CaseDetail>, WebError> {
    let a = access.clone();
    let d = state.blocking(move |s| detail(s, &a)).await?;
    let a = access.clone();
    let lookup_code = state.blocking(move |s| super::lookup::api_code(s, &a)).await?;
    let allowed_events: Vec<&str> = d.allowed.iter().map(|c| c.code()).collect();
    let details = details_json(&d.details);
    let case = case_json(&d.case, &state.directory());
    Ok(Json(CaseDetail { case, details, history: d.timeline, allowed_events, lookup_code }))
}

/// A case's details under the names of `POST /api/v1/cases` (ISO dates; `null` when absent).
#[derive(Serialize, ToSchema)]
#[schema(as = CaseDetails)]
pub struct DetailsJson {
    /// số CCCD, CMND, mã số thuế or passport number
    debtor_id: Option<String>,
    debtor_address: String,
    creditor_id: Option<String>,
    creditor_address: String,
    /// the judgment enforced: court, number and date
    judgment_court: Option<String>,
    judgment_no: Option<String>,
    #[schema(format = Date)]
    judgment_date: Option<String>,
    /// an on-request case's request: date and requester
    #[schema(format = Date)]
    request_date: Option<String>,
    request_by: Option<String>,
    /// cap_duong, tien_luong, boi_thuong_tinh_mang, an_phi or khac
    obligation: String,
}

fn details_json(d: &thads_core::CaseDetails) -> DetailsJson {
    let iso = thads_core::dates::format_iso;
    let (j, r) = (d.judgment.as_ref(), d.request.as_ref());
    DetailsJson {
        debtor_id: d.debtor_id.as_ref().map(ToString::to_string),
        debtor_address: d.debtor_address.clone(),
        creditor_id: d.creditor_id.as_ref().map(ToString::to_string),
        creditor_address: d.creditor_address.clone(),
        judgment_court: j.map(|j| j.court.clone()),
        judgment_no: j.map(|j| j.number.clone()),
        judgment_date: j.map(|j| iso(j.date)),
        request_date: r.map(|r| iso(r.date)),
        request_by: r.map(|r| r.requester.clone()),
        obligation: d.obligation.code().to_string(),
    }
}

/// Body of `POST /api/v1/cases/{id}/events` (interchange §4). `version` is optional: when
/// given, a case changed since is refused with 409 `stale_version`.
#[derive(Deserialize, ToSchema)]
pub struct EventBody {
    /// yyyy-mm-dd or dd/mm/yyyy
    date: String,
    /// an event code (interchange §1)
    event: String,
    #[serde(default)]
    #[schema(minimum = 0)]
    amount_vnd: Option<i64>,
    #[serde(default)]
    ground: Option<String>,
    #[serde(default)]
    note: Option<String>,
    /// optional: the case version read; 409 if it changed since. Omitted: the event is recorded
    /// on the case as it is (409 only if its unit or officer changed during the request)
    #[serde(default)]
    version: Option<i64>,
}

/// The case after the change.
#[derive(Serialize, ToSchema)]
pub struct Recorded {
    case: CaseJson,
}

/// Record an event (codes of interchange §1)
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/events",
    params(("id" = i64, Path, description = "the case's id")),
    request_body = EventBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = Recorded),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn record(
    State(state): State<AppState>,
    access: CaseAccess,
    JsonBody(b): JsonBody<EventBody>,
) -> Result<(StatusCode, Json<Recorded>), WebError> {
    // The contract's example sends `"amount_vnd": 0` for events without money; for an event that
    // needs money, 0 is an amount, refused as zero (`amount_zero`) rather than as missing.
    let needs_money = EventCode::parse(&b.event).is_ok_and(|c| c.amount_rule() == AmountRule::Required);
    let amount = b.amount_vnd.filter(|a| *a != 0 || needs_money).map(|a| a.to_string());
    let input = EventInput {
        date: b.date,
        code: b.event,
        amount,
        ground: b.ground.unwrap_or_default(),
        note: thads_core::field::NOTE.clean(b.note.as_deref().unwrap_or_default())?,
    };
    // No version sent: no check against one read, the event is recorded on the case as it is.
    let (version, a) = (b.version, access.clone());
    let changed = state.blocking(move |s| changes::record(s, &a, version, &input)).await?;
    Ok((StatusCode::CREATED, Json(Recorded { case: case_json(&changed.case, &state.directory()) })))
}
