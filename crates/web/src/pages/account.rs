//! Changing one's own password. Every other session of the person ends with it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::Chrome;
use crate::auth::{self, CsrfForm, User};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

#[derive(Template, WebTemplate)]
#[template(path = "password.html")]
struct PasswordPage {
    c: Chrome,
    error: Option<String>,
    done: bool,
}

pub async fn form(State(state): State<AppState>, user: User, lang: Lang) -> impl IntoResponse {
    PasswordPage { c: Chrome::of(&state, &user, lang), error: None, done: false }
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

pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    CsrfForm { user, form }: CsrfForm<PasswordForm>,
) -> Result<Response, WebError> {
    let u = user.clone();
    let result = state.blocking(move |s| change(s, &u, &form)).await;
    let page = |error: Option<String>, done| PasswordPage { c: Chrome::of(&state, &user, lang), error, done };
    match result {
        Ok(()) => Ok(page(None, true).into_response()),
        Err(WebError::Refused(m)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, page(Some(m), false)).into_response()),
        Err(e) => Err(e),
    }
}

fn change(state: &AppState, user: &User, f: &PasswordForm) -> Result<(), WebError> {
    let current = state.store.credentials(&user.staff.login)?.ok_or(WebError::NotSignedIn)?;
    if !auth::verify_password(&current.password_hash, &f.current) {
        return Err(WebError::Refused("mật khẩu hiện tại không đúng / the current password is wrong".into()));
    }
    if f.new != f.repeat {
        return Err(WebError::Refused("hai lần nhập mật khẩu mới không khớp / the new passwords differ".into()));
    }
    let hash = auth::hash_new_password(&f.new, &user.staff.login).map_err(|e| WebError::Refused(e.to_string()))?;
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
