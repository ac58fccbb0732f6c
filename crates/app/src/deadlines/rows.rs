//! The stored rows of a case's deadlines, kept in the transaction of every change to the case,
//! and the whole table rebuilt from every history when the rules or the calendar change.
//!
//! A case's rows are its deadlines computed on its **as-of day**: the latest of its acceptance,
//! its last event and the day the new law took effect (01/07/2026). On any later day `on` the
//! deadlines of the case are exactly its rows with two filters, so the rows need no update as
//! days pass: a row is overdue when `due < on`, and a row shown only until due (`until_due`)
//! disappears once `due < on`. (The history up to `on` is the whole history; the only other
//! use of `on` in the computation is which law is in force, hence the new law's day in the
//! as-of day: since 01/07/2026 "today" is always under it.)
//!
//! A case whose money is in the custody books has no `payout` row: the payout limit of its money
//! is the books' (`payouts::payout_items`: each lot held, from the day it came in, listed until a
//! payout clears it). A row counted from the `collected` event, shown only until due since no
//! event records a payout, would show a case paid out as due and hide money held past its limit
//! from the dashboard's counts (`drop_book_payouts`).

use std::collections::HashSet;

use thads_core::deadlines::{CaseView, Deadline, DeadlineKind, Tracking, deadlines_into};
use thads_core::lifecycle::Step;
use thads_core::{CaseFacts, CaseId, Rules};
use thads_store::{DeadlineRow, ScanFilter, Store, StoreResult, WriteTx};
use time::Date;

use super::setup::DeadlineSetup;
use crate::error::{AppError, AppResult};
use crate::history::{Checked, check};

/// Rows written per statement during a rebuild.
const BATCH: usize = 20_000;

/// The day a case's rows are computed on (see the module comment).
pub fn as_of(setup: &DeadlineSetup, facts: &CaseFacts, steps: &[Step]) -> Date {
    let last = steps.last().map_or(facts.accepted_on, |s| s.date);
    facts.accepted_on.max(last).max(setup.rules.new_law_from())
}

/// The rows of one case (none when it is closed), from its replayed steps (`&checked.steps`,
/// or the steps a bulk writer replayed). Bulk writers call this for each case and store the
/// rows with `WriteTx::replace_deadlines` in the transaction that stores the cases.
pub fn deadline_rows(setup: &DeadlineSetup, case: CaseId, facts: &CaseFacts, steps: &[Step]) -> Vec<DeadlineRow> {
    let basis = facts.basis();
    let view = CaseView { basis: &basis, categories: facts.categories, steps };
    let mut found: Vec<Deadline<'_>> = Vec::new();
    deadlines_into(&view, as_of(setup, facts, steps), &setup.rules, &setup.calendar, &mut found);
    found
        .into_iter()
        .map(|d| DeadlineRow {
            case,
            unit: facts.unit,
            officer: facts.officer,
            case_no: facts.case_no.clone(),
            kind: d.kind,
            due: d.due,
            started_on: d.started_on,
            rule_id: d.rule.id.clone(),
            until_due: d.rule.tracking == Tracking::UntilDue,
        })
        .collect()
}

/// Replaces the stored deadlines of a case after a change, inside the change's transaction.
pub fn keep_case(tx: &mut dyn WriteTx, case: CaseId, facts: &CaseFacts, checked: &Checked) -> AppResult<()> {
    let setup = DeadlineSetup::load_tx(tx)?;
    let mut rows = deadline_rows(&setup, case, facts, &checked.steps);
    drop_book_payouts(&mut rows, |asked| tx.cases_in_books_tx(asked))?;
    tx.replace_deadlines(&[case], &rows)?;
    Ok(())
}

