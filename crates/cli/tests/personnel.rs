//! `thads staff import` and `thads staff report` as the contract writes them: a file with bad
//! rows imports nothing and names each, a good one adds everyone, the report is the contract's
//! JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::path::Path;
use std::process::{Command, Output};

fn thads(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thads")).arg("--db").arg(db).args(args).env("THADS_USER", "tccb").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn import_all_or_nothing_then_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thads.db");
    let units = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/tests/fixtures/units.csv");
    let out = thads(&db, &["import", units.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let file = dir.path().join("staff.csv");
    std::fs::write(
        &file,
        "name,unit,title,rank,appointed_on,term_ends_on,login\n\
         Nguyễn Văn An,BG-KV1,Chấp hành viên,chv_trung_cap,01/03/2021,01/03/2026,\n\
         Trần Thị Bình,BG-KV1,Thư ký,thu_ky_chinh,,,\n\
         Lê Văn Cường,XX-9,,khac,,,\n",
    )
    .unwrap();
    let refused = thads(&db, &["staff", "import", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let said = text(&refused.stderr);
    assert!(said.contains("line 3: rank") && said.contains("line 4: unit"), "{said}");

    std::fs::write(
        &file,
        "name,unit,title,rank,appointed_on,term_ends_on,login\n\
         Nguyễn Văn An,BG-KV1,Chấp hành viên,chv_trung_cap,01/03/2021,01/03/2026,\n\
         Trần Thị Bình,BG-KV1,Thư ký,thu_ky,,,\n",
    )
    .unwrap();
    let added = thads(&db, &["staff", "import", file.to_str().unwrap()]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert!(text(&added.stdout).contains("2 people imported"));

    let report = thads(&db, &["staff", "report", "--unit", "BG", "--format", "json"]);
    assert!(report.status.success(), "{}", text(&report.stderr));
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"unit": "BG", "posts": 0, "filled": 2, "by_rank": {"chv_trung_cap": 1, "thu_ky": 1}})
    );
    let xlsx = dir.path().join("staff.xlsx");
    let report = thads(&db, &["staff", "report", "--unit", "BG", "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    assert!(report.status.success(), "{}", text(&report.stderr));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "an XLSX (zip) file");
}
