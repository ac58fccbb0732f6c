//! Seized assets through the API (issue 19's contract, interchange §4 "Assets"): the seizure on
//! a case, valuations, auctions and their outcomes, reductions, the creditor taking the asset,
//! the buyer's payment, the sale without auction, the handover, one asset as its page shows it,
//! and coercion plans of a case. A step the rules do not allow is 422 `asset_step_refused` with
//! the rule and its citation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thads_app::assets::{AssetSetup, AssetView, CoercionInput, SeizeInput};
use thads_core::CaseId;
use thads_core::assets::{AssetKind, AssetStep, DecidedBy, FailureReason, ValuationMethod};
use thads_core::dates::{format_iso, parse_date};
use thads_core::money::Text;
use thads_core::{Vnd, field};
use time::{Date, PrimitiveDateTime};
use utoipa::{OpenApi, ToSchema};

use super::{AssetAccess, AssetChange, AuctionChange, CaseEditor, visible_case};
use crate::api::{self, JsonBody};
use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::AppState;

/// The assets room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(
    seize,
    show,
    valuation,
    auction,
    outcome,
    reduction,
    creditor_takes,
    payment,
    sale,
    handover,
    coercion_plan
))]
pub struct ApiDoc;

pub fn date(text: &str) -> Result<Date, WebError> {
    parse_date(text).map_err(|_| WebError::Refused(Refusal::InvalidDate(text.to_string())))
}

pub fn amount(value: i64) -> Result<Vnd, WebError> {
    Vnd::new(value).map_err(|e| WebError::Refused(Refusal::InvalidAmount(e)))
}

fn code_error(e: thads_core::assets::CodeError) -> WebError {
    WebError::BadRequest(e.to_string())
}

/// The id of what was created.
#[derive(Serialize, ToSchema)]
pub struct Created {
    id: i64,
}

/// Body of `POST /api/v1/cases/{id}/assets`.
#[derive(Deserialize, ToSchema)]
pub struct SeizeBody {
    /// dat_nha, phuong_tien, tai_khoan, co_phan, vang, tai_san_so, dong_san
    kind: String,
    description: String,
    /// the day of the seizure (kê biên), yyyy-mm-dd or dd/mm/yyyy
    seized_on: String,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    /// mortgages, third-party rights
    #[serde(default)]
    encumbrances: Option<String>,
    /// the number of the seizure decision
    #[serde(default)]
    decision: Option<String>,
    #[serde(default)]
    perishable: Option<bool>,
    /// every case is owed to the state budget (the officer reduces the price directly)
    #[serde(default)]
    for_state_budget: Option<bool>,
    /// other cases of the same debtor the asset answers for
    #[serde(default)]
    other_case_ids: Option<Vec<i64>>,
}

