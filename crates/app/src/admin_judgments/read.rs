//! Reading the register of administrative judgments: rows with their next step and lateness,
//! the figures of a period, the late bodies, and the steps due for the worklist.

use serde::Serialize;
use thads_core::UnitId;
use thads_core::admin_judgments::{
    Actor as Who, LateBody, MonitorStats, Monitored, Step, deadlines, late_bodies, late_since, monitor_limits,
    monitor_stats, next_step,
};
use thads_core::calendar::WorkingCalendar;
use thads_core::dates::Period;
use thads_store::{AdminJudgmentRecord, Store};
use time::Date;

use crate::error::AppResult;

/// One judgment of the register as listed.
#[derive(Debug, Clone, Serialize)]
pub struct JudgmentRow {
    pub id: i64,
    pub unit: UnitId,
    pub court: String,
    pub judgment_no: String,
    pub judgment_on: Date,
    pub body: String,
    pub obligation: String,
    /// The day the body complied in full, if it did.
    pub completed_on: Option<Date>,
    /// The first day the body was late, if it is.
    pub late_since: Option<Date>,
    /// The agency's next step and its last day.
    pub next_step: Option<Step>,
    pub next_due: Option<Date>,
    pub next_overdue: bool,
    pub steps: usize,
}

/// A step due on a judgment (for the worklist).
#[derive(Debug, Clone, Serialize)]
pub struct DueStep {
    pub id: i64,
    pub unit: UnitId,
    pub judgment_no: String,
    pub body: String,
    pub step: Step,
    pub who: Who,
    pub due: Date,
    pub overdue: bool,
    pub started_on: Date,
    /// The time limit's id and Vietnamese name.
    pub limit_id: String,
    pub name_vi: String,
    pub citation: String,
}

fn monitored(store: &dyn Store, units: &[UnitId]) -> AppResult<Vec<(AdminJudgmentRecord, Monitored)>> {
    Ok(store.admin_judgments(units)?.into_iter().map(|r| (r.monitored(), r)).map(|(m, r)| (r, m)).collect())
}

/// The register of `units` on `on`: late first, then by the next step's last day.
pub fn register_of(
    store: &dyn Store,
    units: &[UnitId],
    on: Date,
    calendar: &WorkingCalendar,
) -> AppResult<Vec<JudgmentRow>> {
    let limits = monitor_limits();
    let mut rows: Vec<JudgmentRow> = monitored(store, units)?
        .into_iter()
        .map(|(r, m)| {
            let next = next_step(&m, on, &limits, calendar);
            JudgmentRow {
                id: r.id.0,
                unit: r.judgment.unit,
                court: r.judgment.court.clone(),
                judgment_no: r.judgment.judgment_no.clone(),
                judgment_on: r.judgment.judgment_on,
                body: r.judgment.body.clone(),
                obligation: r.judgment.obligation.clone(),
                completed_on: m.steps.iter().filter(|s| s.step == Step::Completed).map(|s| s.date).min(),
                late_since: late_since(&m, on, &limits, calendar),
                next_step: next.map(|n| n.step),
                next_due: next.map(|n| n.due),
                next_overdue: next.is_some_and(|n| n.overdue),
                steps: r.steps.len(),
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.completed_on.is_some(), r.late_since.is_none(), r.next_due, r.id));
    Ok(rows)
}

/// Tracked, completed, still monitored in `period`.
pub fn stats_of(store: &dyn Store, units: &[UnitId], period: Period) -> AppResult<MonitorStats> {
    let all: Vec<Monitored> = monitored(store, units)?.into_iter().map(|(_, m)| m).collect();
    Ok(monitor_stats(&all, period))
}

/// The bodies late on `on`, most late judgments first, then the oldest.
pub fn late_bodies_of(
    store: &dyn Store,
    units: &[UnitId],
    on: Date,
    calendar: &WorkingCalendar,
) -> AppResult<Vec<LateBody>> {
    let all: Vec<Monitored> = monitored(store, units)?.into_iter().map(|(_, m)| m).collect();
    Ok(late_bodies(&all, on, &monitor_limits(), calendar))
}

/// Every step due on `on` on the judgments of `units` that the agency takes or follows up.
pub fn due_steps(store: &dyn Store, units: &[UnitId], on: Date, calendar: &WorkingCalendar) -> AppResult<Vec<DueStep>> {
    let limits = monitor_limits();
    let mut out = Vec::new();
    for (r, m) in monitored(store, units)? {
        for d in deadlines(&m, on, &limits, calendar) {
            out.push(DueStep {
                id: r.id.0,
                unit: r.judgment.unit,
                judgment_no: r.judgment.judgment_no.clone(),
                body: r.judgment.body.clone(),
                step: d.step,
                who: d.actor,
                due: d.due,
                overdue: d.overdue,
                started_on: d.started_on,
                limit_id: d.limit.id.clone(),
                name_vi: d.limit.name_vi.clone(),
                citation: d.limit.citation.clone(),
            });
        }
    }
    out.sort_by_key(|d| (d.due, d.id));
    Ok(out)
}
