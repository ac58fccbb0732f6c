//! Frozen reports (snapshots): a unit's report for a period saved with every figure and the
//! marks of that moment (the highest event, audit and case ids); closing a month takes one, and
//! anyone who may save one does. The figures come from the statistics ledger, so saving does
//! not replay the scope's histories nor write a row per case: from the live engine of a
//! process that keeps one (the server, `save_with`) when it is exactly the stored ledger, which
//! costs one report; else from a month engine of the units' totals built from the stored
//! ledger (`stats::totals_engine`, whose cost follows the units and months, not the cases); a
//! period that is not whole months from a day engine over the scope. The cases behind a figure
//! as it stood are recomputed when asked, from each history as it stood at the marks
//! (`at_marks`): records are append-only and every change of facts is audited with the facts
//! before it. The diff (`diff`) says which figures moved since and which records moved them,
//! replaying only the cases changed since the marks.

mod diff;

use serde_json::{Map, Value, json};
use thads_core::{Case, CaseFacts, EventRecord, Period, Rules, UnitId, UnitTree};
use thads_reports::{CaseCells, Column, FormKind, Keep, Report, drill_down};
use thads_store::{Marks, NewAudit, NewSnapshot, SnapshotHead, SnapshotKind, Store, WriteTx};
use time::Date;

pub use diff::{Against, Change, Diff, Why, diff};

use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::history::check;
use crate::stats::LiveStatistics;

/// A report as it stands at `marks`, not yet stored.
pub struct Frozen {
    pub unit: UnitId,
    pub period: Period,
    pub marks: Marks,
    pub report: Report,
}

/// The report of `unit` for `period` as `tx` sees the marks. The marks are read first: on
/// PostgreSQL a record committed meanwhile may be counted in the figures while being above the
/// marks; a diff then names it without a figure to move (SQLite writes one at a time).
pub fn freeze(
    store: &dyn Store,
    tx: &mut dyn WriteTx,
    rules: &Rules,
    units: &UnitTree,
    unit: UnitId,
    period: Period,
    actor: &Actor,
) -> AppResult<Frozen> {
    freeze_with(store, tx, rules, units, (unit, period), actor, None)
}

/// As `freeze`, from `live` (a month engine kept up to date in this process) when the period
/// is whole months and the engine is exactly the stored ledger: its generation is the one the
/// store holds, read after the marks (on SQLite the open write transaction keeps every other
/// writer out, so the engine, the marks and the store agree), and its units are the store's.
/// Otherwise a month engine of the units' totals is built from the stored ledger
/// (`stats::totals_engine`: the origin series only, all a report without breakdowns reads).
pub fn freeze_with(
    store: &dyn Store,
    tx: &mut dyn WriteTx,
    rules: &Rules,
    units: &UnitTree,
    (unit, period): (UnitId, Period),
    actor: &Actor,
    live: Option<&LiveStatistics>,
) -> AppResult<Frozen> {
    let marks = tx.history_marks()?;
    let targets = crate::stats::targets(store)?;
    let report = if period.is_month_aligned() {
        match from_live(store, units, live, |engine| engine.report(unit, period, &targets))? {
            Some(report) => report?,
            None => crate::stats::totals_engine(store, rules)?.report(unit, period, &targets)?,
        }
    } else {
        let day = crate::stats::day_engine(store, rules, units, unit, period.to(), actor.today(), Keep::Totals)?;
        day.report(unit, period, &targets)?
    };
    Ok(Frozen { unit, period, marks, report })
}

/// `read` run on the live engine when it is exactly the stored ledger and its units are
/// `units`; `None` otherwise (or without one).
fn from_live<T>(
    store: &dyn Store,
    units: &UnitTree,
    live: Option<&LiveStatistics>,
    read: impl FnOnce(&thads_reports::MonthEngine) -> T,
) -> AppResult<Option<T>> {
    let Some(live) = live else { return Ok(None) };
    let generation = store.ledger_state()?.generation;
    let read = |engine: &thads_reports::MonthEngine| (engine.units().all() == units.all()).then(|| read(engine));
    Ok(live.read_at(generation, read)?.flatten())
}

