//! Cases through the API: the list (scope, state, folded search), one case with its dated
//! history (404 when hidden), and recording an event.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use thads_core::event::AmountRule;
use thads_core::{Case, EventCode};

use super::changes::{self, EventInput};
use super::listing::{ListCases, ListParams};
use super::view::{TimelineItem, detail};
use crate::accounts::{Allowed, CaseAccess};
use crate::api::JsonBody;
use crate::error::WebError;
use crate::state::{AppState, Directory};

const PAGE_SIZE: u32 = 50;

/// A case as the API shows it: codes and whole đồng, ISO dates.
#[derive(Serialize)]
pub struct CaseJson {
    id: i64,
    unit: String,
    case_no: String,
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

pub async fn list(
    State(state): State<AppState>,
    access: Allowed<ListCases>,
    Query(p): Query<ListParams>,
) -> Result<Json<Value>, WebError> {
    let directory = state.directory();
    let query = p.query(&access.unit, &directory, PAGE_SIZE)?;
    let page = p.page()?;
    let found = state.blocking(move |s| Ok(s.store.list_cases(&query)?)).await?;
    let cases: Vec<CaseJson> = found.cases.iter().map(|c| case_json(c, &directory)).collect();
    Ok(Json(json!({ "page": page, "per_page": PAGE_SIZE, "more": found.more, "cases": cases })))
}

#[derive(Serialize)]
struct HistoryJson {
    #[serde(flatten)]
    item: TimelineItem,
}

pub async fn show(State(state): State<AppState>, access: CaseAccess) -> Result<Json<Value>, WebError> {
    let a = access.clone();
    let d = state.blocking(move |s| detail(s, &a)).await?;
    let history: Vec<HistoryJson> = d.timeline.into_iter().map(|item| HistoryJson { item }).collect();
    let allowed: Vec<&str> = d.allowed.iter().map(|c| c.code()).collect();
    let details = details_json(&d.details);
    let case = case_json(&d.case, &state.directory());
    Ok(Json(json!({ "case": case, "details": details, "history": history, "allowed_events": allowed })))
}

/// A case's details under the names of `POST /api/v1/cases` (ISO dates; `null` when absent).
fn details_json(d: &thads_core::CaseDetails) -> Value {
    let iso = thads_core::dates::format_iso;
    let (j, r) = (d.judgment.as_ref(), d.request.as_ref());
    json!({
        "debtor_id": d.debtor_id,
        "debtor_address": d.debtor_address,
        "creditor_id": d.creditor_id,
        "creditor_address": d.creditor_address,
        "judgment_court": j.map(|j| &j.court),
        "judgment_no": j.map(|j| &j.number),
        "judgment_date": j.map(|j| iso(j.date)),
        "request_date": r.map(|r| iso(r.date)),
        "request_by": r.map(|r| &r.requester),
    })
}

/// Body of `POST /api/v1/cases/{id}/events` (interchange §4). `version` is optional: when
/// given, a case changed since is refused with 409 `stale_version`.
#[derive(Deserialize)]
pub struct EventBody {
    date: String,
    event: String,
    #[serde(default)]
    amount_vnd: Option<i64>,
    #[serde(default)]
    ground: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    version: Option<i64>,
}

pub async fn record(
    State(state): State<AppState>,
    access: CaseAccess,
    JsonBody(b): JsonBody<EventBody>,
) -> Result<(StatusCode, Json<Value>), WebError> {
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
    let version = b.version.unwrap_or(access.case.version);
    let a = access.clone();
    let changed = state.blocking(move |s| changes::record(s, &a, version, &input)).await?;
    Ok((StatusCode::CREATED, Json(json!({ "case": case_json(&changed.case, &state.directory()) }))))
}
