//! Every band of Điều 61 on both sides of each amount and of its 5 or 10 years, the ¼ and ⅕
//! shares with the 50,000,000 đ cap, the other conditions, both regimes, and what a court
//! decision does to the case. The first enforcement decision is dated 10/03/2015: five years
//! have run from 11/03/2020, ten from 11/03/2025.

use time::Date;
use time::macros::date;

use super::*;
use crate::amount::Vnd;
use crate::calendar::{Announcements, WorkingCalendar};
use crate::case::{CaseFacts, CaseNo, Categories, Category, JudgmentType, Origin};
use crate::dates::Period;
use crate::deadlines::{Length, Regime};
use crate::event::{Event, EventCode};
use crate::lifecycle::{Step, replay};
use crate::rules::{ClassificationRules, ClosingColumn, LifecycleRules};
use crate::state::{CaseState, Closing};
use crate::unit::UnitId;

const FIRST: Date = date!(2015 - 03 - 10);
const FIVE_BEFORE: Date = date!(2020 - 03 - 10);
const FIVE: Date = date!(2020 - 03 - 11);
const TEN_BEFORE: Date = date!(2025 - 03 - 10);
const TEN: Date = date!(2025 - 03 - 11);

fn calendar() -> WorkingCalendar {
    WorkingCalendar::vietnam(Announcements::none()).unwrap()
}

fn vnd(d: i64) -> Vnd {
    Vnd::new(d).unwrap()
}

fn case(amount: i64, budget: bool) -> CaseFacts {
    let mut categories = Categories::empty();
    if budget {
        categories.insert(Category::NganSach);
    }
    CaseFacts {
        unit: UnitId(1),
        case_no: CaseNo::new("12/QĐ-CCTHADS").unwrap(),
        accepted_on: FIRST,
        origin: Origin::ChuDong,
        received_by_delegation: false,
        judgment_type: JudgmentType::HinhSu,
        categories,
        amount: vnd(amount),
        debtor: "Lê Văn Cường".into(),
        creditor: "Ngân sách nhà nước".into(),
        officer: None,
    }
}

fn ev(date: Date, code: EventCode, amount: Option<i64>) -> Event {
    Event { date, code, amount: amount.map(vnd), ground: None }
}

/// Paid `paid` in 2016, then a decision on lack of means in 2017.
fn history(facts: &CaseFacts, paid: i64, more: &[Event]) -> Vec<Step> {
    let mut events = Vec::new();
    if paid > 0 {
        events.push(ev(date!(2016 - 01 - 05), EventCode::Collected, Some(paid)));
    }
    events.push(ev(date!(2017 - 02 - 01), EventCode::NoMeans, None));
    events.extend_from_slice(more);
    replay(&facts.basis(), &events, date!(2035 - 12 - 31), &LifecycleRules::default()).unwrap()
}

fn check(amount: i64, paid: i64, on: Date) -> Eligibility {
    let facts = case(amount, true);
    let steps = history(&facts, paid, &[]);
    eligibility(&facts, &steps, &ReliefHistory::default(), on, &ExemptionRules::default(), &calendar())
}

use ReliefKind::{Giam, Mien};

