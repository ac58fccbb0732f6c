//! Deadline figures for the web dashboard, read from the derived table and, for money in the
//! custody books, from the books' payout limits (`payouts::book_payouts`, as the worklist
//! lists them): what falls due this week, what is overdue, counts per officer and per unit,
//! and one case's deadlines (the case page). Each takes the reader's scope (unit ids, e.g.
//! `UnitTree::scope`) and the day (today).

use std::collections::BTreeMap;

use serde::Serialize;
use thads_core::{CaseId, StaffId, UnitId};
use thads_store::{DeadlineQuery, DeadlineTally, Store};
use time::{Date, Duration};

use super::payouts::{self, BookPayout};
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

/// Counts of the deadlines of `units` on `on` per unit and officer: the derived table's
/// (`Deadlines::deadline_tallies`) with the payout limits of the money in the custody books
/// added, as the worklist counts them. `soon`: the last day counted as due soon.
pub fn tallies(store: &dyn Store, units: Option<&[UnitId]>, on: Date, soon: Date) -> AppResult<Vec<DeadlineTally>> {
    let setup = DeadlineSetup::load(store)?;
    let held = payouts::book_payouts(store, &setup, units, None)?;
    counted(store, units, &held, on, soon)
}

/// `tallies` with the books' payout limits already read.
fn counted(
    store: &dyn Store,
    units: Option<&[UnitId]>,
    held: &[BookPayout<'_>],
    on: Date,
    soon: Date,
) -> AppResult<Vec<DeadlineTally>> {
    let mut counts: BTreeMap<(UnitId, Option<StaffId>), DeadlineTally> = BTreeMap::new();
    for t in store.deadline_tallies(units, on, soon)? {
        counts.insert((t.unit, t.officer), t);
    }
    for p in held {
        let t = counts.entry((p.unit, p.officer)).or_insert(DeadlineTally {
            unit: p.unit,
            officer: p.officer,
            overdue: 0,
            due_soon: 0,
            total: 0,
        });
        t.overdue += u64::from(p.due < on);
        t.due_soon += u64::from(p.due >= on && p.due <= soon);
        t.total += 1;
    }
    Ok(counts.into_values().collect())
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
    let last = on.saturating_add(Duration::days(WEEK - 1));
    Ok(officer_loads(tallies(store, Some(units), on, last)?, &Names::load(store)?))
}

/// The dashboard's deadlines of a scope on a day: counts per officer (`by_officer`), the
/// oldest overdue (`overdue`, at most `listed`) and what falls due this week (`due_this_week`,
/// at most `listed`).
#[derive(Debug, Clone)]
pub struct Overview {
    pub loads: Vec<OfficerLoad>,
    pub oldest_overdue: Vec<DueItem>,
    pub due_this_week: Vec<DueItem>,
}

/// `Overview` of `units` on `on`, the money held in the books read once for the three (each of
/// `by_officer`, `overdue` and `due_this_week` reads it again: after a distribution across
/// 50,000 cases one such read took 0.65–1.2 s).
pub fn overview(store: &dyn Store, units: &[UnitId], on: Date, listed: u32) -> AppResult<Overview> {
    let (setup, names) = (DeadlineSetup::load(store)?, Names::load(store)?);
    let held = payouts::book_payouts(store, &setup, Some(units), None)?;
    let last = on.saturating_add(Duration::days(WEEK - 1));
    let loads = officer_loads(counted(store, Some(units), &held, on, last)?, &names);
    let before = on.saturating_sub(Duration::DAY);
    let late = DeadlineQuery { due_to: Some(before), limit: Some(listed), ..scoped(units, on) };
    let oldest_overdue = listed_with(store, (&setup, &names), &held, late)?;
    let week = DeadlineQuery { due_from: Some(on), due_to: Some(last), limit: Some(listed), ..scoped(units, on) };
    let due_this_week = listed_with(store, (&setup, &names), &held, week)?;
    Ok(Overview { loads, oldest_overdue, due_this_week })
}

/// Tallies named and ordered, most overdue first.
fn officer_loads(tallies: Vec<DeadlineTally>, names: &Names) -> Vec<OfficerLoad> {
    let mut loads: Vec<OfficerLoad> = tallies
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
    loads
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
    for t in tallies(store, Some(units), on, last)? {
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

/// The rows of `query` and the books' payout limits it asks for (due from `due_from` to
/// `due_to`), earliest due first, at most `limit`.
fn read(store: &dyn Store, query: DeadlineQuery) -> AppResult<Vec<DueItem>> {
    let (setup, names) = (DeadlineSetup::load(store)?, Names::load(store)?);
    let held = payouts::book_payouts(store, &setup, query.units.as_deref(), query.officer)?;
    listed_with(store, (&setup, &names), &held, query)
}

/// `read` with the books' payout limits of the query's scope and officer already read (`held`).
fn listed_with(
    store: &dyn Store,
    (setup, names): (&DeadlineSetup, &Names),
    held: &[BookPayout<'_>],
    query: DeadlineQuery,
) -> AppResult<Vec<DueItem>> {
    let mut items: Vec<DueItem> =
        store.deadlines(&query)?.iter().map(|r| item_of_row(setup, names, r, query.on)).collect();
    let asked = |due: Date| query.due_from.is_none_or(|from| due >= from) && query.due_to.is_none_or(|to| due <= to);
    items.extend(held.iter().filter(|p| asked(p.due)).map(|p| payouts::item_of(p, names, query.on)));
    items.sort_by(|a, b| (a.due, a.case_id, a.kind).cmp(&(b.due, b.case_id, b.kind)));
    if let Some(limit) = query.limit {
        items.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok(items)
}

/// The deadlines of one case on `on`, earliest first: its stored rows and, when its money is in
/// the custody books, the payout limit of each lot held (the web's case page reads the same
/// without naming every unit and officer).
pub fn of_case(store: &dyn Store, case: CaseId, on: Date) -> AppResult<Vec<DueItem>> {
    let (setup, names) = (DeadlineSetup::load(store)?, Names::load(store)?);
    let rows = store.deadlines(&DeadlineQuery { case: Some(case), ..DeadlineQuery::on(on) })?;
    let mut items: Vec<DueItem> = rows.iter().map(|r| item_of_row(&setup, &names, r, on)).collect();
    let entries = store.case_entries(case)?;
    if !entries.is_empty()
        && let Some(found) = store.case(case)?
    {
        let held = payouts::case_book_payouts(&setup, &found, &entries);
        items.extend(held.iter().map(|p| payouts::item_of(p, &names, on)));
        items.sort_by_key(|i| i.due);
    }
    Ok(items)
}