/// Seize an asset for a case (kê biên)
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/assets",
    params(("id" = i64, Path, description = "the case's id")),
    request_body = SeizeBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Seized", body = Created),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn seize(
    State(state): State<AppState>,
    CaseEditor(access): CaseEditor,
    JsonBody(b): JsonBody<SeizeBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let kind = AssetKind::parse(&b.kind).map_err(code_error)?;
    let seized_on = date(&b.seized_on)?;
    let id = state
        .blocking(move |s| {
            let mut cases = vec![access.case.id];
            for other in b.other_case_ids.unwrap_or_default() {
                cases.push(visible_case(s, &access.user, other)?.id);
            }
            let input = SeizeInput {
                cases,
                kind,
                description: b.description,
                location: b.location.unwrap_or_default(),
                owner: b.owner.unwrap_or_default(),
                encumbrances: b.encumbrances.unwrap_or_default(),
                seized_on,
                decision: b.decision.unwrap_or_default(),
                perishable: b.perishable.unwrap_or(false),
                for_state_budget: b.for_state_budget.unwrap_or(false),
            };
            let actor = thads_app::Actor { login: access.user.staff.login.to_string(), at: s.now() };
            Ok(thads_app::assets::seize(s.store.as_ref(), &actor, &input)?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

/// A time limit of the chain.
#[derive(Serialize, ToSchema)]
pub struct DeadlineJson {
    /// the limit's code (valuation_contract, auction_movable, buyer_payment…)
    kind: &'static str,
    label: String,
    #[schema(format = Date)]
    started_on: String,
    #[schema(format = Date)]
    due: String,
    #[schema(format = Date)]
    met_on: Option<String>,
    /// the limit is running today
    running: bool,
    overdue: bool,
    /// met after its last day
    late: bool,
    citation: String,
    /// confirmed, inferred or unconfirmed
    confidence: &'static str,
}

/// A recorded step.
#[derive(Serialize, ToSchema)]
pub struct StepJson {
    /// the step's id (an auction's id is that of its auction_set step)
    id: i64,
    #[schema(format = Date)]
    date: String,
    /// valued, auction_contracted, auction_set, sold, failed, reduced, creditor_takes, handed_over…
    step: &'static str,
    label: &'static str,
    detail: String,
    /// the asset's state after the step
    state: &'static str,
    recorded_by: String,
}

/// An asset as `GET /api/v1/assets/{id}` gives it.
#[derive(Serialize, ToSchema)]
#[schema(as = Asset)]
pub struct AssetJson {
    /// seized, valued, revaluing, contracted, auction_set, sold, paid, failed, creditor_taking, handed_over,
    /// redeemed, returned_to_debtor
    state: &'static str,
    valuation_vnd: Option<i64>,
    /// the starting price of the next session (the valuation, then each reduction)
    starting_price_vnd: Option<i64>,
    /// lần đấu giá: 1 at the valuation price, one more per reduction; 0 before a price
    round: u8,
    creditor_may_take: bool,
    deadlines: Vec<DeadlineJson>,
    history: Vec<StepJson>,
    /// a sold asset handed over: the receipt of its price into custody and its distribution
    #[serde(skip_serializing_if = "Option::is_none")]
    proceeds: Option<ProceedsJson>,
}

/// Where a sale's money went in the money room.
#[derive(Serialize, ToSchema)]
pub struct ProceedsJson {
    receipt_id: i64,
    /// "0000042/2026"
    receipt_number: String,
    amount_vnd: i64,
    distribution_id: Option<i64>,
    costs_vnd: i64,
    returned_to_debtor_vnd: i64,
    secured_case_id: Option<i64>,
    allocations: Vec<AssetAllocationJson>,
}

/// What one case received.
#[derive(Serialize, ToSchema)]
pub struct AssetAllocationJson {
    case_id: i64,
    case_no: String,
    rank: u8,
    amount_vnd: i64,
}

fn proceeds_json(p: thads_app::assets::proceeds::ProceedsView) -> ProceedsJson {
    ProceedsJson {
        receipt_id: p.receipt,
        receipt_number: p.receipt_number,
        amount_vnd: p.amount_vnd,
        distribution_id: p.distribution,
        costs_vnd: p.costs_vnd,
        returned_to_debtor_vnd: p.returned_vnd,
        secured_case_id: p.secured_case,
        allocations: p
            .allocations
            .into_iter()
            .map(|(case_id, case_no, rank, amount_vnd)| AssetAllocationJson { case_id, case_no, rank, amount_vnd })
            .collect(),
    }
}

/// The asset with its proceeds, read again.
async fn reread_json(state: &AppState, access: &AssetAccess) -> Result<AssetJson, WebError> {
    let mut json = asset_json(&reread(state, access).await?);
    let id = access.chain.row.id;
    json.proceeds = state
        .blocking(move |s| Ok(thads_app::assets::proceeds::proceeds_of(s.store.as_ref(), id)?))
        .await?
        .map(proceeds_json);
    Ok(json)
}

pub fn asset_json(v: &AssetView) -> AssetJson {
    AssetJson {
        state: v.state.code(),
        valuation_vnd: v.valuation.map(Vnd::dong),
        starting_price_vnd: v.starting_price.map(Vnd::dong),
        round: v.round,
        creditor_may_take: v.creditor_may_take,
        deadlines: v
            .deadlines
            .iter()
            .map(|d| DeadlineJson {
                kind: d.kind,
                label: d.label.clone(),
                started_on: format_iso(d.started_on),
                due: format_iso(d.due),
                met_on: d.met_on.map(format_iso),
                running: d.running,
                overdue: d.overdue,
                late: d.late,
                citation: d.citation.clone(),
                confidence: d.confidence,
            })
            .collect(),
        history: v
            .history
            .iter()
            .map(|h| StepJson {
                id: h.id,
                date: format_iso(h.date),
                step: h.step,
                label: h.label,
                detail: h.detail.clone(),
                state: h.state_after.code(),
                recorded_by: h.recorded_by.clone(),
            })
            .collect(),
        proceeds: None,
    }
}

/// The asset as it stands after a change.
async fn reread(state: &AppState, access: &AssetAccess) -> Result<AssetView, WebError> {
    let id = access.chain.row.id;
    state
        .blocking(move |s| {
            let setup = AssetSetup::load(s.store.as_ref())?;
            let chain = thads_app::assets::load(s.store.as_ref(), &setup, id)?.ok_or(WebError::NotFound)?;
            Ok(thads_app::assets::view(&chain, &setup, s.today()))
        })
        .await
}

/// One seized asset: state, prices, round, deadlines and history
#[utoipa::path(
    get,
    path = "/api/v1/assets/{id}",
    params(("id" = i64, Path, description = "the asset's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The asset", body = AssetJson),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn show(State(state): State<AppState>, access: AssetAccess) -> Result<Json<AssetJson>, WebError> {
    Ok(Json(reread_json(&state, &access).await?))
}

/// Records `steps` on the asset and answers with the asset after them.
async fn record(
    state: &AppState,
    access: &AssetAccess,
    steps: Vec<(Date, AssetStep)>,
    note: String,
) -> Result<Json<AssetJson>, WebError> {
    let a = access.clone();
    state
        .blocking(move |s| {
            let setup = AssetSetup::load(s.store.as_ref())?;
            thads_app::assets::record_steps(s.store.as_ref(), &a.actor(s), &setup, &a.chain, &steps, &note)?;
            Ok(())
        })
        .await?;
    Ok(Json(asset_json(&reread(state, access).await?)))
}

/// Body of `POST /api/v1/assets/{id}/valuations`.
#[derive(Deserialize, ToSchema)]
pub struct ValuationBody {
    date: String,
    /// agreed, appraiser, council (from 01/07/2026); officer (before)
    method: String,
    value_vnd: i64,
    /// a re-valuation: the day a party asked for it (once)
    #[serde(default)]
    requested_on: Option<String>,
}

/// Record a valuation (or a re-valuation on request)
#[utoipa::path(
    post,
    path = "/api/v1/assets/{id}/valuations",
    params(("id" = i64, Path, description = "the asset's id")),
    request_body = ValuationBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Valued", body = AssetJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn valuation(
    State(state): State<AppState>,
    AssetChange(access): AssetChange,
    JsonBody(b): JsonBody<ValuationBody>,
) -> Result<(StatusCode, Json<AssetJson>), WebError> {
    let method = ValuationMethod::parse(&b.method).map_err(code_error)?;
    let mut steps = Vec::new();
    if let Some(asked) = b.requested_on.as_deref() {
        steps.push((date(asked)?, AssetStep::RevaluationRequested));
    }
    steps.push((date(&b.date)?, AssetStep::Valued { method, value: amount(b.value_vnd)? }));
    Ok((StatusCode::CREATED, record(&state, &access, steps, String::new()).await?))
}

/// Body of `POST /api/v1/assets/{id}/auctions`.
#[derive(Deserialize, ToSchema)]
pub struct AuctionBody {
    /// the day of the session
    date: String,
    starting_price_vnd: i64,
    /// the day of the contract with the auction organisation (when none yet; default: the announcement)
    #[serde(default)]
    contracted_on: Option<String>,
    /// the day the session was announced (default: the session's day, or today if later)
    #[serde(default)]
    announced_on: Option<String>,
}

/// Announce an auction session (with its contract when none yet)
#[utoipa::path(
    post,
    path = "/api/v1/assets/{id}/auctions",
    params(("id" = i64, Path, description = "the asset's id")),
    request_body = AuctionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Announced: the auction's id", body = Created),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn auction(
    State(state): State<AppState>,
    AssetChange(access): AssetChange,
    JsonBody(b): JsonBody<AuctionBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let session_on = date(&b.date)?;
    let price = amount(b.starting_price_vnd)?;
    let announced = match b.announced_on.as_deref() {
        Some(d) => date(d)?,
        None => session_on.min(state.today()),
    };
    let contracted = match b.contracted_on.as_deref() {
        Some(d) => date(d)?,
        None => announced,
    };
    let mut steps = Vec::new();
    if access.chain.current().state == thads_core::assets::AssetState::Valued
        || access.chain.current().valuation.is_none()
    {
        steps.push((contracted, AssetStep::AuctionContracted));
    }
    steps.push((announced, AssetStep::AuctionSet { session_on, starting_price: price }));
    let a = access.clone();
    let ids = state
        .blocking(move |s| {
            let setup = AssetSetup::load(s.store.as_ref())?;
            Ok(thads_app::assets::record_steps(s.store.as_ref(), &a.actor(s), &setup, &a.chain, &steps, "")?)
        })
        .await?;
    let id = ids.last().copied().ok_or_else(|| WebError::internal("no step recorded"))?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Body of `POST /api/v1/auctions/{id}/outcome`.
#[derive(Deserialize, ToSchema)]
pub struct OutcomeBody {
    date: String,
    /// sold, failed, redeemed (the debtor before the session), withdrawn
    outcome: String,
    /// a failure's reason: khong_dang_ky, khong_tra_gia, tu_choi_mua, khong_thanh_toan
    #[serde(default)]
    reason: Option<String>,
    /// a sale's price
    #[serde(default)]
    price_vnd: Option<i64>,
    /// a sale's buyer
    #[serde(default)]
    buyer: Option<String>,
}

/// Record an auction's outcome
#[utoipa::path(
    post,
    path = "/api/v1/auctions/{id}/outcome",
    params(("id" = i64, Path, description = "the auction's id")),
    request_body = OutcomeBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = AssetJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn outcome(
    State(state): State<AppState>,
    change: AuctionChange,
    JsonBody(b): JsonBody<OutcomeBody>,
) -> Result<Json<AssetJson>, WebError> {
    let access = change.access;
    let setup_today = state.today();
    let open = state
        .blocking({
            let a = access.clone();
            move |s| {
                let setup = AssetSetup::load(s.store.as_ref())?;
                Ok(thads_app::assets::view(&a.chain, &setup, setup_today).open_auction)
            }
        })
        .await?;
    if open != Some(change.auction) {
        return Err(WebError::refused(
            "phiên đấu giá này không còn chờ kết quả / this auction is not the one awaiting an outcome",
        ));
    }
    let step = outcome_step(&b.outcome, b.reason.as_deref(), b.price_vnd, b.buyer.as_deref())?;
    record(&state, &access, vec![(date(&b.date)?, step)], String::new()).await
}

/// The step an outcome records.
pub fn outcome_step(
    outcome: &str,
    reason: Option<&str>,
    price: Option<i64>,
    buyer: Option<&str>,
) -> Result<AssetStep, WebError> {
    match outcome.trim() {
        "sold" => {
            let price = amount(price.ok_or_else(|| WebError::BadRequest("price_vnd".into()))?)?;
            let buyer = Text::of(&field::BUYER, buyer.unwrap_or_default())
                .map_err(|e| WebError::Refused(Refusal::of_field("buyer", e.to_string())))?;
            Ok(AssetStep::Sold { price, buyer })
        }
        "failed" => {
            let reason = FailureReason::parse(reason.unwrap_or_default()).map_err(code_error)?;
            Ok(AssetStep::Failed { reason })
        }
        "redeemed" => Ok(AssetStep::Redeemed),
        "withdrawn" => Ok(AssetStep::Withdrawn),
        other => Err(WebError::BadRequest(format!(
            "kết quả không hợp lệ «{other}» (sold, failed, redeemed, withdrawn) / unknown outcome"
        ))),
    }
}

/// Body of `POST /api/v1/assets/{id}/reductions`.
#[derive(Deserialize, ToSchema)]
pub struct ReductionBody {
    date: String,
    /// the new starting price
    starting_price_vnd: i64,
    /// parties (agreed within their window) or officer
    decided_by: String,
}

/// Reduce the starting price after a failed auction
#[utoipa::path(
    post,
    path = "/api/v1/assets/{id}/reductions",
    params(("id" = i64, Path, description = "the asset's id")),
    request_body = ReductionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Reduced", body = AssetJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn reduction(
    State(state): State<AppState>,
    AssetChange(access): AssetChange,
    JsonBody(b): JsonBody<ReductionBody>,
) -> Result<(StatusCode, Json<AssetJson>), WebError> {
    let decided_by = DecidedBy::parse(&b.decided_by).map_err(code_error)?;
    let step = AssetStep::Reduced { starting_price: amount(b.starting_price_vnd)?, decided_by };
    Ok((StatusCode::CREATED, record(&state, &access, vec![(date(&b.date)?, step)], String::new()).await?))
}

/// Body of `POST /api/v1/assets/{id}/creditor-takes`.
#[derive(Deserialize, ToSchema)]
pub struct CreditorBody {
    date: String,
    /// the case of the creditor who takes the asset (one the asset answers for)
    case_id: i64,
    /// by agreement of the parties, before any failed auction
    #[serde(default)]
    by_agreement: Option<bool>,
}

/// The creditor takes the asset in lieu of payment
#[utoipa::path(
    post,
    path = "/api/v1/assets/{id}/creditor-takes",
    params(("id" = i64, Path, description = "the asset's id")),
    request_body = CreditorBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Accepted", body = AssetJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn creditor_takes(
    State(state): State<AppState>,
    AssetChange(access): AssetChange,
    JsonBody(b): JsonBody<CreditorBody>,
) -> Result<(StatusCode, Json<AssetJson>), WebError> {
    let case = CaseId(b.case_id);
    if !access.chain.row.cases.contains(&case) {
        return Err(WebError::Refused(Refusal::of_field(
            "case_id",
            format!("tài sản không bảo đảm cho việc #{} / the asset does not answer for that case", b.case_id),
        )));
    }
    let step = AssetStep::CreditorTakes { case, by_agreement: b.by_agreement.unwrap_or(false) };
    Ok((StatusCode::CREATED, record(&state, &access, vec![(date(&b.date)?, step)], String::new()).await?))
}

/// Body of `POST /api/v1/assets/{id}/payment`.
#[derive(Deserialize, ToSchema)]
pub struct PaymentBody {
    date: String,
    /// an agreed extension (from 01/07/2026, up to 60 days from the sale) instead of the payment
    #[serde(default)]
    extended_until: Option<String>,
}

/// The buyer paid, or the payment is extended
#[utoipa::path(
    post,
    path = "/api/v1/assets/{id}/payment",
    params(("id" = i64, Path, description = "the asset's id")),
    request_body = PaymentBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = AssetJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn payment(
    State(state): State<AppState>,
    AssetChange(access): AssetChange,
    JsonBody(b): JsonBody<PaymentBody>,
) -> Result<Json<AssetJson>, WebError> {
    let step = match b.extended_until.as_deref() {
        Some(until) => AssetStep::PaymentExtended { until: date(until)? },
        None => AssetStep::Paid,
    };
    record(&state, &access, vec![(date(&b.date)?, step)], String::new()).await
}

/// Body of `POST /api/v1/assets/{id}/sales`.
#[derive(Deserialize, ToSchema)]
pub struct SaleBody {
    date: String,
    price_vnd: i64,
    buyer: String,
}

/// Sell without auction (perishable or low-value)
#[utoipa::path(
    post,
    path = "/api/v1/assets/{id}/sales",
    params(("id" = i64, Path, description = "the asset's id")),
    request_body = SaleBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Sold", body = AssetJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn sale(
    State(state): State<AppState>,
    AssetChange(access): AssetChange,
    JsonBody(b): JsonBody<SaleBody>,
) -> Result<(StatusCode, Json<AssetJson>), WebError> {
    let buyer =
        Text::of(&field::BUYER, &b.buyer).map_err(|e| WebError::Refused(Refusal::of_field("buyer", e.to_string())))?;
    let step = AssetStep::SoldWithoutAuction { price: amount(b.price_vnd)?, buyer };
    Ok((StatusCode::CREATED, record(&state, &access, vec![(date(&b.date)?, step)], String::new()).await?))
}

