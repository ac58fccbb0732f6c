//! Unclaimed money through the API: a notice to the payee (`POST /api/v1/savings/notices`), a
//! savings deposit of a case's money (`POST /api/v1/savings`), interest credited on it and a
//! withdrawal back to the custody account (`POST /api/v1/savings/{id}/interest`, `/withdraw`),
//! and a province's deposits and unclaimed cases (`GET /api/v1/savings?unit=`; above the
//! provinces, such as the national body, those of every province the unit covers). Who may:
//! `HandleMoney` on the case's unit (a deposit: its case's), `ViewMoney` to read; a case or
//! deposit the caller may not see is 404. The pages (`super::savings_pages`) post to the same
//! use cases.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thads_app::money::books_of;
use thads_app::money::savings::{
    self as app, DepositInput, DepositLine, NoticeInput, OnDeposit, UnclaimedCase, deposit_record,
};
use thads_core::dates::format_iso;
use thads_core::money::NoticeHow;
use thads_core::money::custody::Account;
use thads_core::{CaseId, UnitId};
use utoipa::{OpenApi, ToSchema};

use super::ViewMoney;
use super::api::{actor, amount, date, id_of, money_case, refuse, text};
use crate::accounts::{Allowed, User};
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(paths(create_notice, create_deposit, credit_interest, withdraw, list_savings))]
pub struct SavingsApiDoc;

fn account(body: &Value, field: &'static str) -> Result<Account, WebError> {
    match text(body, field)?.trim() {
        "" | "bank" => Ok(Account::Bank),
        "cash" => Ok(Account::Cash),
        "treasury" => Ok(Account::Treasury),
        _ => Err(refuse(field, "bank, cash hoặc treasury / bank, cash or treasury")),
    }
}

fn case_id(body: &Value) -> Result<i64, WebError> {
    id_of(body, "case_id")?.ok_or_else(|| refuse("case_id", "cần mã việc / case_id is required"))
}

/// `POST /api/v1/savings/notices`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct NoticeBody {
    case_id: i64,
    /// yyyy-mm-dd; today when omitted
    date: Option<String>,
    /// in_person, post, posting (niêm yết) or electronic
    how: String,
    payee: String,
    /// required when the notice went by post
    address: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    id: i64,
}

/// Record a notice to the payee to come for a case's money (thông báo nhận tiền)
#[utoipa::path(
    post,
    path = "/api/v1/savings/notices",
    request_body = NoticeBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = Created),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn create_notice(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let case = money_case(&state, &user, case_id(&body)?).await?;
    let id = notice(&state, &user, case.id, &body).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

pub(super) async fn notice(state: &AppState, user: &User, case: CaseId, body: &Value) -> Result<i64, WebError> {
    let how = NoticeHow::parse(&text(body, "how")?).ok_or_else(|| {
        refuse("how", "in_person, post, posting hoặc electronic / in_person, post, posting or electronic")
    })?;
    let address = text(body, "address")?;
    let input = NoticeInput {
        case,
        date: date(state, body, "date")?,
        how,
        payee: text(body, "payee")?,
        address: (!address.trim().is_empty()).then_some(address),
    };
    let actor = actor(state, user);
    state
        .blocking(move |s| {
            let units = s.directory().units.clone();
            Ok(app::notify(s.store.as_ref(), &actor, &units, input)?)
        })
        .await
}

/// `POST /api/v1/savings`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct DepositBody {
    case_id: i64,
    /// yyyy-mm-dd; today when omitted; not after today, not in a closed day
    date: Option<String>,
    /// at most what is held for the case outside savings and not ordered for payout (422 above)
    #[schema(minimum = 1)]
    amount_vnd: i64,
    /// the bank holding the deposit
    bank: String,
    /// the passbook or savings account number (letters, digits, '-', '/', '.')
    passbook: String,
    /// the account the money leaves: bank (default), cash or treasury
    from: Option<String>,
}

