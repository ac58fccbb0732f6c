//! Checking imported events case by case against each case's whole stored history (a
//! backdated event must fit what was recorded after it), then writing the events, the cases'
//! new current state and the ledger change in the file's transaction.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use thads_core::access::Action;
use thads_core::dates::format_vn;
use thads_core::event::effective_events;
use thads_core::lifecycle::Reason;
use thads_core::{Case, CaseId, Entry, Event, EventId, EventRecord, Rules};
use thads_store::{CaseUpdate, DeadlineRow, DeductedRow, NewEvent, WriteTx};
use time::{Date, OffsetDateTime};

use super::authority::Gate;
use super::batch::{Batch, FileCtx};
use super::event_rows::{EventRows, PendingEvent};
use super::ledger_sum::LedgerSum;
use super::problem::Problem;
use crate::deadlines::{DeadlineSetup, deadline_rows, drop_book_payouts};
use crate::error::{AppError, AppResult, HistoryRefusal};
use crate::history::{Checked, check, check_with, deducted_rows};
use crate::periods::Closings;

/// Cases looked up, checked and written together.
const CHUNK: usize = 8192;

/// A case whose new events all fit: what to write.
struct CaseChange {
    case: Case,
    old: Checked,
    new: Checked,
    events: Vec<Event>,
}

/// One chunk's cases as stored: each named case (or `None`) with its recorded history.
struct Loaded {
    chunk: std::ops::Range<usize>,
    found: Vec<Option<Case>>,
    histories: Vec<(CaseId, Vec<EventRecord>)>,
}

/// What the checks of one chunk found, and what to write for it while the file is still good.
#[derive(Default)]
struct Prepared {
    cases: u64,
    problems: Vec<Problem>,
    events: Vec<NewEvent>,
    updates: Vec<(CaseId, i64, CaseUpdate)>,
    deadline_cases: Vec<CaseId>,
    deadlines: Vec<DeadlineRow>,
    deducted_cases: Vec<CaseId>,
    deducted: Vec<DeductedRow>,
    /// Ledger sums to add now (the running sums grew large).
    ledger: Vec<LedgerSum>,
}

/// Everything the checks need, shared with the checking thread.
struct Checker<'a> {
    /// The closed months the file's events fall in (`periods`).
    closings: &'a Closings,
    gate: &'a Gate<'a>,
    rules: &'a Rules,
    today: Date,
    login: &'a str,
    at: OffsetDateTime,
    batch: i64,
    rows: &'a EventRows,
    groups: &'a [(u32, std::ops::Range<usize>)],
    setup: &'a DeadlineSetup,
}

/// Checks every case named in `rows` and, while no problem has been found in the file, writes
/// the changes. Returns the number of cases touched.
///
/// Two stages on two threads: this one reads a chunk's cases and histories from the
/// transaction and writes the chunk before it; the other checks each history and prepares
/// the writes (events, states, ledger, deadlines), which is pure computation. Chunks hold
/// distinct cases, so reading one before writing the previous one reads the same data.
pub(super) fn check_and_write(
    ctx: &FileCtx<'_>,
    batch: &mut Batch<'_>,
    gate: &Gate<'_>,
    mut rows: EventRows,
    problems: &mut Vec<Problem>,
) -> AppResult<u64> {
    // Effective order within a case: by date, then file order (record ids follow it).
    rows.events.sort_unstable_by_key(|e| (e.case, e.date, e.row));
    let groups = group_by_case(&rows.events);
    ctx.progress.phase("Kiểm tra lịch sử và ghi / checking histories and writing", Some(groups.len() as u64));
    let setup = DeadlineSetup::load_tx(batch.tx.as_mut())?;
    let closings = Closings::load(batch.tx.as_mut(), rows.events.iter().map(|e| e.date))?;
    let checker = Checker {
        closings: &closings,
        gate,
        rules: ctx.rules,
        today: ctx.today,
        login: &ctx.actor.login,
        at: ctx.actor.at,
        batch: batch.id,
        rows: &rows,
        groups: &groups,
        setup: &setup,
    };
    let tx = batch.tx.as_mut();
    if problems.is_empty() {
        // An events file may touch most of the register (its first load): the store can then
        // keep its indexes and counts up once at commit.
        tx.expect_changes(groups.len())?;
    }
    let ledger = std::thread::scope(|scope| -> AppResult<LedgerSum> {
        let (to_checker, checker_in) = sync_channel::<Loaded>(1);
        let (checker_out, from_checker) = sync_channel::<AppResult<Prepared>>(1);
        let good_so_far = problems.is_empty();
        let checking = scope.spawn(move || checker.run(good_so_far, checker_in, checker_out));
        let mut pending = 0usize;
        for start in (0..groups.len()).step_by(CHUNK) {
            let chunk = start..(start + CHUNK).min(groups.len());
            let loaded = load(tx, &rows, &groups[chunk.clone()], chunk)?;
            if to_checker.send(loaded).is_err() {
                break; // the checker stopped: its error is in `from_checker`
            }
            pending += 1;
            if pending == 2 {
                write(ctx, tx, next(&from_checker)?, problems)?;
                pending -= 1;
            }
        }
        drop(to_checker);
        for prepared in from_checker.iter().take(pending) {
            write(ctx, tx, prepared?, problems)?;
        }
        checking.join().map_err(|_| AppError::Invalid("import checker failed".into()))
    })?;
    ctx.progress.finish();
    if problems.is_empty() {
        let mut ledger = ledger;
        ledger.flush(tx)?;
        tx.touch_ledger()?;
    }
    Ok(groups.len() as u64)
}

