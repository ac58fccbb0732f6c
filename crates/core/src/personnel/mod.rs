//! The staff registry (issue 23; domain §5.3): the people of a unit — not only those with a
//! login — with their title, legal rank (ngạch), appointment and the end of an officer's term
//! (Chấp hành viên are appointed for a term), their status, and the posts a unit is allowed
//! (biên chế), in total and by rank. From them, the staffing of a unit as agencies publish it
//! ("220 of 228 posts filled; 90 Chấp hành viên, 15 Thẩm tra viên…"), its vacancies and the
//! terms ending soon. Pure: the registry is read and written by `thads_app::personnel`.

mod rank;
mod staffing;

pub use rank::{Rank, RankGroup};
pub use staffing::{Quota, Staffing, StaffingLine, TermEnding, Vacancy, staffing, terms_ending, vacancies};

use serde::{Deserialize, Serialize};
use time::Date;

use crate::field::{self, Field, FieldError, Kind};
use crate::staff::StaffId;
use crate::unit::UnitId;

/// Database identity of a person of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PersonId(pub i64);

/// Chức danh, chức vụ: free text (Cục trưởng, Phó Trưởng phòng, Trưởng Ban…).
pub const TITLE: Field = Field { vi: "chức danh", en: "title", max_chars: 120, kind: Kind::Line };

/// Whether a person still works in the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Đang công tác.
    Active,
    /// Đã thôi công tác (retired, moved away, term not renewed…): kept, not counted.
    Ended,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Ended => "ended",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        [Status::Active, Status::Ended].into_iter().find(|s| s.code() == code)
    }
}

/// What the registry keeps of a person, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    pub unit: UnitId,
    pub full_name: String,
    pub title: String,
    pub rank: Rank,
    /// Ngày bổ nhiệm (into the rank or the title).
    pub appointed_on: Option<Date>,
    /// Ngày hết nhiệm kỳ: a Chấp hành viên's term ends and must be renewed.
    pub term_ends_on: Option<Date>,
    /// The person's login, when they have one.
    pub staff: Option<StaffId>,
}

/// A person of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub facts: PersonFacts,
    pub status: Status,
    /// The day they stopped working in the unit (`Status::Ended`).
    pub ended_on: Option<Date>,
}

impl Person {
    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }
}

/// Why a person's facts are refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonError {
    #[error("{0}")]
    Field(FieldError),
    #[error("ngày hết nhiệm kỳ trước ngày bổ nhiệm / the term ends before the appointment")]
    TermBeforeAppointment,
    #[error("ngày bổ nhiệm sau hôm nay / appointed after today")]
    AppointedInFuture,
    #[error("ngày thôi công tác trước ngày bổ nhiệm / ended before the appointment")]
    EndedBeforeAppointment,
    #[error("người này đã thôi công tác / this person has already left")]
    AlreadyEnded,
}

impl PersonFacts {
    /// The facts cleaned (name and title through their fields) and checked against `today`.
    pub fn checked(mut self, today: Date) -> Result<PersonFacts, PersonError> {
        self.full_name = field::STAFF_NAME.clean_required(&self.full_name).map_err(PersonError::Field)?;
        self.title = TITLE.clean(&self.title).map_err(PersonError::Field)?;
        if let (Some(from), Some(to)) = (self.appointed_on, self.term_ends_on)
            && to < from
        {
            return Err(PersonError::TermBeforeAppointment);
        }
        if self.appointed_on.is_some_and(|d| d > today) {
            return Err(PersonError::AppointedInFuture);
        }
        Ok(self)
    }
}

/// The person ended on `on`: refused when already ended or before the appointment.
pub fn end(person: &Person, on: Date) -> Result<Person, PersonError> {
    if !person.is_active() {
        return Err(PersonError::AlreadyEnded);
    }
    if person.facts.appointed_on.is_some_and(|d| on < d) {
        return Err(PersonError::EndedBeforeAppointment);
    }
    Ok(Person { status: Status::Ended, ended_on: Some(on), ..person.clone() })
}

#[cfg(test)]
mod tests;
