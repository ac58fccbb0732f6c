//! Citizen reception (tiếp công dân; issue 20 item 2, domain §6.4) as a use case: the heads'
//! schedule (a day a month for each head, Luật Tiếp công dân 2013 Điều 18 khoản 2), the
//! sessions held (who came, about what, the result, the letters registered from them), and
//! the figures of a period with the months a head fell short. Every change is audited against
//! its unit; authorisation is the caller's (`RecordComplaint`, `ViewComplaints` on the unit).

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::json;
use thads_core::calendar::WorkingCalendar;
use thads_core::dates::{MonthKey, Period, format_iso};
use thads_core::reception::{
    HeadTerm, MissedMonth, ReceptionRules, ReceptionStats, Session, SessionId, missed_months, reception_stats,
};
use thads_core::{Role, Staff, StaffId, UnitId};
use thads_store::{NewAudit, ScheduledDay, SessionRow, Store, StoreError};
use time::{Date, Duration};

use crate::actor::Actor;
use crate::deadlines::DeadlineSetup;
use crate::error::{AppError, AppResult};

fn audit(actor: &Actor, action: &str, before: Option<String>, after: Option<String>) -> NewAudit {
    NewAudit { at: actor.at, actor: actor.login.clone(), case: None, action: action.into(), before, after }
}

/// Records a session held; `head` must be a head of the session's unit or above (checked by
/// the caller against the directory). Returns its id.
pub fn record_session(store: &dyn Store, actor: &Actor, session: Session) -> AppResult<SessionId> {
    let session = session.checked(actor.today()).map_err(|e| {
        use thads_core::reception::SessionError as E;
        let field = match &e {
            E::Field(f) if f.field.en == "result" => "result",
            E::Field(_) => "subject",
            E::InFuture(_) => "date",
            E::Visitors => "visitors",
        };
        AppError::Field { field, message: e.to_string() }
    })?;
    let row = SessionRow { id: SessionId(0), session, recorded_by: actor.login.clone(), recorded_at: actor.at };
    let mut tx = store.begin()?;
    let id = tx.insert_reception_session(&row)?;
    let s = &row.session;
    let after = json!({
        "id": id.0, "date": format_iso(s.date), "head": s.head.map(|h| h.0), "kind": s.kind.code(),
        "visitors": s.visitors, "subject": s.subject, "result": s.result,
    });
    tx.insert_unit_audit(&audit(actor, "reception.session", None, Some(after.to_string())), s.unit)?;
    tx.commit()?;
    Ok(id)
}

fn day_view(d: &ScheduledDay) -> String {
    json!({"head": d.head.0, "date": format_iso(d.date), "place": d.place}).to_string()
}

/// Schedules a reception day of a head; `Duplicate` when the head already has that day.
pub fn schedule_day(store: &dyn Store, actor: &Actor, mut day: ScheduledDay) -> AppResult<()> {
    day.place = thads_core::field::ADDRESS
        .clean(&day.place)
        .map_err(|e| AppError::Field { field: "place", message: e.to_string() })?;
    let mut tx = store.begin()?;
    tx.insert_scheduled_day(&day)?;
    tx.insert_unit_audit(&audit(actor, "reception.schedule", None, Some(day_view(&day))), day.unit)?;
    tx.commit()?;
    Ok(())
}

/// Removes a scheduled day; `NotFound` if it was not scheduled.
pub fn unschedule_day(store: &dyn Store, actor: &Actor, head: StaffId, date: Date) -> AppResult<ScheduledDay> {
    let mut tx = store.begin()?;
    let day = tx
        .delete_scheduled_day(head, date)?
        .ok_or_else(|| AppError::NotFound(format!("lịch / reception day {}", format_iso(date))))?;
    tx.insert_unit_audit(&audit(actor, "reception.unschedule", Some(day_view(&day)), None), day.unit)?;
    tx.commit()?;
    Ok(day)
}

/// The day proposed for a head's monthly reception: the `nth` working day of the month (the
/// heads of a unit take the 1st, 2nd… working day from the 10th on, so that they do not sit
/// on the same day).
pub fn proposed_day(month: MonthKey, nth: usize, calendar: &WorkingCalendar) -> Option<Date> {
    let mut day = month.first_day().replace_day(10).ok()?;
    let mut found = 0;
    while day <= month.last_day() {
        if calendar.is_working_day(day) {
            if found == nth {
                return Some(day);
            }
            found += 1;
        }
        day = day.checked_add(Duration::DAY)?;
    }
    None
}

/// Schedules a day in each month of `months` for every active head of `unit` who has none
/// that month; returns how many days were added.
pub fn plan_months(
    store: &dyn Store,
    actor: &Actor,
    unit: UnitId,
    heads: &[Staff],
    months: &[MonthKey],
    place: &str,
) -> AppResult<usize> {
    let calendar = DeadlineSetup::load(store)?;
    let existing = store.reception_schedule()?;
    let mut added = 0;
    for &month in months {
        for (nth, head) in heads.iter().filter(|h| h.unit == unit && h.role == Role::Head && h.active).enumerate() {
            if existing.iter().any(|d| d.head == head.id && MonthKey::of(d.date) == month) {
                continue;
            }
            let Some(date) = proposed_day(month, nth, &calendar.calendar) else { continue };
            let day = ScheduledDay { unit, head: head.id, date, place: place.to_string() };
            match schedule_day(store, actor, day) {
                Ok(()) => added += 1,
                Err(AppError::Store(StoreError::Duplicate(_))) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(added)
}

/// The figures of a scope's reception in a period, and the months a head fell short.
#[derive(Debug, Clone, Serialize)]
pub struct ReceptionFigures {
    pub stats: ReceptionStats,
    pub missed: Vec<MissedMonth>,
}

/// The sessions of `scope`, by date.
pub fn sessions_of(store: &dyn Store, scope: &BTreeSet<UnitId>) -> AppResult<Vec<SessionRow>> {
    Ok(store.reception_sessions()?.into_iter().filter(|s| scope.contains(&s.session.unit)).collect())
}

/// The figures of `scope` for `period` up to `today`. The heads are the active people with the
/// role head in the scope today; no term dates are kept, so each is taken as in office for the
/// whole period (a month is owed once it has ended).
pub fn figures(
    store: &dyn Store,
    scope: &BTreeSet<UnitId>,
    heads: &[Staff],
    period: Period,
    today: Date,
) -> AppResult<ReceptionFigures> {
    let sessions: Vec<Session> = sessions_of(store, scope)?.into_iter().map(|s| s.session).collect();
    let stats = reception_stats(&sessions, period);
    let terms: Vec<HeadTerm> = heads
        .iter()
        .filter(|h| h.role == Role::Head && h.active && scope.contains(&h.unit))
        .map(|h| HeadTerm { staff: h.id, unit: h.unit, from: period.from(), to: None })
        .collect();
    let last_ended = MonthKey::of(today).previous();
    let to = MonthKey::of(period.to()).min(last_ended);
    let from = MonthKey::of(period.from());
    let missed =
        if from <= to { missed_months(&terms, &sessions, from, to, &ReceptionRules::default()) } else { vec![] };
    Ok(ReceptionFigures { stats, missed })
}

#[cfg(test)]
mod tests;