/// Replaces the stored deadlines of `case`, whose money entered the custody books in this
/// transaction after its last change was kept (a receipt's entry is written after its
/// `collected` event): its rows from its history again, without the payout rows.
pub fn keep_book_case(tx: &mut dyn WriteTx, rules: &Rules, today: Date, case: CaseId) -> AppResult<()> {
    let Some(found) = tx.case_for_update(case)? else { return Ok(()) };
    let records = tx.records_of(&[case])?.into_iter().next().map(|(_, r)| r).unwrap_or_default();
    let checked = check(&found.facts, &records, today, rules).map_err(|f| f.stored(&found.facts.case_no))?;
    let setup = DeadlineSetup::load_tx(tx)?;
    tx.replace_deadlines(&[case], &book_case_rows(&setup, case, &found.facts, &checked.steps))?;
    Ok(())
}

/// `deadline_rows` of a case whose money is in the custody books: all but its `payout` rows
/// (see the module comment). A distribution's cases are, by its own entries.
pub fn book_case_rows(setup: &DeadlineSetup, case: CaseId, facts: &CaseFacts, steps: &[Step]) -> Vec<DeadlineRow> {
    let mut rows = deadline_rows(setup, case, facts, steps);
    rows.retain(|r| r.kind != DeadlineKind::Payout);
    rows
}

/// Leaves out of `rows` the `payout` rows of the cases whose money is in the custody books;
/// `in_books` answers which, of the cases with such a row (`Money::cases_in_books`), so a
/// change with no `collected` event asks nothing.
pub fn drop_book_payouts(
    rows: &mut Vec<DeadlineRow>,
    in_books: impl FnOnce(&[CaseId]) -> StoreResult<Vec<CaseId>>,
) -> StoreResult<()> {
    let mut asked: Vec<CaseId> = rows.iter().filter(|r| r.kind == DeadlineKind::Payout).map(|r| r.case).collect();
    if asked.is_empty() {
        return Ok(());
    }
    asked.sort_unstable();
    asked.dedup();
    let books: HashSet<CaseId> = in_books(&asked)?.into_iter().collect();
    rows.retain(|r| r.kind != DeadlineKind::Payout || !books.contains(&r.case));
    Ok(())
}

/// Stores the rows of cases a bulk writer (import, demo, migration) has just inserted, in its
/// transaction: each new case's id, facts and replayed steps (`&checked.steps`). A case just
/// inserted has no entry in the custody books yet.
pub fn keep_new_cases<'a>(
    tx: &mut dyn WriteTx,
    cases: impl IntoIterator<Item = (CaseId, &'a CaseFacts, &'a [Step])>,
) -> AppResult<()> {
    let setup = DeadlineSetup::load_tx(tx)?;
    let rows: Vec<DeadlineRow> =
        cases.into_iter().flat_map(|(id, facts, steps)| deadline_rows(&setup, id, facts, steps)).collect();
    tx.replace_deadlines(&[], &rows)?;
    Ok(())
}

/// Replaces the rows of cases a bulk writer has changed (e.g. events imported for stored
/// cases), in its transaction: each case's id, facts and new replayed steps.
pub fn keep_cases<'a>(
    tx: &mut dyn WriteTx,
    cases: impl IntoIterator<Item = (CaseId, &'a CaseFacts, &'a [Step])>,
) -> AppResult<()> {
    let setup = DeadlineSetup::load_tx(tx)?;
    let (mut ids, mut rows) = (Vec::new(), Vec::new());
    for (id, facts, steps) in cases {
        ids.push(id);
        rows.extend(deadline_rows(&setup, id, facts, steps));
    }
    drop_book_payouts(&mut rows, |asked| tx.cases_in_books_tx(asked))?;
    tx.replace_deadlines(&ids, &rows)?;
    Ok(())
}

