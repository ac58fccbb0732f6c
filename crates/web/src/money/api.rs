//! Money through the API (issue 18 contract): receipts and their cancellation, distributions
//! of a debtor's money, payouts, and a case's money. Each handler is annotated for the OpenAPI
//! document and listed in `ApiDoc`. Who may: `HandleMoney` (admin, head, accountant) on the
//! unit the money is taken in or the case's unit; a case or receipt the caller may not see is
//! 404.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thads_app::actor::Actor;
use thads_app::money::books;
use thads_app::money::distributions::{DistributionInput, distribute_held};
use thads_app::money::payouts::{PayoutInput, pay};
use thads_app::money::receipts::{self, ReceiptInput};
use thads_core::access::Action;
use thads_core::money::party::DebtorId;
use thads_core::money::receipt::PaymentMethod;
use thads_core::money::{PayeeKind, PayoutMethod, ReceiptFor, Vnd};
use thads_core::{CaseId, UnitId};
use utoipa::{OpenApi, ToSchema};

use crate::accounts::{CaseAccess, User};
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::AppState;

/// The money room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(create_receipt, cancel_receipt, create_distribution, create_payout, case_money))]
pub struct ApiDoc;

pub(super) fn refuse(field: &'static str, message: impl Into<String>) -> WebError {
    WebError::Refused(Refusal::of_field(field, message))
}

pub(super) fn text(body: &Value, field: &'static str) -> Result<String, WebError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(refuse(field, "cần một chuỗi / a string is expected")),
    }
}

pub(super) fn amount(body: &Value, field: &'static str, required: bool) -> Result<Vnd, WebError> {
    match body.get(field) {
        None | Some(Value::Null) if !required => Ok(Vnd::ZERO),
        Some(Value::Number(n)) => n
            .as_i64()
            .and_then(|d| Vnd::new(d).ok())
            .ok_or_else(|| refuse(field, "cần số đồng nguyên không âm / whole đồng, not negative")),
        _ => Err(refuse(field, "cần số đồng nguyên / whole đồng expected")),
    }
}

pub(super) fn date(state: &AppState, body: &Value, field: &'static str) -> Result<time::Date, WebError> {
    let t = text(body, field)?;
    if t.trim().is_empty() {
        return Ok(state.today());
    }
    thads_core::dates::parse_date(t.trim()).map_err(|e| refuse(field, e.to_string()))
}

pub(super) fn id_of(body: &Value, field: &'static str) -> Result<Option<i64>, WebError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            n.as_i64().map(Some).ok_or_else(|| refuse(field, "cần một số / a number is expected"))
        }
        // A form's value, as text.
        Some(Value::String(s)) => {
            s.trim().parse::<i64>().map(Some).map_err(|_| refuse(field, "cần một số / a number is expected"))
        }
        Some(_) => Err(refuse(field, "cần một số / a number is expected")),
    }
}

/// The unit named by code in a body (`unit`), or the caller's own.
fn unit_of(state: &AppState, user: &User, body: &Value) -> Result<UnitId, WebError> {
    let code = text(body, "unit")?.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(user.unit());
    }
    state
        .directory()
        .units
        .by_code(&code)
        .map(|u| u.id)
        .ok_or_else(|| refuse("unit", format!("mã đơn vị không có «{code}» / unknown unit code «{code}»")))
}

/// A case the caller may see, and `HandleMoney` on its unit (hidden: 404).
pub(super) async fn money_case(state: &AppState, user: &User, id: i64) -> Result<thads_core::Case, WebError> {
    let case = state.lookup(move |s| Ok(s.store.case(CaseId(id))?)).await?.ok_or(WebError::NotFound)?;
    user.may(state, Action::ViewCase { unit: case.facts.unit }).map_err(|_| WebError::NotFound)?;
    user.may(state, Action::HandleMoney { unit: case.facts.unit })?;
    Ok(case)
}

pub(super) fn actor(state: &AppState, user: &User) -> Actor {
    Actor { login: user.staff.login.to_string(), at: state.now() }
}

