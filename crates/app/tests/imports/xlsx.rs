//! Workbooks: one sheet per kind, dates as date cells or text, money as numbers or text.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use thads_app::cases::view::find_case;
use thads_app::imports::Outcome;
use thads_core::Vnd;
use time::macros::date;

use crate::support::*;

/// Writes a row of text cells; empty texts stay empty cells.
fn texts(sheet: &mut Worksheet, row: u32, cells: &[&str]) {
    for (col, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, col as u16, *text).unwrap();
        }
    }
}

fn rows(sheet: &mut Worksheet, lines: &str) {
    for (row, line) in lines.lines().enumerate() {
        texts(sheet, row as u32, &line.split(',').collect::<Vec<_>>());
    }
}

fn workbook(path: &std::path::Path, money: f64) {
    let mut book = Workbook::new();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let cases = book.add_worksheet().set_name("cases").unwrap();
    texts(cases, 0, &CASES_HEADER.split(',').collect::<Vec<_>>());
    texts(cases, 1, &["BG-KV2", "60/QĐ-THADS", "", "theo_yeu_cau", "", "dan_su", "", "", "Vũ Thị Lan", "Ngô Quân", ""]);
    cases.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2024, 3, 5).unwrap(), &day).unwrap();
    cases.write_number(1, 7, money).unwrap();
    texts(
        cases,
        2,
        &["BG-KV2", "61/QĐ-THADS", "06/03/2024", "chu_dong", "", "hinh_su", "", "2.000.000 đ", "Hồ Văn Nam", "", ""],
    );
    cases.write_number(2, 4, 1.0).unwrap();
    let units = book.add_worksheet().set_name("units").unwrap();
    rows(units, "code,name,parent,kind\nBG-KV9,Phòng THADS khu vực 9,BG,region");
    let events = book.add_worksheet().set_name("events").unwrap();
    texts(events, 0, &EVENTS_HEADER.split(',').collect::<Vec<_>>());
    texts(events, 1, &["BG-KV2", "60/QĐ-THADS", "", "with_means", "", ""]);
    events.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2024, 3, 10).unwrap(), &day).unwrap();
    texts(events, 2, &["BG-KV2", "60/QĐ-THADS", "2024-03-20", "collected", "", ""]);
    events.write_number(2, 4, 1_000_000.0).unwrap();
    let targets = book.add_worksheet().set_name("targets").unwrap();
    rows(targets, "unit,year,cases_pct,money_pct\nBG-KV9,2025,82.8,45");
    book.add_worksheet().set_name("ghi chú").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_workbook_imports_sheet_by_sheet_in_dependency_order() {
    let store = seeded();
    let scratch = Scratch::new();
    let path = scratch.bytes("so-thu-ly.xlsx", b"");
    workbook(&path, 150_000_000.0);
    let reports = import(&store, std::slice::from_ref(&path));
    let names: Vec<_> = reports.iter().map(|r| r.file.rsplit('/').next().unwrap().to_string()).collect();
    assert_eq!(
        names,
        ["so-thu-ly.xlsx[units]", "so-thu-ly.xlsx[cases]", "so-thu-ly.xlsx[events]", "so-thu-ly.xlsx[targets]"]
    );
    assert!(reports.iter().all(|r| r.outcome.is_imported()), "{reports:#?}");
    let (_, case) = find_case(&store, "BG-KV2", "60/QĐ-THADS").unwrap();
    assert_eq!(case.facts.accepted_on, date!(2024 - 03 - 05));
    assert_eq!(case.facts.amount, Vnd::new(150_000_000).unwrap());
    assert_eq!(case.current.outstanding, Vnd::new(149_000_000).unwrap());
    let (_, case) = find_case(&store, "BG-KV2", "61/QĐ-THADS").unwrap();
    assert!(case.facts.received_by_delegation);
    assert_ledger_is_recomputed(&store);

    let again = import(&store, &[path]);
    assert!(again.iter().all(|r| matches!(r.outcome, Outcome::AlreadyImported(_))), "{again:#?}");
}

#[test]
fn a_fractional_amount_in_a_number_cell_is_refused_at_its_cell() {
    let store = seeded();
    let scratch = Scratch::new();
    let path = scratch.bytes("so.xlsx", b"");
    workbook(&path, 1_500.5);
    let reports = import(&store, &[path]);
    assert!(reports[0].outcome.is_imported(), "units");
    assert_eq!(places(problems(&reports[1])), [(Some(2), Some("amount_vnd"))]);
    assert!(matches!(reports[2].outcome, Outcome::Skipped { .. }));
    assert_eq!(store_cases(&store), 5);
}

fn store_cases(store: &dyn thads_store::Store) -> u64 {
    store.case_count().unwrap()
}
