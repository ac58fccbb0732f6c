//! Golden tests of what the reports crate renders: the contract JSON, the extended JSON, CSV,
//! the terminal table, and the XLSX workbook read back cell by cell.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use thads_core::EventCode::{
    Collected, Completed, DelegatedOut, NoMeans, Postponed, Reduced, Suspended, Terminated, WithMeans,
};
use thads_core::{
    Categories, Category, Event, EventCode, Ground, JudgmentType, Origin, Percent, ReportingYear, UnitId, UnitKind,
    UnitTree, Vnd,
};
use thads_reports::output::{csv, table, xlsx};
use thads_reports::{Column, FormKind, FullReport, TargetRates, Targets, cases_behind, drill_down};
use time::Date;

use crate::common::{Facts, World, unit};

fn ev(date: Date, code: EventCode, amount: Option<i64>, ground: Option<&str>) -> Event {
    Event { date, code, amount: amount.map(|a| Vnd::new(a).unwrap()), ground: ground.map(|g| Ground::new(g).unwrap()) }
}

fn facts(unit: i64, accepted_on: Date, amount: i64, origin: Origin, judgment: JudgmentType) -> Facts {
    Facts { origin, judgment, ..Facts::new(unit, accepted_on, amount) }
}

fn with(mut f: Facts, categories: &[Category], officer: Option<i64>) -> Facts {
    let mut set = Categories::empty();
    for c in categories {
        set.insert(*c);
    }
    f.categories = set;
    f.officer = officer;
    f
}

fn add(w: &mut World, f: Facts, events: Vec<Event>) {
    let id = thads_core::CaseId(w.cases.len() as i64 + 1);
    let basis = thads_core::case::CaseBasis {
        accepted_on: f.accepted_on,
        origin: f.origin,
        amount: Vnd::new(f.amount).unwrap(),
    };
    let case = w.simulate(id, World::dims(&f), basis, events);
    w.cases.push(case);
}

