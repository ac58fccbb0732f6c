//! Golden tests of the complete forms: every form's XLSX sheet (cells, merged headings,
//! column widths, print layout), the CSV with its byte-order mark, and the print view's HTML;
//! and the figures they carry, checked against the reports they are laid out from.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use thads_core::{Category, Percent, ReportingYear, StaffId, UnitId};
use thads_reports::forms::{CATALOGUE, FormId, RowKind, Value};
use thads_reports::forms::{csv as forms_csv, html as forms_html, xlsx as forms_xlsx};
use thads_reports::{FormInputs, FormKind, FormSet, Signing, TargetRates, Targets};
use time::macros::date;

use crate::golden::{golden_world, sheet_text};

fn names(id: StaffId) -> Option<String> {
    match id.0 {
        1 => Some("Nguyễn Văn An".into()),
        2 => Some("Trần Thị Bình".into()),
        _ => None,
    }
}

fn golden_set() -> FormSet {
    set_named(&names)
}

fn set_named(names: &dyn Fn(StaffId) -> Option<String>) -> FormSet {
    let w = golden_world();
    let year = ReportingYear::new(2023).unwrap();
    let rates = TargetRates { cases: Percent::parse("82,50").unwrap(), money: Percent::parse("45.00").unwrap() };
    let section = TargetRates { cases: Percent::parse("80").unwrap(), money: Percent::parse("40").unwrap() };
    let targets: Targets = [(UnitId(2), year, rates), (UnitId(3), year, section), (UnitId(2), year.previous(), rates)]
        .into_iter()
        .collect();
    let engine = w.month_engine();
    let (full, sub) = engine.form_reports(UnitId(2), year.cumulative(6).unwrap(), &targets).unwrap();
    let signing = Signing {
        place: "Bắc Giang".into(),
        date: date!(2023 - 04 - 03),
        preparer: "Lê Thị Thống Kê".into(),
        head: "Phạm Văn Trưởng".into(),
    };
    let receiver = engine.receiver(UnitId(2));
    FormSet::build(&FormInputs {
        full: &full,
        sub_series: &sub,
        targets: &targets,
        officer_name: &names,
        receiver,
        signing,
    })
    .unwrap()
}

