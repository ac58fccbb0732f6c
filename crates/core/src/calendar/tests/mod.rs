use time::Date;
use time::macros::date;

use super::*;

mod coercion;
mod working;

/// Tết Nguyên đán (1/1 lunar, Vietnam, UTC+7) for every year 1990–2050.
///
/// Written from memory of published calendars and cross-checked, year by year, against an independent
/// computation from a precise ephemeris (PyEphem: the new moon that starts month 1, with month
/// 11 holding the winter solstice and a leap month where a principal term is missing). Where
/// Vietnam differs from China (UTC+8) the new moon falls between 23:00 and 24:00 in Hanoi:
/// 2007 (17/02 here, 18/02 in China) and 2030 (new moon 02/02/2030 23:07 UTC+7, so Tết is 02/02
/// here and 03/02 in China; a first draft of this table had 03/02 from Chinese sources).
const TET: [(i32, u8, u8); 61] = [
    (1990, 1, 27),
    (1991, 2, 15),
    (1992, 2, 4),
    (1993, 1, 23),
    (1994, 2, 10),
    (1995, 1, 31),
    (1996, 2, 19),
    (1997, 2, 7),
    (1998, 1, 28),
    (1999, 2, 16),
    (2000, 2, 5),
    (2001, 1, 24),
    (2002, 2, 12),
    (2003, 2, 1),
    (2004, 1, 22),
    (2005, 2, 9),
    (2006, 1, 29),
    (2007, 2, 17),
    (2008, 2, 7),
    (2009, 1, 26),
    (2010, 2, 14),
    (2011, 2, 3),
    (2012, 1, 23),
    (2013, 2, 10),
    (2014, 1, 31),
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 2),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
    (2036, 1, 28),
    (2037, 2, 15),
    (2038, 2, 4),
    (2039, 1, 24),
    (2040, 2, 12),
    (2041, 2, 1),
    (2042, 1, 22),
    (2043, 2, 10),
    (2044, 1, 30),
    (2045, 2, 17),
    (2046, 2, 6),
    (2047, 1, 26),
    (2048, 2, 14),
    (2049, 2, 2),
    (2050, 1, 23),
];

fn ymd(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
}

