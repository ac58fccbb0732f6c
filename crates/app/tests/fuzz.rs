//! Property-based fuzzing of every parser reached by a file or a form (issue 24 item 5): money
//! amounts, dates, months, the codes of events and cases, document templates, and whole CSV and
//! XLSX import files (any bytes, and valid files with bytes changed). The property is the same
//! everywhere: the parser answers (a value or a refusal), never panics.
//!
//! Each target first replays its regression corpus (`tests/fuzz_corpus/<target>.txt`: inputs that
//! once failed, one a line, kept for ever), then draws new inputs from proptest strategies for
//! `THADS_FUZZ_SECONDS` seconds (1 by default, so that every change runs them; more by hand).
//! An input that panics is appended to the corpus file and the test fails naming it.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::fmt::Debug;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use thads_app::Actor;
use thads_app::imports::{Authority, InputFile, import_files};
use thads_app::progress::Silent;
use thads_core::{EventCode, Rules, Vnd};
use thads_testkit::sqlite_store;
use time::macros::datetime;

/// How an input is kept in a corpus file: one line.
trait Corpus: Sized + Debug + Clone {
    fn encode(&self) -> String;
    fn decode(line: &str) -> Option<Self>;
}

impl Corpus for String {
    fn encode(&self) -> String {
        serde_json::to_string(self).unwrap()
    }
    fn decode(line: &str) -> Option<String> {
        serde_json::from_str(line).ok()
    }
}

impl Corpus for Vec<u8> {
    fn encode(&self) -> String {
        self.iter().map(|b| format!("{b:02x}")).collect()
    }
    fn decode(line: &str) -> Option<Vec<u8>> {
        (0..line.len()).step_by(2).map(|i| u8::from_str_radix(line.get(i..i + 2)?, 16).ok()).collect()
    }
}

fn budget() -> Duration {
    let seconds = std::env::var("THADS_FUZZ_SECONDS").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(1.0);
    Duration::from_secs_f64(seconds.max(0.0))
}

fn corpus_file(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus").join(format!("{target}.txt"))
}

/// Replays `target`'s corpus, then checks `check` on inputs drawn from `strategy` until the
/// time budget is spent; fails on the first panic, keeping its input in the corpus.
fn fuzz<T: Corpus>(target: &str, strategy: impl Strategy<Value = T>, check: impl Fn(&T)) {
    let path = corpus_file(target);
    let kept: Vec<T> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| T::decode(l.trim()).unwrap_or_else(|| panic!("{}: unreadable line {l}", path.display())))
        .collect();
    for input in &kept {
        if catch_unwind(AssertUnwindSafe(|| check(input))).is_err() {
            panic!("{target}: the corpus input {input:?} panics again");
        }
    }
    let mut runner = TestRunner::new(Config { failure_persistence: None, ..Config::default() });
    let deadline = Instant::now() + budget();
    let mut tried = 0u64;
    while Instant::now() < deadline {
        let input = strategy.new_tree(&mut runner).unwrap().current();
        tried += 1;
        if catch_unwind(AssertUnwindSafe(|| check(&input))).is_err() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path).unwrap();
            writeln!(file, "{}", input.encode()).unwrap();
            panic!("{target}: {input:?} panics (kept in {})", path.display());
        }
    }
    eprintln!("fuzz {target}: {} corpus inputs, {tried} new inputs, no panic", kept.len());
}

/// Text near what the parser expects (digits, separators, the đồng sign, Vietnamese letters,
/// invisible characters) or anything at all.
fn text(near: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex(near).unwrap(),
        any::<String>(),
        proptest::string::string_regex("[\\u{0}-\\u{2f}\\u{200b}\\u{feff}\\u{a0}0-9.,đ₫ \\-+eE]{0,40}").unwrap(),
    ]
}

#[test]
fn money_amounts() {
    fuzz("money", text("[0-9., đ₫VNDvnd\\-+]{0,30}"), |s| {
        let _ = Vnd::parse(s);
    });
}

