//! The API of reorganisations: `GET /api/v1/units/operations`, `POST /api/v1/units/merge`,
//! `POST /api/v1/units/split`, `POST /api/v1/units/rename`, `POST /api/v1/units/move` (each
//! `?unit=` the parent unit, whose `ManageUsers` the caller needs), annotated for the OpenAPI
//! document.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thads_app::Actor;
use thads_app::reorg::{self, Done, MergeRequest, SplitRequest};
use thads_core::UnitKind;
use thads_core::dates::parse_date;
use time::Date;
use utoipa::{OpenApi, ToSchema};

use crate::accounts::Allowed;
use crate::accounts::users::ManageUsers;
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::state::AppState;

/// The reorg room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, merge, split, rename, move_unit))]
pub struct ApiDoc;

/// At most this many units or cases in one request.
const MAX_ITEMS: usize = 100_000;

/// A recorded operation.
#[derive(Serialize, ToSchema)]
pub struct OperationJson {
    pub id: i64,
    /// merge, split, rename, move
    pub kind: String,
    #[schema(format = Date)]
    pub on: String,
    /// the units it changed: code, created, name before and after
    pub units: Vec<UnitChangeJson>,
    pub cases_moved: i64,
    pub staff_moved: i64,
    pub recorded_by: String,
    /// the custody money it handed over, as its answer gave it (`DoneJson::books`), read back
    /// from its ledger entries; empty when it moved none
    pub books: Vec<BooksHandedOverJson>,
}

#[derive(Serialize, ToSchema)]
pub struct UnitChangeJson {
    pub unit: String,
    pub created: bool,
    pub name_before: Option<String>,
    pub name_after: String,
    #[schema(format = Date)]
    pub closed_from: Option<String>,
}

/// What an operation did.
#[derive(Serialize, ToSchema)]
pub struct DoneJson {
    pub operation: i64,
    pub kind: String,
    #[schema(format = Date)]
    pub on: String,
    pub created: Vec<String>,
    pub cases_moved: i64,
    pub staff_moved: i64,
    /// the open rows of the other registers that followed their case or their unit
    pub followed: FollowedJson,
    /// the custody books of the provinces merged, handed over to the successor (a merge of
    /// provinces whose books hold money), the money of a unit moved under another province
    /// (its cases' and debtors'), or a split province's books, shared among its parts; empty
    /// otherwise
    pub books: Vec<BooksHandedOverJson>,
}

/// Custody money handed over by a reorganisation, dated `date`: a merged province's books
/// (every balance leaves them in one entry and enters the successor's in another), the money
/// of a moved unit's cases and debtors (leaving the old province's books from its bank,
/// treasury or cash), or a split province's: to each part after the first the money of its
/// cases and debtors, to the first what is left.
#[derive(Serialize, ToSchema)]
pub struct BooksHandedOverJson {
    /// the province whose books it leaves (merged or split, or the moved unit's old province)
    pub from: String,
    /// the province whose books it enters (the successor, a part of the split, or the moved
    /// unit's new province)
    pub to: String,
    #[schema(format = Date)]
    pub date: String,
    /// for a merge, and a split's first part, the cash, bank, treasury and savings deposits the
    /// books held (left); for a move, and a split's other parts, the money of the cases and
    /// debtors that moved
    pub holdings_vnd: i64,
    /// the entry out of the old books and the entry into the new ones
    pub entries: Vec<i64>,
}

/// Open rows of the other registers moved with their case or their unit, by register.
#[derive(Serialize, ToSchema)]
pub struct FollowedJson {
    pub complaints: i64,
    pub exemptions: i64,
    pub coercion_plans: i64,
    pub assets: i64,
    pub admin_judgments: i64,
    pub reception_days: i64,
    pub personnel: i64,
    /// online requests not yet registered or refused, moved to the successor's queue with
    /// their receipt number
    pub requests: i64,
}

fn done(d: Done) -> DoneJson {
    let f = d.followed;
    DoneJson {
        operation: d.operation,
        kind: d.kind.code().to_string(),
        on: d.on.to_string(),
        created: d.created,
        cases_moved: d.cases_moved,
        staff_moved: d.staff_moved,
        followed: FollowedJson {
            complaints: f.complaints,
            exemptions: f.exemptions,
            coercion_plans: f.coercion_plans,
            assets: f.assets,
            admin_judgments: f.admin_judgments,
            reception_days: f.reception_days,
            personnel: f.personnel,
            requests: f.requests,
        },
        books: d.books.into_iter().map(|b| books_json(b.from, b.to, b.date, b.holdings_vnd, b.entries)).collect(),
    }
}

