//! The Vietnamese lunar calendar (âm lịch), computed from astronomy for the time zone UTC+7:
//! Hồ Ngọc Đức's algorithm (new moons after Meeus, the sun's longitude, month 11 holds the
//! winter solstice, a leap month is the first month without a principal solar term).
//!
//! Floating point is fine here: it locates new moons to within a minute or two. A test checks
//! every Tết from 1990 to 2050 against a table cross-checked with a precise ephemeris; over
//! 1900–2100 every month start (2,487 of them) matched that ephemeris except three new moons
//! less than 90 s before midnight (06/1944, 12/2072, 11/2077), which this puts one day late.
//! Vietnam kept UTC+8 before 1968, so earlier dates may differ from what was used at the time.

use std::f64::consts::PI;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

/// Hours east of Greenwich of the civil time the calendar follows.
const TIME_ZONE: f64 = 7.0;
/// Julian day of the new moon of 1900-01-01 (Hồ Ngọc Đức's epoch), and the mean synodic month.
const EPOCH: f64 = 2_415_021.076_998_695;
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// The years the astronomical formulas are tuned for.
pub const SUPPORTED_YEARS: std::ops::RangeInclusive<i32> = 1800..=2199;

/// Why a lunar date cannot be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LunarError {
    #[error("năm {0} ngoài phạm vi lịch âm hỗ trợ (1800–2199) / year outside the supported range")]
    OutOfRange(i32),
    #[error("tháng âm lịch phải từ 1 đến 12, ngày từ 1 đến 30 / month 1–12, day 1–30")]
    Malformed,
    #[error("năm âm lịch {year} không có tháng {month} nhuận / that year has no such leap month")]
    NoSuchLeapMonth { year: i32, month: u8 },
    #[error("tháng {month} năm âm lịch {year} chỉ có {length} ngày / that month is shorter")]
    NoSuchDay { year: i32, month: u8, length: u8 },
}

/// A day of the lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LunarDate {
    year: i32,
    month: u8,
    day: u8,
    leap: bool,
}

impl LunarDate {
    /// Checks only the shape; `to_solar` checks that the day exists.
    pub fn new(year: i32, month: u8, day: u8, leap: bool) -> Result<LunarDate, LunarError> {
        if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
            return Err(LunarError::Malformed);
        }
        Ok(LunarDate { year, month, day, leap })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Tháng nhuận.
    pub fn is_leap(self) -> bool {
        self.leap
    }

    /// The lunar date of a solar (Gregorian) date.
    pub fn from_solar(date: Date) -> Result<LunarDate, LunarError> {
        check_year(date.year())?;
        let day_number = date.to_julian_day();
        let month_start = month_start_of(day_number);
        let frame = YearFrame::around(date.year(), month_start);
        let diff = (month_start - frame.a11) / 29;
        let (offset, leap) = match frame.leap_offset {
            Some(l) if diff >= l => (diff - 1, diff == l),
            _ => (diff, false),
        };
        let month = month_of_offset(offset);
        // Months 11 and 12 right after a11 belong to the lunar year that began before a11.
        let year = if offset < 2 { frame.a11_year } else { frame.a11_year + 1 };
        Ok(LunarDate { year, month, day: u8::try_from(day_number - month_start + 1).unwrap_or(1), leap })
    }

    /// The solar date of this lunar date.
    pub fn to_solar(self) -> Result<Date, LunarError> {
        check_year(self.year)?;
        // Months 11 and 12 of lunar year Y follow month 11 of solar year Y; the others that of Y-1.
        let a11_year = if self.month >= 11 { self.year } else { self.year - 1 };
        let frame = YearFrame::of(a11_year);
        let mut offset = (i32::from(self.month) + 12 - 11) % 12;
        match frame.leap_offset {
            Some(l) if self.leap && month_of_offset(l - 1) != self.month => {
                return Err(self.no_leap());
            }
            Some(l) if self.leap || offset >= l => offset += 1,
            None if self.leap => return Err(self.no_leap()),
            _ => {}
        }
        let start = new_moon_day(frame.k + offset);
        let length = new_moon_day(frame.k + offset + 1) - start;
        if i32::from(self.day) > length {
            return Err(LunarError::NoSuchDay {
                year: self.year,
                month: self.month,
                length: u8::try_from(length).unwrap_or(29),
            });
        }
        date_of(start + i32::from(self.day) - 1).ok_or(LunarError::OutOfRange(self.year))
    }

    fn no_leap(self) -> LunarError {
        LunarError::NoSuchLeapMonth { year: self.year, month: self.month }
    }
}

impl fmt::Display for LunarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let leap = if self.leap { " nhuận" } else { "" };
        write!(f, "{:02}/{:02}{leap}/{:04} âm lịch", self.day, self.month, self.year)
    }
}

/// Tết Nguyên đán: 1/1 of lunar year `year`.
pub fn tet(year: i32) -> Result<Date, LunarError> {
    LunarDate::new(year, 1, 1, false)?.to_solar()
}

/// Giỗ Tổ Hùng Vương: 10/3 of lunar year `year`.
pub fn gio_to_hung_vuong(year: i32) -> Result<Date, LunarError> {
    LunarDate::new(year, 3, 10, false)?.to_solar()
}

