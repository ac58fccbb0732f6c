//! Contract checks of the complaints register and citizen reception (schema 0016_complaints):
//! letters of every shape round-trip, their steps are replaced, a letter naming what does not
//! exist is refused, sessions list the letters that name them, and the schedule holds one day
//! per head and date.

use thads_core::complaints::{
    Channel, ComplaintFacts, ComplaintId, ComplaintRecord, Level, Matter, Object, Outcome, Progress, ReferralKind,
    Resolution,
};
use thads_core::reception::{Session, SessionId, SessionKind};
use thads_core::{Role, UnitId};
use time::macros::{date, datetime};

use super::{ok, seed_case, seed_units, staff_member};
use crate::*;

fn letter(unit: UnitId, matter: Matter, within: bool) -> ComplaintRow {
    ComplaintRow {
        record: ComplaintRecord {
            id: ComplaintId(0),
            facts: ComplaintFacts {
                unit,
                matter,
                channel: Channel::BuuChinh,
                received_on: date!(2026 - 06 - 10),
                complainant: "Nguyễn Thị Hoà".into(),
                subject: "Khiếu nại quyết định cưỡng chế kê biên «nhà đất»".into(),
                case_id: None,
                act_on: Some(date!(2026 - 06 - 01)),
                obstacle_days: 0,
                same_matter_as: None,
                within_authority: within,
            },
            progress: Progress::default(),
        },
        first_decision_of: None,
        session: None,
        referral: None,
        registered_by: "vanthu".into(),
        registered_at: datetime!(2026-06-10 08:30 UTC),
    }
}

fn with_id(mut row: ComplaintRow, id: ComplaintId) -> ComplaintRow {
    row.record.id = id;
    row
}

pub fn complaints_round_trip_and_their_steps_are_replaced(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[1], "12/QĐ-CCTHADS");
    let mut first = letter(ids[1], Matter::KhieuNai { object: Object::CuongChe, level: Level::First }, true);
    first.record.facts.case_id = Some(case);
    let mut tx = ok(store.begin());
    let a = ok(tx.insert_complaint(&first));
    let mut repeat = letter(ids[1], Matter::ToCao { level: Level::First }, false);
    repeat.record.facts.same_matter_as = Some(a);
    repeat.record.facts.act_on = None;
    repeat.record.facts.channel = Channel::ChuyenDen;
    let b = ok(tx.insert_complaint(&repeat));
    let mut second = letter(ids[1], Matter::KhieuNai { object: Object::CuongChe, level: Level::Second }, true);
    second.first_decision_of = Some(a);
    second.record.facts.obstacle_days = 7;
    let c = ok(tx.insert_complaint(&second));
    assert!(a < b && b < c, "ids grow");
    let dangling = ComplaintRow {
        first_decision_of: Some(ComplaintId(a.0 + 1000)),
        ..letter(ids[1], repeat.record.facts.matter, true)
    };
    assert!(matches!(tx.insert_complaint(&dangling), Err(StoreError::Invalid(_))), "a letter that does not exist");
    ok(tx.commit());
    let all = ok(store.complaints());
    assert_eq!(all, vec![with_id(first.clone(), a), with_id(repeat.clone(), b), with_id(second, c)]);
    assert_eq!(ok(store.complaint(b)), Some(with_id(repeat.clone(), b)));
    assert_eq!(ok(store.complaint(ComplaintId(a.0 + 1000))), None);

    let steps = Progress {
        accepted_on: Some(date!(2026 - 06 - 12)),
        referred_on: None,
        extension_days: 30,
        resolution: Some(Resolution { date: date!(2026 - 07 - 20), outcome: Outcome::DungMotPhan }),
    };
    let referral = Referral { kind: ReferralKind::ChuyenDon, to: "Ủy ban nhân dân huyện Yên Dũng".into() };
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.complaint_for_update(a)).map(|r| r.record.progress), Some(Progress::default()));
    ok(tx.update_complaint_progress(a, &steps, None));
    let referred = Progress { referred_on: Some(date!(2026 - 06 - 15)), ..Progress::default() };
    ok(tx.update_complaint_progress(b, &referred, Some(&referral)));
    assert!(matches!(
        tx.update_complaint_progress(ComplaintId(a.0 + 1000), &steps, None),
        Err(StoreError::NotFound(_))
    ));
    drop(tx);
    assert_eq!(ok(store.complaint(a)).map(|r| r.record.progress), Some(Progress::default()), "dropped: unchanged");
    let mut tx = ok(store.begin());
    ok(tx.update_complaint_progress(a, &steps, None));
    ok(tx.update_complaint_progress(b, &referred, Some(&referral)));
    ok(tx.commit());
    assert_eq!(ok(store.complaint(a)).map(|r| r.record.progress), Some(steps));
    let b_row = ok(store.complaint(b));
    assert_eq!(b_row.as_ref().map(|r| r.record.progress), Some(referred));
    assert_eq!(b_row.and_then(|r| r.referral), Some(referral));
}

pub fn reception_sessions_list_their_letters_and_the_schedule_is_one_day_per_head(store: &dyn Store) {
    let ids = seed_units(store);
    let head = staff_member(store, ids[1], "truong", Role::Head);
    let session = |date, head, kind, visitors| SessionRow {
        id: SessionId(0),
        session: Session {
            unit: ids[1],
            date,
            head,
            kind,
            visitors,
            subject: "Hỏi tiến độ thi hành án".into(),
            result: "Đã giải thích, hướng dẫn".into(),
            complaints: Vec::new(),
        },
        recorded_by: "vanthu".into(),
        recorded_at: datetime!(2026-06-10 10:00 UTC),
    };
    let later = session(date!(2026 - 06 - 20), None, SessionKind::DotXuat, 12);
    let earlier = session(date!(2026 - 06 - 10), Some(head), SessionKind::DinhKy, 3);
    let mut tx = ok(store.begin());
    let s2 = ok(tx.insert_reception_session(&later));
    let s1 = ok(tx.insert_reception_session(&earlier));
    let mut handed_in = letter(ids[1], Matter::KhieuNai { object: Object::TruocBienPhap, level: Level::First }, true);
    handed_in.session = Some(s1);
    handed_in.record.facts.channel = Channel::TrucTiep;
    let c = ok(tx.insert_complaint(&handed_in));
    let day =
        ScheduledDay { unit: ids[1], head, date: date!(2026 - 07 - 15), place: "Trụ sở tiếp công dân".into() };
    ok(tx.insert_scheduled_day(&day));
    let twice = tx.insert_scheduled_day(&ScheduledDay { place: String::new(), ..day.clone() });
    assert!(matches!(twice, Err(StoreError::Duplicate(_))), "{twice:?}");
    let next = ScheduledDay { date: date!(2026 - 08 - 14), ..day.clone() };
    ok(tx.insert_scheduled_day(&next));
    ok(tx.commit());
    let sessions = ok(store.reception_sessions());
    let mut want_first = earlier.clone();
    want_first.id = s1;
    want_first.session.complaints = vec![c];
    let mut want_second = later.clone();
    want_second.id = s2;
    assert_eq!(sessions, vec![want_first, want_second], "by date, each with its letters");
    assert_eq!(ok(store.reception_schedule()), vec![day.clone(), next.clone()]);
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.delete_scheduled_day(head, day.date)), Some(day));
    assert_eq!(ok(tx.delete_scheduled_day(head, date!(2030 - 01 - 01))), None);
    ok(tx.commit());
    assert_eq!(ok(store.reception_schedule()), vec![next]);
}
