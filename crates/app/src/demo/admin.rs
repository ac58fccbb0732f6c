//! What an administrator would have entered by the demo's day, so that the administration
//! pages and the audit have something to show: the announced days of the reporting years shown
//! (before the cases, so that their deadlines count them), yearly targets of the national body
//! and the first provinces, a person disabled and enabled again, and a few sign-ins, successful
//! and refused. Each change is written as the application writes it, audited as `demo`.

use serde_json::json;
use thads_core::calendar::{AnnouncedDay, AnnouncedKind};
use thads_core::{Percent, ReportingYear, Role, UnitKind, UnitTree};
use thads_store::{AnnouncedDayRecord, NewAudit, NewSignIn, SignInOutcome, Store, Target};
use time::{Date, Duration, Month, OffsetDateTime, Time};

use crate::actor::Actor;
use crate::error::AppResult;

const ACTOR: &str = "demo";
const SOURCE: &str = "Thông báo nghỉ lễ của Bộ Nội vụ (dữ liệu mẫu / demo data)";

/// Noon of `day` in Vietnam, the instant the demo's entries of that day are made.
fn noon(day: Date) -> OffsetDateTime {
    day.with_time(Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + Duration::hours(12)
}

/// The day off after 30 April–1 May and its make-up Saturday, each year up to `as_of` (the
/// kind of swap the government announces most years).
pub fn announce_days(store: &dyn Store, as_of: Date, years: u32) -> AppResult<()> {
    let last = as_of.year();
    let first = last - i32::try_from(years).unwrap_or(5);
    let mut tx = store.begin()?;
    for year in first..=last {
        let (Ok(off), Ok(back)) =
            (Date::from_calendar_date(year, Month::May, 2), Date::from_calendar_date(year, Month::April, 26))
        else {
            continue;
        };
        for (date, kind) in [(off, AnnouncedKind::DayOff), (back, AnnouncedKind::WorkingDay)] {
            let added_at = noon(Date::from_calendar_date(year, Month::March, 1).unwrap_or(date));
            let day = AnnouncedDay { date, kind, source: SOURCE.into() };
            tx.insert_announced_day(&AnnouncedDayRecord { day: day.clone(), added_by: ACTOR.into(), added_at })?;
            tx.insert_audit(&NewAudit {
                at: added_at,
                actor: ACTOR.into(),
                case: None,
                action: "calendar.add".into(),
                before: None,
                after: Some(json!(day).to_string()),
            })?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Targets, a person disabled and enabled, sign-ins: after the organisation exists.
pub fn settle(store: &dyn Store, as_of: Date) -> AppResult<()> {
    let units = UnitTree::new(store.units()?);
    let actor = Actor { login: ACTOR.into(), at: noon(as_of) };
    let mut chosen: Vec<_> =
        units.all().iter().filter(|u| u.kind == UnitKind::National && u.valid_to.is_none()).collect();
    chosen.extend(units.all().iter().filter(|u| u.kind == UnitKind::Province && u.valid_to.is_none()).take(3));
    let year = ReportingYear::containing(as_of);
    for (i, unit) in chosen.iter().enumerate() {
        let step = i64::try_from(i).unwrap_or(0) * 35;
        for (y, cases, money) in [(year.previous(), 8_180 + step, 4_430 + step), (year, 8_280 + step, 4_580 + step)] {
            let target = Target { unit: unit.id, year: y, cases: Percent(cases), money: Percent(money) };
            crate::targets::set_target(store, &actor, &target, &units)?;
        }
    }
    let staff = store.staff()?;
    let Some(officer) = staff.iter().find(|s| s.role == Role::Officer) else { return Ok(()) };
    let at = |hour: i64, minute: i64| noon(as_of) - Duration::hours(12 - hour) + Duration::minutes(minute);
    crate::accounts::set_active(store, &Actor { at: at(9, 0), ..actor.clone() }, officer.id, false, &units)?;
    crate::accounts::set_active(store, &Actor { at: at(11, 0), ..actor.clone() }, officer.id, true, &units)?;
    let mut tx = store.begin()?;
    let sign_ins = [
        (at(8, 0), officer.login.to_string(), Some(officer.id), SignInOutcome::Refused),
        (at(8, 1), officer.login.to_string(), Some(officer.id), SignInOutcome::Ok),
        (at(9, 30), "chv.khong.co".to_string(), None, SignInOutcome::Refused),
        (at(10, 0), officer.login.to_string(), Some(officer.id), SignInOutcome::Disabled),
        (at(11, 5), officer.login.to_string(), Some(officer.id), SignInOutcome::Ok),
    ];
    for (when, login, id, outcome) in sign_ins {
        tx.insert_sign_in(&NewSignIn { at: when, login, staff: id, address: "10.20.30.40".into(), outcome })?;
    }
    tx.commit()?;
    Ok(())
}
