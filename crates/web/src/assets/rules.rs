//! The chain's rules an administrator keeps (issue 19: the low-value threshold is "a value an
//! administrator keeps"; the rules the spec leaves unconfirmed are data): every version of
//! every rule with its citation and confidence (`/asset-rules`, `GET /api/v1/asset-rules`, for
//! anyone signed in), and a new version saved by an administrator of the installation (the
//! form, `POST /api/v1/asset-rules`), checked before it is kept and audited.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use thads_app::assets::rules::{SaveRule, rule_versions, save_rule};
use thads_core::assets::RuleKey;
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

/// The rules' part of the assets room's OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, save))]
pub struct ApiDoc;

/// One version of a rule.
#[derive(Serialize, ToSchema, Clone)]
pub struct RuleJson {
    /// low_value_sale, reduction_cap_bp, revaluations, creditor_after_reductions,
    /// redeem_before_session, perishable_sale, return_at_costs, police_plan_before_session,
    /// police_protection_after_plan
    rule: &'static str,
    name: &'static str,
    #[schema(format = Date)]
    valid_from: String,
    /// the value as JSON (a number, `null`, `true`, or a threshold
    /// `{"basis":{"basis":"regional_minimum_wage"},"multiple":5,"inclusive":true}`)
    value: String,
    citation: String,
    /// confirmed, inferred or unconfirmed
    confidence: &'static str,
    must_verify: bool,
    note: String,
    /// `built_in`, or the login of the administrator who saved it
    source: String,
}

async fn versions(state: &AppState) -> Result<Vec<RuleJson>, WebError> {
    state
        .blocking(|s| {
            Ok(rule_versions(s.store.as_ref())?
                .into_iter()
                .map(|(l, by)| RuleJson {
                    rule: l.rule,
                    name: RuleKey::parse(l.rule).map_or("", RuleKey::label_vi),
                    valid_from: thads_core::dates::format_iso(l.valid_from),
                    value: l.value,
                    citation: l.citation,
                    confidence: thads_store::codes::confidence(l.confidence),
                    must_verify: l.must_verify,
                    note: l.note,
                    source: by.unwrap_or_else(|| "built_in".into()),
                })
                .collect())
        })
        .await
}

#[derive(Template, WebTemplate)]
#[template(path = "assets/rules.html")]
struct RulesPage {
    c: Chrome,
    rows: Vec<RuleJson>,
    keys: Vec<(&'static str, &'static str)>,
    may_edit: bool,
    error: Option<String>,
}

async fn rules_page(state: &AppState, lang: Lang, user: &User, error: Option<String>) -> Result<Response, WebError> {
    let rows = versions(state).await?;
    let page = RulesPage {
        c: user.chrome(state, lang),
        rows,
        keys: RuleKey::ALL
            .into_iter()
            .map(|k| (k.code(), if lang == Lang::En { k.label_en() } else { k.label_vi() }))
            .collect(),
        may_edit: may_announce(state, user).is_ok(),
        error,
    };
    let status = if page.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    Ok((status, page).into_response())
}

/// `GET /asset-rules`: every version, and the form for an administrator.
pub async fn show(State(state): State<AppState>, lang: Lang, user: User) -> Result<Response, WebError> {
    rules_page(&state, lang, &user, None).await
}

/// The form, and the API's body.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RuleBody {
    #[serde(default)]
    rule: String,
    /// yyyy-mm-dd or dd/mm/yyyy: the first day the value applies (to steps dated from it)
    #[serde(default)]
    valid_from: String,
    /// JSON of the rule's type
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

fn to_save(b: RuleBody) -> Result<SaveRule, WebError> {
    let valid_from = thads_core::dates::parse_date(b.valid_from.trim())
        .map_err(|_| WebError::Refused(Refusal::of_field("valid_from", "ngày không hợp lệ / invalid date")))?;
    let confidence = thads_store::codes::confidence_of(b.confidence.trim()).ok_or_else(|| {
        WebError::Refused(Refusal::of_field(
            "confidence",
            "độ tin cậy: confirmed, inferred, unconfirmed / confidence: confirmed, inferred or unconfirmed",
        ))
    })?;
    Ok(SaveRule { rule: b.rule, valid_from, value: b.value, citation: b.citation, confidence, note: b.note })
}

fn save_as(state: &AppState, user: &User, b: RuleBody) -> Result<RuleKey, WebError> {
    let input = to_save(b)?;
    let actor = thads_app::Actor { login: user.staff.login.to_string(), at: state.now() };
    Ok(save_rule(state.store.as_ref(), &actor, &input)?)
}

/// `POST /asset-rules`: saves a version (an administrator of the installation).
pub async fn save_page(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    CsrfForm { form, .. }: CsrfForm<RuleBody>,
) -> Result<Response, WebError> {
    may_announce(&state, &user)?;
    let u = user.clone();
    match state.blocking(move |s| save_as(s, &u, form)).await {
        Ok(key) => Ok(see_other(&format!("/asset-rules#rule-{}", key.code()))),
        Err(e @ WebError::Refused(_)) => rules_page(&state, lang, &user, Some(e.message(lang))).await,
        Err(e) => Err(e),
    }
}

/// Every version of the chain's rules an administrator may change
#[utoipa::path(
    get,
    path = "/api/v1/asset-rules",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "By rule, then the day each version takes effect", body = Vec<RuleJson>),
        (status = 401, response = api::NotSignedIn),
    )
)]
pub async fn list(State(state): State<AppState>, _user: User) -> Result<Json<Vec<RuleJson>>, WebError> {
    Ok(Json(versions(&state).await?))
}

/// The version saved.
#[derive(Serialize, ToSchema)]
pub struct SavedRuleJson {
    rule: &'static str,
    #[schema(format = Date)]
    valid_from: String,
}

/// Save a version of a rule of the asset chain (an administrator of the installation)
#[utoipa::path(
    post,
    path = "/api/v1/asset-rules",
    request_body = RuleBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Saved; it applies to steps dated from its day", body = SavedRuleJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, response = api::Refused),
    )
)]
pub async fn save(
    State(state): State<AppState>,
    user: User,
    JsonBody(b): JsonBody<RuleBody>,
) -> Result<(StatusCode, Json<SavedRuleJson>), WebError> {
    may_announce(&state, &user)?;
    let valid_from = b.valid_from.clone();
    let key = state.blocking(move |s| save_as(s, &user, b)).await?;
    let valid_from =
        thads_core::dates::parse_date(valid_from.trim()).map(thads_core::dates::format_iso).unwrap_or_default();
    Ok((StatusCode::CREATED, Json(SavedRuleJson { rule: key.code(), valid_from })))
}
