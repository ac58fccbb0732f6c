//! Writes the demo: the organisation in one transaction, then the cases in chunks (each chunk
//! one transaction with its cases, their details, events, deducted moves and legal deadlines), then the
//! statistics ledger summed over all cases. Each case is replayed through the state machine exactly as when an
//! event is recorded, so its stored state and ledger are what the application would compute.

use std::ops::Range;

use thads_core::case::book;
use thads_core::ledger::{CaseLedger, case_ledger};
use thads_core::lifecycle::{opening, replay};
use thads_core::{CaseDetails, CaseId, CaseNo, Entry, Event, Rules, Step};
use thads_store::{DeductedRow, NewCase, NewEvent, Store};
use time::OffsetDateTime;
use time::macros::time;

use super::draw::Streams;
use super::intake::Intake;
use super::org::{self, Org};
use super::sums::LedgerSums;
use super::timeline::{self, Horizon};
use super::{DemoConfig, DemoSummary, details, facts};
use crate::clock::VIETNAM;
use crate::error::{AppError, AppResult};
use crate::ledger::rules_fingerprint;
use crate::progress::Progress;

/// Stamped on the ledger while the demo is written: if it is interrupted, the next start sees
/// a fingerprint that matches no rules and rebuilds the ledger from the cases written so far.
const INCOMPLETE: &str = "demo-incomplete";

/// Who the demo's records are attributed to.
const RECORDED_BY: &str = "demo";

/// One generated case, ready to store.
struct Drawn {
    case: NewCase,
    /// None for a case of the backlog (as from an older register).
    details: Option<CaseDetails>,
    events: Vec<Event>,
    steps: Vec<Step>,
    ledger: CaseLedger,
}

struct Writer<'a> {
    store: &'a dyn Store,
    rules: &'a Rules,
    streams: Streams,
    intake: Intake,
    horizon: Horizon,
    org: Org,
    /// The last decision number used by each unit of `org.units` (with its predecessors: the
    /// numbers stay unique when their cases move to it).
    numbers: Vec<u32>,
    sums: LedgerSums,
    ledger_limit: usize,
    summary: DemoSummary,
}

/// Writes the organisation and the cases; returns what was written and the reform's merges, to
/// run once the cases are in (`demo::reform`).
pub fn run(
    store: &dyn Store,
    rules: &Rules,
    config: &DemoConfig,
    progress: &dyn Progress,
) -> AppResult<(DemoSummary, Vec<org::Merge>)> {
    let streams = Streams::new(config.seed);
    progress.phase("Đơn vị và cán bộ / units and staff", None);
    let org = write_org(store, &streams)?;
    progress.finish();
    let intake = Intake::new(config.cases, config.as_of, config.years);
    let horizon =
        Horizon { as_of: config.as_of, window_start: intake.window_start, new_law_from: rules.lifecycle.new_law_from };
    let summary = DemoSummary {
        units: org.unit_count,
        staff: org.staff_count,
        officers: org.officer_count,
        ..DemoSummary::default()
    };
    let numbers = vec![0; org.units.len()];
    let sums = LedgerSums::default();
    let ledger_limit = config.ledger_rows_in_memory;
    let mut w = Writer { store, rules, streams, intake, horizon, org, numbers, sums, ledger_limit, summary };
    progress.phase("Việc và lịch sử / cases and histories", Some(config.cases));
    let chunk = config.chunk as u64;
    for start in (0..config.cases).step_by(config.chunk) {
        let range = start..(start + chunk).min(config.cases);
        w.write_chunk(range.clone())?;
        progress.advance(range.end - range.start);
    }
    progress.finish();
    progress.phase("Sổ cái thống kê / statistics ledger", None);
    w.flush(Some(&rules_fingerprint(rules)))?;
    progress.finish();
    Ok((w.summary, w.org.reform))
}

/// The organisation, with the ledger marked incomplete until the last flush.
fn write_org(store: &dyn Store, streams: &Streams) -> AppResult<Org> {
    let mut tx = store.begin()?;
    let org = org::build(tx.as_mut(), &mut streams.org())?;
    tx.set_ledger_rules(INCOMPLETE)?;
    tx.commit()?;
    Ok(org)
}

