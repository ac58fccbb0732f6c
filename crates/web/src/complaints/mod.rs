//! The register of complaints and denunciations (issue 20): the list of a unit's scope with the
//! time limits running, the registration form, a letter's page with its steps, the statistics
//! page with its XLSX export, and the API of the contract (interchange §9). Who may: anyone of
//! the scope reads (`ViewComplaints`); the front desk, the heads and the inspectors register and
//! record steps (`RecordComplaint`), always on the unit of the letter as stored.

pub mod api;
pub mod pages;
pub mod period;
pub mod stats;
pub mod worklist;

use serde::Deserialize;
use thads_app::complaints::{AuthorityBasis, NewLetter};
use thads_core::access::Action;
use thads_core::complaints::{
    Channel, ComplaintFacts, ComplaintId, ComplaintKind, Level, Matter, Object, Respondent, RespondentRole,
};
use thads_core::dates::parse_date;
use thads_core::reception::SessionId;
use thads_core::{CaseId, Unit, UnitId};
use thads_store::ComplaintRow;
use time::Date;

use crate::accounts::{Need, User};
use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::AppState;

/// Reading a unit's register.
#[derive(Debug)]
pub struct ViewComplaints;
impl Need for ViewComplaints {
    fn action(unit: UnitId) -> Action {
        Action::ViewComplaints { unit }
    }
}

/// Reading a unit's figures (the same right as the statistics room's).
#[derive(Debug)]
pub struct ViewReports;
impl Need for ViewReports {
    fn action(unit: UnitId) -> Action {
        Action::ViewReports { unit }
    }
}

/// Registering letters in a unit and recording their steps.
#[derive(Debug)]
pub struct RecordComplaint;
impl Need for RecordComplaint {
    fn action(unit: UnitId) -> Action {
        Action::RecordComplaint { unit }
    }
}

/// A refusal naming `field`.
pub fn bad(field: &'static str, both_languages: impl Into<String>) -> WebError {
    WebError::Refused(Refusal::of_field(field, both_languages))
}

/// A date typed as `dd/mm/yyyy` or `yyyy-mm-dd`.
pub fn date_of(field: &'static str, text: &str) -> Result<Date, WebError> {
    parse_date(text).map_err(|e| bad(field, e.to_string()))
}

fn optional_date(field: &'static str, text: &str) -> Result<Option<Date>, WebError> {
    if text.trim().is_empty() { Ok(None) } else { date_of(field, text).map(Some) }
}

/// A number typed as digits only (an invisible or other character is refused).
fn optional_id(field: &'static str, text: &str) -> Result<Option<i64>, WebError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 18 {
        return Err(bad(field, format!("số không hợp lệ «{t}» / not a number")));
    }
    t.parse().map(Some).map_err(|_| bad(field, format!("số không hợp lệ «{t}» / not a number")))
}

/// A letter as typed (the form's fields, the API body's as text), every field optional but the
/// contract's.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LetterInput {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub received_on: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub complainant: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub case_id: String,
    #[serde(default)]
    pub act_on: String,
    /// truc_tiep (default), buu_chinh, truc_tuyen, chuyen_den
    #[serde(default)]
    pub channel: String,
    /// a complaint's object (default truoc_bien_phap)
    #[serde(default)]
    pub object: String,
    /// lan_dau (default) or lan_hai
    #[serde(default)]
    pub level: String,
    /// who is complained of: officer (default) or head
    #[serde(default)]
    pub respondent_role: String,
    /// the unit of the person complained of (default: the receiving unit)
    #[serde(default)]
    pub respondent_unit: String,
    /// `true`/`false` stated by the officer instead of the table
    #[serde(default)]
    pub within_authority: String,
    #[serde(default)]
    pub same_matter_as: String,
    #[serde(default)]
    pub first_decision_of: String,
    #[serde(default)]
    pub session_id: String,
    #[serde(default)]
    pub obstacle_days: String,
}

impl LetterInput {
    /// The unit it is registered in: `unit` when given, else `default`.
    pub fn unit(&self, state: &AppState, default: Option<&Unit>) -> Result<Unit, WebError> {
        let code = self.unit.trim().to_ascii_uppercase();
        if code.is_empty()
            && let Some(u) = default
        {
            return Ok(u.clone());
        }
        state
            .directory()
            .units
            .by_code(&code)
            .cloned()
            .ok_or_else(|| bad("unit", format!("mã đơn vị không có «{code}» / unknown unit code «{code}»")))
    }

