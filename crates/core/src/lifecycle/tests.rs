use proptest::prelude::*;
use time::macros::date;

use super::*;
use crate::event::Ground;

const TODAY: Date = date!(2026 - 11 - 22);

fn basis(origin: Origin, amount: i64) -> CaseBasis {
    CaseBasis { accepted_on: date!(2025 - 01 - 02), origin, amount: Vnd::new(amount).unwrap() }
}

fn ev(d: Date, code: EventCode, amount: Option<i64>) -> Event {
    Event { date: d, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: None }
}

fn rules() -> LifecycleRules {
    LifecycleRules::default()
}

/// The events that lead a case with 10.000.000 đ owed into each state.
fn prefix(state: &str) -> Vec<Event> {
    let d = date!(2025 - 01 - 10);
    let one = |code| vec![ev(d, code, None)];
    match state {
        "opened" => vec![],
        "with_means" => one(EventCode::WithMeans),
        "without_means" => one(EventCode::NoMeans),
        "postponed" => one(EventCode::Postponed),
        "suspended" => one(EventCode::Suspended),
        "completed" => vec![ev(d, EventCode::Collected, Some(10_000_000)), ev(d, EventCode::Completed, None)],
        "separate_register" => vec![ev(d, EventCode::NoMeans, None), ev(d, EventCode::SeparateRegister, None)],
        "request_returned" => {
            vec![ev(d, EventCode::NoMeans, None), ev(date!(2026 - 07 - 02), EventCode::RequestReturned, None)]
        }
        closing => vec![ev(d, EventCode::parse(closing).unwrap(), None)],
    }
}

/// The event under test, with a basis on which only the state decides.
fn probe(code: EventCode) -> (CaseBasis, Event) {
    let d = date!(2026 - 08 - 01);
    match code {
        EventCode::Collected | EventCode::Reduced => (basis(Origin::TheoYeuCau, 10_000_000), ev(d, code, Some(1_000))),
        EventCode::SeparateRegister => (basis(Origin::ChuDong, 10_000_000), ev(d, code, None)),
        _ => (basis(Origin::TheoYeuCau, 10_000_000), ev(d, code, None)),
    }
}

#[test]
fn every_transition_is_allowed_or_refused_as_the_table_says() {
    // Columns follow EventCode::ALL: with_means no_means postponed suspended resumed collected
    // reduced exempted terminated completed delegated_out withdrawn separate_register request_returned.
    let table = [
        ("opened", "YYYYNYYYYYYYNN"),
        ("with_means", "YYYYNYYYYYYYNN"),
        ("without_means", "YYYYYYYYYYYYYY"),
        ("postponed", "NNNYYYYYYYYYNN"),
        ("suspended", "NNNNYYYYYYYYNN"),
        ("completed", "NNNNNNNNNNNNNN"),
        ("terminated", "NNNNNNNNNNNNNN"),
        ("exempted", "NNNNNNNNNNNNNN"),
        ("delegated_out", "NNNNNNNNNNNNNN"),
        ("withdrawn", "NNNNNNNNNNNNNN"),
        ("separate_register", "NNNNNNNNNNNNNN"),
        ("request_returned", "NNNNNNNNNNNNNN"),
    ];
    for (state, row) in table {
        for (code, want) in EventCode::ALL.into_iter().zip(row.chars()) {
            let (mut b, probe_event) = probe(code);
            if state == "request_returned" {
                b.origin = Origin::TheoYeuCau;
            }
            let mut events = prefix(state);
            assert!(replay(&b, &events, TODAY, &rules()).is_ok(), "prefix of {state}");
            events.push(probe_event);
            let got = replay(&b, &events, TODAY, &rules());
            let refused_by_state =
                matches!(&got, Err(Refusal { reason: Reason::NotAllowed { .. } | Reason::AfterClosing { .. }, .. }));
            match want {
                'Y' => assert!(!refused_by_state, "{code} in {state} should be allowed by the table, got {got:?}"),
                _ => assert!(refused_by_state, "{code} in {state} should be refused, got {got:?}"),
            }
        }
    }
}

#[test]
fn states_follow_the_events() {
    let b = basis(Origin::TheoYeuCau, 5_000_000);
    let d = date!(2025 - 02 - 01);
    let g = Ground::new("48.1.c").unwrap();
    let events = vec![
        ev(d, EventCode::WithMeans, None),
        Event { ground: Some(g.clone()), ..ev(d, EventCode::Postponed, None) },
        ev(d, EventCode::Resumed, None),
        ev(d, EventCode::Collected, Some(2_000_000)),
        ev(d, EventCode::NoMeans, None),
    ];
    let steps = replay(&b, &events, TODAY, &rules()).unwrap();
    let states: Vec<&str> = steps.iter().map(|s| s.after.state.code()).collect();
    assert_eq!(states, ["with_means", "postponed", "with_means", "with_means", "without_means"]);
    assert_eq!(steps[1].after.state, CaseState::Postponed(Some(g)));
    assert_eq!(steps[4].after.outstanding, Vnd::new(3_000_000).unwrap());
    assert_eq!(steps[3].moved, Vnd::new(2_000_000).unwrap());
}

