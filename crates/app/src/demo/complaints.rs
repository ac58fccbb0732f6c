//! The demo's complaints register and citizen reception (issue 20), written through the use
//! cases as an officer would (`complaints::register` and its steps, `reception::*`), so that the
//! audit, the figures and the worklist show them. Proportions after the published provincial
//! reports: about one letter for every hundred cases; most are complaints (denunciations about
//! one in seven), received in person or by mail more than online or forwarded; three in four
//! within the provincial agency's authority (the rest forwarded or guided within days); nearly
//! every one resolved in time ("98–100 %"), most found wrong, some partly right, a few
//! withdrawn; a few repeat letters and second-level complaints; one in ten lodged late. Each
//! provincial head is scheduled once a month and receives citizens in nearly every month;
//! reception staff hold more sessions, some of which produce letters. Only after 01/07/2025:
//! the authority table is that of the one-level organisation the demo builds.

use thads_core::complaints::{
    Channel, ComplaintFacts, ComplaintId, Level, Matter, Object, Outcome, ReferralKind, Resolution, Respondent,
    RespondentRole, deadlines,
};
use thads_core::dates::MonthKey;
use thads_core::reception::{Session, SessionKind};
use thads_core::{Role, UnitKind, UnitTree};
use thads_store::{Referral, Store};
use time::{Date, Duration, OffsetDateTime, Time};

use super::draw::{Streams, between, chance, pick, weighted};
use super::names;
use crate::actor::Actor;
use crate::complaints::{AuthorityBasis, ComplaintSetup, NewLetter, Step, apply_step, register};
use crate::error::AppResult;
use crate::reception::{plan_months, record_session};

/// The register's demo entries have an actor of their own, apart from the administrator's `demo`.
const ACTOR: &str = "demo.complaints";

/// The demo's stream for the register (apart from the cases' and the organisation's).
const STREAM: u64 = u64::MAX - 7;

fn at(day: Date, hour: i64) -> OffsetDateTime {
    day.with_time(Time::MIDNIGHT).assume_offset(crate::clock::VIETNAM) + Duration::hours(hour)
}

fn actor(day: Date) -> Actor {
    Actor { login: ACTOR.into(), at: at(day, 15) }
}

const SUBJECTS: [&str; 8] = [
    "Khiếu nại quyết định cưỡng chế kê biên quyền sử dụng đất",
    "Khiếu nại việc định giá tài sản kê biên thấp hơn giá thị trường",
    "Khiếu nại việc chậm chi trả tiền thi hành án",
    "Khiếu nại quyết định phong tỏa tài khoản",
    "Khiếu nại việc xác minh điều kiện thi hành án không đầy đủ",
    "Khiếu nại thông báo bán đấu giá tài sản",
    "Khiếu nại việc tạm giữ tài sản, giấy tờ",
    "Khiếu nại việc chưa tổ chức thi hành bản án",
];

const DENUNCIATIONS: [&str; 3] = [
    "Tố cáo chấp hành viên có hành vi nhũng nhiễu",
    "Tố cáo chấp hành viên thiếu trách nhiệm trong cưỡng chế",
    "Tố cáo cán bộ tiết lộ thông tin tài sản của đương sự",
];

const VISITS: [&str; 5] = [
    "Hỏi tiến độ thi hành án, thời gian nhận tiền",
    "Phản ánh việc người phải thi hành án tẩu tán tài sản",
    "Đề nghị hoãn cưỡng chế do hoàn cảnh khó khăn",
    "Hỏi thủ tục yêu cầu thi hành án",
    "Kiến nghị về việc định giá tài sản",
];

