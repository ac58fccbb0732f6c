//! Accounts: who is asking. Passwords (argon2id), session tokens (random, stored as SHA-256),
//! rate limiting of sign-in, the sign-in history, the sign-in and account pages, the
//! administration of users (`users`), the API's session, and the extractors through which
//! every handler of every room states what it requires.

pub mod api;
mod client;
mod guard;
mod limit;
pub mod pages;
mod password;
mod session;
pub mod users;

use std::sync::Arc;

use sha2::{Digest, Sha256};

pub use client::{ClientAddr, client_address};
pub use guard::{Allowed, CaseAccess, CaseChange, CsrfForm, Need, User, Via};
pub use limit::{Attempt, Limiter};
pub use password::{PasswordError, check_new_password, hash_new_password, hash_password, verify_password};
pub use session::{SESSION_COOKIE, end_session, expired_cookie, session_cookie, sign_in, start_session};

use crate::state::AppState;

/// The sign-in limiter of this server (a part of its state).
pub fn limiter(state: &AppState) -> Arc<Limiter> {
    state.part(|s| Limiter::new(s.config.login_failures, s.config.login_window_minutes))
}

/// 32 random bytes as hex: session tokens and CSRF tokens.
pub fn random_token() -> Result<String, crate::WebError> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).map_err(crate::WebError::internal)?;
    Ok(hex(&bytes))
}

/// What the store keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
