//! THADS storage: the narrow trait every backend (embedded SQLite, PostgreSQL) implements, the
//! records that cross it, and a contract test suite both backends must pass.
//!
//! The store keeps what it is given. Checking a history, deriving a case's current state and
//! computing ledger deltas are domain work done above it (thads-app); the store guarantees
//! atomic transactions, append-only events and audit, unique keys, and optimistic concurrency
//! on cases (`WriteTx::update_case` with the version the caller read).

mod accounts;
pub mod contract;
mod deadlines;
pub mod ledger_codec;
mod listing;
mod records;
mod supersession;

use thads_core::{Case, CaseId, CaseNo, EventId, EventRecord, Login, Role, Staff, StaffId, Unit, UnitId};
use time::{Date, OffsetDateTime};

pub use accounts::*;
pub use deadlines::*;
pub use listing::*;
pub use records::*;
pub use supersession::*;

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
    AlreadySuperseded { record: EventId },
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
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Whether changing about `cases` of the `stored` cases is a change of most of the register
/// (`WriteTx::expect_changes`): at least half of them. Below that, a backend keeps its indexes
/// and counts up as it goes: rebuilding them over the whole register would cost more.
pub fn changes_most_of(cases: usize, stored: i64) -> bool {
    let cases = i64::try_from(cases).unwrap_or(i64::MAX);
    stored > 0 && cases.saturating_mul(2) >= stored
}

/// A backend. Reads take a connection of their own; writes go through one transaction.
pub trait Store: Send + Sync {
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    /// Starts a write transaction. Dropping it without `commit` rolls back.
    fn begin(&self) -> StoreResult<Box<dyn WriteTx + '_>>;

    fn units(&self) -> StoreResult<Vec<Unit>>;
    fn staff(&self) -> StoreResult<Vec<Staff>>;
    fn case(&self, id: CaseId) -> StoreResult<Option<Case>>;
    fn case_by_no(&self, unit: UnitId, case_no: &CaseNo) -> StoreResult<Option<Case>>;
    /// Every record of a case's history, corrections included, in record order.
    fn records(&self, case: CaseId) -> StoreResult<Vec<EventRecord>>;
    fn case_count(&self) -> StoreResult<u64>;
    /// Refreshes the query planner's statistics after a bulk load (demo, import, migration), so
    /// that the first queries on millions of new rows are planned for what the tables now hold.
    fn refresh_planner_statistics(&self) -> StoreResult<()>;

    /// Calls `visit` for each case matching `filter` with its records, in case-id order,
    /// without holding all of them in memory.
    fn scan_histories(
        &self,
        filter: &ScanFilter,
        visit: &mut dyn FnMut(CaseHistory) -> StoreResult<()>,
    ) -> StoreResult<()>;

    /// Every ledger row (monthly deltas per series).
    fn ledger(&self) -> StoreResult<Vec<LedgerRow>>;
    fn deducted_moves(&self) -> StoreResult<Vec<DeductedRow>>;
    /// How many cases of each unit were accepted in each month and closed in each month (or
    /// are still open): the age of pending cases comes from these. Kept by the store itself.
    fn case_cohorts(&self) -> StoreResult<Vec<CohortCount>>;
    fn ledger_state(&self) -> StoreResult<LedgerState>;
    /// A number that moves in the same transaction as every change of units, staff, targets,
    /// announced days or rule corrections, and with nothing else: a long-running process that
    /// keeps them in memory reloads them when it moves.
    fn reference_generation(&self) -> StoreResult<i64>;

    fn targets(&self) -> StoreResult<Vec<Target>>;
    fn import_by_hash(&self, sha256: &str) -> StoreResult<Option<ImportBatch>>;
    /// The audit trail of a case, oldest first.
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>>;
    /// The audit trail of an actor, newest first, at most `limit` entries.
    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>>;

