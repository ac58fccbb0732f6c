//! The staff registry (issue 23, items 1 and 2) as use cases: a person added, edited or ended,
//! a unit's posts set — each checked by `thads_core::personnel`, written in one transaction and
//! audited against the person's unit; a CSV imported all or nothing (`import`); the staffing
//! of a unit and its scope as agencies publish it, the vacancies and the terms ending soon; the
//! officers' workload (`workload`); and the names the registry gives to logins, which the
//! per-officer statistics use.
//!
//! Authorisation is the caller's, on the unit of the person as stored and, for a move, the new
//! unit too (`ManageUsers`).

mod import;
mod workload;

pub use import::{ImportOutcome, RowProblem, import_csv};
pub use workload::{WorkloadLine, workload};

use std::collections::HashMap;

use serde_json::{Value, json};
use thads_core::dates::format_iso;
use thads_core::personnel::{
    self as core, Person, PersonError, PersonFacts, PersonId, Quota, Staffing, StaffingLine, TermEnding, Vacancy,
};
use thads_core::{Login, StaffId, UnitId, UnitTree};
use thads_store::{NewAudit, Store, WriteTx};
use time::Date;

use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// What the audit keeps of a person.
pub fn view(id: PersonId, p: &Person, units: &UnitTree, login: Option<&str>) -> Value {
    let f = &p.facts;
    json!({
        "id": id.0,
        "unit": unit_code(units, f.unit),
        "full_name": f.full_name,
        "title": f.title,
        "rank": f.rank.code(),
        "appointed_on": f.appointed_on.map(format_iso),
        "term_ends_on": f.term_ends_on.map(format_iso),
        "login": login,
        "status": p.status.code(),
        "ended_on": p.ended_on.map(format_iso),
    })
}

fn unit_code(units: &UnitTree, unit: UnitId) -> String {
    units.get(unit).map_or_else(|| format!("#{}", unit.0), |u| u.code.to_string())
}

/// A refused person, naming the field it is about.
pub fn refused(e: PersonError) -> AppError {
    let field = match &e {
        PersonError::Field(f) if f.field.en == "title" => "title",
        PersonError::Field(_) => "full_name",
        PersonError::TermBeforeAppointment => "term_ends_on",
        PersonError::AppointedInFuture => "appointed_on",
        PersonError::EndedBeforeAppointment => "ended_on",
        PersonError::AlreadyEnded => return AppError::Invalid(e.to_string()),
    };
    AppError::Field { field, message: e.to_string() }
}

/// The login `text` names, which must be of `unit` (a person is linked to a login of their own
/// unit); empty: none.
pub fn login_of(store: &dyn Store, unit: UnitId, text: &str) -> AppResult<Option<StaffId>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let login = Login::new(t).map_err(|e| AppError::Field { field: "login", message: e.to_string() })?;
    let staff = store.staff()?;
    match staff.iter().find(|s| s.login == login) {
        Some(s) if s.unit == unit => Ok(Some(s.id)),
        Some(_) => Err(AppError::Field {
            field: "login",
            message: format!("tài khoản «{login}» thuộc đơn vị khác / login «{login}» is of another unit"),
        }),
        None => Err(AppError::Field {
            field: "login",
            message: format!("không có tài khoản «{login}» / no login «{login}»"),
        }),
    }
}

fn login_text(store: &dyn Store, staff: Option<StaffId>) -> AppResult<Option<String>> {
    let Some(id) = staff else { return Ok(None) };
    Ok(store.staff()?.into_iter().find(|s| s.id == id).map(|s| s.login.to_string()))
}

fn audit(
    tx: &mut dyn WriteTx,
    actor: &Actor,
    action: &str,
    unit: UnitId,
    before: Option<Value>,
    after: Option<Value>,
) -> AppResult<()> {
    let entry = NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: action.into(),
        before: before.map(|v| v.to_string()),
        after: after.map(|v| v.to_string()),
    };
    tx.insert_unit_audit(&entry, unit)?;
    Ok(())
}

fn known_unit(units: &UnitTree, unit: UnitId) -> AppResult<()> {
    units.get(unit).map(|_| ()).ok_or_else(|| AppError::NotFound(format!("đơn vị / unit #{}", unit.0)))
}

/// Adds a person (active): checked, stored and audited in one transaction.
pub fn add(store: &dyn Store, actor: &Actor, units: &UnitTree, facts: PersonFacts) -> AppResult<PersonId> {
    known_unit(units, facts.unit)?;
    let facts = facts.checked(actor.today()).map_err(refused)?;
    let login = login_text(store, facts.staff)?;
    let mut tx = store.begin()?;
    let id = tx.insert_person(&facts)?;
    let person = Person { id, facts, status: core::Status::Active, ended_on: None };
    audit(
        tx.as_mut(),
        actor,
        "personnel.add",
        person.facts.unit,
        None,
        Some(view(id, &person, units, login.as_deref())),
    )?;
    tx.commit()?;
    Ok(id)
}

