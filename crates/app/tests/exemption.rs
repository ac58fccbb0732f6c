//! Exemption and reduction through the use cases: a proposal only for an eligible case and one
//! open at a time; a decision taken before its protest windows have run waits and is recorded
//! on the case later, once; a reduction moves the reduced money; a protested decision waits for
//! the decision on the protest; the court considers a judgment at most once a year.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use thads_app::cases::record::{create_case, record};
use thads_app::exemption::{DecisionInput, ProposalInput, apply_effect, decide, eligibility_of, propose};
use thads_app::{Actor, AppError, NewRecord};
use thads_core::calendar::{Announcements, WorkingCalendar};
use thads_core::exemption::{CourtDecision, CourtResult};
use thads_core::{CaseId, CaseState, Category, Closing, Event, EventCode, Rules, Vnd};
use thads_store::{Audit, Cases, Exemptions, Store};
use thads_testkit::{facts, seed_units, sqlite_store};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

fn actor_at(at: OffsetDateTime) -> Actor {
    Actor { login: "tp.hoa".into(), at }
}

fn calendar() -> WorkingCalendar {
    WorkingCalendar::vietnam(Announcements::none()).unwrap()
}

/// A state-budget case accepted on 10/03/2015, without means since 2017, `paid` collected.
fn case(store: &dyn Store, no: &str, amount: i64, paid: i64) -> CaseId {
    let units = seed_units_once(store);
    let mut f = facts(units, no, date!(2015 - 03 - 10), amount);
    f.categories.insert(Category::NganSach);
    let a = actor_at(datetime!(2026-11-20 09:00 +7));
    let rules = Rules::default();
    let mut c = create_case(store, &a, &rules, f).unwrap().case;
    if paid > 0 {
        let ev = Event {
            date: date!(2016 - 01 - 05),
            code: EventCode::Collected,
            amount: Vnd::new(paid).ok(),
            ground: None,
        };
        c = record(store, &a, &rules, c.id, c.version, NewRecord::event(ev)).unwrap().case;
    }
    let ev = Event { date: date!(2017 - 02 - 01), code: EventCode::NoMeans, amount: None, ground: None };
    record(store, &a, &rules, c.id, c.version, NewRecord::event(ev)).unwrap();
    c.id
}

fn seed_units_once(store: &dyn Store) -> thads_core::UnitId {
    match store.units().unwrap().iter().find(|u| u.code.as_str() == "BG-KV1") {
        Some(u) => u.id,
        None => seed_units(store).region1,
    }
}

fn proposal(case: CaseId, on: Date) -> ProposalInput {
    ProposalInput {
        case_id: case, proposed_on: on, procuracy_on: Some(on), amount: None, note: "Hồ sơ đề nghị".into()
    }
}

fn decision(on: Date, result: CourtResult, protested: bool, on_protest: bool) -> DecisionInput {
    DecisionInput {
        decision_no: "05/2026/QĐ-MGTHA".into(),
        decision: CourtDecision {
            decided_on: on,
            result,
            on_protest,
            protested,
            received_by_higher_procuracy_on: None,
        },
    }
}

