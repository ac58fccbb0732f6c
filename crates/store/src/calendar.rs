//! The working-day calendar's data an administrator enters: the days off and working days the
//! government announces each year, with their source (schema 0003_calendar).

use thads_core::calendar::AnnouncedDay;
use time::{Date, OffsetDateTime};

use crate::StoreResult;

/// The columns of `announced_days`, in the order the backends read an `AnnouncedDayRecord`.
pub const ANNOUNCED_DAY_COLUMNS: &str = "date, kind, source, added_by, added_at";

/// An announced day off or working day, who entered it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncedDayRecord {
    pub day: AnnouncedDay,
    pub added_by: String,
    pub added_at: OffsetDateTime,
}

/// Reading the calendar.
pub trait Calendar {
    /// The announced days off and working days, by date.
    fn announced_days(&self) -> StoreResult<Vec<AnnouncedDayRecord>>;
}

/// Writing the calendar, in a transaction.
pub trait CalendarTx {
    /// The announced days, by date, as this transaction sees them.
    fn announced_days(&mut self) -> StoreResult<Vec<AnnouncedDayRecord>>;
    /// `Duplicate` if that date is already announced.
    fn insert_announced_day(&mut self, day: &AnnouncedDayRecord) -> StoreResult<()>;
    /// Removes the announcement of a date; returns it if there was one.
    fn delete_announced_day(&mut self, date: Date) -> StoreResult<Option<AnnouncedDayRecord>>;
}
