//! Every time limit of domain §6.1 on both sides of its last day and of 01/07/2026, the
//! authority table on both sides of 01/07/2025, the checks of each step, and the figures.
//! Dates are chosen in June–August 2026, where the only days off are weekends.

use time::Date;
use time::macros::date;

use super::*;
use crate::calendar::{Announcements, WorkingCalendar};
use crate::confidence::Confidence;
use crate::dates::Period;
use crate::deadlines::Regime;
use crate::unit::{Unit, UnitCode, UnitId, UnitKind, UnitTree};

fn calendar() -> WorkingCalendar {
    WorkingCalendar::vietnam(Announcements::none()).unwrap()
}

const fn complaint(object: Object, level: Level) -> Matter {
    Matter::KhieuNai { object, level }
}

fn facts(matter: Matter, received_on: Date, act_on: Option<Date>) -> ComplaintFacts {
    ComplaintFacts {
        unit: UnitId(2),
        matter,
        channel: Channel::TrucTiep,
        received_on,
        complainant: "Nguyễn Văn An".into(),
        subject: "Khiếu nại quyết định kê biên".into(),
        case_id: None,
        act_on,
        obstacle_days: 0,
        same_matter_as: None,
        within_authority: true,
    }
}

use Level::{First, Second};
use Object::*;

/// (object, level, act_on, last day to complain, rule id, citation fragment).
const LIMITATION: &[(Object, Level, Date, Date, &str, &str)] = &[
    (
        TruocBienPhap,
        First,
        date!(2026 - 06 - 10),
        date!(2026 - 06 - 25),
        "old.limitation.truoc_bien_phap",
        "140 khoản 2 điểm a",
    ),
    // Three working days from a Friday: Wednesday (three calendar days would end on Monday).
    (
        PhongToaTaiKhoan,
        First,
        date!(2026 - 06 - 12),
        date!(2026 - 06 - 17),
        "old.limitation.phong_toa_tai_khoan",
        "điểm b",
    ),
    // 10 days end on Saturday 20/06: the last day moves to Monday.
    (BaoDamKhac, First, date!(2026 - 06 - 10), date!(2026 - 06 - 22), "old.limitation.bao_dam_khac", "điểm b đoạn 2"),
    (CuongChe, First, date!(2026 - 06 - 10), date!(2026 - 07 - 10), "old.limitation.cuong_che", "điểm c"),
    (SauCuongChe, First, date!(2026 - 06 - 10), date!(2026 - 07 - 10), "old.limitation.sau_cuong_che", "điểm d"),
    (CuongChe, Second, date!(2026 - 06 - 10), date!(2026 - 06 - 25), "old.limitation.next", "đoạn cuối"),
    // The day before the new law: still the old rule.
    (TruocBienPhap, First, date!(2026 - 06 - 30), date!(2026 - 07 - 15), "old.limitation.truoc_bien_phap", "140"),
    (TruocBienPhap, First, date!(2026 - 07 - 01), date!(2026 - 07 - 16), "new.limitation.truoc_bien_phap", "106/2025"),
    (TruocBienPhap, First, date!(2026 - 07 - 08), date!(2026 - 07 - 23), "new.limitation.truoc_bien_phap", "106/2025"),
    (
        PhongToaTaiKhoan,
        First,
        date!(2026 - 07 - 10),
        date!(2026 - 07 - 15),
        "new.limitation.phong_toa_tai_khoan",
        "106/2025",
    ),
    (BaoDamKhac, First, date!(2026 - 07 - 08), date!(2026 - 07 - 20), "new.limitation.bao_dam_khac", "106/2025"),
    (CuongChe, First, date!(2026 - 07 - 08), date!(2026 - 08 - 07), "new.limitation.cuong_che", "106/2025"),
    (SauCuongChe, First, date!(2026 - 07 - 08), date!(2026 - 08 - 07), "new.limitation.sau_cuong_che", "106/2025"),
    (SauCuongChe, Second, date!(2026 - 07 - 08), date!(2026 - 07 - 23), "new.limitation.next", "106/2025"),
];