/// Body of `POST /api/v1/assets/{id}/handover`.
#[derive(Deserialize, ToSchema)]
pub struct HandoverBody {
    date: String,
    /// a sold asset: the case (one of the asset's) whose creditor the asset secured (mortgage,
    /// pledge), paid first after the costs
    #[serde(default)]
    secured_case_id: Option<i64>,
}

/// Hand the asset over; a sale's price is receipted into custody on the debtor and distributed by the money rules
#[utoipa::path(
    post,
    path = "/api/v1/assets/{id}/handover",
    params(("id" = i64, Path, description = "the asset's id")),
    request_body = HandoverBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Handed over", body = AssetJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, response = api::Stale),
        (status = 422, response = api::Refused),
    )
)]
pub async fn handover(
    State(state): State<AppState>,
    AssetChange(access): AssetChange,
    JsonBody(b): JsonBody<HandoverBody>,
) -> Result<Json<AssetJson>, WebError> {
    let day = date(&b.date)?;
    hand_over(&state, &access, day, b.secured_case_id).await?;
    Ok(Json(reread_json(&state, &access).await?))
}

/// The handover and its proceeds (the statistics engine reloads on its next read): a sold
/// asset's price is receipted into custody and distributed (`secured`: the case whose creditor
/// the asset secured); a creditor who takes it is credited on their case.
pub async fn hand_over(
    state: &AppState,
    access: &AssetAccess,
    day: Date,
    secured: Option<i64>,
) -> Result<(), WebError> {
    let a = access.clone();
    state
        .blocking(move |s| {
            let setup = AssetSetup::load(s.store.as_ref())?;
            let now = a.chain.current();
            if now.creditor.is_none() && now.sale.is_some() {
                thads_app::assets::proceeds::hand_over_sale(
                    s.store.as_ref(),
                    &a.actor(s),
                    &s.rules,
                    &setup,
                    &a.chain,
                    day,
                    secured.map(thads_core::CaseId),
                )?;
            } else {
                thads_app::assets::hand_over(s.store.as_ref(), &a.actor(s), &s.rules, &setup, &a.chain, day)?;
            }
            Ok(())
        })
        .await
}