#[test]
fn money_can_never_exceed_what_is_owed() {
    let b = basis(Origin::TheoYeuCau, 1_000_000);
    let d = date!(2025 - 02 - 01);
    let over = replay(&b, &[ev(d, EventCode::Collected, Some(1_000_001))], TODAY, &rules()).unwrap_err();
    assert!(matches!(over.reason, Reason::ExceedsOutstanding { .. }), "{over:?}");
    let events = [ev(d, EventCode::Collected, Some(600_000)), ev(d, EventCode::Reduced, Some(400_001))];
    let over = replay(&b, &events, TODAY, &rules()).unwrap_err();
    assert_eq!(over.index, 1);
    let terminated_too_much = [ev(d, EventCode::Collected, Some(600_000)), ev(d, EventCode::Terminated, Some(400_001))];
    assert!(replay(&b, &terminated_too_much, TODAY, &rules()).is_err());
    let zero = replay(&b, &[ev(d, EventCode::Collected, Some(0))], TODAY, &rules()).unwrap_err();
    assert_eq!(zero.reason, Reason::AmountZero);
    let missing = replay(&b, &[ev(d, EventCode::Reduced, None)], TODAY, &rules()).unwrap_err();
    assert_eq!(missing.reason, Reason::AmountRequired(EventCode::Reduced));
    let stray = replay(&b, &[ev(d, EventCode::WithMeans, Some(5))], TODAY, &rules()).unwrap_err();
    assert_eq!(stray.reason, Reason::AmountNotAllowed(EventCode::WithMeans));
    let early = replay(&b, &[ev(d, EventCode::Completed, None)], TODAY, &rules()).unwrap_err();
    assert_eq!(early.reason, Reason::StillOwed(Vnd::new(1_000_000).unwrap()));
    let exact = [
        ev(d, EventCode::Collected, Some(600_000)),
        ev(d, EventCode::Reduced, Some(400_000)),
        ev(d, EventCode::Completed, None),
    ];
    let steps = replay(&b, &exact, TODAY, &rules()).unwrap();
    assert_eq!(steps[2].after.state, CaseState::Closed(Closing::Completed));
    assert_eq!(steps[2].closed_rest, Some(Vnd::ZERO));
}

#[test]
fn termination_closes_with_the_remainder() {
    let b = basis(Origin::ChuDong, 1_000_000);
    let d = date!(2025 - 02 - 01);
    let steps =
        replay(&b, &[ev(d, EventCode::Collected, Some(300_000)), ev(d, EventCode::Terminated, None)], TODAY, &rules())
            .unwrap();
    assert_eq!(steps[1].closed_rest, Some(Vnd::new(700_000).unwrap()));
    assert_eq!(steps[1].after.outstanding, Vnd::ZERO);
}

#[test]
fn dates_are_bounded_by_acceptance_and_today() {
    let b = basis(Origin::ChuDong, 0);
    let before = replay(&b, &[ev(date!(2025 - 01 - 01), EventCode::WithMeans, None)], TODAY, &rules()).unwrap_err();
    assert!(matches!(before.reason, Reason::BeforeAcceptance { .. }));
    let future = replay(&b, &[ev(date!(2026 - 11 - 23), EventCode::WithMeans, None)], TODAY, &rules()).unwrap_err();
    assert!(matches!(future.reason, Reason::InFuture { .. }));
    assert!(replay(&b, &[ev(b.accepted_on, EventCode::WithMeans, None)], TODAY, &rules()).is_ok());
}

#[test]
fn new_law_rules_for_returning_requests_and_the_separate_register() {
    let on_request = basis(Origin::TheoYeuCau, 0);
    let ex_officio = basis(Origin::ChuDong, 0);
    let no_means = ev(date!(2025 - 02 - 01), EventCode::NoMeans, None);
    let returned = |d| vec![no_means.clone(), ev(d, EventCode::RequestReturned, None)];
    let early = replay(&on_request, &returned(date!(2026 - 06 - 30)), TODAY, &rules()).unwrap_err();
    assert!(matches!(early.reason, Reason::NewLawOnly(_)));
    assert!(replay(&on_request, &returned(date!(2026 - 07 - 01)), TODAY, &rules()).is_ok());
    let wrong_origin = replay(&ex_officio, &returned(date!(2026 - 07 - 01)), TODAY, &rules()).unwrap_err();
    assert_eq!(wrong_origin.reason, Reason::OnRequestOnly);
    let moved = |d| vec![no_means.clone(), ev(d, EventCode::SeparateRegister, None)];
    assert!(replay(&on_request, &moved(date!(2026 - 06 - 30)), TODAY, &rules()).is_ok());
    let refused = replay(&on_request, &moved(date!(2026 - 07 - 01)), TODAY, &rules()).unwrap_err();
    assert!(matches!(refused.reason, Reason::ExOfficioOnly(_)));
    assert!(replay(&ex_officio, &moved(date!(2026 - 07 - 01)), TODAY, &rules()).is_ok());
}

