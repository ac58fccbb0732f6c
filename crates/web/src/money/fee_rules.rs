//! The enforcement fee's rate table an administrator keeps (issue 18 item 4): every version
//! with its citation and confidence (`/money-rules`, `GET /api/v1/money-rules`, for anyone
//! signed in), and a new version saved by an administrator of the installation (the form,
//! `POST /api/v1/money-rules`), checked before it is kept and audited (`money_rule.set`).
//! Payouts compute the fee from the version in force on their day.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use thads_app::money::fee_rules::{SaveFeeTable, fee_versions, save_fee_table};
use utoipa::{OpenApi, ToSchema};

use crate::accounts::{CsrfForm, User};
use crate::api::{self, JsonBody};
use crate::calendar::may_announce;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::refusal::Refusal;
use crate::state::AppState;

/// The fee table's part of the money room's OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, save))]
pub struct FeeRulesApiDoc;

/// One version of the enforcement fee's rate table.
#[derive(Serialize, ToSchema, Clone)]
pub struct FeeTableJson {
    #[schema(format = Date)]
    valid_from: String,
    /// the table as JSON: `{"exempt_up_to":{"basis":{"basis":"base_salary"},"multiple":2,"inclusive":true},
    /// "brackets":[{"above":0,"base":0,"rate_bp":300},…],"exempt_obligations":["an_phi"],"cap":null}`
    /// — above `above` đồng received in all the fee is `base` plus `rate_bp` hundredths of a
    /// percent of the part above; `cap` (đồng, optional) is the most a case pays
    value: String,
    citation: String,
    /// confirmed, inferred or unconfirmed
    confidence: &'static str,
    must_verify: bool,
    note: String,
    /// `built_in`, or the login of the administrator who saved it
    source: String,
}

async fn versions(state: &AppState) -> Result<Vec<FeeTableJson>, WebError> {
    state
        .blocking(|s| {
            Ok(fee_versions(s.store.as_ref())?
                .into_iter()
                .map(|l| FeeTableJson {
                    valid_from: thads_core::dates::format_iso(l.valid_from),
                    value: serde_json::to_string(&l.table).unwrap_or_default(),
                    citation: l.citation,
                    confidence: thads_store::codes::confidence(l.confidence),
                    must_verify: l.must_verify,
                    note: l.note,
                    source: l.saved_by.unwrap_or_else(|| "built_in".into()),
                })
                .collect())
        })
        .await
}

#[derive(Template, WebTemplate)]
#[template(path = "money/fee_rules.html")]
struct FeeRulesPage {
    c: Chrome,
    rows: Vec<FeeTableJson>,
    may_edit: bool,
    error: Option<String>,
}

async fn page(state: &AppState, lang: Lang, user: &User, error: Option<String>) -> Result<Response, WebError> {
    let rows = versions(state).await?;
    let page = FeeRulesPage { c: user.chrome(state, lang), rows, may_edit: may_announce(state, user).is_ok(), error };
    let status = if page.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, page).into_response())
}

/// `GET /money-rules`: every version, and the form for an administrator.
pub async fn show(State(state): State<AppState>, lang: Lang, user: User) -> Result<Response, WebError> {
    page(&state, lang, &user, None).await
}

/// The form, and the API's body.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct FeeTableBody {
    /// yyyy-mm-dd or dd/mm/yyyy: the first day the table applies (to payouts dated from it)
    #[serde(default)]
    valid_from: String,
    /// the table as JSON (see `FeeTableJson.value`)
    #[serde(default)]
    value: String,
    #[serde(default)]
    citation: String,
    /// confirmed, inferred or unconfirmed
    #[serde(default)]
    confidence: String,
    #[serde(default)]
    note: String,
}

fn save_as(state: &AppState, user: &User, b: FeeTableBody) -> Result<String, WebError> {
    let valid_from = thads_core::dates::parse_date(b.valid_from.trim())
        .map_err(|_| WebError::Refused(Refusal::of_field("valid_from", "ngày không hợp lệ / invalid date")))?;
    let confidence = thads_store::codes::confidence_of(b.confidence.trim()).ok_or_else(|| {
        WebError::Refused(Refusal::of_field(
            "confidence",
            "độ tin cậy: confirmed, inferred, unconfirmed / confidence: confirmed, inferred or unconfirmed",
        ))
    })?;
    let input = SaveFeeTable { valid_from, value: b.value, citation: b.citation, confidence, note: b.note };
    let actor = thads_app::Actor { login: user.staff.login.to_string(), at: state.now() };
    save_fee_table(state.store.as_ref(), &actor, &input)?;
    Ok(thads_core::dates::format_iso(valid_from))
}

/// `POST /money-rules`: saves a version (an administrator of the installation).
pub async fn save_page(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    CsrfForm { form, .. }: CsrfForm<FeeTableBody>,
) -> Result<Response, WebError> {
    may_announce(&state, &user)?;
    let u = user.clone();
    match state.blocking(move |s| save_as(s, &u, form)).await {
        Ok(day) => Ok(see_other(&format!("/money-rules#fee-{day}"))),
        Err(e @ WebError::Refused(_)) => page(&state, lang, &user, Some(e.message(lang))).await,
        Err(e) => Err(e),
    }
}

/// Every version of the enforcement fee's rate table
#[utoipa::path(
    get,
    path = "/api/v1/money-rules",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "By the day each version takes effect", body = Vec<FeeTableJson>),
        (status = 401, response = api::NotSignedIn),
    )
)]
pub async fn list(State(state): State<AppState>, _user: User) -> Result<Json<Vec<FeeTableJson>>, WebError> {
    Ok(Json(versions(&state).await?))
}

/// The version saved.
#[derive(Serialize, ToSchema)]
pub struct SavedFeeTableJson {
    #[schema(format = Date)]
    valid_from: String,
}

/// Save a version of the enforcement fee's rate table (an administrator of the installation)
#[utoipa::path(
    post,
    path = "/api/v1/money-rules",
    request_body = FeeTableBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Saved; payouts dated from its day use it", body = SavedFeeTableJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, response = api::Refused),
    )
)]
pub async fn save(
    State(state): State<AppState>,
    user: User,
    JsonBody(b): JsonBody<FeeTableBody>,
) -> Result<(StatusCode, Json<SavedFeeTableJson>), WebError> {
    may_announce(&state, &user)?;
    let valid_from = state.blocking(move |s| save_as(s, &user, b)).await?;
    Ok((StatusCode::CREATED, Json(SavedFeeTableJson { valid_from })))
}
