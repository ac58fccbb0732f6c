//! Monitoring of administrative judgments (theo dõi thi hành án hành chính), as a unit's staff
//! keep it: a judgment registered with the body that must comply, its monitoring steps recorded
//! one by one (each checked by `thads_core::admin_judgments::check_step`), each change audited
//! on the unit in its transaction. Reads: the register of a scope with each judgment's next
//! step and lateness, the figures as published (tracked, completed, still monitored), the table
//! of late bodies, and the steps due for the worklist. Who may do it is decided by the caller
//! (`Action::MonitorAdminJudgments` on the judgment's unit); the working-day calendar is a
//! parameter (`deadlines::DeadlineSetup`), so this room reads no other room.

mod read;

use serde_json::json;
use thads_core::admin_judgments::{AdminJudgment, AdminJudgmentId, Step, check_step, monitor_limits, voluntary_end};
use thads_core::calendar::WorkingCalendar;
use thads_core::field;
use thads_store::{AdminJudgmentRecord, NewAudit, NewStep, Store};
use time::Date;

pub use read::{DueStep, JudgmentRow, due_steps, late_bodies_of, register_of, stats_of};

use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// What the audit keeps of a judgment.
fn view(j: &AdminJudgment) -> serde_json::Value {
    json!({
        "court": j.court,
        "judgment_no": j.judgment_no,
        "judgment_on": j.judgment_on,
        "received_on": j.received_on,
        "body": j.body,
        "obligation": j.obligation,
        "point": j.point.code(),
    })
}

fn field_error(field: &'static str) -> impl Fn(thads_core::admin_judgments::MonitorError) -> AppError {
    move |e| AppError::Field { field, message: e.to_string() }
}

/// Registers a judgment to monitor; `Duplicate` when the unit already monitors it.
pub fn register(store: &dyn Store, actor: &Actor, judgment: AdminJudgment) -> AppResult<AdminJudgmentId> {
    if judgment.judgment_on > actor.today() {
        return Err(AppError::Field {
            field: "judgment_on",
            message: "ngày bản án sau ngày hôm nay / the judgment is dated in the future".into(),
        });
    }
    let judgment = judgment.checked(actor.today()).map_err(|e| {
        let field = match &e {
            thads_core::admin_judgments::MonitorError::Field(f) => match f.field.en {
                "court" => "court",
                "judgment number" => "judgment_no",
                "body" => "body",
                _ => "obligation",
            },
            _ => "received_on",
        };
        AppError::Field { field, message: e.to_string() }
    })?;
    let mut tx = store.begin()?;
    let id = tx.insert_admin_judgment(&judgment, &actor.login, actor.at)?;
    tx.insert_unit_audit(
        &NewAudit {
            at: actor.at,
            actor: actor.login.clone(),
            case: None,
            action: "admin_judgment.create".into(),
            before: None,
            after: Some(json!({ "id": id.0, "judgment": view(&judgment) }).to_string()),
        },
        judgment.unit,
    )?;
    tx.commit()?;
    Ok(id)
}

/// Records a monitoring step on `date` (checked against the judgment and its steps, read in
/// the write transaction); `Completed` ends the monitoring.
pub fn record_step(
    store: &dyn Store,
    actor: &Actor,
    calendar: &WorkingCalendar,
    id: AdminJudgmentId,
    step: Step,
    date: Date,
    note: &str,
) -> AppResult<AdminJudgmentRecord> {
    let note = field::NOTE.clean(note).map_err(|e| AppError::Field { field: "note", message: e.to_string() })?;
    let mut tx = store.begin()?;
    let found = tx
        .admin_judgment_for_update(id)?
        .ok_or_else(|| AppError::NotFound(format!("bản án hành chính / administrative judgment #{}", id.0)))?;
    let monitored = found.monitored();
    let end = voluntary_end(&found.judgment, &monitor_limits(), calendar);
    check_step(&found.judgment, &monitored.steps, step, date, actor.today(), end).map_err(field_error("date"))?;
    let new = NewStep { date, step, note, recorded_by: actor.login.clone(), recorded_at: actor.at };
    tx.insert_admin_judgment_step(id, &new)?;
    tx.insert_unit_audit(
        &NewAudit {
            at: actor.at,
            actor: actor.login.clone(),
            case: None,
            action: "admin_judgment.step".into(),
            before: None,
            after: Some(
                json!({ "id": id.0, "judgment_no": found.judgment.judgment_no, "step": step.code(), "date": date, "note": new.note })
                    .to_string(),
            ),
        },
        found.judgment.unit,
    )?;
    tx.commit()?;
    store.admin_judgment(id)?.ok_or_else(|| AppError::NotFound(format!("#{}", id.0)))
}
