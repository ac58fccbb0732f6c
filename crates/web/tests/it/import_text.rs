//! What a register holds is what is stored, on every import path: arbitrary Vietnamese text
//! (diacritics, inner spaces, `T`, digits, slashes, quotes), decision numbers, dates and amounts
//! written as CSV and as a workbook, imported by the command line's path (`import_files` as the
//! operator, what `thads import` runs) and uploaded through the web page, for units, cases,
//! events and targets. (A workbook's text was once cut at a `T` ten bytes in, taken for an ISO
//! date-time: `123/QĐ-CCTHADS` was stored as `123/QĐ-CC`.)

use std::cell::Cell;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use thads_app::Actor;
use thads_app::imports::{Authority, InputFile, import_files};
use thads_app::progress::Silent;
use thads_core::{Entry, EventCode, Percent, ReportingYear, Role, Rules, UnitCode, UnitKind};
use thads_store::Store;
use time::{Date, Duration};

use crate::common::{Session, TestApp};
use crate::import::finished;

/// Letters of Vietnamese (precomposed, as NFC keeps them), `T` several times over, digits and
/// the punctuation registers hold.
const LETTERS: &str = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữự\
                       vxyỳýỷỹỵĐĂÂÊÔƠƯẠỆỮTTTTHQ0123456789/.-,;\"'()&";

/// How one value is written.
#[derive(Debug, Clone, Copy)]
enum DateStyle {
    Vietnamese,
    Iso,
    /// A workbook date cell (as Vietnamese text in CSV).
    Cell,
}

#[derive(Debug, Clone, Copy)]
enum MoneyStyle {
    Digits,
    Grouped,
    GroupedDong,
    /// A workbook number cell (as digits in CSV).
    Cell,
}

#[derive(Debug, Clone)]
struct CaseRow {
    no: String,
    accepted_on: Date,
    amount: i64,
    debtor: String,
    creditor: String,
    /// Days from acceptance to verification, verification to collection, to postponement.
    steps: [i64; 3],
    collected: i64,
    ground: String,
}

#[derive(Debug, Clone)]
struct Register {
    /// A region under BG; the code gets a number of its own per import.
    code: String,
    name: String,
    cases: Vec<CaseRow>,
    year: i32,
    cases_pct: i64,
    money_pct: i64,
    dates: DateStyle,
    money: MoneyStyle,
}

fn word(max: usize) -> impl Strategy<Value = String> {
    let letters: Vec<char> = LETTERS.chars().collect();
    prop::collection::vec(prop::sample::select(letters), 1..=max).prop_map(|c| c.into_iter().collect())
}

/// Words joined by a space, a slash or a dash: text as `core::field` keeps it (no whitespace at
/// either end, no run of spaces: names are stored with single spaces, tested there), so that
/// what is stored must be exactly what was written.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((word(8), prop::sample::select(vec![" ", "/", " - ", "-"])), 1..6).prop_map(|parts| {
        let last = parts.len() - 1;
        parts.into_iter().enumerate().map(|(i, (w, sep))| if i < last { w + sep } else { w }).collect()
    })
}

fn case_row(index: usize) -> impl Strategy<Value = CaseRow> {
    let number = (1u32..100_000, word(6), word(10)).prop_map(move |(n, a, b)| format!("{}{n}/{a}-{b}", index + 1));
    let amount = 1i64..10_000_000_000_000;
    (number, 0i64..2_000, amount, text(), text(), [0i64..40, 0i64..40, 0i64..40], any::<u64>(), word(12)).prop_map(
        |(no, day, amount, debtor, creditor, steps, share, ground)| CaseRow {
            no,
            accepted_on: Date::from_calendar_date(2020, time::Month::January, 1).unwrap() + Duration::days(day),
            amount,
            debtor,
            creditor,
            steps,
            collected: 1 + i64::try_from(share % u64::try_from(amount).unwrap()).unwrap(),
            ground,
        },
    )
}

fn register() -> impl Strategy<Value = Register> {
    let cases = (1usize..4).prop_flat_map(|n| (0..n).map(case_row).collect::<Vec<_>>());
    let dates = prop_oneof![Just(DateStyle::Vietnamese), Just(DateStyle::Iso), Just(DateStyle::Cell)];
    let money = prop_oneof![
        Just(MoneyStyle::Digits),
        Just(MoneyStyle::Grouped),
        Just(MoneyStyle::GroupedDong),
        Just(MoneyStyle::Cell)
    ];
    ("[A-Z]{1,2}T?", text(), cases, 2024i32..2030, 0i64..=10_000, 0i64..=10_000, dates, money).prop_map(
        |(code, name, cases, year, cases_pct, money_pct, dates, money)| Register {
            code,
            name,
            cases,
            year,
            cases_pct,
            money_pct,
            dates,
            money,
        },
    )
}

/// One table of a register: its kind (file and sheet name), header and rows.
type Table = (&'static str, Vec<&'static str>, Vec<Vec<Value>>);

