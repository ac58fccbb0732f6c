//! A case as its page and the API show it: facts and details, money, the timeline of every
//! record (with corrections and voids), its intake and the changes of its facts, and the events
//! its state allows this reader to record.

use serde::Serialize;
use thads_app::cases::edit::{EDIT, REASSIGN};
use thads_app::cases::history::check;
use thads_app::cases::intake::INTAKE;
use thads_core::event::AmountRule;
use thads_core::lifecycle::apply;
use thads_core::{Case, CaseDetails, Entry, Event, EventCode, EventRecord, Vnd};
use thads_store::AuditEntry;
use time::Date;

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
    /// Where it goes in the timeline: its effective date, then when it was made, then its id.
    #[serde(skip)]
    pub order: (Date, i64, i64),
    /// The fields a change of facts changed, by their API names (its page names them).
    #[serde(skip)]
    pub changed: Vec<String>,
}

pub struct Detail {
    pub case: Case,
    pub details: CaseDetails,
    /// The records of its history, in the order they were entered.
    pub timeline: Vec<TimelineItem>,
    /// Its intake (the first entry of the timeline) and every change of its facts.
    pub facts_entries: Vec<TimelineItem>,
    /// Events the state allows and the reader may record, in code order.
    pub allowed: Vec<EventCode>,
    /// The documents issued for the case (they are on the timeline too, with their numbers).
    pub documents: Vec<thads_store::IssuedDocument>,
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
            item(r, superseded, step, &records)
        })
        .collect();
    let details = state.store.case_details(case.id)?.unwrap_or_default();
    let shown = [INTAKE, "case.create", EDIT, REASSIGN];
    let mut facts_entries = facts_entries(&case, &state.store.audit_of_case_actions(case.id, &shown)?);
    let documents = state.store.documents_of_case(case.id)?;
    facts_entries.extend(documents.iter().map(document_item));
    let allowed = EventCode::ALL
        .into_iter()
        .filter(|code| access.may_record(state, *code).is_ok())
        .filter(|code| state_allows(state, &case, *code, today))
        .collect();
    Ok(Detail { case, details, timeline, facts_entries, allowed, documents })
}

/// Whether `code` dated today would be accepted by the state machine and the case's obligation.
fn state_allows(state: &AppState, case: &Case, code: EventCode, today: time::Date) -> bool {
    let amount = match code.amount_rule() {
        AmountRule::Required => Some(Vnd::new(1).unwrap_or(Vnd::ZERO)),
        _ => None,
    };
    let event = Event { date: today, code, amount, ground: None };
    // Exemption and reduction are not offered on an obligation that is not the state budget's.
    let budget = thads_core::grounds::GroundRules::built_in().check(&event, case.facts.categories).is_ok();
    budget && apply(&case.facts.basis(), &case.current, &event, today, &state.rules.lifecycle).is_ok()
}

/// The timeline of the case page: the intake first, then records and changes of facts by
/// effective date (a void on the date of the record it cancels), then when they were made.
pub fn ordered(d: &Detail) -> Vec<TimelineItem> {
    let mut all: Vec<TimelineItem> = d.facts_entries.iter().chain(&d.timeline).cloned().collect();
    all.sort_by_key(|i| i.order);
    all
}

/// The intake (its audit entry, when the case was taken in through THADS; an imported case shows
/// its acceptance only) and every edit or reassignment, with its reason.
fn facts_entries(case: &Case, audit: &[AuditEntry]) -> Vec<TimelineItem> {
    let intake = audit.iter().find(|a| a.action == INTAKE || a.action == "case.create");
    let accepted = case.facts.accepted_on;
    let mut out = vec![fact_item(
        ("accepted", "Thụ lý"),
        accepted,
        intake.map(|a| (a.actor.clone(), a.at)),
        String::new(),
        (i64::MIN, 0),
    )];
    for a in audit.iter().filter(|a| a.action == EDIT || a.action == REASSIGN) {
        let label = if a.action == EDIT {
            ("facts_edited", "Sửa thông tin việc")
        } else {
            ("reassigned", "Phân công lại")
        };
        let (note, changed) = reason_of(a);
        let day = thads_app::clock::vietnam_date(a.at);
        let mut item = fact_item(label, day, Some((a.actor.clone(), a.at)), note, (a.at.unix_timestamp(), a.id));
        item.changed = changed;
        out.push(item);
    }
    out
}

/// The reason of a change of facts and the fields it changed, from its audit entry.
fn reason_of(a: &AuditEntry) -> (String, Vec<String>) {
    let after: serde_json::Value = a.after.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
    let fields = after["change"]["changes"]
        .as_array()
        .map(|c| c.iter().filter_map(|c| c["field"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    (after["change"]["reason"].as_str().unwrap_or_default().to_string(), fields)
}

fn fact_item(
    (code, label): (&str, &str),
    on: Date,
    made: Option<(String, time::OffsetDateTime)>,
    note: String,
    (made_order, id): (i64, i64),
) -> TimelineItem {
    TimelineItem {
        id,
        date: fmt::date(on),
        code: code.into(),
        label: label.into(),
        amount: None,
        ground: None,
        note,
        recorded_by: made.as_ref().map(|(by, _)| by.clone()).unwrap_or_default(),
        recorded_at: made.map(|(_, at)| fmt::instant(at)).unwrap_or_default(),
        status: "fact",
        supersedes: None,
        state_after: None,
        outstanding_after: None,
        order: (on, made_order, id),
        changed: Vec::new(),
    }
}

/// A document issued for the case as an entry of its timeline: dated the day issued, named by
/// kind and number (a cancelled number says so and why).
fn document_item(d: &thads_store::IssuedDocument) -> TimelineItem {
    let kind = thads_documents::DocumentKind::from_code(&d.kind).map_or(d.kind.clone(), |k| k.label().to_string());
    let note = d.cancelled.as_ref().map(|c| format!("Đã hủy số: {}", c.reason)).unwrap_or_default();
    let mut item = fact_item(
        ("document", &format!("{kind} số {}", d.number_and_symbol())),
        d.issued_on,
        Some((d.issued_by.clone(), d.issued_at)),
        note,
        (d.issued_at.unix_timestamp(), d.id.0),
    );
    item.order = (d.issued_on, d.issued_at.unix_timestamp(), d.id.0);
    item
}

fn item(r: &EventRecord, superseded: bool, step: Option<&thads_core::Step>, all: &[EventRecord]) -> TimelineItem {
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
        order: (effective_date(r, all), r.recorded_at.unix_timestamp(), r.id.0),
        changed: Vec::new(),
    }
}

/// A record's place among dated entries: its event's date; a void's, the date of the record
/// it cancels.
fn effective_date(r: &EventRecord, all: &[EventRecord]) -> Date {
    let date_of = |r: &EventRecord| match &r.entry {
        Entry::Event(e) => Some(e.date),
        Entry::Void => None,
    };
    date_of(r)
        .or_else(|| r.supersedes.and_then(|s| all.iter().find(|o| o.id == s)).and_then(date_of))
        .unwrap_or_else(|| thads_app::clock::vietnam_date(r.recorded_at))
}
