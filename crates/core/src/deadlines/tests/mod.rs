use time::Date;
use time::macros::date;

use super::*;
use crate::amount::Vnd;
use crate::calendar::{Announcements, WorkingCalendar};
use crate::case::CaseBasis;
use crate::case::{Categories, Category, Origin};
use crate::confidence::Confidence;
use crate::event::{Event, EventCode};
use crate::lifecycle::{Step, replay};
use crate::rules::LifecycleRules;

mod cases;
mod synthetic;
mod table;
mod waiting;

fn calendar() -> WorkingCalendar {
    WorkingCalendar::vietnam(Announcements::none()).unwrap()
}

fn basis(accepted_on: Date, origin: Origin, amount: i64) -> CaseBasis {
    CaseBasis { accepted_on, origin, amount: Vnd::new(amount).unwrap() }
}

fn ev(date: Date, code: EventCode, amount: Option<i64>) -> Event {
    Event { date, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: None }
}

fn steps(basis: &CaseBasis, events: &[Event]) -> Vec<Step> {
    replay(basis, events, date!(2030 - 12 - 31), &LifecycleRules::default()).unwrap()
}

/// (kind code, due, overdue, rule id) of the deadlines of a case on `on`.
fn due_on(
    basis: &CaseBasis,
    categories: Categories,
    steps: &[Step],
    on: Date,
) -> Vec<(&'static str, Date, bool, String)> {
    let rules = DeadlineRules::default();
    let case = CaseView { basis, categories, steps };
    deadlines(&case, on, &rules, &calendar())
        .into_iter()
        .map(|d| (d.kind.code(), d.due, d.overdue, d.rule.id.clone()))
        .collect()
}

#[test]
fn the_built_in_rules_are_complete_and_consistent() {
    let rules = DeadlineRules::default();
    assert_eq!(rules.rules().len(), 32);
    assert_eq!(rules.new_law_from(), date!(2026 - 07 - 01));
    for kind in DeadlineKind::ALL {
        for regime in Regime::ALL {
            let any = Origin::ALL
                .into_iter()
                .any(|o| [false, true].into_iter().any(|p| rules.pick(kind, regime, o, p).is_some()));
            // The two-year return of a request exists only under the new law.
            assert_eq!(any, !(kind == DeadlineKind::RequestReturn && regime == Regime::Old), "{kind} {regime:?}");
        }
    }
    for rule in rules.rules() {
        assert!(rule.id.starts_with(rule.regime.code()), "{}", rule.id);
        assert!(!rule.citation.is_empty() && !rule.name_vi.is_empty() && !rule.name_en.is_empty());
        if rule.must_verify {
            assert_eq!(rule.confidence, Confidence::Unconfirmed, "{}", rule.id);
        }
    }
}

#[test]
fn rule_sets_are_checked_when_built() {
    let mut list = DeadlineRules::default().rules().to_vec();
    let mut twin = list[0].clone();
    twin.id = "old.twin".into();
    list.push(twin);
    assert!(matches!(DeadlineRules::new(date!(2026 - 07 - 01), list), Err(RulesError::Ambiguous(..))));
    let mut list = DeadlineRules::default().rules().to_vec();
    list[0].starts = Trigger::NotRecorded;
    assert!(matches!(DeadlineRules::new(date!(2026 - 07 - 01), list), Err(RulesError::Trigger(_))));
    let mut list = DeadlineRules::default().rules().to_vec();
    list.push(list[3].clone());
    assert!(matches!(DeadlineRules::new(date!(2026 - 07 - 01), list), Err(RulesError::DuplicateId(_))));
}

#[test]
fn an_administrator_fills_a_verify_cell() {
    let rules =
        DeadlineRules::default().with_length("new.voluntary_period", Length::days(7), Confidence::Confirmed).unwrap();
    let rule = rules.get("new.voluntary_period").unwrap();
    assert_eq!((rule.length, rule.confidence, rule.must_verify), (Length::days(7), Confidence::Confirmed, false));
    assert!(DeadlineRules::default().with_length("nope", Length::days(1), Confidence::Confirmed).is_err());
    // The stored form (what serde reads and writes) round-trips and is checked on the way in.
    let back = DeadlineRules::try_from(RuleSet::from(rules.clone())).unwrap();
    assert_eq!(back, rules);
}

#[test]
fn closed_cases_have_no_deadlines() {
    let b = basis(date!(2026 - 06 - 15), Origin::TheoYeuCau, 1_000);
    let s = steps(&b, &[ev(date!(2026 - 06 - 16), EventCode::Terminated, None)]);
    assert!(due_on(&b, Categories::empty(), &s, date!(2026 - 06 - 20)).is_empty());
    // Before it closed, it had its voluntary period and first verification.
    assert_eq!(due_on(&b, Categories::empty(), &s, date!(2026 - 06 - 15)).len(), 2);
    // Nothing before acceptance.
    assert!(due_on(&b, Categories::empty(), &s, date!(2026 - 06 - 14)).is_empty());
}

#[test]
fn prisoner_category_is_read_from_the_case() {
    let b = basis(date!(2025 - 09 - 01), Origin::ChuDong, 1_000);
    let s = steps(&b, &[ev(date!(2025 - 09 - 15), EventCode::NoMeans, None)]);
    let mut prisoner = Categories::empty();
    prisoner.insert(Category::PhamNhan);
    let ids: Vec<String> = due_on(&b, prisoner, &s, date!(2026 - 03 - 02)).into_iter().map(|d| d.3).collect();
    assert_eq!(ids, vec!["old.reverification_prisoner", "new.separate_register"]);
}
