//! The payout limit of money in custody (issue 18) as worklist items: for each case of the
//! scope whose money is held, each lot of it (by the day it came in) is due for payout within
//! the case rule `payout` (10 days from collection, `core::money::payout_deadline`). A payout
//! clears it: lots are paid out oldest first (`custody::held_lots`), so a lot is listed until it
//! is paid, and overdue once its last day has passed. Cases whose money is in the custody books
//! take their payout deadline from here; the derived table's `payout` rows (counted from the
//! `collected` events and shown only until due, since no event records a payout) stay for the
//! cases whose money was collected outside THADS's books. Read here from the store and core
//! rather than through the money room, which records through the cases room: the worklist
//! stays below both.

use std::collections::HashSet;

use thads_core::deadlines::DeadlineKind;
use thads_core::money::custody::held_lots;
use thads_core::money::payout_deadline;
use thads_store::Store;

use super::query::{DueItem, Scope};
use crate::error::AppResult;

/// The payout limits of the money held for the cases of `units` (one officer's cases only,
/// when given) on `on`.
pub fn payout_items(scope: &Scope<'_>) -> AppResult<Vec<DueItem>> {
    let Scope { store, setup, names, units, officer, on } = *scope;
    let mut items = Vec::new();
    for (id, _) in store.held_cases(units)? {
        let Some(case) = store.case(id)? else { continue };
        if officer.is_some() && case.facts.officer != officer {
            continue;
        }
        let entries = store.case_entries(id)?;
        for lot in held_lots(id, &entries) {
            let Some((due, rule)) = payout_deadline(&setup.rules, lot.since, &setup.calendar) else { continue };
            items.push(DueItem {
                unit: names.unit(case.facts.unit),
                case_no: case.facts.case_no.to_string(),
                case_id: id.0,
                kind: DeadlineKind::Payout.code(),
                kind_vi: format!(
                    "{} ({} đ)",
                    rule.name_vi,
                    thads_core::money::group_thousands(i128::from(lot.amount.dong()))
                ),
                kind_en: None,
                due,
                overdue: due < on,
                rule: rule.citation.clone(),
                rule_id: rule.id.clone(),
                officer: names.officer(case.facts.officer),
                started_on: lot.since,
            });
        }
    }
    Ok(items)
}

/// Of the cases of the derived table's `payout` rows, those whose money is in the custody
/// books: their payout deadline is the books' (listed by `payout_items` while money is held,
/// cleared once it is paid out).
pub fn kept_in_books(store: &dyn Store, cases: impl IntoIterator<Item = i64>) -> AppResult<HashSet<i64>> {
    let mut out = HashSet::new();
    for id in cases {
        if !out.contains(&id) && !store.case_entries(thads_core::CaseId(id))?.is_empty() {
            out.insert(id);
        }
    }
    Ok(out)
}
