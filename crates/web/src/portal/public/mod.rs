//! The public site's pages and API, and what both share: the reader's language (`?lang=en`, or
//! `Accept-Language` for the API; Vietnamese by default; no cookie), the one error type of the
//! public surface, and the lookup of a case by unit, decision number and code behind the limit
//! of failures.

pub mod api;
pub mod pages;

use std::time::Instant;

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::portal::Followed;
use utoipa::IntoParams;

pub use api::{api_access_log, api_case, api_debtors};
pub use pages::{case_page, debtors_page, home, stylesheet};

use crate::i18n::Lang;
use crate::public_guard::{Peer, client, limiter};
use crate::state::AppState;

/// What can go wrong on the public surface. A wrong code and an unknown case are the same
/// `NotFound`, with the same body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicError {
    NotFound,
    /// A field missing.
    Incomplete,
    /// A field too long.
    TooLong,
    RateLimited {
        seconds: u64,
    },
    Internal,
}

impl PublicError {
    pub fn status(&self) -> StatusCode {
        match self {
            PublicError::NotFound => StatusCode::NOT_FOUND,
            PublicError::Incomplete | PublicError::TooLong => StatusCode::BAD_REQUEST,
            PublicError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            PublicError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            PublicError::NotFound => "not_found",
            PublicError::Incomplete | PublicError::TooLong => "bad_request",
            PublicError::RateLimited { .. } => "rate_limited",
            PublicError::Internal => "internal",
        }
    }

    /// What the reader is told (Vietnamese / English in one line: the API has no language cookie).
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            PublicError::NotFound => lang.t("portal_not_found"),
            PublicError::Incomplete => lang.t("portal_fill_all"),
            PublicError::TooLong => lang.t("portal_too_long"),
            PublicError::RateLimited { .. } => lang.t("portal_rate_limited"),
            PublicError::Internal => lang.t("portal_internal"),
        }
    }
}

impl From<crate::error::WebError> for PublicError {
    fn from(e: crate::error::WebError) -> Self {
        match e {
            crate::error::WebError::NotFound => PublicError::NotFound,
            _ => PublicError::Internal,
        }
    }
}

impl From<thads_app::AppError> for PublicError {
    fn from(e: thads_app::AppError) -> Self {
        crate::error::WebError::internal(e).into()
    }
}

impl IntoResponse for PublicError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "code": self.code(), "message": self.message(Lang::Vi) });
        let mut response = (self.status(), Json(body)).into_response();
        if let PublicError::RateLimited { seconds } = self
            && let Ok(v) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

/// `?unit=&case_no=&code=` (and `lang`).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseParams {
    /// the unit's code, e.g. `BG-KV1`
    #[serde(default)]
    pub unit: String,
    /// the enforcement decision's number, e.g. `46/QĐ-THADS`
    #[serde(default)]
    pub case_no: String,
    /// the lookup code printed on the notices (mã tra cứu), e.g. `ABCDE-FGHJK`
    #[serde(default)]
    pub code: String,
    /// `vi` (default) or `en`
    #[serde(default)]
    pub lang: String,
}

impl CaseParams {
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty() && self.case_no.is_empty() && self.code.is_empty()
    }

    /// All three given, each within its size.
    fn check(&self) -> Result<(), PublicError> {
        let sizes = [(&self.unit, 32), (&self.case_no, 64), (&self.code, 40)];
        if sizes.iter().any(|(v, _)| v.trim().is_empty()) {
            return Err(PublicError::Incomplete);
        }
        if sizes.iter().any(|(v, max)| v.chars().count() > *max) {
            return Err(PublicError::TooLong);
        }
        Ok(())
    }

    /// The key the limiter counts a case's failures under (whether it exists or not).
    fn case_key(&self) -> String {
        format!("{}|{}", self.unit.trim().to_uppercase(), thads_core::text::fold(self.case_no.trim()))
    }
}

/// The reader's language: `?lang=`, else (the API) `Accept-Language`, else Vietnamese.
pub fn lang_of(asked: &str, headers: &HeaderMap, api: bool) -> Lang {
    if let Some(lang) = Lang::parse(asked) {
        return lang;
    }
    if !api {
        return Lang::Vi;
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if accept.trim_start().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Vi }
}

/// Runs `work` (a lookup that answers `None` on any failure) behind the limiter.
async fn limited<T: Send + 'static>(
    state: &AppState,
    address: String,
    params: &CaseParams,
    work: impl FnOnce(&AppState) -> Result<Option<T>, crate::error::WebError> + Send + 'static,
) -> Result<T, PublicError> {
    params.check()?;
    let key = params.case_key();
    let limiter = limiter(state);
    if let Some(seconds) = limiter.blocked(&address, &key, Instant::now()) {
        return Err(PublicError::RateLimited { seconds });
    }
    match state.blocking(work).await? {
        Some(found) => Ok(found),
        None => {
            limiter.failed(&address, &key, Instant::now());
            Err(PublicError::NotFound)
        }
    }
}

/// The case the parameters name, if the code is its code.
pub async fn follow(state: &AppState, address: String, p: &CaseParams) -> Result<Followed, PublicError> {
    let params = p.clone();
    limited(state, address, p, move |s| {
        let directory = s.directory();
        let staff = |id| directory.staff.get(&id).cloned();
        let args = (params.unit.as_str(), params.case_no.as_str(), params.code.as_str());
        Ok(thads_app::portal::follow(s.store.as_ref(), &directory.units, &staff, &s.rules, s.today(), args)?)
    })
    .await
}

/// One view of the file as a party reads it.
pub struct SeenBy {
    pub at: time::OffsetDateTime,
    pub unit: String,
    pub unit_name: String,
    pub role: thads_core::Role,
    /// Only when the agency chose to show names (`THADS_PORTAL_VIEWER_NAMES`).
    pub name: Option<String>,
}

/// Who opened the file of the case the parameters name, if the code is its code.
pub async fn access_log(state: &AppState, address: String, p: &CaseParams) -> Result<Vec<SeenBy>, PublicError> {
    let params = p.clone();
    limited(state, address, p, move |s| {
        let directory = s.directory();
        let found = thads_app::portal::follow::matching(
            s.store.as_ref(),
            &directory.units,
            &params.unit,
            &params.case_no,
            &params.code,
        )?;
        let Some((_, case)) = found else { return Ok(None) };
        let names = s.config.portal_viewer_names;
        // Every view this server has answered is written before the parties read them.
        crate::case_views::flush(s);
        let views = thads_app::portal::views_of(s.store.as_ref(), case.id)?;
        Ok(Some(
            views
                .into_iter()
                .map(|v| {
                    let unit = v.unit.and_then(|u| directory.units.get(u));
                    SeenBy {
                        at: v.at,
                        unit: unit.map(|u| u.code.to_string()).unwrap_or_default(),
                        unit_name: unit.map(|u| u.name.clone()).unwrap_or_default(),
                        role: thads_core::Role::parse(&v.role).unwrap_or(thads_core::Role::Officer),
                        name: names.then(|| directory.staff_name(v.staff)),
                    }
                })
                .collect(),
        ))
    })
    .await
}

/// A deadline kind in plain words.
pub fn deadline_words(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "notification" => lang.t("portal_deadline_notification"),
        "voluntary_period" => lang.t("portal_deadline_voluntary"),
        "payout" => lang.t("portal_deadline_payout"),
        _ => lang.t("portal_deadline_request_return"),
    }
}