/// (obligation, paid, day, eligible kind and most relieved, band id in the citation, first
/// day the years have run).
type Row = (i64, i64, Date, Option<(ReliefKind, i64)>, Option<&'static str>, Option<Date>);

const BANDS: &[Row] = &[
    // Nothing paid: the value of the obligation.
    (1_999_999, 0, FIVE, Some((Mien, 1_999_999)), Some("khoản 1 điểm b (05 năm"), None),
    (1_999_999, 0, FIVE_BEFORE, None, Some("khoản 1 điểm b (05 năm"), Some(FIVE)),
    (2_000_000, 0, FIVE, None, Some("khoản 1 điểm b (10 năm"), Some(TEN)),
    (2_000_000, 0, TEN_BEFORE, None, Some("khoản 1 điểm b (10 năm"), Some(TEN)),
    (2_000_000, 0, TEN, Some((Mien, 2_000_000)), Some("khoản 1 điểm b (10 năm"), None),
    (4_999_999, 0, TEN, Some((Mien, 4_999_999)), Some("khoản 1 điểm b (10 năm"), None),
    (5_000_000, 0, TEN, None, None, None),
    // Less than 1/50 paid still counts as nothing paid.
    (5_000_000, 99_999, TEN, None, None, None),
    // 1/50 paid: the remainder decides.
    (5_000_000, 100_000, FIVE, Some((Mien, 4_900_000)), Some("khoản 2 điểm b (05 năm"), None),
    (5_200_000, 200_001, FIVE, Some((Mien, 4_999_999)), Some("khoản 2 điểm b (05 năm"), None),
    (5_200_000, 200_000, FIVE, None, Some("khoản 2 điểm b (10 năm"), Some(TEN)),
    (5_200_000, 200_000, TEN, Some((Mien, 5_000_000)), Some("khoản 2 điểm b (10 năm"), None),
    (10_300_000, 300_001, TEN, Some((Mien, 9_999_999)), Some("khoản 2 điểm b (10 năm"), None),
    (10_300_000, 300_001, FIVE, None, Some("khoản 2 điểm b (10 năm"), Some(TEN)),
    // Reductions: ¼ from 10,000,000 to 100,000,000 after five years.
    (10_300_000, 300_000, FIVE, Some((Giam, 2_500_000)), Some("khoản 3 điểm a"), None),
    (10_300_000, 300_000, FIVE_BEFORE, None, Some("khoản 3 điểm a"), Some(FIVE)),
    (10_300_003, 300_000, FIVE, Some((Giam, 2_500_000)), Some("khoản 3 điểm a"), None),
    // 1/50 of 10,300,000 is 206,000: less paid is nothing paid, and 10,300,000 is in no band.
    (10_300_000, 205_999, TEN, None, None, None),
    (110_000_000, 10_000_000, FIVE, Some((Giam, 25_000_000)), Some("khoản 3 điểm a"), None),
    // ⅕ above 100,000,000 after ten years, at most 50,000,000.
    (110_000_001, 10_000_000, FIVE, None, Some("khoản 3 điểm b"), Some(TEN)),
    (110_000_001, 10_000_000, TEN, Some((Giam, 20_000_000)), Some("khoản 3 điểm b"), None),
    (259_999_999, 10_000_000, TEN, Some((Giam, 49_999_999)), Some("khoản 3 điểm b"), None),
    (260_000_000, 10_000_000, TEN, Some((Giam, 50_000_000)), Some("khoản 3 điểm b"), None),
    (260_000_005, 10_000_000, TEN, Some((Giam, 50_000_000)), Some("khoản 3 điểm b"), None),
    (910_000_000, 20_000_000, TEN, Some((Giam, 50_000_000)), Some("khoản 3 điểm b"), None),
];

#[test]
fn every_band_on_both_sides_of_its_amounts_and_years() {
    for &(amount, paid, on, expected, cite, from) in BANDS {
        let e = check(amount, paid, on);
        let what = format!("{amount} paid {paid} on {on}");
        assert_eq!(e.eligible, expected.is_some(), "{what}: {:#?}", e.reasons);
        assert_eq!(e.kind.zip(e.max_reduction).map(|(k, v)| (k, v.dong())), expected, "{what}");
        assert_eq!(e.remainder.dong(), amount - paid, "{what}");
        match cite {
            Some(c) => assert!(e.citation.as_deref().is_some_and(|x| x.contains(c)), "{what}: {:?}", e.citation),
            None => assert_eq!(e.citation, None, "{what}"),
        }
        assert_eq!(e.eligible_from, from, "{what}");
        let band = e.reasons.iter().find(|f| f.check == Check::Band).unwrap();
        assert_eq!(band.met, expected.is_some(), "{what}");
        assert!(!band.citation.is_empty() && !band.detail.is_empty());
        assert_eq!((e.regime, e.must_verify), (Regime::Old, false));
    }
}

#[test]
fn the_new_law_keeps_the_old_thresholds_until_verified() {
    let old = check(1_999_999, 0, date!(2026 - 06 - 30));
    let new = check(1_999_999, 0, date!(2026 - 07 - 01));
    assert!(old.eligible && new.eligible);
    assert_eq!((old.regime, old.must_verify), (Regime::Old, false));
    assert_eq!((new.regime, new.must_verify), (Regime::New, true));
    assert!(old.citation.unwrap().starts_with("Luật THADS 2008 Điều 61"));
    assert!(new.citation.unwrap().starts_with("Luật THADS 106/2025 (chưa đối chiếu)"));
    let rules = ExemptionRules::default();
    assert_eq!(rules.old.bands.len(), rules.new.bands.len());
    for (o, n) in rules.old.bands.iter().zip(&rules.new.bands) {
        assert_eq!((o.lower, o.upper, o.years, o.share, o.cap), (n.lower, n.upper, n.years, n.share, n.cap));
        assert!(n.must_verify && !o.must_verify && n.id.starts_with("new."));
    }
    // A reduction across the change: same share, new citation.
    let r = check(10_300_000, 300_000, date!(2026 - 07 - 01));
    assert_eq!((r.kind, r.max_reduction), (Some(Giam), Some(vnd(2_500_000))));
}

fn findings(e: &Eligibility) -> Vec<(Check, bool)> {
    e.reasons.iter().map(|f| (f.check, f.met)).collect()
}

#[test]
fn only_state_budget_cases_without_means_and_still_owed() {
    let rules = ExemptionRules::default();
    let cal = calendar();
    let not_budget = case(1_000_000, false);
    let steps = history(&not_budget, 0, &[]);
    let e = eligibility(&not_budget, &steps, &ReliefHistory::default(), FIVE, &rules, &cal);
    assert!(!e.eligible && e.kind.is_none() && e.max_reduction.is_none());
    assert_eq!(findings(&e)[0], (Check::StateBudget, false));
    // With means: verified after the decision on lack of means.
    let facts = case(1_000_000, true);
    let steps = history(&facts, 0, &[ev(date!(2018 - 01 - 02), EventCode::WithMeans, None)]);
    let e = eligibility(&facts, &steps, &ReliefHistory::default(), FIVE, &rules, &cal);
    assert_eq!(findings(&e)[2], (Check::WithoutMeans, false));
    assert!(!e.eligible && e.eligible_from.is_none());
    // Closed (moved to the separate register): nothing to propose.
    let steps = history(&facts, 0, &[ev(date!(2018 - 03 - 01), EventCode::SeparateRegister, None)]);
    let e = eligibility(&facts, &steps, &ReliefHistory::default(), FIVE, &rules, &cal);
    assert_eq!(findings(&e)[1], (Check::StillOwed, false));
    assert!(e.reasons[1].detail.contains("Chuyển sổ theo dõi riêng"));
    // Before the case was accepted.
    let e = eligibility(&facts, &[], &ReliefHistory::default(), date!(2015 - 03 - 09), &rules, &cal);
    assert!(!e.eligible);
}

#[test]
fn a_judgment_is_considered_at_most_once_a_year() {
    let (rules, cal) = (ExemptionRules::default(), calendar());
    let facts = case(1_000_000, true);
    let steps = history(&facts, 0, &[]);
    let considered = [date!(2025 - 03 - 15)];
    let h = ReliefHistory { considered_on: &considered, ..ReliefHistory::default() };
    let on = |day| eligibility(&facts, &steps, &h, day, &rules, &cal);
    assert!(!on(date!(2026 - 03 - 15)).eligible);
    assert_eq!(findings(&on(date!(2026 - 03 - 15)))[3], (Check::OncePerYear, false));
    assert!(on(date!(2026 - 03 - 16)).eligible);
    // A reduction already recorded on the case counts as a consideration.
    let big = case(10_300_000, true);
    let reduced = history(&big, 300_000, &[ev(date!(2025 - 06 - 02), EventCode::Reduced, Some(2_500_000))]);
    let none = ReliefHistory::default();
    let e = eligibility(&big, &reduced, &none, date!(2026 - 06 - 02), &rules, &cal);
    assert!(!e.eligible);
    let e = eligibility(&big, &reduced, &none, date!(2026 - 06 - 03), &rules, &cal);
    // 7,500,000 remain after the reduction: the remainder band of ten years (5–10 million).
    assert_eq!((e.eligible, e.kind, e.max_reduction), (true, Some(Mien), Some(vnd(7_500_000))));
}

#[test]
fn the_first_decision_of_the_judgment_starts_the_years() {
    let (rules, cal) = (ExemptionRules::default(), calendar());
    let facts = case(1_000_000, true);
    let steps = history(&facts, 0, &[]);
    let earlier = ReliefHistory { first_decision_on: Some(date!(2014 - 01 - 20)), ..ReliefHistory::default() };
    let on = date!(2019 - 01 - 21);
    assert!(eligibility(&facts, &steps, &earlier, on, &rules, &cal).eligible);
    assert!(!eligibility(&facts, &steps, &ReliefHistory::default(), on, &rules, &cal).eligible);
    // 29/02 is counted to 28/02 of a year without it.
    let leap = ReliefHistory { first_decision_on: Some(date!(2016 - 02 - 29)), ..ReliefHistory::default() };
    assert!(!eligibility(&facts, &steps, &leap, date!(2021 - 02 - 28), &rules, &cal).eligible);
    assert!(eligibility(&facts, &steps, &leap, date!(2021 - 03 - 01), &rules, &cal).eligible);
}

#[test]
fn hardship_or_merit_exempts_the_remainder_after_a_partial_payment() {
    let (rules, cal) = (ExemptionRules::default(), calendar());
    let h = ReliefHistory { special: Some(SpecialGround::Hardship), ..ReliefHistory::default() };
    let paid = case(300_000_000, true);
    let steps = history(&paid, 6_000_000, &[]);
    let e = eligibility(&paid, &steps, &h, date!(2018 - 01 - 02), &rules, &cal);
    assert_eq!((e.eligible, e.kind, e.max_reduction), (true, Some(Mien), Some(vnd(294_000_000))));
    assert!(e.citation.unwrap().contains("Điều 61 khoản 4"));
    let unpaid = history(&paid, 5_999_999, &[]);
    let e = eligibility(&paid, &unpaid, &h, date!(2018 - 01 - 02), &rules, &cal);
    assert!(!e.eligible);
    assert_eq!(findings(&e)[5], (Check::Special, false));
    // Met, the ground exempts the whole remainder even where a band would only reduce it.
    let small = case(10_300_000, true);
    let steps = history(&small, 300_000, &[]);
    let e = eligibility(&small, &steps, &h, FIVE, &rules, &cal);
    assert_eq!((e.kind, e.max_reduction), (Some(Mien), Some(vnd(10_000_000))));
    assert_eq!(&findings(&e)[4..], &[(Check::Band, true), (Check::Special, true)]);
    // Not met (nothing paid), a band still decides: here 1,000,000 after five years.
    let tiny = case(1_000_000, true);
    let steps = history(&tiny, 0, &[]);
    let e = eligibility(&tiny, &steps, &h, FIVE, &rules, &cal);
    assert_eq!((e.kind, e.max_reduction), (Some(Mien), Some(vnd(1_000_000))));
    assert!(e.citation.unwrap().contains("khoản 1 điểm b"));
    let e = eligibility(&tiny, &steps, &h, FIVE_BEFORE, &rules, &cal);
    assert_eq!((e.eligible, e.eligible_from), (false, Some(FIVE)));
}

// ---- Court ----

fn decision(decided_on: Date, result: CourtResult, received: Option<Date>) -> CourtDecision {
    CourtDecision { decided_on, result, on_protest: false, protested: false, received_by_higher_procuracy_on: received }
}

#[test]
fn a_decision_takes_effect_after_the_higher_procuracy_window() {
    let (limits, cal) = (court_limits(), calendar());
    // Received Friday 12/06/2026: 15 days end on Saturday 27/06, so Monday 29/06; in effect 30/06.
    let e = decision_effect(
        &decision(date!(2026 - 06 - 10), CourtResult::Mien, Some(date!(2026 - 06 - 12))),
        &limits,
        &cal,
    );
    assert_eq!((e.effective_on, e.assumed_receipt), (Some(date!(2026 - 06 - 30)), false));
    let event = e.event.unwrap();
    assert_eq!((event.date, event.code, event.amount), (date!(2026 - 06 - 30), EventCode::Exempted, None));
    // No ground: 50.1.e is the termination's, and the grounds table refuses it on an
    // exemption (the effect could not be recorded before 01/07/2026).
    assert_eq!(event.ground, None);
    let mut budget = crate::Categories::empty();
    budget.insert(crate::Category::NganSach);
    assert_eq!(crate::grounds::GroundRules::default().check(&event, budget), Ok(()));
    // Received Wednesday 17/06: last day Thursday 02/07, in effect 03/07 under the new law (no
    // ground article known).
    let e = decision_effect(
        &decision(date!(2026 - 06 - 10), CourtResult::Mien, Some(date!(2026 - 06 - 17))),
        &limits,
        &cal,
    );
    assert_eq!(e.effective_on, Some(date!(2026 - 07 - 03)));
    assert_eq!(e.event.unwrap().ground, None);
    // Receipt not recorded: assumed on the last day to send (5 working days), flagged.
    let e = decision_effect(&decision(date!(2026 - 06 - 10), CourtResult::Rejected, None), &limits, &cal);
    assert_eq!((e.effective_on, e.assumed_receipt, e.event), (Some(date!(2026 - 07 - 03)), true, None));
    // Protested: nothing yet; the decision on the protest is final when made.
    let protested = CourtDecision { protested: true, ..decision(date!(2026 - 06 - 10), CourtResult::Mien, None) };
    assert_eq!(decision_effect(&protested, &limits, &cal).effective_on, None);
    let appeal =
        CourtDecision { on_protest: true, ..decision(date!(2026 - 08 - 03), CourtResult::Giam(vnd(1_000_000)), None) };
    let e = decision_effect(&appeal, &limits, &cal);
    let event = e.event.unwrap();
    assert_eq!(
        (event.date, event.code, event.amount),
        (date!(2026 - 08 - 03), EventCode::Reduced, Some(vnd(1_000_000)))
    );
}

#[test]
fn the_effect_closes_the_case_as_terminated_or_reduces_what_is_owed() {
    let (limits, cal) = (court_limits(), calendar());
    let facts = case(10_200_000, true);
    let base = vec![
        ev(date!(2016 - 01 - 05), EventCode::Collected, Some(200_000)),
        ev(date!(2017 - 02 - 01), EventCode::NoMeans, None),
    ];
    let replayed = |extra: Event| {
        let mut events = base.clone();
        events.push(extra);
        replay(&facts.basis(), &events, date!(2030 - 01 - 01), &LifecycleRules::default()).unwrap()
    };
    let giam = decision(date!(2026 - 06 - 10), CourtResult::Giam(vnd(2_500_000)), Some(date!(2026 - 06 - 12)));
    let steps = replayed(decision_effect(&giam, &limits, &cal).event.unwrap());
    let last = steps.last().unwrap();
    assert_eq!((last.after.reduced, last.after.outstanding), (vnd(2_500_000), vnd(7_500_000)));
    assert_eq!(last.after.state, CaseState::WithoutMeans);
    let mien = decision(date!(2026 - 06 - 10), CourtResult::Mien, Some(date!(2026 - 06 - 12)));
    let steps = replayed(decision_effect(&mien, &limits, &cal).event.unwrap());
    let last = steps.last().unwrap();
    assert_eq!(
        (last.after.state.clone(), last.closed_rest),
        (CaseState::Closed(Closing::Exempted), Some(vnd(10_000_000)))
    );
    assert_eq!(ClassificationRules::default().closing_column(Closing::Exempted), ClosingColumn::Terminated);
}

#[test]
fn protest_windows_and_court_limits_on_both_sides_of_the_new_law() {
    let (limits, cal) = (court_limits(), calendar());
    // (step, start, last day, rule id)
    let rows = [
        (CourtStep::ProtestSameLevel, date!(2026 - 06 - 30), date!(2026 - 07 - 07), "old.exemption.protest_same_level"),
        (CourtStep::ProtestSameLevel, date!(2026 - 07 - 01), date!(2026 - 07 - 08), "new.exemption.protest_same_level"),
        (
            CourtStep::ProtestHigherLevel,
            date!(2026 - 06 - 30),
            date!(2026 - 07 - 15),
            "old.exemption.protest_higher_level",
        ),
        (
            CourtStep::ProtestHigherLevel,
            date!(2026 - 07 - 01),
            date!(2026 - 07 - 16),
            "new.exemption.protest_higher_level",
        ),
        (CourtStep::ProtestHearing, date!(2026 - 06 - 30), date!(2026 - 07 - 15), "old.exemption.protest_hearing"),
        (CourtStep::TransferProtest, date!(2026 - 06 - 30), date!(2026 - 07 - 07), "old.exemption.transfer_protest"),
        (CourtStep::Hearing, date!(2026 - 06 - 10), date!(2026 - 06 - 30), "old.exemption.hearing"),
        (CourtStep::CourtAcceptance, date!(2026 - 06 - 12), date!(2026 - 06 - 16), "old.exemption.court_acceptance"),
        (CourtStep::File, date!(2026 - 06 - 10), date!(2026 - 06 - 17), "old.exemption.file"),
        (CourtStep::Verification, date!(2026 - 06 - 10), date!(2026 - 06 - 22), "old.exemption.verification"),
        (CourtStep::ProcuracyReview, date!(2026 - 06 - 10), date!(2026 - 06 - 25), "old.exemption.procuracy_review"),
        (
            CourtStep::VerificationValidity,
            date!(2026 - 04 - 10),
            date!(2026 - 07 - 10),
            "old.exemption.verification_validity",
        ),
        (
            CourtStep::VerificationValidity,
            date!(2026 - 07 - 02),
            date!(2026 - 10 - 02),
            "new.exemption.verification_validity",
        ),
    ];
    for (step, start, last, id) in rows {
        let due = limits.from(step, start, &cal).unwrap();
        assert_eq!((due.due, due.limit.id.as_str()), (last, id), "{step:?} from {start}");
        assert!(due.overdue_on(last.next_day().unwrap()) && !due.overdue_on(last));
        assert_eq!(due.limit.must_verify, due.limit.regime == Regime::New);
    }
    assert_eq!(limits.get(CourtStep::ProtestHigherLevel, Regime::Old).unwrap().length, Length::days(15));
}

#[test]
fn register_figures_count_proposals_and_decisions_of_the_period() {
    let proposal = |id, proposed_on, amount, decision| Proposal {
        id: ProposalId(id),
        unit: UnitId(1),
        case_id: crate::case::CaseId(id),
        kind: Mien,
        proposed_on,
        amount: vnd(amount),
        decision,
    };
    let d = |on, result| Some(decision(on, result, None));
    let list = [
        proposal(1, date!(2025 - 10 - 05), 1_500_000, d(date!(2025 - 11 - 02), CourtResult::Mien)),
        proposal(2, date!(2025 - 10 - 05), 40_000_000, d(date!(2025 - 11 - 02), CourtResult::Giam(vnd(10_000_000)))),
        proposal(3, date!(2025 - 12 - 01), 3_000_000, d(date!(2026 - 01 - 10), CourtResult::Rejected)),
        proposal(4, date!(2026 - 09 - 20), 2_000_000, None),
        // Proposed the year before, decided in this one.
        proposal(5, date!(2025 - 09 - 20), 1_000_000, d(date!(2025 - 10 - 15), CourtResult::Mien)),
        proposal(
            6,
            date!(2026 - 03 - 01),
            1_000_000,
            Some(CourtDecision { protested: true, ..decision(date!(2026 - 03 - 20), CourtResult::Mien, None) }),
        ),
    ];
    let year = Period::new(date!(2025 - 10 - 01), date!(2026 - 09 - 30)).unwrap();
    let s = relief_stats(&list, year);
    assert_eq!((s.proposed, s.decided, s.exempted, s.reduced, s.rejected), (5, 4, 2, 1, 1));
    assert_eq!((s.amount_proposed.0, s.amount_granted.0), (47_500_000, 12_500_000));
}

/// The table again with the first decision moved so that the five-year (then the ten-year)
/// edges fall on the change of law: the day before 01/07/2026 is judged by the old rules, the
/// day itself by the new (the old values, unconfirmed), with the same outcome on each side.
#[test]
fn every_band_on_both_sides_of_the_regime_change() {
    use crate::calendar::add_months_clamped;
    let switch = date!(2026 - 07 - 01);
    for first in [date!(2021 - 06 - 30), date!(2016 - 06 - 30)] {
        let moved = |d: Date| {
            let (months, extra) = match d {
                FIVE_BEFORE => (60, 0),
                FIVE => (60, 1),
                TEN_BEFORE => (120, 0),
                _ => (120, 1),
            };
            add_months_clamped(first, months) + time::Duration::days(extra)
        };
        let mut crossed = 0;
        for &(amount, paid, on, expected, cite, from) in BANDS {
            let on = moved(on);
            let facts = case(amount, true);
            let steps = history(&facts, paid, &[]);
            let relief = ReliefHistory { first_decision_on: Some(first), ..ReliefHistory::default() };
            let e = eligibility(&facts, &steps, &relief, on, &ExemptionRules::default(), &calendar());
            let what = format!("{amount} paid {paid} on {on} (first decision {first})");
            assert_eq!(e.kind.zip(e.max_reduction).map(|(k, v)| (k, v.dong())), expected, "{what}");
            assert_eq!(e.eligible_from, from.map(moved), "{what}");
            let new = on >= switch;
            assert_eq!((e.regime, e.must_verify), (if new { Regime::New } else { Regime::Old }, new), "{what}");
            if let Some(c) = cite {
                let citation = e.citation.unwrap_or_default();
                assert!(citation.contains(c), "{what}: {citation}");
                assert_eq!(citation.starts_with("Luật THADS 106/2025 (chưa đối chiếu)"), new, "{what}");
            }
            crossed += usize::from(on == switch || on == switch - time::Duration::days(1));
        }
        assert!(crossed >= 4, "the edges of {first} fall on the change: {crossed}");
    }
}
