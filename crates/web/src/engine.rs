//! The server's statistics engine: `thads_app::stats::LiveStatistics` (the month engine,
//! following this server's writes and reloading when another process changed the ledger), the
//! ledger generation the engine is known to reflect, and the order between a write and a
//! reload. Shared infrastructure rather than part of the stats room: the cases room writes
//! through it, the stats room reads from it, and the state reloads it when units or targets
//! change.
//!
//! Why the order matters: a write bumps the stored ledger generation at commit and is applied
//! to the engine just after. A reload that ran in between would read the write from the store
//! and then see it applied a second time. Writes therefore hold a shared gate from before
//! their commit until applied, and a reload takes the gate alone. Reads take no lock at all
//! when the stored generation is the one the engine is known to reflect, which is nearly always.

use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, Ordering};

use thads_app::Changed;
use thads_app::stats::LiveStatistics;
use thads_core::Rules;
use thads_reports::{MonthEngine, Targets};
use thads_store::Store;

use crate::error::WebError;

pub struct StatsEngine {
    live: LiveStatistics,
    gate: RwLock<()>,
    /// The engine reflects at least this stored ledger generation: the one read before its
    /// last reload, plus one for each write of this server applied since (each write bumps the
    /// stored generation once).
    known: AtomicI64,
}

impl StatsEngine {
    pub fn load(store: &dyn Store, rules: &Rules) -> Result<StatsEngine, WebError> {
        let known = AtomicI64::new(store.ledger_state()?.generation);
        Ok(StatsEngine { live: LiveStatistics::load(store, rules)?, gate: RwLock::new(()), known })
    }

    /// Runs `write` (which commits a change) and applies what it changed to the engine.
    pub fn write(&self, write: impl FnOnce() -> Result<Changed, WebError>) -> Result<Changed, WebError> {
        let _shared = self.gate.read().map_err(WebError::internal)?;
        let changed = write()?;
        match self.live.apply(&changed) {
            Ok(()) => {
                self.known.fetch_add(1, Ordering::SeqCst);
            }
            // The engine is one write behind the store's generation: the next read reloads.
            Err(e) => tracing::error!(target: "thads::error", error = %e, "statistics did not follow a write"),
        }
        Ok(changed)
    }

    /// Brings the engine up to date before a read and returns the stored ledger generation it
    /// reflects at least: what is computed from the engine may be kept for that generation.
    /// `force` reloads anyway (after an import made here changed units or targets).
    pub fn refresh(&self, store: &dyn Store, rules: &Rules, force: bool) -> Result<i64, WebError> {
        let stored = store.ledger_state()?.generation;
        if !force && stored == self.known.load(Ordering::SeqCst) {
            return Ok(stored);
        }
        // Someone else wrote, or a write of this server is between its commit and its apply:
        // wait for the writes in flight, then reload if the store is still ahead.
        let _alone = match self.gate.write() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Read before reloading: a write committed meanwhile only makes the engine newer.
        let stored = store.ledger_state()?.generation;
        self.live.refresh(store, rules, force)?;
        self.known.store(stored, Ordering::SeqCst);
        Ok(stored)
    }

    /// The live engine itself, for a reader that checks it against the store under its own
    /// transaction (`thads_app::snapshots::save_with`).
    pub fn live(&self) -> &LiveStatistics {
        &self.live
    }

    /// Runs `read` with the engine and the targets.
    pub fn read<T>(&self, read: impl FnOnce(&MonthEngine, &Targets) -> T) -> Result<T, WebError> {
        Ok(self.live.read(read)?)
    }
}