/// Writes the register and reception of the demo's organisation up to `as_of`, for `cases`
/// cases. Returns (letters, sessions).
pub fn generate(store: &dyn Store, seed: u64, as_of: Date, cases: u64) -> AppResult<(u64, u64)> {
    let units = UnitTree::new(store.units()?);
    let staff = store.staff()?;
    let mut rng = Streams::new(seed).case(STREAM);
    let provinces: Vec<_> =
        units.all().iter().filter(|u| u.kind == UnitKind::Province && u.valid_to.is_none()).cloned().collect();
    if provinces.is_empty() {
        return Ok((0, 0));
    }
    let reform = Date::from_calendar_date(2025, time::Month::July, 1).unwrap_or(as_of);
    let from = reform.max(as_of - Duration::days(540));
    if from >= as_of {
        return Ok((0, 0));
    }
    let span = (as_of - from).whole_days();
    let setup = ComplaintSetup::load(store)?;

    // Reception: each provincial head scheduled once a month, sessions held.
    let mut sessions = Vec::new();
    let first = MonthKey::of(from);
    let last = MonthKey::of(as_of);
    let months: Vec<MonthKey> = (first.0..=last.0).map(MonthKey).collect();
    for province in &provinces {
        let heads: Vec<_> = staff.iter().filter(|s| s.unit == province.id && s.role == Role::Head).cloned().collect();
        let place = format!("Trụ sở tiếp công dân – {}", province.name);
        plan_months(store, &actor(from), province.id, &heads, &months, &place)?;
        let scheduled = store.reception_schedule()?;
        for day in scheduled.iter().filter(|d| d.unit == province.id && d.date <= as_of) {
            // Most months the head sits on the scheduled day; now and then the deputy stands in.
            if !chance(&mut rng, 0.93) {
                continue;
            }
            let session = visit(&mut rng, province.id, day.date, Some(day.head), SessionKind::DinhKy);
            sessions.push(record_session(store, &actor(day.date), session)?);
        }
        let mut day = from;
        while day <= as_of {
            day = day.saturating_add(Duration::days(between(&mut rng, 7, 16)));
            if day > as_of || !setup.calendar().is_working_day(day) {
                continue;
            }
            let kind = if chance(&mut rng, 0.1) { SessionKind::DotXuat } else { SessionKind::DinhKy };
            sessions.push(record_session(store, &actor(day), visit(&mut rng, province.id, day, None, kind))?);
        }
    }
    let sessions_rows = store.reception_sessions()?;

    // Letters.
    let count = (cases / 100).clamp(60, 20_000);
    let mut registered: Vec<(ComplaintId, ComplaintFacts, bool)> = Vec::new();
    for _ in 0..count {
        let Some(province) = pick(&mut rng, &provinces) else { break };
        let regions: Vec<_> = units.children(province.id).into_iter().filter(|u| u.valid_to.is_none()).collect();
        let mut received_on = from + Duration::days(between(&mut rng, 0, span));
        while !setup.calendar().is_working_day(received_on) {
            received_on = received_on.saturating_sub(Duration::DAY);
        }
        if received_on < from {
            continue;
        }
        let denunciation = chance(&mut rng, 0.14);
        let respondent_unit = pick(&mut rng, &regions).map_or(province.id, |r| r.id);
        let role = if chance(&mut rng, 0.06) { RespondentRole::Head } else { RespondentRole::Officer };
        // Three in four letters are sent to the provincial agency; the rest reach a section.
        let receiving = if chance(&mut rng, 0.75) { province.id } else { respondent_unit };
        let channel = weighted(
            &mut rng,
            &[
                (Channel::TrucTiep, 0.42),
                (Channel::BuuChinh, 0.33),
                (Channel::TrucTuyen, 0.1),
                (Channel::ChuyenDen, 0.15),
            ],
        )
        .unwrap_or(Channel::BuuChinh);
        let object = weighted(
            &mut rng,
            &[
                (Object::TruocBienPhap, 0.3),
                (Object::PhongToaTaiKhoan, 0.05),
                (Object::BaoDamKhac, 0.1),
                (Object::CuongChe, 0.4),
                (Object::SauCuongChe, 0.15),
            ],
        )
        .unwrap_or(Object::CuongChe);
        // A third of the letters handed in person are handed at a reception session.
        let mut session = None;
        if channel == Channel::TrucTiep && chance(&mut rng, 0.35) {
            let held: Vec<_> = sessions_rows.iter().filter(|s| s.session.unit == receiving).collect();
            if let Some(s) = pick(&mut rng, &held) {
                received_on = s.session.date;
                session = Some(s.id);
            }
        }
        let late = chance(&mut rng, 0.1);
        let act_on = if denunciation {
            None
        } else if late {
            Some(received_on - Duration::days(between(&mut rng, 45, 120)))
        } else {
            Some(received_on - Duration::days(between(&mut rng, 1, 9)))
        };
        let repeat_of = if chance(&mut rng, 0.07) {
            registered.iter().rev().take(40).find(|(_, f, _)| f.unit == receiving).map(|(id, _, _)| *id)
        } else {
            None
        };
        let facts = ComplaintFacts {
            unit: receiving,
            matter: if denunciation {
                Matter::ToCao { level: Level::First }
            } else {
                Matter::KhieuNai { object, level: Level::First }
            },
            channel,
            received_on,
            complainant: names::person(&mut rng),
            subject: if denunciation {
                pick(&mut rng, &DENUNCIATIONS).copied().unwrap_or_default().into()
            } else {
                pick(&mut rng, &SUBJECTS).copied().unwrap_or_default().into()
            },
            case_id: None,
            act_on,
            obstacle_days: 0,
            same_matter_as: repeat_of,
            within_authority: false,
        };
        let letter = NewLetter {
            facts: facts.clone(),
            authority: AuthorityBasis::Respondent(Respondent { unit: respondent_unit, role }),
            first_decision_of: None,
            session,
        };
        let done = register(store, &actor(received_on), &units, letter)?;
        let within = done.registration.within_authority;
        registered.push((done.id, facts, within));
    }

    // Their steps, as they would have happened by `as_of`.
    let mut second_level = Vec::new();
    for (id, facts, within) in &registered {
        if facts.same_matter_as.is_some() {
            continue;
        }
        let step = |s: Step, day: Date| apply_step(store, &actor(day), &units, *id, &s);
        if !within {
            // Forwarded or guided within a few days; a handful are left waiting.
            let day = setup
                .calendar()
                .add_working_days(facts.received_on, u32::try_from(between(&mut rng, 1, 5)).unwrap_or(3));
            if day <= as_of && chance(&mut rng, 0.96) {
                let kind = if chance(&mut rng, 0.7) { ReferralKind::ChuyenDon } else { ReferralKind::HuongDan };
                let to = if kind == ReferralKind::ChuyenDon {
                    "Thi hành án dân sự tỉnh (Thủ trưởng)"
                } else {
                    "Cơ quan có thẩm quyền"
                };
                step(Step::Refer { date: day, referral: Referral { kind, to: to.into() } }, day)?;
            }
            continue;
        }
        let accepted =
            setup.calendar().add_working_days(facts.received_on, u32::try_from(between(&mut rng, 1, 5)).unwrap_or(3));
        if accepted > as_of {
            continue;
        }
        step(Step::Accept { date: accepted }, accepted)?;
        let Some(record) = store.complaint(*id)? else { continue };
        let limits =
            deadlines(&record.record.facts, &record.record.progress, accepted, &setup.limits, setup.calendar());
        let Some(due) = limits.iter().find(|d| d.step == thads_core::complaints::StepKind::Resolution).map(|d| d.due)
        else {
            continue;
        };
        let mut last = due;
        if chance(&mut rng, 0.05) && due <= as_of {
            step(Step::Extend { days: 20 }, due.min(as_of))?;
            last = due + Duration::days(20);
        }
        // 98 in 100 on time; the rest late or still open.
        let span = (last - accepted).whole_days().max(1);
        let day = if chance(&mut rng, 0.98) {
            accepted + Duration::days(between(&mut rng, span / 3, span))
        } else {
            last + Duration::days(between(&mut rng, 5, 40))
        };
        if day > as_of {
            continue;
        }
        let outcome = weighted(
            &mut rng,
            &[(Outcome::Sai, 0.66), (Outcome::DungMotPhan, 0.14), (Outcome::Dung, 0.08), (Outcome::Rut, 0.12)],
        )
        .unwrap_or(Outcome::Sai);
        step(Step::Resolve(Resolution { date: day, outcome }), day)?;
        if outcome == Outcome::Sai
            && let Matter::KhieuNai { object, .. } = facts.matter
            && !matches!(object, Object::PhongToaTaiKhoan | Object::BaoDamKhac)
            && chance(&mut rng, 0.06)
        {
            second_level.push((*id, facts.clone(), object, day));
        }
    }
    // A few complaints against the first decision, to the head above.
    let mut letters = u64::try_from(registered.len()).unwrap_or(0);
    for (first, facts, object, decided) in second_level {
        let received_on = setup.calendar().add_working_days(decided, 7);
        if received_on > as_of {
            continue;
        }
        let letter = NewLetter {
            facts: ComplaintFacts {
                matter: Matter::KhieuNai { object, level: Level::Second },
                received_on,
                act_on: Some(decided + Duration::days(2)),
                subject: format!("Khiếu nại quyết định giải quyết khiếu nại lần đầu: {}", facts.subject),
                same_matter_as: None,
                channel: Channel::BuuChinh,
                ..facts.clone()
            },
            authority: AuthorityBasis::Respondent(Respondent { unit: facts.unit, role: RespondentRole::Head }),
            first_decision_of: Some(first),
            session: None,
        };
        register(store, &actor(received_on), &units, letter)?;
        letters += 1;
    }
    Ok((letters, u64::try_from(sessions.len()).unwrap_or(0)))
}

