//! `thads import` run as a user runs it: the built binary on a temporary database, with the
//! fixture registers of the app crate and files written here.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn thads(db: &Path, args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thads"))
        .arg("--db")
        .arg(db)
        .arg("import")
        .args(args)
        .env("THADS_USER", "thu.ky")
        .output()
        .unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/tests/fixtures").join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn good_files_import_with_a_summary_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thads.db");
    let files = ["events.csv", "targets.csv", "cases.csv", "units.csv"].map(fixture);
    let out = thads(&db, &files.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}{}", stdout, text(&out.stderr));
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].contains("units.csv: đã nhập 5 dòng đơn vị / units (lô #1) / imported 5 rows (batch 1)"));
    assert!(lines[1].contains("cases.csv") && lines[2].contains("events.csv") && lines[3].contains("targets.csv"));
    assert!(stdout.contains("created 2 officers: chv.an, chv.cuong"), "{stdout}");
    assert!(out.stderr.is_empty(), "no progress bar when stderr is not a terminal");

    let again = thads(&db, &[&fixture("cases.csv")]);
    assert_eq!(again.status.code(), Some(1));
    let stderr = text(&again.stderr);
    assert!(
        stderr.contains("already imported on") && stderr.contains("(batch 2, by thu.ky); nothing changed"),
        "{stderr}"
    );
}

#[test]
fn a_refused_file_lists_every_problem_on_stderr_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thads.db");
    assert!(thads(&db, &[&fixture("units.csv")]).status.success());
    let cases = dir.path().join("cases.csv");
    std::fs::write(
        &cases,
        "unit,case_no,accepted_on,origin,judgment_type,amount_vnd,debtor,creditor\n\
         BG-KV1,1/QĐ,31/02/2024,chu_dong,dan_su,0,An,Em\n\
         BG-KV1,2/QĐ,01/02/2024,chu_dong,dan_su,-5.000 đ,An,Em\n\
         XX,3/QĐ,01/02/2024,chu_dong,dan_su,0,An,Em\n",
    )
    .unwrap();
    let events = dir.path().join("events.csv");
    std::fs::write(&events, "unit,case_no,date,event\nBG-KV1,1/QĐ,01/03/2024,with_means\n").unwrap();
    let out = thads(&db, &[&events, &cases]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    let name = cases.display().to_string();
    for line in [
        format!("{name}: từ chối, không nhập gì từ tệp này (3 lỗi) / refused, nothing imported (3 problems)"),
        format!("{name}:2:accepted_on: ngày không tồn tại / impossible date: «31/02/2024»"),
        format!("{name}:3:amount_vnd: số tiền âm / negative amount: -5.000 đ"),
        format!("{name}:4:unit: không có đơn vị «XX» / unknown unit"),
        format!("{}: bỏ qua vì {name} bị từ chối / skipped because {name} was refused", events.display()),
        "Tổng cộng 3 lỗi; 2/2 tệp không được nhập / total: 3 problems; 2 of 2 files not imported".to_string(),
    ] {
        assert!(stderr.lines().any(|l| l == line), "missing «{line}» in:\n{stderr}");
    }
}

#[test]
fn files_that_cannot_be_read_are_refused_before_anything_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thads.db");
    let out = thads(&db, &[&fixture("units.csv"), &dir.path().join("missing_cases.csv")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("missing_cases.csv: không tìm thấy tệp / no such file"), "{stderr}");
    assert!(stderr.contains("units.csv: bỏ qua vì"), "{stderr}");
}