#[test]
fn a_complaint_after_its_limitation_period_is_registered_late_with_the_citation() {
    let limits = default_limits();
    let cal = calendar();
    for &(object, level, act, last, id, cite) in LIMITATION {
        let on_time = facts(complaint(object, level), last, Some(act));
        let due = limitation(&on_time, &limits, &cal).unwrap();
        assert_eq!((due.due, due.limit.id.as_str()), (last, id), "{object:?} {level:?} {act}");
        assert!(due.limit.citation.contains(cite), "{id}: {}", due.limit.citation);
        let new = due.limit.regime == Regime::New;
        assert_eq!(due.limit.must_verify, new, "{id}");
        assert_eq!(due.limit.confidence, if new { Confidence::Unconfirmed } else { Confidence::Confirmed }, "{id}");
        assert!(!is_late(&on_time, &limits, &cal), "{id} on its last day");
        let late = ComplaintFacts { received_on: last.next_day().unwrap(), ..on_time };
        assert!(is_late(&late, &limits, &cal), "{id} the day after");
        let answer = registration(&late, &limits, &cal);
        assert!(answer.late && answer.limitation_due == Some(last));
        assert_eq!(answer.limitation_citation.as_deref(), Some(due.limit.citation.as_str()));
        // Late, and still registered with its own time limits.
        assert!(answer.due.is_some() && answer.citation.is_some());
    }
}

#[test]
fn obstacle_days_are_not_counted_and_denunciations_have_no_limitation() {
    let (limits, cal) = (default_limits(), calendar());
    let mut f = facts(complaint(TruocBienPhap, First), date!(2026 - 06 - 30), Some(date!(2026 - 06 - 10)));
    assert!(is_late(&f, &limits, &cal));
    f.obstacle_days = 5;
    let due = limitation(&f, &limits, &cal).unwrap();
    assert_eq!((due.started_on, due.due), (date!(2026 - 06 - 10), date!(2026 - 06 - 30)));
    assert!(!is_late(&f, &limits, &cal));
    f.received_on = date!(2026 - 07 - 01);
    assert!(is_late(&f, &limits, &cal));
    // An obstacle that pushes the end past 01/07/2026 keeps the act's (old) rule.
    f.obstacle_days = 25;
    let due = limitation(&f, &limits, &cal).unwrap();
    assert_eq!((due.due, due.limit.id.as_str()), (date!(2026 - 07 - 20), "old.limitation.truoc_bien_phap"));
    let denunciation = facts(Matter::ToCao { level: First }, date!(2030 - 01 - 01), Some(date!(2020 - 01 - 01)));
    assert!(limitation(&denunciation, &limits, &cal).is_none() && !is_late(&denunciation, &limits, &cal));
    // Unknown act date: nothing to judge.
    assert!(!is_late(&facts(complaint(CuongChe, First), date!(2030 - 01 - 01), None), &limits, &cal));
}

/// (matter, accepted_on, last day to resolve, rule id).
const RESOLUTION: &[(Matter, Date, Date, &str)] = &[
    (
        complaint(TruocBienPhap, First),
        date!(2026 - 06 - 10),
        date!(2026 - 06 - 25),
        "old.resolution.truoc_bien_phap.first",
    ),
    (
        complaint(TruocBienPhap, Second),
        date!(2026 - 06 - 10),
        date!(2026 - 07 - 10),
        "old.resolution.truoc_bien_phap.second",
    ),
    (
        complaint(PhongToaTaiKhoan, First),
        date!(2026 - 06 - 10),
        date!(2026 - 06 - 17),
        "old.resolution.phong_toa_tai_khoan.first",
    ),
    (complaint(BaoDamKhac, First), date!(2026 - 06 - 10), date!(2026 - 06 - 17), "old.resolution.bao_dam_khac.first"),
    (complaint(CuongChe, First), date!(2026 - 06 - 10), date!(2026 - 07 - 10), "old.resolution.cuong_che.first"),
    // 45 days end on Saturday 25/07.
    (complaint(CuongChe, Second), date!(2026 - 06 - 10), date!(2026 - 07 - 27), "old.resolution.cuong_che.second"),
    (complaint(SauCuongChe, First), date!(2026 - 06 - 10), date!(2026 - 06 - 25), "old.resolution.sau_cuong_che.first"),
    (
        complaint(SauCuongChe, Second),
        date!(2026 - 06 - 10),
        date!(2026 - 07 - 10),
        "old.resolution.sau_cuong_che.second",
    ),
    (Matter::ToCao { level: First }, date!(2026 - 06 - 10), date!(2026 - 08 - 10), "old.denunciation.resolution"),
    (
        complaint(TruocBienPhap, First),
        date!(2026 - 06 - 30),
        date!(2026 - 07 - 15),
        "old.resolution.truoc_bien_phap.first",
    ),
    (
        complaint(TruocBienPhap, First),
        date!(2026 - 07 - 01),
        date!(2026 - 07 - 16),
        "new.resolution.truoc_bien_phap.first",
    ),
    (
        complaint(TruocBienPhap, Second),
        date!(2026 - 07 - 08),
        date!(2026 - 08 - 07),
        "new.resolution.truoc_bien_phap.second",
    ),
    (
        complaint(PhongToaTaiKhoan, First),
        date!(2026 - 07 - 08),
        date!(2026 - 07 - 15),
        "new.resolution.phong_toa_tai_khoan.first",
    ),
    (complaint(BaoDamKhac, First), date!(2026 - 07 - 08), date!(2026 - 07 - 15), "new.resolution.bao_dam_khac.first"),
    (complaint(CuongChe, First), date!(2026 - 07 - 08), date!(2026 - 08 - 07), "new.resolution.cuong_che.first"),
    (complaint(CuongChe, Second), date!(2026 - 07 - 08), date!(2026 - 08 - 24), "new.resolution.cuong_che.second"),
    (complaint(SauCuongChe, First), date!(2026 - 07 - 08), date!(2026 - 07 - 23), "new.resolution.sau_cuong_che.first"),
    (
        complaint(SauCuongChe, Second),
        date!(2026 - 07 - 08),
        date!(2026 - 08 - 07),
        "new.resolution.sau_cuong_che.second",
    ),
    (Matter::ToCao { level: First }, date!(2026 - 07 - 08), date!(2026 - 09 - 07), "new.denunciation.resolution"),
];

