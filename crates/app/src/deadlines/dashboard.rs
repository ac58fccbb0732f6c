//! Deadline figures for the web dashboard, read from the derived table: what falls due this
//! week, what is overdue, and counts per officer and per unit. Each takes the reader's scope
//! (unit ids, e.g. `UnitTree::scope`) and the day (today).

use std::collections::BTreeMap;

use serde::Serialize;
use thads_core::{StaffId, UnitId};
use thads_store::{DeadlineQuery, Store};
use time::{Date, Duration};

use super::query::{DueItem, Names, item_of_row};
use super::setup::DeadlineSetup;
use crate::error::AppResult;

/// Days in "this week": today and the six days after.
pub const WEEK: i64 = 7;

/// Deadlines due from `on` to six days later, earliest first.
pub fn due_this_week(store: &dyn Store, units: &[UnitId], on: Date) -> AppResult<Vec<DueItem>> {
    let last = on.saturating_add(Duration::days(WEEK - 1));
    read(store, DeadlineQuery { due_from: Some(on), due_to: Some(last), ..scoped(units, on) })
}

/// Overdue deadlines (due before `on`), oldest first, at most `limit`.
pub fn overdue(store: &dyn Store, units: &[UnitId], on: Date, limit: Option<u32>) -> AppResult<Vec<DueItem>> {
    let before = on.saturating_sub(Duration::DAY);
    read(store, DeadlineQuery { due_to: Some(before), limit, ..scoped(units, on) })
}

/// Counts of one officer's deadlines (`officer: None`: cases without an officer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficerLoad {
    pub unit: String,
    pub officer: Option<String>,
    pub overdue: u64,
    pub due_this_week: u64,
    pub total: u64,
}

/// Counts per unit and officer, most overdue first.
pub fn by_officer(store: &dyn Store, units: &[UnitId], on: Date) -> AppResult<Vec<OfficerLoad>> {
    let names = Names::load(store)?;
    let last = on.saturating_add(Duration::days(WEEK - 1));
    let mut loads: Vec<OfficerLoad> = store
        .deadline_tallies(Some(units), on, last)?
        .into_iter()
        .map(|t| OfficerLoad {
            unit: names.unit(t.unit),
            officer: names.officer(t.officer),
            overdue: t.overdue,
            due_this_week: t.due_soon,
            total: t.total,
        })
        .collect();
    loads.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| (&a.unit, &a.officer).cmp(&(&b.unit, &b.officer))));
    Ok(loads)
}

/// Counts of one unit's deadlines (its own cases, not its subtree's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitLoad {
    pub unit: String,
    pub overdue: u64,
    pub due_this_week: u64,
    pub total: u64,
    /// Officers with at least one overdue deadline.
    pub officers_overdue: u64,
}

/// Counts per unit, in unit-code order.
pub fn by_unit(store: &dyn Store, units: &[UnitId], on: Date) -> AppResult<Vec<UnitLoad>> {
    let names = Names::load(store)?;
    let last = on.saturating_add(Duration::days(WEEK - 1));
    let mut per_unit: BTreeMap<String, UnitLoad> = BTreeMap::new();
    for t in store.deadline_tallies(Some(units), on, last)? {
        let code = names.unit(t.unit);
        let load = per_unit.entry(code.clone()).or_insert(UnitLoad {
            unit: code,
            overdue: 0,
            due_this_week: 0,
            total: 0,
            officers_overdue: 0,
        });
        load.overdue += t.overdue;
        load.due_this_week += t.due_soon;
        load.total += t.total;
        load.officers_overdue += u64::from(t.officer.is_some() && t.overdue > 0);
    }
    Ok(per_unit.into_values().collect())
}

/// One officer's own deadlines on `on` (their personal list).
pub fn of_officer(store: &dyn Store, officer: StaffId, on: Date) -> AppResult<Vec<DueItem>> {
    read(store, DeadlineQuery { officer: Some(officer), ..DeadlineQuery::on(on) })
}

fn scoped(units: &[UnitId], on: Date) -> DeadlineQuery {
    DeadlineQuery { units: Some(units.to_vec()), ..DeadlineQuery::on(on) }
}

fn read(store: &dyn Store, query: DeadlineQuery) -> AppResult<Vec<DueItem>> {
    let (setup, names) = (DeadlineSetup::load(store)?, Names::load(store)?);
    Ok(store.deadlines(&query)?.iter().map(|r| item_of_row(&setup, &names, r, query.on)).collect())
}
