//! Contract checks of money in custody: receipt numbers taken by concurrent writers have no
//! gap and no duplicate and a rolled-back receipt gives its number back; entries round trip
//! with their postings and are append-only (a second reversal of an entry is refused); a day
//! is closed once; the sums the money check reads; which cases are in the books.

use thads_core::CaseId;
use thads_core::money::custody::{Account, Document, Head, LedgerEntry, Party, receipt_entry, reversal};
use thads_core::money::party::DebtorId;
use time::macros::{date, datetime};

use super::{ok, seed_case, seed_units};
use crate::*;

fn receipt(unit: thads_core::UnitId, case: Option<CaseId>, amount: i64) -> NewReceipt {
    NewReceipt {
        unit,
        office: unit,
        date: date!(2025 - 11 - 03),
        amount,
        payer: "Nguyễn Văn An".into(),
        method: "cash".into(),
        case,
        debtor: case.is_none().then(|| "079090001234".to_string()),
        by: "ke.toan".into(),
        at: datetime!(2025-11-03 09:00 +7),
    }
}

pub fn receipt_numbers_of_concurrent_writers_have_no_gap_and_no_duplicate(store: &dyn Store) {
    const WRITERS: usize = 8;
    const EACH: usize = 6;
    let ids = seed_units(store);
    let province = ids[1];
    std::thread::scope(|s| {
        for w in 0..WRITERS {
            s.spawn(move || {
                for i in 0..EACH {
                    let mut tx = ok(store.begin());
                    let (number, _) = ok(tx.take_receipt_number(province, 2025));
                    let id = ok(tx.insert_receipt(2025, number, &receipt(province, None, 1_000), None));
                    if (w + i) % 5 == 4 {
                        // Rolled back: the number is given back, not lost.
                        drop(tx);
                        continue;
                    }
                    assert!(id > 0);
                    ok(tx.commit());
                }
            });
        }
    });
    let numbers = ok(store.receipt_numbers(province, 2025));
    let committed = (0..WRITERS).flat_map(|w| (0..EACH).map(move |i| (w, i))).filter(|(w, i)| (w + i) % 5 != 4).count();
    let expected: Vec<u32> = (1..=u32::try_from(committed).unwrap_or(0)).collect();
    assert_eq!(numbers, expected, "from 1, no gap, no duplicate");
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.take_receipt_number(province, 2026)), (1, Some(2025)), "a new year starts at 1");
}

