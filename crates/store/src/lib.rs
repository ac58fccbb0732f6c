//! THADS storage: the narrow traits every backend (embedded SQLite, PostgreSQL) implements, the
//! records that cross them, and (behind the `contract` feature) a contract test suite both
//! backends must pass.
//!
//! One trait pair per capability, in a file of the capability's name holding its records too:
//! `Cases` reads on the pool, `CasesTx` writes in one transaction, and so on. `Store` and
//! `WriteTx` are their supertraits, so code holding a `&dyn Store` or a `Box<dyn WriteTx>`
//! calls every method without importing the capability traits. A new capability adds its file,
//! its pair to the two supertrait lists, and its implementation in each backend's file of the
//! same name.
//!
//! The store keeps what it is given. Checking a history, deriving a case's current state and
//! computing ledger deltas are domain work done above it (thads-app); the store guarantees
//! atomic transactions, append-only events and audit, unique keys, and optimistic concurrency
//! on cases (`CasesTx::update_case` with the version the caller read).

mod accounts;
mod admin_judgments;
mod assets;
mod audit;
pub mod backup;
mod calendar;
mod cases;
pub mod codes;
mod complaints;
#[cfg(feature = "contract")]
pub mod contract;
mod deadlines;
mod documents;
mod events;
mod exemption;
mod imports;
mod ledger;
pub mod ledger_codec;
mod meta;
mod money;
mod money_savings;
pub mod observe;
mod periods;
mod personnel;
mod portal;
mod reception;
mod reorg;
mod requests;
mod snapshots;
mod supersession;
mod targets;
mod units;

use thads_core::CaseNo;

pub use accounts::*;
pub use admin_judgments::*;
pub use assets::*;
pub use audit::*;
pub use calendar::*;
pub use cases::*;
pub use complaints::*;
pub use deadlines::*;
pub use documents::*;
pub use events::*;
pub use exemption::*;
pub use imports::*;
pub use ledger::*;
pub use meta::*;
pub use money::*;
pub use periods::*;
pub use personnel::*;
pub use portal::*;
pub use reception::*;
pub use reorg::*;
pub use requests::*;
pub use snapshots::*;
pub use supersession::*;
pub use targets::*;
pub use units::*;

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique key already exists (unit code, case number, login, file already imported…).
    #[error("đã tồn tại / already exists: {0}")]
    Duplicate(String),
    /// The case changed since the caller read it.
    #[error("việc {case} đã được người khác thay đổi, hãy tải lại / this case was changed by someone else, reload")]
    Stale { case: CaseNo },
    #[error("không tìm thấy / not found: {0}")]
    NotFound(String),
    /// The record was already replaced (corrected or voided) by another one; a record is
    /// replaced once, so a second correction or void of it is refused.
    #[error(
        "bản ghi #{record} đã được sửa hoặc hủy, hãy tải lại / record #{record} was already corrected or voided, reload",
        record = .record.0
    )]
    AlreadySuperseded { record: thads_core::EventId },
    /// The data refers to something that does not exist or breaks a rule the store enforces.
    #[error("dữ liệu không hợp lệ / invalid data: {0}")]
    Invalid(String),
    /// The database failed; the text is for logs, never for users.
    #[error("lỗi cơ sở dữ liệu / database error")]
    Backend(String),
}

impl StoreError {
    pub fn backend(e: impl std::fmt::Display) -> StoreError {
        StoreError::Backend(e.to_string())
    }

    /// A stored value that does not parse, naming its column: it can only come from outside
    /// THADS.
    pub fn corrupt(column: &str, value: impl std::fmt::Display) -> StoreError {
        StoreError::Backend(format!("unreadable value in column {column}: {value}"))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A backend: every capability's reads, each on a connection of its own, and the transaction
/// every write goes through.
pub trait Store:
    Meta
    + Units
    + Accounts
    + Cases
    + Events
    + Ledger
    + Targets
    + Imports
    + Audit
    + Calendar
    + Deadlines
    + AdminJudgments
    + Exemptions
    + Complaints
    + Reception
    + Assets
    + Money
    + Documents
    + Periods
    + Snapshots
    + Reorgs
    + Personnel
    + Portal
    + Requests
    + Send
    + Sync
{
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    /// Starts a write transaction. Dropping it without `commit` rolls back.
    fn begin(&self) -> StoreResult<Box<dyn WriteTx + '_>>;

    /// How much of the connection pool is in use, where the backend keeps one (`/metrics`).
    fn pool_use(&self) -> Option<observe::PoolReading> {
        None
    }
}

/// One write transaction: every capability's writes (and the reads they need) run inside it;
/// nothing is visible to others until `commit`.
pub trait WriteTx:
    MetaTx
    + UnitsTx
    + AccountsTx
    + CasesTx
    + EventsTx
    + LedgerTx
    + TargetsTx
    + ImportsTx
    + AuditTx
    + CalendarTx
    + DeadlinesTx
    + AdminJudgmentsTx
    + ExemptionsTx
    + ComplaintsTx
    + ReceptionTx
    + AssetsTx
    + MoneyTx
    + DocumentsTx
    + PeriodsTx
    + SnapshotsTx
    + ReorgTx
    + PersonnelTx
    + PortalTx
    + RequestsTx
{
    fn commit(self: Box<Self>) -> StoreResult<()>;
}

/// The column list `columns` (`a, b, c`) qualified by a table alias (`x.a, x.b, x.c`).
pub fn columns_of(columns: &str, alias: &str) -> String {
    columns.split(", ").map(|c| format!("{alias}.{}", c.trim())).collect::<Vec<_>>().join(", ")
}
