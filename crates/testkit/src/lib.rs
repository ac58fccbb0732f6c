//! Test helpers: a fresh SQLite store in a temporary directory, and a small unit tree with
//! cases to work on. Panics on set-up failure: these run only in tests.
#![allow(clippy::expect_used, reason = "test set-up fails loudly")]

use thads_core::{
    CaseFacts, CaseNo, Categories, JudgmentType, Login, Origin, Role, StaffId, UnitCode, UnitId, UnitKind, Vnd,
};
use thads_store::{NewStaff, NewUnit, Store};
use thads_store_sqlite::SqliteStore;
use time::Date;

/// A new, empty, migrated SQLite store that deletes itself when dropped.
pub fn sqlite_store() -> SqliteStore {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = SqliteStore::open(&dir.path().join("thads.db")).expect("open SQLite store");
    store.with_guard(Box::new(dir))
}

/// The units of a small province: VN → BG → BG-KV1, BG-KV2.
#[derive(Debug, Clone, Copy)]
pub struct Units {
    pub national: UnitId,
    pub province: UnitId,
    pub region1: UnitId,
    pub region2: UnitId,
}

pub fn seed_units(store: &dyn Store) -> Units {
    let mut tx = store.begin().expect("begin");
    let mut add = |code: &str, name: &str, kind, parent| {
        tx.insert_unit(&NewUnit {
            code: UnitCode::new(code).expect("unit code"),
            name: name.to_string(),
            kind,
            parent,
            valid_from: None,
            valid_to: None,
            successor: None,
        })
        .expect("insert unit")
    };
    let national = add("VN", "Cục Quản lý Thi hành án dân sự", UnitKind::National, None);
    let province = add("BG", "Thi hành án dân sự tỉnh Bắc Giang", UnitKind::Province, Some(national));
    let region1 = add("BG-KV1", "Phòng Thi hành án dân sự khu vực 1", UnitKind::Region, Some(province));
    let region2 = add("BG-KV2", "Phòng Thi hành án dân sự khu vực 2", UnitKind::Region, Some(province));
    tx.commit().expect("commit");
    Units { national, province, region1, region2 }
}

pub fn seed_officer(store: &dyn Store, unit: UnitId, login: &str, name: &str) -> StaffId {
    let mut tx = store.begin().expect("begin");
    let id = tx
        .insert_staff(&NewStaff {
            unit,
            login: Login::new(login).expect("login"),
            full_name: name.into(),
            role: Role::Officer,
        })
        .expect("insert staff");
    tx.commit().expect("commit");
    id
}

/// Facts of a money case accepted on `accepted_on`.
pub fn facts(unit: UnitId, case_no: &str, accepted_on: Date, amount: i64) -> CaseFacts {
    CaseFacts {
        unit,
        case_no: CaseNo::new(case_no).expect("case number"),
        accepted_on,
        origin: Origin::TheoYeuCau,
        received_by_delegation: false,
        judgment_type: JudgmentType::DanSu,
        categories: Categories::empty(),
        amount: Vnd::new(amount).expect("amount"),
        debtor: "Nguyễn Văn An".into(),
        creditor: "Ngân hàng TMCP Á Châu".into(),
        officer: None,
    }
}
