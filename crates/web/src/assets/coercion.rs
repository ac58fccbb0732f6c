//! Coercion beyond its plan (issue 19 item 2): a police step of a plan recorded as done (from
//! the case's assets page and through the API; until then it is an item of the worklist), and
//! coercion measures counted per unit and month of a year (`/coercion-measures`, the unit and
//! each unit under it; `GET /api/v1/reports/coercion`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use thads_app::assets::{MonthCounts, UnitMonths};
use thads_core::Vnd;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::CaseEditor;
use super::api::date;
use crate::accounts::{Allowed, CsrfForm};
use crate::api::{self, JsonBody};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

/// Reading a unit's reports (the measures per month are a report of the unit).
#[derive(Debug)]
pub struct ViewReports;
impl crate::accounts::Need for ViewReports {
    fn action(unit: thads_core::UnitId) -> thads_core::access::Action {
        thads_core::access::Action::ViewReports { unit }
    }
}

/// The coercion part of the assets room's OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(police_step_api, report))]
pub struct ApiDoc;

#[derive(Deserialize)]
pub struct PlanPath {
    #[allow(dead_code, reason = "read by the case's extractor")]
    id: i64,
    plan: i64,
}

/// The form of a police step done.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PoliceForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    done_on: String,
}

fn record(
    state: &AppState,
    access: &crate::accounts::CaseAccess,
    plan: i64,
    kind: &str,
    day: time::Date,
) -> Result<(), WebError> {
    let actor = thads_app::Actor { login: access.user.staff.login.to_string(), at: state.now() };
    Ok(thads_app::assets::record_police_step(state.store.as_ref(), &actor, &access.case, plan, kind, day)?)
}

/// `POST /cases/{id}/coercion-plans/{plan}/police-steps`: back to the case's assets.
pub async fn police_step_page(
    State(state): State<AppState>,
    lang: Lang,
    CaseEditor(access): CaseEditor,
    Path(PlanPath { plan, .. }): Path<PlanPath>,
    CsrfForm { form, .. }: CsrfForm<PoliceForm>,
) -> Result<Response, WebError> {
    let a = access.clone();
    let result = state
        .blocking(move |s| {
            let day = if form.done_on.trim().is_empty() { s.today() } else { date(&form.done_on)? };
            record(s, &a, plan, &form.kind, day)
        })
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!("/cases/{}/assets#coercion-plans", access.case.id.0))),
        Err(e @ WebError::Refused(_)) => {
            super::pages::case_page(&state, lang, &access.user, &access.case, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// Body of `POST /api/v1/cases/{id}/coercion-plans/{plan}/police-steps`.
#[derive(Deserialize, ToSchema)]
pub struct PoliceBody {
    /// plan_sent (the plan sent to the police) or protection_plan (the police's plan of protection)
    kind: String,
    /// yyyy-mm-dd or dd/mm/yyyy
    done_on: String,
}

/// The plan's police steps after the change.
#[derive(Serialize, ToSchema)]
pub struct PoliceStepJson {
    kind: String,
    #[schema(format = Date)]
    due: String,
    #[schema(format = Date)]
    done_on: Option<String>,
}

/// Record a police step of a coercion plan as done
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/coercion-plans/{plan}/police-steps",
    params(("id" = i64, Path, description = "the case's id"), ("plan" = i64, Path, description = "the plan's id")),
    request_body = PoliceBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded; the plan's police steps", body = Vec<PoliceStepJson>),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn police_step_api(
    State(state): State<AppState>,
    CaseEditor(access): CaseEditor,
    Path(PlanPath { plan, .. }): Path<PlanPath>,
    JsonBody(b): JsonBody<PoliceBody>,
) -> Result<Json<Vec<PoliceStepJson>>, WebError> {
    let day = date(&b.done_on)?;
    let steps = state
        .blocking(move |s| {
            record(s, &access, plan, &b.kind, day)?;
            Ok(s.store.coercion_plan(plan)?.map(|p| p.plan.police_steps).unwrap_or_default())
        })
        .await?;
    Ok(Json(
        steps
            .into_iter()
            .map(|s| PoliceStepJson {
                kind: s.kind,
                due: thads_core::dates::format_iso(s.due),
                done_on: s.done_on.map(thads_core::dates::format_iso),
            })
            .collect(),
    ))
}

/// `?unit=CODE&year=YYYY`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// the calendar year of the sessions (default: this year)
    #[serde(default)]
    year: Option<i32>,
}

fn year_of(state: &AppState, q: &YearQuery) -> Result<i32, WebError> {
    let year = q.year.unwrap_or_else(|| state.today().year());
    if !(2000..=2100).contains(&year) {
        return Err(WebError::refused("năm không hợp lệ / invalid year"));
    }
    Ok(year)
}