/// One hand-over of custody money, by the codes of the books it leaves and enters.
fn books_json(from: String, to: String, date: Date, holdings_vnd: i128, entries: (i64, i64)) -> BooksHandedOverJson {
    BooksHandedOverJson {
        from,
        to,
        date: date.to_string(),
        holdings_vnd: i64::try_from(holdings_vnd).unwrap_or(i64::MAX),
        entries: vec![entries.0, entries.1],
    }
}

/// `{"into", "from": [..], "on", "name"?, "kind"?}`
#[derive(Deserialize, ToSchema)]
pub struct MergeBody {
    pub into: String,
    pub from: Vec<String>,
    /// YYYY-MM-DD or DD/MM/YYYY
    pub on: String,
    pub name: Option<String>,
    /// province, district, region (default: the predecessors' kind)
    pub kind: Option<String>,
}

/// `{"from", "into": [..], "on", "names"?, "cases": [[case_no, unit], ..], "rest"?}`
#[derive(Deserialize, ToSchema)]
pub struct SplitBody {
    pub from: String,
    pub into: Vec<String>,
    pub on: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub cases: Vec<(String, String)>,
    /// the rule for the cases the list leaves out: all of them to this unit (one of `into`);
    /// without it a case left out refuses the split
    pub rest: Option<String>,
}

/// `{"unit", "parent", "on"}`
#[derive(Deserialize, ToSchema)]
pub struct MoveBody {
    pub unit: String,
    /// the new parent: the caller's unit or a unit within it
    pub parent: String,
    pub on: String,
}

/// `{"unit", "name", "on"}`
#[derive(Deserialize, ToSchema)]
pub struct RenameBody {
    pub unit: String,
    pub name: String,
    pub on: String,
}

fn date(text: &str) -> Result<Date, WebError> {
    parse_date(text.trim()).map_err(|e| WebError::refused(e.to_string()))
}

/// Every code named must be a unit within the caller's unit (a code not yet used is a unit the
/// operation creates under it): `reorg::within_scope` on the server's view of the units.
pub(crate) fn within(state: &AppState, scope: &thads_core::Unit, codes: &[&str]) -> Result<(), WebError> {
    if codes.len() > MAX_ITEMS {
        return Err(WebError::refused("quá nhiều / too many items"));
    }
    Ok(thads_core::reorg::within_scope(&state.directory().units, scope.id, codes, &[])?)
}

/// A move: the unit moved must lie within the caller's unit, and its new parent be the caller's
/// unit or lie within it.
pub(crate) fn within_move(
    state: &AppState,
    scope: &thads_core::Unit,
    unit: &str,
    parent: &str,
) -> Result<(), WebError> {
    Ok(thads_core::reorg::within_scope(&state.directory().units, scope.id, &[unit], &[parent])?)
}

fn actor(access: &Allowed<ManageUsers>, state: &AppState) -> Actor {
    Actor { login: access.user.staff.login.to_string(), at: state.now() }
}

/// The reorganisations recorded, oldest first
#[utoipa::path(
    get,
    path = "/api/v1/units/operations",
    params(("unit" = Option<String>, Query, description = "unit code (default: the caller's unit)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Operations", body = Vec<OperationJson>),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    access: Allowed<ManageUsers>,
) -> Result<Json<Vec<OperationJson>>, WebError> {
    let (records, mut handed) = state
        .blocking(|s| Ok((s.store.reorg_operations()?, thads_app::reorg::books::handed_over(s.store.as_ref())?)))
        .await?;
    let directory = state.directory();
    let tree = &directory.units;
    let code = |u: thads_core::UnitId| tree.get(u).map(|x| x.code.to_string()).unwrap_or_default();
    let out = records
        .into_iter()
        .filter(|r| r.operation.changes.iter().any(|c| tree.covers(access.unit.id, c.unit)))
        .map(|r| OperationJson {
            id: r.operation.id,
            kind: r.operation.kind.code().to_string(),
            on: r.operation.on.to_string(),
            units: r
                .operation
                .changes
                .iter()
                .map(|c| UnitChangeJson {
                    unit: code(c.unit),
                    created: c.created,
                    name_before: c.before.as_ref().map(|b| b.name.clone()),
                    name_after: c.after.name.clone(),
                    closed_from: c.after.valid_to.and_then(|d| d.next_day()).map(|d| d.to_string()),
                })
                .collect(),
            cases_moved: r.cases_moved,
            staff_moved: r.staff_moved,
            recorded_by: r.recorded_by,
            books: handed
                .remove(&r.operation.id)
                .unwrap_or_default()
                .into_iter()
                .map(|h| books_json(code(h.from), code(h.to), h.date, h.holdings_vnd, h.entries))
                .collect(),
        })
        .collect();
    Ok(Json(out))
}