/// Put a case's unclaimed money in a savings deposit (gửi tiết kiệm)
#[utoipa::path(
    post,
    path = "/api/v1/savings",
    request_body = DepositBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Deposited", body = Created),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn create_deposit(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let case = money_case(&state, &user, case_id(&body)?).await?;
    let id = deposit(&state, &user, case.id, &body).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

pub(super) async fn deposit(state: &AppState, user: &User, case: CaseId, body: &Value) -> Result<i64, WebError> {
    let input = DepositInput {
        case,
        date: date(state, body, "date")?,
        bank: text(body, "bank")?,
        passbook: text(body, "passbook")?,
        amount: amount(body, "amount_vnd", true)?,
        from: account(body, "from")?,
    };
    let actor = actor(state, user);
    state
        .blocking(move |s| {
            let units = s.directory().units.clone();
            Ok(app::deposit(s.store.as_ref(), &actor, &units, input)?)
        })
        .await
}

/// `POST /api/v1/savings/{id}/interest` and `/withdraw`.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct OnDepositBody {
    /// yyyy-mm-dd; today when omitted; not before the deposit
    date: Option<String>,
    #[schema(minimum = 1)]
    amount_vnd: i64,
    /// withdrawals: the account the money comes back into, bank (default), cash or treasury
    into: Option<String>,
}

/// A deposit after the change.
#[derive(Serialize, ToSchema)]
pub struct DepositBalance {
    id: i64,
    case_id: i64,
    /// what the deposit holds now
    balance_vnd: i64,
}

/// Credit interest on a deposit: added to the case's money (NĐ 152/2026 Điều 30 khoản 7)
#[utoipa::path(
    post,
    path = "/api/v1/savings/{id}/interest",
    params(("id" = i64, Path, description = "the deposit's id")),
    request_body = OnDepositBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Credited", body = DepositBalance),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn credit_interest(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<DepositBalance>), WebError> {
    let balance = on_deposit(&state, &user, id, &body, false).await?;
    Ok((StatusCode::CREATED, Json(balance)))
}

/// Withdraw money from a deposit back into the custody account, to pay it out
#[utoipa::path(
    post,
    path = "/api/v1/savings/{id}/withdraw",
    params(("id" = i64, Path, description = "the deposit's id")),
    request_body = OnDepositBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Withdrawn", body = DepositBalance),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn withdraw(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<DepositBalance>), WebError> {
    let balance = on_deposit(&state, &user, id, &body, true).await?;
    Ok((StatusCode::CREATED, Json(balance)))
}

/// The deposit `id` if its case is the caller's to handle money of (404 otherwise).
pub(super) async fn visible_deposit(state: &AppState, user: &User, id: i64) -> Result<CaseId, WebError> {
    let record = state.lookup(move |s| Ok(s.store.deposit(id)?)).await?.ok_or(WebError::NotFound)?;
    Ok(money_case(state, user, record.deposit.case.0).await?.id)
}

pub(super) async fn on_deposit(
    state: &AppState,
    user: &User,
    id: i64,
    body: &Value,
    withdrawing: bool,
) -> Result<DepositBalance, WebError> {
    let case = visible_deposit(state, user, id).await?;
    let input = OnDeposit {
        deposit: id,
        date: date(state, body, "date")?,
        amount: amount(body, "amount_vnd", true)?,
        into: account(body, "into")?,
    };
    let actor = actor(state, user);
    state
        .blocking(move |s| {
            let store = s.store.as_ref();
            if withdrawing {
                app::withdraw(store, &actor, input)?;
            } else {
                app::credit_interest(store, &actor, input)?;
            }
            let record = deposit_record(store, id)?;
            let entries = store.case_entries(record.deposit.case)?;
            let balance = thads_core::money::custody::deposit_balance(id, &entries).dong();
            Ok(DepositBalance { id, case_id: case.0, balance_vnd: i64::try_from(balance).unwrap_or(i64::MAX) })
        })
        .await
}

/// A province's savings deposits and its cases whose money is unclaimed (above the provinces:
/// every province's, each line naming its province).
#[derive(Serialize, ToSchema)]
pub struct SavingsJson {
    deposits: Vec<DepositJson>,
    unclaimed: Vec<UnclaimedJson>,
}

