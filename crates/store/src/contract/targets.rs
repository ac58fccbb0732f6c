//! Contract check of targets: one per unit and year, replaced on demand.

use thads_core::ReportingYear;
use thads_core::percent::Percent;

use super::{ok, seed_units};
use crate::*;

pub fn targets_insert_and_replace(store: &dyn Store) {
    let ids = seed_units(store);
    let year = ok(ReportingYear::new(2023).map_err(|e| StoreError::Invalid(e.to_string())));
    let t = Target { unit: ids[1], year, cases: Percent(8280), money: Percent(4580) };
    let mut tx = ok(store.begin());
    ok(tx.insert_target(&t));
    assert!(matches!(tx.insert_target(&t), Err(StoreError::Duplicate(_))));
    let previous = ok(tx.set_target(&Target { cases: Percent(8300), ..t }));
    assert_eq!(previous, Some(t));
    ok(tx.commit());
    assert_eq!(ok(store.targets()), vec![Target { cases: Percent(8300), ..t }]);
}
