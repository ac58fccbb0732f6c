//! `thads unit operations` lists each recorded operation with the custody money it handed over,
//! read back from its ledger entries: a province merged into another with money held for a
//! debtor in its books lists the hand-over from its books into the successor's.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::process::Command;

use serde_json::Value;
use thads_app::Actor;
use thads_app::money::receipts::{ReceiptInput, issue};
use thads_app::reorg::{MergeRequest, merge};
use thads_core::money::party::DebtorId;
use thads_core::money::receipt::PaymentMethod;
use thads_core::money::{ReceiptFor, Vnd};
use thads_core::{Rules, UnitCode, UnitKind, UnitTree};
use thads_store::{NewUnit, Store, Units as _};
use thads_store_sqlite::SqliteStore;
use thads_testkit::seed_units;
use time::macros::{date, datetime};

#[test]
fn the_operations_list_the_money_each_one_handed_over() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("thads.db");
    let store = SqliteStore::open(&file).unwrap();
    let u = seed_units(&store);
    let mut tx = store.begin().unwrap();
    let hn = tx
        .insert_unit(&NewUnit {
            code: UnitCode::new("HN").unwrap(),
            name: "Thi hành án dân sự thành phố Hà Nội".into(),
            kind: UnitKind::Province,
            parent: Some(u.national),
            valid_from: None,
            valid_to: None,
            successor: None,
        })
        .unwrap();
    tx.commit().unwrap();
    let (rules, actor) = (Rules::default(), Actor { login: "kt.bg".into(), at: datetime!(2025-12-05 09:00 +7) });
    let units = UnitTree::new(store.units().unwrap());
    let receipt = ReceiptInput {
        office: u.region1,
        paid_for: ReceiptFor::Debtor(DebtorId::new("024089001234").unwrap()),
        date: date!(2025 - 11 - 03),
        amount: Vnd::new(700_000).unwrap(),
        payer: "Phạm Văn Nợ".into(),
        method: PaymentMethod::Transfer,
    };
    issue(&store, &actor, &rules, &units, receipt).unwrap();
    let req =
        MergeRequest { into: "HN".into(), from: vec!["BG".into()], on: date!(2025 - 12 - 01), name: None, kind: None };
    let done = merge(&store, &actor, &rules, &req).unwrap();
    drop(store);

    let out = Command::new(env!("CARGO_BIN_EXE_thads"))
        .args(["--db", &file.display().to_string(), "unit", "operations"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    let op = &listed[0];
    assert_eq!(op["operation"]["id"], done.operation, "{listed}");
    let books = &op["books"][0];
    assert_eq!((books["from"].as_i64(), books["to"].as_i64()), (Some(u.province.0), Some(hn.0)), "{listed}");
    assert_eq!(books["holdings_vnd"].as_i64(), Some(700_000), "{listed}");
    assert_eq!(books["date"].as_str(), Some("2025-12-01"), "{listed}");
}
