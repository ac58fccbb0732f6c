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

/// A staff member is disabled and enabled again; sign-ins are kept, with or without a person,
/// and searched by the unit of their person (unknown logins only when no units are asked),
/// login, outcome and time, newest first.
pub fn staff_are_disabled_and_sign_ins_kept(store: &dyn Store) {
    let ids = seed_units(store);
    let an = staff_member(store, ids[2], "chv.an", Role::Officer);
    let binh = staff_member(store, ids[3], "chv.binh", Role::Officer);
    let mut tx = ok(store.begin());
    ok(tx.set_active(an, false));
    assert!(matches!(tx.set_active(StaffId(999_999), false), Err(StoreError::NotFound(_))));
    ok(tx.commit());
    let active = |id: StaffId| ok(store.staff()).into_iter().find(|s| s.id == id).is_some_and(|s| s.active);
    assert!(!active(an) && active(binh));
    let mut tx = ok(store.begin());
    ok(tx.set_active(an, true));
    ok(tx.commit());
    assert!(active(an));

    let at = |minute: i64| datetime!(2025-10-20 09:00 UTC) + time::Duration::minutes(minute);
    let sign_in = |minute, login: &str, staff, outcome| NewSignIn {
        at: at(minute),
        login: login.into(),
        staff,
        address: "10.0.0.7".into(),
        outcome,
    };
    let mut tx = ok(store.begin());
    ok(tx.insert_sign_in(&sign_in(1, "chv.an", Some(an), SignInOutcome::Refused)));
    ok(tx.insert_sign_in(&sign_in(2, "chv.an", Some(an), SignInOutcome::Ok)));
    ok(tx.insert_sign_in(&sign_in(3, "chv.binh", Some(binh), SignInOutcome::Locked)));
    ok(tx.insert_sign_in(&sign_in(4, "ai.do", None, SignInOutcome::Refused)));
    ok(tx.insert_sign_in(&sign_in(5, "chv.an", Some(an), SignInOutcome::Disabled)));
    assert!(matches!(
        tx.insert_sign_in(&sign_in(6, "x", Some(StaffId(999_999)), SignInOutcome::Ok)),
        Err(StoreError::NotFound(_))
    ));
    ok(tx.commit());
    let minutes = |q: SignInQuery| -> Vec<i64> {
        ok(store.sign_ins(&SignInQuery { limit: 10, ..q }))
            .into_iter()
            .map(|s| (s.at - at(0)).whole_minutes())
            .collect()
    };
    assert_eq!(minutes(SignInQuery::default()), [5, 4, 3, 2, 1]);
    assert_eq!(minutes(SignInQuery { units: Some(vec![ids[2]]), ..SignInQuery::default() }), [5, 2, 1]);
    assert_eq!(minutes(SignInQuery { units: Some(vec![ids[2], ids[3]]), ..SignInQuery::default() }), [5, 3, 2, 1]);
    assert_eq!(minutes(SignInQuery { login: Some("ai.do".into()), ..SignInQuery::default() }), [4]);
    let refused = SignInQuery { outcome: Some(SignInOutcome::Refused), ..SignInQuery::default() };
    assert_eq!(minutes(refused), [4, 1]);
    let window = SignInQuery { from: Some(at(2)), until: Some(at(4)), ..SignInQuery::default() };
    assert_eq!(minutes(window), [3, 2]);
    let first = ok(store.sign_ins(&SignInQuery { limit: 1, ..SignInQuery::default() }));
    assert_eq!(first.len(), 1);
    assert_eq!(
        (first[0].login.as_str(), first[0].staff, first[0].address.as_str(), first[0].outcome),
        ("chv.an", Some(an), "10.0.0.7", SignInOutcome::Disabled)
    );
}
