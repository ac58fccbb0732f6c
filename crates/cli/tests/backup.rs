//! `thads backup`, `thads restore` and `thads verify` through the built binary, on SQLite and
//! on PostgreSQL (skipped without `THADS_TEST_PG`): a backup taken while a writer creates
//! cases through the application holds every case acknowledged before it began, and restores;
//! a restore refuses a populated target and a file that is not a THADS backup; verify passes
//! on a sound copy and fails on a truncated one and on a broken supersession.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use thads_app::Actor;
use thads_app::NewRecord;
use thads_app::cases::record::{create_case, record};
use thads_core::{CaseId, Event, EventCode, EventId, Rules, UnitId, Vnd};
use thads_store::{Cases, Store, Units};
use thads_store_postgres::PgStore;
use thads_store_postgres::testing::{TestDatabase, test_url};
use thads_store_sqlite::SqliteStore;
use thads_testkit::{facts, seed_units};
use time::macros::{date, datetime};

fn thads(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thads")).arg("--db").arg(db).args(args).output().unwrap()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn actor() -> Actor {
    Actor { login: "chv.an".into(), at: datetime!(2026-01-10 09:00 +7) }
}

fn case_no(n: usize) -> String {
    format!("{n}/QĐ-THADS")
}

/// Creates cases one by one through the application until told to stop; each case number is
/// pushed once its creation is committed (acknowledged).
fn writer(
    store: Box<dyn Store>,
    unit: UnitId,
    acked: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let rules = Rules::default();
        let mut n = 1000;
        while !stop.load(Ordering::SeqCst) {
            n += 1;
            let no = case_no(n);
            create_case(store.as_ref(), &actor(), &rules, facts(unit, &no, date!(2025 - 10 - 05), 1_000_000)).unwrap();
            acked.lock().unwrap().push(no);
        }
    })
}

/// Backups taken while the writer runs: each holds every case acknowledged before it began.
/// Returns the last backup's file and the cases acknowledged before it.
fn backups_under_load(
    db: &str,
    dir: &Path,
    ext: &str,
    writer_store: Box<dyn Store>,
    unit: UnitId,
) -> (std::path::PathBuf, Vec<String>) {
    let (acked, stop) = (Arc::new(Mutex::new(Vec::new())), Arc::new(AtomicBool::new(false)));
    let handle = writer(writer_store, unit, acked.clone(), stop.clone());
    let mut last = None;
    for round in 0..3 {
        while acked.lock().unwrap().len() < 10 * (round + 1) {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let before: Vec<String> = acked.lock().unwrap().clone();
        let out = dir.join(format!("backup-{round}.{ext}"));
        let done = thads(db, &["backup", "--out", out.to_str().unwrap()]);
        assert!(done.status.success(), "{}", text(&done));
        last = Some((out, before));
    }
    stop.store(true, Ordering::SeqCst);
    handle.join().unwrap();
    assert!(acked.lock().unwrap().len() >= 30, "the writer went on while backups were taken");
    last.unwrap()
}

fn assert_restored_holds(store: &dyn Store, unit: UnitId, acked: &[String]) {
    let held: HashSet<String> = store.cases_of_unit_numbers(unit).into_iter().collect();
    let missing: Vec<&String> = acked.iter().filter(|no| !held.contains(*no)).collect();
    assert!(missing.is_empty(), "acknowledged writes missing from the restore: {missing:?}");
}

/// A case whose collection was corrected once through the application: a sound history.
fn corrected_case(store: &dyn Store, unit: UnitId) -> (CaseId, EventId) {
    let rules = Rules::default();
    let collected = |amount| Event {
        date: date!(2025 - 10 - 07),
        code: EventCode::Collected,
        amount: Some(Vnd::new(amount).unwrap()),
        ground: None,
    };
    let id = create_case(store, &actor(), &rules, facts(unit, "7/QĐ-THADS", date!(2025 - 10 - 05), 1_000_000))
        .unwrap()
        .case
        .id;
    let with_means = Event { date: date!(2025 - 10 - 06), code: EventCode::WithMeans, amount: None, ground: None };
    record(store, &actor(), &rules, id, 1, NewRecord::event(with_means)).unwrap();
    record(store, &actor(), &rules, id, 2, NewRecord::event(collected(123))).unwrap();
    let target = store.records(id).unwrap()[1].id;
    let fix =
        NewRecord { supersedes: Some(target), note: "sai số tiền".into(), ..NewRecord::event(collected(1_000)) };
    record(store, &actor(), &rules, id, 3, fix).unwrap();
    (id, target)
}

/// A second correction of the same record, written behind the application's back: the
/// supersession is broken (schema 8's index dropped first).
fn second_correction(case: CaseId, target: EventId) -> String {
    format!(
        "drop index events_supersedes_once;
         insert into events (case_id, date, code, amount, supersedes, note, recorded_by, recorded_at)
         values ({}, '2025-10-07', 'collected', 2000, {}, 'race', 'chv.binh', 0);",
        case.0, target.0
    )
}

trait Numbers {
    fn cases_of_unit_numbers(&self, unit: UnitId) -> Vec<String>;
}

impl Numbers for dyn Store + '_ {
    fn cases_of_unit_numbers(&self, unit: UnitId) -> Vec<String> {
        let mut numbers = Vec::new();
        self.scan_histories(&thads_store::ScanFilter::default(), &mut |h| {
            if h.case.facts.unit == unit {
                numbers.push(h.case.facts.case_no.to_string());
            }
            Ok(())
        })
        .unwrap();
        numbers
    }
}