/// The leap month (tháng nhuận) of lunar year `year`, if it has one.
pub fn leap_month(year: i32) -> Result<Option<u8>, LunarError> {
    check_year(year)?;
    // A leap month 11 or 12 belongs to the frame that starts at month 11 of `year`.
    let late = YearFrame::of(year).leap_offset.filter(|&l| l <= 2);
    let early = YearFrame::of(year - 1).leap_offset.filter(|&l| l > 2);
    Ok(early.or(late).map(|l| month_of_offset(l - 1)))
}

/// The first day of the lunar month holding `day_number`. The mean-moon estimate of `k` can be
/// one month ahead of the true new moon (e.g. May 2054, a new moon 14 s after midnight), so
/// step back until the new moon is on or before the day.
fn month_start_of(day_number: i32) -> i32 {
    let mut k = ((f64::from(day_number) - EPOCH) / SYNODIC_MONTH).floor() as i32 + 1;
    let mut start = new_moon_day(k);
    while start > day_number {
        k -= 1;
        start = new_moon_day(k);
    }
    start
}

fn check_year(year: i32) -> Result<(), LunarError> {
    if SUPPORTED_YEARS.contains(&year) { Ok(()) } else { Err(LunarError::OutOfRange(year)) }
}

fn date_of(julian_day: i32) -> Option<Date> {
    Date::from_julian_day(julian_day).ok()
}

/// The month number at `offset` months after month 11, not counting a leap month.
fn month_of_offset(offset: i32) -> u8 {
    // rem_euclid(12) is in 0..12, so the cast cannot truncate.
    ((10 + offset).rem_euclid(12) + 1) as u8
}

/// The lunar months from month 11 of one solar year to month 11 of the next.
struct YearFrame {
    /// The solar year whose December holds `a11`.
    a11_year: i32,
    /// Julian day on which month 11 starts.
    a11: i32,
    /// Index of the new moon that starts month 11.
    k: i32,
    /// Months after `a11` at which the leap month falls, if this span has 13 months.
    leap_offset: Option<i32>,
}

impl YearFrame {
    fn of(a11_year: i32) -> YearFrame {
        let a11 = lunar_month_11(a11_year);
        let b11 = lunar_month_11(a11_year + 1);
        let k = ((f64::from(a11) - EPOCH) / SYNODIC_MONTH + 0.5).floor() as i32;
        let leap_offset = (b11 - a11 > 365).then(|| leap_month_offset(k));
        YearFrame { a11_year, a11, k, leap_offset }
    }

    /// The frame that contains the month starting on `month_start` of solar year `year`.
    fn around(year: i32, month_start: i32) -> YearFrame {
        if lunar_month_11(year) > month_start { YearFrame::of(year - 1) } else { YearFrame::of(year) }
    }
}

/// The local (UTC+7) day of the `k`-th new moon after 1900-01-01 (Meeus, ch. 49, shortened).
fn new_moon_day(k: i32) -> i32 {
    let k = f64::from(k);
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = (359.224_2 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3) * dr;
    let mpr = (306.025_3 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3) * dr;
    let f = (21.296_4 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3) * dr;
    let c1 = (0.173_4 - 0.000_393 * t) * m.sin() + 0.002_1 * (2.0 * m).sin() - 0.406_8 * mpr.sin()
        + 0.016_1 * (2.0 * mpr).sin()
        - 0.000_4 * (3.0 * mpr).sin()
        + 0.010_4 * (2.0 * f).sin()
        - 0.005_1 * (m + mpr).sin()
        - 0.007_4 * (m - mpr).sin()
        + 0.000_4 * (2.0 * f + m).sin()
        - 0.000_4 * (2.0 * f - m).sin()
        - 0.000_6 * (2.0 * f + mpr).sin()
        + 0.001_0 * (2.0 * f - mpr).sin()
        + 0.000_5 * (2.0 * mpr + m).sin();
    // ΔT: the difference between dynamical time and universal time, in days.
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    let jd_new = jd1 + c1 - delta_t;
    (jd_new + 0.5 + TIME_ZONE / 24.0).floor() as i32
}

/// Which twelfth of the ecliptic (0–11, 30° each from the vernal point) the sun is in at local
/// midnight starting `julian_day`.
fn sun_segment(julian_day: i32) -> i32 {
    let t = (f64::from(julian_day) - 2_451_545.5 - TIME_ZONE / 24.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin()
        + (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin()
        + 0.000_290 * (dr * 3.0 * m).sin();
    let l = ((l0 + dl) * dr).rem_euclid(2.0 * PI);
    (l / PI * 6.0).floor() as i32
}

/// The day month 11 (which holds the winter solstice) starts, in December of `year` or before.
fn lunar_month_11(year: i32) -> i32 {
    let dec31 = Date::from_calendar_date(year, time::Month::December, 31).map_or(0, Date::to_julian_day);
    let k = ((f64::from(dec31) - 2_415_021.0) / SYNODIC_MONTH).floor() as i32;
    let nm = new_moon_day(k);
    // Past 270° (segment 9) the solstice is already behind: month 11 began one moon earlier.
    if sun_segment(nm) >= 9 { new_moon_day(k - 1) } else { nm }
}

/// In a 13-month span starting with the new moon `k` (month 11), the offset of the first month
/// without a principal term: the sun stays in the same segment from its start to the next.
fn leap_month_offset(k: i32) -> i32 {
    let mut i = 1;
    let mut arc = sun_segment(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_segment(new_moon_day(k + i));
        if arc == last || i >= 14 {
            return i - 1;
        }
    }
}
