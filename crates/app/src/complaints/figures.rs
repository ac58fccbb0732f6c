//! Reading the register: the time limits running on each letter of a scope, the overdue ones
//! (the worklist's source), and the report figures of any unit and period
//! (`thads_core::complaints::complaint_stats`: each matter once, rate two decimals half up).

use std::collections::BTreeSet;

use serde::Serialize;
use thads_core::complaints::{ComplaintKind, ComplaintStats, StatsRules, StepKind, complaint_stats, deadlines};
use thads_core::dates::Period;
use thads_core::{UnitId, UnitTree};
use thads_store::{ComplaintRow, Store};
use time::Date;

use super::ComplaintSetup;
use crate::error::AppResult;

/// A time limit running on a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterDue {
    pub id: i64,
    /// Unit code.
    pub unit: String,
    pub kind: &'static str,
    pub complainant: String,
    pub received_on: Date,
    /// `acceptance`, `resolution` or `referral`.
    pub step: &'static str,
    pub due: Date,
    pub overdue: bool,
    pub citation: String,
}

fn step_code(step: StepKind) -> &'static str {
    match step {
        StepKind::Acceptance => "acceptance",
        StepKind::Resolution => "resolution",
        StepKind::Referral => "referral",
    }
}

/// The letters of `scope`.
fn of_scope(store: &dyn Store, scope: &BTreeSet<UnitId>) -> AppResult<Vec<ComplaintRow>> {
    Ok(store.complaints()?.into_iter().filter(|r| scope.contains(&r.record.facts.unit)).collect())
}

/// Every time limit running on `on` on the letters of `rows`, by due date.
pub fn letters_due(rows: &[ComplaintRow], setup: &ComplaintSetup, units: &UnitTree, on: Date) -> Vec<LetterDue> {
    let mut out: Vec<LetterDue> = rows
        .iter()
        .flat_map(|r| {
            let f = &r.record.facts;
            let unit = units.get(f.unit).map_or_else(|| format!("#{}", f.unit.0), |u| u.code.to_string());
            deadlines(f, &r.record.progress, on, &setup.limits, setup.calendar()).into_iter().map(move |d| LetterDue {
                id: r.record.id.0,
                unit: unit.clone(),
                kind: f.matter.kind().code(),
                complainant: f.complainant.clone(),
                received_on: f.received_on,
                step: step_code(d.step),
                due: d.due,
                overdue: d.overdue,
                citation: d.limit.citation.clone(),
            })
        })
        .collect();
    out.sort_by_key(|a| (a.due, a.id));
    out
}

/// The letters of `scope` past a time limit on `on` (to accept, resolve or refer), oldest due first.
pub fn overdue_letters(
    store: &dyn Store,
    units: &UnitTree,
    scope: &BTreeSet<UnitId>,
    on: Date,
) -> AppResult<Vec<LetterDue>> {
    let setup = ComplaintSetup::load(store)?;
    let rows = of_scope(store, scope)?;
    Ok(letters_due(&rows, &setup, units, on).into_iter().filter(|d| d.overdue).collect())
}

/// The figures of `scope` for `period`, as at the end of the period or `today`.
pub fn figures(
    store: &dyn Store,
    scope: &BTreeSet<UnitId>,
    period: Period,
    today: Date,
    kind: Option<ComplaintKind>,
) -> AppResult<ComplaintStats> {
    let setup = ComplaintSetup::load(store)?;
    let records: Vec<_> = of_scope(store, scope)?.into_iter().map(|r| r.record).collect();
    Ok(complaint_stats(&records, period, today, kind, &setup.limits, setup.calendar(), &StatsRules::default()))
}
