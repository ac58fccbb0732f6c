//! The register as a use case on a real store: authority decided from the table on the day,
//! late letters registered with their citation, each step checked, written and audited, a
//! repeat letter linked and not counted, overdue letters found, figures that move.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::collections::BTreeSet;

use thads_core::complaints::{
    Channel, ComplaintFacts, ComplaintKind, Level, Matter, Object, Outcome, ReferralKind, Resolution, Respondent,
    RespondentRole,
};
use thads_core::dates::Period;
use thads_core::{UnitId, UnitTree};
use thads_store::{Referral, Store};
use time::macros::{date, datetime};

use super::*;

fn setup() -> (Box<dyn Store>, thads_testkit::Units, UnitTree) {
    let store: Box<dyn Store> = Box::new(thads_testkit::sqlite_store());
    let units = thads_testkit::seed_units(store.as_ref());
    let tree = UnitTree::new(store.units().unwrap());
    (store, units, tree)
}

fn actor() -> Actor {
    Actor { login: "vanthu".into(), at: datetime!(2026-08-03 02:00 UTC) }
}

fn facts(unit: UnitId, received_on: time::Date, act_on: Option<time::Date>) -> ComplaintFacts {
    ComplaintFacts {
        unit,
        matter: Matter::KhieuNai { object: Object::CuongChe, level: Level::First },
        channel: Channel::TrucTiep,
        received_on,
        complainant: "Trần Văn Bình".into(),
        subject: "Khiếu nại việc kê biên nhà".into(),
        case_id: None,
        act_on,
        obstacle_days: 0,
        same_matter_as: None,
        within_authority: false,
    }
}

fn against_officer_of(unit: UnitId, f: ComplaintFacts) -> NewLetter {
    NewLetter {
        facts: f,
        authority: AuthorityBasis::Respondent(Respondent { unit, role: RespondentRole::Officer }),
        first_decision_of: None,
        session: None,
    }
}

#[test]
fn authority_comes_from_the_table_and_a_late_letter_is_registered_with_its_citation() {
    let (store, u, tree) = setup();
    // One-level organisation: a regional officer's act is resolved by the provincial head.
    let at_province = register(
        store.as_ref(),
        &actor(),
        &tree,
        against_officer_of(u.region1, facts(u.province, date!(2026 - 07 - 20), Some(date!(2026 - 07 - 10)))),
    )
    .unwrap();
    assert!(at_province.registration.within_authority);
    assert!(!at_province.registration.late);
    let at_region = register(
        store.as_ref(),
        &actor(),
        &tree,
        against_officer_of(u.region1, facts(u.region1, date!(2026 - 07 - 20), Some(date!(2026 - 05 - 01)))),
    )
    .unwrap();
    let r = &at_region.registration;
    assert!(!r.within_authority, "the region forwards it");
    // Five working days from Monday 20/07/2026 to refer it.
    assert_eq!(r.due, Some(date!(2026 - 07 - 27)));
    assert!(r.citation.as_deref().unwrap().contains("Điều 38"));
    assert!(r.late, "30 days from 01/05 ran out on 01/06");
    assert!(r.limitation_citation.as_deref().unwrap().contains("140"));
    let stored = store.complaint(at_region.id).unwrap().unwrap();
    assert!(!stored.record.facts.within_authority);
    let trail = store
        .search_audit(&thads_store::AuditQuery {
            units: Some(vec![u.region1]),
            case: None,
            actor: None,
            action: Some("complaint.register".into()),
            from: None,
            until: None,
            limit: 10,
        })
        .unwrap();
    assert_eq!(trail.len(), 1);
    // A letter received tomorrow is refused, naming its field.
    let tomorrow = register(
        store.as_ref(),
        &actor(),
        &tree,
        against_officer_of(u.region1, facts(u.province, date!(2026 - 08 - 04), None)),
    );
    assert!(matches!(tomorrow, Err(AppError::Field { field: "received_on", .. })), "{tomorrow:?}");
}

