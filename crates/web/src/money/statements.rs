//! Bank statements of a province's custody account (issue 18), through the API and the
//! accountant's page: a CSV imported whole or not at all (every bad row listed, nothing kept),
//! each line matched to a receipt or a payout (`thads_app::money::statements`); a statement's
//! lines with what each matched. Who may: `HandleMoney` to import, `ViewMoney` to read, on the
//! unit named (its province's books hold the statement); a statement of other books is 404.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use thads_app::actor::Actor;
use thads_app::money::books_of;
use thads_app::money::statements::{self, Imported};
use thads_core::UnitId;
use thads_core::access::Action;
use thads_core::dates::{format_iso, format_vn};
use thads_core::money::ReceiptNo;
use thads_store::{StatementLineRow, StatementRecord};
use utoipa::{OpenApi, ToSchema};

use super::{HandleMoney, ViewMoney};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::api::{self, JsonBody};
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::refusal::Refusal;
use crate::state::AppState;

/// The bank statements' part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(create_statement, get_statement))]
pub struct StatementsApiDoc;

/// `POST /api/v1/statements`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct StatementBody {
    /// the code of the unit importing it (its province's custody account); the caller's own when
    /// omitted
    unit: Option<String>,
    /// the bank's export: a header naming `date` (ngay), `amount` (so_tien: in positive, out
    /// negative, whole đồng) and optionally `reference` (noi_dung); comma or semicolon
    /// separated; at most 10,000 rows and 2 MiB
    csv: String,
}

/// A line of a statement.
#[derive(Serialize, ToSchema)]
pub struct StatementLineJson {
    /// its row in the file (the header is row 1)
    row: u32,
    /// yyyy-mm-dd
    date: String,
    /// in or out
    direction: String,
    amount_vnd: i64,
    reference: String,
    /// the receipt by transfer it matched (money in)
    receipt_id: Option<i64>,
    /// the payout by transfer or post it matched (money out)
    payout_id: Option<i64>,
}

/// A statement imported: how many lines, how many matched, and the lines nothing matched.
#[derive(Serialize, ToSchema)]
pub struct StatementImported {
    id: i64,
    lines: usize,
    matched: usize,
    unmatched: Vec<StatementLineJson>,
}

/// A stored statement with all its lines.
#[derive(Serialize, ToSchema)]
pub struct StatementJson {
    id: i64,
    imported_by: String,
    lines: Vec<StatementLineJson>,
}

fn line_json(l: &StatementLineRow) -> StatementLineJson {
    StatementLineJson {
        row: l.row,
        date: format_iso(l.date),
        direction: l.direction.clone(),
        amount_vnd: l.amount,
        reference: l.reference.clone(),
        receipt_id: l.receipt,
        payout_id: l.payout,
    }
}

