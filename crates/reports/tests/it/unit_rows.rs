//! A row per subordinate unit: the unit's own cases first, then each direct subordinate unit
//! (merged units under their successor), checked to add up to the total.

use thads_core::{Period, ReportingYear, UnitId};
use thads_reports::output::{csv, table, xlsx};
use thads_reports::{ReportError, Targets, check_rows};
use time::macros::date;

use crate::common::{Facts, World, sample_units};
use crate::golden::golden_world;

fn codes(r: &thads_reports::Report) -> Vec<(String, bool)> {
    r.rows.iter().map(|row| (row.code.to_string(), row.own)).collect()
}

#[test]
fn a_province_lists_its_own_cases_then_its_sections() {
    let w = golden_world();
    let period = ReportingYear::new(2023).unwrap().cumulative(6).unwrap();
    let engine = w.month_engine();
    let r = engine.report_by_unit(UnitId(2), period, &Targets::new()).unwrap();
    assert_eq!(codes(&r), [("BG".into(), true), ("BG-KV1".into(), false), ("BG-KV2".into(), false)]);
    // Each section's row is that section's own report; the own row is the province's case.
    for row in &r.rows[1..] {
        assert_eq!(row.cells, engine.report(row.unit, period, &Targets::new()).unwrap().cells);
    }
    assert_eq!(r.rows[0].cases.new, 1);
    assert_eq!(r.rows[0].money.new, 2_000_000_000);
    // The total is the report without rows, figure for figure.
    let alone = engine.report(UnitId(2), period, &Targets::new()).unwrap();
    assert_eq!((r.cases, r.money), (alone.cases, alone.money));
    assert_eq!(r.rows.iter().map(|x| x.cases.accepted).sum::<i128>(), r.cases.accepted);
    // Any period, from the day engine too.
    let days = Period::new(date!(2022 - 10 - 04), date!(2023 - 03 - 15)).unwrap();
    let day = w.day_engine(thads_reports::Keep::Totals).report_by_unit(UnitId(2), days, &Targets::new()).unwrap();
    assert_eq!(codes(&day), codes(&r));
    check_rows(&day).unwrap();
}

#[test]
fn a_section_without_subordinates_has_only_its_own_row() {
    let w = golden_world();
    let period = ReportingYear::new(2023).unwrap().cumulative(6).unwrap();
    let r = w.month_engine().report_by_unit(UnitId(3), period, &Targets::new()).unwrap();
    assert_eq!(codes(&r), [("BG-KV1".into(), true)]);
}

/// One case accepted in October 2022 in each unit of the sample tree.
fn merged_world() -> World {
    let mut w = World::new(sample_units());
    for unit in 1..=11 {
        w.add(Facts::new(unit, date!(2022 - 10 - 05), 1_000_000 * unit), &[]);
    }
    w
}

#[test]
fn merged_units_are_rows_under_their_successor() {
    let w = merged_world();
    let engine = w.month_engine();
    let period = ReportingYear::new(2023).unwrap().cumulative(12).unwrap();
    // Hà Nội: its own cases, the province Hà Bắc merged into it, its section (with the
    // districts HB-H1 and BG-H2 merged into that section).
    let hn = engine.report_by_unit(UnitId(6), period, &Targets::new()).unwrap();
    assert_eq!(codes(&hn), [("HN".into(), true), ("HB".into(), false), ("HN-KV1".into(), false)]);
    let new_of = |r: &thads_reports::Report, code: &str| {
        r.rows.iter().find(|x| x.code.as_str() == code).map(|x| x.money.new).unwrap()
    };
    assert_eq!(new_of(&hn, "HB"), 9_000_000);
    assert_eq!(new_of(&hn, "HN-KV1"), (7 + 10 + 11) * 1_000_000);
    // Nationally the merged province is inside its successor's row, not a row of its own;
    // the nation has no cases of its own here but one case: its own row comes first.
    let vn = engine.report_by_unit(UnitId(1), period, &Targets::new()).unwrap();
    assert_eq!(codes(&vn), [("VN".into(), true), ("BG".into(), false), ("HN".into(), false)]);
    assert_eq!(new_of(&vn, "HN"), (6 + 9 + 7 + 10 + 11) * 1_000_000);
    assert_eq!(new_of(&vn, "BG"), (2 + 3 + 4 + 5 + 8) * 1_000_000);
    assert_eq!(vn.cases.new, 11);
    // Bắc Giang: the district merged into its section is inside that section's row; the
    // one merged into another province's section is still one of its districts.
    let bg = engine.report_by_unit(UnitId(2), period, &Targets::new()).unwrap();
    let expected = [("BG", true), ("BG-H2", false), ("BG-KV1", false), ("BG-KV2", false), ("BG-KV3", false)];
    assert_eq!(codes(&bg), expected.map(|(c, o)| (c.to_string(), o)));
    assert_eq!(new_of(&bg, "BG-KV1"), (3 + 8) * 1_000_000);
}

