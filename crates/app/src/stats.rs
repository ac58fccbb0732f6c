//! Statistics over a store: the month engine built from the stored ledger (whole-month
//! periods, instant), a day engine over the histories of a unit's scope (any other period),
//! the cases behind a figure, and a live engine for a long-running process that follows its
//! own writes and other processes' through the ledger log.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{RwLock, TryLockError};

use thads_core::lifecycle::opening;
use thads_core::{CaseBasis, CaseId, MonthKey, Period, Rules, Snapshot, Step, UnitId, UnitTree};
use thads_reports::{
    CohortRow, Column, DayEngine, DeductedInput, FormInputs, FormKind, FormSet, FullReport, Keep, LedgerChange,
    MonthEngine, Report, SeriesRow, Signing, TargetRates, Targets, cases_behind,
};
use thads_store::{LEDGER_LOG_KEPT, ScanFilter, Store};
use time::Date;

use crate::error::{AppError, AppResult};
use crate::history::Changed;
use crate::history::check;

impl From<thads_reports::ReportError> for AppError {
    fn from(e: thads_reports::ReportError) -> Self {
        match e {
            thads_reports::ReportError::UnknownUnit(_) => AppError::NotFound(e.to_string()),
            _ => AppError::Invalid(e.to_string()),
        }
    }
}

/// The month engine over everything stored.
pub fn month_engine(store: &dyn Store, rules: &Rules) -> AppResult<MonthEngine> {
    Ok(month_engine_at(store, rules)?.0)
}

/// The month engine over the stored ledger as of one moment, and the ledger generation of
/// that moment (`Ledger::ledger_snapshot`).
pub fn month_engine_at(store: &dyn Store, rules: &Rules) -> AppResult<(MonthEngine, i64)> {
    let snapshot = store.ledger_snapshot()?;
    let rows = snapshot.rows.into_iter().map(|r| SeriesRow { series: r.series, key: r.month, measures: r.measures });
    let deducted = snapshot.deducted.into_iter().map(|d| DeductedInput { case: d.case, dims: d.dims, moved: d.moved });
    let cohorts = snapshot.cohorts.into_iter().map(|c| CohortRow {
        unit: c.unit,
        accepted: c.accepted,
        closed: c.closed,
        count: c.count,
    });
    let units = UnitTree::new(store.units()?);
    let engine = MonthEngine::build(units, rules.classification.clone(), rows, deducted)?.with_cohorts(cohorts);
    Ok((engine, snapshot.generation))
}

/// A change of the month engine.
type MonthChange = LedgerChange<MonthKey>;

/// The changes logged for the generations after `known` through `stored`, decoded, with their
/// generations; `None` unless there is exactly one per generation and each is a change (not a
/// reload) that decodes.
fn logged_changes(store: &dyn Store, known: i64, stored: i64) -> AppResult<Option<Vec<(i64, MonthChange)>>> {
    let logged = store.ledger_log(known, stored)?;
    if i64::try_from(logged.len()).ok() != Some(stored - known) {
        return Ok(None);
    }
    let mut changes = Vec::with_capacity(logged.len());
    for (expected, row) in (known + 1..=stored).zip(logged) {
        let (true, Some(bytes)) = (row.generation == expected, row.change) else {
            return Ok(None);
        };
        let Ok(change) = LedgerChange::decode(&bytes) else {
            return Ok(None);
        };
        changes.push((expected, change));
    }
    Ok(Some(changes))
}

/// The month engine of every unit's totals only (the origin series of the stored ledger,
/// `Keep::Totals`, no cohorts): what a plain report of whole months reads (`Engine::report`,
/// `report_by_unit`), from a small part of the ledger; for a process without a live engine
/// that needs no breakdown (`thads report snapshot|diff`).
pub fn totals_engine(store: &dyn Store, rules: &Rules) -> AppResult<MonthEngine> {
    let rows =
        store.origin_ledger()?.into_iter().map(|r| SeriesRow { series: r.series, key: r.month, measures: r.measures });
    let deducted =
        store.deducted_moves()?.into_iter().map(|d| DeductedInput { case: d.case, dims: d.dims, moved: d.moved });
    let units = UnitTree::new(store.units()?);
    Ok(MonthEngine::build_kept(units, rules.classification.clone(), Keep::Totals, rows, deducted)?)
}

/// Every unit's targets.
pub fn targets(store: &dyn Store) -> AppResult<Targets> {
    Ok(store.targets()?.into_iter().map(|t| (t.unit, t.year, TargetRates { cases: t.cases, money: t.money })).collect())
}

