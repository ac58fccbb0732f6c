//! Records of sign-in: passwords of staff members and the sessions of the web application.
//! Tokens never reach the store in clear: it keeps their SHA-256 only.

use thads_core::{Staff, StaffId};
use time::OffsetDateTime;

/// A staff member with the hash of their password (PHC string, argon2id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub staff: Staff,
    pub password_hash: String,
}

/// What a sign-in creates: the hash of the token the client holds, and the CSRF token of its
/// forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub staff: StaffId,
    pub csrf: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A live session and the person it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub staff: Staff,
    pub csrf: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}