fn resolution_deadline(f: &ComplaintFacts, p: &Progress, on: Date) -> Option<(Date, bool, String)> {
    let (limits, cal) = (default_limits(), calendar());
    deadlines(f, p, on, &limits, &cal)
        .into_iter()
        .find(|d| d.step == StepKind::Resolution)
        .map(|d| (d.due, d.overdue, d.limit.id.clone()))
}

#[test]
fn every_time_limit_to_resolve_per_level_and_regime() {
    for &(matter, accepted, last, id) in RESOLUTION {
        let f = facts(matter, accepted, None);
        let p = Progress { accepted_on: Some(accepted), ..Progress::default() };
        assert_eq!(resolution_deadline(&f, &p, last), Some((last, false, id.to_string())), "{id} on its last day");
        let after = last.next_day().unwrap();
        assert_eq!(resolution_deadline(&f, &p, after), Some((last, true, id.to_string())), "{id} the day after");
        let resolved = Progress { resolution: Some(Resolution { date: last, outcome: Outcome::Sai }), ..p };
        assert_eq!(resolution_deadline(&f, &resolved, after), None, "{id} resolved");
    }
}

#[test]
fn a_protective_measure_has_no_second_level() {
    let limits = default_limits();
    for object in [PhongToaTaiKhoan, BaoDamKhac] {
        assert!(limits.get(LimitKind::Resolution { object, level: Second }, Regime::Old).is_none());
        let f = facts(complaint(object, Second), date!(2026 - 06 - 10), None);
        assert_eq!(f.checked(date!(2026 - 06 - 10)), Err(ComplaintError::NoSecondLevel(object)));
    }
    assert!(facts(complaint(CuongChe, Second), date!(2026 - 06 - 10), None).checked(date!(2026 - 06 - 10)).is_ok());
}

#[test]
fn acceptance_then_resolution_from_the_assumed_or_recorded_acceptance() {
    // Received Wednesday 10/06/2026: accept within 5 working days (17/06), resolve 15 days
    // after acceptance.
    let f = facts(complaint(TruocBienPhap, First), date!(2026 - 06 - 10), None);
    let (limits, cal) = (default_limits(), calendar());
    let open = deadlines(&f, &Progress::default(), date!(2026 - 06 - 18), &limits, &cal);
    let steps: Vec<_> = open.iter().map(|d| (d.step, d.due, d.overdue, d.assumed_start)).collect();
    assert_eq!(
        steps,
        vec![
            (StepKind::Acceptance, date!(2026 - 06 - 17), true, false),
            (StepKind::Resolution, date!(2026 - 07 - 02), false, true),
        ]
    );
    let accepted = Progress { accepted_on: Some(date!(2026 - 06 - 12)), ..Progress::default() };
    assert_eq!(
        resolution_deadline(&f, &accepted, date!(2026 - 06 - 18)),
        Some((date!(2026 - 06 - 29), false, "old.resolution.truoc_bien_phap.first".into()))
    );
    // Second level: 10 days to accept (ends Saturday 20/06, so Monday 22/06); denunciation: 7
    // working days.
    for (matter, due) in
        [(complaint(CuongChe, Second), date!(2026 - 06 - 22)), (Matter::ToCao { level: First }, date!(2026 - 06 - 19))]
    {
        let f = facts(matter, date!(2026 - 06 - 10), None);
        let first = deadlines(&f, &Progress::default(), date!(2026 - 06 - 10), &limits, &cal)[0];
        assert_eq!((first.step, first.due), (StepKind::Acceptance, due), "{matter:?}");
    }
    let answer = registration(&f, &limits, &cal);
    assert_eq!(answer.due, Some(date!(2026 - 07 - 02)));
    assert!(answer.citation.unwrap().contains("Điều 146 khoản 1"));
}

