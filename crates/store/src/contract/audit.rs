//! Contract check of the audit trail: kept per case (oldest first) and per actor (newest
//! first).

use time::macros::datetime;

use super::{ok, seed_case, seed_units};
use crate::*;

pub fn audit_is_kept_per_case_and_actor(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "6/QĐ-THADS");
    let entry = |minute: u8, actor: &str, case| NewAudit {
        at: datetime!(2025-10-20 09:00 UTC) + time::Duration::minutes(i64::from(minute)),
        actor: actor.into(),
        case,
        action: "event.add".into(),
        before: Some("{\"state\":\"opened\"}".into()),
        after: Some("{\"state\":\"with_means\"}".into()),
    };
    let mut tx = ok(store.begin());
    ok(tx.insert_audit(&entry(1, "chv.an", Some(case))));
    ok(tx.insert_audit(&entry(2, "chv.an", None)));
    ok(tx.insert_audit(&entry(3, "ke.toan", Some(case))));
    ok(tx.commit());
    let of_case = ok(store.audit_of_case(case));
    assert_eq!(of_case.iter().map(|a| a.actor.as_str()).collect::<Vec<_>>(), ["chv.an", "ke.toan"]);
    assert_eq!(of_case[0].before.as_deref(), Some("{\"state\":\"opened\"}"));
    let of_actor = ok(store.audit_of_actor("chv.an", 10));
    assert_eq!(of_actor.len(), 2);
    assert!(of_actor[0].at > of_actor[1].at, "newest first");
    assert_eq!(ok(store.audit_of_actor("chv.an", 1)).len(), 1);
}
