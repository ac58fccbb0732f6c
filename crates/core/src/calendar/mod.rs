//! Calendars of the law: the Vietnamese lunar calendar (âm lịch, UTC+7), public holidays and
//! the yearly announced days as data, the working-day calendar that legal time limits are
//! counted on, and the days and hours when coercion may not be scheduled.

mod announced;
mod coercion;
mod holidays;
pub mod lunar;
mod working;

pub use announced::{AnnouncedDay, AnnouncedKind, AnnouncementError, Announcements};
pub use coercion::{CoercionPlan, CoercionRefusal, CoercionRules, TetWindow, check_coercion};
pub use holidays::{CalendarRules, CompensationRule, DayOff, HolidayDate, HolidayRule};
pub use lunar::{LunarDate, LunarError, gio_to_hung_vuong, leap_month, tet};
pub use working::{CalendarError, DayKind, WorkingCalendar};

pub(crate) use working::add_months_clamped;

#[cfg(test)]
mod tests;
