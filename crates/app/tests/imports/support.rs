//! Shared helpers: a store, a fixed actor, fixture paths, scratch files, and a snapshot of
//! everything an import could change.

use std::path::{Path, PathBuf};

use thads_app::Actor;
use thads_app::imports::{Authority, FileReport, InputFile, Outcome, Problem, import_files};
use thads_app::progress::Silent;
use thads_core::Rules;
use thads_store::{LedgerRow, ScanFilter, Store};
use thads_store_sqlite::SqliteStore;
use time::macros::datetime;

pub const CASES_HEADER: &str = "unit,case_no,accepted_on,origin,received_by_delegation,judgment_type,categories,amount_vnd,debtor,creditor,officer";
pub const EVENTS_HEADER: &str = "unit,case_no,date,event,amount_vnd,ground";

/// Today is 22/11/2026 in Vietnam.
pub fn actor() -> Actor {
    Actor { login: "thu.ky".into(), at: datetime!(2026-11-22 03:00 UTC) }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn import(store: &dyn Store, paths: &[PathBuf]) -> Vec<FileReport> {
    let files: Vec<InputFile> = paths.iter().map(InputFile::at).collect();
    import_files(store, &actor(), &Authority::Operator, &Rules::default(), &files, &Silent).expect("the store works")
}

/// A store holding the good fixture units, cases and events.
pub fn seeded() -> SqliteStore {
    let store = thads_testkit::sqlite_store();
    let reports = import(&store, &[fixture("units.csv"), fixture("cases.csv"), fixture("events.csv")]);
    assert!(reports.iter().all(|r| r.outcome.is_imported()), "{reports:#?}");
    store
}

/// Files written for one test.
pub struct Scratch(tempfile::TempDir);

impl Scratch {
    pub fn new() -> Scratch {
        Scratch(tempfile::tempdir().unwrap())
    }

    pub fn file(&self, name: &str, content: &str) -> PathBuf {
        self.bytes(name, content.as_bytes())
    }

    pub fn bytes(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

/// Everything an import may change.
#[derive(Debug, PartialEq)]
pub struct Landed {
    units: usize,
    staff: usize,
    cases: u64,
    events: usize,
    ledger: Vec<LedgerRow>,
    deducted: usize,
    targets: usize,
}

pub fn landed(store: &dyn Store) -> Landed {
    let mut events = 0;
    store
        .scan_histories(&ScanFilter::default(), &mut |h| {
            events += h.records.len();
            Ok(())
        })
        .unwrap();
    Landed {
        units: store.units().unwrap().len(),
        staff: store.staff().unwrap().len(),
        cases: store.case_count().unwrap(),
        events,
        ledger: ledger(store),
        deducted: store.deducted_moves().unwrap().len(),
        targets: store.targets().unwrap().len(),
    }
}

/// The stored ledger without rows that cancelled out, in key order.
pub fn ledger(store: &dyn Store) -> Vec<LedgerRow> {
    let mut rows: Vec<LedgerRow> = store.ledger().unwrap().into_iter().filter(|r| !r.measures.is_zero()).collect();
    rows.sort_by_key(|r| (r.series, r.month));
    rows
}

/// The problems of a refused file.
pub fn problems(report: &FileReport) -> &[Problem] {
    match &report.outcome {
        Outcome::Refused(problems) => problems,
        other => panic!("{} was not refused: {other:#?}", report.file),
    }
}

/// Imports one bad file; asserts it was refused and that nothing changed; returns its problems.
pub fn refused(store: &dyn Store, path: PathBuf) -> Vec<Problem> {
    let before = landed(store);
    let reports = import(store, &[path]);
    assert_eq!(reports.len(), 1);
    let found = problems(&reports[0]).to_vec();
    assert_eq!(landed(store), before, "nothing of a refused file may land");
    found
}

/// `(row, column)` of each problem.
pub fn places(problems: &[Problem]) -> Vec<(Option<u64>, Option<&str>)> {
    problems.iter().map(|p| (p.row, p.column.as_deref())).collect()
}

/// The ledger kept by imports equals a full recomputation from the histories.
pub fn assert_ledger_is_recomputed(store: &dyn Store) {
    let (delta, mut deducted) =
        thads_app::ledger::recompute(store, &Rules::default(), actor().today()).expect("histories replay");
    let mut want = delta.into_rows();
    want.sort_by_key(|r| (r.series, r.month));
    assert_eq!(ledger(store), want, "ledger");
    let mut stored = store.deducted_moves().unwrap();
    let key = |r: &thads_store::DeductedRow| (r.case, r.moved.moved_on, r.moved.amount);
    stored.sort_by_key(key);
    deducted.sort_by_key(key);
    assert_eq!(stored, deducted, "deducted moves");
    let (want, have) = thads_app::deadlines::recompute_and_read(store, &Rules::default(), actor().today()).unwrap();
    assert_eq!(have, want, "deadlines");
}
