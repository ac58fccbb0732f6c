//! `thads user add` run as an administrator runs it: the password rule, and a person of another
//! unit moved only when asked (issue 14, items 7 and 9).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn thads(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thads"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("THADS_USER", "quan.tri")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A database with the fixture units.
fn database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("thads.db");
    let units = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/tests/fixtures/units.csv");
    let out = thads(&db, &["import", units.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

fn add(db: &Path, login: &str, unit: &str, extra: &[&str], password: &str) -> Output {
    let mut args = vec!["user", "add", login, "--unit", unit, "--role", "clerk", "--password-stdin"];
    args.extend_from_slice(extra);
    thads(db, &args, &format!("{password}\n"))
}

#[test]
fn moving_someone_to_another_unit_needs_move_and_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let first = add(&db, "thu.ky", "BG-KV1", &["--name", "Lê Thị\u{200B} Thu"], "mot-mat-khau-dai");
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("created thu.ky (clerk, BG-KV1)"), "{}", text(&first.stdout));

    let silent = add(&db, "thu.ky", "BG-KV2", &[], "mat-khau-moi-hon");
    assert_eq!(silent.status.code(), Some(1), "{}", text(&silent.stdout));
    let said = text(&silent.stderr);
    assert!(said.contains("thu.ky thuộc đơn vị BG-KV1") && said.contains("--move"), "{said}");

    let same_unit = add(&db, "thu.ky", "BG-KV1", &[], "mat-khau-moi-hon");
    assert!(same_unit.status.success(), "{}", text(&same_unit.stderr));
    assert!(!text(&same_unit.stdout).contains("moved"), "{}", text(&same_unit.stdout));

    let moved = add(&db, "thu.ky", "BG-KV2", &["--move"], "mat-khau-moi-nhat");
    assert!(moved.status.success(), "{}", text(&moved.stderr));
    assert!(text(&moved.stdout).contains("moved thu.ky from BG-KV1 to BG-KV2"), "{}", text(&moved.stdout));
}

#[test]
fn weak_passwords_and_bad_names_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    for (password, reason) in [
        ("aaaaaaaaaa", "5 different characters"),
        ("1234567890", "common passwords"),
        ("          ", "only spaces"),
        ("thu.ky.2025!", "cannot contain the login"),
        ("ngắn", "at least 10 characters"),
    ] {
        let out = add(&db, "thu.ky", "BG-KV1", &[], password);
        assert_eq!(out.status.code(), Some(1), "{password:?} accepted");
        assert!(text(&out.stderr).contains(reason), "{password:?}: {}", text(&out.stderr));
    }
    let nul = add(&db, "thu.ky", "BG-KV1", &["--name", &"Ơ".repeat(201)], "mot-mat-khau-dai");
    assert!(!nul.status.success());
    assert!(text(&nul.stderr).contains("họ tên: dài 201 ký tự, tối đa 200"), "{}", text(&nul.stderr));
}