#[test]
fn an_extension_adds_at_most_thirty_days_to_the_last_day() {
    let mut record = ComplaintRecord {
        id: ComplaintId(1),
        facts: facts(complaint(CuongChe, First), date!(2026 - 06 - 10), None),
        progress: Progress { accepted_on: Some(date!(2026 - 06 - 10)), ..Progress::default() },
    };
    let limits = default_limits();
    let on = date!(2026 - 06 - 20);
    assert!(check_extension(&record, 30, &limits, on).is_ok());
    assert_eq!(check_extension(&record, 31, &limits, on), Err(ComplaintError::Extension { max: 30 }));
    assert_eq!(check_extension(&record, 0, &limits, on), Err(ComplaintError::Extension { max: 30 }));
    record.progress.extension_days = 30;
    // 10/07 + 30 days = Sunday 09/08, so Monday 10/08.
    let due = resolution_deadline(&record.facts, &record.progress, date!(2026 - 08 - 10)).unwrap();
    assert_eq!((due.0, due.1), (date!(2026 - 08 - 10), false));
    assert!(resolution_deadline(&record.facts, &record.progress, date!(2026 - 08 - 11)).unwrap().1);
    // A denunciation may run 90 days in all.
    let denunciation =
        ComplaintRecord { facts: facts(Matter::ToCao { level: First }, date!(2026 - 06 - 10), None), ..record };
    assert!(check_extension(&denunciation, 30, &limits, on).is_ok());
    assert!(check_extension(&denunciation, 31, &limits, on).is_err());
}

#[test]
fn a_letter_outside_authority_is_referred_within_five_working_days() {
    let mut f = facts(complaint(TruocBienPhap, First), date!(2026 - 06 - 10), None);
    f.within_authority = false;
    let (limits, cal) = (default_limits(), calendar());
    let due = |on| {
        deadlines(&f, &Progress::default(), on, &limits, &cal)
            .into_iter()
            .map(|d| (d.step, d.due, d.overdue))
            .collect::<Vec<_>>()
    };
    assert_eq!(due(date!(2026 - 06 - 17)), vec![(StepKind::Referral, date!(2026 - 06 - 17), false)]);
    assert_eq!(due(date!(2026 - 06 - 18)), vec![(StepKind::Referral, date!(2026 - 06 - 17), true)]);
    let answer = registration(&f, &limits, &cal);
    assert!(!answer.within_authority);
    assert!(answer.citation.unwrap().contains("NĐ 62/2015/NĐ-CP (sửa đổi NĐ 152/2024) Điều 38 khoản 1"));
    let referred = Progress { referred_on: Some(date!(2026 - 06 - 15)), ..Progress::default() };
    assert!(deadlines(&f, &referred, date!(2026 - 06 - 18), &limits, &cal).is_empty());
    // Under the new law the same five working days, to be verified.
    let new = limits.get(LimitKind::Referral { kind: ComplaintKind::KhieuNai }, Regime::New).unwrap();
    assert_eq!((new.length, new.must_verify), (crate::deadlines::Length::working_days(5), true));
}

#[test]
fn a_repeat_letter_has_no_deadlines_and_takes_no_steps() {
    let mut record = ComplaintRecord {
        id: ComplaintId(2),
        facts: facts(complaint(TruocBienPhap, First), date!(2026 - 06 - 10), None),
        progress: Progress::default(),
    };
    record.facts.same_matter_as = Some(ComplaintId(1));
    let (limits, cal) = (default_limits(), calendar());
    assert!(deadlines(&record.facts, &record.progress, date!(2026 - 09 - 01), &limits, &cal).is_empty());
    let today = date!(2026 - 06 - 20);
    assert_eq!(check_acceptance(&record, today, today), Err(ComplaintError::Linked(ComplaintId(1))));
    let decision = Resolution { date: today, outcome: Outcome::Dung };
    assert_eq!(check_resolution(&record, decision, today), Err(ComplaintError::Linked(ComplaintId(1))));
}