#[test]
fn a_decision_waits_for_its_protest_windows_then_closes_the_case_once() {
    let store = sqlite_store();
    let rules = Rules::default();
    let cal = calendar();
    let id = case(&store, "1/QĐ-THADS", 1_500_000, 0);
    // Not a state-budget case: refused, naming why.
    let other = {
        let u = seed_units_once(&store);
        let f = facts(u, "2/QĐ-THADS", date!(2015 - 03 - 10), 1_500_000);
        create_case(&store, &actor_at(datetime!(2026-11-20 09:00 +7)), &rules, f).unwrap().case.id
    };
    let today = actor_at(datetime!(2026-11-20 09:00 +7));
    let e = propose(&store, &today, &rules, &cal, proposal(other, date!(2026 - 11 - 02)));
    assert!(matches!(e, Err(AppError::Invalid(m)) if m.contains("ngân sách")));

    let p = propose(&store, &today, &rules, &cal, proposal(id, date!(2026 - 11 - 02))).unwrap();
    // One open proposal at a time.
    assert!(propose(&store, &today, &rules, &cal, proposal(id, date!(2026 - 11 - 03))).is_err());
    // Decided on 16/11: sent within 5 working days, then 15 days for the higher procuracy.
    let d = decide(&store, &today, &rules, &cal, p, decision(date!(2026 - 11 - 16), CourtResult::Mien, false, false))
        .unwrap();
    assert!(d.changed.is_none());
    let effective = d.effect.effective_on.unwrap();
    assert!(effective > date!(2026 - 12 - 01), "{effective}");
    assert!(apply_effect(&store, &today, &rules, &cal, p).is_err(), "not in effect yet");
    assert_eq!(store.case(id).unwrap().unwrap().current.state, CaseState::WithoutMeans);
    // A second decision on a proposal not protested is refused.
    assert!(
        decide(&store, &today, &rules, &cal, p, decision(date!(2026 - 11 - 17), CourtResult::Rejected, false, false))
            .is_err()
    );
    // On the day it takes effect the case ends as exempted (terminated), once.
    let later = actor_at(effective.midnight().assume_offset(time::macros::offset!(+7)) + time::Duration::hours(9));
    let changed = apply_effect(&store, &later, &rules, &cal, p).unwrap();
    assert_eq!(changed.case.current.state, CaseState::Closed(Closing::Exempted));
    assert!(apply_effect(&store, &later, &rules, &cal, p).is_err());
    let stored = store.proposal(p).unwrap().unwrap();
    assert_eq!(stored.applied_on, Some(effective));
    let actions: Vec<String> = store.audit_of_case(id).unwrap().into_iter().map(|a| a.action).collect();
    for a in ["exemption.propose", "exemption.decide", "exemption.apply", "event.add"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}

#[test]
fn a_reduction_moves_the_reduced_money_and_a_year_must_pass() {
    let store = sqlite_store();
    let rules = Rules::default();
    let cal = calendar();
    // 10,300,000 with 300,000 paid: 10,000,000 left, at most ¼ after five years.
    let id = case(&store, "3/QĐ-THADS", 10_300_000, 300_000);
    let now = actor_at(datetime!(2026-11-20 09:00 +7));
    let (_, e, _) = eligibility_of(&store, &rules, &cal, id, date!(2026 - 06 - 01), now.today()).unwrap();
    assert_eq!((e.eligible, e.max_reduction), (true, Vnd::new(2_500_000).ok()));
    // More than the maximum is refused, naming the amount.
    let mut too_much = proposal(id, date!(2026 - 06 - 01));
    too_much.amount = Vnd::new(2_500_001).ok();
    assert!(matches!(propose(&store, &now, &rules, &cal, too_much), Err(AppError::Field { field: "amount_vnd", .. })));
    let p = propose(&store, &now, &rules, &cal, proposal(id, date!(2026 - 06 - 01))).unwrap();
    // Protested: it waits; the decision on the protest takes effect when made.
    let d = decide(
        &store,
        &now,
        &rules,
        &cal,
        p,
        decision(date!(2026 - 06 - 20), CourtResult::Giam(Vnd::new(2_000_000).unwrap()), true, false),
    )
    .unwrap();
    assert_eq!((d.effect.effective_on, d.changed.is_none()), (None, true));
    let d = decide(
        &store,
        &now,
        &rules,
        &cal,
        p,
        decision(date!(2026 - 07 - 20), CourtResult::Giam(Vnd::new(2_000_000).unwrap()), false, true),
    )
    .unwrap();
    assert_eq!(d.effect.effective_on, Some(date!(2026 - 07 - 20)));
    let case = d.changed.unwrap().case;
    assert_eq!(
        (case.current.reduced, case.current.outstanding),
        (Vnd::new(2_000_000).unwrap(), Vnd::new(8_000_000).unwrap())
    );
    // Considered on 20/07/2026: not again before 21/07/2027.
    let (_, e, _) = eligibility_of(&store, &rules, &cal, id, date!(2026 - 11 - 20), now.today()).unwrap();
    assert!(!e.eligible);
    assert!(propose(&store, &now, &rules, &cal, proposal(id, date!(2026 - 11 - 20))).is_err());
}