/// Merge units into one (created under their common parent when `into` is new; `name` then)
#[utoipa::path(
    post,
    path = "/api/v1/units/merge",
    params(("unit" = Option<String>, Query, description = "the parent unit (default: the caller's unit)")),
    request_body = MergeBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Merged", body = DoneJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
    )
)]
pub async fn merge(
    State(state): State<AppState>,
    access: Allowed<ManageUsers>,
    JsonBody(body): JsonBody<MergeBody>,
) -> Result<(StatusCode, Json<DoneJson>), WebError> {
    let mut codes: Vec<&str> = body.from.iter().map(String::as_str).collect();
    codes.push(&body.into);
    within(&state, &access.unit, &codes)?;
    let kind = body.kind.as_deref().map(UnitKind::parse).transpose().map_err(|e| WebError::refused(e.to_string()))?;
    let req = MergeRequest { into: body.into, from: body.from, on: date(&body.on)?, name: body.name, kind };
    let (actor, scope) = (actor(&access, &state), Some(access.unit.id));
    let d = state.blocking(move |s| Ok(reorg::merge_within(s.store.as_ref(), &actor, scope, &s.rules, &req)?)).await?;
    state.blocking(|s| s.follow_reference().map(drop)).await?;
    Ok((StatusCode::CREATED, Json(done(d))))
}

/// Split a unit, each of its cases sent where the list says (a case left out refuses it)
#[utoipa::path(
    post,
    path = "/api/v1/units/split",
    params(("unit" = Option<String>, Query, description = "the parent unit (default: the caller's unit)")),
    request_body = SplitBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Split", body = DoneJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
    )
)]
pub async fn split(
    State(state): State<AppState>,
    access: Allowed<ManageUsers>,
    JsonBody(body): JsonBody<SplitBody>,
) -> Result<(StatusCode, Json<DoneJson>), WebError> {
    let mut codes: Vec<&str> = body.into.iter().map(String::as_str).collect();
    codes.push(&body.from);
    if body.cases.len() > MAX_ITEMS {
        return Err(WebError::refused("quá nhiều việc / too many cases"));
    }
    codes.extend(body.rest.as_deref());
    within(&state, &access.unit, &codes)?;
    let req =
        SplitRequest { from: body.from, into: body.into, names: body.names, on: date(&body.on)?, cases: body.cases };
    let (actor, rest, scope) = (actor(&access, &state), body.rest, Some(access.unit.id));
    let d = state
        .blocking(move |s| {
            Ok(reorg::split_with_rest(s.store.as_ref(), &actor, scope, &s.rules, &req, rest.as_deref())?)
        })
        .await?;
    state.blocking(|s| s.follow_reference().map(drop)).await?;
    Ok((StatusCode::CREATED, Json(done(d))))
}

/// Rename a unit from a day (its earlier name stays for reports of before)
#[utoipa::path(
    post,
    path = "/api/v1/units/rename",
    params(("unit" = Option<String>, Query, description = "the parent unit (default: the caller's unit)")),
    request_body = RenameBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Renamed", body = DoneJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
    )
)]
pub async fn rename(
    State(state): State<AppState>,
    access: Allowed<ManageUsers>,
    JsonBody(body): JsonBody<RenameBody>,
) -> Result<(StatusCode, Json<DoneJson>), WebError> {
    within(&state, &access.unit, &[&body.unit])?;
    let on = date(&body.on)?;
    let (actor, scope) = (actor(&access, &state), Some(access.unit.id));
    let d = state
        .blocking(move |s| Ok(reorg::rename_within(s.store.as_ref(), &actor, scope, &body.unit, &body.name, on)?))
        .await?;
    state.blocking(|s| s.follow_reference().map(drop)).await?;
    Ok((StatusCode::CREATED, Json(done(d))))
}

/// Move a unit under another parent from a day (its earlier parent stays for reports of before)
#[utoipa::path(
    post,
    path = "/api/v1/units/move",
    params(("unit" = Option<String>, Query, description = "the parent unit (default: the caller's unit)")),
    request_body = MoveBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Moved", body = DoneJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
    )
)]
pub async fn move_unit(
    State(state): State<AppState>,
    access: Allowed<ManageUsers>,
    JsonBody(body): JsonBody<MoveBody>,
) -> Result<(StatusCode, Json<DoneJson>), WebError> {
    within_move(&state, &access.unit, body.unit.trim(), body.parent.trim())?;
    let on = date(&body.on)?;
    let (actor, scope) = (actor(&access, &state), Some(access.unit.id));
    let d = state
        .blocking(move |s| {
            Ok(reorg::move_within(s.store.as_ref(), &actor, scope, body.unit.trim(), body.parent.trim(), on)?)
        })
        .await?;
    state.blocking(|s| s.follow_reference().map(drop)).await?;
    Ok((StatusCode::CREATED, Json(done(d))))
}
