//! Units: the national body, provinces, district offices and regional sections, as a tree in
//! which a closed unit names its successor.

use thads_core::{Unit, UnitCode, UnitId, UnitKind};
use time::Date;

use crate::StoreResult;

/// The columns of `units`, in the order the backends read a `Unit`.
pub const UNIT_COLUMNS: &str = "id, code, name, kind, parent_id, valid_from, valid_to, successor_id";

/// A unit to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    pub code: UnitCode,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<UnitId>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub successor: Option<UnitId>,
}

/// Reading units.
pub trait Units {
    /// Every unit, by code.
    fn units(&self) -> StoreResult<Vec<Unit>>;
}

/// Writing units, in a transaction.
pub trait UnitsTx {
    /// Inserts a unit; its `parent` and `successor` must already exist (insert parents first;
    /// a successor inserted later is linked with `link_successor`). `Duplicate` on a used code.
    fn insert_unit(&mut self, unit: &NewUnit) -> StoreResult<UnitId>;
    fn link_successor(&mut self, unit: UnitId, successor: UnitId) -> StoreResult<()>;
    /// Every unit, by code, as this transaction sees them.
    fn units(&mut self) -> StoreResult<Vec<Unit>>;
    /// One unit as this transaction sees it (`None`: no such unit): what every recorded event
    /// asks of its case's unit, one row where `units` reads them all.
    fn unit(&mut self, id: UnitId) -> StoreResult<Option<Unit>>;
}