#[test]
fn dates_and_months() {
    fuzz("dates", text("[0-9/\\-. T:]{0,24}"), |s| {
        let _ = thads_core::dates::parse_date(s);
        let _ = thads_core::periods::parse_month(s);
    });
}

#[test]
fn codes_of_events_and_cases() {
    fuzz("codes", text("[a-z_ ĐđA-Z0-9;,]{0,30}"), |s| {
        let _ = EventCode::parse(s);
        let _ = thads_core::case::Origin::parse(s);
        let _ = thads_core::case::JudgmentType::parse(s);
        let _ = thads_core::case::Categories::parse(s);
        let _ = thads_core::case::parse_flag(s);
        let _ = thads_core::UnitKind::parse(s);
    });
}

#[test]
fn document_templates() {
    fuzz("templates", text("([a-zA-Z ]{0,8}|\\{\\{|\\}\\}|\\{%|%\\}|\\{#|#\\}|#|\\*|\\n|[a-z_.]{0,10}){0,30}"), |s| {
        let _ = thads_documents::template::Template::parse(s);
    });
}

/// A database holding the fixture's units, into which the fuzzed files are imported (one per
/// target: a refused file changes nothing, an accepted one adds to it).
struct Target {
    store: thads_store_sqlite::SqliteStore,
    dir: tempfile::TempDir,
    actor: Actor,
}

impl Target {
    fn new() -> Target {
        let target = Target {
            store: sqlite_store(),
            dir: tempfile::tempdir().unwrap(),
            actor: Actor { login: "thu.ky".into(), at: datetime!(2026-11-20 03:00 UTC) },
        };
        let units = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/units.csv");
        target.import(&[InputFile::at(units)]);
        target
    }

    fn import(&self, files: &[InputFile]) {
        let _ = import_files(&self.store, &self.actor, &Authority::Operator, &Rules::default(), files, &Silent);
    }

    /// Imports `bytes` as a file named `name`; any outcome but a panic.
    fn import_bytes(&self, name: &str, bytes: &[u8]) {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        self.import(&[InputFile::at(path)]);
    }
}

/// A valid file with a few bytes changed, cut or repeated, or bytes of any kind.
fn mutated(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len().max(1);
    let changes = proptest::collection::vec((0..len, any::<u8>(), 0u8..4), 1..8);
    prop_oneof![
        3 => changes.prop_map(move |changes| {
            let mut bytes = valid.clone();
            for (at, byte, how) in changes {
                let at = at.min(bytes.len().saturating_sub(1));
                match how {
                    0 if !bytes.is_empty() => bytes[at] = byte,
                    1 => bytes.insert(at, byte),
                    2 if !bytes.is_empty() => { bytes.remove(at); }
                    _ => bytes.truncate(at),
                }
            }
            bytes
        }),
        1 => proptest::collection::vec(any::<u8>(), 0..400),
    ]
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

#[test]
fn csv_import_files() {
    for kind in ["cases", "events", "targets"] {
        let valid = if kind == "events" {
            [fixture("cases.csv"), fixture("events.csv")].concat()
        } else {
            fixture(&format!("{kind}.csv"))
        };
        let target = Target::new();
        fuzz(&format!("csv_{kind}"), mutated(valid), |bytes| target.import_bytes(&format!("{kind}.csv"), bytes));
    }
    let target = Target::new();
    fuzz("csv_units", mutated(fixture("units.csv")), |bytes| target.import_bytes("fuzz_units.csv", bytes));
}

/// A small valid workbook with a cases sheet.
fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("cases").unwrap();
    let csv = String::from_utf8(fixture("cases.csv")).unwrap();
    for (r, line) in csv.trim_start_matches('\u{feff}').lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_import_files() {
    let target = Target::new();
    fuzz("xlsx", mutated(workbook()), |bytes| target.import_bytes("register.xlsx", bytes));
}
