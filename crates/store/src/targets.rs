//! Targets: a unit's yearly completion rates (chỉ tiêu), set by hand or imported.

use serde::{Deserialize, Serialize};
use thads_core::percent::Percent;
use thads_core::{ReportingYear, UnitId};

use crate::StoreResult;

/// A unit's yearly targets (chỉ tiêu), as completion rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub unit: UnitId,
    pub year: ReportingYear,
    pub cases: Percent,
    pub money: Percent,
}

/// Reading targets.
pub trait Targets {
    /// Every target, by unit and year.
    fn targets(&self) -> StoreResult<Vec<Target>>;
}

/// Writing targets, in a transaction.
pub trait TargetsTx {
    /// Inserts a target; `Duplicate` if the unit already has one for that year.
    fn insert_target(&mut self, target: &Target) -> StoreResult<()>;
    /// Sets a target, replacing any; returns the previous one.
    fn set_target(&mut self, target: &Target) -> StoreResult<Option<Target>>;
}
