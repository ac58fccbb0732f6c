//! Reports of past periods as reported or as restated (issue 23). Restated is what the month
//! engine answers: every case at its unit today, on today's structure (a predecessor's cases
//! under its successor; after a split, where each case went). As reported, a period ending on
//! `E` counts every case at the unit it belonged to on `E` (`reorg::unit_on` from its moves), on
//! the structure of `E` (`reorg::tree_at`, later operations undone): exactly what was reported
//! then. When no operation is dated after `E`, the two are the same report and the usual path
//! answers; otherwise a day engine over the cases of that day's scope, with each case's unit
//! set to its unit of that day.

use std::collections::{BTreeSet, HashMap};

use thads_core::reorg::{CaseMove, Structure, any_after, tree_at, unit_on};
use thads_core::{CaseFacts, CaseId, Period, Rules, UnitId, UnitTree};
use thads_reports::{DayEngine, FormSet, FullReport, Keep, MonthEngine, Report, Signing, Targets};
use thads_store::{ScanFilter, Store};
use time::Date;

use crate::error::{AppError, AppResult};
use crate::history::check;

/// A day engine laid out as on `end`, over the cases of `unit`'s scope that day; `None` when
/// no operation is dated after `end` (today's structure is that day's).
pub fn engine_as_of(
    store: &dyn Store,
    rules: &Rules,
    unit: UnitId,
    end: Date,
    today: Date,
    keep: Keep,
) -> AppResult<Option<DayEngine>> {
    let ops: Vec<_> = store.reorg_operations()?.into_iter().map(|r| r.operation).collect();
    if !any_after(&ops, end) {
        return Ok(None);
    }
    let tree = UnitTree::new(tree_at(&store.units()?, &ops, end));
    if tree.get(unit).is_none() {
        return Err(AppError::Invalid(format!(
            "đơn vị chưa có vào ngày {d}; hãy xem báo cáo theo cơ cấu hiện nay / the unit did not exist on {d}: ask for \
             the report restated on today's structure",
            d = thads_core::dates::format_vn(end)
        )));
    }
    let scope = tree.scope(unit);
    let mut moves: HashMap<CaseId, Vec<CaseMove>> = HashMap::new();
    for m in store.case_moves()? {
        moves.entry(m.case).or_default().push(m);
    }
    // Today's units of the cases that were in the scope on `end`: the scope itself (cases that
    // never moved, or moved back) and every unit a case of it moved to after `end`.
    let mut units: BTreeSet<UnitId> = scope.clone();
    units.extend(moves.values().flatten().filter(|m| m.on > end).map(|m| m.to));
    let filter = ScanFilter { units: Some(units.into_iter().collect()), accepted_to: Some(end) };
    let mut ledgers = Vec::new();
    store.scan_histories(&filter, &mut |h| {
        let then = unit_on(h.case.facts.unit, moves.get(&h.case.id).map(Vec::as_slice).unwrap_or_default(), end);
        if !scope.contains(&then) {
            return Ok(());
        }
        let checked = check(&h.case.facts, &h.records, today, rules)
            .map_err(|fault| thads_store::StoreError::Invalid(fault.stored(&h.case.facts.case_no).to_string()))?;
        let facts = CaseFacts { unit: then, ..h.case.facts.clone() };
        ledgers.push((h.case.id, facts.dims(), checked.ledger));
        Ok(())
    })?;
    let cases = ledgers.iter().map(|(id, dims, ledger)| (*id, *dims, ledger));
    Ok(Some(DayEngine::from_cases(tree, rules.classification.clone(), keep, cases)?))
}

/// `stats::report` on the structure asked for.
#[expect(clippy::too_many_arguments, reason = "the report's inputs (as `stats::report`) and the structure")]
pub fn report(
    store: &dyn Store,
    rules: &Rules,
    engine: &MonthEngine,
    targets: &Targets,
    unit: UnitId,
    period: Period,
    today: Date,
    structure: Structure,
) -> AppResult<Report> {
    if structure == Structure::AsReported
        && let Some(day) = engine_as_of(store, rules, unit, period.to(), today, Keep::Totals)?
    {
        return Ok(day.report(unit, period, targets)?);
    }
    crate::stats::report(store, rules, engine, targets, unit, period, today)
}

/// `stats::report_by_unit` on the structure asked for.
#[expect(clippy::too_many_arguments, reason = "the report's inputs (as `stats::report`) and the structure")]
pub fn report_by_unit(
    store: &dyn Store,
    rules: &Rules,
    engine: &MonthEngine,
    targets: &Targets,
    unit: UnitId,
    period: Period,
    today: Date,
    structure: Structure,
) -> AppResult<Report> {
    if structure == Structure::AsReported
        && let Some(day) = engine_as_of(store, rules, unit, period.to(), today, Keep::Totals)?
    {
        return Ok(day.report_by_unit(unit, period, targets)?);
    }
    crate::stats::report_by_unit(store, rules, engine, targets, unit, period, today)
}

/// `stats::full_report` on the structure asked for.
#[expect(clippy::too_many_arguments, reason = "the report's inputs (as `stats::report`) and the structure")]
pub fn full_report(
    store: &dyn Store,
    rules: &Rules,
    engine: &MonthEngine,
    targets: &Targets,
    unit: UnitId,
    period: Period,
    today: Date,
    structure: Structure,
) -> AppResult<FullReport> {
    if structure == Structure::AsReported
        && let Some(day) = engine_as_of(store, rules, unit, period.to(), today, Keep::All)?
    {
        let mut full = day.full_report(unit, period, targets)?;
        // The officers' names as the restated forms give them (the registry's, issue 23).
        let staff = crate::personnel::officer_names(store)?;
        full.name_officers(|id| staff.get(&id).cloned());
        return Ok(full);
    }
    crate::stats::full_report(store, rules, engine, targets, unit, period, today)
}

/// `stats::forms` on the structure asked for.
#[expect(clippy::too_many_arguments, reason = "the report's inputs (as `stats::forms`) and the structure")]
pub fn forms(
    store: &dyn Store,
    rules: &Rules,
    engine: &MonthEngine,
    targets: &Targets,
    unit: UnitId,
    period: Period,
    today: Date,
    signing: Signing,
    structure: Structure,
) -> AppResult<FormSet> {
    if structure == Structure::AsReported
        && let Some(day) = engine_as_of(store, rules, unit, period.to(), today, Keep::All)?
    {
        // The officers' names as the restated forms give them (the registry's, issue 23).
        let staff = crate::personnel::officer_names(store)?;
        let name = |id: thads_core::StaffId| staff.get(&id).cloned();
        let (full, sub) = day.form_reports(unit, period, targets)?;
        return Ok(FormSet::build(&thads_reports::FormInputs {
            full: &full,
            sub_series: &sub,
            targets,
            officer_name: &name,
            receiver: day.receiver(unit),
            signing,
        })?);
    }
    crate::stats::forms(store, rules, engine, targets, unit, period, today, signing)
}
