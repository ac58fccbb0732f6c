//! The pages of accounts: signing in and out, and changing one's own password. The sign-in
//! form carries a CSRF token that is also in a short-lived cookie (there is no session yet to
//! hold it). A changed password ends every other session of the person.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{
    ClientAddr, CsrfForm, SESSION_COOKIE, User, end_session, expired_cookie, hash_new_password, random_token,
    same_secret, session_cookie, sign_in, verify_password,
};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

const LOGIN_CSRF: &str = "thads_login_csrf";

#[derive(Template, WebTemplate)]
#[template(path = "accounts/login.html")]
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
    let csrf = random_token()?;
    let message = error.map(|e| e.message(lang));
    let page = LoginPage {
        c: Chrome::anonymous(lang),
        csrf: csrf.clone(),
        next: safe_next(next),
        login: login.into(),
        error: message,
    };
    let status = error.map_or(StatusCode::OK, WebError::status);
    let mut response = (status, page).into_response();
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{LOGIN_CSRF}={csrf}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{secure}");
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(WebError::internal)?);
    if let Some(retry) = error.and_then(WebError::retry_after) {
        response.headers_mut().insert(header::RETRY_AFTER, retry);
    }
    Ok(response)
}

pub async fn login_form(
    State(state): State<AppState>,
    lang: Lang,
    Query(p): Query<NextParam>,
) -> Result<Response, WebError> {
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

pub async fn login(
    State(state): State<AppState>,
    lang: Lang,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    let expected = crate::cookie::cookie(&headers, LOGIN_CSRF).unwrap_or_default();
    if expected.is_empty() || !same_secret(&expected, &f.csrf) {
        return Err(WebError::Csrf);
    }
    let (login, password) = (f.login.clone(), f.password);
    let result = state.blocking(move |s| sign_in(s, &login, &password, &client)).await;
    match result {
        Ok((_, token)) => {
            let mut response = see_other(&safe_next(&f.next));
            let cookie = session_cookie(&state, &token);
            response
                .headers_mut()
                .append(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(WebError::internal)?);
            let clear = expired_cookie(&state, LOGIN_CSRF).replace("Path=/", "Path=/login");
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
    state.blocking(move |s| end_session(s, &hash)).await?;
    let mut response = see_other("/login");
    let cookie = expired_cookie(&state, SESSION_COOKIE);
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(WebError::internal)?);
    Ok(response)
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/password.html")]
struct PasswordPage {
    c: Chrome,
    error: Option<String>,
    done: bool,
}

pub async fn password_form(State(state): State<AppState>, user: User, lang: Lang) -> impl IntoResponse {
    PasswordPage { c: user.chrome(&state, lang), error: None, done: false }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    lang: Lang,
    CsrfForm { user, form }: CsrfForm<PasswordForm>,
) -> Result<Response, WebError> {
    let u = user.clone();
    let result = state.blocking(move |s| store_password(s, &u, &form)).await;
    let page = |error: Option<String>, done| PasswordPage { c: user.chrome(&state, lang), error, done };
    match result {
        Ok(()) => Ok(page(None, true).into_response()),
        Err(WebError::Refused(r)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(Some(r.message(lang)), false)).into_response())
        }
        Err(e) => Err(e),
    }
}

fn store_password(state: &AppState, user: &User, f: &PasswordForm) -> Result<(), WebError> {
    let current = state.store.credentials(&user.staff.login)?.ok_or(WebError::NotSignedIn)?;
    if !verify_password(&current.password_hash, &f.current) {
        return Err(WebError::refused("mật khẩu hiện tại không đúng / the current password is wrong"));
    }
    if f.new != f.repeat {
        return Err(WebError::refused("hai lần nhập mật khẩu mới không khớp / the new passwords differ"));
    }
    let hash = hash_new_password(&f.new, &user.staff.login).map_err(|e| WebError::refused(e.to_string()))?;
    let mut tx = state.store.begin()?;
    tx.set_password(user.staff.id, &hash, state.now())?;
    tx.delete_sessions_of(user.staff.id)?;
    // This session goes on: it proved the current password just now.
    tx.insert_session(&thads_store::NewSession {
        token_hash: user.token_hash.clone(),
        staff: user.staff.id,
        csrf: user.csrf.clone(),
        created_at: state.now(),
        expires_at: state.now() + time::Duration::hours(i64::from(state.config.session_hours)),
    })?;
    tx.insert_audit(&thads_store::NewAudit {
        at: state.now(),
        actor: user.staff.login.to_string(),
        case: None,
        action: "user.password".into(),
        before: None,
        after: None,
    })?;
    tx.commit()?;
    Ok(())
}
