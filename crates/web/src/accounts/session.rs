//! Signing in and out: checks the password (with rate limiting), creates a session whose token
//! only the client holds, and the cookie that carries it. Every sign-in, successful or refused
//! (wrong login or password, locked out, disabled account), is kept with its time, the login
//! typed, the person it names and the client's address.

use thads_core::{Login, Staff, StaffId};
use thads_store::{NewSession, NewSignIn, SignInOutcome};
use time::Duration;

use super::{Attempt, hash_password, limiter, random_token, token_hash, verify_password};
use crate::error::WebError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "thads_session";

/// A new session of `staff`: `(token, csrf)`.
pub fn start_session(state: &AppState, staff: &Staff) -> Result<(String, String), WebError> {
    let token = random_token()?;
    let csrf = random_token()?;
    let now = state.now();
    let mut tx = state.store.begin()?;
    tx.delete_expired_sessions(now)?;
    tx.insert_session(&NewSession {
        token_hash: token_hash(&token),
        staff: staff.id,
        csrf: csrf.clone(),
        created_at: now,
        expires_at: now + Duration::hours(i64::from(state.config.session_hours)),
    })?;
    tx.commit()?;
    Ok((token, csrf))
}

/// Checks a login and password; `client` is the caller's address for rate limiting. The
/// attempt is kept in the sign-in history whatever its outcome.
pub fn sign_in(state: &AppState, login: &str, password: &str, client: &str) -> Result<(Staff, String), WebError> {
    let now = state.now();
    let valid = Login::new(login).ok();
    let attempt = Attempt { login: valid.as_ref().map(Login::as_str), address: client };
    let limiter = limiter(state);
    if let Err(minutes) = limiter.check(attempt, state.config.address_failures, now) {
        let known = valid.as_ref().and_then(|l| state.directory().staff.values().find(|s| s.login == *l).map(|s| s.id));
        record(state, login, known, client, SignInOutcome::Locked)?;
        return Err(WebError::RateLimited { minutes });
    }
    let found = match &valid {
        Some(l) => state.store.credentials(l)?,
        None => None,
    };
    let verified = match &found {
        Some(c) => verify_password(&c.password_hash, password),
        None => {
            // Spend the same time as a real check so that timing does not reveal logins.
            let _ = hash_password("timing-equaliser-0");
            false
        }
    };
    match found {
        Some(c) if verified && c.staff.active => {
            limiter.succeeded(c.staff.login.as_str());
            if !state.directory().staff.contains_key(&c.staff.id) {
                state.reload_directory()?;
            }
            let (token, _) = start_session(state, &c.staff)?;
            record(state, login, Some(c.staff.id), client, SignInOutcome::Ok)?;
            Ok((c.staff, token))
        }
        found => {
            limiter.failed(attempt, now);
            let outcome = if verified { SignInOutcome::Disabled } else { SignInOutcome::Refused };
            record(state, login, found.map(|c| c.staff.id), client, outcome)?;
            Err(WebError::WrongPassword)
        }
    }
}

/// At most `max` characters of what a client sent, controls replaced: a login typed, an address.
fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect()
}

/// Keeps a sign-in in the history (its own transaction).
fn record(
    state: &AppState,
    login: &str,
    staff: Option<StaffId>,
    client: &str,
    outcome: SignInOutcome,
) -> Result<(), WebError> {
    let mut tx = state.store.begin()?;
    tx.insert_sign_in(&NewSignIn {
        at: state.now(),
        login: clip(login.trim(), thads_core::field::LOGIN.max_chars),
        staff,
        address: clip(client, 64),
        outcome,
    })?;
    tx.commit()?;
    Ok(())
}

pub fn end_session(state: &AppState, token_hash: &str) -> Result<(), WebError> {
    let mut tx = state.store.begin()?;
    tx.delete_session(token_hash)?;
    tx.commit()?;
    Ok(())
}

/// `Set-Cookie` for a session token.
pub fn session_cookie(state: &AppState, token: &str) -> String {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let age = i64::from(state.config.session_hours) * 3600;
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={age}{secure}")
}

pub fn expired_cookie(state: &AppState, name: &str) -> String {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    format!("{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}