pub fn entries_round_trip_and_are_reversed_once(store: &dyn Store) {
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "31/QĐ-THADS");
    assert_eq!(ok(store.last_entry_id()), 0, "no entry yet");
    let mut tx = ok(store.begin());
    let (number, _) = ok(tx.take_receipt_number(ids[1], 2025));
    let id = ok(tx.insert_receipt(2025, number, &receipt(ids[1], Some(case), 500_000), None));
    let head = Head { unit: ids[1], date: date!(2025 - 11 - 03), document: Document::Receipt(id) };
    let amount = ok(thads_core::Vnd::new(500_000).map_err(|e| StoreError::Invalid(e.to_string())));
    let entry =
        ok(receipt_entry(head, Account::Cash, Party::Case(case), amount)
            .map_err(|e| StoreError::Invalid(e.to_string())));
    let entry_id = ok(tx.insert_entry(&entry, datetime!(2025-11-03 09:00 +7)));
    let debtor = ok(DebtorId::new("079090001234").map_err(|e| StoreError::Invalid(e.to_string())));
    let held = receipt_entry(
        Head { document: Document::Receipt(id + 1000), ..head },
        Account::Bank,
        Party::Debtor(debtor),
        amount,
    );
    ok(tx.insert_entry(&ok(held.map_err(|e| StoreError::Invalid(e.to_string()))), datetime!(2025-11-03 09:00 +7)));
    ok(tx.commit());

    assert!(ok(store.last_entry_id()) > entry_id.0, "the later of the two entries");
    let stored = ok(store.case_entries(case));
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, entry_id);
    let own: Vec<_> = entry.postings.iter().filter(|p| p.party == Party::Case(case)).cloned().collect();
    assert_eq!(
        stored[0].entry,
        LedgerEntry { postings: own, ..entry.clone() },
        "the case's postings, document, unit, date"
    );
    let whole = ok(store.unit_entries(ids[1], date!(2025 - 11 - 01), date!(2025 - 11 - 30)));
    assert_eq!(whole.iter().find(|r| r.id == entry_id).map(|r| &r.entry), Some(&entry), "whole in the unit's books");
    assert_eq!(ok(store.unit_entries(ids[1], date!(2025 - 11 - 01), date!(2025 - 11 - 30))).len(), 2);
    let outside = seed_case(store, ids[2], "32/QĐ-THADS");
    let asked = [outside, case, CaseId(case.0 + 1_000), case];
    assert_eq!(ok(store.cases_in_books(&asked)), [case], "only the case with postings, once");
    assert!(ok(store.cases_in_books(&[])).is_empty());
    let mut tx = ok(store.begin());
    assert_eq!(ok(tx.cases_in_books_tx(&asked)), [case]);
    assert_eq!(ok(tx.debtor_entries(ids[1], "079090001234")).len(), 1);
    let original = whole.iter().find(|r| r.id == entry_id).unwrap_or(&stored[0]);
    let back = reversal(original, original.entry.unit, date!(2025 - 11 - 04));
    ok(tx.insert_entry(&back, datetime!(2025-11-04 09:00 +7)));
    assert!(tx.insert_entry(&back, datetime!(2025-11-04 09:00 +7)).is_err(), "an entry is reversed once");
    drop(tx);

    let sums = ok(store.posting_sums(&[]));
    assert_eq!(sums.len(), 1);
    assert_eq!((sums[0].case, sums[0].amount), (case, 500_000));
    let docs = ok(store.document_sums(&[ids[2]]));
    assert_eq!(docs, vec![(case, CaseDocumentSums { receipts: 500_000, ..CaseDocumentSums::default() })]);
    assert!(ok(store.document_sums(&[ids[3]])).is_empty(), "another unit's cases");
}

pub fn a_day_is_closed_once(store: &dyn Store) {
    let ids = seed_units(store);
    let closing = DayClosing {
        unit: ids[1],
        date: date!(2025 - 11 - 03),
        by: "ke.toan".into(),
        at: datetime!(2025-11-03 17:00 +7),
    };
    let mut tx = ok(store.begin());
    assert!(!ok(tx.day_closed(ids[1], closing.date)));
    ok(tx.close_day(&closing));
    assert!(matches!(tx.close_day(&closing), Err(StoreError::Duplicate(_))));
    assert!(ok(tx.day_closed(ids[1], closing.date)));
    ok(tx.commit());
    assert_eq!(ok(store.closings(ids[1])), vec![closing]);
}

pub fn statements_keep_their_lines_and_match_a_document_once(store: &dyn Store) {
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    let (number, _) = ok(tx.take_receipt_number(ids[1], 2025));
    let receipt_id = ok(tx.insert_receipt(2025, number, &receipt(ids[1], None, 1_500_000), None));
    ok(tx.commit());
    let line = |row: u32, receipt: Option<i64>| StatementLineRow {
        row,
        date: date!(2025 - 11 - 03),
        direction: "in".into(),
        amount: 1_500_000,
        reference: "NỘP TIỀN THA".into(),
        receipt,
        payout: None,
    };
    let statement = NewStatement {
        unit: ids[1],
        lines: vec![line(2, Some(receipt_id)), line(3, None)],
        by: "ke.toan".into(),
        at: datetime!(2025-11-04 09:00 +7),
    };
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_statement(&statement));
    assert_eq!(ok(tx.matched_documents(ids[1])), (vec![receipt_id], vec![]));
    ok(tx.commit());
    let stored = ok(store.statement(id)).unwrap_or_else(|| panic!("statement {id} not found"));
    assert_eq!(stored.statement, statement, "lines, unit, who and when round trip");
    assert_eq!(ok(store.statements(ids[1], 10)).len(), 1);
    assert!(ok(store.statements(ids[2], 10)).is_empty(), "another unit's books");
    let mut tx = ok(store.begin());
    let twice = NewStatement { lines: vec![line(2, Some(receipt_id))], ..statement };
    assert!(matches!(tx.insert_statement(&twice), Err(StoreError::Duplicate(_))), "a receipt matches one line");
}

