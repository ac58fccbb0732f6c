//! Bad values in units, cases and targets files: each listed at its row and column, every bad
//! row of the file listed, and nothing of the file landed.

use thads_core::Role;
use thads_store::{Accounts, Cases};

use crate::support::*;

const UNITS_HEADER: &str = "code,name,parent,kind,valid_from,valid_to,successor";
const GOOD_CASE: &str = "BG-KV2,50/QĐ-THADS,01/02/2024,theo_yeu_cau,,dan_su,,1.000.000,Nguyễn Văn An,Lê Văn Em,";

/// A cases file of a good row followed by `row`.
fn cases_file(scratch: &Scratch, row: &str) -> std::path::PathBuf {
    scratch.file("cases.csv", &format!("{CASES_HEADER}\n{GOOD_CASE}\n{row}\n"))
}

fn refused_case_row(row: &str) -> Vec<thads_app::imports::Problem> {
    let store = seeded();
    let scratch = Scratch::new();
    refused(&store, cases_file(&scratch, row))
}

#[test]
fn an_impossible_date_is_refused() {
    let found = refused_case_row("BG-KV2,51/QĐ,31/02/2024,chu_dong,,dan_su,,0,An,Em,");
    assert_eq!(places(&found), [(Some(3), Some("accepted_on"))]);
    assert!(found[0].reason.contains("impossible date: «31/02/2024»"), "{}", found[0].reason);
}

#[test]
fn negative_money_is_refused() {
    let found = refused_case_row("BG-KV2,51/QĐ,01/02/2024,chu_dong,,dan_su,,-5.000 đ,An,Em,");
    assert_eq!(places(&found), [(Some(3), Some("amount_vnd"))]);
    assert!(found[0].reason.contains("negative amount"));
    assert_eq!(found[0].value.as_deref(), Some("-5.000 đ"));
}

#[test]
fn malformed_money_is_refused() {
    let found = refused_case_row("BG-KV2,51/QĐ,01/02/2024,chu_dong,,dan_su,,\"1,5 triệu\",An,Em,");
    assert_eq!(places(&found), [(Some(3), Some("amount_vnd"))]);
    assert!(found[0].reason.contains("not an amount of whole đồng"));
}

#[test]
fn an_unknown_unit_is_refused() {
    let found = refused_case_row("HN-KV9,51/QĐ,01/02/2024,chu_dong,,dan_su,,0,An,Em,");
    assert_eq!(places(&found), [(Some(3), Some("unit"))]);
    assert!(found[0].reason.contains("unknown unit"));
}

#[test]
fn unknown_codes_are_refused() {
    let found = refused_case_row("BG-KV2,51/QĐ,01/02/2024,chủ động,2,dan su,ngan_hang,0,An,Em,");
    let want = ["origin", "received_by_delegation", "judgment_type", "categories"];
    assert_eq!(places(&found), want.map(|c| (Some(3), Some(c))));
}

#[test]
fn duplicate_numbers_in_the_file_or_the_database_are_refused() {
    let found = refused_case_row("BG-KV2,50/QĐ-THADS,02/02/2024,chu_dong,,dan_su,,0,An,Em,");
    assert_eq!(places(&found), [(Some(3), Some("case_no"))]);
    assert!(found[0].reason.contains("duplicate decision number (row 2)"));
    let found = refused_case_row("BG-KV1,1/QĐ-THADS,02/02/2024,chu_dong,,dan_su,,0,An,Em,");
    assert_eq!(places(&found), [(Some(3), Some("case_no"))]);
    assert!(found[0].reason.contains("already exists"));
}

#[test]
fn acceptance_in_the_future_is_refused() {
    let found = refused_case_row("BG-KV2,51/QĐ,23/11/2026,chu_dong,,dan_su,,0,An,Em,");
    assert_eq!(places(&found), [(Some(3), Some("accepted_on"))]);
}

#[test]
fn an_officer_of_another_unit_is_refused_and_an_unknown_one_created() {
    let found = refused_case_row("BG-KV2,51/QĐ,01/02/2024,chu_dong,,dan_su,,0,An,Em,chv.an");
    assert_eq!(places(&found), [(Some(3), Some("officer"))]);
    // Which unit the login works in is not the importer's to learn.
    assert!(found[0].reason.contains("không thuộc đơn vị «BG-KV2»"), "{}", found[0].reason);
    assert!(!found[0].reason.contains("BG-KV1"), "{}", found[0].reason);

    let store = seeded();
    let scratch = Scratch::new();
    let reports = import(&store, &[cases_file(&scratch, "BG-KV2,51/QĐ,01/02/2024,chu_dong,,dan_su,,0,An,Em,CHV.Moi")]);
    assert!(reports[0].outcome.is_imported());
    let staff = store.staff().unwrap();
    let new = staff.iter().find(|s| s.login.as_str() == "chv.moi").unwrap();
    assert_eq!((new.role, new.full_name.as_str()), (Role::Officer, "chv.moi"));
}

#[test]
fn every_bad_row_is_listed_in_row_order() {
    let found = refused_case_row(
        "BG-KV2,51/QĐ,01/13/2024,chu_dong,,dan_su,,0,An,Em,\nBG-KV2,52/QĐ,01/02/2024,chu_dong,,dan_su,,0,,Em,\n\
         BG-KV2,53/QĐ,01/02/2024,chu_dong,,dan_su,,12.34,An,Em,",
    );
    assert_eq!(
        places(&found),
        [(Some(3), Some("accepted_on")), (Some(4), Some("debtor")), (Some(5), Some("amount_vnd"))]
    );
}

