//! Whole cases, replayed from their events, on chosen days.

use time::macros::date;

use super::{basis, due_on, ev, steps};
use crate::case::{Categories, Origin};
use crate::event::EventCode::*;

fn none() -> Categories {
    Categories::empty()
}

#[test]
fn a_new_case_has_its_voluntary_period_then_the_first_verification() {
    // Decision Monday 15/06/2026; notified (assumed) Thursday 18/06 after 3 working days;
    // voluntary period 10 days → Sunday 28/06 → Monday 29/06; verification 10 days → 09/07.
    let b = basis(date!(2026 - 06 - 15), Origin::TheoYeuCau, 5_000_000);
    let s = steps(&b, &[]);
    let on = |d| due_on(&b, none(), &s, d);
    assert_eq!(
        on(date!(2026 - 06 - 20)),
        vec![
            ("voluntary_period", date!(2026 - 06 - 29), false, "old.voluntary_period".into()),
            ("first_verification", date!(2026 - 07 - 09), false, "old.first_verification".into()),
        ]
    );
    assert_eq!(
        on(date!(2026 - 06 - 30)),
        vec![("first_verification", date!(2026 - 07 - 09), false, "old.first_verification".into())]
    );
    assert_eq!(
        on(date!(2026 - 07 - 10)),
        vec![("first_verification", date!(2026 - 07 - 09), true, "old.first_verification".into())]
    );
    // Verified: nothing is due any more.
    let s = steps(&b, &[ev(date!(2026 - 07 - 08), WithMeans, None)]);
    assert!(due_on(&b, none(), &s, date!(2026 - 07 - 10)).is_empty());
}

#[test]
fn a_clock_that_starts_after_the_switch_follows_the_new_rule() {
    // Decision Thursday 25/06/2026 → notified 30/06 (old) → voluntary period ends 10/07, which
    // starts the first verification under the new regime: 10 days → Monday 20/07.
    let b = basis(date!(2026 - 06 - 25), Origin::ChuDong, 1_000_000);
    let s = steps(&b, &[]);
    let got = due_on(&b, none(), &s, date!(2026 - 07 - 01));
    assert_eq!(
        got,
        vec![
            ("voluntary_period", date!(2026 - 07 - 10), false, "old.voluntary_period".into()),
            ("first_verification", date!(2026 - 07 - 20), false, "new.first_verification".into()),
        ]
    );
}

#[test]
fn without_means_on_request_old_register_then_the_two_year_return() {
    let b = basis(date!(2024 - 02 - 01), Origin::TheoYeuCau, 50_000_000);
    let events = [
        ev(date!(2024 - 03 - 01), NoMeans, None),
        ev(date!(2024 - 08 - 30), NoMeans, None),
        ev(date!(2025 - 03 - 03), NoMeans, None),
    ];
    let s = steps(&b, &events);
    let on = |d| due_on(&b, none(), &s, d);
    // Right after the decision: re-verify within 6 months (01/09/2024 is a Sunday, 2–3/9 are
    // National Day) and publish within 5 working days.
    assert_eq!(
        on(date!(2024 - 03 - 04)),
        vec![
            ("reverification", date!(2024 - 09 - 04), false, "old.reverification".into()),
            ("publish_no_means", date!(2024 - 03 - 08), false, "old.publish_no_means".into()),
        ]
    );
    assert_eq!(
        on(date!(2025 - 01 - 15)),
        vec![("reverification", date!(2025 - 02 - 28), false, "old.reverification".into())]
    );
    // After the second re-verification (03/03/2025) and a year since the decision: move to the
    // separate register within 3 working days (by 06/03/2025); periodic verification stops.
    assert_eq!(
        on(date!(2025 - 04 - 01)),
        vec![("separate_register", date!(2025 - 03 - 06), true, "old.separate_register".into())]
    );
    assert_eq!(
        on(date!(2026 - 06 - 15)),
        vec![("separate_register", date!(2025 - 03 - 06), true, "old.separate_register".into())]
    );
    // From 01/07/2026 an on-request case is returned instead; its two years ended 01/03/2026, so
    // it is due the day the new law takes effect.
    assert_eq!(
        on(date!(2026 - 08 - 03)),
        vec![("request_return", date!(2026 - 07 - 01), true, "new.request_return".into())]
    );
}

#[test]
fn ex_officio_case_of_a_prisoner_two_years_under_the_new_law() {
    let b = basis(date!(2025 - 09 - 01), Origin::ChuDong, 3_000_000);
    let s = steps(&b, &[ev(date!(2025 - 09 - 15), NoMeans, None)]);
    let mut prisoner = Categories::empty();
    prisoner.insert(crate::case::Category::PhamNhan);
    assert_eq!(
        due_on(&b, prisoner, &s, date!(2026 - 03 - 02)),
        vec![
            ("reverification", date!(2026 - 09 - 15), false, "old.reverification_prisoner".into()),
            ("separate_register", date!(2027 - 09 - 15), false, "new.separate_register".into()),
        ]
    );
    assert_eq!(
        due_on(&b, prisoner, &s, date!(2027 - 09 - 16)),
        vec![
            ("reverification", date!(2026 - 09 - 15), true, "old.reverification_prisoner".into()),
            ("separate_register", date!(2027 - 09 - 15), true, "new.separate_register".into()),
        ]
    );
    // Not a prisoner: every 6 months, and a later re-verification under the new law keeps going.
    let s = steps(
        &b,
        &[
            ev(date!(2025 - 09 - 15), NoMeans, None),
            ev(date!(2026 - 03 - 16), NoMeans, None),
            ev(date!(2026 - 09 - 14), NoMeans, None),
        ],
    );
    assert_eq!(
        due_on(&b, none(), &s, date!(2026 - 10 - 01)),
        vec![
            ("reverification", date!(2027 - 03 - 15), false, "new.reverification".into()),
            ("separate_register", date!(2027 - 09 - 15), false, "new.separate_register".into()),
        ]
    );
}

