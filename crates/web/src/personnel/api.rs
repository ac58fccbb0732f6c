//! The registry's API (issue 23 contract): `GET /api/v1/staff` lists a scope's people,
//! `POST /api/v1/staff` adds one, `POST /api/v1/staff/import` takes the contract's CSV all or
//! nothing, `GET /api/v1/reports/staffing` answers `{"unit","posts","filled","by_rank"}`, and
//! `GET /api/v1/workload` the officers' workload. Annotated for the OpenAPI document.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use thads_app::Actor;
use thads_app::personnel::WorkloadLine;
use thads_app::personnel::{self as app, ImportOutcome};
use thads_core::access::Action;
use thads_core::dates::format_iso;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::paging::{page_of, per_page_of, slice};
use super::workload::{WorkloadParams, sorted, sums};
use super::{ManageStaff, PersonInput, ViewStaffing, bad};
use crate::accounts::{Allowed, User};
use crate::api::{self, ApiError, JsonBody};
use crate::error::WebError;
use crate::state::AppState;

/// The registry's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, create, import, staffing, workload))]
pub struct ApiDoc;

/// A person of the registry.
#[derive(Serialize, ToSchema)]
pub struct PersonJson {
    id: i64,
    unit: String,
    full_name: String,
    /// free text: Cục trưởng, Phó Trưởng phòng…
    title: String,
    /// chv_so_cap, chv_trung_cap, chv_cao_cap, tham_tra_vien, tham_tra_vien_chinh,
    /// tham_tra_vien_cao_cap, thu_ky, thu_ky_trung_cap, chuyen_vien, khac
    rank: &'static str,
    #[schema(required = true, format = Date)]
    appointed_on: Option<String>,
    #[schema(required = true, format = Date)]
    term_ends_on: Option<String>,
    /// the person's login, if any
    #[schema(required = true)]
    login: Option<String>,
    /// active or ended
    status: &'static str,
    #[schema(required = true, format = Date)]
    ended_on: Option<String>,
}

/// A page of the people of a scope.
#[derive(Serialize, ToSchema)]
pub struct PeopleJson {
    page: u64,
    per_page: u32,
    /// the people of the whole scope, every page
    total: usize,
    items: Vec<PersonJson>,
}

/// `?page=&per_page=` of the registry's and the workload's lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// from 1 (default 1)
    #[serde(default)]
    #[param(value_type = Option<u64>, minimum = 1)]
    page: String,
    /// 1–500 (default 100)
    #[serde(default)]
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    per_page: String,
}

/// Items an API page holds unless `per_page` says otherwise.
const PER_PAGE: u32 = 100;

impl PageParams {
    fn parse(&self) -> Result<(u64, u32), WebError> {
        Ok((page_of(&self.page)?, per_page_of(&self.per_page, PER_PAGE)?))
    }
}

/// The people of a unit's scope (ended ones too), by id, a page at a time
#[utoipa::path(
    get,
    path = "/api/v1/staff",
    params(("unit" = Option<String>, Query, description = "unit code; default: the caller's; its subtree"), PageParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The people", body = PeopleJson),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    access: Allowed<ViewStaffing>,
    Query(p): Query<PageParams>,
) -> Result<Json<PeopleJson>, WebError> {
    let (page, per_page) = p.parse()?;
    let scope: Vec<_> = state.directory().units.scope(access.unit.id).into_iter().collect();
    let mut people = state.blocking(move |s| Ok(s.store.people(Some(&scope))?)).await?;
    people.sort_by_key(|p| p.id.0);
    let total = people.len();
    let directory = state.directory();
    let items = slice(people, page, per_page)
        .iter()
        .map(|p| {
            let f = &p.facts;
            PersonJson {
                id: p.id.0,
                unit: directory.units.get(f.unit).map(|u| u.code.to_string()).unwrap_or_default(),
                full_name: f.full_name.clone(),
                title: f.title.clone(),
                rank: f.rank.code(),
                appointed_on: f.appointed_on.map(format_iso),
                term_ends_on: f.term_ends_on.map(format_iso),
                login: f.staff.and_then(|s| directory.staff.get(&s)).map(|s| s.login.to_string()),
                status: p.status.code(),
                ended_on: p.ended_on.map(format_iso),
            }
        })
        .collect();
    Ok(Json(PeopleJson { page, per_page, total, items }))
}

/// The body of `POST /api/v1/staff`.
#[derive(serde::Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct PersonBody {
    /// the unit's code; the caller must manage its accounts
    unit: String,
    full_name: String,
    title: Option<String>,
    /// a rank code (see `PersonJson.rank`)
    rank: String,
    /// yyyy-mm-dd or dd/mm/yyyy
    appointed_on: Option<String>,
    term_ends_on: Option<String>,
    /// a login of the same unit
    login: Option<String>,
}

/// Add a person to the registry
#[utoipa::path(
    post,
    path = "/api/v1/staff",
    request_body = PersonBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added: `{\"id\"}`"),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, description = "A bad field, named by `field`", body = ApiError),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    user: User,
    JsonBody(input): JsonBody<PersonInput>,
) -> Result<(StatusCode, Json<Value>), WebError> {
    let id = state
        .blocking(move |s| {
            let code = input.unit.trim().to_ascii_uppercase();
            let unit = s
                .directory()
                .units
                .by_code(&code)
                .map(|u| u.id)
                .ok_or_else(|| bad("unit", format!("không có đơn vị «{code}» / unknown unit «{code}»")))?;
            user.may(s, Action::ManageUsers { unit })?;
            let facts = input.parse(s, &user, unit)?;
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            Ok(app::add(s.store.as_ref(), &actor, &s.directory().units, facts)?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id.0 }))))
}

