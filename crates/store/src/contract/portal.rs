//! Contract checks of the portal's records: one key made by the migration, a case's latest
//! rotation of its code, views logged in a batch and read newest first.

use thads_core::{CaseId, StaffId};
use time::macros::datetime;

use super::{ok, seed_case, seed_units};
use crate::*;

pub fn lookup_keys_rotations_and_views_round_trip(store: &dyn Store) {
    let ids = seed_units(store);
    let a = seed_case(store, ids[2], "1/QĐ-CCTHADS");
    let b = seed_case(store, ids[2], "2/QĐ-CCTHADS");
    let key = ok(store.portal_key());
    assert_eq!(key.len(), 64, "32 random bytes in hex");
    assert!(key.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(ok(store.portal_key()), key, "one key");
    assert_eq!(ok(store.lookup_nonce(a)), None);
    let mut tx = ok(store.begin());
    ok(tx.set_lookup_nonce(a, "n1", datetime!(2026-04-02 08:00 UTC), "cb.kv1"));
    ok(tx.set_lookup_nonce(a, "n2", datetime!(2026-04-03 08:00 UTC), "cb.kv1"));
    ok(tx.commit());
    assert_eq!(ok(store.lookup_nonce(a)).as_deref(), Some("n2"));
    assert_eq!(ok(store.lookup_nonce(b)), None);
    let view = |case: CaseId, at, via: &str| CaseViewEntry {
        case,
        at,
        unit: Some(ids[2]),
        staff: None::<StaffId>,
        role: "officer".into(),
        via: via.into(),
    };
    ok(store.log_case_views(&[]));
    ok(store.log_case_views(&[view(a, datetime!(2026-04-02 08:00 UTC), "page")]));
    ok(store.log_case_views(&[
        view(a, datetime!(2026-04-03 08:00 UTC), "api"),
        view(b, datetime!(2026-04-03 09:00 UTC), "export"),
    ]));
    // An export: many cases, the same moment and reader, one set-based write.
    ok(store.log_case_views(&[
        view(a, datetime!(2026-04-04 08:00 UTC), "export:worklist"),
        view(b, datetime!(2026-04-04 08:00 UTC), "export:worklist"),
    ]));
    let seen = ok(store.case_views(a, 10));
    assert_eq!(seen.iter().map(|v| v.via.as_str()).collect::<Vec<_>>(), ["export:worklist", "api", "page"]);
    assert_eq!(seen[0].unit, Some(ids[2]));
    assert_eq!(ok(store.case_views(a, 1)).len(), 1);
    assert_eq!(ok(store.case_views(b, 10)).len(), 2);
}
