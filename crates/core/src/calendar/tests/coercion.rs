use time::macros::{date, datetime};

use super::super::*;

fn plan(starts: time::PrimitiveDateTime, ends: time::PrimitiveDateTime) -> CoercionPlan {
    CoercionPlan { starts, ends, mobilises_forces: true }
}

fn check(p: CoercionPlan) -> Result<(), Vec<CoercionRefusal>> {
    let calendar = WorkingCalendar::vietnam(Announcements::none()).unwrap();
    check_coercion(&p, &calendar, &CoercionRules::default())
}

#[test]
fn a_weekday_morning_is_allowed() {
    assert_eq!(check(plan(datetime!(2026-10-14 08:00), datetime!(2026-10-14 11:30))), Ok(()));
    assert_eq!(check(plan(datetime!(2026-10-14 06:00), datetime!(2026-10-14 22:00))), Ok(()));
}

#[test]
fn night_weekend_and_holiday_are_refused_with_reasons() {
    let night = check(plan(datetime!(2026-10-14 21:00), datetime!(2026-10-14 23:00))).unwrap_err();
    assert!(matches!(night[..], [CoercionRefusal::Night { .. }]));
    assert!(night[0].to_string().contains("22:00") && night[0].to_string().contains("at night"));
    let early = check(plan(datetime!(2026-10-14 05:30), datetime!(2026-10-14 09:00))).unwrap_err();
    assert!(matches!(early[..], [CoercionRefusal::Night { .. }]));
    let overnight = check(plan(datetime!(2026-10-14 08:00), datetime!(2026-10-15 08:00))).unwrap_err();
    assert!(matches!(overnight[..], [CoercionRefusal::Night { .. }]));
    let sunday = check(plan(datetime!(2026-10-18 08:00), datetime!(2026-10-18 10:00))).unwrap_err();
    assert!(matches!(sunday[..], [CoercionRefusal::RestDay { .. }]));
    let national = check(plan(datetime!(2026-09-02 08:00), datetime!(2026-09-02 10:00))).unwrap_err();
    assert!(matches!(&national[..], [CoercionRefusal::Holiday { name_vi, .. }] if name_vi == "Quốc khánh"));
    assert!(national[0].to_string().contains("Điều 112"));
    let reversed = check(plan(datetime!(2026-10-14 10:00), datetime!(2026-10-14 08:00))).unwrap_err();
    assert_eq!(reversed, vec![CoercionRefusal::Reversed]);
}

#[test]
fn fifteen_days_around_tet_from_the_new_law() {
    // Tết 2027 is 06/02/2027: the window is 22/01/2027 to 21/02/2027, both included.
    let refused = |d: time::Date| {
        let p = plan(d.with_hms(8, 0, 0).unwrap(), d.with_hms(10, 0, 0).unwrap());
        check(p).err().is_some_and(|r| r.iter().any(|x| matches!(x, CoercionRefusal::NearTet { .. })))
    };
    assert!(!refused(date!(2027 - 01 - 21)));
    assert!(refused(date!(2027 - 01 - 22)));
    assert!(refused(date!(2027 - 02 - 19)));
    assert!(!refused(date!(2027 - 02 - 22)));
    // Without mobilised forces the Tết window does not apply.
    let quiet = CoercionPlan {
        starts: datetime!(2027-01-25 08:00),
        ends: datetime!(2027-01-25 10:00),
        mobilises_forces: false,
    };
    assert_eq!(check(quiet), Ok(()));
    // Before 01/07/2026 (old regime) the window is not checked: Tết 2026 is 17/02/2026.
    assert!(!refused(date!(2026 - 02 - 25)));
    let message = check(plan(datetime!(2027-02-19 08:00), datetime!(2027-02-19 09:00))).unwrap_err()[0].to_string();
    assert!(message.contains("06/02/2027") && message.contains("NĐ 152/2026"), "{message}");
}
