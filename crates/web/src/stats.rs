//! The server's statistics: `thads_app::stats::LiveStatistics` (the month engine, following
//! this server's writes and reloading when another process changed the ledger), and the order
//! between a write of this server and a reload.
//!
//! Why the order matters: a write bumps the stored ledger generation at commit and is applied
//! to the engine just after. A reload that ran in between would read the write from the store
//! and then see it applied a second time. Writes therefore hold a shared gate from before
//! their commit until applied, and a reload only runs when it can take the gate alone; when it
//! cannot, the engine stays as it is for this read (the writes in flight apply themselves, and
//! the next read reloads if someone else wrote meanwhile). Reads never wait for a write.

use std::sync::RwLock;

use thads_app::Changed;
use thads_app::stats::LiveStatistics;
use thads_core::Rules;
use thads_reports::{MonthEngine, Targets};
use thads_store::Store;

use crate::error::WebError;

pub struct Stats {
    live: LiveStatistics,
    gate: RwLock<()>,
}

impl Stats {
    pub fn load(store: &dyn Store, rules: &Rules) -> Result<Stats, WebError> {
        Ok(Stats { live: LiveStatistics::load(store, rules)?, gate: RwLock::new(()) })
    }

    /// Runs `write` (which commits a change) and applies what it changed to the engine.
    pub fn write(&self, write: impl FnOnce() -> Result<Changed, WebError>) -> Result<Changed, WebError> {
        let _shared = self.gate.read().map_err(WebError::internal)?;
        let changed = write()?;
        if let Err(e) = self.live.apply(&changed) {
            // The engine is one write behind the store's generation: the next read reloads.
            eprintln!("thads-web: statistics did not follow a write: {e}");
        }
        Ok(changed)
    }

    /// Brings the engine up to date before a read: cheap when nothing changed elsewhere.
    /// `force` reloads anyway (after an import made here changed units or targets).
    ///
    /// Returns the stored ledger generation the engine reflects at least, or `None` while a
    /// write of this server is in flight (the engine may then be one write behind): what is
    /// computed from it may be kept for that generation only when it is known.
    pub fn refresh(&self, store: &dyn Store, rules: &Rules, force: bool) -> Result<Option<i64>, WebError> {
        let alone = match self.gate.try_write() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::WouldBlock) if !force => return Ok(None),
            // A forced reload waits for the writes in flight.
            Err(std::sync::TryLockError::WouldBlock) => self.gate.write().map_err(WebError::internal)?,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        };
        // Read before reloading: a write committed meanwhile only makes the engine newer.
        let generation = store.ledger_state()?.generation;
        self.live.refresh(store, rules, force)?;
        drop(alone);
        Ok(Some(generation))
    }

    /// Runs `read` with the engine and the targets.
    pub fn read<T>(&self, read: impl FnOnce(&MonthEngine, &Targets) -> T) -> Result<T, WebError> {
        Ok(self.live.read(read)?)
    }
}