#[test]
fn a_long_postponement_or_suspension_is_flagged() {
    let b = basis(date!(2026 - 05 - 04), Origin::TheoYeuCau, 2_000_000);
    let s = steps(&b, &[ev(date!(2026 - 05 - 20), Postponed, None)]);
    assert_eq!(
        due_on(&b, none(), &s, date!(2026 - 08 - 21)),
        vec![("postponement_review", date!(2026 - 08 - 20), true, "old.postponement_review".into())]
    );
    let s = steps(&b, &[ev(date!(2026 - 05 - 20), Postponed, None), ev(date!(2026 - 08 - 24), Resumed, None)]);
    assert!(due_on(&b, none(), &s, date!(2026 - 08 - 25)).is_empty());
    let s = steps(&b, &[ev(date!(2026 - 07 - 15), Suspended, None)]);
    assert_eq!(
        due_on(&b, none(), &s, date!(2026 - 07 - 16)),
        vec![("suspension_review", date!(2026 - 10 - 15), false, "new.suspension_review".into())]
    );
}

#[test]
fn collected_money_is_paid_out_within_ten_days() {
    let b = basis(date!(2026 - 06 - 01), Origin::TheoYeuCau, 10_000_000);
    let events = [
        ev(date!(2026 - 06 - 22), WithMeans, None),
        ev(date!(2026 - 06 - 26), Collected, Some(3_000_000)),
        ev(date!(2026 - 07 - 02), Collected, Some(2_000_000)),
        ev(date!(2026 - 07 - 08), Collected, Some(5_000_000)),
        ev(date!(2026 - 07 - 08), Completed, None),
    ];
    let s = steps(&b, &events);
    assert_eq!(
        due_on(&b, none(), &s, date!(2026 - 07 - 03)),
        vec![
            ("payout", date!(2026 - 07 - 06), false, "old.payout".into()),
            ("payout", date!(2026 - 07 - 13), false, "new.payout".into()),
        ]
    );
    assert_eq!(
        due_on(&b, none(), &s, date!(2026 - 07 - 07)),
        vec![("payout", date!(2026 - 07 - 13), false, "new.payout".into())]
    );
    assert!(due_on(&b, none(), &s, date!(2026 - 07 - 09)).is_empty());
}

#[test]
fn resuming_a_case_without_means_ends_its_publication() {
    let b = basis(date!(2026 - 04 - 01), Origin::ChuDong, 1_000_000);
    let s = steps(&b, &[ev(date!(2026 - 05 - 04), NoMeans, None), ev(date!(2026 - 07 - 06), Resumed, None)]);
    assert_eq!(
        due_on(&b, none(), &s, date!(2026 - 07 - 07)),
        vec![("unpublish_no_means", date!(2026 - 07 - 09), false, "new.unpublish_no_means".into())]
    );
    assert!(due_on(&b, none(), &s, date!(2026 - 07 - 10)).is_empty());
}

#[test]
fn three_collections_on_one_day_give_one_payout_reminder() {
    // Issue 16: three receipts entered for the same day listed three identical reminders.
    let b = basis(date!(2026 - 08 - 03), Origin::TheoYeuCau, 10_000_000);
    let events = [
        ev(date!(2026 - 08 - 20), WithMeans, None),
        ev(date!(2026 - 09 - 01), Collected, Some(1_000_000)),
        ev(date!(2026 - 09 - 01), Collected, Some(2_000_000)),
        ev(date!(2026 - 09 - 01), Collected, Some(3_000_000)),
        ev(date!(2026 - 09 - 03), Collected, Some(1_000_000)),
    ];
    let s = steps(&b, &events);
    let payouts: Vec<_> =
        due_on(&b, none(), &s, date!(2026 - 09 - 04)).into_iter().filter(|d| d.0 == "payout").collect();
    assert_eq!(payouts.len(), 2, "{payouts:?}");
    assert_ne!(payouts[0].1, payouts[1].1, "the later collection keeps its own reminder");
}

#[test]
fn deadlines_into_keeps_other_cases_rows_that_look_alike() {
    // The same deadline is listed once per case: two cases with the same payout both keep theirs.
    let b = basis(date!(2026 - 08 - 03), Origin::TheoYeuCau, 10_000_000);
    let events = [ev(date!(2026 - 08 - 20), WithMeans, None), ev(date!(2026 - 09 - 01), Collected, Some(1_000_000))];
    let s = steps(&b, &events);
    let rules = crate::deadlines::DeadlineRules::default();
    let view = crate::deadlines::CaseView { basis: &b, categories: none(), steps: &s };
    let mut out = Vec::new();
    crate::deadlines::deadlines_into(&view, date!(2026 - 09 - 02), &rules, &super::calendar(), &mut out);
    crate::deadlines::deadlines_into(&view, date!(2026 - 09 - 02), &rules, &super::calendar(), &mut out);
    assert_eq!(out.iter().filter(|d| d.kind.code() == "payout").count(), 2);
}