#[test]
fn steps_are_checked_against_the_record_and_today() {
    let today = date!(2026 - 06 - 20);
    let mut record = ComplaintRecord {
        id: ComplaintId(3),
        facts: facts(complaint(TruocBienPhap, First), date!(2026 - 06 - 10), None),
        progress: Progress::default(),
    };
    assert_eq!(
        check_acceptance(&record, date!(2026 - 06 - 09), today),
        Err(ComplaintError::BeforeReceipt(date!(2026 - 06 - 09)))
    );
    assert_eq!(
        check_acceptance(&record, date!(2026 - 06 - 21), today),
        Err(ComplaintError::InFuture(date!(2026 - 06 - 21)))
    );
    assert!(check_acceptance(&record, date!(2026 - 06 - 11), today).is_ok());
    assert_eq!(check_referral(&record, today, today), Err(ComplaintError::WithinAuthority));
    record.progress.accepted_on = Some(date!(2026 - 06 - 12));
    assert_eq!(check_acceptance(&record, today, today), Err(ComplaintError::AlreadyAccepted));
    let early = Resolution { date: date!(2026 - 06 - 11), outcome: Outcome::Dung };
    assert_eq!(check_resolution(&record, early, today), Err(ComplaintError::BeforeAcceptance(date!(2026 - 06 - 12))));
    let decision = Resolution { date: today, outcome: Outcome::DungMotPhan };
    assert!(check_resolution(&record, decision, today).is_ok());
    record.progress.resolution = Some(decision);
    assert_eq!(check_resolution(&record, decision, today), Err(ComplaintError::AlreadyResolved));
    // Outside authority: no decision, but a withdrawal is always possible.
    let mut outside = ComplaintRecord { progress: Progress::default(), ..record };
    outside.facts.within_authority = false;
    assert_eq!(check_resolution(&outside, decision, today), Err(ComplaintError::NotWithinAuthority));
    assert!(check_resolution(&outside, Resolution { date: today, outcome: Outcome::Rut }, today).is_ok());
    assert!(check_referral(&outside, today, today).is_ok());
    assert_eq!(check_acceptance(&outside, today, today), Err(ComplaintError::NotWithinAuthority));
}

#[test]
fn registered_facts_are_normalised_and_bounded() {
    let today = date!(2026 - 06 - 20);
    let mut f = facts(complaint(TruocBienPhap, First), date!(2026 - 06 - 10), Some(date!(2026 - 06 - 01)));
    f.complainant = "  Trần Thị Bình ".into();
    assert_eq!(f.clone().checked(today).unwrap().complainant, "Trần Thị Bình");
    // Names lose invisible formatting (core::field); control characters are refused.
    let hidden = ComplaintFacts { complainant: "A\u{200B}n".into(), ..f.clone() };
    assert_eq!(hidden.checked(today).unwrap().complainant, "An");
    let bad = ComplaintFacts { complainant: "A\u{0}n".into(), ..f.clone() };
    assert!(matches!(bad.checked(today), Err(ComplaintError::Field(_))));
    let long = ComplaintFacts { subject: "x".repeat(crate::field::SUBJECT.max_chars + 1), ..f.clone() };
    assert!(matches!(long.checked(today), Err(ComplaintError::Field(_))));
    let future = ComplaintFacts { received_on: date!(2026 - 06 - 21), ..f.clone() };
    assert_eq!(future.checked(today), Err(ComplaintError::ReceivedInFuture(date!(2026 - 06 - 21))));
    let act_after = ComplaintFacts { act_on: Some(date!(2026 - 06 - 11)), ..f.clone() };
    assert_eq!(act_after.checked(today), Err(ComplaintError::ActAfterReceipt(date!(2026 - 06 - 11))));
    let obstacle = ComplaintFacts { obstacle_days: OBSTACLE_MAX + 1, ..f };
    assert_eq!(obstacle.checked(today), Err(ComplaintError::ObstacleTooLong));
}

#[test]
fn the_built_in_limits_cover_every_object_and_level_in_both_regimes() {
    let limits = default_limits();
    for regime in Regime::ALL {
        for object in Object::ALL {
            assert!(limits.get(LimitKind::Limitation { object }, regime).is_some());
            assert!(limits.get(LimitKind::Resolution { object, level: First }, regime).is_some());
            let second = !matches!(object, PhongToaTaiKhoan | BaoDamKhac);
            assert_eq!(limits.get(LimitKind::Resolution { object, level: Second }, regime).is_some(), second);
        }
        for kind in ComplaintKind::ALL {
            assert!(limits.get(LimitKind::Referral { kind }, regime).is_some());
        }
    }
    assert_eq!(limits.rows().len(), 44);
    for row in limits.rows() {
        assert!(row.id.starts_with(row.regime.code()) && !row.citation.is_empty(), "{}", row.id);
        assert_eq!(row.must_verify, row.regime == Regime::New, "{}", row.id);
    }
}

// ---- Authority ----

fn unit(id: i64, code: &str, kind: UnitKind, parent: Option<i64>, to: Option<Date>, successor: Option<i64>) -> Unit {
    Unit {
        id: UnitId(id),
        code: UnitCode::new(code).unwrap(),
        name: code.into(),
        kind,
        parent: parent.map(UnitId),
        valid_from: None,
        valid_to: to,
        successor: successor.map(UnitId),
    }
}

