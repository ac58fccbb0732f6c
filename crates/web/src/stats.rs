//! The statistics engine of the running server: built once from the store's ledger, kept live
//! by applying the deltas of each write made here, and rebuilt when the ledger's generation
//! shows that another process (an import, the command line) changed it.

use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, Ordering};

use thads_app::Changed;
use thads_core::UnitTree;
use thads_core::rules::ClassificationRules;
use thads_reports::{DeductedInput, LedgerChange, MonthEngine, SeriesRow, TargetRates, Targets};
use thads_store::Store;

use crate::error::WebError;

pub struct Stats {
    engine: RwLock<MonthEngine>,
    targets: RwLock<Targets>,
    generation: AtomicI64,
}

fn build(store: &dyn Store, units: UnitTree, rules: &ClassificationRules) -> Result<(MonthEngine, Targets), WebError> {
    let rows = store.ledger()?.into_iter().map(|r| SeriesRow { series: r.series, key: r.month, measures: r.measures });
    let deducted =
        store.deducted_moves()?.into_iter().map(|d| DeductedInput { case: d.case, dims: d.dims, moved: d.moved });
    let engine = MonthEngine::build(units, rules.clone(), rows, deducted).map_err(WebError::internal)?;
    let targets = store
        .targets()?
        .into_iter()
        .map(|t| (t.unit, t.year, TargetRates { cases: t.cases, money: t.money }))
        .collect();
    Ok((engine, targets))
}

impl Stats {
    pub fn load(store: &dyn Store, units: UnitTree, rules: &ClassificationRules) -> Result<Stats, WebError> {
        let generation = store.ledger_state()?.generation;
        let (engine, targets) = build(store, units, rules)?;
        Ok(Stats { engine: RwLock::new(engine), targets: RwLock::new(targets), generation: AtomicI64::new(generation) })
    }

    /// Follows a write made by this server.
    pub fn apply(&self, store: &dyn Store, changed: &Changed) -> Result<(), WebError> {
        let change = LedgerChange {
            rows: changed
                .ledger_delta
                .iter()
                .map(|r| SeriesRow { series: r.series, key: r.month, measures: r.measures })
                .collect(),
            deducted: vec![(
                changed.case.id,
                changed.deducted.iter().map(|d| DeductedInput { case: d.case, dims: d.dims, moved: d.moved }).collect(),
            )],
            cohorts: Vec::new(),
        };
        let mut engine = self.engine.write().map_err(WebError::internal)?;
        engine.apply(&change).map_err(WebError::internal)?;
        self.generation.store(store.ledger_state()?.generation, Ordering::SeqCst);
        Ok(())
    }

    /// Rebuilds when someone else changed the ledger; `units` is the current unit tree.
    pub fn refresh(&self, store: &dyn Store, units: &UnitTree, rules: &ClassificationRules) -> Result<(), WebError> {
        let now = store.ledger_state()?.generation;
        if now == self.generation.load(Ordering::SeqCst) {
            return Ok(());
        }
        let (engine, targets) = build(store, units.clone(), rules)?;
        *self.engine.write().map_err(WebError::internal)? = engine;
        *self.targets.write().map_err(WebError::internal)? = targets;
        self.generation.store(now, Ordering::SeqCst);
        Ok(())
    }

    /// Runs `read` with the engine and the targets.
    pub fn read<T>(&self, read: impl FnOnce(&MonthEngine, &Targets) -> T) -> Result<T, WebError> {
        let engine = self.engine.read().map_err(WebError::internal)?;
        let targets = self.targets.read().map_err(WebError::internal)?;
        Ok(read(&engine, &targets))
    }
}
