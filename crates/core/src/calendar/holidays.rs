//! Public holidays (ngày nghỉ lễ, tết) as data: each rule says which day(s), under which law,
//! from when to when; plus the weekly rest days and the compensating day off (nghỉ bù) for a
//! holiday that falls on one of them.

use serde::{Deserialize, Serialize};
use time::macros::date;
use time::{Date, Month, Weekday};

use super::lunar::{self, LunarDate, LunarError};
use crate::confidence::Confidence;

/// Which day(s) of a year a holiday rule gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HolidayDate {
    /// A fixed day of the solar calendar, e.g. 30/4.
    Solar { month: u8, day: u8 },
    /// A fixed day of the lunar calendar, e.g. 10/3 âm lịch.
    Lunar { month: u8, day: u8 },
    /// Tết Nguyên đán: `before` days ending on the last day of the old lunar year, then
    /// `from_new_year` days starting on 1/1.
    LunarNewYear { before: u8, from_new_year: u8 },
    /// One day next to a solar day, before or after it depending on that day's weekday.
    /// `before_on[i]` is for weekday `i`, Monday first.
    AdjacentTo { month: u8, day: u8, before_on: [bool; 7] },
}

/// One public holiday, as a law gives it, for the days between `valid_from` and `valid_to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRule {
    /// Stable code, e.g. `tet_nguyen_dan`.
    pub id: String,
    pub name_vi: String,
    pub name_en: String,
    pub citation: String,
    pub date: HolidayDate,
    pub valid_from: Date,
    /// Last day the rule applies; `None` while in force.
    pub valid_to: Option<Date>,
    pub confidence: Confidence,
}

/// A holiday that falls on a weekly rest day gives a day off on the next working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompensationRule {
    pub citation: String,
    pub valid_from: Date,
    pub confidence: Confidence,
}

/// Everything that makes a day not a working day, before the yearly announcements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRules {
    /// Weekly rest days, Monday first.
    pub rest_days: [bool; 7],
    pub rest_days_citation: String,
    pub holidays: Vec<HolidayRule>,
    pub compensation: Option<CompensationRule>,
}

/// A day off given by the rules, and the rule that gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayOff<'a> {
    pub date: Date,
    pub rule: &'a HolidayRule,
    /// Nghỉ bù: given because the holiday itself fell on a rest day.
    pub compensating: bool,
}

impl HolidayRule {
    fn applies_on(&self, day: Date) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    /// The days this rule gives in solar year `year` (before the validity check).
    fn days_in(&self, year: i32) -> Result<Vec<Date>, LunarError> {
        let solar =
            |month: u8, day: u8| Month::try_from(month).ok().and_then(|m| Date::from_calendar_date(year, m, day).ok());
        Ok(match &self.date {
            HolidayDate::Solar { month, day } => solar(*month, *day).into_iter().collect(),
            HolidayDate::Lunar { month, day } => {
                // The lunar day of this solar year: lunar year `year` holds every fixed day
                // from 1/1 (late January at the earliest) to 10/12 (mid January next year).
                vec![LunarDate::new(year, *month, *day, false)?.to_solar()?]
            }
            HolidayDate::LunarNewYear { before, from_new_year } => {
                let tet = lunar::tet(year)?;
                let first = tet.saturating_sub(time::Duration::days(i64::from(*before)));
                let count = i64::from(*before) + i64::from(*from_new_year);
                (0..count).map(|i| first.saturating_add(time::Duration::days(i))).collect()
            }
            HolidayDate::AdjacentTo { month, day, before_on } => solar(*month, *day)
                .map(|anchor| {
                    let before = before_on[usize::from(anchor.weekday().number_days_from_monday())];
                    if before {
                        anchor.saturating_sub(time::Duration::DAY)
                    } else {
                        anchor.saturating_add(time::Duration::DAY)
                    }
                })
                .into_iter()
                .collect(),
        })
    }
}

impl CalendarRules {
    pub fn is_rest_day(&self, day: Date) -> bool {
        self.rest_days[usize::from(day.weekday().number_days_from_monday())]
    }

    /// Every day off the rules give in solar year `year`, sorted by date: holidays, then the
    /// compensating days for holidays on rest days (each on the next day that is neither a rest
    /// day, a holiday nor already a compensating day).
    pub fn days_off(&self, year: i32) -> Result<Vec<DayOff<'_>>, LunarError> {
        let mut days: Vec<DayOff<'_>> = Vec::new();
        for rule in &self.holidays {
            for day in rule.days_in(year)? {
                let taken = days.iter().any(|d| d.date == day);
                if rule.applies_on(day) && !taken {
                    days.push(DayOff { date: day, rule, compensating: false });
                }
            }
        }
        days.sort_by_key(|d| d.date);
        if let Some(comp) = &self.compensation {
            self.add_compensation(&mut days, comp);
        }
        Ok(days)
    }

    fn add_compensation<'a>(&self, days: &mut Vec<DayOff<'a>>, comp: &CompensationRule) {
        let on_rest: Vec<DayOff<'a>> =
            days.iter().filter(|d| d.date >= comp.valid_from && self.is_rest_day(d.date)).copied().collect();
        for holiday in on_rest {
            let mut day = holiday.date;
            loop {
                day = day.saturating_add(time::Duration::DAY);
                let free = !self.is_rest_day(day) && !days.iter().any(|d| d.date == day);
                if free {
                    break;
                }
            }
            days.push(DayOff { date: day, rule: holiday.rule, compensating: true });
        }
        days.sort_by_key(|d| d.date);
    }

    /// The rules in force in Vietnam for state agencies (Bộ luật Lao động 2019 Điều 111–112 and
    /// the codes before it; a five-day week for public servants).
    pub fn vietnam() -> CalendarRules {
        CalendarRules {
            rest_days: weekdays_off(&[Weekday::Saturday, Weekday::Sunday]),
            rest_days_citation: "Quyết định 188/1999/QĐ-TTg (tuần làm việc 40 giờ: nghỉ thứ Bảy, \
                                 Chủ nhật) / five-day week for state agencies"
                .to_string(),
            holidays: default_holidays(),
            compensation: Some(CompensationRule {
                citation: "Bộ luật Lao động 2019 Điều 111 khoản 3 (trước đó BLLĐ 2012 Điều 115 \
                           khoản 3): ngày lễ trùng ngày nghỉ hằng tuần thì nghỉ bù vào ngày làm \
                           việc kế tiếp / a holiday on a rest day gives the next working day off"
                    .to_string(),
                valid_from: date!(1995 - 01 - 01),
                confidence: Confidence::Inferred,
            }),
        }
    }
}

