//! Events checked against each case's whole stored history: refused transitions (each bad row
//! listed), money beyond what is owed, unknown cases, impossible dates, repeats of stored
//! events, and backdated events across imports.

use thads_app::cases::view::find_case;
use thads_core::{CaseState, EventCode, Vnd};
use thads_store::Events;

use crate::support::*;

fn refused_events(rows: &str) -> Vec<thads_app::imports::Problem> {
    let store = seeded();
    let scratch = Scratch::new();
    refused(&store, scratch.file("events.csv", &format!("{EVENTS_HEADER}\n{rows}")))
}

#[test]
fn events_the_state_does_not_allow_are_listed_each_with_its_reason() {
    let found = refused_events(
        "BG-KV1,2/QĐ-THADS,01/03/2024,resumed,,\nBG-KV2,1/QĐ-THADS,01/04/2024,with_means,,\n\
         BG-KV2,1/QĐ-THADS,02/04/2024,resumed,,\nBG-KV2,1/QĐ-THADS,03/04/2024,collected,900.000.000.000,\n\
         BG-KV2,1/QĐ-THADS,04/04/2024,collected,1.000.000,\n",
    );
    assert_eq!(places(&found), [(Some(2), Some("event")), (Some(4), Some("event")), (Some(5), Some("amount_vnd"))]);
    assert!(found[0].reason.contains("the case closed on that day"), "{}", found[0].reason);
    assert!(found[1].reason.contains("not allowed in this state"), "{}", found[1].reason);
}

#[test]
fn money_beyond_what_is_owed_is_refused() {
    let found = refused_events("BG-KV1,1/QĐ-THADS,01/05/2024,collected,70.000.001 đ,\n");
    assert_eq!(places(&found), [(Some(2), Some("amount_vnd"))]);
    assert!(found[0].reason.contains("more than is still owed"), "{}", found[0].reason);
}

#[test]
fn events_of_unknown_cases_are_refused() {
    let found =
        refused_events("BG-KV1,99/QĐ-THADS,01/05/2024,with_means,,\nBG-KV1,99/QĐ-THADS,02/05/2024,no_means,,\n");
    assert_eq!(places(&found), [(Some(2), Some("case_no")), (Some(3), Some("case_no"))]);
    assert!(found[0].reason.contains("unknown case"));
}

#[test]
fn events_before_acceptance_or_in_the_future_are_refused() {
    let found = refused_events("BG-KV2,1/QĐ-THADS,14/03/2024,with_means,,\n");
    assert_eq!(places(&found), [(Some(2), Some("date"))]);
    assert!(found[0].reason.contains("before the case was accepted"));
    let found = refused_events("BG-KV2,1/QĐ-THADS,23/11/2026,with_means,,\n");
    assert_eq!(places(&found), [(Some(2), Some("date"))]);
    assert!(found[0].reason.contains("in the future"));
}

#[test]
fn unknown_event_codes_and_misplaced_amounts_are_refused() {
    let found = refused_events(
        "BG-KV2,1/QĐ-THADS,01/04/2024,paid,5,\nBG-KV2,1/QĐ-THADS,01/04/2024,collected,,\n\
         BG-KV2,1/QĐ-THADS,01/04/2024,with_means,5,\nBG-KV2,1/QĐ-THADS,01/04/2024,postponed,,48 1 c\n",
    );
    let want = [
        (Some(2), Some("event")),
        (Some(3), Some("amount_vnd")),
        (Some(4), Some("amount_vnd")),
        (Some(5), Some("ground")),
    ];
    assert_eq!(places(&found), want);
}

#[test]
fn an_event_already_stored_is_refused_as_a_duplicate() {
    let found = refused_events("BG-KV1,1/QĐ-THADS,2024-03-01,collected,20.000.000,\n");
    assert_eq!(places(&found), [(Some(2), None)]);
    assert!(found[0].reason.contains("already recorded"));
}

#[test]
fn a_backdated_event_that_fits_the_later_history_lands() {
    let store = seeded();
    let scratch = Scratch::new();
    let file =
        scratch.file("events.csv", &format!("{EVENTS_HEADER}\nBG-KV1,1/QĐ-THADS,15/02/2024,collected,10.000.000,\n"));
    assert!(import(&store, &[file])[0].outcome.is_imported());
    let (_, case) = find_case(&store, "BG-KV1", "1/QĐ-THADS").unwrap();
    assert_eq!(case.current.outstanding, Vnd::new(60_000_000).unwrap());
    assert_eq!(case.event_count, 4);
    let history = thads_core::event::effective_events(&store.records(case.id).unwrap());
    let codes: Vec<_> = history.iter().map(|(_, e)| (e.date.day(), e.code)).collect();
    assert_eq!(codes[1], (15, EventCode::Collected), "the backdated event sits by its date");
    assert_ledger_is_recomputed(&store);
}

