//! `thads-bench` writes synthetic data into `--db` only when the database is empty or the
//! operator says `--i-know-this-writes-synthetic-data` (issue 15, item 5): `pg-import`,
//! `writers` and `report`'s live runs refuse a database that holds cases, write nothing to it,
//! and say why; with the flag, they write.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::path::Path;
use std::process::{Command, Output};

const FLAG: &str = "--i-know-this-writes-synthetic-data";

fn bench(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thads-bench")).arg("--db").arg(db).args(args).output().unwrap()
}

/// The numbers of cases and of events the database holds.
fn held(db: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let count = |table: &str| conn.query_row(&format!("select count(*) from {table}"), [], |r| r.get(0)).unwrap();
    (count("cases"), count("events"))
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn a_database_that_holds_cases_is_refused_unless_the_operator_knows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    let first = bench(&db, &["pg-import", "--cases", "20", "--chunk", "8"]);
    assert!(first.status.success(), "an empty database is written to: {}", text(&first));
    let filled = held(&db);
    assert_eq!(filled, (20, 60));

    let writing: [&[&str]; 3] = [
        &["pg-import", "--cases", "20", "--chunk", "8"],
        &["writers", "--threads", "1", "--events", "3", "--cases", "5"],
        &["report", "--runs", "1", "--no-cold", "--live", "1"],
    ];
    for args in writing {
        let out = bench(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?} is refused: {}", text(&out));
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("already holds data") && said.contains(FLAG), "{args:?}: {said}");
        assert_eq!(held(&db), filled, "{args:?} wrote nothing");
    }

    let told = bench(&db, &["pg-import", "--cases", "20", "--chunk", "8", FLAG]);
    assert!(told.status.success(), "{}", text(&told));
    assert_eq!(held(&db), (40, 120));
    let told = bench(&db, &["writers", "--threads", "1", "--events", "3", "--cases", "5", FLAG]);
    assert!(told.status.success(), "{}", text(&told));
    assert_eq!(held(&db), (45, 120 + 5 + 3));
}

#[test]
fn reading_benchmarks_need_no_consent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    assert!(bench(&db, &["pg-import", "--cases", "5", "--chunk", "5"]).status.success());
    // The report without live runs only reads (it stops at the missing national unit).
    let out = bench(&db, &["report", "--runs", "1", "--no-cold", "--live", "0"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains(FLAG), "{said}");
    assert!(said.contains("unknown unit VN"), "{said}");
}

/// On PostgreSQL (skipped without `THADS_TEST_PG`): `pg-import` fills an empty database, and
/// then neither it nor `import --pg` writes there again unless told.
#[test]
fn a_postgres_database_that_holds_cases_is_refused_too() {
    let Some(admin) = thads_store_postgres::testing::test_url() else { return };
    let db = thads_store_postgres::testing::TestDatabase::create(&admin).unwrap();
    let url = db.url();
    let run = |args: &[&str]| bench(Path::new(url), args);
    let first = run(&["pg-import", "--cases", "10", "--chunk", "5"]);
    assert!(first.status.success(), "{}", text(&first));
    for args in [&["pg-import", "--cases", "10"][..], &["import", "--cases", "10", "--pg", url][..]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?} is refused: {}", text(&out));
        assert!(String::from_utf8_lossy(&out.stderr).contains(FLAG), "{}", text(&out));
    }
    let cases: i64 = postgres::Client::connect(url, postgres::NoTls)
        .unwrap()
        .query_one("select count(*) from cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(cases, 10);
}