#[test]
fn steps_are_checked_and_audited_and_the_figures_move() {
    let (store, u, tree) = setup();
    let a = actor();
    let stated = |f, within| NewLetter {
        facts: f,
        authority: AuthorityBasis::Stated(within),
        first_decision_of: None,
        session: None,
    };
    let first =
        register(store.as_ref(), &a, &tree, stated(facts(u.province, date!(2026 - 06 - 01), None), true)).unwrap().id;
    let mut repeat = facts(u.province, date!(2026 - 06 - 05), None);
    repeat.same_matter_as = Some(first);
    let repeat = register(store.as_ref(), &a, &tree, stated(repeat, true)).unwrap().id;
    let outside =
        register(store.as_ref(), &a, &tree, stated(facts(u.province, date!(2026 - 07 - 01), None), false)).unwrap().id;
    let scope: BTreeSet<UnitId> = tree.scope(u.national);
    let period = Period::new(date!(2026 - 06 - 01), date!(2026 - 07 - 31)).unwrap();
    let today = date!(2026 - 08 - 03);
    let before = figures(store.as_ref(), &scope, period, today, None).unwrap();
    assert_eq!((before.received, before.within_authority, before.resolved), (2, 1, 0), "the repeat is not counted");
    assert_eq!(before.resolved_rate.map(|p| p.to_string()), Some("0.00".into()));
    // Accepted on the letter's fifth working day, resolution due 30 days later: 08/07/2026.
    let overdue = overdue_letters(store.as_ref(), &tree, &scope, today).unwrap();
    let ids: Vec<i64> = overdue.iter().map(|d| d.id).collect();
    assert!(ids.contains(&first.0) && ids.contains(&outside.0) && !ids.contains(&repeat.0), "{overdue:?}");
    assert_eq!(before.overdue, 1);

    let step = |id, s: Step| apply_step(store.as_ref(), &a, &tree, id, &s);
    assert!(matches!(step(repeat, Step::Accept { date: today }), Err(AppError::Field { field: "same_matter_as", .. })));
    assert!(matches!(step(outside, Step::Accept { date: today }), Err(AppError::Invalid(_))), "refer it instead");
    step(first, Step::Accept { date: date!(2026 - 06 - 03) }).unwrap();
    assert!(matches!(step(first, Step::Extend { days: 31 }), Err(AppError::Field { field: "days", .. })));
    step(first, Step::Extend { days: 30 }).unwrap();
    let referral = Referral { kind: ReferralKind::HuongDan, to: "Tòa án nhân dân tỉnh Bắc Giang".into() };
    step(outside, Step::Refer { date: date!(2026 - 07 - 03), referral: referral.clone() }).unwrap();
    let decision = Resolution { date: date!(2026 - 07 - 30), outcome: Outcome::DungMotPhan };
    assert!(matches!(
        step(first, Step::Resolve(Resolution { date: date!(2026 - 08 - 04), ..decision })),
        Err(AppError::Field { field: "date", .. })
    ));
    let done = step(first, Step::Resolve(decision)).unwrap();
    assert_eq!(done.row.record.progress.resolution, Some(decision));
    assert!(matches!(step(first, Step::Resolve(decision)), Err(AppError::Invalid(_))), "once");
    assert_eq!(store.complaint(outside).unwrap().unwrap().referral, Some(referral));

    let after = figures(store.as_ref(), &scope, period, today, None).unwrap();
    assert_eq!((after.received, after.within_authority, after.resolved, after.overdue), (2, 1, 1, 0));
    assert_eq!(after.resolved_rate.map(|p| p.to_string()), Some("100.00".into()));
    assert!(overdue_letters(store.as_ref(), &tree, &scope, today).unwrap().is_empty());
    let only_denunciations = figures(store.as_ref(), &scope, period, today, Some(ComplaintKind::ToCao)).unwrap();
    assert_eq!(only_denunciations.received, 0);
    let actions = store.audit_actions().unwrap();
    for action in ["complaint.register", "complaint.accept", "complaint.extend", "complaint.refer", "complaint.resolve"]
    {
        assert!(actions.iter().any(|x| x == action), "{action} in {actions:?}");
    }
    // A link to a letter that does not exist is refused.
    let mut dangling = facts(u.province, date!(2026 - 07 - 01), None);
    dangling.same_matter_as = Some(thads_core::complaints::ComplaintId(9999));
    let refused = register(store.as_ref(), &a, &tree, stated(dangling, true));
    assert!(matches!(refused, Err(AppError::Field { field: "same_matter_as", .. })), "{refused:?}");
}