fn next(from_checker: &Receiver<AppResult<Prepared>>) -> AppResult<Prepared> {
    from_checker.recv().map_err(|_| AppError::Invalid("import checker stopped".into()))?
}

/// Reads the stored cases of a chunk and the histories of those that have one.
fn load(
    tx: &mut dyn WriteTx,
    rows: &EventRows,
    groups: &[(u32, std::ops::Range<usize>)],
    chunk: std::ops::Range<usize>,
) -> AppResult<Loaded> {
    let keys: Vec<_> = groups.iter().map(|(case, _)| rows.keys[*case as usize].clone()).collect();
    let found = tx.find_cases(&keys)?;
    // Only cases with a history need it read (first imports have none).
    let with_history: Vec<CaseId> = found.iter().flatten().filter(|c| c.event_count > 0).map(|c| c.id).collect();
    let mut histories = tx.records_of(&with_history)?;
    histories.sort_unstable_by_key(|(id, _)| *id);
    Ok(Loaded { chunk, found, histories })
}

/// Adds a chunk's problems; writes its changes while the file has none.
fn write(ctx: &FileCtx<'_>, tx: &mut dyn WriteTx, mut p: Prepared, problems: &mut Vec<Problem>) -> AppResult<()> {
    problems.extend(p.problems);
    if problems.is_empty() {
        tx.insert_events(&p.events)?;
        tx.update_cases(&p.updates.iter().map(|(id, version, update)| (*id, *version, update)).collect::<Vec<_>>())?;
        drop_book_payouts(&mut p.deadlines, |asked| tx.cases_in_books_tx(asked))?;
        tx.replace_deadlines(&p.deadline_cases, &p.deadlines)?;
        if !p.deducted_cases.is_empty() {
            tx.replace_deducted_moves(&p.deducted_cases, &p.deducted)?;
        }
        for mut ledger in p.ledger {
            ledger.flush(tx)?;
        }
    }
    ctx.progress.advance(p.cases);
    Ok(())
}

