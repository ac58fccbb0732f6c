//! Corrections and voids: a record is superseded by at most one record, however the writes
//! come (one by one, several in one write, a bulk write, writers racing), so that two
//! corrections of one record can never both count. A second one is refused with
//! `AlreadySuperseded`, naming the record.

use thads_core::{CaseId, Entry, EventCode, EventId};
use time::macros::date;

use super::{event, ok, seed_case, seed_units};
use crate::*;

fn collected(case: CaseId, amount: i64) -> NewEvent {
    event(case, date!(2025 - 10 - 12), EventCode::Collected, Some(amount))
}

fn correction(case: CaseId, target: EventId, amount: i64) -> NewEvent {
    NewEvent { supersedes: Some(target), note: "sai số tiền".into(), ..collected(case, amount) }
}

fn void(case: CaseId, target: EventId) -> NewEvent {
    NewEvent { entry: Entry::Void, supersedes: Some(target), note: "nhập nhầm".into(), ..collected(case, 1) }
}

/// Appends `events` in a transaction of their own.
fn append(store: &dyn Store, events: &[NewEvent]) -> StoreResult<Vec<EventId>> {
    let mut tx = store.begin()?;
    let ids = tx.insert_events(events)?;
    tx.commit()?;
    Ok(ids)
}

fn refused_for(result: StoreResult<Vec<EventId>>, target: EventId, what: &str) {
    match result {
        Err(StoreError::AlreadySuperseded { record }) => assert_eq!(record, target, "{what}"),
        other => panic!("{what}: expected AlreadySuperseded, got {other:?}"),
    }
}

pub fn a_record_is_superseded_once(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "21/QĐ-THADS");
    let first = ok(append(store, &[collected(case, 123), collected(case, 456)]));
    let fixed = ok(append(store, &[correction(case, first[0], 1_000)]));
    refused_for(append(store, &[correction(case, first[0], 2_000)]), first[0], "a second correction");
    refused_for(append(store, &[void(case, first[0])]), first[0], "a void of a corrected record");
    ok(append(store, &[void(case, fixed[0])]));
    refused_for(append(store, &[correction(case, first[1], 1), void(case, first[1])]), first[1], "two in one write");
    // Enough rows for a backend's bulk path (PostgreSQL copies 64 and more).
    let mut many: Vec<NewEvent> = (0..70).map(|i| collected(case, i + 1)).collect();
    many.extend([correction(case, first[1], 7), correction(case, first[1], 8)]);
    refused_for(append(store, &many), first[1], "two in a bulk write");
    let records = ok(store.records(case));
    assert_eq!(records.len(), 4, "nothing of the refused writes was kept");
    assert_eq!(records.iter().filter(|r| r.supersedes == Some(first[0])).count(), 1);
}

/// Writers superseding the same record at the same moment: one succeeds, every other one is
/// told `AlreadySuperseded` (on PostgreSQL they wait for the first to commit, then fail).
pub fn concurrent_supersessions_of_a_record_leave_one(store: &dyn Store) {
    const WRITERS: usize = 6;
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "22/QĐ-THADS");
    let target = ok(append(store, &[collected(case, 123)]))[0];
    let start = std::sync::Barrier::new(WRITERS);
    let outcomes: Vec<StoreResult<Vec<EventId>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let start = &start;
                s.spawn(move || {
                    let new = if w == 0 { void(case, target) } else { correction(case, target, 1_000 * w as i64) };
                    start.wait();
                    append(store, &[new])
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| panic!("writer panicked"))).collect()
    });
    let succeeded = outcomes.iter().filter(|o| o.is_ok()).count();
    let refused = outcomes
        .iter()
        .filter(|o| matches!(o, Err(StoreError::AlreadySuperseded { record }) if *record == target))
        .count();
    assert_eq!((succeeded, refused), (1, WRITERS - 1), "{outcomes:?}");
    assert_eq!(ok(store.records(case)).len(), 2);
}
