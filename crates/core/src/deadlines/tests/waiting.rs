//! The waiting period after a decision on lack of means, before the separate register or the
//! return of the request (issue 16: a case was returned one month after its decision).

use time::Date;
use time::macros::date;

use super::{basis, calendar, ev, steps};
use crate::case::{Categories, Category, Origin};
use crate::deadlines::{CaseView, DeadlineRules, check_waiting};
use crate::event::EventCode::{self, *};
use crate::lifecycle::Reason;

fn check(origin: Origin, categories: Categories, no_means: Date, code: EventCode, on: Date) -> Result<(), Reason> {
    let b = basis(date!(2024 - 01 - 02), origin, 9_000_000);
    let s = steps(&b, &[ev(date!(2024 - 01 - 20), WithMeans, None), ev(no_means, NoMeans, None)]);
    let rules = DeadlineRules::default();
    check_waiting(&CaseView { basis: &b, categories, steps: &s }, code, on, &rules, &calendar())
}

#[test]
fn a_request_is_returned_only_two_years_after_the_decision() {
    let none = Categories::empty();
    let decided = date!(2026 - 08 - 03);
    let refused = check(Origin::TheoYeuCau, none, decided, RequestReturned, date!(2026 - 09 - 03));
    match refused {
        Err(Reason::TooEarly { event, decided_on, allowed_from, citation }) => {
            assert_eq!((event, decided_on, allowed_from), (RequestReturned, decided, date!(2028 - 08 - 03)));
            assert!(citation.contains("Điều 38 khoản 4"), "{citation}");
        }
        other => panic!("one month after the decision: {other:?}"),
    }
    assert!(check(Origin::TheoYeuCau, none, decided, RequestReturned, date!(2028 - 08 - 02)).is_err());
    assert_eq!(check(Origin::TheoYeuCau, none, decided, RequestReturned, date!(2028 - 08 - 03)), Ok(()));
}

#[test]
fn the_separate_register_waits_one_year_under_the_old_law_and_two_under_the_new() {
    let none = Categories::empty();
    // Old law: one year from the decision (NĐ 62/2015 Điều 9 khoản 5).
    let decided = date!(2024 - 05 - 06);
    assert!(matches!(
        check(Origin::ChuDong, none, decided, SeparateRegister, date!(2025 - 05 - 05)),
        Err(Reason::TooEarly { allowed_from, .. }) if allowed_from == date!(2025 - 05 - 06)
    ));
    assert_eq!(check(Origin::ChuDong, none, decided, SeparateRegister, date!(2025 - 05 - 06)), Ok(()));
    // A prisoner: two years (inferred from the category).
    let mut prisoner = Categories::empty();
    prisoner.insert(Category::PhamNhan);
    assert!(check(Origin::ChuDong, prisoner, decided, SeparateRegister, date!(2025 - 05 - 06)).is_err());
    assert_eq!(check(Origin::ChuDong, prisoner, decided, SeparateRegister, date!(2026 - 05 - 06)), Ok(()));
    // New law, the day the act is done: two years, even for a decision taken under the old one.
    assert!(matches!(
        check(Origin::ChuDong, none, date!(2025 - 03 - 02), SeparateRegister, date!(2026 - 07 - 10)),
        Err(Reason::TooEarly { allowed_from, .. }) if allowed_from == date!(2027 - 03 - 02)
    ));
    assert_eq!(check(Origin::ChuDong, none, date!(2024 - 03 - 02), SeparateRegister, date!(2026 - 07 - 10)), Ok(()));
}

#[test]
fn the_clock_restarts_with_each_spell_without_means() {
    let b = basis(date!(2024 - 01 - 02), Origin::ChuDong, 9_000_000);
    let s = steps(
        &b,
        &[
            ev(date!(2024 - 01 - 20), NoMeans, None),
            ev(date!(2024 - 06 - 20), NoMeans, None),
            ev(date!(2025 - 02 - 03), Resumed, None),
            ev(date!(2025 - 04 - 01), NoMeans, None),
        ],
    );
    let rules = DeadlineRules::default();
    let view = CaseView { basis: &b, categories: Categories::empty(), steps: &s };
    // A re-verification does not restart it; a new decision after resumption does.
    let on = date!(2025 - 06 - 02);
    assert!(matches!(
        check_waiting(&view, SeparateRegister, on, &rules, &calendar()),
        Err(Reason::TooEarly { decided_on, .. }) if decided_on == date!(2025 - 04 - 01)
    ));
    // Other events and other states are not this rule's.
    assert_eq!(check_waiting(&view, Collected, on, &rules, &calendar()), Ok(()));
    assert_eq!(check_waiting(&view, SeparateRegister, date!(2025 - 03 - 01), &rules, &calendar()), Ok(()));
}
