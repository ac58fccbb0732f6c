//! Contract checks of units: a tree with successors, codes unique.

use thads_core::{UnitId, UnitKind};
use time::macros::date;

use super::{ok, seed_units, unit};
use crate::*;

pub fn units_form_a_tree(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    let merged = ok(tx.insert_unit(&NewUnit {
        valid_to: Some(date!(2025 - 06 - 30)),
        ..unit("BG-H1", UnitKind::District, Some(ids[1]))
    }));
    ok(tx.link_successor(merged, ids[2]));
    let seen = ok(tx.unit(merged)).map(|u| (u.code.to_string(), u.successor, u.valid_to));
    assert_eq!(
        seen,
        Some(("BG-H1".to_string(), Some(ids[2]), Some(date!(2025 - 06 - 30)))),
        "as the transaction sees it"
    );
    assert_eq!(ok(tx.unit(UnitId(i64::MAX))), None, "no such unit");
    ok(tx.commit());
    let units = ok(store.units());
    assert_eq!(units.len(), 5);
    let h1 = units.iter().find(|u| u.code.as_str() == "BG-H1").cloned();
    let h1 = h1.unwrap_or_else(|| panic!("BG-H1 missing"));
    assert_eq!((h1.parent, h1.successor, h1.valid_to), (Some(ids[1]), Some(ids[2]), Some(date!(2025 - 06 - 30))));
    assert_eq!(h1.kind, UnitKind::District);
    assert_eq!(h1.name, "Đơn vị BG-H1");
}

pub fn unit_codes_are_unique(store: &dyn Store) {
    seed_units(store);
    let mut tx = ok(store.begin());
    let again = tx.insert_unit(&unit("BG", UnitKind::Province, None));
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
}