#[test]
fn a_unit_without_cases_of_its_own_has_no_own_row_and_lists_empty_subordinates() {
    let mut w = World::new(sample_units());
    w.add(Facts::new(3, date!(2022 - 10 - 05), 5_000_000), &[]);
    let period = ReportingYear::new(2023).unwrap().cumulative(12).unwrap();
    let bg = w.month_engine().report_by_unit(UnitId(2), period, &Targets::new()).unwrap();
    // BG-H2, merged into another province's section, is still a district of Bắc Giang.
    let expected = [("BG-H2", false), ("BG-KV1", false), ("BG-KV2", false), ("BG-KV3", false)];
    assert_eq!(codes(&bg), expected.map(|(c, o)| (c.to_string(), o)));
    assert_eq!(bg.rows[1].cases.accepted, 1);
    assert_eq!(bg.rows[2].cases.accepted, 0);
}

#[test]
fn a_planted_mismatch_is_an_error_naming_the_form_the_column_and_the_rows() {
    let w = golden_world();
    let period = ReportingYear::new(2023).unwrap().cumulative(6).unwrap();
    let mut r = w.month_engine().report_by_unit(UnitId(2), period, &Targets::new()).unwrap();
    r.rows[1].money.completed += 1;
    let err = check_rows(&r).unwrap_err();
    let ReportError::RowsMismatch { form, column, ref detail } = err else { panic!("{err:?}") };
    assert_eq!((form, column), ("tiền / money", "completed"));
    for code in ["BG ", "BG-KV1 ", "BG-KV2 "] {
        assert!(detail.contains(code), "{detail}");
    }
    assert!(err.to_string().contains("cột completed"), "{err}");
    // The cases form is checked too.
    let mut r = w.month_engine().report_by_unit(UnitId(2), period, &Targets::new()).unwrap();
    r.rows[0].cases.with_means -= 1;
    assert!(matches!(
        check_rows(&r),
        Err(ReportError::RowsMismatch { form: "việc / cases", column: "with_means", .. })
    ));
}

#[test]
fn every_output_shows_the_rows_then_the_total() {
    let w = golden_world();
    let period = ReportingYear::new(2023).unwrap().cumulative(6).unwrap();
    let r = w.month_engine().report_by_unit(UnitId(2), period, &Targets::new()).unwrap();
    // JSON: the contract keys unchanged, then `rows` and `total`.
    let json: serde_json::Value = serde_json::from_str(&r.to_json().unwrap()).unwrap();
    let keys = crate::golden::top_level_keys(&r.to_json().unwrap());
    assert_eq!(keys, ["unit", "from", "to", "cases", "money", "target", "rows", "total"]);
    let alone = w.month_engine().report(UnitId(2), period, &Targets::new()).unwrap();
    let plain: serde_json::Value = serde_json::from_str(&alone.to_json().unwrap()).unwrap();
    for key in ["unit", "from", "to", "cases", "money", "target"] {
        assert_eq!(json[key], plain[key], "{key}");
    }
    assert_eq!(json["total"]["cases"], plain["cases"]);
    assert_eq!(json["rows"][0]["unit"], "BG");
    assert_eq!(json["rows"][0]["own"], true);
    assert_eq!(json["rows"][2]["name"], "Phòng Thi hành án dân sự khu vực 2");
    insta::assert_snapshot!("by_unit_json", r.to_json().unwrap());
    // CSV: a line per row then the total, per form.
    let text = csv::report(&r).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(",cases,")).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].contains(",by_unit,BG,Thi hành án dân sự tỉnh Bắc Giang (việc của đơn vị),"), "{}", lines[0]);
    assert!(lines[3].contains(",total,BG,"), "{}", lines[3]);
    // The table: the rows by unit.
    let t = table::report(&r);
    assert!(t.contains("Phòng Thi hành án dân sự khu vực 1"), "{t}");
    insta::assert_snapshot!("by_unit_table", t);
    // XLSX: the rows numbered, then the total.
    let bytes = xlsx::report(&r).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let text = crate::golden::sheet_text(&mut book, xlsx::CASES_SHEET);
    insta::assert_snapshot!("by_unit_xlsx_cases", text);
}