/// `POST /api/v1/receipts`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct ReceiptBody {
    /// the code of the unit taking the money (a province or one of its regional sections); the
    /// receipt is numbered in its province's series. Ignored with `case_id` (the case's unit)
    unit: Option<String>,
    /// the case the money is for: its `collected` money at once
    case_id: Option<i64>,
    /// or the debtor's identity number: held for the debtor until a distribution
    debtor_id: Option<String>,
    /// yyyy-mm-dd or dd/mm/yyyy; today when omitted; not after today, not in a closed day
    date: Option<String>,
    #[schema(minimum = 1)]
    amount_vnd: i64,
    payer: String,
    /// cash or transfer
    method: String,
}

/// A receipt issued: its number in the province's series of its calendar year.
#[derive(Serialize, ToSchema)]
pub struct ReceiptIssued {
    id: i64,
    number: u32,
    year: i32,
}

/// Issue a receipt (biên lai thu tiền)
#[utoipa::path(
    post,
    path = "/api/v1/receipts",
    request_body = ReceiptBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Issued", body = ReceiptIssued),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn create_receipt(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<ReceiptIssued>), WebError> {
    let (office, paid_for) = match id_of(&body, "case_id")? {
        Some(id) => {
            let case = money_case(&state, &user, id).await?;
            (case.facts.unit, ReceiptFor::Case(case.id))
        }
        None => {
            let unit = unit_of(&state, &user, &body)?;
            user.may(&state, Action::HandleMoney { unit })?;
            let debtor = DebtorId::new(&text(&body, "debtor_id")?).map_err(|e| refuse("debtor_id", e.to_string()))?;
            (unit, ReceiptFor::Debtor(debtor))
        }
    };
    let input = receipt_input(&state, &body, office, paid_for)?;
    let issued = issue(&state, &user, input).await?;
    Ok((
        StatusCode::CREATED,
        Json(ReceiptIssued { id: issued.id, number: issued.number.number, year: issued.number.year }),
    ))
}

pub(super) fn receipt_input(
    state: &AppState,
    body: &Value,
    office: UnitId,
    paid_for: ReceiptFor,
) -> Result<ReceiptInput, WebError> {
    let method = PaymentMethod::parse(&text(body, "method")?).map_err(|e| refuse("method", e.to_string()))?;
    Ok(ReceiptInput {
        office,
        paid_for,
        date: date(state, body, "date")?,
        amount: amount(body, "amount_vnd", true)?,
        payer: text(body, "payer")?,
        method,
    })
}

/// Issues the receipt; a receipt on a case moves the live statistics with its event.
pub(super) async fn issue(state: &AppState, user: &User, input: ReceiptInput) -> Result<receipts::Issued, WebError> {
    let actor = actor(state, user);
    state
        .blocking(move |s| {
            let units = s.directory().units.clone();
            let mut issued = None;
            let result = s.engine.write(s.store.as_ref(), &s.rules, || {
                let done = receipts::issue(s.store.as_ref(), &actor, &s.rules, &units, input)?;
                let changed = done.changed.clone();
                issued = Some(done);
                changed.ok_or(WebError::NotFound)
            });
            match (result, issued) {
                (_, Some(done)) => Ok(done),
                (Err(e), None) => Err(e),
                (Ok(_), None) => Err(WebError::internal("receipt without result")),
            }
        })
        .await
}

/// `POST /api/v1/receipts/{id}/cancel`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct CancelBody {
    /// why (required); the receipt keeps its number
    reason: String,
    /// the day of the cancellation; today when omitted
    date: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReceiptCancelled {
    id: i64,
    cancelled: bool,
}

/// Cancel a receipt: its entry is reversed, its event voided, its number stays used
#[utoipa::path(
    post,
    path = "/api/v1/receipts/{id}/cancel",
    params(("id" = i64, Path, description = "the receipt's id")),
    request_body = CancelBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Cancelled", body = ReceiptCancelled),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn cancel_receipt(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<Value>,
) -> Result<Json<ReceiptCancelled>, WebError> {
    cancel(&state, &user, id, &body).await?;
    Ok(Json(ReceiptCancelled { id, cancelled: true }))
}

