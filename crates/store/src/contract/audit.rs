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
    let mut tx = ok(store.begin());
    ok(tx.insert_audit(&NewAudit { action: "case.edit".into(), ..entry(4, "tp.ha", Some(case)) }));
    ok(tx.insert_audit(&NewAudit { action: "case.intake".into(), ..entry(0, "tp.hoa", Some(case)) }));
    ok(tx.insert_audit(&NewAudit { action: "case.edit".into(), ..entry(5, "tp.ha", None) }));
    ok(tx.commit());
    let of_case = ok(store.audit_of_case(case));
    let actors = |entries: &[AuditEntry]| entries.iter().map(|a| a.actor.clone()).collect::<Vec<_>>();
    assert_eq!(actors(&of_case), ["chv.an", "ke.toan", "tp.ha", "tp.hoa"]);
    let shown = ok(store.audit_of_case_actions(case, &["case.intake", "case.edit", "case.reassign"]));
    let actions: Vec<&str> = shown.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["case.edit", "case.intake"], "only those actions, of this case, in the order written");
    assert_eq!(shown[0].id, of_case[2].id);
    assert!(ok(store.audit_of_case_actions(case, &[])).is_empty());
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

/// Every append extends the hash chain: each entry follows the one before, its hash is its
/// columns', and the head names the last; appends from several transactions form one line.
pub fn audit_chain_links_every_append(store: &dyn Store) {
    assert_eq!(ok(check_chain(store, 2)), ChainCheck { entries: 0, head: None, fault: None });
    let ids = seed_audit_chain(store);
    let check = ok(check_chain(store, 2));
    assert_eq!(check.fault, None, "{check:?}");
    assert_eq!(check.entries, ids.len() as u64);
    let links = ok(store.audit_chain(0, 100));
    assert_eq!(links.iter().map(|l| l.id).collect::<Vec<_>>(), ids);
    assert_eq!(links[0].prev_hash, None);
    for pair in links.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash, "entry #{} follows #{}", pair[1].id, pair[0].id);
    }
    let head = ok(store.audit_chain_head());
    assert_eq!(head.map(|h| (h.id, h.hash)), ids.last().copied().zip(check.head));
    assert_eq!(links[0].unit, None, "a case's entry has no unit of its own");
    assert!(links[2].unit.is_some(), "a unit's entry keeps its own unit");
    // A dropped transaction leaves the chain and its head as they were.
    {
        let mut tx = ok(store.begin());
        ok(tx.insert_audit(&chain_entry(9, None)));
    }
    assert_eq!(ok(store.audit_chain_head()).map(|h| h.id), ids.last().copied());
    assert_eq!(ok(check_chain(store, 100)).fault, None);
    // Texts that an SQL literal must escape are kept as written, and the chain still holds.
    let awkward = NewAudit {
        actor: "o'brien\\x".into(),
        action: "case.edit".into(),
        before: Some("{\"note\":\"it's \\\\ E'\\'' $$ ); drop table audit; --\nTrần Thị Bích\"}".into()),
        after: Some("\\'".into()),
        ..chain_entry(10, None)
    };
    let mut tx = ok(store.begin());
    ok(tx.insert_audit(&awkward));
    ok(tx.commit());
    let kept = ok(store.audit_of_actor(&awkward.actor, 10));
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        (kept[0].before.as_deref(), kept[0].after.as_deref()),
        (awkward.before.as_deref(), awkward.after.as_deref())
    );
    let check = ok(check_chain(store, 100));
    assert_eq!((check.entries, check.fault), (ids.len() as u64 + 1, None));
    // Many entries in one transaction (a whole trail copied) link the same way.
    let mut tx = ok(store.begin());
    for minute in 0..150 {
        ok(tx.insert_audit(&chain_entry(20 + minute, None)));
    }
    ok(tx.commit());
    let check = ok(check_chain(store, 7));
    assert_eq!((check.entries, check.fault), (ids.len() as u64 + 151, None));
    let links = ok(store.audit_chain(0, 1_000));
    assert_eq!(ok(store.audit_chain_head()).map(|h| h.id), links.last().map(|l| l.id));
}

/// Five entries in three transactions (one of a case, one of a unit), for the chain's tests;
/// returns their ids in order.
pub fn seed_audit_chain(store: &dyn Store) -> Vec<i64> {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "8/QĐ-THADS");
    let mut tx = ok(store.begin());
    ok(tx.insert_audit(&chain_entry(1, Some(case))));
    ok(tx.insert_audit(&chain_entry(2, None)));
    ok(tx.commit());
    let mut tx = ok(store.begin());
    ok(tx.insert_unit_audit(&chain_entry(3, None), ids[3]));
    ok(tx.commit());
    let mut tx = ok(store.begin());
    ok(tx.insert_audit(&chain_entry(4, Some(case))));
    ok(tx.insert_audit(&chain_entry(5, None)));
    ok(tx.commit());
    ok(store.audit_chain(0, 100)).into_iter().map(|l| l.id).collect()
}

fn chain_entry(minute: i64, case: Option<thads_core::CaseId>) -> NewAudit {
    NewAudit {
        at: datetime!(2025-10-20 09:00 UTC) + time::Duration::minutes(minute),
        actor: "chv.an".into(),
        case,
        action: "event.add".into(),
        before: None,
        after: Some(format!("{{\"n\":{minute}}}")),
    }
}

/// What `check_chain` must say after the database was changed behind THADS's back.
pub fn audit_chain_names(store: &dyn Store, expected: ChainFault) {
    let check = ok(check_chain(store, 2));
    assert_eq!(check.fault, Some(expected), "{check:?}");
}

/// A change made to the trail behind THADS's back by someone with access to the database; each
/// backend's tests carry it out in SQL, lifting the append-only triggers first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tamper {
    /// `update audit set actor = …` (and `hash = …` when given) of the entry `id`.
    SetActor { id: i64, actor: String, hash: Option<String> },
    /// `delete from audit where id = …`.
    Delete { id: i64 },
    /// `insert into audit (at, actor, action) values (0, 'mallory', 'user.add')`: the next id.
    Insert,
}

/// How many tampering scenarios `tamper_scenario` knows.
pub const TAMPER_SCENARIOS: usize = 5;

/// Scenario `i` on a store seeded by `seed_audit_chain` (its ids `ids`): what to do, and the
/// fault `check_chain` must name.
pub fn tamper_scenario(i: usize, store: &dyn Store, ids: &[i64]) -> (Tamper, ChainFault) {
    let links = ok(store.audit_chain(0, 100));
    match i {
        0 => (Tamper::SetActor { id: ids[2], actor: "mallory".into(), hash: None }, ChainFault::Changed { id: ids[2] }),
        // The changed entry's hash recomputed too: the next entry no longer follows it.
        1 => {
            let mut forged = links[2].clone();
            forged.actor = "mallory".into();
            let hash = forged.expected_hash(links[1].hash.as_deref());
            (
                Tamper::SetActor { id: ids[2], actor: "mallory".into(), hash: Some(hash) },
                ChainFault::Broken { id: ids[3] },
            )
        }
        2 => (Tamper::Delete { id: ids[1] }, ChainFault::Broken { id: ids[2] }),
        3 => (Tamper::Delete { id: ids[4] }, ChainFault::Head { head_id: ids[4], last_id: Some(ids[3]) }),
        _ => (Tamper::Insert, ChainFault::Unsealed { id: ids[4] + 1 }),
    }
}