/// VN ← BG ← {BG-H1 (district, closed 30/06/2025, taken over by BG-KV1), BG-KV1 (region)}.
fn tree() -> UnitTree {
    UnitTree::new(vec![
        unit(1, "VN", UnitKind::National, None, None, None),
        unit(2, "BG", UnitKind::Province, Some(1), None, None),
        unit(3, "BG-H1", UnitKind::District, Some(2), Some(date!(2025 - 06 - 30)), Some(4)),
        unit(4, "BG-KV1", UnitKind::Region, Some(2), None, None),
    ])
}

#[test]
fn who_resolves_against_whom_on_both_sides_of_the_one_level_reform() {
    use RespondentRole::{Head, Officer};
    let (rules, tree) = (AuthorityRules::default(), tree());
    let before = date!(2025 - 06 - 30);
    let after = date!(2025 - 07 - 01);
    let kn = |level| complaint(TruocBienPhap, level);
    let tc = |level| Matter::ToCao { level };
    // (respondent unit, role, matter, day, resolver, confidence)
    let rows = [
        (3, Officer, kn(First), before, Resolver::Unit(UnitId(3)), Confidence::Confirmed),
        (3, Officer, kn(Second), before, Resolver::Unit(UnitId(2)), Confidence::Confirmed),
        (3, Head, kn(First), before, Resolver::Unit(UnitId(2)), Confidence::Confirmed),
        (3, Head, kn(Second), before, Resolver::Unit(UnitId(1)), Confidence::Confirmed),
        (2, Officer, kn(First), before, Resolver::Unit(UnitId(2)), Confidence::Confirmed),
        (2, Officer, kn(Second), before, Resolver::Unit(UnitId(1)), Confidence::Confirmed),
        (2, Head, kn(First), before, Resolver::Unit(UnitId(1)), Confidence::Confirmed),
        (2, Head, kn(Second), before, Resolver::Minister, Confidence::Confirmed),
        // The closed district office's officer now answers to the province through its region.
        (3, Officer, kn(First), after, Resolver::Unit(UnitId(2)), Confidence::Inferred),
        (4, Officer, kn(First), after, Resolver::Unit(UnitId(2)), Confidence::Inferred),
        (4, Officer, kn(Second), after, Resolver::Unit(UnitId(1)), Confidence::Inferred),
        (4, Head, kn(First), after, Resolver::Unit(UnitId(2)), Confidence::Inferred),
        (2, Head, kn(First), after, Resolver::Unit(UnitId(1)), Confidence::Inferred),
        (2, Head, kn(Second), after, Resolver::Minister, Confidence::Inferred),
        (3, Officer, tc(First), before, Resolver::Unit(UnitId(3)), Confidence::Confirmed),
        (3, Head, tc(First), before, Resolver::Unit(UnitId(2)), Confidence::Confirmed),
        (2, Head, tc(First), before, Resolver::Unit(UnitId(1)), Confidence::Confirmed),
        (4, Officer, tc(First), after, Resolver::Unit(UnitId(2)), Confidence::Inferred),
        (4, Officer, tc(Second), after, Resolver::Unit(UnitId(1)), Confidence::Inferred),
    ];
    for (unit, role, matter, day, resolver, confidence) in rows {
        let respondent = Respondent { unit: UnitId(unit), role };
        let a = rules.resolver(&tree, respondent, matter, day).unwrap();
        assert_eq!((a.resolver, a.rule.confidence), (resolver, confidence), "{unit} {role:?} {matter:?} {day}");
        assert!(!a.rule.citation.is_empty());
        if let Resolver::Unit(u) = resolver {
            assert!(a.within(u));
        }
    }
    // A regional section receiving a complaint about its own officer forwards it to the province.
    let a = rules.resolver(&tree, Respondent { unit: UnitId(4), role: Officer }, kn(First), after).unwrap();
    assert!(!a.within(UnitId(4)) && a.within(UnitId(2)));
    // The Minister's complaints are within no agency's authority.
    let m = rules.resolver(&tree, Respondent { unit: UnitId(2), role: Head }, kn(Second), after).unwrap();
    assert!(!m.within(UnitId(1)));
}

