use time::macros::date;

use super::super::*;

fn plain() -> WorkingCalendar {
    WorkingCalendar::vietnam(Announcements::none()).unwrap()
}

fn announced(days: &[(time::Date, AnnouncedKind)]) -> WorkingCalendar {
    let list = days.iter().map(|&(date, kind)| AnnouncedDay { date, kind, source: "test".into() }).collect();
    WorkingCalendar::vietnam(Announcements::new(list).unwrap()).unwrap()
}

#[test]
fn five_working_days_across_tet_2026() {
    let c = plain();
    // Tết Bính Ngọ: 16/02 (last day of the year) to 20/02 off, plus the weekends around it.
    for d in 14..=22 {
        let day = time::Date::from_calendar_date(2026, time::Month::February, d).unwrap();
        assert!(!c.is_working_day(day), "{day}");
    }
    // A decision on Friday 13/02/2026: 5 working days end on Friday 27/02/2026.
    assert_eq!(c.add_working_days(date!(2026 - 02 - 13), 5), date!(2026 - 02 - 27));
    assert_eq!(c.working_days_between(date!(2026 - 02 - 13), date!(2026 - 02 - 27)), 5);
    assert_eq!(c.working_days_between(date!(2026 - 02 - 13), date!(2026 - 02 - 22)), 0);
    // 10 calendar days from 10/02/2026 end on 20/02, a Tết day: the limit runs to 23/02.
    assert_eq!(c.add_days(date!(2026 - 02 - 10), 10), date!(2026 - 02 - 23));
}

#[test]
fn tet_2024_as_announced_for_civil_servants() {
    // Rules alone: 09/02 (last day), 10–13/02, and 14–15/02 for the two Tết days on the weekend.
    let c = plain();
    assert!(!c.is_working_day(date!(2024 - 02 - 15)));
    assert!(c.is_working_day(date!(2024 - 02 - 08)));
    // Announced: off from Thursday 08/02 (29 tháng Chạp) to Wednesday 14/02; 15/02 a working day.
    let c = announced(&[
        (date!(2024 - 02 - 08), AnnouncedKind::DayOff),
        (date!(2024 - 02 - 15), AnnouncedKind::WorkingDay),
    ]);
    assert!(!c.is_working_day(date!(2024 - 02 - 08)));
    assert!(c.is_working_day(date!(2024 - 02 - 15)));
    assert_eq!(c.add_working_days(date!(2024 - 02 - 07), 1), date!(2024 - 02 - 15));
    assert_eq!(c.working_days_between(date!(2024 - 02 - 01), date!(2024 - 02 - 29)), 15);
}

#[test]
fn across_30_4_and_1_5_with_a_make_up_saturday() {
    // 2025: 30/4 (Wed), 1/5 (Thu) holidays; 2/5 (Fri) off by swap, worked on Saturday 26/4.
    let c = plain();
    assert_eq!(c.add_working_days(date!(2025 - 04 - 29), 1), date!(2025 - 05 - 02));
    assert_eq!(c.working_days_between(date!(2025 - 04 - 25), date!(2025 - 05 - 09)), 8);
    let c = announced(&[
        (date!(2025 - 04 - 26), AnnouncedKind::WorkingDay),
        (date!(2025 - 05 - 02), AnnouncedKind::DayOff),
    ]);
    assert!(c.is_working_day(date!(2025 - 04 - 26)));
    assert_eq!(c.add_working_days(date!(2025 - 04 - 29), 1), date!(2025 - 05 - 05));
    // 25/04 (Fri) → 26/04 (make-up Sat), 28, 29/04, then 05–09/05: still 8.
    assert_eq!(c.working_days_between(date!(2025 - 04 - 25), date!(2025 - 05 - 09)), 8);
    assert_eq!(c.add_working_days(date!(2025 - 04 - 25), 5), date!(2025 - 05 - 06));
}

