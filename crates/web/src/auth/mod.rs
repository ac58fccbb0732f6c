//! Who is asking: passwords (argon2id), session tokens (random, stored as SHA-256), cookies,
//! rate limiting of sign-in, and the extractors through which every handler states what it
//! requires.

mod client;
mod guard;
mod limit;
mod password;
mod session;

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

pub use client::{ClientAddr, TrustedProxy, client_address};
pub use guard::{
    Allowed, CaseAccess, CaseChange, CsrfForm, Import, ImportJob, Need, User, Via, ViewAudit, ViewReports,
};
pub use limit::{Attempt, Limiter};
pub use password::{PasswordError, check_new_password, hash_new_password, hash_password, verify_password};
pub use session::{SESSION_COOKIE, end_session, expired_cookie, session_cookie, sign_in, start_session};

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

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Compares secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