/// The parts of a sheet's XML that make its layout: merged ranges, column widths, page setup,
/// print options, margins, footer; and the workbook's print titles and areas.
fn layout_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let mut out = String::new();
    let book = read("xl/workbook.xml");
    for part in book.split("<definedName ").skip(1) {
        out.push_str(&format!("definedName {}\n", part.split("</definedName>").next().unwrap()));
    }
    for i in 1..=CATALOGUE.len() {
        let sheet = read(&format!("xl/worksheets/sheet{i}.xml"));
        out.push_str(&format!("-- sheet{i}\n"));
        for tag in ["<cols>", "<mergeCells", "<printOptions", "<pageMargins", "<pageSetup", "<headerFooter"] {
            if let Some(start) = sheet.find(tag) {
                let rest = &sheet[start..];
                let end = rest.find("/>").map(|e| e + 2).unwrap_or(rest.len());
                let end = match tag {
                    "<cols>" => rest.find("</cols>").map_or(end, |e| e + 7),
                    "<mergeCells" => rest.find("</mergeCells>").map_or(end, |e| e + 13),
                    "<headerFooter" => rest.find("</headerFooter>").map_or(end, |e| e + 15),
                    _ => end,
                };
                out.push_str(&rest[..end].replace("><", ">\n<"));
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn every_form_is_laid_out_in_xlsx() {
    let set = golden_set();
    let bytes = forms_xlsx::workbook(&set).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let keys: Vec<&str> = CATALOGUE.iter().map(|f| f.key).collect();
    assert_eq!(book.sheet_names(), keys);
    let mut cells = String::new();
    for key in &keys {
        cells.push_str(&format!("==== {key}\n{}", sheet_text(&mut book, key)));
    }
    insta::assert_snapshot!("forms_xlsx_cells", cells);
    insta::assert_snapshot!("forms_xlsx_layout", layout_xml(&bytes));
    // The figures are numbers: the money form's total "to enforce" is the report's.
    let money = book.worksheet_range("02").unwrap();
    let total = set.form("02").unwrap().rows.iter().position(|r| r.kind == RowKind::Total).unwrap() as u32;
    let to_enforce = 2 + 4;
    let expected = match &set.form("02").unwrap().rows[total as usize].values[4] {
        Value::Money(n) => *n as f64,
        other => panic!("{other:?}"),
    };
    // calamine's range starts at the first used row (0 here).
    assert_eq!(money.get_value((forms_xlsx::FIRST_DATA_ROW + total, to_enforce)), Some(&Data::Float(expected)));
}

#[test]
fn forms_carry_the_reports_figures() {
    let set = golden_set();
    // Cases form: rows by unit, total, same period last year; target and gap on the total and
    // on the section with a target.
    let cases = set.form("01").unwrap();
    let kinds: Vec<(RowKind, &str)> = cases.rows.iter().map(|r| (r.kind, r.key.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (RowKind::Own, "BG"),
            (RowKind::Item, "BG-KV1"),
            (RowKind::Item, "BG-KV2"),
            (RowKind::Total, "BG"),
            (RowKind::LastYear, "")
        ]
    );
    let n = cases.columns.len();
    let total = &cases.rows[3];
    assert_eq!(total.values[n - 2], Value::Rate(Some(Percent(8250))));
    let Value::Rate(Some(rate)) = total.values[n - 4] else { panic!("{:?}", total.values) };
    assert_eq!(total.values[n - 1], Value::Gap(Some(rate.minus(Percent(8250)))));
    assert_eq!(cases.rows[1].values[n - 2], Value::Rate(Some(Percent(8000))), "the section's own target");
    assert_eq!(cases.rows[2].values[n - 2], Value::Empty, "no target set for KV2");
    assert!(cases.notes[0].contains("chỉ tiêu được giao 82,50%"), "{:?}", cases.notes);
    // Officers by name, sorted by name; an unknown officer is said to be so; the total.
    let officers = set.form("03").unwrap();
    let labels: Vec<&str> = officers.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels[..2], ["Nguyễn Văn An", "Trần Thị Bình"]);
    assert!(labels[2].contains("mã 3"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains('#')), "{labels:?}");
    // Each sub-series form: rows add up to their total, and the total is the category's row
    // of the breakdown.
    for info in CATALOGUE {
        let FormId::SubSeries(category, kind) = info.id else { continue };
        let form = set.form(info.key).unwrap();
        let (rows, total) = form.rows.split_at(form.rows.len() - 1);
        for (i, v) in total[0].values.iter().enumerate() {
            if let Value::Count(t) | Value::Money(t) = v {
                let sum: i128 = rows
                    .iter()
                    .map(|r| match r.values[i] {
                        Value::Count(x) | Value::Money(x) => x,
                        _ => 0,
                    })
                    .sum();
                assert_eq!(sum, *t, "{} column {i}", info.key);
            }
        }
        let _ = (category, kind);
    }
    let tin_dung = set.form("05b").unwrap();
    assert_eq!(tin_dung.rows.last().unwrap().values[2], Value::Money(500_000_000), "new money of the bank case");
    let _ = Category::TinDung;
    let _ = FormKind::Cases;
}

#[test]
fn csv_starts_with_a_byte_order_mark() {
    let set = golden_set();
    let text = forms_csv::forms(&set).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    insta::assert_snapshot!("forms_csv", text);
}

#[test]
fn print_view_html() {
    let set = golden_set();
    insta::assert_snapshot!("forms_html", forms_html::forms(&set));
}

#[test]
fn html_escapes_every_text() {
    let mut set = golden_set();
    set.unit_name = "<script>alert(1)</script>".into();
    let html = forms_html::forms(&set);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn officers_of_the_same_name_are_told_apart() {
    let same = |id: StaffId| (id.0 <= 2).then(|| "Nguyễn Văn An".to_string());
    let set = set_named(&same);
    let labels: Vec<&str> = set.form("04").unwrap().rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels[..2], ["Nguyễn Văn An (mã 1)", "Nguyễn Văn An (mã 2)"]);
}

#[test]
fn the_extended_report_names_its_officers() {
    let w = golden_world();
    let year = ReportingYear::new(2023).unwrap();
    let mut full = w.month_engine().full_report(UnitId(2), year.cumulative(6).unwrap(), &Targets::new()).unwrap();
    full.name_officers(names);
    let labels: Vec<&str> = full.breakdowns.by_officer.iter().map(|r| r.label.as_str()).collect();
    assert!(labels.contains(&"Nguyễn Văn An") && labels.contains(&"Trần Thị Bình"), "{labels:?}");
    assert!(labels.contains(&"Chấp hành viên #3"), "an officer not on the list keeps its label: {labels:?}");
    assert!(full.to_json().unwrap().contains("\"label\": \"Nguyễn Văn An\""));
}
