//! Coercion plans (kế hoạch cưỡng chế) of a case: the session's date and time checked by the
//! calendar's coercion rules (`thads_core::calendar::check_coercion`, as `thads coercion check`
//! does), the forces mobilised, the coordination steps with the police and their last days
//! (`thads_core::assets::police_steps`), and the costs, which the assets of the case carry (a
//! price that falls to them returns the asset to the debtor; a sale's proceeds are net of them).

use serde_json::json;
use thads_core::assets::{PoliceStepKind, police_steps};
use thads_core::calendar::{CoercionPlan, CoercionRules, check_coercion};
use thads_core::{Case, UnitId, Vnd};
use thads_store::{NewAudit, NewCoercionPlan, PoliceStep, Store};
use time::{Date, PrimitiveDateTime};

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
    let steps = police_steps(input.starts.date(), setup.calendar(), &setup.police.on(input.starts.date()))
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

/// Records a police step of plan `plan` (of `case`) as done on `done_on`: not after today,
/// once. Audited on the case.
pub fn record_police_step(
    store: &dyn Store,
    actor: &Actor,
    case: &Case,
    plan: i64,
    kind: &str,
    done_on: Date,
) -> AssetResult<()> {
    let kind = PoliceStepKind::parse(kind).ok_or_else(|| {
        AssetError::App(crate::error::AppError::Field {
            field: "kind",
            message: "bước: plan_sent, protection_plan / step: plan_sent or protection_plan".into(),
        })
    })?;
    let row = store
        .coercion_plan(plan)?
        .filter(|p| p.plan.case == case.id)
        .ok_or_else(|| AssetError::App(crate::error::AppError::NotFound(format!("kế hoạch / plan #{plan}"))))?;
    if done_on > actor.today() {
        return Err(invalid("ngày sau hôm nay / dated in the future".into()));
    }
    let mut steps = row.plan.police_steps.clone();
    let Some(step) = steps.iter_mut().find(|s| s.kind == kind.code()) else {
        return Err(invalid("kế hoạch không có bước này / the plan has no such step".into()));
    };
    if step.done_on.is_some() {
        return Err(invalid("bước này đã ghi / the step is recorded already".into()));
    }
    step.done_on = Some(done_on);
    let due = step.due;
    let mut tx = store.begin()?;
    tx.set_police_steps(plan, &steps)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: Some(case.id),
        action: "coercion.police_step".into(),
        before: None,
        after: Some(
            json!({ "plan": plan, "step": kind.code(), "due": thads_core::dates::format_iso(due),
                    "done_on": thads_core::dates::format_iso(done_on), "late": done_on > due })
            .to_string(),
        ),
    })?;
    tx.commit()?;
    Ok(())
}

/// What was planned in one month: sessions, people mobilised, costs, police steps late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct MonthCounts {
    /// 1–12.
    pub month: u8,
    pub sessions: u32,
    /// Sessions that mobilise forces.
    pub with_forces: u32,
    pub forces: u64,
    pub costs_vnd: i64,
    /// Police steps done after their last day, or not done and past it on the day read.
    pub police_late: u32,
}

/// One unit's row: its subtree's plans, month by month of `year` (by the session's day).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitMonths {
    pub unit: UnitId,
    pub months: Vec<MonthCounts>,
    pub total: MonthCounts,
}

/// Coercion measures counted per unit and month of `year` (issue 19: coercion counted per
/// period), for each row's unit and subtree, read on `today`.
pub fn coercion_by_month(
    store: &dyn Store,
    rows: &[(UnitId, Vec<UnitId>)],
    year: i32,
    today: Date,
) -> AssetResult<Vec<UnitMonths>> {
    let mut out = Vec::with_capacity(rows.len());
    for (unit, scope) in rows {
        let mut months: Vec<MonthCounts> =
            (1..=12u8).map(|month| MonthCounts { month, ..MonthCounts::default() }).collect();
        for plan in store.coercion_plans_of_units(scope)? {
            let day = plan.plan.starts.date();
            if day.year() != year {
                continue;
            }
            let m = &mut months[usize::from(u8::from(day.month())) - 1];
            m.sessions += 1;
            if plan.plan.forces > 0 {
                m.with_forces += 1;
            }
            m.forces += u64::try_from(plan.plan.forces).unwrap_or(0);
            m.costs_vnd = m.costs_vnd.saturating_add(plan.plan.costs.dong());
            m.police_late += u32::try_from(
                plan.plan.police_steps.iter().filter(|s| s.done_on.map_or(s.due < today, |d| d > s.due)).count(),
            )
            .unwrap_or(0);
        }
        let total = months.iter().fold(MonthCounts::default(), |t, m| MonthCounts {
            month: 0,
            sessions: t.sessions + m.sessions,
            with_forces: t.with_forces + m.with_forces,
            forces: t.forces + m.forces,
            costs_vnd: t.costs_vnd.saturating_add(m.costs_vnd),
            police_late: t.police_late + m.police_late,
        });
        out.push(UnitMonths { unit: *unit, months, total });
    }
    Ok(out)
}