fn weekdays_off(days: &[Weekday]) -> [bool; 7] {
    let mut off = [false; 7];
    for d in days {
        off[usize::from(d.number_days_from_monday())] = true;
    }
    off
}

fn holiday(
    id: &str,
    names: (&str, &str),
    citation: &str,
    date: HolidayDate,
    valid: (Date, Option<Date>),
    confidence: Confidence,
) -> HolidayRule {
    HolidayRule {
        id: id.to_string(),
        name_vi: names.0.to_string(),
        name_en: names.1.to_string(),
        citation: citation.to_string(),
        date,
        valid_from: valid.0,
        valid_to: valid.1,
        confidence,
    }
}

/// Bộ luật Lao động 1994 (from 1995), 2012 (from 01/05/2013) and 2019 (from 01/01/2021).
fn default_holidays() -> Vec<HolidayRule> {
    use Confidence::*;
    const CODE_2019: &str = "Bộ luật Lao động 2019 Điều 112 khoản 1";
    let since_1995 = (date!(1995 - 01 - 01), None);
    // 2/9: the second day was chosen next to a weekend in 2021–2025 (Thu→3/9, Fri→1/9,
    // Sat→1/9, Mon→3/9, Tue→1/9); Wednesday and Sunday have no precedent yet.
    let national_day_side = [false, true, false, false, true, true, false];
    vec![
        holiday(
            "tet_duong_lich",
            ("Tết Dương lịch", "New Year's Day"),
            &format!("{CODE_2019} điểm a (BLLĐ 2012 Điều 115; BLLĐ 1994 Điều 73)"),
            HolidayDate::Solar { month: 1, day: 1 },
            since_1995,
            Confirmed,
        ),
        holiday(
            "tet_nguyen_dan_1994",
            ("Tết Nguyên đán (4 ngày)", "Lunar New Year (4 days)"),
            "Bộ luật Lao động 1994 Điều 73: một ngày cuối năm và ba ngày đầu năm âm lịch",
            HolidayDate::LunarNewYear { before: 1, from_new_year: 3 },
            (date!(1995 - 01 - 01), Some(date!(2013 - 04 - 30))),
            Inferred,
        ),
        holiday(
            "tet_nguyen_dan",
            ("Tết Nguyên đán (5 ngày)", "Lunar New Year (5 days)"),
            &format!(
                "{CODE_2019} điểm b: 05 ngày; Thủ tướng quyết định ngày cụ thể hằng năm (khoản 3). \
                 Mặc định: ngày cuối năm âm lịch và 4 ngày đầu năm; the yearly placement is \
                 announced and entered as data"
            ),
            HolidayDate::LunarNewYear { before: 1, from_new_year: 4 },
            (date!(2013 - 05 - 01), None),
            Inferred,
        ),
        holiday(
            "ngay_chien_thang",
            ("Ngày Chiến thắng", "Reunification Day"),
            &format!("{CODE_2019} điểm c"),
            HolidayDate::Solar { month: 4, day: 30 },
            since_1995,
            Confirmed,
        ),
        holiday(
            "quoc_te_lao_dong",
            ("Ngày Quốc tế lao động", "International Labour Day"),
            &format!("{CODE_2019} điểm d"),
            HolidayDate::Solar { month: 5, day: 1 },
            since_1995,
            Confirmed,
        ),
        holiday(
            "quoc_khanh",
            ("Quốc khánh", "National Day"),
            &format!("{CODE_2019} điểm đ"),
            HolidayDate::Solar { month: 9, day: 2 },
            since_1995,
            Confirmed,
        ),
        holiday(
            "quoc_khanh_ngay_lien_ke",
            ("Quốc khánh (ngày liền kề)", "National Day (adjacent day)"),
            &format!(
                "{CODE_2019} điểm đ: 01 ngày liền kề trước hoặc sau; Thủ tướng quyết định \
                 (khoản 3). Default side by weekday as announced 2021–2025"
            ),
            HolidayDate::AdjacentTo { month: 9, day: 2, before_on: national_day_side },
            (date!(2021 - 01 - 01), None),
            Inferred,
        ),
        holiday(
            "gio_to_hung_vuong",
            ("Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration Day"),
            &format!(
                "{CODE_2019} điểm e (10/3 âm lịch); a holiday since 2007 (Luật 84/2007/QH11 sửa BLLĐ 1994; start date inferred)"
            ),
            HolidayDate::Lunar { month: 3, day: 10 },
            (date!(2007 - 01 - 01), None),
            Confirmed,
        ),
    ]
}