impl Checker<'_> {
    /// The checking thread: each loaded chunk in, its prepared writes out (only checks once a
    /// problem is found: nothing will be written); the running ledger sums are returned at the
    /// end.
    fn run(&self, mut writing: bool, chunks: Receiver<Loaded>, out: SyncSender<AppResult<Prepared>>) -> LedgerSum {
        let mut ledger = LedgerSum::default();
        for loaded in chunks {
            let prepared = self.check_chunk(loaded, writing, &mut ledger);
            writing &= matches!(&prepared, Ok(p) if p.problems.is_empty());
            if out.send(prepared).is_err() {
                break;
            }
        }
        ledger
    }

    fn check_chunk(&self, loaded: Loaded, writing: bool, ledger: &mut LedgerSum) -> AppResult<Prepared> {
        let Loaded { chunk, found, mut histories } = loaded;
        let groups = &self.groups[chunk];
        let mut prepared = Prepared { cases: groups.len() as u64, ..Prepared::default() };
        let mut changes = Vec::with_capacity(groups.len());
        for ((case_index, range), case) in groups.iter().zip(found) {
            let events = &self.rows.events[range.clone()];
            let Some(case) = case else {
                unknown_case(self.rows, *case_index, events, &mut prepared.problems);
                continue;
            };
            let stored = match histories.binary_search_by_key(&case.id, |(id, _)| *id) {
                Ok(at) => std::mem::take(&mut histories[at].1),
                Err(_) => Vec::new(),
            };
            changes.extend(self.check_case(case, &stored, events, &mut prepared.problems));
        }
        if writing && prepared.problems.is_empty() {
            self.prepare(changes, ledger, &mut prepared)?;
        }
        Ok(prepared)
    }

    /// The rows to write for a chunk of good changes, in case id order (events and case rows
    /// are then written near each other rather than at random).
    fn prepare(&self, mut changes: Vec<CaseChange>, ledger: &mut LedgerSum, p: &mut Prepared) -> AppResult<()> {
        changes.sort_unstable_by_key(|c| c.case.id);
        p.events.reserve(changes.len() * 3);
        for change in &changes {
            let id = change.case.id;
            p.events.extend(change.events.iter().map(|e| NewEvent {
                case: id,
                entry: Entry::Event(e.clone()),
                supersedes: None,
                note: String::new(),
                recorded_by: self.login.to_string(),
                recorded_at: self.at,
                batch: Some(self.batch),
            }));
            let dims = change.case.facts.dims();
            ledger.change(&dims, Some(&change.old.ledger), &change.new.ledger)?;
            p.ledger.extend(ledger.take_if_large());
            if !change.old.ledger.deducted_moves.is_empty() || !change.new.ledger.deducted_moves.is_empty() {
                p.deducted_cases.push(id);
                p.deducted.extend(deducted_rows(id, &dims, &change.new.ledger));
            }
            p.deadline_cases.push(id);
            p.deadlines.extend(deadline_rows(self.setup, id, &change.case.facts, &change.new.steps));
            p.updates.push((id, change.case.version, change.new.update(&change.case.facts)));
        }
        Ok(())
    }

    /// Checks one case's new events against its stored history. Every bad event is listed: when
    /// the events do not fit together, each is tried in turn and the bad ones are left out.
    fn check_case(
        &self,
        case: Case,
        stored: &[EventRecord],
        events: &[PendingEvent],
        problems: &mut Vec<Problem>,
    ) -> Option<CaseChange> {
        if !self.may_record(&case, events, problems) {
            return None;
        }
        let facts = &case.facts;
        let old = match check(facts, stored, self.today, self.rules) {
            Ok(old) => old,
            Err(fault) => {
                let refusal = fault.stored(&facts.case_no);
                problems.extend(events.iter().map(|e| Problem::row(u64::from(e.row), &refusal)));
                return None;
            }
        };
        let fresh = not_duplicates(stored, events, self.rows, problems);
        let base = stored.iter().map(|r| r.id.0).max().unwrap_or(0);
        let records: Vec<EventRecord> =
            fresh.iter().enumerate().map(|(i, (_, event))| self.record(EventId(base + 1 + i as i64), event)).collect();
        match check_with(facts, stored, &records, self.today, self.rules) {
            Ok(new) if fresh.len() == events.len() => {
                Some(CaseChange { events: fresh.into_iter().map(|(_, e)| e).collect(), case, old, new })
            }
            Ok(_) => None,
            Err(_) => {
                self.list_each_refusal(&case, stored, &fresh, &records, problems);
                None
            }
        }
    }

    /// Whether the import may record each of `events` on `case`, asked as recording it by hand
    /// asks (the event's code, the case's assigned officer); each refused event is a problem.
    fn may_record(&self, case: &Case, events: &[PendingEvent], problems: &mut Vec<Problem>) -> bool {
        let before = problems.len();
        for event in events {
            if let Err(closed) = self.closings.check(case.facts.unit, event.date) {
                problems.push(Problem::cell(u64::from(event.row), "date", &format_vn(event.date), closed));
                continue;
            }
            let action = Action::RecordEvent { unit: case.facts.unit, assigned: case.facts.officer, code: event.code };
            if let Err(reason) = self.gate.check(action) {
                problems.push(Problem::cell(u64::from(event.row), "event", event.code.code(), reason));
            }
        }
        problems.len() == before
    }

    fn record(&self, id: EventId, event: &Event) -> EventRecord {
        EventRecord {
            id,
            entry: Entry::Event(event.clone()),
            supersedes: None,
            note: String::new(),
            recorded_by: self.login.to_string(),
            recorded_at: self.at,
        }
    }

    /// Adds the events one at a time in effective order, keeping those that fit, so that each bad
    /// one is reported with its own reason.
    fn list_each_refusal(
        &self,
        case: &Case,
        stored: &[EventRecord],
        fresh: &[(u32, Event)],
        records: &[EventRecord],
        problems: &mut Vec<Problem>,
    ) {
        let mut kept: Vec<EventRecord> = Vec::with_capacity(records.len());
        for ((row, event), record) in fresh.iter().zip(records) {
            kept.push(record.clone());
            if let Err(refusal) = check_with(&case.facts, stored, &kept, self.today, self.rules) {
                kept.pop();
                let (column, value) = blamed(&refusal, event);
                problems.push(Problem::cell(u64::from(*row), column, &value, refusal));
            }
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

fn unknown_case(rows: &EventRows, case: u32, events: &[PendingEvent], problems: &mut Vec<Problem>) {
    let (unit, no) = &rows.keys[case as usize];
    let reason = format!("không có việc «{no}» của đơn vị «{}» / unknown case: import it first", rows.unit_code(*unit));
    problems.extend(events.iter().map(|e| Problem::cell(u64::from(e.row), "case_no", no.as_str(), &reason)));
}

/// The column a refusal is about, and the value in it.
fn blamed(refusal: &HistoryRefusal, event: &Event) -> (&'static str, String) {
    let reason = match refusal {
        HistoryRefusal::Event { reason, .. } => &reason.reason,
        HistoryRefusal::Invalidates { .. } | HistoryRefusal::Stored { .. } | HistoryRefusal::Links { .. } => {
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