/// A province with its own cases and two regional sections, one case of each kind.
pub fn golden_world() -> World {
    use JudgmentType::*;
    use Origin::*;
    let units = UnitTree::new(vec![
        unit(1, "VN", "Cục Quản lý Thi hành án dân sự", UnitKind::National, None, None),
        unit(2, "BG", "Thi hành án dân sự tỉnh Bắc Giang", UnitKind::Province, Some(1), None),
        unit(3, "BG-KV1", "Phòng Thi hành án dân sự khu vực 1", UnitKind::Region, Some(2), None),
        unit(4, "BG-KV2", "Phòng Thi hành án dân sự khu vực 2", UnitKind::Region, Some(2), None),
    ]);
    let mut w = World::new(units);
    let d = |y, m, day| Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), day).unwrap();
    // Carried over with 100 triệu still owed, then paid and completed.
    let f = with(facts(3, d(2021, 11, 5), 120_000_000, ChuDong, HinhSu), &[Category::NganSach], Some(1));
    let events = vec![
        ev(d(2021, 11, 10), WithMeans, None, None),
        ev(d(2022, 1, 10), Collected, Some(20_000_000), None),
        ev(d(2022, 12, 1), Collected, Some(100_000_000), None),
        ev(d(2022, 12, 2), Completed, None, None),
    ];
    add(&mut w, f, events);
    // New, part collected, then delegated out: all 500 triệu leave with it.
    let f = with(facts(3, d(2022, 10, 15), 500_000_000, TheoYeuCau, KinhDoanhThuongMai), &[Category::TinDung], Some(1));
    let events = vec![
        ev(d(2022, 10, 20), WithMeans, None, None),
        ev(d(2022, 11, 1), Collected, Some(50_000_000), None),
        ev(d(2023, 1, 5), DelegatedOut, None, None),
    ];
    add(&mut w, f, events);
    // Carried over without means; part reduced (giảm) within the period.
    let f =
        with(facts(4, d(2022, 2, 1), 80_000_000, ChuDong, HinhSu), &[Category::NganSach, Category::PhamNhan], Some(2));
    let events = vec![ev(d(2022, 3, 1), NoMeans, None, None), ev(d(2023, 2, 1), Reduced, Some(30_000_000), None)];
    add(&mut w, f, events);
    // Postponed by agreement of the parties (48.1.c): counted with means.
    let f = with(facts(4, d(2022, 11, 20), 1_000_000_000, TheoYeuCau, DanSu), &[], Some(2));
    let events = vec![ev(d(2022, 11, 25), WithMeans, None, None), ev(d(2023, 1, 15), Postponed, None, Some("48.1.c"))];
    add(&mut w, f, events);
    // Suspended.
    add(
        &mut w,
        facts(4, d(2022, 12, 1), 300_000_000, TheoYeuCau, DanSu),
        vec![ev(d(2023, 3, 1), Suspended, None, None)],
    );
    // The province's own case: asset recovery, part collected.
    let f = with(facts(2, d(2022, 10, 3), 2_000_000_000, ChuDong, HinhSu), &[Category::ThamNhung], Some(3));
    let events =
        vec![ev(d(2022, 10, 10), WithMeans, None, None), ev(d(2023, 3, 10), Collected, Some(700_000_000), None)];
    add(&mut w, f, events);
    // Terminated with its whole obligation still owed.
    let events = vec![ev(d(2022, 10, 8), NoMeans, None, None), ev(d(2023, 3, 20), Terminated, None, None)];
    add(&mut w, facts(3, d(2022, 10, 5), 40_000_000, ChuDong, HinhSu), events);
    // A non-money case carried over.
    add(&mut w, facts(3, d(2021, 10, 20), 0, ChuDong, HanhChinh), vec![ev(d(2021, 10, 25), WithMeans, None, None)]);
    // Accepted after the period: not counted.
    add(&mut w, facts(4, d(2023, 4, 10), 9_000_000, ChuDong, DanSu), vec![]);
    // Completed in the previous year: only in last year's figures.
    let events = vec![
        ev(d(2021, 12, 5), WithMeans, None, None),
        ev(d(2022, 2, 1), Collected, Some(10_000_000), None),
        ev(d(2022, 3, 1), Completed, None, None),
    ];
    add(&mut w, facts(3, d(2021, 12, 1), 10_000_000, TheoYeuCau, DanSu), events);
    // Postponed on another ground (48.1.b): without means.
    add(
        &mut w,
        facts(4, d(2022, 10, 10), 5_000_000, TheoYeuCau, DanSu),
        vec![ev(d(2022, 10, 12), Postponed, None, Some("48.1.b"))],
    );
    w
}

fn golden_full() -> FullReport {
    let w = golden_world();
    let year = ReportingYear::new(2023).unwrap();
    let rates = TargetRates { cases: Percent::parse("82,50").unwrap(), money: Percent::parse("45.00").unwrap() };
    let targets: Targets = [(UnitId(2), year, rates)].into_iter().collect();
    w.month_engine().full_report(UnitId(2), year.cumulative(6).unwrap(), &targets).unwrap()
}