pub(super) async fn cancel(state: &AppState, user: &User, id: i64, body: &Value) -> Result<(), WebError> {
    let receipt = state.lookup(move |s| Ok(s.store.receipt(id)?)).await?.ok_or(WebError::NotFound)?;
    let unit = receipt_keeper(state, user, &receipt.receipt).await?;
    user.may(state, Action::ViewMoney { unit }).map_err(|_| WebError::NotFound)?;
    user.may(state, Action::HandleMoney { unit })?;
    let reason = text(body, "reason")?;
    let on = date(state, body, "date")?;
    let actor = actor(state, user);
    state
        .blocking(move |s| {
            let units = s.directory().units.clone();
            s.engine.write(s.store.as_ref(), &s.rules, || {
                let changed = receipts::cancel(s.store.as_ref(), &actor, &s.rules, &units, id, on, &reason)?;
                changed.ok_or(WebError::NotFound)
            })
        })
        .await
        .map(|_| ())
        .or_else(|e| if matches!(e, WebError::NotFound) { Ok(()) } else { Err(e) })
}

/// The unit whose staff keep `receipt`: the office that took the money, or, for a reader outside
/// it, the books that hold the money now (the successor's once a merge handed the province's
/// books over, the first part's after a split: `reorg::books::books_holding`), so that the
/// accountants of the books that took them over find and cancel their receipts.
pub(super) async fn receipt_keeper(
    state: &AppState,
    user: &User,
    receipt: &thads_store::NewReceipt,
) -> Result<UnitId, WebError> {
    if user.may(state, Action::ViewMoney { unit: receipt.office }).is_ok() {
        return Ok(receipt.office);
    }
    let issuer = receipt.unit;
    state
        .lookup(move |s| Ok(thads_app::reorg::books::books_holding(s.store.as_ref(), &s.directory().units, issuer)?))
        .await
}

/// `POST /api/v1/distributions`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct DistributionBody {
    /// the unit's code (its province's books hold the debtor's money)
    unit: String,
    debtor_id: String,
    /// yyyy-mm-dd; today when omitted
    date: Option<String>,
    /// at most what is held for the debtor and not yet distributed (422 above)
    #[schema(minimum = 1)]
    amount_vnd: i64,
    /// enforcement and coercion costs, taken first
    #[schema(minimum = 0)]
    costs_vnd: Option<i64>,
    /// the day of the coercion decision the money came from: its cases first
    coercion_on: Option<String>,
    /// the money is the price of the debtor's sole home: `rent_reserve_vnd` is set aside after
    /// the costs (Điều 115 khoản 5; the ladder is rule data with its citation)
    sole_home_sold: Option<bool>,
    /// one year's rent, deducted when `sole_home_sold`; returned to the debtor
    #[schema(minimum = 0)]
    rent_reserve_vnd: Option<i64>,
    /// the debtor's cases whose creditors are secured by the asset sold: paid right after the
    /// costs, before every rank (422 for a case not of this debtor)
    secured_case_ids: Option<Vec<i64>>,
}

#[derive(Serialize, ToSchema)]
pub struct AllocationJson {
    case_id: i64,
    case_no: String,
    rank: u8,
    allocated_vnd: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Distributed {
    id: i64,
    costs_vnd: i64,
    /// the rent reserve set aside (part of `returned_to_debtor_vnd`)
    rent_reserve_vnd: i64,
    allocations: Vec<AllocationJson>,
    returned_to_debtor_vnd: i64,
}

/// Distribute money held for a debtor across the debtor's cases in the province
#[utoipa::path(
    post,
    path = "/api/v1/distributions",
    request_body = DistributionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Distributed: each allocation is that case's collected money", body = Distributed),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, response = api::Refused),
    )
)]
pub async fn create_distribution(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<Distributed>), WebError> {
    let unit = unit_of(&state, &user, &body)?;
    user.may(&state, Action::HandleMoney { unit })?;
    let input = distribution_input(&state, &body, unit)?;
    let d = distribute(&state, &user, input).await?;
    let allocations = d
        .distribution
        .allocations
        .iter()
        .map(|a| AllocationJson {
            case_id: a.case.0,
            case_no: a.case_no.to_string(),
            rank: a.rank.number(),
            allocated_vnd: a.total().dong(),
        })
        .collect();
    let returned = d.distribution.returned_to_debtor.dong() + d.distribution.rent_reserve.dong();
    Ok((
        StatusCode::CREATED,
        Json(Distributed {
            id: d.id,
            costs_vnd: d.distribution.costs.dong(),
            rent_reserve_vnd: d.distribution.rent_reserve.dong(),
            allocations,
            returned_to_debtor_vnd: returned,
        }),
    ))
}