/// Body of `POST /api/v1/cases/{id}/coercion-plans`.
#[derive(Deserialize, ToSchema)]
pub struct CoercionBody {
    /// local time, "yyyy-mm-dd HH:MM" or "dd/mm/yyyy HH:MM"
    starts: String,
    ends: String,
    place: String,
    /// people mobilised (0: the officers alone)
    #[serde(default)]
    forces: Option<i32>,
    /// chi phí cưỡng chế
    #[serde(default)]
    costs_vnd: Option<i64>,
}

/// `dd/mm/yyyy HH:MM` or `yyyy-mm-dd HH:MM`.
pub fn instant(text: &str) -> Result<PrimitiveDateTime, WebError> {
    let bad = || WebError::Refused(Refusal::InvalidDate(text.to_string()));
    let (day, hours) = text.trim().split_once([' ', 'T']).ok_or_else(bad)?;
    let day = parse_date(day).map_err(|_| bad())?;
    let (h, m) = hours.trim().split_once(':').ok_or_else(bad)?;
    let (h, m) = (h.parse::<u8>().map_err(|_| bad())?, m.get(..2).unwrap_or(m).parse::<u8>().map_err(|_| bad())?);
    let time = time::Time::from_hms(h, m, 0).map_err(|_| bad())?;
    Ok(PrimitiveDateTime::new(day, time))
}

/// Plan a coercion session for a case (checked against the calendar)
#[utoipa::path(
    post,
    path = "/api/v1/cases/{id}/coercion-plans",
    params(("id" = i64, Path, description = "the case's id")),
    request_body = CoercionBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Planned", body = Created),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn coercion_plan(
    State(state): State<AppState>,
    CaseEditor(access): CaseEditor,
    JsonBody(b): JsonBody<CoercionBody>,
) -> Result<(StatusCode, Json<Created>), WebError> {
    let input = CoercionInput {
        starts: instant(&b.starts)?,
        ends: instant(&b.ends)?,
        place: b.place,
        forces: b.forces.unwrap_or(0),
        costs: amount(b.costs_vnd.unwrap_or(0))?,
    };
    let id = state
        .blocking(move |s| {
            let actor = thads_app::Actor { login: access.user.staff.login.to_string(), at: s.now() };
            Ok(thads_app::assets::plan_coercion(s.store.as_ref(), &actor, &access.case, &input)?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}
