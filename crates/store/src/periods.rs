//! Monthly closing (chốt số liệu): which unit closed which month, when and by whom, and its
//! reopening with a reason. A month is closed while a closing of it is not reopened; a unit has
//! at most one such closing per month (the schema's partial unique index).

use serde::Serialize;
use thads_core::{MonthKey, UnitId};
use time::OffsetDateTime;

use crate::StoreResult;

/// One closing of a month by a unit, reopened or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodClosing {
    pub id: i64,
    pub unit: UnitId,
    pub month: MonthKey,
    pub closed_at: OffsetDateTime,
    pub closed_by: String,
    /// The snapshot of the month's report frozen when it closed.
    pub snapshot: Option<i64>,
    pub reopened_at: Option<OffsetDateTime>,
    pub reopened_by: Option<String>,
    pub reopen_reason: Option<String>,
}

impl PeriodClosing {
    pub fn is_closed(&self) -> bool {
        self.reopened_at.is_none()
    }
}

/// Reading closings.
pub trait Periods {
    /// Every closing of these units (reopened ones too), newest first.
    fn closings_of(&self, units: &[UnitId]) -> StoreResult<Vec<PeriodClosing>>;
}

/// Closing and reopening, in a transaction; also what every write of a dated record asks.
pub trait PeriodsTx {
    /// The months among `months` that are closed now, with the unit that closed each.
    fn closed_in(&mut self, months: &[MonthKey]) -> StoreResult<Vec<(UnitId, MonthKey)>>;
    /// Closes `month` for `unit`; `Duplicate` when it is closed already.
    fn close_month(
        &mut self,
        unit: UnitId,
        month: MonthKey,
        at: OffsetDateTime,
        by: &str,
        snapshot: Option<i64>,
    ) -> StoreResult<i64>;
    /// Reopens the closing of `month` by `unit`; `None` when it is not closed.
    fn reopen_month(
        &mut self,
        unit: UnitId,
        month: MonthKey,
        at: OffsetDateTime,
        by: &str,
        reason: &str,
    ) -> StoreResult<Option<PeriodClosing>>;
}