pub(super) fn distribution_input(state: &AppState, body: &Value, unit: UnitId) -> Result<DistributionInput, WebError> {
    let debtor = DebtorId::new(&text(body, "debtor_id")?).map_err(|e| refuse("debtor_id", e.to_string()))?;
    let coercion = text(body, "coercion_on")?;
    let coercion_on = match coercion.trim() {
        "" => None,
        t => Some(thads_core::dates::parse_date(t).map_err(|e| refuse("coercion_on", e.to_string()))?),
    };
    Ok(DistributionInput {
        office: unit,
        debtor,
        date: date(state, body, "date")?,
        amount: amount(body, "amount_vnd", true)?,
        costs: amount(body, "costs_vnd", false)?,
        coercion_on,
        sole_home_sold: flag(body, "sole_home_sold")?,
        rent_reserve: amount(body, "rent_reserve_vnd", false)?,
        secured: case_ids(body, "secured_case_ids")?,
    })
}

/// A yes/no field: JSON `true`/`false`, or a form's checkbox (`on`, `true`, `1`); absent: no.
pub(super) fn flag(body: &Value, field: &'static str) -> Result<bool, WebError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) => match s.trim() {
            "" | "false" | "0" | "off" => Ok(false),
            "on" | "true" | "1" => Ok(true),
            _ => Err(refuse(field, "cần true hoặc false / true or false expected")),
        },
        Some(_) => Err(refuse(field, "cần true hoặc false / true or false expected")),
    }
}

/// A list of case ids (at most 1,000): a JSON array of numbers, or a form's text of numbers
/// separated by commas or spaces.
fn case_ids(body: &Value, field: &'static str) -> Result<Vec<CaseId>, WebError> {
    const MAX: usize = 1_000;
    let bad = || refuse(field, "cần danh sách mã việc / a list of case ids is expected");
    let ids: Vec<i64> = match body.get(field) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(|v| v.as_i64().ok_or_else(bad)).collect::<Result<_, _>>()?,
        Some(Value::String(s)) => s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(|t| if t.len() > 19 { Err(bad()) } else { t.parse::<i64>().map_err(|_| bad()) })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(bad()),
    };
    if ids.len() > MAX {
        return Err(refuse(field, format!("tối đa {MAX} việc / at most {MAX} cases")));
    }
    Ok(ids.into_iter().map(CaseId).collect())
}

pub(super) async fn distribute(
    state: &AppState,
    user: &User,
    input: DistributionInput,
) -> Result<thads_app::money::distributions::Distributed, WebError> {
    let actor = actor(state, user);
    // Many cases change at once: the live statistics reload on their next read (the ledger's
    // generation moved), rather than following each case here.
    state
        .blocking(move |s| {
            let units = s.directory().units.clone();
            Ok(distribute_held(s.store.as_ref(), &actor, &s.rules, &units, input)?)
        })
        .await
}

/// `POST /api/v1/payouts`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct PayoutBody {
    case_id: i64,
    /// yyyy-mm-dd; today when omitted
    date: Option<String>,
    /// taken from the case's money: the payee receives it less the fee withheld; at most what is
    /// held for the case (422 above)
    #[schema(minimum = 1)]
    amount_vnd: i64,
    /// cash, transfer or post (organisations: transfer only; post: small sums only)
    method: String,
    /// the payee's name
    payee: String,
    /// individual (default) or organisation
    payee_kind: Option<String>,
    /// the identity document shown (căn cước, passport, tax code)
    payee_id: Option<String>,
    /// where a payout by post (bưu điện) is sent: required with method post
    payee_address: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PaidOut {
    id: i64,
    /// what the payee received
    paid_vnd: i64,
    /// the enforcement fee withheld (rate table: Thông tư 216/2016/TT-BTC, unconfirmed)
    fee_vnd: i64,
}

