//! Working days (ngày làm việc) and the legal way to count a time limit from a day.
//!
//! Convention (Bộ luật Dân sự 2015 Điều 147–148, applied to every limit of the enforcement law):
//! - the day of the event that starts a limit is not counted: counting starts the next day
//!   (Điều 147 khoản 2);
//! - "within N working days from X" ends on the N-th working day after X;
//! - a limit in days ends at the end of its last day; in months, on the same day of the last
//!   month, or that month's last day if it has no such day (Điều 148 khoản 1, 3);
//! - if the last day is a rest day or a holiday, the limit ends on the next working day
//!   (Điều 148 khoản 5). A working-day limit always ends on a working day already.
//!
//! The calendar keeps a day-indexed table for a range of years (a bit per day and prefix counts
//! of working days), so these answers cost a few array reads; outside the table it falls back to
//! computing each day from the rules.

use std::ops::RangeInclusive;

use time::Date;

use super::announced::{AnnouncedDay, AnnouncedKind, Announcements};
use super::holidays::{CalendarRules, DayOff, HolidayRule};
use super::lunar::{LunarError, SUPPORTED_YEARS};

/// What kind of day a date is, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind<'a> {
    Working,
    /// Ngày nghỉ hằng tuần.
    RestDay,
    /// A public holiday (or, `compensating`, the day off given for one that fell on a rest day).
    Holiday(DayOff<'a>),
    /// An announced day off or working day; it overrides the rules.
    Announced(&'a AnnouncedDay),
}

impl DayKind<'_> {
    pub fn is_working(&self) -> bool {
        match self {
            DayKind::Working => true,
            DayKind::RestDay | DayKind::Holiday(_) => false,
            DayKind::Announced(a) => a.kind == AnnouncedKind::WorkingDay,
        }
    }

    /// The holiday rule behind a holiday or a compensating day.
    pub fn holiday(&self) -> Option<&HolidayRule> {
        match self {
            DayKind::Holiday(off) => Some(off.rule),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("khoảng năm {0:?} ngoài phạm vi 1800–2199 hoặc rỗng / year range unsupported")]
    Years(RangeInclusive<i32>),
    #[error(transparent)]
    Lunar(#[from] LunarError),
}

/// The working-day calendar: rules, announcements and the precomputed table.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    rules: CalendarRules,
    announced: Announcements,
    /// Julian day of the first day of the table.
    first: i32,
    /// Bit `i` set: day `first + i` is not a working day.
    off: Vec<u64>,
    /// `rank[i]`: working days in `[first, first + i)`; one longer than the table.
    rank: Vec<u32>,
    /// Offsets (from `first`) of the working days, in order.
    working: Vec<u32>,
}

impl WorkingCalendar {
    /// Builds the table for the solar years `years`.
    pub fn new(
        rules: CalendarRules,
        announced: Announcements,
        years: RangeInclusive<i32>,
    ) -> Result<WorkingCalendar, CalendarError> {
        let supported = SUPPORTED_YEARS.contains(years.start())
            && SUPPORTED_YEARS.contains(years.end())
            && years.start() <= years.end();
        let bound = |y: i32, m, d| Date::from_calendar_date(y, m, d).ok();
        let (Some(start), Some(end), true) =
            (bound(*years.start(), time::Month::January, 1), bound(*years.end(), time::Month::December, 31), supported)
        else {
            return Err(CalendarError::Years(years));
        };
        let mut calendar = WorkingCalendar {
            rules,
            announced,
            first: start.to_julian_day(),
            off: Vec::new(),
            rank: Vec::new(),
            working: Vec::new(),
        };
        calendar.fill(years, end.to_julian_day())?;
        Ok(calendar)
    }

    /// Vietnam's rules with the given announcements, tabled for 2000–2100.
    pub fn vietnam(announced: Announcements) -> Result<WorkingCalendar, CalendarError> {
        WorkingCalendar::new(CalendarRules::vietnam(), announced, 2000..=2100)
    }

    fn fill(&mut self, years: RangeInclusive<i32>, last: i32) -> Result<(), CalendarError> {
        let len = usize::try_from(last - self.first + 1).unwrap_or(0);
        let mut off = vec![0u64; len.div_ceil(64)];
        for year in years {
            for day in self.rules.days_off(year)? {
                set_bit(&mut off, self.index(day.date));
            }
        }
        let mut rank = Vec::with_capacity(len + 1);
        let mut working = Vec::with_capacity(len);
        rank.push(0u32);
        for i in 0..len {
            let day = self.date_at(i);
            let rule_off = off[i / 64] & (1 << (i % 64)) != 0 || day.is_some_and(|d| self.rules.is_rest_day(d));
            let is_working = match day.and_then(|d| self.announced.on(d)) {
                Some(a) => a.kind == AnnouncedKind::WorkingDay,
                None => !rule_off,
            };
            if is_working {
                off[i / 64] &= !(1 << (i % 64));
                working.push(u32::try_from(i).unwrap_or(u32::MAX));
            } else {
                off[i / 64] |= 1 << (i % 64);
            }
            rank.push(u32::try_from(working.len()).unwrap_or(u32::MAX));
        }
        (self.off, self.rank, self.working) = (off, rank, working);
        Ok(())
    }

    fn index(&self, date: Date) -> usize {
        usize::try_from(date.to_julian_day() - self.first).unwrap_or(usize::MAX)
    }

    fn date_at(&self, i: usize) -> Option<Date> {
        let offset = i32::try_from(i).ok()?;
        Date::from_julian_day(self.first + offset).ok()
    }

    fn table_len(&self) -> usize {
        self.rank.len().saturating_sub(1)
    }

    pub fn rules(&self) -> &CalendarRules {
        &self.rules
    }

    pub fn announcements(&self) -> &Announcements {
        &self.announced
    }

    /// What kind of day `date` is, with the rule or announcement behind it (computed, not
    /// looked up: for messages, not for loops).
    pub fn day_kind(&self, date: Date) -> DayKind<'_> {
        if let Some(a) = self.announced.on(date) {
            return DayKind::Announced(a);
        }
        let holiday = self.rules.days_off(date.year()).ok().and_then(|days| days.into_iter().find(|d| d.date == date));
        match holiday {
            Some(off) => DayKind::Holiday(off),
            None if self.rules.is_rest_day(date) => DayKind::RestDay,
            None => DayKind::Working,
        }
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        self.is_working_jd(date.to_julian_day())
    }

    /// The `n`-th working day after `start` (`start` itself is not counted); `start` for 0.
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        from_jd(self.add_working_days_jd(start.to_julian_day(), n), start)
    }

    /// Working days in `(from, to]`: after `from`, up to and including `to`; 0 if `to <= from`.
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        let (a, b) = (from.to_julian_day(), to.to_julian_day());
        if b <= a {
            return 0;
        }
        match (self.rank_at(a + 1), self.rank_at(b + 1)) {
            (Some(x), Some(y)) => y - x,
            _ => u32::try_from((a + 1..=b).filter(|&d| self.is_working_jd(d)).count()).unwrap_or(u32::MAX),
        }
    }

    /// `date` if it is a working day, else the next working day (Điều 148 khoản 5).
    pub fn on_or_next_working_day(&self, date: Date) -> Date {
        from_jd(self.roll_forward_jd(date.to_julian_day()), date)
    }

    /// The end of a limit of `n` calendar days counted from `start`.
    pub fn add_days(&self, start: Date, n: u32) -> Date {
        from_jd(self.add_days_jd(start.to_julian_day(), n), start)
    }

    /// The end of a limit of `n` months counted from `start`.
    pub fn add_months(&self, start: Date, n: u32) -> Date {
        self.on_or_next_working_day(add_months_clamped(start, n))
    }

    pub(crate) fn is_working_jd(&self, jd: i32) -> bool {
        match self.table_index(jd) {
            Some(i) => self.off[i / 64] & (1 << (i % 64)) == 0,
            None => Date::from_julian_day(jd).is_ok_and(|d| self.day_kind(d).is_working()),
        }
    }

    pub(crate) fn add_working_days_jd(&self, start: i32, n: u32) -> i32 {
        if n == 0 {
            return start;
        }
        let target =
            self.rank_at(start + 1).and_then(|r| usize::try_from(r + n - 1).ok()).and_then(|k| self.working.get(k));
        match target {
            Some(&offset) => self.first + i32::try_from(offset).unwrap_or(0),
            None => {
                let mut day = start;
                for _ in 0..n {
                    day = self.roll_forward_jd(day + 1);
                }
                day
            }
        }
    }

    pub(crate) fn add_days_jd(&self, start: i32, n: u32) -> i32 {
        self.roll_forward_jd(start + i32::try_from(n).unwrap_or(i32::MAX / 2))
    }

    pub(crate) fn roll_forward_jd(&self, jd: i32) -> i32 {
        // The rank of the day tells how many working days precede it; the next one is at that
        // index of `working`.
        let next = self.rank_at(jd).and_then(|r| self.working.get(usize::try_from(r).ok()?));
        match next {
            Some(&offset) => self.first + i32::try_from(offset).unwrap_or(0),
            None => {
                let mut day = jd;
                // Vietnam never has more than a couple of weeks off in a row; bound the walk.
                while !self.is_working_jd(day) && day < jd + 366 {
                    day += 1;
                }
                day
            }
        }
    }

    fn table_index(&self, jd: i32) -> Option<usize> {
        let i = usize::try_from(jd - self.first).ok()?;
        (i < self.table_len()).then_some(i)
    }

    /// Working days before `jd` within the table, if `jd` is in it (or just past its end).
    fn rank_at(&self, jd: i32) -> Option<u32> {
        let i = usize::try_from(jd - self.first).ok()?;
        self.rank.get(i).copied()
    }
}

fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(word) = bits.get_mut(i / 64) {
        *word |= 1 << (i % 64);
    }
}

fn from_jd(jd: i32, fallback: Date) -> Date {
    Date::from_julian_day(jd).unwrap_or(fallback)
}

/// `start` plus `n` months; the last day of the month if it has no such day (Điều 148 khoản 3).
pub(crate) fn add_months_clamped(start: Date, n: u32) -> Date {
    let total = i64::from(start.year()) * 12 + i64::from(u8::from(start.month()) - 1) + i64::from(n);
    let year = i32::try_from(total.div_euclid(12)).unwrap_or(start.year());
    // rem_euclid(12) is in 0..12, so the cast cannot truncate.
    let month = time::Month::try_from(total.rem_euclid(12) as u8 + 1).unwrap_or(start.month());
    let day = start.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(start)
}
