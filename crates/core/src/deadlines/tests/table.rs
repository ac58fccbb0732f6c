//! One row per time limit of domain §3, on both sides of 01/07/2026: the rule the date selects,
//! its citation, and the due date it gives from a Friday start (19/06/2026 under the old law,
//! 03/07/2026 under the new).

use time::Date;
use time::macros::date;

use super::super::*;
use super::calendar;
use crate::case::Origin;
use crate::confidence::Confidence;

const OLD_START: Date = date!(2026 - 06 - 19);
const NEW_START: Date = date!(2026 - 07 - 03);

use DeadlineKind as K;
use Origin::{ChuDong as CD, TheoYeuCau as TYC};

/// (kind, origin, prisoner, start, rule id or none, due, citation fragment).
type Row = (K, Origin, bool, Date, Option<&'static str>, Date, &'static str);

const ROWS: &[Row] = &[
    (K::Notification, TYC, false, OLD_START, Some("old.notification"), date!(2026 - 06 - 24), "Điều 39"),
    (K::Notification, TYC, false, NEW_START, Some("new.notification"), date!(2026 - 07 - 08), "106/2025"),
    (K::VoluntaryPeriod, TYC, false, OLD_START, Some("old.voluntary_period"), date!(2026 - 06 - 29), "Điều 45"),
    (K::VoluntaryPeriod, TYC, false, NEW_START, Some("new.voluntary_period"), date!(2026 - 07 - 13), "Điều 12"),
    (
        K::FirstVerification,
        CD,
        false,
        OLD_START,
        Some("old.first_verification"),
        date!(2026 - 06 - 29),
        "Điều 44 khoản 1",
    ),
    (K::FirstVerification, CD, false, NEW_START, Some("new.first_verification"), date!(2026 - 07 - 13), "Điều 21"),
    (K::NoMeansDecision, CD, false, OLD_START, Some("old.no_means_decision"), date!(2026 - 06 - 26), "Điều 9 khoản 4"),
    (K::NoMeansDecision, CD, false, NEW_START, Some("new.no_means_decision"), date!(2026 - 07 - 10), "Điều 38"),
    (K::Reverification, TYC, false, OLD_START, Some("old.reverification"), date!(2026 - 12 - 21), "Điều 44 khoản 2"),
    (K::Reverification, TYC, false, NEW_START, Some("new.reverification"), date!(2027 - 01 - 04), "Điều 38 khoản 3"),
    (
        K::Reverification,
        TYC,
        true,
        OLD_START,
        Some("old.reverification_prisoner"),
        date!(2027 - 06 - 21),
        "Điều 44 khoản 2",
    ),
    (K::Reverification, TYC, true, NEW_START, Some("new.reverification_prisoner"), date!(2027 - 07 - 05), "Điều 38"),
    (
        K::ReverifyOnNewInformation,
        CD,
        false,
        OLD_START,
        Some("old.reverify_on_new_information"),
        date!(2026 - 06 - 29),
        "Điều 9 khoản 4",
    ),
    (
        K::ReverifyOnNewInformation,
        CD,
        false,
        NEW_START,
        Some("new.reverify_on_new_information"),
        date!(2026 - 07 - 13),
        "Điều 38 khoản 2",
    ),
    (
        K::PostponementDecision,
        CD,
        false,
        OLD_START,
        Some("old.postponement_decision"),
        date!(2026 - 06 - 26),
        "Điều 48 khoản 3",
    ),
    (
        K::PostponementDecision,
        CD,
        false,
        NEW_START,
        Some("new.postponement_decision"),
        date!(2026 - 07 - 10),
        "106/2025",
    ),
    (
        K::PostponementReview,
        CD,
        false,
        OLD_START,
        Some("old.postponement_review"),
        date!(2026 - 09 - 21),
        "Điều 48 khoản 2",
    ),
    (
        K::PostponementReview,
        CD,
        false,
        NEW_START,
        Some("new.postponement_review"),
        date!(2026 - 10 - 05),
        "Điều 48 khoản 2",
    ),
    (K::SuspensionReview, CD, false, OLD_START, Some("old.suspension_review"), date!(2026 - 09 - 21), "Điều 49"),
    (K::SuspensionReview, CD, false, NEW_START, Some("new.suspension_review"), date!(2026 - 10 - 05), "106/2025"),
    (K::Resumption, TYC, false, OLD_START, Some("old.resumption"), date!(2026 - 06 - 26), "Điều 48 khoản 4"),
    (K::Resumption, TYC, false, NEW_START, Some("new.resumption"), date!(2026 - 07 - 10), "Điều 11 khoản 4"),
    (
        K::SeparateRegister,
        TYC,
        false,
        OLD_START,
        Some("old.separate_register"),
        date!(2026 - 06 - 24),
        "Điều 9 khoản 5",
    ),
    (
        K::SeparateRegister,
        CD,
        true,
        OLD_START,
        Some("old.separate_register_prisoner"),
        date!(2026 - 06 - 24),
        "Điều 9 khoản 5",
    ),
    (
        K::SeparateRegister,
        CD,
        false,
        NEW_START,
        Some("new.separate_register"),
        date!(2026 - 07 - 03),
        "Điều 22 khoản 1",
    ),
    (K::SeparateRegister, TYC, false, NEW_START, None, NEW_START, ""),
    (K::RequestReturn, TYC, false, OLD_START, None, OLD_START, ""),
    (K::RequestReturn, TYC, false, NEW_START, Some("new.request_return"), date!(2026 - 07 - 03), "Điều 22 khoản 2"),
    (K::RequestReturn, CD, false, NEW_START, None, NEW_START, ""),
    (K::Payout, TYC, false, OLD_START, Some("old.payout"), date!(2026 - 06 - 29), "Điều 47 khoản 5"),
    (K::Payout, TYC, false, NEW_START, Some("new.payout"), date!(2026 - 07 - 13), "106/2025"),
    (K::PublishNoMeans, CD, false, OLD_START, Some("old.publish_no_means"), date!(2026 - 06 - 26), "Điều 11 khoản 1"),
    (K::PublishNoMeans, CD, false, NEW_START, Some("new.publish_no_means"), date!(2026 - 07 - 10), "Điều 23 khoản 1"),
    (
        K::UnpublishNoMeans,
        CD,
        false,
        OLD_START,
        Some("old.unpublish_no_means"),
        date!(2026 - 06 - 23),
        "Điều 6 khoản 2",
    ),
    (
        K::UnpublishNoMeans,
        CD,
        false,
        NEW_START,
        Some("new.unpublish_no_means"),
        date!(2026 - 07 - 08),
        "Điều 23 khoản 2",
    ),
];

