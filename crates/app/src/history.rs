//! Checking a case's whole history: its stored records plus new ones, replayed through the state
//! machine, giving its current state and what it adds to the statistics ledger. Read by cases,
//! deadlines, the ledger, imports, statistics and migration, and reading none of them.

use std::collections::BTreeMap;

use thads_core::dates::MonthKey;
use thads_core::event::{SupersessionFault, check_supersessions, effective_events};
use thads_core::ledger::{CaseDims, CaseLedger, LedgerOverflow, Measures, SeriesKey, case_ledger};
use thads_core::lifecycle::{Step, opening, replay};
use thads_core::{CaseFacts, CaseId, CaseNo, Entry, EventId, EventRecord, Refusal, Rules, Snapshot};
use thads_store::{CaseUpdate, DeductedRow, LedgerRow};
use time::Date;

use crate::error::HistoryRefusal;

/// What a change did to a case and to the ledger (so that in-memory copies can follow).
#[derive(Debug, Clone)]
pub struct Changed {
    pub case: thads_core::Case,
    /// The case's ledger before and after, for live statistics engines.
    pub change: thads_reports::LedgerChange<thads_core::MonthKey>,
    /// The ledger generation the write's commit produced (its change is logged under it).
    pub ticket: thads_store::LedgerTicket,
    pub ledger_delta: Vec<LedgerRow>,
    pub deducted: Vec<DeductedRow>,
}

/// A history that replays: its steps, the state after the last one, its ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub steps: Vec<Step>,
    pub current: Snapshot,
    pub last_event_on: Option<Date>,
    pub event_count: u32,
    pub ledger: CaseLedger,
}

impl Checked {
    /// The case row's derived columns for these facts.
    pub fn update(&self, facts: &CaseFacts) -> CaseUpdate {
        CaseUpdate {
            facts: facts.clone(),
            current: self.current.clone(),
            last_event_on: self.last_event_on,
            event_count: self.event_count,
        }
    }
}

/// Why a case's records do not replay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryFault {
    /// The state machine refuses an event; `at` is its record.
    #[error("{refusal}")]
    Event { at: Option<EventId>, refusal: Refusal },
    /// What replaces what is ambiguous: a record superseded twice, or by an unknown one.
    #[error(transparent)]
    Links(SupersessionFault),
}

impl HistoryFault {
    /// This fault, found in the history stored for case `case_no`.
    pub fn stored(self, case_no: &CaseNo) -> HistoryRefusal {
        let case_no = case_no.clone();
        match self {
            HistoryFault::Event { refusal, .. } => HistoryRefusal::Stored { case_no, reason: refusal },
            HistoryFault::Links(fault) => HistoryRefusal::Links { case_no, fault },
        }
    }
}

/// Replays `records` (effective events only), after checking that each record replaces at
/// most one earlier record and is replaced by at most one: two corrections of one record
/// would both count. On refusal, says which record stopped it.
pub fn check(facts: &CaseFacts, records: &[EventRecord], today: Date, rules: &Rules) -> Result<Checked, HistoryFault> {
    check_supersessions(records).map_err(HistoryFault::Links)?;
    let effective = effective_events(records);
    let events: Vec<_> = effective.iter().map(|(_, e)| e.clone()).collect();
    let basis = facts.basis();
    let steps = replay(&basis, &events, today, &rules.lifecycle)
        .map_err(|refusal| HistoryFault::Event { at: effective.get(refusal.index).map(|(id, _)| *id), refusal })?;
    let current = steps.last().map_or_else(|| opening(&basis), |s| s.after.clone());
    let ledger = case_ledger(&basis, &steps, &rules.classification);
    Ok(Checked {
        last_event_on: steps.last().map(|s| s.date),
        event_count: u32::try_from(steps.len()).unwrap_or(u32::MAX),
        steps,
        current,
        ledger,
    })
}

/// Checks the stored records with `new` records appended (ids above every stored one, in
/// order). A refusal at a new record blames it; at an older record, blames the new record
/// that made it impossible.
pub fn check_with(
    facts: &CaseFacts,
    stored: &[EventRecord],
    new: &[EventRecord],
    today: Date,
    rules: &Rules,
) -> Result<Checked, HistoryRefusal> {
    let mut all = stored.to_vec();
    all.extend_from_slice(new);
    check(facts, &all, today, rules).map_err(|fault| {
        let case_no = facts.case_no.clone();
        let (at, reason) = match fault {
            HistoryFault::Event { at, refusal } => (at, refusal),
            HistoryFault::Links(fault) => return HistoryRefusal::Links { case_no, fault },
        };
        let is_new = at.is_some_and(|id| new.iter().any(|r| r.id == id));
        match (is_new, effective_event(stored, at)) {
            (false, Some((code, date))) => {
                HistoryRefusal::Invalidates { case_no, later: code, later_date: date, reason }
            }
            _ => HistoryRefusal::Event { case_no, reason },
        }
    })
}

fn effective_event(records: &[EventRecord], id: Option<EventId>) -> Option<(thads_core::EventCode, Date)> {
    let record = records.iter().find(|r| Some(r.id) == id)?;
    match &record.entry {
        Entry::Event(e) => Some((e.code, e.date)),
        Entry::Void => None,
    }
}

/// The ledger rows of one case: its monthly deltas in each of its series.
pub fn ledger_rows(dims: &CaseDims, ledger: &CaseLedger) -> Vec<LedgerRow> {
    let months = ledger.months();
    dims.series()
        .into_iter()
        .flat_map(|series| {
            months.iter().map(move |(month, measures)| LedgerRow { series, month: *month, measures: *measures })
        })
        .collect()
}

/// The deducted moves of one case, as stored.
pub fn deducted_rows(case: CaseId, dims: &CaseDims, ledger: &CaseLedger) -> Vec<DeductedRow> {
    ledger.deducted_moves.iter().map(|m| DeductedRow { case, dims: *dims, moved: *m }).collect()
}

/// Sums ledger rows per (series, month), dropping rows that cancel out.
#[derive(Debug, Default)]
pub struct LedgerDelta {
    rows: BTreeMap<(SeriesKey, MonthKey), Measures>,
}

impl LedgerDelta {
    pub fn add(&mut self, rows: &[LedgerRow]) -> Result<(), LedgerOverflow> {
        for r in rows {
            self.rows.entry((r.series, r.month)).or_default().add(&r.measures)?;
        }
        Ok(())
    }

    pub fn subtract(&mut self, rows: &[LedgerRow]) -> Result<(), LedgerOverflow> {
        for r in rows {
            self.rows.entry((r.series, r.month)).or_default().sub(&r.measures)?;
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn into_rows(self) -> Vec<LedgerRow> {
        self.rows
            .into_iter()
            .filter(|(_, m)| !m.is_zero())
            .map(|((series, month), measures)| LedgerRow { series, month, measures })
            .collect()
    }
}
