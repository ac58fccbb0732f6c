//! Changes to a case made through the web, shared by the pages and the API: the posted event is
//! parsed, authorized for its code, recorded by `thads_app::cases::record` (history check, ledger and
//! audit in one transaction), and followed by the live statistics engine. A record in force
//! can be voided or corrected (a new record supersedes it, once), each with a note saying why.

use thads_app::{Actor, Changed, NewRecord};
use thads_core::dates::parse_date;
use thads_core::{Entry, Event, EventCode, EventId, Ground, Vnd};

use crate::accounts::CaseAccess;
use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::AppState;

/// An event as typed in a form or sent as JSON; texts are parsed here.
#[derive(Debug, Clone, Default)]
pub struct EventInput {
    pub date: String,
    pub code: String,
    pub amount: Option<String>,
    pub ground: String,
    pub note: String,
}

impl EventInput {
    pub fn event(&self) -> Result<Event, WebError> {
        let refused = |r: Refusal| WebError::Refused(r);
        let code = EventCode::parse(&self.code).map_err(|e| refused(e.into()))?;
        let date =
            parse_date(self.date.trim()).map_err(|_| refused(Refusal::InvalidDate(self.date.trim().to_string())))?;
        let amount = match self.amount.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => Some(Vnd::parse(a).map_err(|e| refused(Refusal::InvalidAmount(e)))?),
            None => None,
        };
        let ground = Ground::parse_optional(&self.ground).map_err(|e| refused(e.into()))?;
        Ok(Event { date, code, amount, ground })
    }
}

/// Records `input` on the case of `access` if its version is still `version`, the version the
/// person read (`None`: the API's client sent none, and the event is recorded on the case as it
/// is now).
pub fn record(
    state: &AppState,
    access: &CaseAccess,
    version: Option<i64>,
    input: &EventInput,
) -> Result<Changed, WebError> {
    let event = input.event()?;
    access.may_record(state, event.code)?;
    let new = NewRecord { entry: Entry::Event(event), supersedes: None, note: input.note.trim().to_string() };
    commit(state, access, version, new)
}

/// Voids record `target` (entered by mistake) of the case; `note` says why.
pub fn void(state: &AppState, access: &CaseAccess, version: i64, target: i64, note: &str) -> Result<Changed, WebError> {
    let old = replaced_event(state, access, target)?;
    access.may_record(state, old.code)?;
    let note = required_note(note)?;
    let new = NewRecord { entry: Entry::Void, supersedes: Some(EventId(target)), note };
    commit(state, access, Some(version), new)
}

/// Corrects record `target`: a new record with the values of `input` supersedes it. The note
/// (why) is required; the person must be allowed to record both the old and the new event.
pub fn correct(
    state: &AppState,
    access: &CaseAccess,
    version: i64,
    target: i64,
    input: &EventInput,
) -> Result<Changed, WebError> {
    let old = replaced_event(state, access, target)?;
    access.may_record(state, old.code)?;
    let event = input.event()?;
    access.may_record(state, event.code)?;
    let note = required_note(&input.note)?;
    let new = NewRecord { entry: Entry::Event(event), supersedes: Some(EventId(target)), note };
    commit(state, access, Some(version), new)
}

fn required_note(note: &str) -> Result<String, WebError> {
    match note.trim() {
        "" => Err(WebError::Refused(Refusal::NoteRequired)),
        n => Ok(n.to_string()),
    }
}

/// The event of record `target` of the case, whose code the person must be allowed to record
/// (records never change, so reading it before the write is safe). Whether it may still be
/// replaced (not corrected or voided already) is decided in the write transaction by
/// `thads_app::cases::record`: of two people replacing it at once, the second is told so (409).
fn replaced_event(state: &AppState, access: &CaseAccess, target: i64) -> Result<Event, WebError> {
    let records = state.store.records(access.case.id)?;
    let record = records.iter().find(|r| r.id.0 == target).ok_or(WebError::NotFound)?;
    let Entry::Event(event) = &record.entry else { return Err(WebError::NotFound) };
    Ok(event.clone())
}

/// Stores `new` on the case of `access`: at `version`, the version the person read, or (`None`)
/// on the case as the transaction finds it, provided its unit and officer (what `access` was
/// decided on) are unchanged since the request read it; if they changed, stale.
fn commit(state: &AppState, access: &CaseAccess, version: Option<i64>, new: NewRecord) -> Result<Changed, WebError> {
    use thads_app::cases::record::{record, record_current};
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    let (store, rules, id, read) = (state.store.as_ref(), &state.rules, access.case.id, &access.case.facts);
    state.engine.write(state.store.as_ref(), &state.rules, || {
        Ok(match version {
            Some(version) => record(store, &actor, rules, id, version, new)?,
            None => record_current(store, &actor, rules, id, new, |now| {
                now.facts.unit == read.unit && now.facts.officer == read.officer
            })?,
        })
    })
}
