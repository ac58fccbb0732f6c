//! Contract checks of writers racing on cases: no update is lost, one case number makes one
//! case.

use thads_core::CaseId;

use super::super::{facts, new_case, ok, seed_case, seed_units};
use crate::*;

/// Writers racing on one case: some read it without a lock and update with the version they
/// read (retrying on `Stale`), others lock it first (`case_for_update`, never stale). No update
/// may be lost: the final count is the number of successful updates.
pub fn concurrent_writers_never_lose_updates(store: &dyn Store) {
    const WRITERS: usize = 6;
    const EACH: u32 = 8;
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "11/QĐ-THADS");
    let stale = std::sync::atomic::AtomicU32::new(0);
    std::thread::scope(|s| {
        for w in 0..WRITERS {
            let stale = &stale;
            s.spawn(move || {
                for _ in 0..EACH {
                    if w % 2 == 0 {
                        increment_optimistically(store, case, stale)
                    } else {
                        increment_locked(store, case)
                    }
                }
            });
        }
    });
    let after = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
    let total = EACH * u32::try_from(WRITERS).unwrap_or(0);
    assert_eq!(after.event_count, total, "no update lost ({} stale retries)", stale.into_inner());
    assert_eq!(after.version, 1 + i64::from(total));
}

fn bumped(case: &thads_core::Case) -> CaseUpdate {
    CaseUpdate {
        facts: case.facts.clone(),
        current: case.current.clone(),
        last_event_on: case.last_event_on,
        event_count: case.event_count + 1,
    }
}

fn increment_optimistically(store: &dyn Store, case: CaseId, stale: &std::sync::atomic::AtomicU32) {
    loop {
        let read = ok(store.case(case)).unwrap_or_else(|| panic!("case missing"));
        let mut tx = ok(store.begin());
        match tx.update_case(case, read.version, &bumped(&read)) {
            Ok(v) => {
                assert_eq!(v, read.version + 1);
                return ok(tx.commit());
            }
            Err(StoreError::Stale { .. }) => {
                stale.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(e) => panic!("store error: {e:?}"),
        }
    }
}

fn increment_locked(store: &dyn Store, case: CaseId) {
    let mut tx = ok(store.begin());
    let read = ok(tx.case_for_update(case)).unwrap_or_else(|| panic!("case missing"));
    ok(tx.update_case(case, read.version, &bumped(&read)));
    ok(tx.commit());
}

/// Writers inserting the same case number at the same moment: exactly one case exists after,
/// one writer succeeded and every other one was told `Duplicate`.
pub fn concurrent_inserts_of_a_case_number_yield_one_case(store: &dyn Store) {
    const WRITERS: usize = 6;
    let ids = seed_units(store);
    let start = std::sync::Barrier::new(WRITERS);
    let outcomes: Vec<StoreResult<()>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|_| {
                s.spawn(|| {
                    start.wait();
                    let mut tx = store.begin()?;
                    tx.insert_cases(&[new_case(facts(ids[2], "12/QĐ-THADS", 5))])?;
                    tx.commit()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| panic!("writer panicked"))).collect()
    });
    let succeeded = outcomes.iter().filter(|o| o.is_ok()).count();
    let duplicates = outcomes.iter().filter(|o| matches!(o, Err(StoreError::Duplicate(_)))).count();
    assert_eq!((succeeded, duplicates), (1, WRITERS - 1), "{outcomes:?}");
    assert_eq!(ok(store.case_count()), 1);
}