/// A day engine over the cases of `unit`'s scope accepted by `to` (for periods that are not
/// whole months). `keep` chooses whether breakdowns are kept.
pub fn day_engine(
    store: &dyn Store,
    rules: &Rules,
    units: &UnitTree,
    unit: UnitId,
    to: Date,
    today: Date,
    keep: Keep,
) -> AppResult<DayEngine> {
    let scope: Vec<UnitId> = units.scope(unit).into_iter().collect();
    let filter = ScanFilter { units: Some(scope), accepted_to: Some(to) };
    let mut ledgers = Vec::new();
    store.scan_histories(&filter, &mut |h| {
        let checked = check(&h.case.facts, &h.records, today, rules)
            .map_err(|fault| stored_refusal(&h.case.facts.case_no, fault))?;
        ledgers.push((h.case.id, h.case.facts.dims(), checked.ledger));
        Ok(())
    })?;
    let cases = ledgers.iter().map(|(id, dims, ledger)| (*id, *dims, ledger));
    Ok(DayEngine::from_cases(units.clone(), rules.classification.clone(), keep, cases)?)
}

fn stored_refusal(case_no: &thads_core::CaseNo, fault: crate::history::HistoryFault) -> thads_store::StoreError {
    thads_store::StoreError::Invalid(fault.stored(case_no).to_string())
}

/// The cases behind one figure of a report, in the order of the figure: what each contributes
/// and where it stood at the period's end, `query.limit` of them from `query.offset` (a page),
/// and how many there are in all.
pub fn cases_behind_figure(
    store: &dyn Store,
    rules: &Rules,
    units: &UnitTree,
    query: &FigureQuery,
    today: Date,
) -> AppResult<(Vec<FigureCase>, usize)> {
    let scope: Vec<UnitId> = units.scope(query.unit).into_iter().collect();
    let filter = ScanFilter { units: Some(scope), accepted_to: Some(query.period.to()) };
    let mut histories: Vec<(CaseId, CaseBasis, Vec<Step>)> = Vec::new();
    store.scan_histories(&filter, &mut |h| {
        let checked = check(&h.case.facts, &h.records, today, rules)
            .map_err(|fault| stored_refusal(&h.case.facts.case_no, fault))?;
        histories.push((h.case.id, h.case.facts.basis(), checked.steps));
        Ok(())
    })?;
    let all = cases_behind(
        &rules.classification,
        query.period,
        query.kind,
        query.column,
        histories.iter().map(|(id, basis, steps)| (*id, basis, steps.as_slice())),
    );
    let total = all.len();
    let end = query.period.to();
    let at_end = |id: CaseId| {
        let (_, basis, steps) = histories.iter().find(|(h, _, _)| *h == id)?;
        Some(steps.iter().rev().find(|s| s.date <= end).map_or_else(|| opening(basis), |s| s.after.clone()))
    };
    let page = all
        .into_iter()
        .skip(query.offset)
        .take(query.limit)
        .filter_map(|(id, value)| Some(FigureCase { id, value, at_end: at_end(id)? }))
        .collect();
    Ok((page, total))
}

/// A case behind a figure: what it contributes, and its state and money at the period's end
/// (not today's: a case completed since was still being enforced then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureCase {
    pub id: CaseId,
    pub value: i128,
    pub at_end: Snapshot,
}

/// One figure of a report: which form, which column, for which unit and period; which page of
/// its cases (`limit` from `offset`).
#[derive(Debug, Clone, Copy)]
pub struct FigureQuery {
    pub unit: UnitId,
    pub period: Period,
    pub kind: FormKind,
    pub column: Column,
    pub offset: usize,
    pub limit: usize,
}

/// The contract report of `unit` for `period`: from the month engine when the period is whole
/// months, else from a day engine over the unit's scope.
pub fn report(
    store: &dyn Store,
    rules: &Rules,
    engine: &MonthEngine,
    targets: &Targets,
    unit: UnitId,
    period: Period,
    today: Date,
) -> AppResult<Report> {
    if period.is_month_aligned() {
        return Ok(engine.report(unit, period, targets)?);
    }
    let day = day_engine(store, rules, engine.units(), unit, period.to(), today, Keep::Totals)?;
    Ok(day.report(unit, period, targets)?)
}

/// The report of `unit` for `period` with a row per subordinate unit (the unit's own cases
/// first), checked to add up to the total; from the month engine or a day engine as `report`.
pub fn report_by_unit(
    store: &dyn Store,
    rules: &Rules,
    engine: &MonthEngine,
    targets: &Targets,
    unit: UnitId,
    period: Period,
    today: Date,
) -> AppResult<Report> {
    if period.is_month_aligned() {
        return Ok(engine.report_by_unit(unit, period, targets)?);
    }
    let day = day_engine(store, rules, engine.units(), unit, period.to(), today, Keep::Totals)?;
    Ok(day.report_by_unit(unit, period, targets)?)
}