#[test]
fn a_backdated_event_is_checked_against_the_history_after_it() {
    let b = basis(Origin::TheoYeuCau, 1_000_000);
    let mut events = vec![
        ev(date!(2025 - 02 - 01), EventCode::WithMeans, None),
        ev(date!(2025 - 05 - 01), EventCode::Collected, Some(500_000)),
    ];
    // Entered late: a completion dated before the collection makes the collection impossible.
    events.insert(1, ev(date!(2025 - 03 - 01), EventCode::Terminated, None));
    let refusal = replay(&b, &events, TODAY, &rules()).unwrap_err();
    assert_eq!((refusal.index, refusal.event), (2, EventCode::Collected));
    assert!(matches!(refusal.reason, Reason::AfterClosing { closing: Closing::Terminated, .. }));
    // Entered late and consistent: a postponement and resumption before the payment.
    let mut events = vec![
        ev(date!(2025 - 02 - 01), EventCode::WithMeans, None),
        ev(date!(2025 - 05 - 01), EventCode::Collected, Some(500_000)),
    ];
    events.insert(1, ev(date!(2025 - 03 - 01), EventCode::Postponed, None));
    events.insert(2, ev(date!(2025 - 04 - 01), EventCode::Resumed, None));
    let steps = replay(&b, &events, TODAY, &rules()).unwrap();
    let on = |d| state_on(&b, &steps, d).unwrap().state.code();
    assert_eq!(on(date!(2025 - 01 - 15)), "opened");
    assert_eq!(on(date!(2025 - 03 - 15)), "postponed");
    assert_eq!(on(date!(2025 - 06 - 01)), "with_means");
    assert!(state_on(&b, &steps, date!(2024 - 12 - 31)).is_none());
}

fn arb_event() -> impl Strategy<Value = Event> {
    (0i64..700, 0usize..EventCode::ALL.len(), proptest::option::of(0i64..3_000_000)).prop_map(|(day, code, amount)| {
        ev(date!(2025 - 01 - 02) + time::Duration::days(day), EventCode::ALL[code], amount)
    })
}

proptest! {
    /// Whatever is entered, an accepted history keeps the money and state invariants.
    #[test]
    fn accepted_histories_keep_their_invariants(amount in 0i64..5_000_000, mut events in proptest::collection::vec(arb_event(), 0..30)) {
        events.sort_by_key(|e| e.date);
        let b = basis(Origin::TheoYeuCau, amount);
        let mut accepted = Vec::new();
        // Keep the longest acceptable prefix, dropping each refused event (like a user would).
        for e in events {
            accepted.push(e);
            if replay(&b, &accepted, TODAY, &rules()).is_err() {
                accepted.pop();
            }
        }
        let steps = replay(&b, &accepted, TODAY, &rules()).unwrap();
        let mut closed = false;
        for s in &steps {
            prop_assert!(!closed, "no step after a closing");
            let snap = &s.after;
            let rest = s.closed_rest.map_or(0, Vnd::dong);
            prop_assert_eq!(snap.outstanding.dong() + snap.collected.dong() + snap.reduced.dong() + rest
                + closed_rests_before(&steps, s), amount);
            closed = snap.state.is_closed();
        }
        // Every prefix of an accepted history is accepted.
        for n in 0..accepted.len() {
            prop_assert!(replay(&b, &accepted[..n], TODAY, &rules()).is_ok());
        }
    }
}

/// Closing rests of earlier steps (at most one closing, and it is last).
fn closed_rests_before(steps: &[Step], upto: &Step) -> i64 {
    steps.iter().take_while(|s| !std::ptr::eq(*s, upto)).filter_map(|s| s.closed_rest).map(Vnd::dong).sum()
}

#[test]
fn state_codes_round_trip() {
    let g = Some(Ground::new("48.1.c").unwrap());
    let mut all = vec![
        CaseState::Opened,
        CaseState::WithMeans,
        CaseState::WithoutMeans,
        CaseState::Postponed(g.clone()),
        CaseState::Suspended(None),
    ];
    all.extend(Closing::ALL.into_iter().map(CaseState::Closed));
    for s in all {
        assert_eq!(CaseState::from_code(s.code(), s.ground().cloned()), Some(s.clone()));
    }
    assert_eq!(CaseState::from_code("finished", None), None);
}
