//! The check after a move: the target's ledger rows of the moved units must be what they were
//! plus the source's (ids translated), and every report of a unit the move created must be
//! byte-identical (contract JSON) to the source's, for every reporting year present.

use std::collections::{BTreeSet, HashSet};

use thads_core::ledger::{Dim, SeriesKey};
use thads_core::{MonthKey, ReportingYear, Rules, UnitId, UnitTree};
use thads_reports::{DeductedInput, MonthEngine, SeriesRow, TargetRates, Targets};
use thads_store::{LedgerRow, Store};

use super::write::Maps;
use super::{Moved, Plan};
use crate::error::{AppError, AppResult};
use crate::history::LedgerDelta;

/// The target's ledger rows of the units the move reuses, before it.
pub struct Snapshot {
    rows: Vec<LedgerRow>,
}

impl Snapshot {
    pub fn take(target: &dyn Store, plan: &Plan) -> AppResult<Snapshot> {
        let reused: HashSet<UnitId> = plan.units.iter().filter_map(|(_, r)| *r).collect();
        Ok(Snapshot { rows: target.ledger()?.into_iter().filter(|r| reused.contains(&r.series.unit)).collect() })
    }
}

pub fn check(
    source: &dyn Store,
    target: &dyn Store,
    rules: &Rules,
    plan: &Plan,
    maps: &Maps,
    before: Snapshot,
    moved: &mut Moved,
) -> AppResult<()> {
    let source_rows = source.ledger()?;
    let mut expected = LedgerDelta::default();
    expected.add(&before.rows)?;
    expected.add(&translate(&source_rows, maps)?)?;
    let moved_units: HashSet<UnitId> = maps.units.values().copied().collect();
    let mut have = LedgerDelta::default();
    have.add(&target.ledger()?.into_iter().filter(|r| moved_units.contains(&r.series.unit)).collect::<Vec<_>>())?;
    let (expected, have) = (expected.into_rows(), have.into_rows());
    if expected != have {
        let differing =
            expected.iter().zip(&have).filter(|(a, b)| a != b).count() + expected.len().abs_diff(have.len());
        return Err(AppError::Invalid(format!(
            "đã chuyển nhưng sổ cái của các đơn vị được chuyển khác nhau ở {differing} dòng; chạy `thads ledger check` / \
             moved, but the ledger of the moved units differs"
        )));
    }
    moved.units_checked = moved_units.len();
    compare_reports(source, target, rules, plan, maps, &source_rows, moved)
}

/// Source ledger rows with target unit and officer ids.
fn translate(rows: &[LedgerRow], maps: &Maps) -> AppResult<Vec<LedgerRow>> {
    rows.iter()
        .map(|r| {
            let unit =
                *maps.units.get(&r.series.unit).ok_or_else(|| AppError::Invalid("ledger unit missing".into()))?;
            let dim = match r.series.dim {
                Dim::Officer(Some(o)) => Dim::Officer(Some(
                    *maps.staff.get(&o).ok_or_else(|| AppError::Invalid("ledger officer missing".into()))?,
                )),
                other => other,
            };
            Ok(LedgerRow { series: SeriesKey { unit, dim }, ..*r })
        })
        .collect()
}

fn engine(store: &dyn Store, rules: &Rules) -> AppResult<(MonthEngine, Targets)> {
    let rows = store.ledger()?.into_iter().map(|r| SeriesRow { series: r.series, key: r.month, measures: r.measures });
    let deducted =
        store.deducted_moves()?.into_iter().map(|d| DeductedInput { case: d.case, dims: d.dims, moved: d.moved });
    let engine = MonthEngine::build(UnitTree::new(store.units()?), rules.classification.clone(), rows, deducted)
        .map_err(report_error)?;
    let targets = store
        .targets()?
        .into_iter()
        .map(|t| (t.unit, t.year, TargetRates { cases: t.cases, money: t.money }))
        .collect();
    Ok((engine, targets))
}

fn report_error(e: thads_reports::ReportError) -> AppError {
    AppError::Invalid(format!("báo cáo / report: {e}"))
}

/// Reporting years from the first to the last month of the source's ledger.
fn years(rows: &[LedgerRow]) -> Vec<ReportingYear> {
    let months: BTreeSet<MonthKey> = rows.iter().map(|r| r.month).collect();
    let year = |m: &MonthKey| ReportingYear::containing(m.first_day());
    match (months.first().map(year), months.last().map(year)) {
        (Some(first), Some(last)) => {
            (first.number()..=last.number()).filter_map(|y| ReportingYear::new(y).ok()).collect()
        }
        _ => Vec::new(),
    }
}

/// Units the move created hold only moved data in the target: their reports must be identical.
fn compare_reports(
    source: &dyn Store,
    target: &dyn Store,
    rules: &Rules,
    plan: &Plan,
    maps: &Maps,
    rows: &[LedgerRow],
    moved: &mut Moved,
) -> AppResult<()> {
    let created: Vec<UnitId> = plan.units.iter().filter(|(_, r)| r.is_none()).map(|(u, _)| u.id).collect();
    let years = years(rows);
    if created.is_empty() || years.is_empty() {
        return Ok(());
    }
    let (ours, our_targets) = engine(source, rules)?;
    let (theirs, their_targets) = engine(target, rules)?;
    let mut differing = Vec::new();
    for unit in &created {
        let Some(mapped) = maps.units.get(unit) else { continue };
        for year in &years {
            let period = year.cumulative(12).map_err(|e| AppError::Invalid(e.to_string()))?;
            let a = ours.report(*unit, period, &our_targets).and_then(|r| r.to_json()).map_err(report_error)?;
            let b = theirs.report(*mapped, period, &their_targets).and_then(|r| r.to_json()).map_err(report_error)?;
            if a != b {
                differing.push(format!("{} {}", plan.code(*unit).map(|c| c.as_str()).unwrap_or("?"), year.number()));
            }
            moved.reports_checked += 1;
        }
    }
    moved.years = years;
    if differing.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(format!(
            "đã chuyển nhưng báo cáo khác nhau / moved, but reports differ: {}",
            differing.join(", ")
        )))
    }
}
