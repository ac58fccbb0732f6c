//! Frozen reports (snapshots): a unit's report for a period saved with every figure and each
//! case's place in it (the drill-down's cells, `thads_reports::drill`), recomputed from the
//! histories themselves; closing a month takes one, and anyone who may save one does. The
//! diff (`diff`) says which figures moved since and which records moved them.

mod diff;

use serde_json::{Map, Value, json};
use thads_core::{CaseId, Period, Rules, UnitId, UnitTree};
use thads_reports::{CaseCells, Cells, Column, FormKind, Report, drill_down};
use thads_store::{Marks, NewAudit, NewSnapshot, ScanFilter, SnapshotHead, SnapshotKind, Store, WriteTx};

pub use diff::{Against, Change, Diff, Why, diff};

use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::history::check;

/// A report computed from the histories, with each counted case's cells, not yet stored.
pub struct Frozen {
    pub unit: UnitId,
    pub period: Period,
    pub marks: Marks,
    pub report: Report,
    pub cases: Vec<(CaseId, CaseCells)>,
}

/// The report of `unit` for `period` from every history of its scope as `tx` sees the marks
/// (the marks are read first: a record committed meanwhile is above them and counted again by
/// a diff, where it moves nothing twice).
pub fn freeze(
    store: &dyn Store,
    tx: &mut dyn WriteTx,
    rules: &Rules,
    units: &UnitTree,
    unit: UnitId,
    period: Period,
    actor: &Actor,
) -> AppResult<Frozen> {
    let marks = tx.history_marks()?;
    let scope: Vec<UnitId> = units.scope(unit).into_iter().collect();
    let filter = ScanFilter { units: Some(scope), accepted_to: Some(period.to()) };
    let today = actor.today();
    let mut cases = Vec::new();
    let mut cells = Cells::default();
    store.scan_histories(&filter, &mut |h| {
        let checked = check(&h.case.facts, &h.records, today, rules)
            .map_err(|fault| thads_store::StoreError::Invalid(fault.stored(&h.case.facts.case_no).to_string()))?;
        if let Some(drill) = drill_down(&h.case.facts.basis(), &checked.steps, &rules.classification, period) {
            cells.add(&drill.cells());
            cases.push((h.case.id, drill));
        }
        Ok(())
    })?;
    // The targets as `stats::targets` reads them (not called: stats reads cases, which read this).
    let targets: thads_reports::Targets = store
        .targets()?
        .into_iter()
        .map(|t| (t.unit, t.year, thads_reports::TargetRates { cases: t.cases, money: t.money }))
        .collect();
    let report = Report::from_cells(units, unit, period, cells, targets.for_period(unit, period))?;
    Ok(Frozen { unit, period, marks, report, cases })
}

/// Every figure of both forms: `{"cases": {key: n}, "money": {key: n}}`.
pub fn figures(report: &Report) -> Value {
    let form = |kind| {
        let f = report.cases_or_money(kind);
        Column::of(kind).map(|c| (c.key().to_string(), json!(f.get(c)))).collect::<Map<String, Value>>()
    };
    json!({ "cases": form(FormKind::Cases), "money": form(FormKind::Money) })
}

/// Stores a frozen report; returns the snapshot's id.
pub fn store_frozen(tx: &mut dyn WriteTx, frozen: &Frozen, kind: SnapshotKind, actor: &Actor) -> AppResult<i64> {
    let figures = figures(&frozen.report).to_string();
    let report = frozen.report.to_json()?;
    let mut cases = Vec::with_capacity(frozen.cases.len());
    for (id, cells) in &frozen.cases {
        cases.push((*id, serde_json::to_string(cells).map_err(|e| AppError::Invalid(e.to_string()))?));
    }
    let new = NewSnapshot {
        unit: frozen.unit,
        from: frozen.period.from(),
        to: frozen.period.to(),
        kind,
        taken_at: actor.at,
        taken_by: &actor.login,
        figures: &figures,
        report: &report,
    };
    Ok(tx.insert_snapshot(&new, frozen.marks, &cases)?)
}

/// Saves the report of `unit` for `period` as a snapshot, audited; returns its id. The caller
/// has checked `Action::SaveSnapshot`.
pub fn save(store: &dyn Store, actor: &Actor, rules: &Rules, unit: UnitId, period: Period) -> AppResult<i64> {
    let units = UnitTree::new(store.units()?);
    let code = units.get(unit).map(|u| u.code.to_string()).ok_or_else(|| AppError::NotFound("đơn vị / unit".into()))?;
    let mut tx = store.begin()?;
    let frozen = freeze(store, tx.as_mut(), rules, &units, unit, period, actor)?;
    let id = store_frozen(tx.as_mut(), &frozen, SnapshotKind::Saved, actor)?;
    let after = json!({
        "snapshot": id,
        "unit": code,
        "from": thads_core::dates::format_iso(period.from()),
        "to": thads_core::dates::format_iso(period.to()),
        "cases": frozen.cases.len(),
    });
    tx.insert_unit_audit(
        &NewAudit {
            at: actor.at,
            actor: actor.login.clone(),
            case: None,
            action: "snapshot.save".into(),
            before: None,
            after: Some(after.to_string()),
        },
        unit,
    )?;
    tx.commit()?;
    Ok(id)
}

/// A stored snapshot, or `NotFound`.
pub fn get(store: &dyn Store, id: i64) -> AppResult<SnapshotHead> {
    store.snapshot(id)?.ok_or_else(|| AppError::NotFound(format!("bản chốt #{id} / snapshot")))
}

/// The period a snapshot covers.
pub fn period_of(head: &SnapshotHead) -> AppResult<Period> {
    Period::new(head.from, head.to).map_err(|e| AppError::Invalid(e.to_string()))
}
