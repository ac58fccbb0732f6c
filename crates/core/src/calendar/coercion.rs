//! When coercion (cưỡng chế thi hành án) may not be scheduled (domain §3.9): at night, on rest
//! days and holidays (Luật THADS 26/2008 Điều 46 khoản 2), and, with mobilised forces, within
//! 15 days before and after Tết Nguyên đán (NĐ 152/2026 Điều 42 khoản 2, from 01/07/2026).
//!
//! Reading of "15 ngày trước và sau Tết Nguyên đán": Tết is 1/1 of the lunar year; the window
//! is the 15 calendar days before it, the day itself and the 15 calendar days after it (31 days,
//! both ends included). The lengths are data, so a broader reading (from the Tết holidays rather
//! than from 1/1) is a change of numbers, not of code. An equivalent rule under the old decree
//! (NĐ 62/2015) is remembered but was not found in the consolidated text: `valid_from` is data
//! too, should an administrator confirm it.

use serde::{Deserialize, Serialize};
use time::macros::{date, time};
use time::{Date, Duration, PrimitiveDateTime, Time};

use super::lunar;
use super::working::{DayKind, WorkingCalendar};
use crate::confidence::Confidence;
use crate::dates::format_vn;

/// A planned coercion session, in Vietnam's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoercionPlan {
    pub starts: PrimitiveDateTime,
    pub ends: PrimitiveDateTime,
    /// Có huy động lực lượng (police and other forces take part).
    pub mobilises_forces: bool,
}

/// The quiet period around Tết.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TetWindow {
    pub days_before: u8,
    pub days_after: u8,
    /// Only coercion with mobilised forces is barred.
    pub only_with_forces: bool,
    /// Coercion dated from this day on is checked.
    pub valid_from: Date,
    pub citation: String,
    pub confidence: Confidence,
}

/// The limits on scheduling coercion, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoercionRules {
    /// Night: from `night_from` to `night_to` the next morning.
    pub night_from: Time,
    pub night_to: Time,
    pub citation: String,
    pub tet_window: Option<TetWindow>,
}

impl Default for CoercionRules {
    fn default() -> Self {
        CoercionRules {
            night_from: time!(22:00),
            night_to: time!(06:00),
            citation: "Luật THADS 26/2008 Điều 46 khoản 2".to_string(),
            tet_window: Some(TetWindow {
                days_before: 15,
                days_after: 15,
                only_with_forces: true,
                valid_from: date!(2026 - 07 - 01),
                citation: "NĐ 152/2026/NĐ-CP Điều 42 khoản 2".to_string(),
                confidence: Confidence::Confirmed,
            }),
        }
    }
}

/// Why a coercion session may not take place then.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoercionRefusal {
    #[error("kết thúc trước khi bắt đầu / the session ends before it starts")]
    Reversed,
    #[error(
        "không cưỡng chế từ {from} đến {to} sáng hôm sau ({citation}) / no coercion at night",
        from = .from.format(HOURS).unwrap_or_default(),
        to = .to.format(HOURS).unwrap_or_default()
    )]
    Night { from: Time, to: Time, citation: String },
    #[error("{} là ngày nghỉ hằng tuần ({citation}) / a weekly rest day", format_vn(*.date))]
    RestDay { date: Date, citation: String },
    #[error("{} là ngày nghỉ: {name_vi} ({citation}) / a public holiday: {name_en}", format_vn(*.date))]
    Holiday { date: Date, name_vi: String, name_en: String, citation: String },
    #[error("{} là ngày nghỉ theo thông báo ({notice}) / an announced day off", format_vn(*.date))]
    AnnouncedDayOff { date: Date, notice: String },
    #[error(
        "trong thời gian 15 ngày trước và sau Tết Nguyên đán ({}, từ {} đến {}) không cưỡng chế có huy động lực lượng ({citation}) / no coercion with mobilised forces near Tết",
        format_vn(*.tet), format_vn(*.from), format_vn(*.to)
    )]
    NearTet { tet: Date, from: Date, to: Date, citation: String },
}

const HOURS: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[hour]:[minute]");

/// Checks a planned session; every reason it breaks is returned, not just the first.
pub fn check_coercion(
    plan: &CoercionPlan,
    calendar: &WorkingCalendar,
    rules: &CoercionRules,
) -> Result<(), Vec<CoercionRefusal>> {
    if plan.ends < plan.starts {
        return Err(vec![CoercionRefusal::Reversed]);
    }
    let mut refusals = Vec::new();
    if at_night(plan, rules) {
        refusals.push(CoercionRefusal::Night {
            from: rules.night_from,
            to: rules.night_to,
            citation: rules.citation.clone(),
        });
    }
    let mut day = plan.starts.date();
    while day <= plan.ends.date() {
        refusals.extend(day_off(day, calendar, rules));
        refusals.extend(near_tet(day, plan, rules));
        day = day.saturating_add(Duration::DAY);
        if day == Date::MAX {
            break;
        }
    }
    refusals.dedup();
    if refusals.is_empty() { Ok(()) } else { Err(refusals) }
}

/// A session must lie within one day's daytime: a session over two days spans a night.
fn at_night(plan: &CoercionPlan, rules: &CoercionRules) -> bool {
    let same_day = plan.starts.date() == plan.ends.date();
    let starts_in_day = plan.starts.time() >= rules.night_to && plan.starts.time() < rules.night_from;
    let ends_in_day = plan.ends.time() > rules.night_to && plan.ends.time() <= rules.night_from;
    !(same_day && starts_in_day && ends_in_day)
}

fn day_off(day: Date, calendar: &WorkingCalendar, rules: &CoercionRules) -> Option<CoercionRefusal> {
    match calendar.day_kind(day) {
        DayKind::Working => None,
        DayKind::RestDay => Some(CoercionRefusal::RestDay {
            date: day,
            citation: format!("{}; {}", rules.citation, calendar.rules().rest_days_citation),
        }),
        DayKind::Holiday(off) => Some(CoercionRefusal::Holiday {
            date: day,
            name_vi: off.rule.name_vi.clone(),
            name_en: off.rule.name_en.clone(),
            citation: format!("{}; {}", rules.citation, off.rule.citation),
        }),
        DayKind::Announced(a) if a.kind == super::AnnouncedKind::DayOff => {
            Some(CoercionRefusal::AnnouncedDayOff { date: day, notice: a.source.clone() })
        }
        DayKind::Announced(_) => None,
    }
}

fn near_tet(day: Date, plan: &CoercionPlan, rules: &CoercionRules) -> Option<CoercionRefusal> {
    let window = rules.tet_window.as_ref()?;
    if day < window.valid_from || (window.only_with_forces && !plan.mobilises_forces) {
        return None;
    }
    // Tết falls between 21/01 and 20/02, so only this solar year's Tết can be within reach.
    let tet = lunar::tet(day.year()).ok()?;
    let from = tet.saturating_sub(Duration::days(i64::from(window.days_before)));
    let to = tet.saturating_add(Duration::days(i64::from(window.days_after)));
    (from <= day && day <= to).then(|| CoercionRefusal::NearTet { tet, from, to, citation: window.citation.clone() })
}