pub fn notices_and_savings_deposits_round_trip_with_their_entries(store: &dyn Store) {
    use thads_core::money::custody::{deposit_entry, interest_entry};
    let ids = seed_units(store);
    let case = seed_case(store, ids[2], "41/QĐ-THADS");
    let vnd = |d: i64| ok(thads_core::Vnd::new(d).map_err(|e| StoreError::Invalid(e.to_string())));
    let notice = NewNotice {
        unit: ids[1],
        case,
        date: date!(2025 - 11 - 20),
        how: "post".into(),
        payee: "Trần Thị Bình".into(),
        address: Some("12 Lê Lợi, phường Bến Thành".into()),
        by: "ke.toan".into(),
        at: datetime!(2025-11-20 09:00 +7),
    };
    let mut tx = ok(store.begin());
    let (number, _) = ok(tx.take_receipt_number(ids[1], 2025));
    let receipt_id = ok(tx.insert_receipt(2025, number, &receipt(ids[1], Some(case), 900_000), None));
    let head = Head { unit: ids[1], date: date!(2025 - 11 - 03), document: Document::Receipt(receipt_id) };
    let entry = receipt_entry(head, Account::Bank, Party::Case(case), vnd(900_000));
    ok(tx.insert_entry(&ok(entry.map_err(|e| StoreError::Invalid(e.to_string()))), notice.at));
    let notice_id = ok(tx.insert_notice(&notice));
    let deposit = NewDeposit {
        unit: ids[1],
        case,
        date: date!(2025 - 12 - 08),
        bank: "Vietcombank chi nhánh Sài Gòn".into(),
        passbook: "TK-0012/2025".into(),
        amount: 600_000,
        notice: Some(notice_id),
        by: "ke.toan".into(),
        at: datetime!(2025-12-08 09:00 +7),
    };
    let deposit_id = ok(tx.insert_deposit(&deposit));
    let head = Head { unit: ids[1], date: deposit.date, document: Document::Deposit(deposit_id) };
    let put = deposit_entry(head, case, Account::Bank, vnd(600_000));
    ok(tx.insert_entry(&ok(put.map_err(|e| StoreError::Invalid(e.to_string()))), deposit.at));
    let interest = interest_entry(Head { date: date!(2026 - 01 - 08), ..head }, case, vnd(1_500));
    ok(tx.insert_entry(&ok(interest.map_err(|e| StoreError::Invalid(e.to_string()))), deposit.at));
    assert_eq!(ok(tx.document_entries("deposit", deposit_id)).len(), 2, "the deposit's entries");
    ok(tx.commit());

    assert_eq!(ok(store.notices(case)), vec![NoticeRecord { id: notice_id, notice }]);
    assert_eq!(ok(store.deposit(deposit_id)), Some(DepositRecord { id: deposit_id, deposit: deposit.clone() }));
    assert_eq!(ok(store.deposits(ids[1], Some(case), 10)).len(), 1);
    assert!(ok(store.deposits(ids[2], None, 10)).is_empty(), "another unit's books");
    let docs = ok(store.document_sums(&[ids[2]]));
    assert_eq!(docs, vec![(case, CaseDocumentSums { receipts: 900_000, deposits: 600_000, ..Default::default() })]);
    let stored = ok(store.case_entries(case));
    assert_eq!(stored.iter().filter(|r| r.entry.document == Some(Document::Deposit(deposit_id))).count(), 2);
}

