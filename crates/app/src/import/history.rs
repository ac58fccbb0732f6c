//! Checking imported events case by case against each case's whole stored history (a
//! backdated event must fit what was recorded after it), then writing the events, the cases'
//! new current state and the ledger change in the file's transaction.

use thads_core::dates::format_vn;
use thads_core::event::effective_events;
use thads_core::lifecycle::Reason;
use thads_core::{Case, CaseId, Entry, Event, EventId, EventRecord};
use thads_store::{NewEvent, WriteTx};

use super::batch::{Batch, FileCtx};
use super::events::{EventRows, PendingEvent};
use super::ledger_sum::LedgerSum;
use super::problem::Problem;
use crate::error::{AppResult, HistoryRefusal};
use crate::history::{Checked, check, check_with, deducted_rows};

/// Cases looked up, checked and written together.
const CHUNK: usize = 8192;

/// A case whose new events all fit: what to write.
struct CaseChange {
    case: Case,
    old: Checked,
    new: Checked,
    events: Vec<Event>,
}

/// Checks every case named in `rows` and, while no problem has been found in the file, writes
/// the changes. Returns the number of cases touched.
pub(super) fn check_and_write(
    ctx: &FileCtx<'_>,
    batch: &mut Batch<'_>,
    mut rows: EventRows,
    problems: &mut Vec<Problem>,
) -> AppResult<u64> {
    // Effective order within a case: by date, then file order (record ids follow it).
    rows.events.sort_unstable_by_key(|e| (e.case, e.date, e.row));
    let groups = group_by_case(&rows.events);
    ctx.progress.phase("Kiểm tra lịch sử và ghi / checking histories and writing", Some(groups.len() as u64));
    let mut ledger = LedgerSum::default();
    for chunk in groups.chunks(CHUNK) {
        let changes = check_chunk(ctx, batch.tx.as_mut(), &rows, chunk, problems)?;
        if problems.is_empty() {
            write_chunk(ctx, batch, changes, &mut ledger)?;
        }
        ctx.progress.advance(chunk.len() as u64);
    }
    ctx.progress.finish();
    if problems.is_empty() {
        ledger.flush(batch.tx.as_mut())?;
        batch.tx.touch_ledger()?;
    }
    Ok(groups.len() as u64)
}

/// `(case index, range of its events)` for each case, in case order.
fn group_by_case(events: &[PendingEvent]) -> Vec<(u32, std::ops::Range<usize>)> {
    let mut groups: Vec<(u32, std::ops::Range<usize>)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        match groups.last_mut() {
            Some((case, range)) if *case == e.case => range.end = i + 1,
            _ => groups.push((e.case, i..i + 1)),
        }
    }
    groups
}

fn check_chunk(
    ctx: &FileCtx<'_>,
    tx: &mut dyn WriteTx,
    rows: &EventRows,
    chunk: &[(u32, std::ops::Range<usize>)],
    problems: &mut Vec<Problem>,
) -> AppResult<Vec<CaseChange>> {
    let keys: Vec<_> = chunk.iter().map(|(case, _)| rows.keys[*case as usize].clone()).collect();
    let found = tx.find_cases(&keys)?;
    // Only cases with a history need it read (first imports have none).
    let with_history: Vec<CaseId> = found.iter().flatten().filter(|c| c.event_count > 0).map(|c| c.id).collect();
    let mut histories = tx.records_of(&with_history)?;
    histories.sort_unstable_by_key(|(id, _)| *id);
    let mut changes = Vec::with_capacity(chunk.len());
    for ((case_index, range), case) in chunk.iter().zip(found) {
        let events = &rows.events[range.clone()];
        let Some(case) = case else {
            unknown_case(rows, *case_index, events, problems);
            continue;
        };
        let stored = match histories.binary_search_by_key(&case.id, |(id, _)| *id) {
            Ok(at) => std::mem::take(&mut histories[at].1),
            Err(_) => Vec::new(),
        };
        changes.extend(check_case(ctx, rows, case, &stored, events, problems));
    }
    Ok(changes)
}

fn unknown_case(rows: &EventRows, case: u32, events: &[PendingEvent], problems: &mut Vec<Problem>) {
    let (unit, no) = &rows.keys[case as usize];
    let reason = format!("không có việc «{no}» của đơn vị «{}» / unknown case: import it first", rows.unit_code(*unit));
    problems.extend(events.iter().map(|e| Problem::cell(u64::from(e.row), "case_no", no.as_str(), &reason)));
}

/// Checks one case's new events against its stored history. Every bad event is listed: when
/// the events do not fit together, each is tried in turn and the bad ones are left out.
fn check_case(
    ctx: &FileCtx<'_>,
    rows: &EventRows,
    case: Case,
    stored: &[EventRecord],
    events: &[PendingEvent],
    problems: &mut Vec<Problem>,
) -> Option<CaseChange> {
    let facts = &case.facts;
    let old = match check(facts, stored, ctx.today, ctx.rules) {
        Ok(old) => old,
        Err((_, reason)) => {
            let refusal = HistoryRefusal::Stored { case_no: facts.case_no.clone(), reason };
            problems.extend(events.iter().map(|e| Problem::row(u64::from(e.row), &refusal)));
            return None;
        }
    };
    let fresh = not_duplicates(stored, events, rows, problems);
    let base = stored.iter().map(|r| r.id.0).max().unwrap_or(0);
    let records: Vec<EventRecord> =
        fresh.iter().enumerate().map(|(i, (_, event))| record(ctx, EventId(base + 1 + i as i64), event)).collect();
    match check_with(facts, stored, &records, ctx.today, ctx.rules) {
        Ok(new) if fresh.len() == events.len() => {
            Some(CaseChange { events: fresh.into_iter().map(|(_, e)| e).collect(), case, old, new })
        }
        Ok(_) => None,
        Err(_) => {
            list_each_refusal(ctx, &case, stored, &fresh, &records, problems);
            None
        }
    }
}