#[test]
fn authority_outside_the_table_is_an_error_not_a_guess() {
    let (rules, tree) = (AuthorityRules::default(), tree());
    let on = date!(2025 - 08 - 01);
    let national = Respondent { unit: UnitId(1), role: RespondentRole::Officer };
    assert!(matches!(
        rules.resolver(&tree, national, complaint(CuongChe, First), on),
        Err(AuthorityError::NoRule { unit_kind: UnitKind::National, .. })
    ));
    let ghost = Respondent { unit: UnitId(99), role: RespondentRole::Officer };
    assert_eq!(
        rules.resolver(&tree, ghost, complaint(CuongChe, First), on).unwrap_err(),
        AuthorityError::UnknownUnit(UnitId(99))
    );
    // A region in the two-level table is a data error.
    let region = Respondent { unit: UnitId(4), role: RespondentRole::Officer };
    assert!(rules.resolver(&tree, region, complaint(CuongChe, First), date!(2025 - 06 - 30)).is_err());
}

// ---- Figures ----

fn record(id: i64, matter: Matter, received: Date, within: bool, progress: Progress) -> ComplaintRecord {
    let mut f = facts(matter, received, None);
    f.within_authority = within;
    ComplaintRecord { id: ComplaintId(id), facts: f, progress }
}

fn resolved(accepted: Date, date: Date, outcome: Outcome) -> Progress {
    Progress { accepted_on: Some(accepted), resolution: Some(Resolution { date, outcome }), ..Progress::default() }
}

fn sample() -> Vec<ComplaintRecord> {
    let kn = complaint(TruocBienPhap, First);
    let open = |accepted| Progress { accepted_on: Some(accepted), ..Progress::default() };
    vec![
        // Carried over from May, resolved in June.
        record(
            1,
            kn,
            date!(2026 - 05 - 20),
            true,
            resolved(date!(2026 - 05 - 21), date!(2026 - 06 - 03), Outcome::Dung),
        ),
        // Resolved in May: not in June's figures.
        record(
            2,
            kn,
            date!(2026 - 05 - 04),
            true,
            resolved(date!(2026 - 05 - 05), date!(2026 - 05 - 15), Outcome::Sai),
        ),
        // June: resolved, withdrawn, open and overdue by 30/06, open and not yet due.
        record(
            3,
            kn,
            date!(2026 - 06 - 02),
            true,
            resolved(date!(2026 - 06 - 03), date!(2026 - 06 - 12), Outcome::DungMotPhan),
        ),
        record(
            4,
            kn,
            date!(2026 - 06 - 03),
            true,
            resolved(date!(2026 - 06 - 04), date!(2026 - 06 - 08), Outcome::Rut),
        ),
        record(5, kn, date!(2026 - 06 - 01), true, open(date!(2026 - 06 - 01))),
        record(6, kn, date!(2026 - 06 - 25), true, open(date!(2026 - 06 - 26))),
        // Outside authority: received, not to resolve.
        record(7, kn, date!(2026 - 06 - 05), false, Progress::default()),
        // A denunciation resolved in June.
        record(
            8,
            Matter::ToCao { level: First },
            date!(2026 - 06 - 09),
            true,
            resolved(date!(2026 - 06 - 10), date!(2026 - 06 - 29), Outcome::Sai),
        ),
        // July: outside the period.
        record(9, kn, date!(2026 - 07 - 01), true, Progress::default()),
    ]
}

#[test]
fn figures_of_a_period_count_each_matter_once() {
    let (limits, cal) = (default_limits(), calendar());
    let june = Period::new(date!(2026 - 06 - 01), date!(2026 - 06 - 30)).unwrap();
    let today = date!(2026 - 07 - 15);
    let mut records = sample();
    let stats = |records: &[ComplaintRecord], kind, rules: &StatsRules| {
        complaint_stats(records, june, today, kind, &limits, &cal, rules)
    };
    let s = stats(&records, None, &StatsRules::default());
    assert_eq!((s.received, s.within_authority, s.carried_over), (6, 6, 1));
    assert_eq!((s.resolved, s.withdrawn, s.overdue), (4, 1, 1));
    assert_eq!(s.resolved_rate.unwrap().to_string(), "66.67");
    // A second letter about matter 5 is linked, not counted again.
    let mut repeat = record(10, complaint(TruocBienPhap, First), date!(2026 - 06 - 20), true, Progress::default());
    repeat.facts.same_matter_as = Some(ComplaintId(5));
    records.push(repeat);
    assert_eq!(stats(&records, None, &StatsRules::default()), s);
    // Complaints only; withdrawals leave the matters to resolve when the rule says so.
    let k = stats(&records, Some(ComplaintKind::KhieuNai), &StatsRules::default());
    assert_eq!((k.received, k.within_authority, k.resolved), (5, 5, 3));
    let strict = StatsRules { withdrawal_resolves: false, ..StatsRules::default() };
    let w = stats(&records, None, &strict);
    assert_eq!((w.within_authority, w.resolved, w.withdrawn), (5, 3, 0));
    assert_eq!(w.resolved_rate.unwrap().to_string(), "60.00");
}

