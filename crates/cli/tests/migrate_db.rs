//! `thads migrate-db` through the built binary: a demo database (every register filled) copied
//! SQLite → PostgreSQL → SQLite (skipped without `THADS_TEST_PG`) arrives whole: the same
//! report JSON, `money check` and `audit verify` pass on each side, a case keeps its lookup
//! code, and every table but the audit trail (one `db.migrate` entry more per move) has the
//! same rows and content sum in the three databases.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::collections::BTreeMap;
use std::process::{Command, Output};

use thads_store_postgres::testing::{TestDatabase, test_url};

fn thads(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thads")).arg("--db").arg(db).args(args).output().unwrap()
}

fn ok(db: &str, args: &[&str]) -> String {
    let out = thads(db, args);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "thads {args:?} on {db}: {text}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The table lines `migrate-db` prints: name → (rows, sum).
fn sums(printed: &str) -> BTreeMap<String, (String, String)> {
    printed
        .lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            match parts.as_slice() {
                [table, rows, sum] if sum.len() == 64 => Some((table.to_string(), (rows.to_string(), sum.to_string()))),
                _ => None,
            }
        })
        .collect()
}

/// What must be the same in each database: the report, the checks, a case's lookup code.
fn facts(db: &str) -> (String, String) {
    let report = ok(db, &["report", "--unit", "VN", "--year", "2025"]);
    ok(db, &["money", "check"]);
    ok(db, &["audit", "verify"]);
    let case = ok(db, &["case", "show", "HN-KV1", "1/QĐ-CCTHADS", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&case).unwrap();
    let code = value["lookup_code"].as_str().map(str::to_string).unwrap_or_else(|| panic!("no lookup code: {case}"));
    (report, code)
}

#[test]
fn a_demo_database_goes_to_postgres_and_back_whole() {
    let Some(url) = test_url() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (first, last) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let (first, last) = (first.to_str().unwrap(), last.to_str().unwrap());
    ok(first, &["demo", "--cases", "2000"]);
    let before = facts(first);
    let pg = TestDatabase::create(&url).unwrap();
    let there = sums(&ok(first, &["migrate-db", "--from", first, "--to", pg.url()]));
    assert_eq!(facts(pg.url()), before);
    let back = sums(&ok(first, &["migrate-db", "--from", pg.url(), "--to", last]));
    assert_eq!(facts(last), before);
    for table in ["cases", "events", "money_entries", "assets", "complaints", "documents", "personnel", "requests"] {
        assert!(there.contains_key(table), "the demo fills {table}: {there:?}");
    }
    for (table, (rows, sum)) in &there {
        let (rows_back, sum_back) = &back[table];
        if table == "audit" {
            assert_eq!(rows_back.parse::<i64>().unwrap(), rows.parse::<i64>().unwrap() + 1, "the move's own entry");
        } else if table != "audit_chain" {
            assert_eq!((rows, sum), (rows_back, sum_back), "{table}");
        }
    }
    // Into a database that holds data, a merge: the second wave's registers refuse it.
    let refused = thads(last, &["migrate-db", "--from", first, "--to", last]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("money_entries"), "{refused:?}");
}
