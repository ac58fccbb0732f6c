//! Contract checks of the ledger log (schema 33): each bump of the ledger generation leaves
//! one row under the generation it produced, with the change handed to the transaction or
//! none (reload); concurrent writers leave no gap and no duplicate; the snapshot of the ledger
//! is the ledger with its generation.

use thads_core::dates::MonthKey;
use thads_core::ledger::{Dim, Measures, SeriesKey};
use thads_core::{Origin, StaffId};

use super::{ok, seed_case, seed_units};
use crate::*;

fn logged(generation: i64, change: Option<&[u8]>) -> LoggedChange {
    LoggedChange { generation, change: change.map(<[u8]>::to_vec) }
}

pub fn each_bump_logs_its_change_under_its_generation(store: &dyn Store) {
    let ids = seed_units(store);
    let g0 = ok(store.ledger_state()).generation;
    let series = SeriesKey { unit: ids[2], dim: Dim::Origin(Origin::ChuDong) };
    let mut measures = Measures::default();
    measures.0[0] = 1;

    // A write of cases: its changes end to end, under the generation its bump produced.
    let mut tx = ok(store.begin());
    ok(tx.apply_ledger(&[LedgerRow { series, month: MonthKey(24_300), measures }]));
    let ticket = ok(tx.touch_ledger_with(b"\xc1first"));
    assert_eq!(ticket.generation(), None, "known once committed");
    ok(tx.touch_ledger_with(b"\xc1second"));
    ok(tx.commit());
    assert_eq!(ticket.generation(), Some(g0 + 1));
    assert_eq!(ok(store.ledger_state()).generation, g0 + 1, "one bump per transaction");
    assert_eq!(ok(store.ledger_log(g0, g0 + 1)), vec![logged(g0 + 1, Some(b"\xc1first\xc1second"))]);

    // A change and a plain touch: a reload, and the change's ticket never learns the
    // generation (the change is not all the transaction did). Two plain touches: one bump.
    let mut tx = ok(store.begin());
    let partial = ok(tx.touch_ledger_with(b"\xc1third"));
    ok(tx.touch_ledger());
    ok(tx.commit());
    assert_eq!(partial.generation(), None);
    let mut tx = ok(store.begin());
    ok(tx.set_ledger_rules("abc"));
    ok(tx.touch_ledger());
    ok(tx.commit());
    assert_eq!(ok(store.ledger_state()).generation, g0 + 3);

    // Untouched, or dropped: no bump, no row.
    seed_case(store, ids[2], "70/QĐ-THADS");
    let mut tx = ok(store.begin());
    ok(tx.touch_ledger_with(b"\xc1dropped"));
    drop(tx);
    assert_eq!(ok(store.ledger_state()).generation, g0 + 3);
    assert_eq!(
        ok(store.ledger_log(g0, g0 + 10)),
        vec![logged(g0 + 1, Some(b"\xc1first\xc1second")), logged(g0 + 2, None), logged(g0 + 3, None)]
    );
    assert_eq!(ok(store.ledger_log(g0 + 1, g0 + 2)), vec![logged(g0 + 2, None)], "(after, through]");
}

pub fn concurrent_bumps_log_every_generation_once(store: &dyn Store) {
    const WRITERS: u8 = 6;
    const EACH: u8 = 8;
    let g0 = ok(store.ledger_state()).generation;
    let tickets = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for w in 0..WRITERS {
            let tickets = &tickets;
            s.spawn(move || {
                for i in 0..EACH {
                    let change = [0xc1, w, i];
                    let mut tx = ok(store.begin());
                    let ticket = ok(tx.touch_ledger_with(&change));
                    ok(tx.commit());
                    tickets.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((ticket, change));
                }
            });
        }
    });
    let n = i64::from(WRITERS) * i64::from(EACH);
    assert_eq!(ok(store.ledger_state()).generation, g0 + n);
    let log = ok(store.ledger_log(g0, g0 + n));
    let generations: Vec<i64> = log.iter().map(|r| r.generation).collect();
    assert_eq!(generations, (g0 + 1..=g0 + n).collect::<Vec<_>>(), "no gap, no duplicate");
    for (ticket, change) in tickets.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
        let generation = ticket.generation().unwrap_or_else(|| panic!("a committed ticket has its generation"));
        let row = log.iter().find(|r| r.generation == generation).unwrap_or_else(|| panic!("row {generation}"));
        assert_eq!(row.change.as_deref(), Some(&change[..]), "each writer's change under its own generation");
    }
}

pub fn a_ledger_snapshot_is_the_ledger_and_its_generation(store: &dyn Store) {
    let ids = seed_units(store);
    seed_case(store, ids[2], "71/QĐ-THADS");
    let series = SeriesKey { unit: ids[2], dim: Dim::Officer(Some(StaffId(3))) };
    let mut measures = Measures::default();
    measures.0[2] = 5_000;
    let mut tx = ok(store.begin());
    ok(tx.apply_ledger(&[LedgerRow { series, month: MonthKey(24_301), measures }]));
    ok(tx.touch_ledger());
    ok(tx.commit());
    let mut snapshot = ok(store.ledger_snapshot());
    assert_eq!(snapshot.generation, ok(store.ledger_state()).generation);
    let (mut rows, mut cohorts) = (ok(store.ledger()), ok(store.case_cohorts()));
    for r in [&mut snapshot.rows, &mut rows] {
        r.sort_by_key(|r| (r.series, r.month));
    }
    for c in [&mut snapshot.cohorts, &mut cohorts] {
        c.sort_by_key(|c| (c.unit, c.accepted, c.closed));
    }
    assert_eq!(snapshot.rows, rows);
    assert_eq!(snapshot.deducted, ok(store.deducted_moves()));
    assert_eq!(snapshot.cohorts, cohorts);
    assert!(!snapshot.cohorts.is_empty());
}