/// The rows of a unit: itself, each unit under it, then the whole subtree.
fn rows_of(state: &AppState, unit: thads_core::UnitId) -> Vec<(thads_core::UnitId, Vec<thads_core::UnitId>, bool)> {
    let directory = state.directory();
    let tree = &directory.units;
    let mut rows = vec![(unit, vec![unit], false)];
    for child in tree.children(unit) {
        rows.push((child.id, tree.scope(child.id).into_iter().collect(), false));
    }
    rows.push((unit, tree.scope(unit).into_iter().collect(), true));
    rows
}

async fn counted(state: &AppState, unit: thads_core::UnitId, year: i32) -> Result<Vec<(UnitMonths, bool)>, WebError> {
    let rows = rows_of(state, unit);
    let today = state.today();
    state
        .blocking(move |s| {
            let scopes: Vec<_> = rows.iter().map(|(u, scope, _)| (*u, scope.clone())).collect();
            let counts = thads_app::assets::coercion_by_month(s.store.as_ref(), &scopes, year, today)?;
            Ok(counts.into_iter().zip(rows.iter().map(|r| r.2)).collect())
        })
        .await
}

/// One row of the page.
pub struct MonthRow {
    pub label: String,
    pub code: String,
    pub total: bool,
    /// Sessions per month, January first.
    pub sessions: Vec<u32>,
    pub all: MonthCounts,
    pub costs: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assets/coercion.html")]
struct CoercionPage {
    c: Chrome,
    unit: String,
    year: i32,
    rows: Vec<MonthRow>,
}

/// `GET /coercion-measures?unit=&year=`: sessions per unit and month, with forces, costs and
/// police steps late.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewReports>,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let year = year_of(&state, &q)?;
    let counts = counted(&state, access.unit.id, year).await?;
    let directory = state.directory();
    let rows = counts
        .into_iter()
        .map(|(m, total)| MonthRow {
            label: if total { lang.t("coercion_total").to_string() } else { directory.unit_label(m.unit) },
            code: directory.units.get(m.unit).map(|u| u.code.to_string()).unwrap_or_default(),
            total,
            sessions: m.months.iter().map(|x| x.sessions).collect(),
            costs: fmt::money(Vnd::new(m.total.costs_vnd).unwrap_or(Vnd::ZERO)),
            all: m.total,
        })
        .collect();
    Ok(CoercionPage { c: access.user.chrome(&state, lang), unit: access.unit.code.to_string(), year, rows }
        .into_response())
}

/// One unit's months.
#[derive(Serialize, ToSchema)]
pub struct CoercionUnitMonthsJson {
    /// the unit's code; `total` marks the row of the whole subtree
    unit: String,
    total: bool,
    months: Vec<CoercionMonthJson>,
}

/// What one month counted (the sessions' day decides the month).
#[derive(Serialize, ToSchema)]
pub struct CoercionMonthJson {
    /// 1–12; 0 for the year
    month: u8,
    sessions: u32,
    with_forces: u32,
    forces: u64,
    costs_vnd: i64,
    /// police steps done after their last day, or not done and past it
    police_late: u32,
}

fn month_json(m: &MonthCounts) -> CoercionMonthJson {
    CoercionMonthJson {
        month: m.month,
        sessions: m.sessions,
        with_forces: m.with_forces,
        forces: m.forces,
        costs_vnd: m.costs_vnd,
        police_late: m.police_late,
    }
}

/// Coercion measures per unit and month of a year
#[utoipa::path(
    get,
    path = "/api/v1/reports/coercion",
    params(
        ("unit" = Option<String>, Query, description = "unit code (default: the caller's unit): itself, each unit under it, the subtree"),
        YearQuery,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rows: the unit, each unit under it, the subtree's total; months 1–12, then the year as month 0", body = Vec<CoercionUnitMonthsJson>),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    access: Allowed<ViewReports>,
    Query(q): Query<YearQuery>,
) -> Result<Json<Vec<CoercionUnitMonthsJson>>, WebError> {
    let year = year_of(&state, &q)?;
    let counts = counted(&state, access.unit.id, year).await?;
    let directory = state.directory();
    Ok(Json(
        counts
            .into_iter()
            .map(|(m, total)| CoercionUnitMonthsJson {
                unit: directory.units.get(m.unit).map(|u| u.code.to_string()).unwrap_or_default(),
                total,
                months: m.months.iter().chain(std::iter::once(&m.total)).map(month_json).collect(),
            })
            .collect(),
    ))
}
