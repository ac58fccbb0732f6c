//! Crash tests (issue 24 item 5), run on every change: the `thads` process is killed with
//! SIGKILL at random moments during an import and while several writers import at once, on
//! SQLite and on PostgreSQL (skipped without `THADS_TEST_PG`). After each kill: `thads verify`
//! passes (integrity, the ledger equal to its recomputation, the audit chain), an import is whole
//! or absent (never half a file), and every write that was acknowledged (its process exited 0)
//! is present. The moments are drawn from a seed printed by the test (`THADS_CRASH_SEED` replays
//! one); `THADS_CRASH_ROUNDS` sets how many kills (3 by default).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use thads_store::{ScanFilter, Store};
use thads_store_postgres::PgStore;
use thads_store_postgres::testing::{TestDatabase, test_url};
use thads_store_sqlite::SqliteStore;

fn thads(db: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_thads"));
    c.arg("--db").arg(db).env("THADS_USER", "thu.ky").env_remove("THADS_CONFIG");
    c
}

fn run(db: &str, args: &[&str]) -> Output {
    thads(db).args(args).output().unwrap()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/tests/fixtures").join(name)
}

/// A small generator of kill moments (xorshift), seeded from the clock unless replayed.
struct Moments(u64);

impl Moments {
    fn new() -> Moments {
        let seed = std::env::var("THADS_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
        });
        eprintln!("crash test seed: THADS_CRASH_SEED={seed}");
        Moments(seed)
    }

    /// A duration in `[0, max)`.
    fn within(&mut self, max: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_micros(self.0 % (max.as_micros() as u64).max(1))
    }
}