#[test]
fn a_backdated_event_that_breaks_a_later_stored_one_is_refused() {
    let found = refused_events("BG-KV1,1/QĐ-THADS,15/02/2024,collected,100.000.000,\n");
    assert_eq!(places(&found), [(Some(2), Some("date"))]);
    assert!(found[0].reason.contains("makes a later recorded event invalid"), "{}", found[0].reason);
}

#[test]
fn histories_grow_over_several_imports_with_the_ledger_kept() {
    let store = seeded();
    let scratch = Scratch::new();
    let files = [
        "BG-KV2,1/QĐ-THADS,01/05/2024,with_means,,\nBG-KV2,1/QĐ-THADS,02/05/2024,postponed,,48.1.c\n",
        "BG-KV2,1/QĐ-THADS,10/05/2024,resumed,,\nBG-KV1,1/QĐ-THADS,2024-06-01,collected,70.000.000,\n",
        "BG-KV1,1/QĐ-THADS,2024-06-02,completed,,\nBG-KV2,1/QĐ-THADS,11/05/2024,collected,761.546.547.000 đồng,\n",
    ];
    for (i, rows) in files.iter().enumerate() {
        let file = scratch.file(&format!("{i}_events.csv"), &format!("{EVENTS_HEADER}\n{rows}"));
        let reports = import(&store, &[file]);
        assert!(reports[0].outcome.is_imported(), "{reports:#?}");
        assert_ledger_is_recomputed(&store);
    }
    let (_, case) = find_case(&store, "BG-KV1", "1/QĐ-THADS").unwrap();
    assert_eq!(case.current.state, CaseState::Closed(thads_core::Closing::Completed));
    let (_, case) = find_case(&store, "BG-KV2", "1/QĐ-THADS").unwrap();
    assert!(case.current.outstanding.is_zero());
}

/// A `collected` event imported on a case whose money is in the custody books gives it no
/// `payout` row in the deadlines table (the books keep its payout limit); on a case outside the
/// books it does, as before.
#[test]
fn an_imported_collection_on_a_case_in_the_books_gives_it_no_payout_row() {
    use thads_app::money::receipts::{ReceiptInput, issue};
    use thads_core::money::ReceiptFor;
    use thads_core::money::receipt::PaymentMethod;
    use thads_store::{DeadlineQuery, Deadlines, Units};
    use time::macros::date;

    let store = seeded();
    let (unit, books) = find_case(&store, "BG-KV1", "1/QĐ-THADS").unwrap();
    let (_, outside) = find_case(&store, "BG-KV2", "1/QĐ-THADS").unwrap();
    let units = thads_core::UnitTree::new(store.units().unwrap());
    let receipt = ReceiptInput {
        office: unit.id,
        paid_for: ReceiptFor::Case(books.id),
        date: date!(2026 - 11 - 10),
        amount: Vnd::new(1_000_000).unwrap(),
        payer: "Nguyễn Văn An".into(),
        method: PaymentMethod::Cash,
    };
    issue(&store, &actor(), &thads_core::Rules::default(), &units, receipt).unwrap();
    let scratch = Scratch::new();
    let rows = "BG-KV1,1/QĐ-THADS,15/11/2026,collected,2.000.000,\n\
                BG-KV2,1/QĐ-THADS,14/11/2026,with_means,,\nBG-KV2,1/QĐ-THADS,15/11/2026,collected,2.000.000,\n";
    let reports = import(&store, &[scratch.file("events.csv", &format!("{EVENTS_HEADER}\n{rows}"))]);
    assert!(reports.iter().all(|r| r.outcome.is_imported()), "{reports:#?}");
    let payouts = |case| {
        let query = DeadlineQuery { case: Some(case), ..DeadlineQuery::on(date!(2026 - 11 - 15)) };
        store.deadlines(&query).unwrap().iter().filter(|r| r.kind.code() == "payout").count()
    };
    assert_eq!(payouts(books.id), 0, "the books keep its payout limit");
    assert_eq!(payouts(outside.id), 1, "outside the books, the event's");
    assert_eq!(store.records(books.id).unwrap().len(), 5, "the receipt's event and the imported one");
}