    /// A page of the case list (web application).
    fn list_cases(&self, query: &CaseQuery) -> StoreResult<CaseList>;
    /// A staff member and their password hash, if they have a password.
    fn credentials(&self, login: &Login) -> StoreResult<Option<Credentials>>;
    /// The session whose token hashes to `token_hash`, if it has not expired at `now`.
    fn session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>>;

    /// The announced days off and working days, by date.
    fn announced_days(&self) -> StoreResult<Vec<AnnouncedDayRecord>>;
    /// The administrator's corrections of rule lengths, by rule id.
    fn rule_overrides(&self) -> StoreResult<Vec<RuleOverride>>;
    /// Stored deadlines visible on `query.on`, earliest due first (then case, kind).
    fn deadlines(&self, query: &DeadlineQuery) -> StoreResult<Vec<DeadlineRow>>;
    /// Counts of the deadlines visible on `on` per unit and officer (only `units` if given).
    fn deadline_tallies(&self, units: Option<&[UnitId]>, on: Date, soon: Date) -> StoreResult<Vec<DeadlineTally>>;
    /// What the deadlines table was built with (`None` until it is first built).
    fn deadlines_stamp(&self) -> StoreResult<Option<String>>;
}

/// One write transaction. Every method runs inside it; nothing is visible to others until
/// `commit`.
pub trait WriteTx {
    /// Inserts a unit; its `parent` and `successor` must already exist (insert parents first;
    /// a successor inserted later is linked with `link_successor`). `Duplicate` on a used code.
    fn insert_unit(&mut self, unit: &NewUnit) -> StoreResult<UnitId>;
    fn link_successor(&mut self, unit: UnitId, successor: UnitId) -> StoreResult<()>;
    fn units(&mut self) -> StoreResult<Vec<Unit>>;

    fn insert_staff(&mut self, staff: &NewStaff) -> StoreResult<StaffId>;
    fn staff(&mut self) -> StoreResult<Vec<Staff>>;

    /// Inserts cases in order; returns their ids in the same order.
    fn insert_cases(&mut self, cases: &[NewCase]) -> StoreResult<Vec<CaseId>>;
    /// Looks cases up by unit and number (None where absent), in the order asked.
    fn find_cases(&mut self, keys: &[(UnitId, CaseNo)]) -> StoreResult<Vec<Option<Case>>>;
    /// Reads a case for update: on PostgreSQL the row is locked until commit.
    fn case_for_update(&mut self, id: CaseId) -> StoreResult<Option<Case>>;
    /// Records of many cases (only cases that have any appear).
    fn records_of(&mut self, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, Vec<EventRecord>)>>;
    /// Stores a case's new facts and current state if its version is still `expected_version`;
    /// otherwise `StoreError::Stale`. Returns the new version.
    fn update_case(&mut self, id: CaseId, expected_version: i64, update: &CaseUpdate) -> StoreResult<i64>;
    /// `update_case` for many cases (imports): all or, at the first stale one, an error; the new
    /// versions in order. A networked backend sends them in a few statements.
    fn update_cases(&mut self, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
        updates.iter().map(|(id, version, update)| self.update_case(*id, *version, update)).collect()
    }
    /// Says, before it happens, that this transaction will change about `cases` stored cases
    /// (their events, state and deadlines), as the events file of a register's first load does.
    /// A backend may then keep up what those writes touch (indexes over the changing columns,
    /// cohort counts) once at commit rather than row by row, where that is cheaper; once the
    /// transaction commits, everything reads the same as without the call.
    fn expect_changes(&mut self, cases: usize) -> StoreResult<()>;

    /// Appends records (never updates or deletes); returns their ids in order.
    fn insert_events(&mut self, events: &[NewEvent]) -> StoreResult<Vec<EventId>>;