#[test]
fn a_backup_under_load_restores_every_acknowledged_write_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let unit = seed_units(&SqliteStore::open(&path).unwrap()).region1;
    let db = path.to_str().unwrap();
    let (backup, acked) = backups_under_load(db, dir.path(), "db", Box::new(SqliteStore::open(&path).unwrap()), unit);
    assert!(!dir.path().join("backup-2.db.partial").exists(), "no temporary file is left");
    let verified = thads(backup.to_str().unwrap(), &["verify"]);
    assert!(verified.status.success(), "{}", text(&verified));

    let target = dir.path().join("restored.db");
    let restored = thads(target.to_str().unwrap(), &["restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(String::from_utf8_lossy(&restored.stderr).contains("backup-2.db"), "the restore is logged on stderr");
    let store = SqliteStore::open(&target).unwrap();
    assert_restored_holds(&store as &dyn Store, unit, &acked);
    let named: String = rusqlite::Connection::open(&target)
        .unwrap()
        .query_row("select after from audit where action = 'backup.restore'", [], |r| r.get(0))
        .unwrap();
    assert!(named.contains("backup-2.db"), "the audit names the file: {named}");
}

#[test]
fn a_restore_refuses_a_populated_target_and_files_that_are_not_thads_backups() {
    let dir = tempfile::tempdir().unwrap();
    let (live, backup, target) = (dir.path().join("live.db"), dir.path().join("b.db"), dir.path().join("t.db"));
    let unit = seed_units(&SqliteStore::open(&live).unwrap()).region1;
    let (live, backup_s, target_s) = (live.to_str().unwrap(), backup.to_str().unwrap(), target.to_str().unwrap());
    assert!(thads(live, &["backup", "--out", backup_s]).status.success());

    // A target that holds units and cases is kept.
    let populated = SqliteStore::open(&target).unwrap();
    create_case(
        &populated,
        &actor(),
        &Rules::default(),
        facts(seed_units(&populated).region1, "1/QĐ-THADS", date!(2025 - 10 - 05), 5),
    )
    .unwrap();
    drop(populated);
    let refused = thads(target_s, &["restore", "--from", backup_s]);
    assert!(!refused.status.success() && text(&refused).contains("--force"), "{}", text(&refused));
    assert_eq!(SqliteStore::open(&target).unwrap().case_count().unwrap(), 1, "the target is unchanged");
    let forced = thads(target_s, &["restore", "--from", backup_s, "--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    let store = SqliteStore::open(&target).unwrap();
    assert_eq!(store.case_count().unwrap(), 0, "the backup's content replaced the target's");
    assert!(store.units().unwrap().iter().any(|u| u.id == unit));

    // A text file, and a SQLite database that is not THADS's, are not backups.
    let fresh = dir.path().join("fresh.db");
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "not a backup").unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("create table t (x integer)").unwrap();
    for file in [&note, &other] {
        let out = thads(fresh.to_str().unwrap(), &["restore", file.to_str().unwrap()]);
        assert!(!out.status.success(), "{} was restored: {}", file.display(), text(&out));
        assert!(!fresh.exists(), "nothing is created from a refused file");
    }
}

#[test]
fn verify_passes_on_a_sound_copy_and_fails_on_a_truncated_one_or_a_broken_supersession() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.db");
    let store = SqliteStore::open(&live).unwrap();
    let (case, target) = corrected_case(&store, seed_units(&store).region1);
    drop(store);
    let backup = dir.path().join("b.db");
    assert!(thads(live.to_str().unwrap(), &["backup", "--out", backup.to_str().unwrap()]).status.success());

    let sound = thads(backup.to_str().unwrap(), &["verify", "--format", "json"]);
    assert!(sound.status.success(), "{}", text(&sound));
    let report: serde_json::Value = serde_json::from_slice(&sound.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["counts"]["cases"], 1);
    assert_eq!(report["checks"].as_array().unwrap().len(), 4, "integrity, schema, ledger, audit");

    let bytes = std::fs::read(&backup).unwrap();
    let truncated = dir.path().join("truncated.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let out = thads("unused.db", &["verify", truncated.to_str().unwrap()]);
    assert!(!out.status.success(), "a truncated copy passed: {}", text(&out));
    assert!(text(&out).contains("[FAIL] integrity"), "{}", text(&out));

    rusqlite::Connection::open(&backup).unwrap().execute_batch(&second_correction(case, target)).unwrap();
    let out = thads(backup.to_str().unwrap(), &["verify"]);
    assert!(!out.status.success(), "a broken supersession passed: {}", text(&out));
    assert!(text(&out).contains("[FAIL] ledger") && text(&out).contains("replaced twice"), "{}", text(&out));
}

#[test]
fn a_backup_under_load_restores_every_acknowledged_write_on_postgres() {
    let Some(url) = test_url() else { return };
    let (live, empty) = (TestDatabase::create(&url).unwrap(), TestDatabase::create(&url).unwrap());
    let unit = seed_units(&PgStore::open(live.url()).unwrap()).region1;
    let dir = tempfile::tempdir().unwrap();
    let (backup, acked) =
        backups_under_load(live.url(), dir.path(), "dump", Box::new(PgStore::open(live.url()).unwrap()), unit);

    let restored = thads(empty.url(), &["restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(!text(&restored).contains("postgres:postgres@"), "no password is shown");
    let store = PgStore::open(empty.url()).unwrap();
    assert_restored_holds(&store as &dyn Store, unit, &acked);
    let verified = thads(empty.url(), &["verify"]);
    assert!(verified.status.success(), "{}", text(&verified));

    // The restored database now holds cases: a second restore is refused; a text file is no dump.
    let again = thads(empty.url(), &["restore", backup.to_str().unwrap()]);
    assert!(!again.status.success() && text(&again).contains("--force"), "{}", text(&again));
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "not a backup").unwrap();
    let out = thads(empty.url(), &["restore", "--force", note.to_str().unwrap()]);
    assert!(!out.status.success() && text(&out).contains("pg_dump"), "{}", text(&out));

    // A broken supersession fails verify.
    let (case, target) = corrected_case(&store, unit);
    drop(store);
    let mut client = postgres::Client::connect(empty.url(), postgres::NoTls).unwrap();
    client.batch_execute(&second_correction(case, target)).unwrap();
    drop(client);
    let out = thads(empty.url(), &["verify", "--format", "json"]);
    assert!(!out.status.success(), "{}", text(&out));
}

#[test]
fn thads_serve_takes_scheduled_backups_and_keeps_the_newest() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    seed_units(&SqliteStore::open(&path).unwrap());
    let backups = dir.path().join("backups");
    let mut child = Command::new(env!("CARGO_BIN_EXE_thads"))
        .args(["--db", path.to_str().unwrap(), "serve", "--addr", "127.0.0.1:0", "--demo-cases", "0"])
        .args(["--backup-dir", backups.to_str().unwrap(), "--backup-every", "0.0003", "--backup-keep", "2"])
        .env_remove("THADS_ADDR")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut taken = 0;
    for line in stderr.lines() {
        let line = line.unwrap();
        assert!(!line.contains("thất bại"), "{line}");
        if line.starts_with("sao lưu / backup:") {
            taken += 1;
            if taken == 4 {
                break;
            }
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(taken, 4, "the server stopped before four backups");
    let mut kept: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().path()).collect();
    kept.sort();
    assert!(kept.len() <= 2 && !kept.is_empty(), "only the newest two are kept: {kept:?}");
    let newest = kept.last().unwrap();
    let verified = thads(newest.to_str().unwrap(), &["verify"]);
    assert!(verified.status.success(), "{}", text(&verified));
}

/// `thads audit verify` (and `thads verify`) pass on a whole trail and, after an entry is
/// changed directly in the database, fail naming that entry.
#[test]
fn audit_verify_names_an_entry_changed_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.db");
    let store = SqliteStore::open(&live).unwrap();
    corrected_case(&store, seed_units(&store).region1);
    let entries = thads_store::Audit::audit_chain(&store, 0, 100).unwrap();
    assert!(entries.len() >= 2, "the case's creation and records are audited");
    drop(store);
    let db = live.to_str().unwrap();

    let whole = thads(db, &["audit", "verify", "--format", "json"]);
    assert!(whole.status.success(), "{}", text(&whole));
    let report: serde_json::Value = serde_json::from_slice(&whole.stdout).unwrap();
    assert_eq!(
        (report["ok"].clone(), report["entries"].as_u64()),
        (serde_json::json!(true), Some(entries.len() as u64))
    );

    let changed = entries[1].id;
    rusqlite::Connection::open(&live)
        .unwrap()
        .execute_batch(&format!(
            "drop trigger audit_append_only_update; update audit set after = '{{}}' where id = {changed}"
        ))
        .unwrap();
    let out = thads(db, &["audit", "verify"]);
    assert!(!out.status.success(), "a changed entry passed: {}", text(&out));
    assert!(text(&out).contains(&format!("entry #{changed} was changed")), "{}", text(&out));
    let out = thads(db, &["verify"]);
    assert!(!out.status.success() && text(&out).contains("[FAIL] audit"), "{}", text(&out));
}