impl Writer<'_> {
    fn write_chunk(&mut self, range: Range<u64>) -> AppResult<()> {
        let mut cases = Vec::with_capacity(range.clone().count());
        let mut histories = Vec::with_capacity(cases.capacity());
        let mut steps = Vec::with_capacity(cases.capacity());
        let mut moves = Vec::new();
        let mut details = Vec::new();
        for index in range {
            let drawn = self.draw(index)?;
            let dims = drawn.case.facts.dims();
            self.sums.add_case(&dims, &drawn.ledger)?;
            if !drawn.ledger.deducted_moves.is_empty() {
                moves.push((cases.len(), dims, drawn.ledger.deducted_moves));
            }
            if let Some(d) = drawn.details {
                details.push((cases.len(), d));
            }
            histories.push(drawn.events);
            steps.push(drawn.steps);
            cases.push(drawn.case);
        }
        let mut tx = self.store.begin()?;
        let ids = tx.insert_cases(&cases)?;
        let details: Vec<(CaseId, CaseDetails)> = details.into_iter().map(|(k, d)| (ids[k], d)).collect();
        tx.put_cases_details(&details)?;
        let derived = ids.iter().zip(&cases).zip(&steps).map(|((id, c), s)| (*id, &c.facts, s.as_slice()));
        crate::deadlines::keep_new_cases(tx.as_mut(), derived)?;
        drop((cases, steps));
        let events: Vec<NewEvent> = ids
            .iter()
            .zip(histories)
            .flat_map(|(id, events)| events.into_iter().map(move |e| new_event(*id, e)))
            .collect();
        tx.insert_events(&events)?;
        let deducted: Vec<DeductedRow> = moves
            .into_iter()
            .flat_map(|(k, dims, list)| {
                let case = ids[k];
                list.into_iter().map(move |moved| DeductedRow { case, dims, moved })
            })
            .collect();
        tx.replace_deducted_moves(&[], &deducted)?;
        tx.commit()?;
        self.summary.cases += ids.len() as u64;
        self.summary.events += events.len() as u64;
        self.summary.deducted_moves += deducted.len() as u64;
        if self.sums.len() > self.ledger_limit {
            self.flush(None)?;
        }
        Ok(())
    }

    /// Case `index`: its unit and number, facts, history, replayed state and ledger.
    fn draw(&mut self, index: u64) -> AppResult<Drawn> {
        let mut rng = self.streams.case(index);
        let (accepted_on, backlog) = self.intake.date_of(index);
        let u = self.org.draw_unit(&mut rng);
        self.numbers[u] += 1;
        let unit = self.org.unit_on(u, index, accepted_on);
        let case_no = CaseNo::new(&format!("{}/{}", self.numbers[u], book::suffix(unit.kind, accepted_on)))
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        let (facts, profile) = facts::draw(&mut rng, unit, case_no, accepted_on, backlog);
        let case_details = (!backlog).then(|| details::draw(&mut self.streams.details(index), unit, &facts));
        let events = timeline::history(&mut rng, &facts, profile, self.horizon);
        let basis = facts.basis();
        let steps = replay(&basis, &events, self.horizon.as_of, &self.rules.lifecycle).map_err(|r| {
            AppError::Invalid(format!(
                "demo: lịch sử sinh ra bị từ chối / generated history refused ({}): {r}",
                facts.case_no
            ))
        })?;
        let ledger = case_ledger(&basis, &steps, &self.rules.classification);
        let current = steps.last().map_or_else(|| opening(&basis), |s| s.after.clone());
        let case = NewCase {
            facts,
            current,
            last_event_on: steps.last().map(|s| s.date),
            event_count: u32::try_from(steps.len()).unwrap_or(u32::MAX),
            batch: None,
        };
        Ok(Drawn { case, details: case_details, events, steps, ledger })
    }

    /// Adds the summed ledger rows to the store; the last flush stamps the ledger and the
    /// deadlines as built with the rules.
    fn flush(&mut self, fingerprint: Option<&str>) -> AppResult<()> {
        let mut tx = self.store.begin()?;
        self.summary.ledger_rows += self.sums.drain(10_000, |rows| Ok(tx.apply_ledger(rows)?))?;
        if let Some(f) = fingerprint {
            tx.set_ledger_rules(f)?;
            // Every case's deadlines were stored with it: the table is current for these rules.
            let stamp = crate::deadlines::DeadlineSetup::load_tx(tx.as_mut())?.stamp(self.rules);
            tx.set_deadlines_stamp(&stamp)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The record of a demo event, as if entered at 16:00 on its day.
fn new_event(case: thads_core::CaseId, event: Event) -> NewEvent {
    let recorded_at = OffsetDateTime::new_in_offset(event.date, time!(16:00), VIETNAM);
    NewEvent {
        case,
        entry: Entry::Event(event),
        supersedes: None,
        note: String::new(),
        recorded_by: RECORDED_BY.to_string(),
        recorded_at,
        batch: None,
    }
}