    /// Adds deltas to the ledger.
    fn apply_ledger(&mut self, rows: &[LedgerRow]) -> StoreResult<()>;
    /// Replaces the deducted moves of the given cases with `rows`.
    fn replace_deducted_moves(&mut self, cases: &[CaseId], rows: &[DeductedRow]) -> StoreResult<()>;
    /// Empties the ledger and deducted moves (before a rebuild).
    fn clear_ledger(&mut self) -> StoreResult<()>;
    /// Records which classification rules the ledger was built with; bumps its generation.
    fn set_ledger_rules(&mut self, fingerprint: &str) -> StoreResult<()>;
    /// Bumps the ledger generation so that caches reload.
    fn touch_ledger(&mut self) -> StoreResult<()>;

    /// Inserts a target; `Duplicate` if the unit already has one for that year.
    fn insert_target(&mut self, target: &Target) -> StoreResult<()>;
    /// Sets a target, replacing any; returns the previous one.
    fn set_target(&mut self, target: &Target) -> StoreResult<Option<Target>>;

    /// Records an imported file; `Duplicate` if a file with the same SHA-256 was imported.
    fn insert_import(&mut self, batch: &NewImportBatch) -> StoreResult<i64>;
    fn insert_audit(&mut self, entry: &NewAudit) -> StoreResult<()>;

    /// Sets (or replaces) a staff member's password hash.
    fn set_password(&mut self, staff: StaffId, password_hash: &str, at: OffsetDateTime) -> StoreResult<()>;
    /// Moves a staff member to a unit and role (and makes them active).
    fn update_staff(&mut self, staff: StaffId, unit: UnitId, role: Role) -> StoreResult<()>;
    /// `Duplicate` if the token hash is already used.
    fn insert_session(&mut self, session: &NewSession) -> StoreResult<()>;
    fn delete_session(&mut self, token_hash: &str) -> StoreResult<()>;
    /// Ends every session of a staff member (after a password change); returns how many.
    fn delete_sessions_of(&mut self, staff: StaffId) -> StoreResult<u64>;
    /// Forgets sessions that expired before `now`; returns how many.
    fn delete_expired_sessions(&mut self, now: OffsetDateTime) -> StoreResult<u64>;

    fn announced_days(&mut self) -> StoreResult<Vec<AnnouncedDayRecord>>;
    /// `Duplicate` if that date is already announced.
    fn insert_announced_day(&mut self, day: &AnnouncedDayRecord) -> StoreResult<()>;
    /// Removes the announcement of a date; returns it if there was one.
    fn delete_announced_day(&mut self, date: Date) -> StoreResult<Option<AnnouncedDayRecord>>;
    fn rule_overrides(&mut self) -> StoreResult<Vec<RuleOverride>>;
    /// Sets (or replaces) the override of a rule; returns the previous one.
    fn set_rule_override(&mut self, rule: &RuleOverride) -> StoreResult<Option<RuleOverride>>;
    /// Removes the override of a rule; returns it if there was one.
    fn delete_rule_override(&mut self, rule_id: &str) -> StoreResult<Option<RuleOverride>>;
    /// Replaces the deadlines of the given cases with `rows` (which may name other cases too,
    /// e.g. new ones).
    fn replace_deadlines(&mut self, cases: &[CaseId], rows: &[DeadlineRow]) -> StoreResult<()>;
    /// Empties the deadlines table (before a rebuild).
    fn clear_deadlines(&mut self) -> StoreResult<()>;
    /// Records what the deadlines table was built with.
    fn set_deadlines_stamp(&mut self, stamp: &str) -> StoreResult<()>;

    fn commit(self: Box<Self>) -> StoreResult<()>;
}

#[cfg(test)]
mod tests {
    use super::changes_most_of;

    #[test]
    fn most_of_the_register_is_at_least_half_of_it() {
        assert!(changes_most_of(150, 300));
        assert!(!changes_most_of(149, 300));
        assert!(changes_most_of(usize::MAX, 10));
        assert!(!changes_most_of(5, 0), "nothing stored: nothing to rebuild");
    }
}
