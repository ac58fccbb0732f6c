//! `thads doc cancel`: an issued notice's number is cancelled with its reason and stays in the
//! register; a second cancellation and a number not in the register are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::process::Command;

use thads_store::Documents;
use thads_store_sqlite::SqliteStore;
use thads_testkit::{facts, seed_units};
use time::macros::{date, datetime};

#[test]
fn a_number_is_cancelled_with_its_reason_and_stays_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thads.db");
    let store = SqliteStore::open(&path).unwrap();
    let u = seed_units(&store);
    let actor = thads_app::Actor { login: "vt.lan".into(), at: datetime!(2026-01-05 09:00 +7) };
    let rules = thads_core::Rules::default();
    let case = thads_app::cases::record::create_case(
        &store,
        &actor,
        &rules,
        facts(u.region1, "47/QĐ-THADS", date!(2025 - 11 - 03), 15_000_000),
    )
    .unwrap()
    .case;
    let request = thads_app::documents::IssueRequest {
        case: case.id,
        expected_version: case.version,
        kind: thads_documents::DocumentKind::ThongBao,
        on: date!(2026 - 01 - 05),
        ground: None,
    };
    thads_app::documents::issue(&store, &actor, &rules, &request).unwrap();
    drop(store);
    let db = path.to_str().unwrap();
    let cancel = |number: &str| {
        Command::new(env!("CARGO_BIN_EXE_thads"))
            .args(["--db", db, "doc", "cancel", "--unit", "BG-KV1", "--template", "thong_bao", "--year", "2026"])
            .args(["--number", number, "--reason", "Gửi nhầm địa chỉ"])
            .output()
            .unwrap()
    };
    let out = cancel("1");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1/TB-THADS"));
    assert!(!cancel("1").status.success(), "a number is cancelled once");
    assert!(!cancel("2").status.success(), "no such number");
    let store = SqliteStore::open(&path).unwrap();
    let register = store.document_register(u.region1, "thong_bao", 2026).unwrap();
    assert_eq!(register.len(), 1);
    assert_eq!(register[0].cancelled.as_ref().map(|c| c.reason.as_str()), Some("Gửi nhầm địa chỉ"));
}