#[derive(Serialize, ToSchema)]
pub struct DepositJson {
    id: i64,
    /// the province whose books hold the deposit
    unit: String,
    case_id: i64,
    date: String,
    bank: String,
    passbook: String,
    amount_vnd: i64,
    balance_vnd: i64,
}

#[derive(Serialize, ToSchema)]
pub struct UnclaimedJson {
    case_id: i64,
    /// the province whose books hold the money
    unit: String,
    held_vnd: i64,
    savings_vnd: i64,
    latest_notice: Option<String>,
    /// notice_due, awaiting_claim or deposit_due
    stage: String,
    /// the day the next step is due
    due: String,
}

fn n(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn deposit_json(unit: &str, d: &DepositLine) -> DepositJson {
    DepositJson {
        id: d.id,
        unit: unit.to_string(),
        case_id: d.case.0,
        date: format_iso(d.date),
        bank: d.bank.clone(),
        passbook: d.passbook.clone(),
        amount_vnd: d.amount,
        balance_vnd: n(d.balance),
    }
}

fn unclaimed_json(unit: &str, u: &UnclaimedCase) -> Option<UnclaimedJson> {
    let stage = u.stage?;
    Some(UnclaimedJson {
        case_id: u.case.0,
        unit: unit.to_string(),
        held_vnd: n(u.held),
        savings_vnd: n(u.savings),
        latest_notice: u.latest_notice.map(format_iso),
        stage: stage.code().into(),
        due: format_iso(stage.due()),
    })
}

/// The deposits and the unclaimed cases of a unit's province books on `today`.
pub(super) async fn read(state: &AppState, unit: UnitId) -> Result<(Vec<DepositLine>, Vec<UnclaimedCase>), WebError> {
    let books = books_of(&state.directory().units, unit)?;
    let today = state.today();
    state
        .lookup(move |s| {
            let store = s.store.as_ref();
            Ok((app::deposits_in(store, books, 200)?, app::unclaimed_in(store, books, today)?))
        })
        .await
}

/// The province books a unit reads: its province's; above the provinces (the national body,
/// which keeps no custody account) those of every current province it covers, the ones its
/// page offers to choose from.
fn books_in_scope(state: &AppState, unit: UnitId) -> Result<Vec<(UnitId, String)>, WebError> {
    let directory = state.directory();
    let units = &directory.units;
    match books_of(units, unit) {
        Ok(books) => Ok(vec![(books, units.get(books).map(|u| u.code.to_string()).unwrap_or_default())]),
        Err(no_books) => {
            let provinces: Vec<(UnitId, String)> =
                super::provinces_under(units, unit).iter().map(|u| (u.id, u.code.to_string())).collect();
            if provinces.is_empty() { Err(no_books.into()) } else { Ok(provinces) }
        }
    }
}

/// A province's savings deposits (with their balance) and its cases whose money is held past
/// the payout limit, with the stage of the notice; above the provinces (the national body),
/// every province's, by province code
#[utoipa::path(
    get,
    path = "/api/v1/savings",
    params(("unit" = Option<String>, Query, description = "a unit whose province's books to read (the caller's by default); above the provinces, every province it covers")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Deposits and unclaimed money", body = SavingsJson),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn list_savings(
    State(state): State<AppState>,
    access: Allowed<ViewMoney>,
) -> Result<Json<SavingsJson>, WebError> {
    let mut books = books_in_scope(&state, access.unit.id)?;
    books.sort_by(|a, b| a.1.cmp(&b.1));
    let mut json = SavingsJson { deposits: Vec::new(), unclaimed: Vec::new() };
    for (province, code) in books {
        let (deposits, unclaimed) = read(&state, province).await?;
        json.deposits.extend(deposits.iter().map(|d| deposit_json(&code, d)));
        json.unclaimed.extend(unclaimed.iter().filter_map(|u| unclaimed_json(&code, u)));
    }
    Ok(Json(json))
}
