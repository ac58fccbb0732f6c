//! The officers' workload (issue 23, item 2): for each officer of a scope, the cases in hand,
//! with and without means, what they still owe, the overdue deadlines (with the payout limits
//! of money held in the custody books) and the completion rate, from two aggregate queries
//! (cases by unit and officer, deadlines by unit and officer) — never a query per officer —
//! and named as the registry names them.

use std::collections::BTreeMap;

use thads_core::percent::Percent;
use thads_core::{StaffId, UnitId, UnitTree};
use thads_store::Store;
use time::Date;

use crate::error::AppResult;

/// One officer's line (or the cases no officer is assigned to, `officer` none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadLine {
    pub unit: UnitId,
    pub officer: Option<StaffId>,
    pub login: Option<String>,
    /// The registry's name of the person linked to the login, else the account's.
    pub name: String,
    pub in_hand: u64,
    pub with_means: u64,
    pub without_means: u64,
    /// What the cases in hand still owe, in đồng.
    pub outstanding: i128,
    /// Deadlines past their last day on the day asked.
    pub overdue: u64,
    /// Closed as completed (thi hành xong) or terminated (đình chỉ), as the statistics count
    /// completion.
    pub done: u64,
    /// done / (done + with means in hand), the statistics' completion rate on the officer's
    /// cases as they stand; none when there is nothing to complete.
    pub rate: Option<Percent>,
}

/// The workload of every officer with cases in `unit`'s scope on `today`, by unit code, then
/// name (the unassigned cases of a unit last).
pub fn workload(store: &dyn Store, units: &UnitTree, unit: UnitId, today: Date) -> AppResult<Vec<WorkloadLine>> {
    let scope: Vec<UnitId> = units.scope(unit).into_iter().collect();
    let filter = if scope.len() >= units.all().len() { None } else { Some(scope.as_slice()) };
    let names = super::officer_names(store)?;
    let logins: BTreeMap<StaffId, String> = store.staff()?.into_iter().map(|s| (s.id, s.login.to_string())).collect();
    let mut overdue: BTreeMap<(UnitId, Option<StaffId>), u64> = BTreeMap::new();
    for t in crate::deadlines::tallies(store, filter, today, today)? {
        *overdue.entry((t.unit, t.officer)).or_default() += t.overdue;
    }
    let mut lines: BTreeMap<(UnitId, Option<StaffId>), WorkloadLine> = BTreeMap::new();
    for t in store.workload(filter)? {
        let done = t.completed + t.terminated;
        lines.insert(
            (t.unit, t.officer),
            WorkloadLine {
                unit: t.unit,
                officer: t.officer,
                login: t.officer.and_then(|o| logins.get(&o).cloned()),
                name: t.officer.and_then(|o| names.get(&o).cloned()).unwrap_or_default(),
                in_hand: t.in_hand,
                with_means: t.with_means,
                without_means: t.without_means,
                outstanding: t.outstanding,
                overdue: 0,
                done,
                rate: Percent::ratio(i128::from(done), i128::from(done + t.with_means)),
            },
        );
    }
    for ((u, o), n) in overdue {
        if let Some(line) = lines.get_mut(&(u, o)) {
            line.overdue = n;
        }
    }
    let mut out: Vec<WorkloadLine> = lines.into_values().collect();
    let code = |u: UnitId| units.get(u).map(|x| x.code.to_string()).unwrap_or_default();
    // The key once per line, not twice per comparison: thousands of officers at national scope.
    out.sort_by_cached_key(|l| (code(l.unit), l.officer.is_none(), thads_core::text::fold(&l.name), l.officer));
    Ok(out)
}
