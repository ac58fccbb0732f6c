//! The rows of an events file as the importer keeps them between reading and checking: each
//! good row as a small `PendingEvent`, the cases they name and their grounds interned, so that
//! millions fit in memory. Read by `events` (which fills them) and `history` (which checks and
//! writes them).

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use thads_core::access::Action;
use thads_core::event::AmountRule;
use thads_core::lifecycle::Reason;
use thads_core::{CaseNo, EventCode, Ground, UnitId, Vnd};
use time::Date;

use super::authority::Gate;
use super::columns::events::{AMOUNT, CASE_NO, DATE, EVENT, GROUND, UNIT};
use super::row::Row;

/// One parsed event row, waiting for its case's check (kept small: files hold millions).
#[derive(Debug, Clone, Copy)]
pub struct PendingEvent {
    /// Index into `EventRows::keys`.
    pub case: u32,
    pub row: u32,
    pub date: Date,
    pub code: EventCode,
    pub amount: Option<Vnd>,
    /// Index into `EventRows::grounds`.
    pub ground: Option<u32>,
}

/// The good rows of an events file with the cases they name.
#[derive(Debug, Default)]
pub struct EventRows {
    /// The cases named, in order of first appearance.
    pub keys: Vec<(UnitId, CaseNo)>,
    /// Hashed with FxHash (millions of short numbers, none chosen by an adversary).
    cases: FxHashMap<UnitId, FxHashMap<String, u32>>,
    pub events: Vec<PendingEvent>,
    pub grounds: Vec<Ground>,
    ground_index: HashMap<String, u32>,
    units: HashMap<String, UnitId>,
}

impl EventRows {
    /// No rows yet, the units known by code, room for `rows` events.
    pub fn new(units: HashMap<String, UnitId>, rows: u64) -> EventRows {
        let mut events = Vec::new();
        // The pre-pass counted the rows: one allocation instead of a doubling vector's copies.
        events.reserve_exact(usize::try_from(rows).unwrap_or(0));
        EventRows { units, events, ..EventRows::default() }
    }

    /// A row's event, kept when it is good and its unit one the import may write (whether this
    /// event may be recorded on that case is asked once the case is read).
    pub fn parse(&mut self, row: &mut Row<'_>, gate: &Gate<'_>) {
        let unit = row.required(UNIT, |code| {
            let unit = *self.units.get(code).ok_or_else(|| format!("không có đơn vị «{code}» / unknown unit"))?;
            gate.check(Action::Import { unit }).map(|()| unit)
        });
        let date = row.date(DATE);
        let code = row.required(EVENT, EventCode::parse);
        let amount = row.optional(AMOUNT, Vnd::parse);
        if let (Some(code), Some(amount)) = (code, amount) {
            check_amount_rule(row, code, amount);
        }
        let ground = row.parse(GROUND, Ground::parse_optional);
        let case = unit.and_then(|unit| self.case_index(row, unit));
        let (Some(case), Some(date), Some(code), Some(amount), Some(ground)) = (case, date, code, amount, ground)
        else {
            return;
        };
        if row.ok() {
            let ground = ground.map(|g| self.intern_ground(g));
            let number = u32::try_from(row.number).unwrap_or(u32::MAX);
            self.events.push(PendingEvent { case, row: number, date, code, amount, ground });
        }
    }

    /// The index of the case named by the row, added on first sight.
    fn case_index(&mut self, row: &mut Row<'_>, unit: UnitId) -> Option<u32> {
        let text = row.text(CASE_NO);
        if let Some(index) = self.cases.get(&unit).and_then(|m| m.get(text.as_ref())) {
            return Some(*index);
        }
        let no = row.required(CASE_NO, CaseNo::new)?;
        let index = u32::try_from(self.keys.len()).ok()?;
        self.cases.entry(unit).or_default().insert(no.as_str().to_string(), index);
        self.keys.push((unit, no));
        Some(index)
    }

    fn intern_ground(&mut self, ground: Ground) -> u32 {
        if let Some(i) = self.ground_index.get(ground.as_str()) {
            return *i;
        }
        let i = u32::try_from(self.grounds.len()).unwrap_or(u32::MAX);
        self.ground_index.insert(ground.as_str().to_string(), i);
        self.grounds.push(ground);
        i
    }

    /// The unit code of `unit`, for messages.
    pub fn unit_code(&self, unit: UnitId) -> &str {
        self.units.iter().find(|(_, id)| **id == unit).map_or("", |(code, _)| code.as_str())
    }
}

/// Money is required for collected and reduced, optional for termination and exemption, and
/// has no place on other events.
fn check_amount_rule(row: &mut Row<'_>, code: EventCode, amount: Option<Vnd>) {
    match (code.amount_rule(), amount) {
        (AmountRule::Required, None) => row.fail(AMOUNT, Reason::AmountRequired(code)),
        (AmountRule::Required, Some(a)) if a.is_zero() => row.fail(AMOUNT, Reason::AmountZero),
        (AmountRule::Forbidden, Some(a)) if !a.is_zero() => row.fail(AMOUNT, Reason::AmountNotAllowed(code)),
        _ => {}
    }
}