fn visit(
    rng: &mut super::draw::DemoRng,
    unit: thads_core::UnitId,
    date: Date,
    head: Option<thads_core::StaffId>,
    kind: SessionKind,
) -> Session {
    let visitors = u32::try_from(between(rng, 1, if head.is_some() { 14 } else { 6 })).unwrap_or(1);
    Session {
        unit,
        date,
        head,
        kind,
        visitors,
        subject: pick(rng, &VISITS).copied().unwrap_or_default().into(),
        result: if chance(rng, 0.8) {
            "Đã giải thích, hướng dẫn công dân".into()
        } else {
            "Tiếp nhận đơn, chuyển bộ phận giải quyết".into()
        },
        complaints: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use std::collections::BTreeSet;

    use thads_core::Rules;
    use thads_core::dates::Period;
    use thads_store::{Complaints, Reception, Units};
    use time::macros::date;

    use super::*;
    use crate::demo::{DemoConfig, generate as demo};
    use crate::progress::Silent;

    #[test]
    fn the_demo_register_has_realistic_proportions() {
        let store = thads_testkit::sqlite_store();
        let as_of = date!(2026 - 11 - 20);
        let mut config = DemoConfig::new(3_000, 7, as_of);
        config.years = 2;
        demo(&store, &Rules::default(), &config, &Silent).unwrap();
        let rows = store.complaints().unwrap();
        let n = rows.len();
        assert!((50..=80).contains(&n), "{n} letters for 3 000 cases");
        let share = |f: &dyn Fn(&thads_store::ComplaintRow) -> bool| rows.iter().filter(|r| f(r)).count() * 100 / n;
        let within = share(&|r| r.record.facts.within_authority);
        assert!((45..=90).contains(&within), "within authority {within}%");
        assert!(share(&|r| r.record.facts.same_matter_as.is_some()) > 0, "repeat letters");
        assert!(share(&|r| r.referral.is_some()) > 5, "forwarded or guided");
        assert!(share(&|r| r.record.facts.matter.kind() == thads_core::complaints::ComplaintKind::ToCao) > 3);
        let units = UnitTree::new(store.units().unwrap());
        let scope: BTreeSet<_> = units.all().iter().map(|u| u.id).collect();
        let period = Period::new(date!(2025 - 10 - 01), as_of).unwrap();
        let stats = crate::complaints::figures(&store, &scope, period, as_of, None).unwrap();
        let rate = stats.resolved_rate.unwrap().hundredths();
        assert!(rate >= 8_000, "resolved {rate}");
        let sessions = store.reception_sessions().unwrap();
        let provinces = units.all().iter().filter(|u| u.kind == UnitKind::Province && u.valid_to.is_none()).count();
        assert!(sessions.len() > provinces * 12, "{} sessions", sessions.len());
        let schedule = store.reception_schedule().unwrap();
        assert!(schedule.len() >= provinces * 12, "a day a month per provincial head");
        assert!(sessions.iter().any(|s| !s.session.complaints.is_empty()), "a session produced a letter");
    }
}