/// A distribution's many postings and allocations (more than one statement's worth on either
/// backend's chunking) round trip, and a posting or an allocation referring to a case, an
/// event or a document that is not stored is refused.
pub fn many_postings_and_allocations_round_trip_and_refer_to_stored_rows(store: &dyn Store) {
    use thads_core::money::custody::{Movement, Posting, Side};
    const CASES: usize = 1_200;
    let ids = seed_units(store);
    let mut tx = ok(store.begin());
    let new: Vec<NewCase> =
        (1..=CASES).map(|i| super::new_case(super::facts(ids[2], &format!("{i}/QĐ-THADS"), 10_000_000))).collect();
    let cases = ok(tx.insert_cases(&new));
    ok(tx.commit());
    let vnd = |d: i64| ok(thads_core::Vnd::new(d).map_err(|e| StoreError::Invalid(e.to_string())));
    let debtor = ok(DebtorId::new("079090001234").map_err(|e| StoreError::Invalid(e.to_string())));
    let total = i64::try_from(CASES).unwrap_or(0) * 1_000;
    let allocation = |case: CaseId, event: Option<i64>| AllocationRow {
        case,
        case_no: format!("#{}", case.0),
        rank: 3,
        principal: 1_000,
        interest: 0,
        event,
    };
    let distribution = |allocations: Vec<AllocationRow>| NewDistribution {
        unit: ids[1],
        office: ids[2],
        debtor: debtor.as_str().to_string(),
        date: date!(2025 - 11 - 03),
        amount: total,
        costs: 0,
        coercion_on: None,
        returned: 0,
        allocations,
        by: "ke.toan".into(),
        at: datetime!(2025-11-03 09:00 +7),
    };
    let entry = |document: i64, cases: &[CaseId]| LedgerEntry {
        unit: ids[1],
        date: date!(2025 - 11 - 03),
        movement: Movement::Distribution,
        document: Some(Document::Distribution(document)),
        reverses: None,
        postings: std::iter::once(Posting {
            account: Account::HeldForDebtor,
            party: Party::Debtor(debtor.clone()),
            side: Side::Debit,
            amount: vnd(total),
        })
        .chain(cases.iter().map(|c| Posting {
            account: Account::HeldForCase,
            party: Party::Case(*c),
            side: Side::Credit,
            amount: vnd(1_000),
        }))
        .collect(),
    };
    let mut tx = ok(store.begin());
    let d = ok(tx.insert_distribution(&distribution(cases.iter().map(|c| allocation(*c, None)).collect())));
    let written = entry(d, &cases);
    ok(tx.insert_entry(&written, datetime!(2025-11-03 09:00 +7)));
    ok(tx.commit());
    let stored = ok(store.distribution(d)).map(|r| r.distribution.allocations.len());
    assert_eq!(stored, Some(CASES), "every allocation");
    let last = cases.last().copied().unwrap_or(CaseId(0));
    let whole = ok(store.unit_entries(ids[1], date!(2025 - 11 - 01), date!(2025 - 11 - 30)));
    assert_eq!(whole.first().map(|r| &r.entry), Some(&written), "postings in their order");
    // A case's entries carry its own postings only, not the other 1,199 cases'.
    let own = ok(store.case_entries(last));
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].entry.postings, written.postings[CASES..], "the last case's posting alone");
    assert_eq!((own[0].id, &own[0].entry.document), (whole[0].id, &written.document));
    // The held cases with their entries, in one read: each with its own posting and number.
    let held = ok(store.held_case_entries(&[ids[2]]));
    assert_eq!(held.len(), CASES);
    assert_eq!(held.iter().map(|h| h.case).collect::<Vec<_>>(), cases, "in case id order");
    let last_held = held.last().unwrap_or_else(|| panic!("held"));
    assert_eq!((last_held.unit, last_held.officer, last_held.case_no.as_str()), (ids[2], None, "1200/QĐ-THADS"));
    assert_eq!(last_held.entries, own, "as `case_entries` reads them");
    assert_eq!(ok(store.held_case_entries(&[])).len(), CASES, "every unit's when given none");
    assert!(ok(store.held_case_entries(&[ids[3]])).is_empty(), "another unit's cases");

    let missing = CaseId(last.0 + 1_000_000);
    let refused = |r: StoreResult<i64>| matches!(r, Err(StoreError::Invalid(_)));
    let mut tx = ok(store.begin());
    let ghost = tx.insert_distribution(&distribution(vec![allocation(cases[0], None), allocation(missing, None)]));
    assert!(refused(ghost), "an allocation to a case not stored");
    drop(tx);
    let mut tx = ok(store.begin());
    let ghost = tx.insert_distribution(&distribution(vec![allocation(cases[0], Some(i64::MAX))]));
    assert!(refused(ghost), "an allocation recording an event not stored");
    drop(tx);
    let mut tx = ok(store.begin());
    let ghost = tx.insert_entry(&entry(d, &[cases[0], missing]), datetime!(2025-11-03 09:00 +7)).map(|id| id.0);
    assert!(refused(ghost), "a posting to a case not stored");
    drop(tx);
    assert_eq!(ok(store.case_entries(cases[0])).len(), 1, "nothing of the refused entries was kept");
}