/// The events that do not repeat one already stored (same date, code, amount and ground),
/// with their rows; the repeats are problems.
fn not_duplicates(
    stored: &[EventRecord],
    events: &[PendingEvent],
    rows: &EventRows,
    problems: &mut Vec<Problem>,
) -> Vec<(u32, Event)> {
    let effective = if stored.is_empty() { Vec::new() } else { effective_events(stored) };
    let mut fresh = Vec::with_capacity(events.len());
    for pending in events {
        let event = Event {
            date: pending.date,
            code: pending.code,
            amount: pending.amount,
            ground: pending.ground.map(|g| rows.grounds[g as usize].clone()),
        };
        if effective.iter().any(|(_, e)| *e == event) {
            let reason = format!(
                "sự kiện «{}» ngày {} đã được ghi trước đó / this event is already recorded",
                event.code,
                format_vn(event.date)
            );
            problems.push(Problem::row(u64::from(pending.row), reason));
        } else {
            fresh.push((pending.row, event));
        }
    }
    fresh
}

fn record(ctx: &FileCtx<'_>, id: EventId, event: &Event) -> EventRecord {
    EventRecord {
        id,
        entry: Entry::Event(event.clone()),
        supersedes: None,
        note: String::new(),
        recorded_by: ctx.actor.login.clone(),
        recorded_at: ctx.actor.at,
    }
}

/// Adds the events one at a time in effective order, keeping those that fit, so that each bad
/// one is reported with its own reason.
fn list_each_refusal(
    ctx: &FileCtx<'_>,
    case: &Case,
    stored: &[EventRecord],
    fresh: &[(u32, Event)],
    records: &[EventRecord],
    problems: &mut Vec<Problem>,
) {
    let mut kept: Vec<EventRecord> = Vec::with_capacity(records.len());
    for ((row, event), record) in fresh.iter().zip(records) {
        kept.push(record.clone());
        if let Err(refusal) = check_with(&case.facts, stored, &kept, ctx.today, ctx.rules) {
            kept.pop();
            let (column, value) = blamed(&refusal, event);
            problems.push(Problem::cell(u64::from(*row), column, &value, refusal));
        }
    }
}

/// The column a refusal is about, and the value in it.
fn blamed(refusal: &HistoryRefusal, event: &Event) -> (&'static str, String) {
    let reason = match refusal {
        HistoryRefusal::Event { reason, .. } => &reason.reason,
        HistoryRefusal::Invalidates { .. } | HistoryRefusal::Stored { .. } => {
            return ("date", format_vn(event.date));
        }
    };
    match reason {
        Reason::BeforeAcceptance { .. } | Reason::InFuture { .. } => ("date", format_vn(event.date)),
        Reason::AmountRequired(_)
        | Reason::AmountNotAllowed(_)
        | Reason::AmountZero
        | Reason::ExceedsOutstanding { .. } => {
            ("amount_vnd", event.amount.map_or(String::new(), |a| a.dong().to_string()))
        }
        _ => ("event", event.code.code().to_string()),
    }
}

fn write_chunk(
    ctx: &FileCtx<'_>,
    batch: &mut Batch<'_>,
    mut changes: Vec<CaseChange>,
    ledger: &mut LedgerSum,
) -> AppResult<()> {
    // In id order, events and case rows are written near each other rather than at random.
    changes.sort_unstable_by_key(|c| c.case.id);
    let tx = batch.tx.as_mut();
    let mut records = Vec::with_capacity(changes.len() * 3);
    let mut deducted_cases = Vec::new();
    let mut deducted = Vec::new();
    for change in &changes {
        let id = change.case.id;
        records.extend(change.events.iter().map(|e| NewEvent {
            case: id,
            entry: Entry::Event(e.clone()),
            supersedes: None,
            note: String::new(),
            recorded_by: ctx.actor.login.clone(),
            recorded_at: ctx.actor.at,
            batch: Some(batch.id),
        }));
        let dims = change.case.facts.dims();
        ledger.change(&dims, Some(&change.old.ledger), &change.new.ledger)?;
        if !change.old.ledger.deducted_moves.is_empty() || !change.new.ledger.deducted_moves.is_empty() {
            deducted_cases.push(id);
            deducted.extend(deducted_rows(id, &dims, &change.new.ledger));
        }
    }
    tx.insert_events(&records)?;
    let updates: Vec<_> = changes.iter().map(|c| (c.case.id, c.case.version, c.new.update(&c.case.facts))).collect();
    tx.update_cases(&updates.iter().map(|(id, version, update)| (*id, *version, update)).collect::<Vec<_>>())?;
    crate::deadlines::keep_cases(&mut *tx, changes.iter().map(|c| (c.case.id, &c.case.facts, c.new.steps.as_slice())))?;
    if !deducted_cases.is_empty() {
        tx.replace_deducted_moves(&deducted_cases, &deducted)?;
    }
    ledger.flush_if_large(tx)?;
    Ok(())
}