/// The facts of a case as they stood at `marks`: the facts before the first audited change
/// above the marks, else today's; `None` when the case was created after them.
pub fn facts_at(store: &dyn Store, case: &Case, marks: Marks) -> AppResult<Option<CaseFacts>> {
    if case.id.0 > marks.case {
        return Ok(None);
    }
    let mut audit = store.audit_of_case(case.id)?;
    audit.sort_by_key(|a| a.id);
    for a in audit.iter().filter(|a| a.id > marks.audit) {
        let Some(before) = a.before.as_deref() else { continue };
        let Ok(view) = serde_json::from_str::<Value>(before) else { continue };
        if let Some(facts) = view.get("facts").filter(|f| !f.is_null()) {
            let facts: CaseFacts = serde_json::from_value(facts.clone())
                .map_err(|_| thads_store::StoreError::corrupt("audit.before.facts", a.id))?;
            return Ok(Some(facts));
        }
    }
    Ok(Some(case.facts.clone()))
}

/// A case's cells in the report of `scope` for `period` as its history stood at `marks`,
/// replayed as of `day`; `None` when it did not count then.
#[allow(clippy::too_many_arguments)]
pub fn at_marks(
    store: &dyn Store,
    rules: &Rules,
    case: &Case,
    records: &[EventRecord],
    scope: &std::collections::BTreeSet<UnitId>,
    period: Period,
    marks: Marks,
    day: Date,
) -> AppResult<Option<CaseCells>> {
    let Some(facts) = facts_at(store, case, marks)? else { return Ok(None) };
    if !scope.contains(&facts.unit) || facts.accepted_on > period.to() {
        return Ok(None);
    }
    let then: Vec<EventRecord> = records.iter().filter(|r| r.id.0 <= marks.event).cloned().collect();
    let checked = check(&facts, &then, day, rules)
        .map_err(|fault| AppError::Invalid(fault.stored(&facts.case_no).to_string()))?;
    Ok(drill_down(&facts.basis(), &checked.steps, &rules.classification, period))
}

/// Every figure of both forms: `{"cases": {key: n}, "money": {key: n}}`.
pub fn figures(report: &Report) -> Value {
    let form = |kind| {
        let f = report.cases_or_money(kind);
        Column::of(kind).map(|c| (c.key().to_string(), json!(f.get(c)))).collect::<Map<String, Value>>()
    };
    json!({ "cases": form(FormKind::Cases), "money": form(FormKind::Money) })
}

/// Stores a frozen report; returns the snapshot's id. No row per case: the cells are
/// recomputed from the histories at the marks when a diff asks.
pub fn store_frozen(tx: &mut dyn WriteTx, frozen: &Frozen, kind: SnapshotKind, actor: &Actor) -> AppResult<i64> {
    let figures = figures(&frozen.report).to_string();
    let report = frozen.report.to_json()?;
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
    Ok(tx.insert_snapshot(&new, frozen.marks, &[])?)
}

/// Saves the report of `unit` for `period` as a snapshot, audited; returns its id. The caller
/// has checked `Action::SaveSnapshot`.
pub fn save(store: &dyn Store, actor: &Actor, rules: &Rules, unit: UnitId, period: Period) -> AppResult<i64> {
    save_with(store, actor, rules, unit, period, None)
}

/// As `save`, from the live engine `live` when it is exactly the stored ledger
/// (`freeze_with`): the same snapshot at the cost of one report rather than an engine built
/// from the stored ledger.
pub fn save_with(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    unit: UnitId,
    period: Period,
    live: Option<&LiveStatistics>,
) -> AppResult<i64> {
    let units = UnitTree::new(store.units()?);
    let code = units.get(unit).map(|u| u.code.to_string()).ok_or_else(|| AppError::NotFound("đơn vị / unit".into()))?;
    let mut tx = store.begin()?;
    let frozen = freeze_with(store, tx.as_mut(), rules, &units, (unit, period), actor, live)?;
    let id = store_frozen(tx.as_mut(), &frozen, SnapshotKind::Saved, actor)?;
    let after = json!({
        "snapshot": id,
        "unit": code,
        "from": thads_core::dates::format_iso(period.from()),
        "to": thads_core::dates::format_iso(period.to()),
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
