//! The payout limit of money in custody (issue 18) as worklist items: for each case of the
//! scope whose money is held, each lot of it (by the day it came in) is due for payout within
//! the case rule `payout` (10 days from collection, `core::money::payout_deadline`). A payout
//! clears it: lots are paid out oldest first (`custody::held_lots`), so a lot is listed until it
//! is paid, and overdue once its last day has passed. Cases whose money is in the custody books
//! take their payout deadline from here, in the worklist and in the dashboard's counts; the
//! derived table has `payout` rows (counted from the `collected` events and shown only until
//! due, since no event records a payout) only for the cases whose money was collected outside
//! THADS's books (`rows::drop_book_payouts`). Read here from the store and core
//! rather than through the money room, which records through the cases room: the worklist
//! stays below both.

use thads_core::deadlines::{DeadlineKind, DeadlineRule};
use thads_core::money::custody::{EntryRecord, held_lots};
use thads_core::money::payout_deadline;
use thads_core::{Case, CaseId, StaffId, UnitId, Vnd};
use thads_store::Store;
use time::Date;

use super::query::{DueItem, Names, Scope};
use super::setup::DeadlineSetup;
use crate::error::AppResult;

/// One lot of money held for a case of the books, due for payout.
#[derive(Debug, Clone)]
pub struct BookPayout<'r> {
    pub case: CaseId,
    pub unit: UnitId,
    pub officer: Option<StaffId>,
    pub case_no: String,
    /// The day the money came in, from which the limit runs.
    pub since: Date,
    pub amount: Vnd,
    pub due: Date,
    pub rule: &'r DeadlineRule,
}

/// The payout limits of the money held for the cases of `units` (all units when `None`, none
/// when empty; one officer's cases only, when given): a lot per day the money came in, until a
/// payout clears it.
pub fn book_payouts<'r>(
    store: &dyn Store,
    setup: &'r DeadlineSetup,
    units: Option<&[UnitId]>,
    officer: Option<StaffId>,
) -> AppResult<Vec<BookPayout<'r>>> {
    let held = match units {
        Some([]) => return Ok(Vec::new()),
        // `held_case_entries` reads every unit's when given none.
        Some(units) => store.held_case_entries(units)?,
        None => store.held_case_entries(&[])?,
    };
    Ok(held
        .iter()
        .filter(|h| officer.is_none() || h.officer == officer)
        .flat_map(|h| lots_due(setup, (h.case, h.unit, h.officer, &h.case_no), &h.entries))
        .collect())
}

/// The payout limits of the money held for `case`, from its `entries` in the books.
pub fn case_book_payouts<'r>(setup: &'r DeadlineSetup, case: &Case, entries: &[EntryRecord]) -> Vec<BookPayout<'r>> {
    let f = &case.facts;
    lots_due(setup, (case.id, f.unit, f.officer, f.case_no.as_str()), entries)
}

/// The lots held for a case (its id, unit, officer and number) with their payout limits.
fn lots_due<'r>(
    setup: &'r DeadlineSetup,
    (case, unit, officer, case_no): (CaseId, UnitId, Option<StaffId>, &str),
    entries: &[EntryRecord],
) -> Vec<BookPayout<'r>> {
    held_lots(case, entries)
        .into_iter()
        .filter_map(|lot| {
            let (due, rule) = payout_deadline(&setup.rules, lot.since, &setup.calendar)?;
            Some(BookPayout {
                case,
                unit,
                officer,
                case_no: case_no.to_string(),
                since: lot.since,
                amount: lot.amount,
                due,
                rule,
            })
        })
        .collect()
}

/// `book_payouts` as worklist items, on `scope.on`.
pub fn payout_items(scope: &Scope<'_>) -> AppResult<Vec<DueItem>> {
    let Scope { store, setup, names, units, officer, on } = *scope;
    Ok(book_payouts(store, setup, Some(units), officer)?.into_iter().map(|p| item_of(&p, names, on)).collect())
}

/// A lot's worklist item.
pub fn item_of(p: &BookPayout<'_>, names: &Names, on: Date) -> DueItem {
    DueItem {
        unit: names.unit(p.unit),
        case_no: p.case_no.clone(),
        case_id: p.case.0,
        kind: DeadlineKind::Payout.code(),
        kind_vi: format!("{} ({} đ)", p.rule.name_vi, thads_core::money::group_thousands(i128::from(p.amount.dong()))),
        kind_en: None,
        due: p.due,
        overdue: p.due < on,
        rule: p.rule.citation.clone(),
        rule_id: p.rule.id.clone(),
        officer: names.officer(p.officer),
        started_on: p.since,
    }
}
