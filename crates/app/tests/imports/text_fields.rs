//! Sizes and invisible characters in imported text (issue 14, item 5): limits per field,
//! look-alike decision numbers refused, invisible formatting removed from names, in CSV and in
//! XLSX alike.

use rust_xlsxwriter::Workbook;
use thads_app::cases::view::find_case;

use crate::support::*;

const LOOK_ALIKES: [char; 4] = ['\u{AD}', '\u{200B}', '\u{FEFF}', '\u{202E}'];

fn case_row(no: &str, debtor: &str) -> String {
    format!("BG-KV2,{no},01/02/2024,theo_yeu_cau,,dan_su,,1.000.000,{debtor},Lê Văn Em,")
}

fn debtor_of(store: &dyn thads_store::Store, no: &str) -> String {
    find_case(store, "BG-KV2", no).unwrap().1.facts.debtor
}

#[test]
fn decision_numbers_that_look_alike_are_refused_naming_the_character() {
    let store = seeded();
    let scratch = Scratch::new();
    let mut rows = vec![CASES_HEADER.to_string(), case_row("ZW-1/QĐ", "An")];
    rows.extend(LOOK_ALIKES.iter().map(|c| case_row(&format!("ZW-1/Q{c}Đ"), "An")));
    let found = refused(&store, scratch.file("cases.csv", &(rows.join("\n") + "\n")));
    assert_eq!(places(&found), [3, 4, 5, 6].map(|r| (Some(r), Some("case_no"))));
    for (problem, c) in found.iter().zip(LOOK_ALIKES) {
        let point = format!("U+{:04X}", u32::from(c));
        assert!(problem.reason.contains(&point) && problem.reason.contains("số quyết định"), "{}", problem.reason);
    }
}

#[test]
fn a_megabyte_name_and_nul_bytes_are_refused_at_their_cell() {
    let store = seeded();
    let scratch = Scratch::new();
    let huge = "A".repeat(1 << 20);
    let content = format!(
        "{CASES_HEADER}\n{}\n{}\n{}\n",
        case_row("70/QĐ", &huge),
        case_row("71/QĐ", "Nguyễn\0Văn An"),
        case_row("72/QĐ", "\u{200B}\u{FEFF}")
    );
    let found = refused(&store, scratch.file("cases.csv", &content));
    assert_eq!(places(&found), [2, 3, 4].map(|r| (Some(r), Some("debtor"))));
    assert!(found[0].reason.contains("tối đa 200") && found[0].reason.contains("1048576"), "{}", found[0].reason);
    assert!(found[1].reason.contains("U+0000"), "{}", found[1].reason);
    assert!(found[2].reason.contains("không được để trống"), "{}", found[2].reason);
}

#[test]
fn invisible_formatting_is_removed_from_names() {
    let store = seeded();
    let scratch = Scratch::new();
    let content = format!("{CASES_HEADER}\n{}\n", case_row("73/QĐ", "Nguy\u{AD}ễn\u{200B} Văn\u{202E}  An"));
    let reports = import(&store, &[scratch.file("cases.csv", &content)]);
    assert!(reports[0].outcome.is_imported(), "{reports:#?}");
    assert_eq!(debtor_of(&store, "73/QĐ"), "Nguyễn Văn An");
}

#[test]
fn a_unit_name_has_the_same_limit() {
    let store = seeded();
    let scratch = Scratch::new();
    let name = "Phòng ".repeat(40);
    let content = format!("code,name,parent,kind\nBG-KV8,{name},BG,region\n");
    let found = refused(&store, scratch.file("units.csv", &content));
    assert_eq!(places(&found), [(Some(2), Some("name"))]);
    assert!(found[0].reason.contains("tên đơn vị") && found[0].reason.contains("tối đa 200"), "{}", found[0].reason);
}

#[test]
fn a_workbook_gets_the_same_rules() {
    let store = seeded();
    let scratch = Scratch::new();
    let path = scratch.bytes("so.xlsx", b"");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("cases").unwrap();
    let rows = [
        CASES_HEADER.to_string(),
        case_row("80/QĐ", "Đỗ\u{200B} Thị\u{FEFF} Hoa"),
        case_row("81/QĐ", &"B".repeat(201)),
        case_row("ZW-1/Q\u{AD}Đ", "An"),
    ];
    for (r, line) in rows.iter().enumerate() {
        for (c, text) in line.split(',').enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    book.save(&path).unwrap();
    let found = refused(&store, path.clone());
    assert_eq!(places(&found), [(Some(3), Some("debtor")), (Some(4), Some("case_no"))]);
    assert!(found[1].reason.contains("U+00AD"), "{}", found[1].reason);

    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("cases").unwrap();
    for (r, line) in rows[..2].iter().enumerate() {
        for (c, text) in line.split(',').enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    book.save(&path).unwrap();
    let reports = import(&store, &[path]);
    assert!(reports[0].outcome.is_imported(), "{reports:#?}");
    assert_eq!(debtor_of(&store, "80/QĐ"), "Đỗ Thị Hoa");
}
