//! Contract checks of monthly closing and snapshots: one current closing per unit and month,
//! reopened with who, when and why; snapshots frozen with their cases and the marks of the
//! history, which find exactly the cases changed after them.

use thads_core::{CaseId, EventCode, MonthKey};
use time::macros::{date, datetime};

use super::{event, ok, seed_case, seed_units};
use crate::*;

pub fn months_close_once_and_reopen_with_a_reason(store: &dyn Store) {
    let ids = seed_units(store);
    let (march, april) = (MonthKey::of(date!(2026 - 03 - 01)), MonthKey::of(date!(2026 - 04 - 01)));
    let at = datetime!(2026-04-02 08:00 UTC);
    let mut tx = ok(store.begin());
    let first = ok(tx.close_month(ids[2], march, at, "tp.kv1", None));
    assert!(matches!(tx.close_month(ids[2], march, at, "tp.kv1", None), Err(StoreError::Duplicate(_))));
    // The transaction stays usable after the refusal, on both backends.
    ok(tx.close_month(ids[1], march, at, "tp.bg", None));
    ok(tx.commit());
    let mut tx = ok(store.begin());
    let mut closed = ok(tx.closed_in(&[march, april]));
    closed.sort();
    assert_eq!(closed, vec![(ids[1], march), (ids[2], march)]);
    assert_eq!(ok(tx.closed_in(&[april])), vec![]);
    let reopened = ok(tx.reopen_month(ids[2], march, datetime!(2026-04-03 09:00 UTC), "tp.kv1", "sai số liệu"));
    let Some(reopened) = reopened else { panic!("the month was closed") };
    assert_eq!((reopened.id, reopened.reopen_reason.as_deref()), (first, Some("sai số liệu")));
    assert_eq!(ok(tx.reopen_month(ids[2], march, at, "tp.kv1", "again")), None);
    assert_eq!(ok(tx.closed_in(&[march])), vec![(ids[1], march)]);
    // Closed again after reopening: a new closing, the old one kept.
    ok(tx.close_month(ids[2], march, datetime!(2026-04-04 10:00 UTC), "tp.kv1", None));
    ok(tx.commit());
    let history = ok(store.closings_of(&[ids[2]]));
    assert_eq!(history.len(), 2);
    assert!(history[0].is_closed() && !history[1].is_closed());
    assert_eq!(history[1].reopened_by.as_deref(), Some("tp.kv1"));
    assert_eq!(ok(store.closings_of(&[ids[3]])), vec![]);
}

pub fn snapshots_are_frozen_and_find_later_changes(store: &dyn Store) {
    let ids = seed_units(store);
    let a = seed_case(store, ids[2], "1/QĐ-CCTHADS");
    let b = seed_case(store, ids[2], "2/QĐ-CCTHADS");
    let mut tx = ok(store.begin());
    ok(tx.insert_events(&[event(a, date!(2025 - 10 - 10), EventCode::WithMeans, None)]));
    let marks = ok(tx.history_marks());
    let new = NewSnapshot {
        unit: ids[1],
        from: date!(2025 - 10 - 01),
        to: date!(2025 - 10 - 31),
        kind: SnapshotKind::Saved,
        taken_at: datetime!(2025-11-01 08:00 UTC),
        taken_by: "tk.bg",
        figures: r#"{"cases":{"accepted":2}}"#,
        report: "{}",
    };
    let cells = vec![(a, "{\"a\":1}".to_string()), (b, "{\"b\":2}".to_string())];
    let id = ok(tx.insert_snapshot(&new, marks, &cells));
    ok(tx.commit());
    let Some(head) = ok(store.snapshot(id)) else { panic!("snapshot {id} not stored") };
    assert_eq!(
        (head.unit, head.kind, head.marks, head.figures.as_str()),
        (ids[1], SnapshotKind::Saved, marks, new.figures)
    );
    assert_eq!((head.from, head.to, head.taken_by.as_str()), (new.from, new.to, "tk.bg"));
    assert_eq!(ok(store.snapshot_cases(id, &[b, CaseId(999)])), vec![(b, "{\"b\":2}".to_string())]);
    assert_eq!(ok(store.snapshots_of(&[ids[1]], 10)).len(), 1);
    assert_eq!(ok(store.snapshots_of(&[ids[2]], 10)), vec![]);
    assert_eq!(ok(store.cases_changed_between(marks, Marks::LIVE)), vec![]);
    // A later event of b and a new case c are found; a is not.
    let mut tx = ok(store.begin());
    ok(tx.insert_events(&[event(b, date!(2025 - 10 - 12), EventCode::WithMeans, None)]));
    ok(tx.commit());
    let c = seed_case(store, ids[3], "3/QĐ-CCTHADS");
    assert_eq!(ok(store.cases_changed_between(marks, Marks::LIVE)), vec![b, c]);
    let mut tx = ok(store.begin());
    let later = ok(tx.history_marks());
    ok(tx.commit());
    assert_eq!(ok(store.cases_changed_between(marks, later)), vec![b, c]);
    assert_eq!(ok(store.cases_changed_between(later, Marks::LIVE)), vec![]);
}