/// The report with a row per subordinate unit, breakdowns (officers by their names on the
/// staff list), the same period last year and the CEPEJ indicators.
pub fn full_report(
    store: &dyn Store,
    rules: &Rules,
    engine: &MonthEngine,
    targets: &Targets,
    unit: UnitId,
    period: Period,
    today: Date,
) -> AppResult<FullReport> {
    let mut full = if period.is_month_aligned() {
        engine.full_report(unit, period, targets)?
    } else {
        let day = day_engine(store, rules, engine.units(), unit, period.to(), today, Keep::All)?;
        day.full_report(unit, period, targets)?
    };
    // The registry's names where a person is linked to the login (issue 23).
    let staff = crate::personnel::officer_names(store)?;
    full.name_officers(|id| staff.get(&id).cloned());
    Ok(full)
}

/// Every complete form of `unit` for `period` (`thads_reports::forms`): the cases and money
/// forms by unit with targets and last year, the per-officer forms with the officers' names
/// from the staff list, the sub-series forms and the CEPEJ indicators; from the month engine
/// when the period is whole months, else from a day engine over the unit's scope.
#[expect(clippy::too_many_arguments, reason = "the report's inputs (as `report`) and who signs the forms")]
pub fn forms(
    store: &dyn Store,
    rules: &Rules,
    engine: &MonthEngine,
    targets: &Targets,
    unit: UnitId,
    period: Period,
    today: Date,
    signing: Signing,
) -> AppResult<FormSet> {
    // The registry's names where a person is linked to the login (issue 23).
    let staff = crate::personnel::officer_names(store)?;
    let name = |id: thads_core::StaffId| staff.get(&id).cloned();
    let build = |full: &FullReport, sub: &[(thads_core::Category, Report)], receiver: String| {
        FormSet::build(&FormInputs {
            full,
            sub_series: sub,
            targets,
            officer_name: &name,
            receiver,
            signing: signing.clone(),
        })
    };
    if period.is_month_aligned() {
        let (full, sub) = engine.form_reports(unit, period, targets)?;
        return Ok(build(&full, &sub, engine.receiver(unit))?);
    }
    let day = day_engine(store, rules, engine.units(), unit, period.to(), today, Keep::All)?;
    let (full, sub) = day.form_reports(unit, period, targets)?;
    Ok(build(&full, &sub, day.receiver(unit))?)
}

/// The name of a unit's head (Thủ trưởng đơn vị) for the signature block: its one active
/// head, or none when it has none or several.
pub fn unit_head(store: &dyn Store, unit: UnitId) -> AppResult<Option<String>> {
    let heads: Vec<String> = store
        .staff()?
        .into_iter()
        .filter(|s| s.unit == unit && s.active && s.role == thads_core::Role::Head)
        .map(|s| s.full_name)
        .collect();
    Ok(if heads.len() == 1 { heads.into_iter().next() } else { None })
}

/// A month engine kept live in a long-running process (the web server): it follows this
/// process's writes as they commit and other processes' through the ledger log (schema 33),
/// change by change in generation order, and reloads whole only when the log cannot bring it
/// up to date.
pub struct LiveStatistics {
    engine: RwLock<MonthEngine>,
    targets: RwLock<Targets>,
    /// The ledger generation the engine is exactly: the one of the snapshot it was loaded from,
    /// then one more for each change applied, in order. Changed only with the engine's lock held.
    generation: AtomicI64,
    /// A change failed half-way: the engine is no generation at all, and the next refresh
    /// reloads it.
    stale: AtomicBool,
}

/// How `LiveStatistics::refresh` brought the engine up to the stored ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    /// It was.
    Current,
    /// By the logged changes of this many generations.
    CaughtUp(usize),
    /// Loaded whole, for this reason.
    Reloaded(Reload),
}

/// Why an engine was loaded whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reload {
    /// Asked for (units or targets changed).
    Forced,
    /// A change failed to apply half-way.
    Stale,
    /// The log does not lead from the engine's generation to the stored one: a write that
    /// was more than a change of cases (import, reorganisation, rebuild…), a generation
    /// pruned or never logged, a change that does not decode, a generation behind.
    NotLogged,
}

impl LiveStatistics {
    pub fn load(store: &dyn Store, rules: &Rules) -> AppResult<LiveStatistics> {
        let (engine, generation) = month_engine_at(store, rules)?;
        Ok(LiveStatistics {
            engine: RwLock::new(engine),
            targets: RwLock::new(targets(store)?),
            generation: AtomicI64::new(generation),
            stale: AtomicBool::new(false),
        })
    }