#[test]
fn holidays_on_a_weekend_give_the_next_working_days_off() {
    // 2023: Giỗ Tổ on Saturday 29/4, 30/4 Sunday, 1/5 Monday → nghỉ bù Tuesday 2/5 and
    // Wednesday 3/5 (BLLĐ 2019 Điều 111 khoản 3): five days off, 29/4 to 3/5.
    let c = plain();
    for day in [date!(2023 - 05 - 01), date!(2023 - 05 - 02), date!(2023 - 05 - 03)] {
        assert!(!c.is_working_day(day), "{day}");
    }
    assert!(c.is_working_day(date!(2023 - 05 - 04)));
    let kind = c.day_kind(date!(2023 - 05 - 03));
    assert!(matches!(kind, DayKind::Holiday(off) if off.compensating && off.rule.id == "ngay_chien_thang"));
    assert_eq!(c.add_working_days(date!(2023 - 04 - 28), 1), date!(2023 - 05 - 04));
    assert_eq!(c.working_days_between(date!(2023 - 04 - 24), date!(2023 - 05 - 05)), 6);
}

#[test]
fn national_day_two_days_from_2021() {
    let c = plain();
    // 2025: 2/9 Tuesday + 1/9 Monday. 2024: 2/9 Monday + 3/9 Tuesday.
    assert!(!c.is_working_day(date!(2025 - 09 - 01)) && !c.is_working_day(date!(2025 - 09 - 02)));
    assert!(!c.is_working_day(date!(2024 - 09 - 03)) && c.is_working_day(date!(2024 - 09 - 04)));
    assert_eq!(c.add_working_days(date!(2025 - 08 - 29), 1), date!(2025 - 09 - 03));
    assert_eq!(c.working_days_between(date!(2025 - 08 - 29), date!(2025 - 09 - 05)), 3);
    // 2023: 2/9 Saturday + 1/9 Friday, and Monday 4/9 for the Saturday.
    assert!(!c.is_working_day(date!(2023 - 09 - 01)) && !c.is_working_day(date!(2023 - 09 - 04)));
    assert_eq!(c.add_working_days(date!(2023 - 08 - 31), 1), date!(2023 - 09 - 05));
    // 2019: one day only.
    assert!(c.is_working_day(date!(2019 - 09 - 03)));
}

#[test]
fn month_limits_end_on_the_same_day_or_the_month_end() {
    let c = plain();
    assert_eq!(c.add_months(date!(2025 - 08 - 31), 6), date!(2026 - 03 - 02)); // 28/02 is Sat
    assert_eq!(c.add_months(date!(2025 - 03 - 10), 6), date!(2025 - 09 - 10));
    assert_eq!(c.add_months(date!(2024 - 02 - 29), 12), date!(2025 - 02 - 28));
}

#[test]
fn table_and_rules_agree_and_outside_the_table_still_works() {
    let c = plain();
    let mut day = date!(2023 - 01 - 01);
    while day <= date!(2027 - 12 - 31) {
        assert_eq!(c.is_working_day(day), c.day_kind(day).is_working(), "{day}");
        day = day.next_day().unwrap();
    }
    let small = WorkingCalendar::new(CalendarRules::vietnam(), Announcements::none(), 2026..=2026).unwrap();
    for (start, n) in [(date!(2025 - 12 - 24), 5), (date!(2026 - 12 - 28), 7), (date!(2026 - 02 - 10), 9)] {
        assert_eq!(small.add_working_days(start, n), c.add_working_days(start, n), "{start} + {n}");
    }
    assert_eq!(
        small.working_days_between(date!(2025 - 12 - 01), date!(2027 - 01 - 31)),
        c.working_days_between(date!(2025 - 12 - 01), date!(2027 - 01 - 31))
    );
    assert!(WorkingCalendar::new(CalendarRules::vietnam(), Announcements::none(), 1700..=2000).is_err());
}

#[test]
fn an_announced_day_is_listed_once() {
    let day = |kind| AnnouncedDay { date: date!(2025 - 05 - 02), kind, source: "x".into() };
    assert_eq!(
        Announcements::new(vec![day(AnnouncedKind::DayOff), day(AnnouncedKind::WorkingDay)]),
        Err(AnnouncementError::Duplicate(date!(2025 - 05 - 02)))
    );
}
