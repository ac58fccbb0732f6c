//! Contract check of the staff registry: people round-trip with their dates and login, one
//! active person per login, quotas are replaced whole, and the workload counts each officer's
//! cases in one query.

use std::collections::BTreeMap;

use thads_core::personnel::{Person, PersonFacts, Quota, Rank, Status};
use thads_core::{Login, Role};
use time::macros::date;

use super::{facts, new_case, ok, seed_units};
use crate::*;

pub fn people_quotas_and_workload_round_trip(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    let login = ok(Login::new("chv.an").map_err(|e| StoreError::Invalid(e.to_string())));
    let staff = ok(tx.insert_staff(&NewStaff { unit: ids[2], login, full_name: "An".into(), role: Role::Officer }));
    let facts_of = |name: &str, rank, linked: bool| PersonFacts {
        unit: ids[2],
        full_name: name.into(),
        title: "Phó Trưởng phòng".into(),
        rank,
        appointed_on: Some(date!(2021 - 03 - 01)),
        term_ends_on: Some(date!(2026 - 03 - 01)),
        staff: linked.then_some(staff),
    };
    let an = ok(tx.insert_person(&facts_of("Nguyễn Văn An", Rank::ChvTrungCap, true)));
    assert!(
        matches!(tx.insert_person(&facts_of("Người khác", Rank::ThuKy, true)), Err(StoreError::Duplicate(_))),
        "one active person per login"
    );
    let binh = ok(tx.insert_person(&PersonFacts {
        appointed_on: None,
        term_ends_on: None,
        title: String::new(),
        ..facts_of("Trần Thị Bình", Rank::ThuKy, false)
    }));
    let q = Quota { unit: ids[2], total: 5, by_rank: BTreeMap::from([(Rank::ChvTrungCap, 2), (Rank::ThuKy, 2)]) };
    assert_eq!(ok(tx.set_quota(&q)), None);
    let q2 = Quota { total: 6, by_rank: BTreeMap::from([(Rank::ChuyenVien, 1)]), ..q.clone() };
    assert_eq!(ok(tx.set_quota(&q2)), Some(q));
    let mut case_a = facts(ids[2], "1/QĐ-A", 1_000);
    case_a.officer = Some(staff);
    let mut case_b = facts(ids[2], "2/QĐ-A", 2_500);
    case_b.officer = Some(staff);
    ok(tx.insert_cases(&[new_case(case_a), new_case(case_b), new_case(facts(ids[3], "3/QĐ-A", 7))]));
    ok(tx.commit());

    let people = ok(store.people(Some(&[ids[2]])));
    assert_eq!(people.len(), 2);
    assert_eq!(people[0].facts, facts_of("Nguyễn Văn An", Rank::ChvTrungCap, true));
    assert_eq!((people[1].id, people[1].facts.appointed_on, people[1].facts.staff), (binh, None, None));
    assert!(ok(store.people(Some(&[ids[3]]))).is_empty());
    assert_eq!(ok(store.quotas()), vec![q2]);

    // Ended, the person frees the login for someone else.
    let mut tx = ok(store.begin());
    let found = ok(tx.person_for_update(an)).unwrap_or_else(|| panic!("the person is there"));
    let ended = Person { status: Status::Ended, ended_on: Some(date!(2025 - 10 - 31)), ..found };
    ok(tx.update_person(&ended));
    ok(tx.insert_person(&facts_of("Lê Văn Cường", Rank::ChvSoCap, true)));
    ok(tx.commit());
    assert_eq!(ok(store.person(an)), Some(ended));
    assert_eq!(ok(store.people(None)).len(), 3);

    let work = ok(store.workload(Some(&[ids[2], ids[3]])));
    let Some(mine) = work.iter().find(|w| w.officer == Some(staff)).copied() else { panic!("no row of the officer") };
    assert_eq!((mine.unit, mine.in_hand, mine.outstanding, mine.completed), (ids[2], 2, 3_500, 0));
    let Some(nobody) = work.iter().find(|w| w.officer.is_none()).copied() else { panic!("no row of no officer") };
    assert_eq!((nobody.unit, nobody.in_hand, nobody.outstanding), (ids[3], 1, 7));
    assert!(ok(store.workload(Some(&[ids[0]]))).is_empty());
    assert_eq!(ok(store.workload(None)).len(), 2);
}
