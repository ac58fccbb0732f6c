//! A unit's yearly targets (chỉ tiêu) as an administrator or a statistician sets them, by the
//! web or the command line: audited in the transaction, naming the unit, and moving the
//! reference generation (by the schema's triggers), so that a running server's dashboards and
//! statistics show the new target without a restart.

use serde_json::{Value, json};
use thads_core::UnitTree;
use thads_store::{NewAudit, Store, Target};

use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// What the audit keeps of a target: the unit's code, the year and both rates (as `82.80`).
pub fn view(target: &Target, units: &UnitTree) -> Value {
    let unit = units.get(target.unit).map_or_else(|| format!("#{}", target.unit.0), |u| u.code.to_string());
    json!({
        "unit": unit,
        "year": target.year.number(),
        "cases": target.cases.to_string(),
        "money": target.money.to_string(),
    })
}

/// Sets a unit's target for a year, replacing any; returns the previous one.
pub fn set_target(store: &dyn Store, actor: &Actor, target: &Target, units: &UnitTree) -> AppResult<Option<Target>> {
    units.get(target.unit).ok_or_else(|| AppError::NotFound(format!("đơn vị / unit #{}", target.unit.0)))?;
    let mut tx = store.begin()?;
    let previous = tx.set_target(target)?;
    let entry = NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "target.set".into(),
        before: previous.as_ref().map(|p| view(p, units).to_string()),
        after: Some(view(target, units).to_string()),
    };
    tx.insert_unit_audit(&entry, target.unit)?;
    tx.commit()?;
    Ok(previous)
}

/// The targets of the units of `scope`, by unit and year.
pub fn targets_of(store: &dyn Store, scope: &[thads_core::UnitId]) -> AppResult<Vec<Target>> {
    Ok(store.targets()?.into_iter().filter(|t| scope.contains(&t.unit)).collect())
}
