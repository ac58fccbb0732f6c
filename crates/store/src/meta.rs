//! What a backend says about the database as a whole: the generation of the reference data,
//! and the query planner's statistics. (`Store::backend` and `Store::begin` are the rest.)

use crate::StoreResult;

/// Reading and upkeep of the database as a whole.
pub trait Meta {
    /// A number that moves in the same transaction as every change of units, staff, targets,
    /// announced days or rule corrections, and with nothing else: a long-running process that
    /// keeps them in memory reloads them when it moves.
    fn reference_generation(&self) -> StoreResult<i64>;
    /// Refreshes the query planner's statistics after a bulk load (demo, import, migration), so
    /// that the first queries on millions of new rows are planned for what the tables now hold.
    fn refresh_planner_statistics(&self) -> StoreResult<()>;
}