/// Replaces a person's facts (an ended person's too: a correction); audited at the unit they
/// were in and, when moved, at the new one.
pub fn edit(store: &dyn Store, actor: &Actor, units: &UnitTree, id: PersonId, facts: PersonFacts) -> AppResult<()> {
    known_unit(units, facts.unit)?;
    let facts = facts.checked(actor.today()).map_err(refused)?;
    let mut tx = store.begin()?;
    let before = tx.person_for_update(id)?.ok_or_else(|| AppError::NotFound(format!("cán bộ / person #{}", id.0)))?;
    let after = Person { facts, ..before.clone() };
    tx.update_person(&after)?;
    let (old_login, new_login) = (login_text(store, before.facts.staff)?, login_text(store, after.facts.staff)?);
    let (b, a) = (view(id, &before, units, old_login.as_deref()), view(id, &after, units, new_login.as_deref()));
    audit(tx.as_mut(), actor, "personnel.edit", before.facts.unit, Some(b.clone()), Some(a.clone()))?;
    if after.facts.unit != before.facts.unit {
        audit(tx.as_mut(), actor, "personnel.edit", after.facts.unit, Some(b), Some(a))?;
    }
    tx.commit()?;
    Ok(())
}

/// Ends a person's work in the unit on `on` (kept, no longer counted).
pub fn end(store: &dyn Store, actor: &Actor, units: &UnitTree, id: PersonId, on: Date) -> AppResult<()> {
    if on > actor.today() {
        return Err(AppError::Field {
            field: "ended_on",
            message: "ngày thôi công tác sau hôm nay / the end is after today".into(),
        });
    }
    let mut tx = store.begin()?;
    let before = tx.person_for_update(id)?.ok_or_else(|| AppError::NotFound(format!("cán bộ / person #{}", id.0)))?;
    let after = core::end(&before, on).map_err(refused)?;
    tx.update_person(&after)?;
    let login = login_text(store, before.facts.staff)?;
    let (b, a) = (view(id, &before, units, login.as_deref()), view(id, &after, units, login.as_deref()));
    audit(tx.as_mut(), actor, "personnel.end", before.facts.unit, Some(b), Some(a))?;
    tx.commit()?;
    Ok(())
}

/// What the audit keeps of a unit's posts.
pub fn quota_view(q: &Quota, units: &UnitTree) -> Value {
    let by_rank: serde_json::Map<String, Value> = q.by_rank.iter().map(|(r, n)| (r.code().into(), json!(n))).collect();
    json!({ "unit": unit_code(units, q.unit), "posts": q.total, "by_rank": by_rank })
}

/// Sets a unit's posts (biên chế), replacing them; returns the previous ones.
pub fn set_quota(store: &dyn Store, actor: &Actor, units: &UnitTree, quota: &Quota) -> AppResult<Option<Quota>> {
    known_unit(units, quota.unit)?;
    let mut tx = store.begin()?;
    let previous = tx.set_quota(quota)?;
    let before = previous.as_ref().map(|p| quota_view(p, units));
    audit(tx.as_mut(), actor, "personnel.posts", quota.unit, before, Some(quota_view(quota, units)))?;
    tx.commit()?;
    Ok(previous)
}

/// The staffing of a unit's scope: the total, a line per unit that has posts or people (the
/// unit itself first, then by code), the vacancies and the terms ending within `months`.
#[derive(Debug, Clone)]
pub struct StaffingReport {
    pub unit: UnitId,
    pub total: Staffing,
    pub lines: Vec<StaffingLine>,
    pub vacancies: Vec<Vacancy>,
    pub terms: Vec<(Person, TermEnding)>,
}

/// The staffing report of `unit` and the units below it, on `today`.
pub fn report(store: &dyn Store, units: &UnitTree, unit: UnitId, today: Date, months: u8) -> AppResult<StaffingReport> {
    known_unit(units, unit)?;
    let mut scope: Vec<UnitId> = units.scope(unit).into_iter().collect();
    scope.sort_by_key(|u| (*u != unit, units.get(*u).map(|x| x.code.to_string())));
    let whole = scope.len() >= units.all().len();
    let people = store.people(if whole { None } else { Some(&scope) })?;
    let quotas: Vec<Quota> = store.quotas()?.into_iter().filter(|q| scope.contains(&q.unit)).collect();
    let total = core::staffing(&scope, &quotas, &people);
    let lines = scope
        .iter()
        .map(|u| StaffingLine { unit: *u, staffing: core::staffing(&[*u], &quotas, &people) })
        .filter(|l| l.staffing.posts > 0 || l.staffing.filled > 0)
        .collect();
    let vacancies = core::vacancies(&scope, &quotas, &people);
    let terms = core::terms_ending(&scope, &people, today, months)
        .into_iter()
        .filter_map(|t| people.iter().find(|p| p.id == t.person).map(|p| (p.clone(), t)))
        .collect();
    Ok(StaffingReport { unit, total, lines, vacancies, terms })
}

/// The staffing JSON of the contract: `{"unit","posts","filled","by_rank":{RANK: N}}`, N the
/// people working in that rank.
pub fn staffing_json(code: &str, s: &Staffing) -> Value {
    let by_rank: serde_json::Map<String, Value> = s.by_rank.iter().map(|(r, n)| (r.code().into(), json!(n))).collect();
    json!({ "unit": code, "posts": s.posts, "filled": s.filled, "by_rank": by_rank })
}

/// The name each login goes by: the registry's name of the active person linked to it, else
/// the name on the account.
pub fn officer_names(store: &dyn Store) -> AppResult<HashMap<StaffId, String>> {
    let mut names: HashMap<StaffId, String> = store.staff()?.into_iter().map(|s| (s.id, s.full_name)).collect();
    for p in store.people(None)?.into_iter().filter(Person::is_active) {
        if let Some(id) = p.facts.staff {
            names.insert(id, p.facts.full_name);
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests;