/// A cell: text, or a date or number kept as such in a workbook.
enum Value {
    Text(String),
    Day(Date),
    Money(i64),
}

fn day_text(day: Date, style: DateStyle) -> String {
    match style {
        DateStyle::Iso => format!("{:04}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day()),
        DateStyle::Vietnamese | DateStyle::Cell => {
            format!("{:02}/{:02}/{:04}", day.day(), u8::from(day.month()), day.year())
        }
    }
}

fn grouped(amount: i64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

impl Register {
    /// The four tables `(kind, header, rows)` with the unit code `code`.
    fn tables(&self, code: &str) -> Vec<Table> {
        let t = |s: &str| Value::Text(s.to_string());
        let day = |d: Date| match self.dates {
            DateStyle::Cell => Value::Day(d),
            style => Value::Text(day_text(d, style)),
        };
        let money = |a: i64| match self.money {
            MoneyStyle::Digits => Value::Text(a.to_string()),
            MoneyStyle::Grouped => Value::Text(grouped(a)),
            MoneyStyle::GroupedDong => Value::Text(format!("{} đ", grouped(a))),
            MoneyStyle::Cell => Value::Money(a),
        };
        let units = vec![vec![t(code), t(&self.name), t("BG"), t("region")]];
        let cases = self.cases.iter().map(|c| {
            let facts = [t(code), t(&c.no), day(c.accepted_on), t("theo_yeu_cau"), t("dan_su"), money(c.amount)];
            facts.into_iter().chain([t(&c.debtor), t(&c.creditor)]).collect()
        });
        let mut events = Vec::new();
        for c in &self.cases {
            let [verified, collected, postponed] = c.event_days();
            events.push(vec![t(code), t(&c.no), day(verified), t("with_means"), t(""), t("")]);
            events.push(vec![t(code), t(&c.no), day(collected), t("collected"), money(c.collected), t("")]);
            events.push(vec![t(code), t(&c.no), day(postponed), t("postponed"), t(""), t(&c.ground)]);
        }
        let pct = |p: i64| t(&format!("{},{:02}", p / 100, p % 100));
        let targets = vec![vec![t(code), t(&self.year.to_string()), pct(self.cases_pct), pct(self.money_pct)]];
        vec![
            ("units", vec!["code", "name", "parent", "kind"], units),
            (
                "cases",
                vec!["unit", "case_no", "accepted_on", "origin", "judgment_type", "amount_vnd", "debtor", "creditor"],
                cases.collect(),
            ),
            ("events", vec!["unit", "case_no", "date", "event", "amount_vnd", "ground"], events),
            ("targets", vec!["unit", "year", "cases_pct", "money_pct"], targets),
        ]
    }

    /// The CSV files, every field quoted (quotes doubled).
    fn csv(&self, code: &str) -> Vec<(String, Vec<u8>)> {
        let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let field = |v: &Value| match v {
            Value::Text(s) => quoted(s),
            Value::Day(d) => quoted(&day_text(*d, DateStyle::Vietnamese)),
            Value::Money(a) => a.to_string(),
        };
        self.tables(code)
            .into_iter()
            .map(|(kind, header, rows)| {
                let mut out = header.join(",") + "\n";
                for row in rows {
                    out += &(row.iter().map(field).collect::<Vec<_>>().join(",") + "\n");
                }
                (format!("{kind}.csv"), out.into_bytes())
            })
            .collect()
    }

    /// One workbook, a sheet per kind.
    fn xlsx(&self, code: &str) -> Vec<u8> {
        let mut book = Workbook::new();
        for (kind, header, rows) in self.tables(code) {
            let sheet = book.add_worksheet().set_name(kind).unwrap();
            for (c, h) in header.iter().enumerate() {
                sheet.write_string(0, c as u16, *h).unwrap();
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    write_cell(sheet, r as u32 + 1, c as u16, value);
                }
            }
        }
        book.save_to_buffer().unwrap()
    }
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, value: &Value) {
    let day = Format::new().set_num_format("dd/mm/yyyy");
    match value {
        Value::Text(s) if s.is_empty() => return,
        Value::Text(s) => sheet.write_string(row, col, s),
        Value::Day(d) => {
            let cell = ExcelDateTime::from_ymd(d.year() as u16, u8::from(d.month()), d.day()).unwrap();
            sheet.write_datetime_with_format(row, col, cell, &day)
        }
        Value::Money(a) => sheet.write_number(row, col, *a as f64),
    }
    .unwrap();
}

impl CaseRow {
    fn event_days(&self) -> [Date; 3] {
        let verified = self.accepted_on + Duration::days(self.steps[0]);
        let collected = verified + Duration::days(self.steps[1]);
        [verified, collected, collected + Duration::days(self.steps[2])]
    }
}

/// Everything of `register` (under the unit code `code`) is in `store` exactly as written.
fn stored_as_written(store: &dyn Store, r: &Register, code: &str, path: &str) -> Result<(), TestCaseError> {
    let units = store.units().unwrap();
    let unit = units.iter().find(|u| u.code.as_str() == code);
    let unit = unit.ok_or_else(|| TestCaseError::fail(format!("{path}: unit {code} missing")))?;
    prop_assert_eq!(&unit.name, &r.name, "{}: unit name", path);
    prop_assert_eq!(unit.kind, UnitKind::Region);
    let parent = units.iter().find(|u| Some(u.id) == unit.parent).map(|u| u.code.clone());
    prop_assert_eq!(parent, Some(UnitCode::new("BG").unwrap()));
    for c in &r.cases {
        let (_, case) = thads_app::cases::view::find_case(store, code, &c.no)
            .map_err(|e| TestCaseError::fail(format!("{path}: case «{}»: {e}", c.no)))?;
        let f = &case.facts;
        prop_assert_eq!(f.case_no.as_str(), c.no.as_str(), "{}: decision number", path);
        prop_assert_eq!(&f.debtor, &c.debtor, "{}: debtor", path);
        prop_assert_eq!(&f.creditor, &c.creditor, "{}: creditor", path);
        prop_assert_eq!(f.accepted_on, c.accepted_on, "{}: accepted on", path);
        prop_assert_eq!(f.amount.dong(), c.amount, "{}: amount", path);
        let events: Vec<_> = store
            .records(case.id)
            .unwrap()
            .into_iter()
            .filter_map(|r| match r.entry {
                Entry::Event(e) => {
                    Some((e.date, e.code, e.amount.map(|a| a.dong()), e.ground.map(|g| g.as_str().to_string())))
                }
                _ => None,
            })
            .collect();
        let [verified, collected, postponed] = c.event_days();
        let want = vec![
            (verified, EventCode::WithMeans, None, None),
            (collected, EventCode::Collected, Some(c.collected), None),
            (postponed, EventCode::Postponed, None, Some(c.ground.clone())),
        ];
        prop_assert_eq!(events, want, "{}: events of «{}»", path, c.no);
    }
    let targets = store.targets().unwrap();
    let target = targets.iter().find(|t| t.unit == unit.id);
    let target = target.ok_or_else(|| TestCaseError::fail(format!("{path}: target missing")))?;
    prop_assert_eq!(target.year, ReportingYear::new(r.year).unwrap());
    prop_assert_eq!((target.cases, target.money), (Percent(r.cases_pct), Percent(r.money_pct)), "{}: targets", path);
    Ok(())
}

/// The command line's path: `import_files` as the operator, from files on disk.
fn through_the_command_line(r: &Register, code: &str, files: &[(String, Vec<u8>)]) -> Result<(), TestCaseError> {
    let store = thads_testkit::sqlite_store();
    thads_testkit::seed_units(&store);
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<InputFile> =
        files.iter().map(|(name, bytes)| InputFile::at(written(dir.path(), name, bytes))).collect();
    let actor = Actor { login: "thu.ky".into(), at: time::OffsetDateTime::now_utc() };
    let reports = import_files(&store, &actor, &Authority::Operator, &Rules::default(), &inputs, &Silent).unwrap();
    prop_assert!(reports.iter().all(|r| r.outcome.is_imported()), "{:#?}", reports);
    stored_as_written(&store, r, code, &format!("thads import {}", files[0].0))
}

fn written(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The web's path: the files uploaded to the import page by a head of BG into BG.
async fn through_the_web(
    app: &TestApp,
    s: &Session,
    r: &Register,
    code: &str,
    files: &[(String, Vec<u8>)],
) -> Result<(), TestCaseError> {
    let parts: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let page = finished(app, s, app.upload(s, "BG", &parts).await).await;
    prop_assert!(!page.contains("import-file refused"), "{}", page);
    app.db(|store| stored_as_written(store, r, code, &format!("web {}", files[0].0)))
}

#[test]
fn what_a_register_holds_is_what_every_import_path_stores() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let app = runtime.block_on(TestApp::spawn());
    app.db(|store| {
        let mut tx = store.begin().unwrap();
        crate::import_scope::staff(tx.as_mut(), app.units.province, "head.bg", Role::Head);
        tx.commit().unwrap();
    });
    let session = runtime.block_on(app.sign_in("head.bg"));
    let imports = Cell::new(0u32);
    let mut runner = TestRunner::new(Config { cases: 24, failure_persistence: None, ..Config::default() });
    let outcome = runner.run(&register(), |r| {
        // Each import gets a unit of its own: the web's imports all go to one database.
        let code = || {
            imports.set(imports.get() + 1);
            format!("{}-{}", r.code, imports.get())
        };
        let c = code();
        through_the_command_line(&r, &c, &r.csv(&c))?;
        let c = code();
        through_the_command_line(&r, &c, &[("so thu ly.xlsx".into(), r.xlsx(&c))])?;
        let c = code();
        runtime.block_on(through_the_web(&app, &session, &r, &c, &r.csv(&c)))?;
        let c = code();
        runtime.block_on(through_the_web(&app, &session, &r, &c, &[("sổ thụ lý.xlsx".into(), r.xlsx(&c))]))
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
}
