//! Contract checks of accounts: logins unique, passwords set and replaced, sessions that
//! expire, end one by one or all at once.

use thads_core::{Login, Role, StaffId};
use time::macros::datetime;

use super::{ok, seed_units, staff_member};
use crate::*;

pub fn staff_logins_are_unique(store: &dyn Store) {
    let ids = seed_units(store);
    let login = ok(Login::new("chv.an").map_err(|e| StoreError::Invalid(e.to_string())));
    let person = NewStaff { unit: ids[2], login, full_name: "Trần Văn An".into(), role: Role::Officer };
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_staff(&person));
    assert!(matches!(tx.insert_staff(&person), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    let staff = ok(store.staff());
    assert_eq!(staff.len(), 1);
    assert_eq!((staff[0].id, staff[0].role, staff[0].unit), (id, Role::Officer, ids[2]));
    assert!(staff[0].active);
}

pub fn passwords_and_sessions(store: &dyn Store) {
    let ids = seed_units(store);
    let staff = staff_member(store, ids[2], "thu.ky", Role::Clerk);
    let login = ok(Login::new("thu.ky").map_err(|e| StoreError::Invalid(e.to_string())));
    assert_eq!(ok(store.credentials(&login)), None, "no password yet");
    let now = datetime!(2025-10-20 09:00 UTC);
    let mut tx = ok(store.begin());
    ok(tx.set_password(staff, "$argon2id$first", now));
    ok(tx.set_password(staff, "$argon2id$second", now));
    ok(tx.update_staff(staff, ids[3], Role::Head));
    assert!(matches!(tx.set_password(StaffId(999_999), "x", now), Err(StoreError::NotFound(_))));
    ok(tx.commit());
    let creds = ok(store.credentials(&login)).unwrap_or_else(|| panic!("credentials missing"));
    assert_eq!(
        (creds.password_hash.as_str(), creds.staff.unit, creds.staff.role),
        ("$argon2id$second", ids[3], Role::Head)
    );
    let session = |hash: &str, hours: i64| NewSession {
        token_hash: hash.into(),
        staff,
        csrf: format!("csrf-{hash}"),
        created_at: now,
        expires_at: now + time::Duration::hours(hours),
    };
    let mut tx = ok(store.begin());
    ok(tx.insert_session(&session("a", 8)));
    ok(tx.insert_session(&session("b", 1)));
    ok(tx.insert_session(&session("c", 8)));
    assert!(matches!(tx.insert_session(&session("a", 8)), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    let live = ok(store.session("a", now + time::Duration::hours(2))).unwrap_or_else(|| panic!("session missing"));
    assert_eq!((live.staff.id, live.csrf.as_str()), (staff, "csrf-a"));
    assert_eq!(live.expires_at, now + time::Duration::hours(8));
    assert_eq!(ok(store.session("b", now + time::Duration::hours(2))), None, "expired");
    assert_eq!(ok(store.session("zz", now)), None);
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.delete_expired_sessions(now + time::Duration::hours(2))), 1);
    ok(tx.delete_session("a"));
    ok(tx.commit());
    assert_eq!(ok(store.session("a", now)), None, "signed out");
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.delete_sessions_of(staff)), 1);
    ok(tx.commit());
    assert_eq!(ok(store.session("c", now)), None);
}
