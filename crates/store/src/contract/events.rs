//! Contract checks of histories: records are appended in order and read back exactly, scans
//! filter and stream every case with its records, and corrections and voids: a record is
//! superseded by at most one record, however the writes come (one by one, several in one write,
//! a bulk write, writers racing), so that two corrections of one record can never both count.
//! A second one is refused with `AlreadySuperseded`, naming the record.

use thads_core::{CaseId, Entry, EventCode, EventId, Vnd};
use time::macros::{date, datetime};

use super::{event, facts, new_case, ok, seed_case, seed_units};
use crate::*;

pub fn events_are_appended_in_order(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "2/QĐ-THADS");
    let mut tx = ok(store.begin());
    let first = ok(tx.insert_events(&[
        event(case, date!(2025 - 10 - 10), EventCode::WithMeans, None),
        event(case, date!(2025 - 10 - 12), EventCode::Collected, Some(1_500_000)),
    ]));
    ok(tx.commit());
    let mut tx = ok(store.begin());
    let fix = NewEvent {
        supersedes: Some(first[1]),
        note: "nhập sai số tiền".into(),
        ..event(case, date!(2025 - 10 - 12), EventCode::Collected, Some(1_600_000))
    };
    let void = NewEvent {
        entry: Entry::Void,
        supersedes: Some(first[0]),
        ..event(case, date!(2025 - 10 - 10), EventCode::WithMeans, None)
    };
    let later = ok(tx.insert_events(&[fix, void]));
    ok(tx.commit());
    let records = ok(store.records(case));
    let got: Vec<_> = records.iter().map(|r| r.id).collect();
    assert_eq!(got, vec![first[0], first[1], later[0], later[1]]);
    assert!(first[0] < first[1] && first[1] < later[0] && later[0] < later[1], "ids grow with insertion");
    assert_eq!(records[2].supersedes, Some(first[1]));
    assert_eq!(records[2].note, "nhập sai số tiền");
    assert_eq!(records[3].entry, Entry::Void);
    assert_eq!(records[0].recorded_at, datetime!(2025-10-20 09:30:15 UTC));
    assert_eq!(records[0].recorded_by, "chv.an");
    match &records[2].entry {
        Entry::Event(e) => assert_eq!(e.amount.map(Vnd::dong), Some(1_600_000)),
        Entry::Void => panic!("expected an event"),
    }
    let mut tx = ok(store.begin());
    let many = ok(tx.records_of(&[case, CaseId(424_242)]));
    assert_eq!(many.len(), 1);
    assert_eq!(many[0].1.len(), 4);
}

pub fn scans_filter_and_stream_histories(store: &dyn Store) {
    let ids = seed_units(store);
    let a = seed_case(store, ids[2], "7/QĐ-THADS");
    let b = seed_case(store, ids[3], "8/QĐ-THADS");
    let mut tx = ok(store.begin());
    let mut late = new_case(facts(ids[2], "9/QĐ-THADS", 1));
    late.facts.accepted_on = date!(2026 - 03 - 01);
    let c = ok(tx.insert_cases(&[late]))[0];
    ok(tx.insert_events(&[
        event(a, date!(2025 - 10 - 10), EventCode::NoMeans, None),
        event(b, date!(2025 - 10 - 11), EventCode::WithMeans, None),
    ]));
    ok(tx.commit());
    let scan = |filter: ScanFilter| {
        let mut seen = Vec::new();
        ok(store.scan_histories(&filter, &mut |h| {
            seen.push((h.case.id, h.records.len()));
            Ok(())
        }));
        seen
    };
    assert_eq!(scan(ScanFilter::default()), vec![(a, 1), (b, 1), (c, 0)]);
    assert_eq!(scan(ScanFilter { units: Some(vec![ids[2]]), accepted_to: None }), vec![(a, 1), (c, 0)]);
    assert_eq!(scan(ScanFilter { units: None, accepted_to: Some(date!(2025 - 12 - 31)) }), vec![(a, 1), (b, 1)]);
    let stop = store.scan_histories(&ScanFilter::default(), &mut |_| Err(StoreError::Invalid("stop".into())));
    assert!(matches!(stop, Err(StoreError::Invalid(_))), "a visitor's error ends the scan");
}

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