/// A bad row of an import.
#[derive(Serialize, ToSchema)]
pub struct RowJson {
    line: u64,
    reason: String,
}

/// Import people from the contract's CSV, all or nothing
#[utoipa::path(
    post,
    path = "/api/v1/staff/import",
    params(("unit" = Option<String>, Query, description = "the unit whose registry the caller keeps; every row's unit must be in the caller's scope")),
    request_body(content = String, content_type = "text/csv", description = "name,unit,title,rank,appointed_on,term_ends_on,login"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every row added: `{\"added\": N}`"),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, description = "Nothing added: `{\"code\": \"rows_refused\", \"message\", \"rows\": [{\"line\", \"reason\"}]}`", body = Vec<RowJson>),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    access: Allowed<ManageStaff>,
    body: Bytes,
) -> Result<Response, WebError> {
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| WebError::BadRequest("tệp phải là UTF-8 / the file must be UTF-8".into()))?;
    let user = access.user;
    let outcome = state
        .blocking(move |s| {
            let may = |unit| user.may(s, Action::ManageUsers { unit }).is_ok();
            let actor = Actor { login: user.staff.login.to_string(), at: s.now() };
            Ok(app::import_csv(s.store.as_ref(), &actor, &s.directory().units, &text, &may)?)
        })
        .await?;
    Ok(match outcome {
        ImportOutcome::Added(n) => Json(json!({ "added": n })).into_response(),
        ImportOutcome::Refused(rows) => {
            let rows: Vec<RowJson> = rows.into_iter().map(|r| RowJson { line: r.line, reason: r.reason }).collect();
            let body = json!({
                "code": "rows_refused",
                "message": "không dòng nào được nhập / nothing was imported",
                "rows": rows,
            });
            (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
        }
    })
}

/// The staffing of a unit's scope, as the contract writes it
#[utoipa::path(
    get,
    path = "/api/v1/reports/staffing",
    params(("unit" = Option<String>, Query, description = "unit code (default: the caller's unit); its subtree")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "`{\"unit\", \"posts\", \"filled\", \"by_rank\": {RANK: N}}`: posts allowed, people working, people working by rank"),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn staffing(State(state): State<AppState>, access: Allowed<ViewStaffing>) -> Result<Json<Value>, WebError> {
    let (unit, today) = (access.unit.id, state.today());
    let r = state.blocking(move |s| Ok(app::report(s.store.as_ref(), &s.directory().units, unit, today, 6)?)).await?;
    Ok(Json(app::staffing_json(access.unit.code.as_str(), &r.total)))
}

/// One officer's workload.
#[derive(Serialize, ToSchema)]
pub struct WorkloadJson {
    unit: String,
    /// null: the cases no officer is assigned to
    #[schema(required = true)]
    login: Option<String>,
    /// the registry's name of the person linked to the login, else the account's
    name: String,
    in_hand: u64,
    with_means: u64,
    without_means: u64,
    /// đồng still owed on the cases in hand
    outstanding_vnd: i64,
    overdue_deadlines: u64,
    /// completed or terminated cases
    done: u64,
    /// done / (done + with means in hand), "62.50"; null when nothing to complete
    #[schema(required = true)]
    completion_rate: Option<String>,
}

/// The officers' workload in a unit's scope, a page at a time
#[utoipa::path(
    get,
    path = "/api/v1/workload",
    params(
        ("unit" = Option<String>, Query, description = "unit code (default: the caller's unit); its subtree"),
        ("sort" = Option<String>, Query, description = "name (default: by unit then name), unit, in_hand, with_means, without_means, outstanding, overdue, rate"),
        ("desc" = Option<String>, Query, description = "1: the sort descending"),
        PageParams,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "`{\"page\", \"per_page\", \"total\", \"totals\", \"items\": [...]}`: `total` lines in the whole scope, `totals` their sums (one line, `login` null, `name` empty), `items` this page's lines", body = Vec<WorkloadJson>),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn workload(
    State(state): State<AppState>,
    access: Allowed<ViewStaffing>,
    Query(p): Query<PageParams>,
    Query(order): Query<WorkloadParams>,
) -> Result<Json<Value>, WebError> {
    let (page, per_page) = p.parse()?;
    let (unit, today) = (access.unit.id, state.today());
    let lines =
        state.blocking(move |s| Ok(app::workload(s.store.as_ref(), &s.directory().units, unit, today)?)).await?;
    let lines = sorted(lines, &order.sort, order.desc == "1")?;
    let directory = state.directory();
    let json_of = |l: WorkloadLine| WorkloadJson {
        unit: directory.units.get(l.unit).map(|u| u.code.to_string()).unwrap_or_default(),
        login: l.login,
        name: l.name,
        in_hand: l.in_hand,
        with_means: l.with_means,
        without_means: l.without_means,
        outstanding_vnd: i64::try_from(l.outstanding).unwrap_or(i64::MAX),
        overdue_deadlines: l.overdue,
        done: l.done,
        completion_rate: l.rate.map(|p| p.to_string()),
    };
    let (total, totals) = (lines.len(), sums(&lines));
    let mut totals = json_of(totals);
    totals.unit = access.unit.code.to_string();
    let items: Vec<WorkloadJson> = slice(lines, page, per_page).into_iter().map(json_of).collect();
    Ok(Json(json!({ "page": page, "per_page": per_page, "total": total, "totals": totals, "items": items })))
}
