//! Contract checks of the audit trail: kept per case (oldest first) and per actor (newest
//! first), searched by unit, case, actor, action and time.

use thads_core::UnitId;
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

/// An entry's unit is its own or its case's; the trail is searched by units (an entry of no
/// unit only when no units are asked), case, actor, action and time, newest first.
pub fn audit_is_searched_by_unit_actor_action_and_time(store: &dyn Store) {
    let ids = seed_units(store);
    let (k1, k2) = (ids[2], ids[3]);
    let case = seed_case(store, k1, "7/QĐ-THADS");
    let entry = |minute: i64, actor: &str, case, action: &str| NewAudit {
        at: datetime!(2025-10-20 09:00 UTC) + time::Duration::minutes(minute),
        actor: actor.into(),
        case,
        action: action.into(),
        before: None,
        after: Some("{\"role\":\"officer\"}".into()),
    };
    let mut tx = ok(store.begin());
    ok(tx.insert_audit(&entry(1, "chv.an", Some(case), "event.add")));
    ok(tx.insert_unit_audit(&entry(2, "admin", None, "user.add"), k2));
    ok(tx.insert_unit_audit(&entry(3, "admin", None, "target.set"), k1));
    ok(tx.insert_audit(&entry(4, "admin", None, "calendar.add")));
    ok(tx.commit());
    let actions = |q: AuditQuery| -> Vec<String> {
        ok(store.search_audit(&AuditQuery { limit: 10, ..q })).into_iter().map(|a| a.action).collect()
    };
    assert_eq!(actions(AuditQuery::default()), ["calendar.add", "target.set", "user.add", "event.add"]);
    assert_eq!(actions(AuditQuery { units: Some(vec![k1]), ..AuditQuery::default() }), ["target.set", "event.add"]);
    assert_eq!(actions(AuditQuery { units: Some(vec![k1, k2]), ..AuditQuery::default() }).len(), 3);
    assert!(actions(AuditQuery { units: Some(vec![]), ..AuditQuery::default() }).is_empty());
    assert_eq!(actions(AuditQuery { actor: Some("admin".into()), ..AuditQuery::default() }).len(), 3);
    assert_eq!(actions(AuditQuery { action: Some("user.add".into()), ..AuditQuery::default() }), ["user.add"]);
    assert_eq!(actions(AuditQuery { case: Some(case), ..AuditQuery::default() }), ["event.add"]);
    let from = Some(datetime!(2025-10-20 09:02 UTC));
    let until = Some(datetime!(2025-10-20 09:04 UTC));
    assert_eq!(actions(AuditQuery { from, until, ..AuditQuery::default() }), ["target.set", "user.add"]);
    assert_eq!(ok(store.search_audit(&AuditQuery { limit: 1, ..AuditQuery::default() })).len(), 1);
    let all = ok(store.search_audit(&AuditQuery { limit: 10, ..AuditQuery::default() }));
    let units: Vec<Option<UnitId>> = all.iter().map(|a| a.unit).collect();
    assert_eq!(units, [None, Some(k1), Some(k2), Some(k1)], "a case's entry has its case's unit");
    assert_eq!(ok(store.audit_of_case(case))[0].unit, Some(k1));
    assert_eq!(ok(store.audit_actions()), ["calendar.add", "event.add", "target.set", "user.add"]);
}