#[test]
fn every_time_limit_on_both_sides_of_the_new_law() {
    let rules = DeadlineRules::default();
    let cal = calendar();
    for &(kind, origin, prisoner, start, id, due, citation) in ROWS {
        let regime = rules.regime_on(start);
        let rule = rules.pick(kind, regime, origin, prisoner);
        assert_eq!(rule.map(|r| r.id.as_str()), id, "{kind} {origin:?} prisoner={prisoner} {start}");
        let Some(rule) = rule else { continue };
        assert_eq!(rule.regime, regime);
        assert_eq!(rule.length.end(start, &cal), due, "{}", rule.id);
        assert!(rule.citation.contains(citation), "{}: {}", rule.id, rule.citation);
        assert!(cal.is_working_day(due), "{}: due on a day off", rule.id);
    }
    // Every built-in rule has a row.
    for rule in rules.rules() {
        assert!(ROWS.iter().any(|r| r.4 == Some(rule.id.as_str())), "no row for {}", rule.id);
    }
}

#[test]
fn confidence_of_the_new_cells() {
    let rules = DeadlineRules::default();
    let confirmed: Vec<&str> = rules
        .rules()
        .iter()
        .filter(|r| r.regime == Regime::New && r.confidence == Confidence::Confirmed)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(confirmed, vec!["new.publish_no_means", "new.unpublish_no_means"]);
    let to_verify = rules.rules().iter().filter(|r| r.must_verify).count();
    assert_eq!(to_verify, 11);
    assert!(rules.rules().iter().filter(|r| r.regime == Regime::Old).all(|r| !r.must_verify));
}
