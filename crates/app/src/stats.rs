//! Statistics over a store: the month engine built from the stored ledger (whole-month
//! periods, instant), a day engine over the histories of a unit's scope (any other period),
//! the cases behind a figure, and a live engine for a long-running process that follows its
//! own writes and reloads when another process changed the ledger.

use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, Ordering};

use thads_core::lifecycle::opening;
use thads_core::{CaseBasis, CaseId, Period, Rules, Snapshot, Step, UnitId, UnitTree};
use thads_reports::{
    CohortRow, Column, DayEngine, DeductedInput, FormInputs, FormKind, FormSet, FullReport, Keep, MonthEngine, Report,
    SeriesRow, Signing, TargetRates, Targets, cases_behind,
};
use thads_store::{ScanFilter, Store};
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
    let rows = store.ledger()?.into_iter().map(|r| SeriesRow { series: r.series, key: r.month, measures: r.measures });
    let deducted =
        store.deducted_moves()?.into_iter().map(|d| DeductedInput { case: d.case, dims: d.dims, moved: d.moved });
    let cohorts = store.case_cohorts()?.into_iter().map(|c| CohortRow {
        unit: c.unit,
        accepted: c.accepted,
        closed: c.closed,
        count: c.count,
    });
    let units = UnitTree::new(store.units()?);
    Ok(MonthEngine::build(units, rules.classification.clone(), rows, deducted)?.with_cohorts(cohorts))
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

/// A month engine kept live in a long-running process (the web server).
pub struct LiveStatistics {
    engine: RwLock<MonthEngine>,
    targets: RwLock<Targets>,
    /// The ledger generation the engine reflects: the store's at load, plus one per own write
    /// applied (each write bumps the stored generation once). Any other value in the store
    /// means another process wrote, and the engine reloads.
    generation: AtomicI64,
}

impl LiveStatistics {
    pub fn load(store: &dyn Store, rules: &Rules) -> AppResult<LiveStatistics> {
        let generation = store.ledger_state()?.generation;
        let engine = month_engine(store, rules)?;
        Ok(LiveStatistics {
            engine: RwLock::new(engine),
            targets: RwLock::new(targets(store)?),
            generation: AtomicI64::new(generation),
        })
    }

    /// Follows a write this process made (and committed).
    pub fn apply(&self, changed: &Changed) -> AppResult<()> {
        let mut engine = self.engine.write().map_err(|_| poisoned())?;
        engine.apply(&changed.change)?;
        self.generation.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    /// Reloads when the stored ledger or targets changed under another process's hand, or when
    /// `force` (after a change of units or targets made here).
    pub fn refresh(&self, store: &dyn Store, rules: &Rules, force: bool) -> AppResult<()> {
        let stored = store.ledger_state()?.generation;
        if !force && stored == self.generation.load(Ordering::SeqCst) {
            return Ok(());
        }
        let engine = month_engine(store, rules)?;
        *self.engine.write().map_err(|_| poisoned())? = engine;
        *self.targets.write().map_err(|_| poisoned())? = targets(store)?;
        self.generation.store(stored, Ordering::SeqCst);
        Ok(())
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
    /// write, a reload in progress): the caller then builds from the store. The generation
    /// kept here is never ahead of the engine and the engine never ahead of the store, so
    /// equality means the engine is the stored ledger.
    pub fn read_at<T>(&self, generation: i64, read: impl FnOnce(&MonthEngine) -> T) -> AppResult<Option<T>> {
        let engine = self.engine.read().map_err(|_| poisoned())?;
        if self.generation.load(Ordering::SeqCst) != generation {
            return Ok(None);
        }
        Ok(Some(read(&engine)))
    }
}

fn poisoned() -> AppError {
    AppError::Store(thads_store::StoreError::Backend("statistics lock poisoned by a panic".into()))
}
