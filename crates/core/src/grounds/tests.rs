use time::macros::date;

use super::*;

fn event(code: EventCode, ground: Option<&str>) -> Event {
    Event { date: date!(2026 - 03 - 02), code, amount: None, ground: ground.map(|g| Ground::new(g).unwrap()) }
}

fn budget() -> Categories {
    let mut c = Categories::empty();
    c.insert(Category::NganSach);
    c
}

#[test]
fn every_ground_is_cited_and_listed_once_per_event() {
    let r = GroundRules::default();
    assert!(r.choices.len() >= 25);
    for c in &r.choices {
        assert!(!c.citation.is_empty() && !c.name_vi.is_empty() && !c.name_en.is_empty(), "{c:?}");
        assert_eq!(r.for_event(c.event).filter(|o| o.ground == c.ground).count(), 1, "{c:?}");
    }
    assert!(r.find(EventCode::Postponed, &Ground::new("48.1.c").unwrap()).is_some());
    assert_eq!(r.for_event(EventCode::Collected).count(), 0, "money collected cites no ground");
    let suspended = r.for_event(EventCode::Suspended).map(|c| c.confidence).collect::<Vec<_>>();
    assert!(suspended.iter().all(|c| *c == Confidence::Unconfirmed), "remembered, not read: {suspended:?}");
}

#[test]
fn a_ground_the_rules_do_not_know_for_the_event_is_refused() {
    let r = GroundRules::default();
    let none = Categories::empty();
    assert_eq!(r.check(&event(EventCode::Postponed, Some("48.1.c")), none), Ok(()));
    assert_eq!(r.check(&event(EventCode::Postponed, None), none), Ok(()), "no ground: the register left it out");
    // Issue 16: any text was taken as a ground.
    assert_eq!(
        r.check(&event(EventCode::Postponed, Some("48.1.z")), none),
        Err(Reason::UnknownGround { event: EventCode::Postponed, ground: Ground::new("48.1.z").unwrap() })
    );
    // A ground of another event.
    assert!(matches!(r.check(&event(EventCode::Postponed, Some("50.1.c")), none), Err(Reason::UnknownGround { .. })));
    assert!(matches!(r.check(&event(EventCode::Collected, Some("48.1.c")), none), Err(Reason::UnknownGround { .. })));
}

#[test]
fn exemption_and_reduction_only_for_the_state_budget() {
    let r = GroundRules::default();
    // Issue 16: both were accepted on a private creditor's case.
    for code in [EventCode::Exempted, EventCode::Reduced] {
        let refused = r.check(&event(code, None), Categories::empty());
        assert!(
            matches!(&refused, Err(Reason::StateBudgetOnly { event, citation }) if *event == code && citation.contains("Điều 61")),
            "{refused:?}"
        );
        assert_eq!(r.check(&event(code, None), budget()), Ok(()));
    }
    assert_eq!(r.check(&event(EventCode::Reduced, Some("61.3")), budget()), Ok(()));
    assert!(r.check(&event(EventCode::Reduced, Some("61.1")), budget()).is_err(), "61.1 is an exemption's");
    assert_eq!(r.check(&event(EventCode::Terminated, None), Categories::empty()), Ok(()));
}

#[test]
fn the_shared_built_in_rules_are_the_default_ones() {
    assert_eq!(GroundRules::built_in(), &GroundRules::default());
    assert!(std::ptr::eq(GroundRules::built_in(), GroundRules::built_in()), "made once, then shared");
}
