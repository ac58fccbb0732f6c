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

/// Records `input` on the case of `access` if its version is still `version`.
pub fn record(state: &AppState, access: &CaseAccess, version: i64, input: &EventInput) -> Result<Changed, WebError> {
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
    commit(state, access, version, new)
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
    commit(state, access, version, new)
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

fn commit(state: &AppState, access: &CaseAccess, version: i64, new: NewRecord) -> Result<Changed, WebError> {
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    state.engine.write(|| {
        Ok(thads_app::cases::record::record(state.store.as_ref(), &actor, &state.rules, access.case.id, version, new)?)
    })
}
