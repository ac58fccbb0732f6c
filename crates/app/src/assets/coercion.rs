//! Coercion plans (kế hoạch cưỡng chế) of a case: the session's date and time checked by the
//! calendar's coercion rules (`thads_core::calendar::check_coercion`, as `thads coercion check`
//! does), the forces mobilised, the coordination steps with the police and their last days
//! (`thads_core::assets::police_steps`), and the costs, which the assets of the case carry (a
//! price that falls to them returns the asset to the debtor; a sale's proceeds are net of them).

use serde_json::json;
use thads_core::assets::{PoliceRules, police_steps};
use thads_core::calendar::{CoercionPlan, CoercionRules, check_coercion};
use thads_core::{Case, Vnd};
use thads_store::{NewAudit, NewCoercionPlan, PoliceStep, Store};
use time::PrimitiveDateTime;

use super::{AssetError, AssetResult, AssetSetup, field, invalid};
use crate::actor::Actor;

/// What an officer plans.
#[derive(Debug, Clone)]
pub struct CoercionInput {
    pub starts: PrimitiveDateTime,
    pub ends: PrimitiveDateTime,
    pub place: String,
    /// People mobilised (0: the officers alone).
    pub forces: i32,
    pub costs: Vnd,
}

/// Records a plan for `case` once the session's time passes the calendar's rules; returns its
/// id. Every reason the time is refused is told at once.
pub fn plan_coercion(store: &dyn Store, actor: &Actor, case: &Case, input: &CoercionInput) -> AssetResult<i64> {
    if input.forces < 0 {
        return Err(invalid("số người huy động không âm / forces cannot be negative".into()));
    }
    let place = field("place", &thads_core::assets::fields::PLACE, &input.place, true)?;
    let setup = AssetSetup::load(store)?;
    let plan = CoercionPlan { starts: input.starts, ends: input.ends, mobilises_forces: input.forces > 0 };
    check_coercion(&plan, setup.calendar(), &CoercionRules::default())
        .map_err(|reasons| AssetError::Coercion(reasons.iter().map(ToString::to_string).collect()))?;
    let steps = police_steps(input.starts.date(), setup.calendar(), &PoliceRules::default())
        .into_iter()
        .map(|(kind, due)| PoliceStep { kind: kind.code().to_string(), due, done_on: None })
        .collect();
    let new = NewCoercionPlan {
        case: case.id,
        unit: case.facts.unit,
        starts: input.starts,
        ends: input.ends,
        place,
        forces: input.forces,
        police_steps: steps,
        costs: input.costs,
        recorded_by: actor.login.clone(),
        recorded_at: actor.at,
    };
    let mut tx = store.begin()?;
    let id = tx.insert_coercion_plan(&new)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(case.id),
        action: "coercion.plan".into(),
        before: None,
        after: Some(
            json!({
                "plan": id,
                "starts": input.starts.to_string(),
                "ends": input.ends.to_string(),
                "place": new.place,
                "forces": new.forces,
                "costs_vnd": new.costs.dong(),
            })
            .to_string(),
        ),
    })?;
    tx.commit()?;
    Ok(id)
}