/// Every open case's rows, computed from the stored histories, passed to `emit` in batches.
fn recompute(
    store: &dyn Store,
    rules: &Rules,
    setup: &DeadlineSetup,
    today: Date,
    emit: &mut dyn FnMut(&[DeadlineRow]) -> StoreResult<()>,
) -> AppResult<u64> {
    let (mut batch, mut failure, mut cases) = (Vec::new(), None, 0u64);
    store.scan_histories(&ScanFilter::default(), &mut |h| {
        // The stored state is the replay's last state: a closed case has no deadline.
        if h.case.current.state.is_closed() {
            return Ok(());
        }
        match check(&h.case.facts, &h.records, today, rules) {
            Ok(checked) => batch.extend(deadline_rows(setup, h.case.id, &h.case.facts, &checked.steps)),
            Err(fault) => {
                failure.get_or_insert(fault.stored(&h.case.facts.case_no));
            }
        }
        cases += 1;
        if batch.len() >= BATCH {
            emit_batch(store, &mut batch, emit)?;
        }
        Ok(())
    })?;
    if let Some(f) = failure {
        return Err(AppError::Refused(f));
    }
    emit_batch(store, &mut batch, emit)?;
    Ok(cases)
}

/// Passes a batch of `recompute` to `emit` without the payout rows of the cases in the books,
/// and empties it.
fn emit_batch(
    store: &dyn Store,
    batch: &mut Vec<DeadlineRow>,
    emit: &mut dyn FnMut(&[DeadlineRow]) -> StoreResult<()>,
) -> StoreResult<()> {
    drop_book_payouts(batch, |asked| store.cases_in_books(asked))?;
    emit(batch)?;
    batch.clear();
    Ok(())
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rebuilt {
    pub open_cases: u64,
    pub rows: u64,
}

/// Replaces the whole table with a recomputation from every history and stamps it. The write
/// transaction is opened first and held during the scan: on SQLite no other change can commit
/// meanwhile, so no row is computed from a history that changes before the rebuild commits.
pub fn rebuild(store: &dyn Store, rules: &Rules, today: Date) -> AppResult<Rebuilt> {
    let mut tx = store.begin()?;
    let setup = DeadlineSetup::load_tx(tx.as_mut())?;
    tx.clear_deadlines()?;
    // Every case's deadlines are written again: the store may index them once, at commit.
    tx.expect_changes(usize::try_from(store.case_count()?).unwrap_or(usize::MAX))?;
    let mut rows = 0u64;
    let open_cases = recompute(store, rules, &setup, today, &mut |batch| {
        tx.replace_deadlines(&[], batch)?;
        rows += batch.len() as u64;
        Ok(())
    })?;
    tx.set_deadlines_stamp(&setup.stamp(rules))?;
    tx.commit()?;
    Ok(Rebuilt { open_cases, rows })
}

/// Whether the table was built with the rules and calendar now stored.
pub fn is_current(store: &dyn Store, rules: &Rules) -> AppResult<bool> {
    let setup = DeadlineSetup::load(store)?;
    Ok(store.deadlines_stamp()?.as_deref() == Some(setup.stamp(rules).as_str()))
}

/// Rebuilds the table if it was built with other rules or another calendar (or never).
/// Returns whether it did. Call it when a process starts, as for the ledger.
pub fn ensure_deadlines(store: &dyn Store, rules: &Rules, today: Date) -> AppResult<bool> {
    if is_current(store, rules)? {
        return Ok(false);
    }
    rebuild(store, rules, today)?;
    Ok(true)
}

/// The rows a full recomputation gives and the stored rows, both sorted, for comparison.
pub fn recompute_and_read(
    store: &dyn Store,
    rules: &Rules,
    today: Date,
) -> AppResult<(Vec<DeadlineRow>, Vec<DeadlineRow>)> {
    let setup = DeadlineSetup::load(store)?;
    let mut want = Vec::new();
    recompute(store, rules, &setup, today, &mut |batch| {
        want.extend_from_slice(batch);
        Ok(())
    })?;
    // A day before any due date: every stored row is visible.
    let mut have = store.deadlines(&thads_store::DeadlineQuery::on(time::macros::date!(1900 - 01 - 01)))?;
    let key = |r: &DeadlineRow| (r.case, r.kind, r.due, r.started_on, r.rule_id.clone());
    want.sort_by_key(key);
    have.sort_by_key(key);
    Ok((want, have))
}
