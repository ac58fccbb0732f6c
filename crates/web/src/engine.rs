//! The server's statistics engine: `thads_app::stats::LiveStatistics` (the month engine,
//! following this server's writes as they commit and other processes' through the ledger log,
//! reloading whole only when the log cannot bring it up to date), the order between a write and
//! a refresh, and how often it caught up or reloaded (`/metrics`). Shared infrastructure rather
//! than part of the stats room: the cases room writes through it, the stats room reads from
//! it, and the state reloads it when units or targets change.
//!
//! The engine knows exactly which ledger generation it is: the one of the snapshot it was
//! loaded from, then one more for each change applied in generation order, this server's own
//! (applied when its commit's generation is the next one) or another process's (read from the
//! log before a read). A change is therefore never applied twice nor missed, whatever the
//! order in which writes and refreshes run. Writes still hold a shared gate from before their
//! commit until applied, and a refresh takes the gate alone: a refresh then waits for the
//! writes in flight (which usually makes it find the engine current), and a reload does not
//! race this server's own writes. Reads take no lock at all when the stored generation is the
//! engine's, which is nearly always. A write never waits for a reader computing from the engine:
//! its change is then left to the next refresh, which reads it from the log
//! (`LiveStatistics::apply`).

use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use thads_app::Changed;
use thads_app::stats::{LiveStatistics, Refreshed};
use thads_core::Rules;
use thads_reports::{MonthEngine, Targets};
use thads_store::Store;

use crate::error::WebError;

/// How many generations behind a write the engine may be before the write follows the log
/// itself (a tiny share of the `LEDGER_LOG_KEPT` generations the log keeps: reading this many
/// changes takes about a millisecond).
const FOLLOW_LAG: i64 = 64;

pub struct StatsEngine {
    live: LiveStatistics,
    gate: RwLock<()>,
    /// Whole reloads since start (the first load not counted).
    reloads: AtomicU64,
    /// Catch-ups through the ledger log since start.
    catchups: AtomicU64,
}

/// How often the engine followed the store (`/metrics`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Followed {
    pub reloads: u64,
    pub catchups: u64,
}

impl StatsEngine {
    pub fn load(store: &dyn Store, rules: &Rules) -> Result<StatsEngine, WebError> {
        Ok(StatsEngine {
            live: LiveStatistics::load(store, rules)?,
            gate: RwLock::new(()),
            reloads: AtomicU64::new(0),
            catchups: AtomicU64::new(0),
        })
    }

    /// Runs `write` (which commits a change) and applies what it changed to the engine. A
    /// write that is not the engine's next generation (another process, or another write of
    /// this one, committed in between) is left to the next read, which follows the ledger log;
    /// a server that only writes would then fall behind until the log no longer reaches back
    /// to its engine (`LEDGER_LOG_KEPT` generations) and its next read would reload the whole
    /// ledger, holding every write meanwhile (4.6 s at 10,000,000 cases). So once the engine is
    /// `FOLLOW_LAG` generations behind a write, the write follows the log itself.
    pub fn write(
        &self,
        store: &dyn Store,
        rules: &Rules,
        write: impl FnOnce() -> Result<Changed, WebError>,
    ) -> Result<Changed, WebError> {
        let changed = {
            let _shared = self.gate.read().map_err(WebError::internal)?;
            let changed = write()?;
            match self.live.apply(&changed) {
                // Applied, or left to the next read (another process committed in between),
                // which follows the log in generation order.
                Ok(_) => {}
                // The engine reloads at the next read.
                Err(e) => tracing::error!(target: "thads::error", error = %e, "statistics did not follow a write"),
            }
            changed
        };
        let behind = changed.ticket.generation().map_or(0, |g| g - self.live.generation());
        if behind >= FOLLOW_LAG {
            // The write is committed and its answer stands; the next read tries again.
            if let Err(e) = self.refresh(store, rules, false) {
                tracing::error!(target: "thads::error", error = %e, "statistics did not follow the log after a write");
            }
        }
        Ok(changed)
    }

    /// Brings the engine up to date before a read and returns the stored ledger generation it
    /// reflects at least: what is computed from the engine may be kept for that generation.
    /// `force` reloads anyway (after an import made here changed units or targets).
    pub fn refresh(&self, store: &dyn Store, rules: &Rules, force: bool) -> Result<i64, WebError> {
        let stored = store.ledger_state()?.generation;
        if !force && stored == self.live.generation() {
            return Ok(stored);
        }
        // Someone else wrote, or a write of this server is between its commit and its apply:
        // wait for the writes in flight, then follow what is still missing.
        let _alone = match self.gate.write() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        let started = Instant::now();
        match self.live.refresh(store, rules, force)? {
            Refreshed::Current => {}
            Refreshed::CaughtUp(changes) => {
                self.catchups.fetch_add(1, Ordering::Relaxed);
                let ms = started.elapsed().as_secs_f64() * 1e3;
                tracing::debug!(target: "thads::engine", changes, ms, "statistics caught up from the ledger log");
            }
            Refreshed::Reloaded(why) => {
                self.reloads.fetch_add(1, Ordering::Relaxed);
                let ms = started.elapsed().as_secs_f64() * 1e3;
                tracing::info!(target: "thads::engine", ?why, ms, "statistics reloaded whole");
            }
        }
        Ok(self.live.generation())
    }

    /// How often the engine reloaded whole and caught up through the log since start.
    pub fn followed(&self) -> Followed {
        Followed { reloads: self.reloads.load(Ordering::Relaxed), catchups: self.catchups.load(Ordering::Relaxed) }
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