/// Imports `csv` into the books of `office`'s province: the statement kept, or a 422 listing
/// every bad row (as `problems`, each `{row, message}`).
async fn import(
    state: &AppState,
    user: &User,
    office: UnitId,
    csv: String,
) -> Result<Result<Imported, Response>, WebError> {
    let unit = books_of(&state.directory().units, office).map_err(WebError::from)?;
    let actor = Actor { login: user.staff.login.to_string(), at: state.now() };
    let outcome = state.blocking(move |s| Ok(statements::import(s.store.as_ref(), &actor, unit, &csv)?)).await?;
    Ok(outcome.map_err(|rows| {
        let listed: Vec<String> =
            rows.iter().map(|b| format!("dòng {} / row {}: {}", b.row, b.row, b.message)).collect();
        let body = json!({
            "code": "invalid_field",
            "field": "csv",
            "message": listed.join("; "),
            "problems": rows.iter().map(|b| json!({ "row": b.row, "message": b.message })).collect::<Vec<_>>(),
        });
        (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
    }))
}

/// Import a bank statement (CSV) and match it to receipts and payouts
#[utoipa::path(
    post,
    path = "/api/v1/statements",
    request_body = StatementBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Imported whole", body = StatementImported),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, description = "Nothing imported: `problems` lists every row that does not read, `{row, message}`"),
    )
)]
pub async fn create_statement(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<Response, WebError> {
    let code = super::api::text(&body, "unit")?.trim().to_ascii_uppercase();
    let unit = if code.is_empty() {
        user.unit()
    } else {
        state.directory().units.by_code(&code).map(|u| u.id).ok_or_else(|| {
            WebError::Refused(Refusal::of_field("unit", format!("mã đơn vị không có «{code}» / unknown unit «{code}»")))
        })?
    };
    user.may(&state, Action::HandleMoney { unit })?;
    let csv = super::api::text(&body, "csv")?;
    Ok(match import(&state, &user, unit, csv).await? {
        Ok(done) => {
            let answer = StatementImported {
                id: done.id,
                lines: done.lines,
                matched: done.matched,
                unmatched: done.unmatched.iter().map(line_json).collect(),
            };
            (StatusCode::CREATED, Json(answer)).into_response()
        }
        Err(refused) => refused,
    })
}

/// The statement `id` if it is in the books of the unit the reader was allowed on.
async fn visible(state: &AppState, unit: UnitId, id: i64) -> Result<StatementRecord, WebError> {
    let books = books_of(&state.directory().units, unit).map_err(|_| WebError::NotFound)?;
    let s = state.lookup(move |s| Ok(s.store.statement(id)?)).await?.ok_or(WebError::NotFound)?;
    if s.statement.unit == books { Ok(s) } else { Err(WebError::NotFound) }
}

/// A bank statement and its lines, each with the receipt or payout it matched
#[utoipa::path(
    get,
    path = "/api/v1/statements/{id}",
    params(
        ("id" = i64, Path, description = "the statement's id"),
        ("unit" = String, Query, description = "the code of a unit whose province's books hold it"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The statement", body = StatementJson),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn get_statement(
    State(state): State<AppState>,
    access: Allowed<ViewMoney>,
    Path(id): Path<i64>,
) -> Result<Json<StatementJson>, WebError> {
    let s = visible(&state, access.unit.id, id).await?;
    Ok(Json(StatementJson {
        id: s.id,
        imported_by: s.statement.by.clone(),
        lines: s.statement.lines.iter().map(line_json).collect(),
    }))
}

#[derive(Deserialize, Default)]
pub struct StatementForm {
    #[serde(default)]
    csv: String,
}

/// `POST /money/statements?unit=`: the statement's page, or the day's page with every bad row.
pub async fn upload(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<HandleMoney>,
    CsrfForm { user, form }: CsrfForm<StatementForm>,
) -> Result<Response, WebError> {
    let unit = access.unit.code.to_string();
    match import(&state, &user, access.unit.id, form.csv).await {
        Ok(Ok(done)) => Ok(see_other_saying(&format!("/money/statements/{}?unit={unit}", done.id), Flash::Saved)),
        Ok(Err(refused)) => {
            let message = statement_problems(refused).await;
            let error = WebError::Refused(Refusal::of_field("csv", message));
            super::pages::page_with_error(&state, lang, &access.user, &access.unit, &error).await
        }
        Err(e @ (WebError::Refused(_) | WebError::Forbidden(_) | WebError::BadRequest(_))) => {
            super::pages::page_with_error(&state, lang, &access.user, &access.unit, &e).await
        }
        Err(e) => Err(e),
    }
}

/// The bad rows of a refused import, as one message.
async fn statement_problems(refused: Response) -> String {
    let bytes = axum::body::to_bytes(refused.into_body(), 1 << 20).await.unwrap_or_default();
    serde_json::from_slice::<Value>(&bytes)
        .ok()
        .and_then(|v| v["message"].as_str().map(str::to_string))
        .unwrap_or_default()
}

pub struct LineRow {
    pub row: u32,
    pub date: String,
    pub direction: &'static str,
    pub amount: String,
    pub reference: String,
    pub matched: String,
    pub link: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "money/statement.html")]
struct StatementPage {
    c: Chrome,
    unit: String,
    id: i64,
    by: String,
    matched: usize,
    lines: Vec<LineRow>,
}

/// `GET /money/statements/{id}?unit=`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewMoney>,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let s = visible(&state, access.unit.id, id).await?;
    let receipts: Vec<i64> = s.statement.lines.iter().filter_map(|l| l.receipt).collect();
    let numbers = state
        .lookup(move |st| {
            let mut out = std::collections::HashMap::new();
            for r in receipts {
                if let Some(found) = st.store.receipt(r)? {
                    out.insert(r, ReceiptNo { year: found.year, number: found.number }.to_string());
                }
            }
            Ok(out)
        })
        .await?;
    let lines: Vec<LineRow> = s
        .statement
        .lines
        .iter()
        .map(|l| {
            let (matched, link) = match (l.receipt, l.payout) {
                (Some(r), _) => (
                    format!("{} {}", lang.t("money_receipt"), numbers.get(&r).cloned().unwrap_or_default()),
                    format!("/money/receipts/{r}"),
                ),
                (None, Some(p)) => (format!("{} #{p}", lang.t("money_payout")), String::new()),
                _ => (lang.t("money_unmatched").to_string(), String::new()),
            };
            LineRow {
                row: l.row,
                date: format_vn(l.date),
                direction: if l.direction == "in" { lang.t("money_in") } else { lang.t("money_out") },
                amount: crate::fmt::money_sum(thads_core::VndSum(i128::from(l.amount))),
                reference: l.reference.clone(),
                matched,
                link,
            }
        })
        .collect();
    let matched = s.statement.lines.iter().filter(|l| l.receipt.is_some() || l.payout.is_some()).count();
    let page = StatementPage {
        c: access.user.chrome(&state, lang),
        unit: access.unit.code.to_string(),
        id: s.id,
        by: s.statement.by.clone(),
        matched,
        lines,
    };
    Ok(page.into_response())
}