/// A books handover (a province merged): its entries round trip with their movement and
/// document, a unit's books are read whole in the transaction, and a writer that holds the
/// books (`books_for_writing`) makes a merge's update of the unit wait until it commits, so
/// that the merge then reads its entry.
pub fn books_are_handed_over_and_held_while_written(store: &dyn Store) {
    use thads_core::money::custody::{Movement, balances, handover_entries};
    let ids = seed_units(store);
    let (books, successor) = (ids[1], ids[0]);
    let case = seed_case(store, ids[2], "41/QĐ-THADS");
    let at = datetime!(2025-11-03 09:00 +7);
    let amount = ok(thads_core::Vnd::new(700_000).map_err(|e| StoreError::Invalid(e.to_string())));
    let write_receipt = |tx: &mut dyn WriteTx, document: i64| {
        let unit = ok(tx.books_for_writing(books)).map(|u| u.id);
        assert_eq!(unit, Some(books), "the books' unit, held");
        let head = Head { unit: books, date: date!(2025 - 11 - 03), document: Document::Voucher(document) };
        let entry = ok(receipt_entry(head, Account::Cash, Party::Case(case), amount)
            .map_err(|e| StoreError::Invalid(e.to_string())));
        ok(tx.insert_entry(&entry, at));
    };
    let mut tx = ok(store.begin());
    write_receipt(tx.as_mut(), 1);
    assert!(ok(tx.books_for_writing(thads_core::UnitId(ids[3].0 + 1_000))).is_none(), "no such unit");
    ok(tx.commit());

    // A writer holds the books; the merge's update of the unit waits for its commit.
    let committed = std::sync::Mutex::new(None::<std::time::Instant>);
    let held = std::sync::Barrier::new(2);
    let mut seen_by_merge = 0;
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut tx = ok(store.begin());
            write_receipt(tx.as_mut(), 2);
            held.wait();
            std::thread::sleep(std::time::Duration::from_millis(300));
            *committed.lock().unwrap_or_else(|e| e.into_inner()) = Some(std::time::Instant::now());
            ok(tx.commit());
        });
        held.wait();
        let mut tx = ok(store.begin());
        let unit = ok(ok(tx.unit(books)).ok_or_else(|| StoreError::Invalid("the province".into())));
        let closed = thads_core::reorg::UnitState {
            valid_to: Some(date!(2025 - 11 - 30)),
            successor: Some(successor),
            ..thads_core::reorg::UnitState::of(&unit)
        };
        ok(tx.set_unit_state(books, &closed));
        let updated = std::time::Instant::now();
        let writer = *committed.lock().unwrap_or_else(|e| e.into_inner());
        let writer = ok(writer.ok_or_else(|| {
            StoreError::Invalid("the merge's update did not wait for the writer holding the books".into())
        }));
        assert!(updated >= writer, "the merge's update came after the writer's commit");
        let entries = ok(tx.books_entries(books));
        seen_by_merge = entries.len();
        let sums = balances(entries.iter().map(|r| &r.entry), date!(9999 - 12 - 31));
        let head = |unit| Head { unit, date: date!(2025 - 12 - 01), document: Document::Reorganisation(9) };
        let pair =
            ok(handover_entries(head(books), head(successor), &sums).map_err(|e| StoreError::Invalid(e.to_string())))
                .ok_or_else(|| StoreError::Invalid("the books hold money".into()));
        let (out, into) = ok(pair);
        ok(tx.insert_entry(&out, at));
        ok(tx.insert_entry(&into, at));
        ok(tx.commit());
    });
    assert_eq!(seen_by_merge, 2, "the merge read the writer's entry");
    let mut tx = ok(store.begin());
    let closed_books = ok(tx.books_entries(books));
    assert_eq!(closed_books.len(), 3);
    let out = &closed_books[2].entry;
    assert_eq!((out.movement, out.document), (Movement::Handover, Some(Document::Reorganisation(9))));
    assert!(balances(closed_books.iter().map(|r| &r.entry), date!(9999 - 12 - 31)).values().all(|b| *b == 0));
    let successors = ok(tx.books_entries(successor));
    assert_eq!(successors.len(), 1, "the successor's books hold the entry in");
    assert_eq!(ok(tx.books_for_writing(books)).and_then(|u| u.valid_to), Some(date!(2025 - 11 - 30)));
    drop(tx);
    assert_eq!(ok(store.case_entries(case)).len(), 4, "two receipts, the entry out and the entry in");
    let held: i128 = ok(store.posting_sums(&[]))
        .iter()
        .filter(|s| s.account == "held_for_case")
        .map(|s| if s.side == "credit" { s.amount } else { -s.amount })
        .sum();
    assert_eq!(held, 1_400_000, "the case's money over all books is unchanged");

    // Every reorganisation's entries, whole, in id order: a second operation with two pairs.
    let mut tx = ok(store.begin());
    let sums = balances(ok(tx.books_entries(successor)).iter().map(|r| &r.entry), date!(9999 - 12 - 31));
    let head = |unit| Head { unit, date: date!(2025 - 12 - 02), document: Document::Reorganisation(11) };
    for (from, into) in [(ids[2], ids[0]), (ids[3], ids[1])] {
        let pair = ok(handover_entries(head(from), head(into), &sums).map_err(|e| StoreError::Invalid(e.to_string())));
        let (out, into) = ok(pair.ok_or_else(|| StoreError::Invalid("the books hold money".into())));
        ok(tx.insert_entry(&out, at));
        ok(tx.insert_entry(&into, at));
    }
    ok(tx.commit());
    let handed = ok(store.reorganisation_entries());
    let seen: Vec<(Option<Document>, thads_core::UnitId)> =
        handed.iter().map(|r| (r.entry.document, r.entry.unit)).collect();
    let op = |id| Some(Document::Reorganisation(id));
    assert_eq!(
        seen,
        [(op(9), books), (op(9), successor), (op(11), ids[2]), (op(11), ids[0]), (op(11), ids[3]), (op(11), ids[1])],
        "every reorganisation's entries, in id order, and nothing else"
    );
    assert!(handed.iter().all(|r| !r.entry.postings.is_empty()), "whole, with their postings");
}
