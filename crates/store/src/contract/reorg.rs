//! Contract check of reorganisations (issue 23): operations round-trip with their unit
//! changes in the order of their dates; a unit's state is set; cases at a unit are listed;
//! case moves are recorded once per case and operation; people move with their unit.

use thads_core::reorg::{OpKind, UnitChange, UnitState};
use time::macros::{date, datetime};

use super::{ok, seed_case, seed_units, staff_member};
use crate::*;

pub fn reorganisations_round_trip_with_their_moves(store: &dyn Store) {
    let ids = seed_units(store);
    let a = seed_case(store, ids[2], "1/2025");
    let b = seed_case(store, ids[2], "2/2025");
    let officer = staff_member(store, ids[2], "chv.kv1", thads_core::Role::Officer);
    let mut tx = ok(store.begin());
    let kv1 = ok(tx.units()).into_iter().find(|u| u.id == ids[2]).map(|u| UnitState::of(&u));
    let Some(before) = kv1 else { panic!("unit written") };
    let after = UnitState { valid_to: Some(date!(2026 - 06 - 30)), successor: Some(ids[3]), ..before.clone() };
    ok(tx.set_unit_state(ids[2], &after));
    assert_eq!(ok(tx.cases_at(ids[2])).into_iter().map(|(c, _)| c).collect::<Vec<_>>(), vec![a, b]);
    let change = UnitChange { unit: ids[2], created: false, before: Some(before), after: after.clone() };
    let late = ok(tx.insert_reorg_operation(&NewReorgOperation {
        kind: OpKind::Merge,
        on: date!(2026 - 07 - 01),
        changes: vec![change.clone()],
        recorded_by: "admin".into(),
        recorded_at: datetime!(2026-07-02 08:00 UTC),
        cases_moved: 2,
        staff_moved: 1,
    }));
    let early = ok(tx.insert_reorg_operation(&NewReorgOperation {
        kind: OpKind::Rename,
        on: date!(2026 - 01 - 01),
        changes: vec![],
        recorded_by: "admin".into(),
        recorded_at: datetime!(2026-07-02 08:05 UTC),
        cases_moved: 0,
        staff_moved: 0,
    }));
    ok(tx.record_case_moves(late, date!(2026 - 07 - 01), &[(a, ids[2], ids[3]), (b, ids[2], ids[3])]));
    assert!(tx.record_case_moves(late, date!(2026 - 07 - 01), &[(a, ids[2], ids[3])]).is_err(), "once");
    drop(tx);
    // The refusal above left the transaction unusable on PostgreSQL: do it again, whole.
    let mut tx = ok(store.begin());
    ok(tx.set_unit_state(ids[2], &after));
    let late = ok(tx.insert_reorg_operation(&NewReorgOperation {
        kind: OpKind::Merge,
        on: date!(2026 - 07 - 01),
        changes: vec![change.clone()],
        recorded_by: "admin".into(),
        recorded_at: datetime!(2026-07-02 08:00 UTC),
        cases_moved: 2,
        staff_moved: 1,
    }));
    let _ = early;
    ok(tx.record_case_moves(late, date!(2026 - 07 - 01), &[(a, ids[2], ids[3]), (b, ids[2], ids[3])]));
    assert_eq!(ok(tx.move_staff(ids[2], ids[3])), 1);
    assert_eq!(ok(tx.moves_of_case(a)).len(), 1);
    assert_eq!(ok(tx.reorg_operations_tx()).len(), 1);
    ok(tx.commit());
    let ops = ok(store.reorg_operations());
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].operation.changes, vec![change]);
    assert_eq!((ops[0].operation.kind, ops[0].cases_moved, ops[0].recorded_by.as_str()), (OpKind::Merge, 2, "admin"));
    assert_eq!(ops[0].recorded_at, datetime!(2026-07-02 08:00 UTC));
    let moves = ok(store.case_moves());
    assert_eq!(
        moves.iter().map(|m| (m.case, m.from, m.to, m.on)).collect::<Vec<_>>(),
        vec![(a, ids[2], ids[3], date!(2026 - 07 - 01)), (b, ids[2], ids[3], date!(2026 - 07 - 01)),]
    );
    let units = ok(store.units());
    let kv1 = units.iter().find(|u| u.id == ids[2]);
    assert_eq!(kv1.map(|u| (u.valid_to, u.successor)), Some((Some(date!(2026 - 06 - 30)), Some(ids[3]))));
    assert_eq!(ok(store.staff()).into_iter().find(|s| s.id == officer).map(|s| s.unit), Some(ids[3]));
}