/// Pay out a case's money to its creditor
#[utoipa::path(
    post,
    path = "/api/v1/payouts",
    request_body = PayoutBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Paid out", body = PaidOut),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn create_payout(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<PaidOut>), WebError> {
    let id = id_of(&body, "case_id")?.ok_or_else(|| refuse("case_id", "cần mã việc / case_id is required"))?;
    let case = money_case(&state, &user, id).await?;
    let input = payout_input(&state, &body, case.id)?;
    let done = payout(&state, &user, input).await?;
    Ok((StatusCode::CREATED, Json(PaidOut { id: done.id, paid_vnd: done.paid.dong(), fee_vnd: done.fee.dong() })))
}

pub(super) fn payout_input(state: &AppState, body: &Value, case: CaseId) -> Result<PayoutInput, WebError> {
    let method = PayoutMethod::parse(&text(body, "method")?)
        .ok_or_else(|| refuse("method", "hình thức chi: cash, transfer, post / method: cash, transfer or post"))?;
    let payee_kind = match text(body, "payee_kind")?.trim() {
        "" | "individual" => PayeeKind::Individual,
        "organisation" => PayeeKind::Organisation,
        _ => return Err(refuse("payee_kind", "individual hoặc organisation / individual or organisation")),
    };
    let payee_id = text(body, "payee_id")?;
    Ok(PayoutInput {
        case,
        date: date(state, body, "date")?,
        amount: amount(body, "amount_vnd", true)?,
        method,
        payee_kind,
        payee: text(body, "payee")?,
        payee_id: (!payee_id.trim().is_empty()).then_some(payee_id),
        payee_address: Some(text(body, "payee_address")?).filter(|a| !a.trim().is_empty()),
    })
}

pub(super) async fn payout(
    state: &AppState,
    user: &User,
    input: PayoutInput,
) -> Result<thads_app::money::payouts::PaidOut, WebError> {
    let actor = actor(state, user);
    state
        .blocking(move |s| {
            let units = s.directory().units.clone();
            Ok(pay(s.store.as_ref(), &actor, &units, input)?)
        })
        .await
}

/// A case's money from the custody ledger.
#[derive(Serialize, ToSchema)]
pub struct CaseMoneyJson {
    /// received for the case: its receipts and its allocations
    collected_vnd: i64,
    /// the part of collected that came from distributions
    allocated_vnd: i64,
    /// what its creditor received
    paid_out_vnd: i64,
    /// still in custody for the case
    held_vnd: i64,
    /// enforcement fees withheld
    fees_vnd: i64,
    /// interest of savings deposits added to the case's money (part of held)
    interest_vnd: i64,
    /// the part of held in savings deposits (withdraw it before paying it out)
    savings_vnd: i64,
}

/// A case's money (collected, allocated, paid out, held, fees)
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}/money",
    params(("id" = i64, Path, description = "the case's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case's money", body = CaseMoneyJson),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn case_money(State(state): State<AppState>, access: CaseAccess) -> Result<Json<CaseMoneyJson>, WebError> {
    let id = access.case.id;
    let m = state.lookup(move |s| Ok(books::case_money(s.store.as_ref(), id)?)).await?;
    let n = |v: thads_core::VndSum| i64::try_from(v.dong()).unwrap_or(i64::MAX);
    Ok(Json(CaseMoneyJson {
        collected_vnd: n(m.collected),
        allocated_vnd: n(m.allocated),
        paid_out_vnd: n(m.paid_out),
        held_vnd: n(m.held),
        fees_vnd: n(m.fees),
        interest_vnd: n(m.interest),
        savings_vnd: n(m.savings),
    }))
}
