//! The time limits of seized assets (issue 19) as worklist items, beside the cases' deadlines:
//! each asset of the scope replayed by `thads_core::assets` under the calendar of the deadlines,
//! its running limits listed on its first case. Read here from the store and core rather than
//! through the assets room, which records through the cases room (that keeps deadlines): the
//! worklist stays below both.

use std::collections::HashMap;

use thads_core::assets::{AssetContext, AssetEvent, AssetFacts, AssetRules, asset_deadlines, replay};
use thads_core::money::{ReferenceAmounts, WageRegion};
use thads_core::{StaffId, UnitId, Vnd};
use thads_store::{AssetStepRow, Store};
use time::Date;

use super::query::{DueItem, Names, Scope};
use crate::error::AppResult;

/// The limits of the assets of `units` running on `on` (one officer's cases only, when given).
pub fn asset_items(scope: &Scope<'_>) -> AppResult<Vec<DueItem>> {
    let Scope { store, setup, names, units, officer, on } = *scope;
    let (rules, refs) = (saved_rules(store), ReferenceAmounts::default());
    let mut steps: HashMap<i64, Vec<AssetStepRow>> = HashMap::new();
    for s in store.asset_steps_of_units(units)? {
        steps.entry(s.asset.0).or_default().push(s);
    }
    let mut items = Vec::new();
    for row in store.assets_of_units(units)? {
        let Some(first) = row.cases.first() else { continue };
        let Some(case) = store.case(*first)? else { continue };
        if officer.is_some() && case.facts.officer != officer {
            continue;
        }
        let mut costs = Vnd::ZERO;
        for id in &row.cases {
            for plan in store.coercion_plans(*id)? {
                costs = costs.checked_add(plan.plan.costs).unwrap_or(costs);
            }
        }
        let facts = AssetFacts {
            kind: row.kind,
            seized_on: row.seized_on,
            perishable: row.perishable,
            for_state_budget: row.for_state_budget,
            coercion_costs: costs,
            region: WageRegion::I,
        };
        let ctx = AssetContext { facts: &facts, rules: &rules, refs: &refs, calendar: &setup.calendar };
        let events: Vec<AssetEvent> = steps
            .remove(&row.id.0)
            .unwrap_or_default()
            .into_iter()
            .map(|s| AssetEvent { date: s.date, step: s.step })
            .collect();
        // A chain that no longer replays is shown on its own page, with why.
        let Ok(records) = replay(&ctx, &events) else { continue };
        for d in asset_deadlines(&ctx, &records).iter().filter(|d| d.running_on(on)) {
            items.push(DueItem {
                unit: names.unit(case.facts.unit),
                case_no: case.facts.case_no.to_string(),
                case_id: case.id.0,
                kind: d.kind.code(),
                kind_vi: format!("Tài sản #{}: {}", row.id.0, d.rule.name_vi),
                kind_en: Some(format!("Asset #{}: {}", row.id.0, d.kind.label_en())),
                due: d.due,
                overdue: d.overdue_on(on),
                rule: d.rule.citation.clone(),
                rule_id: d.rule.id.clone(),
                officer: names.officer(case.facts.officer),
                started_on: d.started_on,
            });
        }
    }
    items.extend(police_items(store, names, units, officer, on)?);
    Ok(items)
}

/// The built-in rules with an administrator's saved versions over them (as the assets room
/// reads them); a saved version that no longer reads is left out here, and told on the rules'
/// page.
fn saved_rules(store: &dyn Store) -> AssetRules {
    let (mut rules, mut police) = (AssetRules::default(), thads_core::assets::PoliceVersions::default());
    for r in store.asset_rule_versions().unwrap_or_default() {
        let saved = thads_core::assets::SavedRule {
            rule: &r.rule,
            valid_from: r.valid_from,
            value: &r.value,
            citation: &r.citation,
            confidence: r.confidence,
            note: &r.note,
        };
        let _ = thads_core::assets::apply_saved(&mut rules, &mut police, &saved);
    }
    rules
}

/// The kind of the worklist's entries that are steps of the coordination with the police of a
/// coercion plan (issue 19 item 2); their `case_id` is the plan's case.
pub const COERCION_POLICE: &str = "coercion_police";

/// The police steps of the coercion plans of `units` not yet recorded as done, listed until
/// they are: due, or overdue once past their last day.
fn police_items(
    store: &dyn Store,
    names: &Names,
    units: &[UnitId],
    officer: Option<StaffId>,
    on: Date,
) -> AppResult<Vec<DueItem>> {
    use thads_core::assets::{PoliceRules, PoliceStepKind};
    let rules = PoliceRules::default();
    let mut items = Vec::new();
    for plan in store.coercion_plans_of_units(units)? {
        // A session long past with steps never recorded stays listed: the step is owed.
        let Some(case) = store.case(plan.plan.case)? else { continue };
        if officer.is_some() && case.facts.officer != officer {
            continue;
        }
        for step in plan.plan.police_steps.iter().filter(|s| s.done_on.is_none()) {
            let Some(kind) = PoliceStepKind::parse(&step.kind) else { continue };
            items.push(DueItem {
                unit: names.unit(case.facts.unit),
                case_no: case.facts.case_no.to_string(),
                case_id: case.id.0,
                kind: COERCION_POLICE,
                kind_vi: format!(
                    "Cưỡng chế {}: {}",
                    thads_core::dates::format_vn(plan.plan.starts.date()),
                    kind.label_vi()
                ),
                kind_en: Some(format!(
                    "Coercion {}: {}",
                    thads_core::dates::format_vn(plan.plan.starts.date()),
                    kind.label_en()
                )),
                due: step.due,
                overdue: step.due < on,
                rule: rules.citation.clone(),
                rule_id: format!("coercion.police.{}", kind.code()),
                officer: names.officer(case.facts.officer),
                started_on: plan.plan.recorded_at.to_offset(time::macros::offset!(+7)).date(),
            });
        }
    }
    Ok(items)
}