    /// The letter to register in `unit`; the case, the linked letters and the session must be
    /// visible to `user` (else they are refused as unknown).
    pub fn parse(&self, state: &AppState, user: &User, unit: &Unit) -> Result<NewLetter, WebError> {
        let kind = ComplaintKind::parse(&self.kind).map_err(|e| bad("kind", e.to_string()))?;
        let level = match self.level.trim() {
            "" => Level::First,
            l => Level::parse(l).map_err(|e| bad("level", e.to_string()))?,
        };
        let matter = match kind {
            ComplaintKind::KhieuNai => {
                let object = match self.object.trim() {
                    "" => Object::TruocBienPhap,
                    o => Object::parse(o).map_err(|e| bad("object", e.to_string()))?,
                };
                Matter::KhieuNai { object, level }
            }
            ComplaintKind::ToCao => Matter::ToCao { level },
        };
        let channel = match self.channel.trim() {
            "" => Channel::TrucTiep,
            c => Channel::parse(c).map_err(|e| bad("channel", e.to_string()))?,
        };
        let store = &state.store;
        let case_id = optional_id("case_id", &self.case_id)?.map(CaseId);
        if let Some(id) = case_id {
            let found = store.case(id).map_err(WebError::from)?;
            if found.is_none_or(|c| user.may(state, Action::ViewCase { unit: c.facts.unit }).is_err()) {
                return Err(bad("case_id", format!("không có việc số {} / no case #{}", id.0, id.0)));
            }
        }
        let letter = |field: &'static str, text: &str| -> Result<Option<ComplaintId>, WebError> {
            let Some(id) = optional_id(field, text)?.map(ComplaintId) else { return Ok(None) };
            let found = store.complaint(id).map_err(WebError::from)?;
            if found.is_none_or(|r| user.may(state, Action::ViewComplaints { unit: r.record.facts.unit }).is_err()) {
                return Err(bad(field, format!("không có đơn số {} / no letter #{}", id.0, id.0)));
            }
            Ok(Some(id))
        };
        let same_matter_as = letter("same_matter_as", &self.same_matter_as)?;
        let first_decision_of = letter("first_decision_of", &self.first_decision_of)?;
        let session = match optional_id("session_id", &self.session_id)? {
            None => None,
            Some(id) => {
                let sessions = store.reception_sessions().map_err(WebError::from)?;
                let found = sessions.iter().find(|s| s.id.0 == id);
                if found.is_none_or(|s| user.may(state, Action::ViewComplaints { unit: s.session.unit }).is_err()) {
                    return Err(bad("session_id", format!("không có buổi tiếp số {id} / no reception session #{id}")));
                }
                Some(SessionId(id))
            }
        };
        let obstacle_days = match self.obstacle_days.trim() {
            "" => 0,
            d => d.parse::<u16>().map_err(|_| bad("obstacle_days", format!("số ngày không hợp lệ «{d}» / invalid")))?,
        };
        let authority = match self.within_authority.trim() {
            "true" => AuthorityBasis::Stated(true),
            "false" => AuthorityBasis::Stated(false),
            "" => {
                let role = match self.respondent_role.trim() {
                    "" | "officer" => RespondentRole::Officer,
                    "head" => RespondentRole::Head,
                    r => return Err(bad("respondent_role", format!("«{r}»: officer, head"))),
                };
                let respondent_unit =
                    match self.respondent_unit.trim() {
                        "" => unit.id,
                        code => state.directory().units.by_code(&code.to_ascii_uppercase()).map(|u| u.id).ok_or_else(
                            || bad("respondent_unit", format!("mã đơn vị không có «{code}» / unknown unit code")),
                        )?,
                    };
                AuthorityBasis::Respondent(Respondent { unit: respondent_unit, role })
            }
            w => return Err(bad("within_authority", format!("«{w}»: true, false"))),
        };
        let facts = ComplaintFacts {
            unit: unit.id,
            matter,
            channel,
            received_on: date_of("received_on", &self.received_on)?,
            complainant: self.complainant.clone(),
            subject: self.subject.clone(),
            case_id,
            act_on: optional_date("act_on", &self.act_on)?,
            obstacle_days,
            same_matter_as,
            within_authority: false,
        };
        Ok(NewLetter { facts, authority, first_decision_of, session })
    }
}

/// The letter `id` if the user may read it (`ViewComplaints` on its unit); `NotFound` otherwise,
/// absent and hidden alike.
pub fn visible_letter(state: &AppState, user: &User, id: i64) -> Result<ComplaintRow, WebError> {
    let row = state.store.complaint(ComplaintId(id)).map_err(WebError::from)?.ok_or(WebError::NotFound)?;
    user.may(state, Action::ViewComplaints { unit: row.record.facts.unit }).map_err(|_| WebError::NotFound)?;
    Ok(row)
}
