use std::collections::BTreeMap;

use time::macros::date;

use super::staffing::add_months;
use super::*;

fn person(id: i64, unit: i64, rank: Rank, term: Option<time::Date>) -> Person {
    Person {
        id: PersonId(id),
        facts: PersonFacts {
            unit: UnitId(unit),
            full_name: format!("Người {id}"),
            title: String::new(),
            rank,
            appointed_on: None,
            term_ends_on: term,
            staff: None,
        },
        status: Status::Active,
        ended_on: None,
    }
}

#[test]
fn rank_codes_are_the_contracts_and_parse_back() {
    for r in Rank::ALL {
        assert_eq!(Rank::parse(r.code()), Ok(r));
        assert_eq!(serde_json::to_value(r).unwrap(), serde_json::json!(r.code()));
    }
    assert!(Rank::parse("chv").is_err());
    assert!(Rank::parse("thu_ky\u{200B}").is_err(), "an invisible character is refused");
}

#[test]
fn the_seeds_figure_is_written_as_published() {
    // Nghệ An: 220 of 228 posts filled; 90 Chấp hành viên, 15 Thẩm tra viên, 50 Thư ký, 19 Chuyên viên.
    let mut people = Vec::new();
    let mut id = 0;
    for (rank, n) in [
        (Rank::ChvTrungCap, 60),
        (Rank::ChvSoCap, 30),
        (Rank::ThamTraVien, 15),
        (Rank::ThuKy, 50),
        (Rank::ChuyenVien, 19),
        (Rank::Khac, 46),
    ] {
        for _ in 0..n {
            id += 1;
            people.push(person(id, 1, rank, None));
        }
    }
    let quotas = [Quota { unit: UnitId(1), total: 228, by_rank: BTreeMap::new() }];
    let s = staffing(&[UnitId(1)], &quotas, &people);
    assert_eq!((s.posts, s.filled, s.vacant()), (228, 220, 8));
    assert_eq!(
        s.summary_vi(),
        "220/228 biên chế; 90 Chấp hành viên, 15 Thẩm tra viên, 50 Thư ký, 19 Chuyên viên, 46 khác"
    );
    assert!(s.summary_en().starts_with("220 of 228 posts filled; 90 enforcement officers"));
}

#[test]
fn ended_people_and_other_units_are_not_counted() {
    let mut gone = person(2, 1, Rank::ThuKy, None);
    gone.status = Status::Ended;
    let people = [person(1, 1, Rank::ChvSoCap, None), gone, person(3, 2, Rank::ChvSoCap, None)];
    let quotas = [
        Quota { unit: UnitId(1), total: 3, by_rank: BTreeMap::from([(Rank::ChvSoCap, 2), (Rank::ThuKy, 1)]) },
        Quota { unit: UnitId(2), total: 1, by_rank: BTreeMap::new() },
    ];
    let s = staffing(&[UnitId(1)], &quotas, &people);
    assert_eq!((s.posts, s.filled), (3, 1));
    let v = vacancies(&[UnitId(1), UnitId(2)], &quotas, &people);
    assert_eq!(
        v.iter().map(|v| (v.unit.0, v.rank, v.vacant)).collect::<Vec<_>>(),
        vec![(1, None, 2), (1, Some(Rank::ChvSoCap), 1), (1, Some(Rank::ThuKy), 1)]
    );
    let both = staffing(&[UnitId(1), UnitId(2)], &quotas, &people);
    assert_eq!((both.posts, both.filled), (4, 2));
}

#[test]
fn terms_ending_within_months_past_ones_first() {
    let today = date!(2025 - 11 - 30);
    let people = [
        person(1, 1, Rank::ChvSoCap, Some(date!(2026 - 05 - 30))),
        person(2, 1, Rank::ChvSoCap, Some(date!(2026 - 05 - 31))),
        person(3, 1, Rank::ChvSoCap, Some(date!(2025 - 11 - 01))),
        person(4, 1, Rank::ChvSoCap, None),
    ];
    let t = terms_ending(&[UnitId(1)], &people, today, 6);
    assert_eq!(t.iter().map(|t| (t.person.0, t.overdue)).collect::<Vec<_>>(), vec![(3, true), (1, false)]);
    assert_eq!(add_months(date!(2025 - 08 - 31), 6), date!(2026 - 02 - 28));
    assert_eq!(add_months(date!(2025 - 01 - 15), 0), date!(2025 - 01 - 15));
    assert_eq!(add_months(date!(2025 - 12 - 15), 1), date!(2026 - 01 - 15));
}

#[test]
fn facts_are_cleaned_and_checked() {
    let today = date!(2025 - 11 - 30);
    let mut p = person(1, 1, Rank::ChvSoCap, Some(date!(2020 - 01 - 01))).facts;
    p.full_name = "  Nguyễn\u{200B}  Văn   An ".into();
    p.appointed_on = Some(date!(2021 - 01 - 01));
    assert_eq!(p.clone().checked(today), Err(PersonError::TermBeforeAppointment));
    p.term_ends_on = Some(date!(2026 - 01 - 01));
    assert_eq!(p.clone().checked(today).unwrap().full_name, "Nguyễn Văn An");
    p.full_name = " ".into();
    assert!(matches!(p.clone().checked(today), Err(PersonError::Field(_))));
    p.full_name = "A".into();
    p.appointed_on = Some(date!(2026 - 01 - 01));
    assert_eq!(p.checked(today), Err(PersonError::AppointedInFuture));
}

#[test]
fn ending_twice_or_before_the_appointment_is_refused() {
    let mut p = person(1, 1, Rank::ThuKy, None);
    p.facts.appointed_on = Some(date!(2020 - 01 - 01));
    assert_eq!(end(&p, date!(2019 - 01 - 01)), Err(PersonError::EndedBeforeAppointment));
    let ended = end(&p, date!(2025 - 01 - 01)).unwrap();
    assert_eq!((ended.status, ended.ended_on), (Status::Ended, Some(date!(2025 - 01 - 01))));
    assert_eq!(end(&ended, date!(2025 - 02 - 01)), Err(PersonError::AlreadyEnded));
}
