//! Accounts: staff members (login, unit, role), their passwords and the sessions of the web
//! application. Tokens never reach the store in clear: it keeps their SHA-256 only.

use thads_core::{Login, Role, Staff, StaffId, UnitId};
use time::OffsetDateTime;

use crate::StoreResult;

/// The columns of `staff`, in the order the backends read a `Staff`.
pub const STAFF_COLUMNS: &str = "id, unit_id, login, full_name, role, active";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    pub unit: UnitId,
    pub login: Login,
    pub full_name: String,
    pub role: Role,
}

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

/// How a sign-in ended (stored codes of `sign_ins.outcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignInOutcome {
    /// Signed in.
    Ok,
    /// Unknown login or wrong password.
    Refused,
    /// Refused unread: too many failures of that login or address.
    Locked,
    /// The right password of a disabled account.
    Disabled,
}

impl SignInOutcome {
    pub const ALL: [SignInOutcome; 4] =
        [SignInOutcome::Ok, SignInOutcome::Refused, SignInOutcome::Locked, SignInOutcome::Disabled];

    pub fn code(self) -> &'static str {
        match self {
            SignInOutcome::Ok => "ok",
            SignInOutcome::Refused => "refused",
            SignInOutcome::Locked => "locked",
            SignInOutcome::Disabled => "disabled",
        }
    }

    pub fn parse(code: &str) -> Option<SignInOutcome> {
        SignInOutcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A sign-in to keep: when, the login typed (at most 64 characters), the person it names if
/// any, the client's address and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignIn {
    pub at: OffsetDateTime,
    pub login: String,
    pub staff: Option<StaffId>,
    pub address: String,
    pub outcome: SignInOutcome,
}

/// A kept sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInRecord {
    pub id: i64,
    pub at: OffsetDateTime,
    pub login: String,
    pub staff: Option<StaffId>,
    pub address: String,
    pub outcome: SignInOutcome,
}

/// Which sign-ins to read; every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInQuery {
    /// Sign-ins of people of these units only; `None`: every one, of unknown logins too.
    pub units: Option<Vec<UnitId>>,
    /// The login typed, exactly.
    pub login: Option<String>,
    pub outcome: Option<SignInOutcome>,
    /// At or after.
    pub from: Option<OffsetDateTime>,
    /// Before.
    pub until: Option<OffsetDateTime>,
    /// At most this many, newest first.
    pub limit: u32,
}

/// Reading accounts.
pub trait Accounts {
    /// Every staff member, by login.
    fn staff(&self) -> StoreResult<Vec<Staff>>;
    /// A staff member and their password hash, if they have a password.
    fn credentials(&self, login: &Login) -> StoreResult<Option<Credentials>>;
    /// The session whose token hashes to `token_hash`, if it has not expired at `now`.
    fn session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>>;
    /// The sign-ins `query` asks for, newest first.
    fn sign_ins(&self, query: &SignInQuery) -> StoreResult<Vec<SignInRecord>>;
}

/// Writing accounts, in a transaction.
pub trait AccountsTx {
    /// `Duplicate` if the login is taken.
    fn insert_staff(&mut self, staff: &NewStaff) -> StoreResult<StaffId>;
    /// Every staff member, by login, as this transaction sees them.
    fn staff(&mut self) -> StoreResult<Vec<Staff>>;
    /// Sets (or replaces) a staff member's password hash.
    fn set_password(&mut self, staff: StaffId, password_hash: &str, at: OffsetDateTime) -> StoreResult<()>;
    /// Moves a staff member to a unit and role (and makes them active).
    fn update_staff(&mut self, staff: StaffId, unit: UnitId, role: Role) -> StoreResult<()>;
    /// Enables or disables a staff member (a disabled one cannot sign in); `NotFound` if absent.
    fn set_active(&mut self, staff: StaffId, active: bool) -> StoreResult<()>;
    /// Keeps a sign-in (append-only).
    fn insert_sign_in(&mut self, sign_in: &NewSignIn) -> StoreResult<()>;
    /// `Duplicate` if the token hash is already used.
    fn insert_session(&mut self, session: &NewSession) -> StoreResult<()>;
    fn delete_session(&mut self, token_hash: &str) -> StoreResult<()>;
    /// Ends every session of a staff member (after a password change); returns how many.
    fn delete_sessions_of(&mut self, staff: StaffId) -> StoreResult<u64>;
    /// Forgets sessions that expired before `now`; returns how many.
    fn delete_expired_sessions(&mut self, now: OffsetDateTime) -> StoreResult<u64>;
}
