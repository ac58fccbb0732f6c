//! Accounts as an administrator changes them: a new person, a role or unit, a password reset,
//! disabling and enabling. Who may do it is decided above (the web asks `ManageUsers` on every
//! unit concerned; the command line is the operator); passwords arrive hashed, by the rule of
//! the surface that read them. Each change is audited in its transaction, naming the person's
//! unit, and moves the reference generation (by the schema's triggers), so that a running
//! server sees it.

use serde_json::{Value, json};
use thads_core::{Login, Role, Staff, StaffId, UnitId, UnitTree};
use thads_store::{NewAudit, NewStaff, Store, WriteTx};

use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// A person to create, with the hash of their first password.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: Login,
    pub full_name: String,
    pub unit: UnitId,
    pub role: Role,
    pub password_hash: String,
}

/// What the audit keeps of a person: login, name, unit code, role, whether active.
pub fn view(staff: &Staff, units: &UnitTree) -> Value {
    json!({
        "login": staff.login,
        "full_name": staff.full_name,
        "unit": code_of(units, staff.unit),
        "role": staff.role,
        "active": staff.active,
    })
}

fn code_of(units: &UnitTree, id: UnitId) -> String {
    units.get(id).map_or_else(|| format!("#{}", id.0), |u| u.code.to_string())
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

/// The person `id` as the transaction sees them.
fn person(tx: &mut dyn WriteTx, id: StaffId) -> AppResult<Staff> {
    tx.staff()?.into_iter().find(|s| s.id == id).ok_or_else(|| AppError::NotFound(format!("cán bộ / staff #{}", id.0)))
}

/// Creates a person with a password; `Duplicate` (as `AppError::Store`) if the login is taken.
pub fn create_user(store: &dyn Store, actor: &Actor, user: &NewUser, units: &UnitTree) -> AppResult<StaffId> {
    units.get(user.unit).ok_or_else(|| AppError::NotFound(format!("đơn vị / unit #{}", user.unit.0)))?;
    let mut tx = store.begin()?;
    let id = tx.insert_staff(&NewStaff {
        unit: user.unit,
        login: user.login.clone(),
        full_name: user.full_name.clone(),
        role: user.role,
    })?;
    tx.set_password(id, &user.password_hash, actor.at)?;
    let created = person(tx.as_mut(), id)?;
    audit(tx.as_mut(), actor, "user.add", user.unit, None, Some(view(&created, units)))?;
    tx.commit()?;
    Ok(id)
}

/// Moves a person to a unit and role (their sessions go on under the new role: each request
/// reads the person afresh).
pub fn change_role(
    store: &dyn Store,
    actor: &Actor,
    id: StaffId,
    unit: UnitId,
    role: Role,
    units: &UnitTree,
) -> AppResult<()> {
    let mut tx = store.begin()?;
    let before = person(tx.as_mut(), id)?;
    tx.update_staff(id, unit, role)?;
    // `update_staff` enables too; a disabled person stays disabled.
    if !before.active {
        tx.set_active(id, false)?;
    }
    let after = person(tx.as_mut(), id)?;
    audit(tx.as_mut(), actor, "user.change", unit, Some(view(&before, units)), Some(view(&after, units)))?;
    tx.commit()?;
    Ok(())
}

/// Disables (ending their sessions) or enables a person.
pub fn set_active(store: &dyn Store, actor: &Actor, id: StaffId, active: bool, units: &UnitTree) -> AppResult<()> {
    let mut tx = store.begin()?;
    let before = person(tx.as_mut(), id)?;
    tx.set_active(id, active)?;
    if !active {
        tx.delete_sessions_of(id)?;
    }
    let after = person(tx.as_mut(), id)?;
    let action = if active { "user.enable" } else { "user.disable" };
    audit(tx.as_mut(), actor, action, before.unit, Some(view(&before, units)), Some(view(&after, units)))?;
    tx.commit()?;
    Ok(())
}

/// Sets a new password someone else chose (the person changes it on their account page) and
/// ends the person's sessions. The audit keeps that it happened, never the password.
pub fn reset_password(store: &dyn Store, actor: &Actor, id: StaffId, password_hash: &str) -> AppResult<()> {
    let mut tx = store.begin()?;
    let target = person(tx.as_mut(), id)?;
    tx.set_password(id, password_hash, actor.at)?;
    tx.delete_sessions_of(id)?;
    audit(tx.as_mut(), actor, "user.password_reset", target.unit, None, Some(json!({ "login": target.login })))?;
    tx.commit()?;
    Ok(())
}
