//! `thads case show`: a case taken in with its details shows them, as JSON and as text.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::process::Command;

use thads_app::Actor;
use thads_app::cases::intake::{Intake, take_in};
use thads_core::case::Judgment;
use thads_core::{CaseDetails, CaseNo, PartyId, Rules, UnitKind, field};
use thads_store_sqlite::SqliteStore;
use thads_testkit::{facts, seed_units};
use time::macros::{date, datetime};

#[test]
fn a_case_shows_its_details() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thads.db");
    let store = SqliteStore::open(&path).unwrap();
    let u = seed_units(&store);
    let details = CaseDetails {
        debtor_id: PartyId::parse("debtor_id", field::DEBTOR_ID, "024089001234").unwrap(),
        debtor_address: "Thôn Hạ, xã Tân Mỹ, Bắc Giang".into(),
        judgment: Some(Judgment {
            court: "TAND tỉnh Bắc Giang".into(),
            number: "88/2025/HS-ST".into(),
            date: date!(2025 - 08 - 20),
        }),
        ..CaseDetails::default()
    };
    let intake = Intake {
        facts: facts(u.region1, "0", date!(2025 - 11 - 03), 15_000_000),
        details,
        number: Some(CaseNo::new("47/QĐ-THADS").unwrap()),
        unit_kind: UnitKind::Region,
    };
    let actor = Actor { login: "vt.lan".into(), at: datetime!(2026-01-05 09:00 +7) };
    take_in(&store, &actor, &Rules::default(), intake).unwrap();
    drop(store);
    let show = |format: &str| {
        let db = path.to_str().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_thads"))
            .args(["--db", db, "case", "show", "BG-KV1", "47/QĐ-THADS", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&show("json")).unwrap();
    assert_eq!(json["details"]["debtor_id"], "024089001234");
    assert_eq!(json["details"]["judgment"]["number"], "88/2025/HS-ST");
    // The code the parties follow the case with on the public portal (issue 21).
    assert_eq!(json["lookup_code"].as_str().map(str::len), Some(11), "{json}");
    let text = show("text");
    assert!(text.contains("024089001234") && text.contains("88/2025/HS-ST ngày 20/08/2025"), "{text}");
}
