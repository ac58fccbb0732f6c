//! Test helpers: a fresh store (SQLite in a temporary directory, or a PostgreSQL database of
//! its own), and a small unit tree with cases to work on. Panics on set-up failure: these run
//! only in tests.
#![allow(clippy::expect_used, reason = "test set-up fails loudly")]

use thads_core::{
    CaseFacts, CaseNo, Categories, JudgmentType, Login, Origin, Role, StaffId, UnitCode, UnitId, UnitKind, Vnd,
};
use thads_store::{NewStaff, NewUnit, Store};
use thads_store_postgres::testing::{TEST_URL_VAR, fresh_store};
use thads_store_sqlite::SqliteStore;
use time::Date;

/// A new, empty, migrated SQLite store that deletes itself when dropped.
pub fn sqlite_store() -> SqliteStore {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = SqliteStore::open(&dir.path().join("thads.db")).expect("open SQLite store");
    store.with_guard(Box::new(dir))
}

/// The variable choosing the backend of tests that run on either: `sqlite` (the default) or
/// `postgres` (then `THADS_TEST_PG` must name a server).
pub const BACKEND_VAR: &str = "THADS_TEST_BACKEND";

/// A backend tests can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend chosen by `THADS_TEST_BACKEND`; an unknown name fails the test rather than
    /// quietly running on another backend.
    pub fn chosen() -> Backend {
        match std::env::var(BACKEND_VAR).as_deref().map(str::trim) {
            Err(_) | Ok("" | "sqlite") => Backend::Sqlite,
            Ok("postgres") => Backend::Postgres,
            Ok(other) => panic!("{BACKEND_VAR}={other}: expected sqlite or postgres"),
        }
    }

    /// A fresh store of this backend. PostgreSQL without `THADS_TEST_PG` fails: a test asked to
    /// run on PostgreSQL must not pass on nothing.
    pub fn fresh_store(self) -> Box<dyn Store> {
        match self {
            Backend::Sqlite => Box::new(sqlite_store()),
            Backend::Postgres => Box::new(
                fresh_store()
                    .expect("fresh PostgreSQL store")
                    .unwrap_or_else(|| panic!("{BACKEND_VAR}=postgres needs {TEST_URL_VAR}")),
            ),
        }
    }
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
