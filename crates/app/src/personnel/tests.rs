//! The registry as use cases on a real store: an import all or nothing with every bad row
//! named, the staffing of a scope as the contract's JSON, a person ended and no longer counted,
//! and the registry's names given to logins.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::collections::BTreeMap;

use thads_core::UnitTree;
use thads_core::personnel::Rank;
use thads_store::Store;
use time::macros::{date, datetime};

use super::*;

fn setup() -> (Box<dyn Store>, thads_testkit::Units, UnitTree) {
    let store: Box<dyn Store> = Box::new(thads_testkit::sqlite_store());
    let units = thads_testkit::seed_units(store.as_ref());
    let tree = UnitTree::new(store.units().unwrap());
    (store, units, tree)
}

fn actor() -> Actor {
    Actor { login: "tccb".into(), at: datetime!(2025-11-20 02:00 UTC) }
}

const HEADER: &str = "name,unit,title,rank,appointed_on,term_ends_on,login\n";

#[test]
fn a_file_with_bad_rows_writes_nothing_and_names_every_one() {
    let (store, u, tree) = setup();
    thads_testkit::seed_officer(store.as_ref(), u.region1, "chv.an", "An");
    let text = format!(
        "{HEADER}Nguyễn Văn An,BG-KV1,Chấp hành viên,chv_trung_cap,01/03/2021,01/03/2026,chv.an\n\
         Trần Thị Bình,BG-KV9,Thư ký,thu_ky,,,\n\
         Lê Văn Cường,BG-KV1,,chv_boss,,,\n\
         Phạm Văn Dũng,BG-KV1,,thu_ky,2021-01-01,2020-01-01,\n\
         Hồ Thị E,BG-KV1,,thu_ky,,,nobody\n\
         Đỗ Văn G,BG-KV1,,khac,,,chv.an\n"
    );
    let out = import_csv(store.as_ref(), &actor(), &tree, &text, &|_| true).unwrap();
    let ImportOutcome::Refused(problems) = out else { panic!("refused expected") };
    assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), vec![3, 4, 5, 6, 7], "{problems:?}");
    assert!(problems[0].reason.contains("BG-KV9") && problems[1].reason.starts_with("rank"));
    assert!(problems[2].reason.starts_with("term_ends_on") && problems[3].reason.contains("nobody"));
    assert!(problems[4].reason.contains("dòng 2"), "{:?}", problems[4]);
    assert!(store.people(None).unwrap().is_empty(), "all or nothing");
}

#[test]
fn an_import_counts_in_the_staffing_and_names_the_officer() {
    let (store, u, tree) = setup();
    let an = thads_testkit::seed_officer(store.as_ref(), u.region1, "chv.an", "An (tài khoản)");
    let text = format!(
        "\u{FEFF}{HEADER}Nguyễn Văn An,bg-kv1,Phó Trưởng phòng,chv_trung_cap,01/03/2021,01/03/2026,chv.an\n\
         Trần Thị Bình,BG-KV1,Thư ký,thu_ky,,,\n\
         Lê Văn Cường,BG-KV2,,chuyen_vien,,,\n\n"
    );
    let out = import_csv(store.as_ref(), &actor(), &tree, &text, &|_| true).unwrap();
    assert_eq!(out, ImportOutcome::Added(3));
    let quota = Quota { unit: u.region1, total: 4, by_rank: BTreeMap::from([(Rank::ThuKy, 2)]) };
    set_quota(store.as_ref(), &actor(), &tree, &quota).unwrap();
    let r = report(store.as_ref(), &tree, u.province, date!(2025 - 11 - 20), 6).unwrap();
    let json = staffing_json("BG", &r.total);
    assert_eq!(
        json,
        serde_json::json!({"unit": "BG", "posts": 4, "filled": 3,
        "by_rank": {"chv_trung_cap": 1, "thu_ky": 1, "chuyen_vien": 1}})
    );
    assert_eq!(r.lines.len(), 2);
    assert_eq!(
        r.vacancies.iter().map(|v| (v.rank, v.vacant)).collect::<Vec<_>>(),
        vec![(None, 2), (Some(Rank::ThuKy), 1)]
    );
    assert_eq!(r.terms.len(), 1, "the term ending 01/03/2026 is within 6 months");
    assert!(report(store.as_ref(), &tree, u.province, date!(2025 - 11 - 20), 3).unwrap().terms.is_empty());
    assert_eq!(officer_names(store.as_ref()).unwrap()[&an], "Nguyễn Văn An");

    // Ended, the person is no longer counted and the login goes by its own name again.
    let person = store.people(None).unwrap()[0].id;
    end(store.as_ref(), &actor(), &tree, person, date!(2025 - 11 - 01)).unwrap();
    assert!(end(store.as_ref(), &actor(), &tree, person, date!(2025 - 11 - 02)).is_err());
    let r = report(store.as_ref(), &tree, u.region1, date!(2025 - 11 - 20), 6).unwrap();
    assert_eq!((r.total.posts, r.total.filled), (4, 1));
    assert_eq!(officer_names(store.as_ref()).unwrap()[&an], "An (tài khoản)");
    // A wrong header is refused before any row.
    let bad = import_csv(store.as_ref(), &actor(), &tree, "ten,don_vi\nA,B\n", &|_| true).unwrap();
    assert!(matches!(bad, ImportOutcome::Refused(p) if p[0].line == 1));
}