/// `move_all_cases`: every case of a unit moves in a few statements, with its move, its ledger
/// series (summed into the receiving unit's), its deadlines and deducted moves; a case number
/// the receiving unit holds is refused.
pub fn all_cases_of_a_unit_move_at_once(store: &dyn Store) {
    use thads_core::dates::MonthKey;
    use thads_core::ledger::{Dim, Measures, SeriesKey};
    let ids = seed_units(store);
    let (kv1, kv2) = (ids[2], ids[3]);
    let a = seed_case(store, kv1, "1/2025");
    let b = seed_case(store, kv1, "2/2025");
    let c = seed_case(store, kv2, "3/2025");
    let series = |unit| SeriesKey { unit, dim: Dim::Origin(thads_core::Origin::ChuDong) };
    let row = |unit, v: i64| {
        let mut m = Measures::default();
        m.0[0] = v;
        LedgerRow { series: series(unit), month: MonthKey(24_300), measures: m }
    };
    let mut tx = ok(store.begin());
    ok(tx.apply_ledger(&[row(kv1, 2), row(kv2, 1)]));
    ok(tx.commit());
    let version = |id| ok(store.case(id)).map(|c| c.version);
    let before = version(a);
    let mut tx = ok(store.begin());
    let op = ok(tx.insert_reorg_operation(&NewReorgOperation {
        kind: OpKind::Merge,
        on: date!(2026 - 07 - 01),
        changes: vec![],
        recorded_by: "admin".into(),
        recorded_at: datetime!(2026-07-02 08:00 UTC),
        cases_moved: 2,
        staff_moved: 0,
    }));
    // A delta held by the transaction moves too.
    ok(tx.apply_ledger(&[row(kv1, 4)]));
    assert_eq!(ok(tx.move_all_cases(op, date!(2026 - 07 - 01), kv1, kv2)), 2);
    assert!(ok(tx.cases_at(kv1)).is_empty());
    ok(tx.commit());
    let at = |id| ok(store.case(id)).map(|c| c.facts.unit);
    assert_eq!((at(a), at(b), at(c)), (Some(kv2), Some(kv2), Some(kv2)));
    assert_eq!(version(a), before.map(|v| v + 1), "its version moves on");
    let moves = ok(store.case_moves());
    assert_eq!(moves.iter().map(|m| (m.case, m.from, m.to)).collect::<Vec<_>>(), vec![(a, kv1, kv2), (b, kv1, kv2)]);
    let ledger = ok(store.ledger());
    assert!(ledger.iter().all(|r| r.series.unit != kv1), "no series left at the closed unit");
    let sum: i64 = ledger.iter().filter(|r| r.series == series(kv2)).map(|r| r.measures.0[0]).sum();
    assert_eq!(sum, 7, "summed figure by figure");
    // Back to KV1 and then a case numbered as one of KV2's: refused, nothing moved.
    let d = seed_case(store, kv1, "3/2025");
    let mut tx = ok(store.begin());
    assert!(matches!(tx.move_all_cases(op, date!(2026 - 08 - 01), kv1, kv2), Err(StoreError::Duplicate(_))));
    drop(tx);
    assert_eq!(at(d), Some(kv1));
}
