//! Signing in and out of the pages. The sign-in form carries a CSRF token that is also in a
//! short-lived cookie (there is no session yet to hold it).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Chrome, see_other};
use crate::auth::{self, ClientAddr, CsrfForm, User};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

const LOGIN_CSRF: &str = "thads_login_csrf";

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    csrf: String,
    next: String,
    login: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextParam {
    #[serde(default)]
    next: String,
}

/// Only paths of this site: never an open redirect.
fn safe_next(next: &str) -> String {
    crate::redirect::local_target(next).to_string()
}

/// The sign-in form; after a refused sign-in, with its message, status and `Retry-After`.
fn render(
    state: &AppState,
    lang: Lang,
    next: &str,
    login: &str,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let csrf = auth::random_token()?;
    let message = error.map(|e| e.message(lang));
    let page = LoginPage {
        c: Chrome::anonymous(lang),
        csrf: csrf.clone(),
        next: safe_next(next),
        login: login.into(),
        error: message,
    };
    let status = error.map_or(axum::http::StatusCode::OK, WebError::status);
    let mut response = (status, page).into_response();
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{LOGIN_CSRF}={csrf}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{secure}");
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(WebError::internal)?);
    if let Some(retry) = error.and_then(WebError::retry_after) {
        response.headers_mut().insert(header::RETRY_AFTER, retry);
    }
    Ok(response)
}

pub async fn form(State(state): State<AppState>, lang: Lang, Query(p): Query<NextParam>) -> Result<Response, WebError> {
    render(&state, lang, &p.next, "", None)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    let expected = auth::cookie(&headers, LOGIN_CSRF).unwrap_or_default();
    if expected.is_empty() || !auth::same_secret(&expected, &f.csrf) {
        return Err(WebError::Csrf);
    }
    let (login, password) = (f.login.clone(), f.password);
    let result = state.blocking(move |s| auth::sign_in(s, &login, &password, &client)).await;
    match result {
        Ok((_, token)) => {
            let mut response = see_other(&safe_next(&f.next));
            let cookie = auth::session_cookie(&state, &token);
            response
                .headers_mut()
                .append(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(WebError::internal)?);
            let clear = auth::expired_cookie(&state, LOGIN_CSRF).replace("Path=/", "Path=/login");
            response
                .headers_mut()
                .append(header::SET_COOKIE, HeaderValue::from_str(&clear).map_err(WebError::internal)?);
            Ok(response)
        }
        Err(e @ (WebError::WrongPassword | WebError::RateLimited { .. })) => {
            render(&state, lang, &f.next, &f.login, Some(&e))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(State(state): State<AppState>, form: CsrfForm<Empty>) -> Result<Response, WebError> {
    let user: User = form.user;
    let hash = user.token_hash.clone();
    state.blocking(move |s| auth::end_session(s, &hash)).await?;
    let mut response = see_other("/login");
    let cookie = auth::expired_cookie(&state, auth::SESSION_COOKIE);
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(WebError::internal)?);
    Ok(response)
}