fn rounds() -> usize {
    std::env::var("THADS_CRASH_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3)
}

/// A cases file of `n` cases of unit BG-KV1 numbered `{first}…/QĐ-CRASH`.
fn cases_file(dir: &Path, name: &str, first: usize, n: usize) -> (PathBuf, Vec<String>) {
    let mut csv = String::from("unit,case_no,accepted_on,origin,judgment_type,amount_vnd,debtor,creditor\n");
    let mut numbers = Vec::with_capacity(n);
    for i in first..first + n {
        let no = format!("{i}/QĐ-CRASH");
        csv.push_str(&format!(
            "BG-KV1,{no},05/01/2024,chu_dong,dan_su,{},Người phải thi hành {i},Người được thi hành {i}\n",
            1_000_000 + i
        ));
        numbers.push(no);
    }
    let path = dir.join(name);
    std::fs::write(&path, csv).unwrap();
    (path, numbers)
}

fn open(db: &str) -> Box<dyn Store> {
    if db.starts_with("postgres") {
        Box::new(PgStore::open(db).unwrap())
    } else {
        Box::new(SqliteStore::open(Path::new(db)).unwrap())
    }
}

/// The case numbers the database holds.
fn held(db: &str) -> HashSet<String> {
    let store = open(db);
    let mut numbers = HashSet::new();
    store
        .scan_histories(&ScanFilter::default(), &mut |h| {
            numbers.insert(h.case.facts.case_no.to_string());
            Ok(())
        })
        .unwrap();
    numbers
}

fn assert_verified(db: &str, after: &str) {
    let out = run(db, &["verify"]);
    assert!(out.status.success(), "thads verify failed after {after}:\n{}", text(&out));
}

/// Kills `child` with SIGKILL (what `Child::kill` sends on Unix) after `wait`, unless it ended
/// first; whether it had finished, and successfully.
fn kill_after(mut child: Child, wait: Duration) -> bool {
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return status.success();
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    status.success()
}

/// An import killed at a random moment is whole or absent; the database verifies; the same
/// import run again completes it.
fn import_killed(db: &str, dir: &Path) {
    let units = run(db, &["import", fixture("units.csv").to_str().unwrap()]);
    assert!(units.status.success(), "{}", text(&units));
    // How long a whole import takes here (into the same database), to kill within it.
    let (probe, probed) = cases_file(dir, "probe_cases.csv", 900_000, 3_000);
    let started = Instant::now();
    let out = run(db, &["import", probe.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let whole = started.elapsed().max(Duration::from_millis(300));
    let mut moments = Moments::new();
    let mut expected: HashSet<String> = probed.into_iter().collect();
    for round in 0..rounds() {
        let (file, numbers) = cases_file(dir, &format!("r{round}_cases.csv"), round * 10_000 + 1, 3_000);
        let wait = moments.within(whole.mul_f64(1.2));
        let child = thads(db)
            .args(["import", file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let finished = kill_after(child, wait);
        let now = held(db);
        let present = numbers.iter().filter(|n| now.contains(*n)).count();
        assert!(
            present == 0 || present == numbers.len(),
            "round {round}, killed after {wait:?}: {present} of {} cases of the import are present",
            numbers.len()
        );
        if finished {
            assert_eq!(present, numbers.len(), "round {round}: an acknowledged import is missing");
        }
        assert!(expected.iter().all(|n| now.contains(n)), "round {round}: an earlier acknowledged import lost");
        assert_verified(db, &format!("an import killed after {wait:?}"));
        if present == 0 {
            let again = run(db, &["import", file.to_str().unwrap()]);
            assert!(again.status.success(), "the import again after the kill: {}", text(&again));
        }
        expected.extend(numbers);
        eprintln!("import round {round}: killed after {wait:?} (a whole import ≈ {whole:?}), {present} present");
    }
    assert!(expected.is_subset(&held(db)));
    assert_verified(db, "the imports completed again");
}

/// Four writers import small files at once; at a random moment every running `thads` is
/// killed. Every import that was acknowledged is present, none is half there, the database
/// verifies.
fn writers_killed(db: &str, dir: &Path) {
    let units = run(db, &["import", fixture("units.csv").to_str().unwrap()]);
    assert!(units.status.success() || text(&units).contains("already imported"), "{}", text(&units));
    let mut moments = Moments::new();
    for round in 0..rounds() {
        let running: Arc<Mutex<Vec<Child>>> = Arc::default();
        let acked: Arc<Mutex<Vec<Vec<String>>>> = Arc::default();
        let attempted: Arc<Mutex<Vec<Vec<String>>>> = Arc::default();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut handles = Vec::new();
        for w in 0..4 {
            let (running, acked, attempted, stop) = (running.clone(), acked.clone(), attempted.clone(), stop.clone());
            let (db, dir) = (db.to_string(), dir.to_path_buf());
            handles.push(std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    n += 1;
                    let first = 500_000 + round * 100_000 + w * 10_000 + n * 10;
                    let (file, numbers) = cases_file(&dir, &format!("w{round}-{w}-{n}_cases.csv"), first, 5);
                    attempted.lock().unwrap().push(numbers.clone());
                    let mut command = thads(&db);
                    command.args(["import", file.to_str().unwrap()]).stdout(Stdio::null()).stderr(Stdio::null());
                    let child = command.spawn().unwrap();
                    let pid = child.id();
                    running.lock().unwrap().push(child);
                    // Wait for this writer's process, whoever kills it.
                    let status = loop {
                        let mut list = running.lock().unwrap();
                        let Some(at) = list.iter().position(|c| c.id() == pid) else { break None };
                        if let Some(s) = list[at].try_wait().unwrap() {
                            // Already reaped by try_wait; wait() returns its status at once.
                            let _ = list.remove(at).wait();
                            break Some(s);
                        }
                        drop(list);
                        std::thread::sleep(Duration::from_millis(2));
                    };
                    if status.is_some_and(|s| s.success()) {
                        acked.lock().unwrap().push(numbers);
                    }
                }
            }));
        }
        let wait = Duration::from_millis(300) + moments.within(Duration::from_millis(2_500));
        std::thread::sleep(wait);
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let killed = {
            let mut list = running.lock().unwrap();
            let n = list.len();
            for mut child in list.drain(..) {
                let _ = child.kill();
                let _ = child.wait();
            }
            n
        };
        for h in handles {
            h.join().unwrap();
        }
        let now = held(db);
        let acked = acked.lock().unwrap();
        assert!(!acked.is_empty() || killed > 0, "round {round}: no writer ran");
        for numbers in acked.iter() {
            assert!(numbers.iter().all(|n| now.contains(n)), "round {round}: an acknowledged import is missing");
        }
        for numbers in attempted.lock().unwrap().iter() {
            let present = numbers.iter().filter(|n| now.contains(*n)).count();
            assert!(present == 0 || present == numbers.len(), "round {round}: an import half present");
        }
        assert_verified(db, &format!("{killed} writers killed after {wait:?}"));
        eprintln!("writers round {round}: {} imports acknowledged, {killed} killed after {wait:?}", acked.len());
    }
}

#[test]
fn an_import_killed_at_random_moments_is_whole_or_absent_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    import_killed(db.to_str().unwrap(), dir.path());
}

#[test]
fn writers_killed_at_random_moments_lose_no_acknowledged_write_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("writers.db");
    writers_killed(db.to_str().unwrap(), dir.path());
}

#[test]
fn an_import_killed_at_random_moments_is_whole_or_absent_on_postgres() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).unwrap();
    let dir = tempfile::tempdir().unwrap();
    import_killed(db.url(), dir.path());
}

#[test]
fn writers_killed_at_random_moments_lose_no_acknowledged_write_on_postgres() {
    let Some(url) = test_url() else { return };
    let db = TestDatabase::create(&url).unwrap();
    let dir = tempfile::tempdir().unwrap();
    writers_killed(db.url(), dir.path());
}