#[test]
fn units_with_an_unknown_parent_or_a_wrong_placement_are_refused() {
    let store = seeded();
    let scratch = Scratch::new();
    let text = format!(
        "{UNITS_HEADER}\nBG-KV3,Khu vực 3,BG,region,,,\nHN-KV1,Khu vực 1,HN,region,,,\nBG-KV4,Khu vực 4,VN,region,,,\n\
         BG-KV5,Khu vực 5,BG,tinh,,,\nVN2,Cục,,national,,,\nBG-KV6,Khu vực 6,BG,region,01/07/2025,30/06/2025,XX\n"
    );
    let found = refused(&store, scratch.file("units.csv", &text));
    let want = [
        (Some(3), Some("parent")),
        (Some(4), Some("parent")),
        (Some(5), Some("kind")),
        (Some(6), Some("kind")),
        (Some(7), Some("valid_to")),
    ];
    assert_eq!(places(&found), want, "{found:#?}");
    assert!(found[1].reason.contains("cannot sit under «VN»"), "{}", found[1].reason);
}

#[test]
fn an_unknown_successor_and_a_duplicate_code_are_refused() {
    let store = seeded();
    let scratch = Scratch::new();
    let text = format!(
        "{UNITS_HEADER}\nBG-KV3,Khu vực 3,BG,region,,,XX\nBG-KV3,Khu vực 3,BG,region,,,\nBG-KV1,Khu vực 1,BG,region,,,\n"
    );
    let found = refused(&store, scratch.file("units.csv", &text));
    assert_eq!(places(&found), [(Some(2), Some("successor")), (Some(3), Some("code")), (Some(4), Some("code"))]);
}

#[test]
fn targets_are_checked_and_unique() {
    let store = seeded();
    let scratch = Scratch::new();
    assert!(import(&store, &[fixture("targets.csv")])[0].outcome.is_imported());
    let text = "unit,year,cases_pct,money_pct\nBG,2025,\"82,805\",45\nBG,2024,80,40\nBG-KV2,2025,80,40\nBG-KV2,2025,81,41\nXX,2025,1,1\n";
    let found = refused(&store, scratch.file("targets.csv", text));
    let want =
        [(Some(2), Some("cases_pct")), (Some(3), Some("year")), (Some(5), Some("year")), (Some(6), Some("unit"))];
    assert_eq!(places(&found), want, "{found:#?}");
}

/// A file longer than the chunks checked and written together (4,096 rows): problems in
/// different chunks, a duplicate of a row from an earlier chunk, and a row with three problems
/// (a bad value, an officer of another unit, a repeated number) listed in column order.
#[test]
fn problems_across_the_write_chunks_are_all_listed_in_order() {
    let mut rows: Vec<String> = (0..9_000)
        .map(|i| format!("BG-KV2,{i}/QĐ-DAI,01/02/2024,chu_dong,,dan_su,,1.000,An,Em,chv.moi{}", i % 7))
        .collect();
    rows[10] = "BG-KV2,10/QĐ-DAI,31/02/2024,chu_dong,,dan_su,,1.000,An,Em,".into(); // row 12
    rows[5_000] = "BG-KV2,3/QĐ-DAI,01/02/2024,chu_dong,,dan_su,,1.000,An,Em,".into(); // row 5002, repeats row 5
    rows[8_500] = "BG-KV2,4/QĐ-DAI,01/02/2024,chu_dong,,dan_su,,-1,An,Em,chv.an".into(); // row 8502
    let store = seeded();
    let scratch = Scratch::new();
    let path = scratch.file("cases.csv", &format!("{CASES_HEADER}\n{}\n", rows.join("\n")));
    let found = refused(&store, path);
    assert_eq!(
        places(&found),
        [
            (Some(12), Some("accepted_on")),
            (Some(5002), Some("case_no")),
            (Some(8502), Some("amount_vnd")),
            (Some(8502), Some("officer")),
            (Some(8502), Some("case_no")),
        ]
    );
    assert!(found[1].reason.contains("duplicate decision number (row 5)"), "{}", found[1].reason);
    assert!(found[4].reason.contains("(row 6)"), "{}", found[4].reason);
}

/// The same long file without problems lands whole, with the officers it names created once.
#[test]
fn a_file_longer_than_the_write_chunks_lands_whole() {
    let rows: Vec<String> = (0..9_000)
        .map(|i| format!("BG-KV2,{i}/QĐ-DAI,01/02/2024,chu_dong,,dan_su,,1.000,An,Em,chv.moi{}", i % 7))
        .collect();
    let store = seeded();
    let (cases, staff) = (store.case_count().unwrap(), store.staff().unwrap().len());
    let scratch = Scratch::new();
    let reports = import(&store, &[scratch.file("cases.csv", &format!("{CASES_HEADER}\n{}\n", rows.join("\n")))]);
    assert!(reports[0].outcome.is_imported(), "{reports:#?}");
    assert_eq!(store.case_count().unwrap(), cases + 9_000);
    assert_eq!(store.staff().unwrap().len(), staff + 7);
    assert_ledger_is_recomputed(&store);
}