#[test]
fn tet_matches_the_table_for_every_year_1990_to_2050() {
    let mut wrong = Vec::new();
    for (year, m, d) in TET {
        let expected = ymd(year, m, d);
        let got = tet(year).unwrap();
        if got != expected {
            wrong.push(format!("{year}: computed {got}, table {expected}"));
        }
        // The day before Tết is the last day of the old year (29 or 30 tháng Chạp).
        let eve = LunarDate::from_solar(expected.previous_day().unwrap()).unwrap();
        assert_eq!((eve.year(), eve.month()), (year - 1, 12), "{year}");
        assert!(eve.day() == 29 || eve.day() == 30, "{year}");
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(TET.len(), 61);
}

#[test]
fn known_leap_months() {
    // Tháng nhuận: 2020 tháng 4, 2023 tháng 2, 2025 tháng 6, 2028 tháng 5, 2033 tháng 11.
    for (year, month) in [(2020, 4), (2023, 2), (2025, 6), (2028, 5), (2033, 11)] {
        assert_eq!(leap_month(year), Ok(Some(month)), "{year}");
    }
    for year in [2021, 2022, 2024, 2026, 2027] {
        assert_eq!(leap_month(year), Ok(None), "{year}");
    }
    let leap2 = LunarDate::new(2023, 2, 1, true).unwrap();
    assert_eq!(leap2.to_solar(), Ok(date!(2023 - 03 - 22)));
    assert_eq!(LunarDate::from_solar(date!(2023 - 03 - 22)), Ok(leap2));
    assert_eq!(LunarDate::new(2025, 6, 1, true).unwrap().to_solar(), Ok(date!(2025 - 07 - 25)));
    assert!(matches!(LunarDate::new(2024, 3, 1, true).unwrap().to_solar(), Err(LunarError::NoSuchLeapMonth { .. })));
}

#[test]
fn gio_to_hung_vuong_dates() {
    assert_eq!(gio_to_hung_vuong(2023), Ok(date!(2023 - 04 - 29)));
    assert_eq!(gio_to_hung_vuong(2024), Ok(date!(2024 - 04 - 18)));
    assert_eq!(gio_to_hung_vuong(2025), Ok(date!(2025 - 04 - 07)));
    assert_eq!(gio_to_hung_vuong(2026), Ok(date!(2026 - 04 - 26)));
}

#[test]
fn solar_lunar_round_trip_every_day_1990_to_2060() {
    let mut day = date!(1990 - 01 - 01);
    let mut previous = LunarDate::from_solar(day.previous_day().unwrap()).unwrap();
    while day <= date!(2060 - 12 - 31) {
        let lunar = LunarDate::from_solar(day).unwrap();
        assert_eq!(lunar.to_solar(), Ok(day), "{day} → {lunar}");
        // Consecutive days: the next lunar day, or day 1 of the next month after day 29/30.
        if lunar.day() == 1 {
            assert!(previous.day() == 29 || previous.day() == 30, "{day}");
        } else {
            assert_eq!(lunar.day(), previous.day() + 1, "{day}");
        }
        previous = lunar;
        day = day.next_day().unwrap();
    }
}

#[test]
fn impossible_lunar_dates_are_refused() {
    assert_eq!(LunarDate::new(2024, 13, 1, false), Err(LunarError::Malformed));
    assert_eq!(LunarDate::new(2024, 1, 31, false), Err(LunarError::Malformed));
    assert_eq!(tet(1700), Err(LunarError::OutOfRange(1700)));
    // Tháng Chạp of Giáp Thìn (2024) has 29 days: 29/12 is 28/01/2025, Tết is 29/01/2025.
    assert!(matches!(
        LunarDate::new(2024, 12, 30, false).unwrap().to_solar(),
        Err(LunarError::NoSuchDay { length: 29, .. })
    ));
    assert_eq!(LunarDate::new(2024, 12, 29, false).unwrap().to_solar(), Ok(date!(2025 - 01 - 28)));
}

#[test]
fn holidays_follow_the_labour_code_of_each_period() {
    let rules = CalendarRules::vietnam();
    let days = |year| -> Vec<(Date, String, bool)> {
        rules.days_off(year).unwrap().into_iter().map(|d| (d.date, d.rule.id.clone(), d.compensating)).collect()
    };
    let y2026 = days(2026);
    let plain: Vec<Date> = y2026.iter().filter(|d| !d.2).map(|d| d.0).collect();
    assert_eq!(
        plain,
        vec![
            date!(2026 - 01 - 01),
            date!(2026 - 02 - 16), // last day of Ất Tỵ
            date!(2026 - 02 - 17), // Tết Bính Ngọ
            date!(2026 - 02 - 18),
            date!(2026 - 02 - 19),
            date!(2026 - 02 - 20),
            date!(2026 - 04 - 26), // Giỗ Tổ, a Sunday
            date!(2026 - 04 - 30),
            date!(2026 - 05 - 01),
            date!(2026 - 09 - 02),
            date!(2026 - 09 - 03), // default side for a Wednesday: unconfirmed
        ]
    );
    let compensating: Vec<Date> = y2026.iter().filter(|d| d.2).map(|d| d.0).collect();
    assert_eq!(compensating, vec![date!(2026 - 04 - 27)]);
    // 2/9 had one day before 2021; Tết had four days before 01/05/2013.
    assert!(!days(2019).iter().any(|d| d.0 == date!(2019 - 09 - 03)));
    let tet_2012: Vec<Date> =
        days(2012).iter().filter(|d| d.1.starts_with("tet_nguyen") && !d.2).map(|d| d.0).collect();
    assert_eq!(tet_2012.len(), 4);
    assert_eq!(tet_2012[0], date!(2012 - 01 - 22));
    // Giỗ Tổ only from 2007.
    assert!(!days(2006).iter().any(|d| d.1 == "gio_to_hung_vuong"));
    assert!(days(2007).iter().any(|d| d.1 == "gio_to_hung_vuong"));
}
