//! The days the government announces each year on top of the rules: extra days off (ngày nghỉ
//! bù, hoán đổi) and working days (ngày làm bù, or a day the rules would give off but the
//! announcement placed elsewhere). An administrator enters them; storage comes later.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dates::format_vn;

/// What an announcement makes of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnouncedKind {
    /// Ngày nghỉ (nghỉ bù / hoán đổi): not a working day.
    DayOff,
    /// Ngày làm việc (làm bù): a working day, even on a rest day or a rule's holiday.
    WorkingDay,
}

/// One announced day and where it comes from, e.g. `Thông báo 6150/TB-BNV`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncedDay {
    pub date: Date,
    pub kind: AnnouncedKind,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnnouncementError {
    #[error("ngày {} được thông báo hai lần / the same day is announced twice", format_vn(*.0))]
    Duplicate(Date),
}

/// The announced days, sorted, at most one entry per date.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<AnnouncedDay>", into = "Vec<AnnouncedDay>")]
pub struct Announcements(Vec<AnnouncedDay>);

impl Announcements {
    pub fn none() -> Announcements {
        Announcements(Vec::new())
    }

    /// Refuses a date listed twice (even with the same kind: one of them is a typing slip).
    pub fn new(mut days: Vec<AnnouncedDay>) -> Result<Announcements, AnnouncementError> {
        days.sort_by_key(|d| d.date);
        if let Some(pair) = days.windows(2).find(|w| w[0].date == w[1].date) {
            return Err(AnnouncementError::Duplicate(pair[0].date));
        }
        Ok(Announcements(days))
    }

    pub fn on(&self, date: Date) -> Option<&AnnouncedDay> {
        self.0.binary_search_by_key(&date, |d| d.date).ok().map(|i| &self.0[i])
    }

    pub fn days(&self) -> &[AnnouncedDay] {
        &self.0
    }
}

impl TryFrom<Vec<AnnouncedDay>> for Announcements {
    type Error = AnnouncementError;
    fn try_from(days: Vec<AnnouncedDay>) -> Result<Self, Self::Error> {
        Announcements::new(days)
    }
}

impl From<Announcements> for Vec<AnnouncedDay> {
    fn from(value: Announcements) -> Self {
        value.0
    }
}
