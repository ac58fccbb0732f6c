//! The staff registry and the officers' workload (issue 23, items 1 and 2): the people of a
//! scope with the forms that add, edit and end them, set a unit's posts and import a CSV; the
//! staffing report with its XLSX export; the workload table whose every number links to its
//! cases; and the API of the contract. Who may: whoever reads a unit's reports reads its
//! staffing, people and workload (`ViewReports`); whoever manages its accounts keeps its
//! registry (`ManageUsers`), always on the unit of the person as stored (and the new one for a
//! move).

pub mod api;
pub mod pages;
pub mod paging;
pub mod workload;

use serde::Deserialize;
use thads_core::UnitId;
use thads_core::access::{Action, Denied};
use thads_core::dates::parse_date;
use thads_core::personnel::{Person, PersonFacts, PersonId, Rank};
use time::Date;

use crate::accounts::{Need, User};
use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::AppState;

/// Keeping a unit's registry: the same right as its accounts'.
#[derive(Debug)]
pub struct ManageStaff;
impl Need for ManageStaff {
    fn action(unit: UnitId) -> Action {
        Action::ManageUsers { unit }
    }
}

/// Reading a unit's staffing and workload: the same right as its statistics'.
#[derive(Debug)]
pub struct ViewStaffing;
impl Need for ViewStaffing {
    fn action(unit: UnitId) -> Action {
        Action::ViewReports { unit }
    }
}

/// A refusal naming `field`.
pub fn bad(field: &'static str, both_languages: impl Into<String>) -> WebError {
    WebError::Refused(Refusal::of_field(field, both_languages))
}

fn optional_date(field: &'static str, text: &str) -> Result<Option<Date>, WebError> {
    let t = text.trim();
    if t.is_empty() { Ok(None) } else { parse_date(t).map(Some).map_err(|e| bad(field, e.to_string())) }
}

/// A person as typed (the form's fields, the API body's), every field text.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonInput {
    /// the unit's code (default: the page's unit)
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub rank: String,
    #[serde(default)]
    pub appointed_on: String,
    #[serde(default)]
    pub term_ends_on: String,
    /// a login of the same unit, or empty
    #[serde(default)]
    pub login: String,
}

impl PersonInput {
    /// The input of a person as stored, to fill the edit form.
    pub fn of(p: &Person, state: &AppState) -> PersonInput {
        let directory = state.directory();
        let f = &p.facts;
        PersonInput {
            unit: directory.units.get(f.unit).map(|u| u.code.to_string()).unwrap_or_default(),
            full_name: f.full_name.clone(),
            title: f.title.clone(),
            rank: f.rank.code().into(),
            appointed_on: f.appointed_on.map(thads_core::dates::format_vn).unwrap_or_default(),
            term_ends_on: f.term_ends_on.map(thads_core::dates::format_vn).unwrap_or_default(),
            login: f.staff.and_then(|s| directory.staff.get(&s)).map(|s| s.login.to_string()).unwrap_or_default(),
        }
    }

    /// The facts, in the form's unit (else `default`), which `user` must be allowed to manage
    /// (a unit outside the scope is refused like an unknown one).
    pub fn parse(&self, state: &AppState, user: &User, default: UnitId) -> Result<PersonFacts, WebError> {
        let directory = state.directory();
        let code = self.unit.trim().to_ascii_uppercase();
        let unit = if code.is_empty() {
            default
        } else {
            directory
                .units
                .by_code(&code)
                .map(|u| u.id)
                .ok_or_else(|| bad("unit", format!("không có đơn vị «{code}» / unknown unit «{code}»")))?
        };
        match user.may(state, Action::ManageUsers { unit }) {
            Err(WebError::Forbidden(Denied::OutsideUnit)) => {
                return Err(bad("unit", "đơn vị ngoài phạm vi của bạn / a unit outside your scope"));
            }
            other => other?,
        }
        let rank = Rank::parse(&self.rank).map_err(|e| bad("rank", e.to_string()))?;
        let staff = thads_app::personnel::login_of(state.store.as_ref(), unit, &self.login)?;
        Ok(PersonFacts {
            unit,
            full_name: self.full_name.clone(),
            title: self.title.clone(),
            rank,
            appointed_on: optional_date("appointed_on", &self.appointed_on)?,
            term_ends_on: optional_date("term_ends_on", &self.term_ends_on)?,
            staff,
        })
    }
}

/// The person `id` when `user` may keep the registry of their unit; 404 when absent or
/// outside the user's units (the two look alike), 403 for a role that may not.
pub fn managed_person(state: &AppState, user: &User, id: i64) -> Result<Person, WebError> {
    let person = state.store.person(PersonId(id))?.ok_or(WebError::NotFound)?;
    match user.may(state, Action::ManageUsers { unit: person.facts.unit }) {
        Err(WebError::Forbidden(Denied::OutsideUnit)) => Err(WebError::NotFound),
        other => other.map(|()| person),
    }
}