#[test]
fn overdue_is_judged_on_the_last_day_counted_and_an_empty_period_has_no_rate() {
    let (limits, cal) = (default_limits(), calendar());
    let records = sample();
    // Matter 5 (accepted 01/06) is due 16/06: open on 16/06 is not overdue, on 17/06 it is.
    let period = |to| Period::new(date!(2026 - 06 - 01), to).unwrap();
    let on = |to| complaint_stats(&records, period(to), to, None, &limits, &cal, &StatsRules::default()).overdue;
    assert_eq!((on(date!(2026 - 06 - 16)), on(date!(2026 - 06 - 17))), (0, 1));
    // A period counted before today stops at today.
    let early = complaint_stats(
        &records,
        period(date!(2026 - 06 - 30)),
        date!(2026 - 06 - 16),
        None,
        &limits,
        &cal,
        &StatsRules::default(),
    );
    assert_eq!((early.overdue, early.received), (0, 5));
    let empty = Period::new(date!(2020 - 01 - 01), date!(2020 - 01 - 31)).unwrap();
    let none = complaint_stats(&records, empty, date!(2026 - 07 - 15), None, &limits, &cal, &StatsRules::default());
    assert_eq!((none.within_authority, none.resolved_rate), (0, None));
}

/// (matter, within authority, received on, step, last day, rule id): acceptance and referral on
/// the last day of the old law and the first of the new one.
const RECEIPT_LIMITS: &[(Matter, bool, Date, StepKind, Date, &str)] = &[
    // Five working days from Tuesday 30/06/2026: Tuesday 07/07.
    (
        complaint(CuongChe, First),
        true,
        date!(2026 - 06 - 30),
        StepKind::Acceptance,
        date!(2026 - 07 - 07),
        "old.acceptance.first",
    ),
    (
        complaint(CuongChe, First),
        true,
        date!(2026 - 07 - 01),
        StepKind::Acceptance,
        date!(2026 - 07 - 08),
        "new.acceptance.first",
    ),
    // Ten days: Friday 10/07; from 01/07 they end on Saturday 11/07, moved to Monday.
    (
        complaint(CuongChe, Second),
        true,
        date!(2026 - 06 - 30),
        StepKind::Acceptance,
        date!(2026 - 07 - 10),
        "old.acceptance.second",
    ),
    (
        complaint(CuongChe, Second),
        true,
        date!(2026 - 07 - 01),
        StepKind::Acceptance,
        date!(2026 - 07 - 13),
        "new.acceptance.second",
    ),
    // Seven working days.
    (
        Matter::ToCao { level: First },
        true,
        date!(2026 - 06 - 30),
        StepKind::Acceptance,
        date!(2026 - 07 - 09),
        "old.denunciation.acceptance",
    ),
    (
        Matter::ToCao { level: First },
        true,
        date!(2026 - 07 - 01),
        StepKind::Acceptance,
        date!(2026 - 07 - 10),
        "new.denunciation.acceptance",
    ),
    // Referral of a letter outside authority: five working days.
    (
        complaint(TruocBienPhap, First),
        false,
        date!(2026 - 06 - 30),
        StepKind::Referral,
        date!(2026 - 07 - 07),
        "old.referral.khieu_nai",
    ),
    (
        complaint(TruocBienPhap, First),
        false,
        date!(2026 - 07 - 01),
        StepKind::Referral,
        date!(2026 - 07 - 08),
        "new.referral.khieu_nai",
    ),
    (
        Matter::ToCao { level: First },
        false,
        date!(2026 - 06 - 30),
        StepKind::Referral,
        date!(2026 - 07 - 07),
        "old.referral.to_cao",
    ),
    (
        Matter::ToCao { level: First },
        false,
        date!(2026 - 07 - 01),
        StepKind::Referral,
        date!(2026 - 07 - 08),
        "new.referral.to_cao",
    ),
];

#[test]
fn acceptance_and_referral_on_both_sides_of_their_last_day_and_of_the_new_law() {
    let (limits, cal) = (default_limits(), calendar());
    for &(matter, within, received, step, last, id) in RECEIPT_LIMITS {
        let mut f = facts(matter, received, None);
        f.within_authority = within;
        let on = |day: Date| {
            deadlines(&f, &Progress::default(), day, &limits, &cal)
                .into_iter()
                .find(|d| d.step == step)
                .map(|d| (d.due, d.overdue, d.limit.id.clone()))
        };
        assert_eq!(on(last), Some((last, false, id.to_string())), "{id} on its last day");
        assert_eq!(on(last.next_day().unwrap()), Some((last, true, id.to_string())), "{id} the day after");
    }
}