#[test]
fn contract_json() {
    let full = golden_full();
    // The contract alone: the report without its rows by unit.
    let report = thads_reports::Report { rows: Vec::new(), ..full.report.clone() };
    let json = report.to_json().unwrap();
    insta::assert_snapshot!("contract_json", json);
    let keys: Vec<String> = top_level_keys(&json);
    assert_eq!(keys, ["unit", "from", "to", "cases", "money", "target"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let money_keys: Vec<&str> = value["money"].as_object().unwrap().keys().map(String::as_str).collect();
    assert!(money_keys.contains(&"reduced") && !value["cases"].as_object().unwrap().contains_key("reduced"));
}

/// Keys of the outer object in the order written (serde_json::Value would sort them).
pub fn top_level_keys(json: &str) -> Vec<String> {
    json.lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next().map(str::to_string))
        .collect()
}

#[test]
fn contract_key_order_matches_interchange() {
    let json = golden_full().report.to_json().unwrap();
    let cases = json.split("\"cases\": {").nth(1).unwrap().split('}').next().unwrap();
    let order: Vec<&str> = cases.lines().filter_map(|l| l.trim().strip_prefix('"')?.split('"').next()).collect();
    let expected = [
        "accepted",
        "carried_over",
        "new",
        "delegated_out",
        "to_enforce",
        "with_means",
        "completed",
        "terminated",
        "in_progress",
        "postponed",
        "suspended",
        "other",
        "without_means",
        "carried_forward",
        "carried_forward_with_means",
        "completion_rate",
        "with_means_share",
    ];
    assert_eq!(order, expected);
}

#[test]
fn extended_json() {
    let full = golden_full();
    let json = full.to_json().unwrap();
    insta::assert_snapshot!("extended_json", json);
    assert_eq!(top_level_keys(&json), ["unit", "from", "to", "cases", "money", "target", "rows", "total", "extended"]);
}

#[test]
fn csv_and_table() {
    let full = golden_full();
    insta::assert_snapshot!("report_csv", csv::report(&full.report).unwrap());
    insta::assert_snapshot!("full_csv", csv::full(&full).unwrap());
    insta::assert_snapshot!("report_table", table::report(&full.report));
    insta::assert_snapshot!("full_table", table::full(&full));
}

pub fn sheet_text(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> String {
    let range = book.worksheet_range(name).unwrap();
    let mut out = String::new();
    for row in range.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Float(f) => format!("{f}"),
                Data::Int(i) => format!("{i}"),
                other => format!("{other:?}"),
            })
            .collect();
        out.push_str(cells.join(" | ").trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn xlsx_content() {
    let full = golden_full();
    let bytes = xlsx::full(&full).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), [xlsx::CASES_SHEET, xlsx::MONEY_SHEET]);
    insta::assert_snapshot!("xlsx_cases", sheet_text(&mut book, xlsx::CASES_SHEET));
    insta::assert_snapshot!("xlsx_money", sheet_text(&mut book, xlsx::MONEY_SHEET));
    // Amounts are numbers, not text, so Excel formats and sums them.
    let money = book.worksheet_range(xlsx::MONEY_SHEET).unwrap();
    // The rows by unit come first, then the total.
    let total_row = xlsx::FIRST_DATA_ROW + full.report.rows.len() as u32;
    let to_enforce = 2 + Column::of(FormKind::Money).position(|c| c == Column::ToEnforce).unwrap() as u32;
    assert_eq!(money.get_value((total_row, to_enforce)), Some(&Data::Float(full.report.money.to_enforce as f64)));
}

#[test]
fn drill_down_lists_the_cases_behind_a_figure() {
    let w = golden_world();
    let year = ReportingYear::new(2023).unwrap();
    let period = year.cumulative(6).unwrap();
    let report = w.month_engine().report(UnitId(2), period, &Targets::new()).unwrap();
    for kind in [FormKind::Cases, FormKind::Money] {
        for column in Column::of(kind) {
            let behind: Vec<(usize, i128)> = w
                .cases
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let d = drill_down(&c.basis, &c.steps, &w.rules.classification, period)?;
                    Some((i, d.contribution(kind, column))).filter(|(_, v)| *v != 0)
                })
                .collect();
            let sum: i128 = behind.iter().map(|(_, v)| v).sum();
            assert_eq!(sum, report.cases_or_money(kind).get(column), "{kind:?} {column:?}");
        }
    }
    let cases = w.cases.iter().enumerate().map(|(i, c)| (i + 1, &c.basis, c.steps.as_slice()));
    let behind = cases_behind(&w.rules.classification, period, FormKind::Cases, Column::WithMeans, cases);
    let with_means: Vec<usize> = behind.iter().map(|(i, _)| *i).collect();
    assert_eq!(with_means, [1, 4, 5, 6, 7, 8], "completed, postponed 48.1.c, suspended, own, terminated, non-money");
}
