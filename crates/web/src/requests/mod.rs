//! Enforcement requests filed online (issue 21 item 3): the public form and status page and
//! their API (`public_routes`, served by the public site's listener, never the staff one), and
//! the section's intake queue in the staff app (`pages`, `api`, in the route table). Who may, in
//! the staff app: the front desk of the request's unit or a unit above it (`TakeIn`: admin,
//! head, clerk), always on the unit of the request as stored; others are told 404, absent and
//! hidden alike.

pub mod api;
pub mod pages;
pub mod public;
mod upload;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use sha2::{Digest, Sha256};
use thads_core::access::Action;
use thads_core::requests::{AttachmentLimits, CODE_ALPHABET, CODE_LEN, RequestId, RequestState, normalize_code};
use thads_store::RequestRow;

use crate::accounts::{User, same_secret};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// The public endpoints of requests, for the public site's router: the form and status pages,
/// their stylesheet, and `POST /api/public/v1/requests`, `GET /api/public/v1/requests/{number}`.
/// Each handler renders its own errors (JSON under `/api/`, a page elsewhere), so the router
/// that serves them needs no error layer of the staff app.
pub fn public_routes() -> Router<AppState> {
    let body = DefaultBodyLimit::max(AttachmentLimits::default().body_bytes());
    Router::new()
        .route("/requests/new", get(public::form).post(public::file).layer(body))
        .route("/requests/status", get(public::status))
        .route("/requests/style.css", get(public::style))
        .route("/api/public/v1/requests", axum::routing::post(public::api_file).layer(body))
        .route("/api/public/v1/requests/{number}", get(public::api_status))
}

/// A new follow-up code: `CODE_LEN` letters of `CODE_ALPHABET` from the system's random source.
pub fn new_code() -> Result<String, WebError> {
    let mut bytes = [0_u8; CODE_LEN];
    getrandom::fill(&mut bytes).map_err(WebError::internal)?;
    // 256 is a multiple of 32: every letter is equally likely.
    Ok(bytes.iter().map(|b| char::from(CODE_ALPHABET[usize::from(b % 32)])).collect())
}

/// The code as printed: two groups of five.
pub fn grouped(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(5));
    format!("{a}-{b}")
}

/// What the store keeps of a code (its normalised spelling's SHA-256, hex).
pub fn code_hash(code: &str) -> String {
    Sha256::digest(code.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `typed` is the code of `row`, compared in constant time; a code that is not well
/// formed is compared too (against nothing that can match), so that the answer takes as long.
pub fn code_matches(row: Option<&RequestRow>, typed: &str) -> bool {
    let typed = normalize_code(typed);
    let hash = code_hash(typed.as_deref().unwrap_or("-"));
    let stored = row.map_or("-", |r| r.request.code_hash.as_str());
    // Compare equal lengths always (a missing row against a hash of the same length).
    let stored = if stored.len() == hash.len() { stored.to_string() } else { "0".repeat(hash.len()) };
    same_secret(&hash, &stored) && typed.is_some() && row.is_some()
}

/// The request `id` if the user may work on it (`TakeIn` on the unit whose queue holds it,
/// `RequestRow::handled_by`); `NotFound` otherwise, absent and hidden alike.
pub fn visible_request(state: &AppState, user: &User, id: i64) -> Result<RequestRow, WebError> {
    let row = state.store.request(RequestId(id)).map_err(WebError::from)?.ok_or(WebError::NotFound)?;
    user.may(state, Action::TakeIn { unit: row.handled_by }).map_err(|_| WebError::NotFound)?;
    Ok(row)
}

/// The words of a state.
pub fn state_words(state: RequestState, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => state.label_vi(),
        Lang::En => state.label_en(),
    }
}
