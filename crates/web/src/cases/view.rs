//! A case as its page and the API show it: facts, money, the timeline of every record (with
//! corrections and voids), and the events its state allows this reader to record.

use serde::Serialize;
use thads_app::cases::history::check;
use thads_core::event::AmountRule;
use thads_core::lifecycle::apply;
use thads_core::{Case, Entry, Event, EventCode, EventRecord, Vnd};

use crate::accounts::CaseAccess;
use crate::error::WebError;
use crate::fmt;
use crate::state::AppState;

/// One record of the history, formatted (the API's `Record`).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Record)]
pub struct TimelineItem {
    pub id: i64,
    /// dd/mm/yyyy
    pub date: String,
    pub code: String,
    pub label: String,
    pub amount: Option<String>,
    pub ground: Option<String>,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: String,
    /// `effective`, `superseded` or `void`.
    pub status: &'static str,
    /// The record this one replaces or cancels.
    pub supersedes: Option<i64>,
    /// The state after it, for effective records.
    pub state_after: Option<String>,
    pub outstanding_after: Option<String>,
}

pub struct Detail {
    pub case: Case,
    pub timeline: Vec<TimelineItem>,
    /// Events the state allows and the reader may record, in code order.
    pub allowed: Vec<EventCode>,
}

/// Reads a visible case's history and decides which events to offer.
pub fn detail(state: &AppState, access: &CaseAccess) -> Result<Detail, WebError> {
    let case = access.case.clone();
    let records = state.store.records(case.id)?;
    let today = state.today();
    let checked = check(&case.facts, &records, today, &state.rules)
        .map_err(|r| WebError::internal(format!("stored history of case {} does not replay: {r}", case.id.0)))?;
    let effective = thads_core::event::effective_events(&records);
    let timeline = records
        .iter()
        .map(|r| {
            let superseded = records.iter().any(|later| later.supersedes == Some(r.id));
            let step = effective.iter().position(|(id, _)| *id == r.id).and_then(|i| checked.steps.get(i));
            item(r, superseded, step)
        })
        .collect();
    let allowed = EventCode::ALL
        .into_iter()
        .filter(|code| access.may_record(state, *code).is_ok())
        .filter(|code| state_allows(state, &case, *code, today))
        .collect();
    Ok(Detail { case, timeline, allowed })
}

/// Whether `code` dated today would be accepted by the state machine and the case's obligation.
fn state_allows(state: &AppState, case: &Case, code: EventCode, today: time::Date) -> bool {
    let amount = match code.amount_rule() {
        AmountRule::Required => Some(Vnd::new(1).unwrap_or(Vnd::ZERO)),
        _ => None,
    };
    let event = Event { date: today, code, amount, ground: None };
    // Exemption and reduction are not offered on an obligation that is not the state budget's.
    let budget = thads_core::grounds::GroundRules::default().check(&event, case.facts.categories).is_ok();
    budget && apply(&case.facts.basis(), &case.current, &event, today, &state.rules.lifecycle).is_ok()
}

fn item(r: &EventRecord, superseded: bool, step: Option<&thads_core::Step>) -> TimelineItem {
    let (date, code, label, amount, ground) = match &r.entry {
        Entry::Event(e) => (
            fmt::date(e.date),
            e.code.code().to_string(),
            e.code.label_vi().to_string(),
            e.amount.map(fmt::money),
            e.ground.as_ref().map(|g| g.to_string()),
        ),
        Entry::Void => (fmt::instant(r.recorded_at), "void".into(), "Hủy bản ghi".into(), None, None),
    };
    let status = match (&r.entry, superseded) {
        (Entry::Void, _) => "void",
        (_, true) => "superseded",
        _ => "effective",
    };
    TimelineItem {
        id: r.id.0,
        date,
        code,
        label,
        amount,
        ground,
        note: r.note.clone(),
        recorded_by: r.recorded_by.clone(),
        recorded_at: fmt::instant(r.recorded_at),
        status,
        supersedes: r.supersedes.map(|s| s.0),
        state_after: step.map(|s| s.after.state.label_vi().to_string()),
        outstanding_after: step.map(|s| fmt::money(s.after.outstanding)),
    }
}