    /// The ledger generation the engine is.
    pub fn generation(&self) -> i64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Follows a write this process made and committed: applies its change when the write's
    /// generation is the next one. Otherwise (another process committed in between, or a
    /// refresh already brought it in from the log) it is left to the next refresh, which
    /// follows the log in generation order; returns whether it applied.
    ///
    /// A write never waits for readers: while one computes from the engine (a statistics page's
    /// forms hold it for tens of milliseconds), the change is left to the next refresh too.
    /// Waiting, the write held one of the server's workers, and the readers queued behind the
    /// waiting writer: under a stream of writes every page stalled each time kept figures were
    /// computed again.
    pub fn apply(&self, changed: &Changed) -> AppResult<bool> {
        let mut engine = match self.engine.try_write() {
            Ok(engine) => engine,
            Err(TryLockError::WouldBlock) => return Ok(false),
            Err(TryLockError::Poisoned(_)) => return Err(poisoned()),
        };
        let next = self.generation() + 1;
        if self.stale.load(Ordering::SeqCst) || changed.ticket.generation() != Some(next) {
            return Ok(false);
        }
        if let Err(e) = engine.apply(&changed.change) {
            self.stale.store(true, Ordering::SeqCst);
            return Err(e.into());
        }
        self.generation.store(next, Ordering::SeqCst);
        Ok(true)
    }

    /// Brings the engine up to the stored ledger: nothing to do, or the changes logged since
    /// its generation, or a whole reload (always when `force`: after a change of units or
    /// targets made here).
    pub fn refresh(&self, store: &dyn Store, rules: &Rules, force: bool) -> AppResult<Refreshed> {
        let stored = store.ledger_state()?.generation;
        let known = self.generation();
        let reason = if force {
            Reload::Forced
        } else if self.stale.load(Ordering::SeqCst) {
            Reload::Stale
        } else if stored == known {
            return Ok(Refreshed::Current);
        } else {
            match self.catch_up(store, known, stored)? {
                Some(applied) => return Ok(Refreshed::CaughtUp(applied)),
                None => Reload::NotLogged,
            }
        };
        let (engine, generation) = month_engine_at(store, rules)?;
        let targets = targets(store)?;
        let mut held = self.engine.write().map_err(|_| poisoned())?;
        *held = engine;
        *self.targets.write().map_err(|_| poisoned())? = targets;
        self.generation.store(generation, Ordering::SeqCst);
        self.stale.store(false, Ordering::SeqCst);
        Ok(Refreshed::Reloaded(reason))
    }

    /// Applies the changes logged for the generations after `known` through `stored`, in
    /// order, skipping those the engine has meanwhile (this process's writes); `None` when the
    /// log cannot bring it there (see `Reload::NotLogged`), or a change failed half-way.
    fn catch_up(&self, store: &dyn Store, known: i64, stored: i64) -> AppResult<Option<usize>> {
        if stored < known || stored - known > LEDGER_LOG_KEPT {
            return Ok(None);
        }
        let Some(changes) = logged_changes(store, known, stored)? else {
            return Ok(None);
        };
        let mut engine = self.engine.write().map_err(|_| poisoned())?;
        let mut applied = 0;
        for (generation, change) in changes {
            let at = self.generation();
            if generation <= at {
                continue;
            }
            if generation != at + 1 || self.stale.load(Ordering::SeqCst) {
                return Ok(None);
            }
            if engine.apply(&change).is_err() {
                self.stale.store(true, Ordering::SeqCst);
                return Ok(None);
            }
            self.generation.store(generation, Ordering::SeqCst);
            applied += 1;
        }
        Ok(Some(applied))
    }

    /// Runs `read` with the engine and the targets.
    pub fn read<T>(&self, read: impl FnOnce(&MonthEngine, &Targets) -> T) -> AppResult<T> {
        let engine = self.engine.read().map_err(|_| poisoned())?;
        let targets = self.targets.read().map_err(|_| poisoned())?;
        Ok(read(&engine, &targets))
    }

    /// Runs `read` with the engine when it reflects exactly the stored ledger `generation`
    /// (read by the caller, e.g. in a write transaction that keeps others from writing);
    /// `None` when it does not (a write between its commit and its apply, another process's
    /// write not followed yet, a change that failed half-way): the caller then builds from the
    /// store. The generation kept here is exactly the engine's, changed with it under its lock.
    pub fn read_at<T>(&self, generation: i64, read: impl FnOnce(&MonthEngine) -> T) -> AppResult<Option<T>> {
        let engine = self.engine.read().map_err(|_| poisoned())?;
        if self.stale.load(Ordering::SeqCst) || self.generation() != generation {
            return Ok(None);
        }
        Ok(Some(read(&engine)))
    }
}

fn poisoned() -> AppError {
    AppError::Store(thads_store::StoreError::Backend("statistics lock poisoned by a panic".into()))
}
