//! `thads deadlines`, `thads calendar` and `thads coercion` run as a user runs them: the binary
//! on a temporary database seeded through the application.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::path::Path;
use std::process::{Command, Output};

use thads_app::cases::record::{create_case, record};
use thads_app::clock::SystemClock;
use thads_app::{Actor, NewRecord};
use thads_core::{Event, EventCode, Rules};
use thads_store_sqlite::SqliteStore;
use thads_testkit::{facts, seed_officer, seed_units};
use time::macros::date;

fn thads(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thads"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("THADS_USER", "admin")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// BG-KV1 with two cases: one accepted in 2025 and never verified (overdue), one without means
/// since 2026 (its re-verification still to come while this test is young).
fn seeded() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thads.db");
    let store = SqliteStore::open(&path).unwrap();
    let u = seed_units(&store);
    let officer = seed_officer(&store, u.region1, "chv.binh", "Lê Thị Bình");
    let (rules, actor) = (Rules::default(), Actor { login: "chv.binh".into(), at: SystemClock.now() });
    let mut late = facts(u.region1, "1/QĐ-THADS", date!(2025 - 10 - 05), 1_000_000);
    late.officer = Some(officer);
    create_case(&store, &actor, &rules, late).unwrap();
    let c = create_case(&store, &actor, &rules, facts(u.region1, "2/QĐ-THADS", date!(2026 - 08 - 03), 1_000)).unwrap();
    let no_means = Event { date: date!(2026 - 09 - 01), code: EventCode::NoMeans, amount: None, ground: None };
    record(&store, &actor, &rules, c.case.id, 1, NewRecord::event(no_means)).unwrap();
    (dir, path)
}

#[test]
fn json_lists_each_deadline_with_its_rule_overdue_first() {
    let (_dir, db) = seeded();
    let out = stdout(&thads(&db, &["deadlines", "--unit", "BG", "--format", "json"]));
    let items: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(items.len() >= 3, "{out}");
    for item in &items {
        for key in ["unit", "case_no", "kind", "due", "overdue", "rule", "rule_id", "officer", "started_on"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
        assert_eq!(item["unit"], "BG-KV1");
        assert_eq!(item["due"].as_str().unwrap().len(), 10, "ISO date");
        assert!(!item["rule"].as_str().unwrap().is_empty());
    }
    let first = &items[0];
    assert_eq!((first["case_no"].as_str(), first["kind"].as_str()), (Some("1/QĐ-THADS"), Some("first_verification")));
    assert_eq!((first["overdue"].as_bool(), first["officer"].as_str()), (Some(true), Some("chv.binh")));
    let overdue: Vec<bool> = items.iter().map(|i| i["overdue"].as_bool().unwrap()).collect();
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]), "overdue first: {overdue:?}");
    let only = stdout(&thads(&db, &["deadlines", "--unit", "BG-KV1", "--overdue", "--format", "json"]));
    let only: Vec<serde_json::Value> = serde_json::from_str(&only).unwrap();
    assert!(only.iter().all(|i| i["overdue"] == true) && !only.is_empty());
    let mine = stdout(&thads(&db, &["deadlines", "--unit", "BG", "--officer", "chv.binh", "--format", "json"]));
    let mine: Vec<serde_json::Value> = serde_json::from_str(&mine).unwrap();
    assert!(mine.iter().all(|i| i["case_no"] == "1/QĐ-THADS") && !mine.is_empty());
}

#[test]
fn a_past_day_is_computed_from_the_histories() {
    let (_dir, db) = seeded();
    let out = stdout(&thads(&db, &["deadlines", "--unit", "BG-KV1", "--on", "20/08/2026", "--format", "json"]));
    let items: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    // On 20/08/2026 the second case was not yet without means: no re-verification was due.
    assert!(items.iter().all(|i| i["kind"] != "reverification"), "{out}");
    assert!(items.iter().any(|i| i["case_no"] == "2/QĐ-THADS"));
    let table = stdout(&thads(&db, &["deadlines", "--unit", "BG-KV1", "--on", "2026-08-20"]));
    assert!(table.contains("ngày 20/08/2026") && table.contains("tính từ lịch sử"), "{table}");
}

#[test]
fn the_table_is_vietnamese_with_dates_day_first() {
    let (_dir, db) = seeded();
    let out = stdout(&thads(&db, &["deadlines", "--unit", "BG-KV1"]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Thời hạn các việc của BG-KV1 ngày "), "{out}");
    assert!(lines[0].contains("(bảng thời hạn)"), "today is read from the derived table: {out}");
    assert!(lines[1].starts_with("Hạn") && lines[1].contains("Việc phải làm") && lines[1].contains("Căn cứ"));
    assert!(lines[2].contains("QUÁ HẠN") && lines[2].contains("Xác minh"), "{out}");
    assert_eq!((&lines[2][2..3], &lines[2][5..6]), ("/", "/"), "dd/mm/yyyy: {}", lines[2]);
    let unknown = thads(&db, &["deadlines", "--unit", "XX"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("không có đơn vị"));
    let check = stdout(&thads(&db, &["deadlines", "check"]));
    assert!(check.contains("khớp"), "{check}");
}

#[test]
fn announced_days_round_trip() {
    let (_dir, db) = seeded();
    let source = "Thông báo 6150/TB-BNV ngày 25/10/2026";
    stdout(&thads(&db, &["calendar", "add", "--date", "02/01/2027", "--kind", "day-off", "--source", source]));
    stdout(&thads(&db, &["calendar", "add", "--date", "2027-01-09", "--kind", "working-day", "--source", source]));
    let again = thads(&db, &["calendar", "add", "--date", "02/01/2027", "--kind", "working-day", "--source", "x"]);
    assert!(!again.status.success(), "a date is announced once");
    let list = stdout(&thads(&db, &["calendar", "list", "--year", "2027"]));
    assert!(list.contains("2 ngày"), "{list}");
    let lines: Vec<&str> = list.lines().skip(1).collect();
    assert!(lines[0].contains("02/01/2027") && lines[0].contains("ngày nghỉ") && lines[0].contains(source));
    assert!(lines[1].contains("09/01/2027") && lines[1].contains("làm bù") && lines[1].contains("admin"));
    assert!(stdout(&thads(&db, &["calendar", "list", "--year", "2026"])).contains("0 ngày"));
    stdout(&thads(&db, &["calendar", "remove", "--date", "02/01/2027"]));
    assert!(stdout(&thads(&db, &["calendar", "list", "--year", "2027"])).contains("1 ngày"));
}

#[test]
fn coercion_is_refused_with_every_reason() {
    let (_dir, db) = seeded();
    let ok = thads(&db, &["coercion", "check", "--start", "23/11/2026 08:00", "--end", "23/11/2026 11:30"]);
    assert!(ok.status.success() && String::from_utf8_lossy(&ok.stdout).contains("Được phép"));
    let args = ["coercion", "check", "--start", "06/02/2027 21:00", "--end", "06/02/2027 23:00", "--forces"];
    let refused = thads(&db, &args);
    assert_eq!(refused.status.code(), Some(1));
    let text = String::from_utf8_lossy(&refused.stdout);
    for reason in ["22:00", "Tết", "15 ngày"] {
        assert!(text.contains(reason), "{reason}: {text}");
    }
}
