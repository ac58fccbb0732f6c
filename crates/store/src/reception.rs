//! Citizen reception (tiếp công dân; schema 0016_complaints): the heads' schedule of reception
//! days and the sessions held. A session's letters are the complaints registered with its id.

use thads_core::reception::{Session, SessionId};
use thads_core::{StaffId, UnitId};
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// The columns of `reception_sessions`, in the order the backends read a `SessionRow`.
pub const SESSION_COLUMNS: &str =
    "id, unit_id, date, head_id, kind, visitors, subject, result, recorded_by, recorded_at";

/// A session held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id: SessionId,
    /// `session.complaints`: the letters registered with this session, by id.
    pub session: Session,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// A day a head is scheduled to receive citizens (lịch tiếp công dân).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledDay {
    pub unit: UnitId,
    pub head: StaffId,
    pub date: Date,
    /// Where (trụ sở tiếp công dân); may be empty.
    pub place: String,
}

/// Reading the reception register.
pub trait Reception {
    /// Every session, by date then id.
    fn reception_sessions(&self) -> StoreResult<Vec<SessionRow>>;
    /// The schedule, by date then head.
    fn reception_schedule(&self) -> StoreResult<Vec<ScheduledDay>>;
}

/// Writing it, in a transaction.
pub trait ReceptionTx {
    /// Inserts a session (its `complaints` are ignored: a letter names its session) and returns
    /// its id.
    fn insert_reception_session(&mut self, session: &SessionRow) -> StoreResult<SessionId>;
    /// `Duplicate` when the head is already scheduled that day.
    fn insert_scheduled_day(&mut self, day: &ScheduledDay) -> StoreResult<()>;
    /// Removes a scheduled day; returns it if there was one.
    fn delete_scheduled_day(&mut self, head: StaffId, date: Date) -> StoreResult<Option<ScheduledDay>>;
}
