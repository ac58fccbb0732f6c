//! The custody ledger: entries that may and may not be written, a case's money through a
//! receipt, a distribution, a payout and a correction, the oldest money held, the check
//! against documents, and properties over random days of an accountant: any order gives the
//! same balances, and reversing everything leaves nothing.

use proptest::prelude::*;
use time::macros::date;
use time::{Date, Duration};

use super::entries::{Head, PayoutLine};
use super::*;
use crate::amount::VndSum;
use crate::case::CaseNo;
use crate::money::distribution::{Allocation, Distribution};
use crate::money::obligation::Rank;

const UNIT: UnitId = UnitId(7);

fn vnd(d: i64) -> Vnd {
    Vnd::new(d).unwrap()
}

fn head(date: Date, id: i64) -> Head {
    Head { unit: UNIT, date, document: Document::Voucher(id) }
}

fn debtor() -> DebtorId {
    DebtorId::new("079090001234").unwrap()
}

fn record(id: i64, entry: LedgerEntry) -> EntryRecord {
    EntryRecord { id: EntryId(id), entry }
}

fn allocation(case: i64, amount: i64) -> Allocation {
    Allocation {
        case: CaseId(case),
        case_no: CaseNo::new(&format!("{case}/QĐ")).unwrap(),
        rank: Rank::THIRD,
        principal: vnd(amount),
        interest: Vnd::ZERO,
    }
}

fn posting(account: Account, party: Party, side: Side, amount: i64) -> Posting {
    Posting { account, party, side, amount: vnd(amount) }
}

fn raw(movement: Movement, postings: Vec<Posting>) -> LedgerEntry {
    LedgerEntry { unit: UNIT, date: date!(2026 - 03 - 02), movement, document: None, reverses: None, postings }
}

type ErrorTest = fn(&EntryError) -> bool;

#[test]
fn entries_must_balance_and_keep_to_their_movement() {
    let case = || Party::Case(CaseId(1));
    let ok = raw(
        Movement::Receipt,
        vec![
            posting(Account::Cash, Party::Agency, Side::Debit, 10),
            posting(Account::HeldForCase, case(), Side::Credit, 10),
        ],
    );
    assert_eq!(ok.check(), Ok(()));
    let cases: Vec<(LedgerEntry, ErrorTest)> = vec![
        (raw(Movement::Receipt, vec![posting(Account::Cash, Party::Agency, Side::Debit, 10)]), |e| {
            matches!(e, EntryError::TooFewPostings)
        }),
        (
            raw(
                Movement::Receipt,
                vec![
                    posting(Account::Cash, Party::Agency, Side::Debit, 10),
                    posting(Account::HeldForCase, case(), Side::Credit, 9),
                ],
            ),
            |e| matches!(e, EntryError::Unbalanced { debits: 10, credits: 9 }),
        ),
        (
            raw(
                Movement::Receipt,
                vec![
                    posting(Account::Cash, Party::Agency, Side::Debit, 0),
                    posting(Account::HeldForCase, case(), Side::Credit, 0),
                ],
            ),
            |e| matches!(e, EntryError::ZeroAmount(0)),
        ),
        (
            // A payout cannot create money: it may not debit cash.
            raw(
                Movement::Payout,
                vec![
                    posting(Account::Cash, Party::Agency, Side::Debit, 10),
                    posting(Account::HeldForCase, case(), Side::Credit, 10),
                ],
            ),
            |e| matches!(e, EntryError::NotAllowed { line: 0, .. }),
        ),
        (
            // Money held for a case is tagged with the case, not the agency.
            raw(
                Movement::Receipt,
                vec![
                    posting(Account::Cash, Party::Agency, Side::Debit, 10),
                    posting(Account::HeldForCase, Party::Agency, Side::Credit, 10),
                ],
            ),
            |e| matches!(e, EntryError::WrongParty { line: 1, .. }),
        ),
    ];
    for (entry, expected) in cases {
        let err = entry.check().unwrap_err();
        assert!(expected(&err), "{err:?}");
    }
}

/// A day in the accountant's life: 1,000,000 đ receipted on case 1, 5,000,000 đ from the
/// debtor distributed (costs 200,000; case 1: 3,000,000; case 2: 1,000,000; 800,000 back),
/// 3,500,000 đ paid to case 1's creditor with a 105,000 đ fee.
fn day_of_entries() -> Vec<EntryRecord> {
    let d = Distribution {
        costs: vnd(200_000),
        rent_reserve: Vnd::ZERO,
        allocations: vec![allocation(1, 3_000_000), allocation(2, 1_000_000)],
        returned_to_debtor: vnd(800_000),
    };
    let payout = PayoutLine {
        case: CaseId(1),
        from: Account::HeldForCase,
        through: Account::Bank,
        paid: vnd(3_500_000),
        fee: vnd(105_000),
    };
    vec![
        record(
            1,
            receipt_entry(head(date!(2026 - 03 - 02), 1), Account::Cash, Party::Case(CaseId(1)), vnd(1_000_000))
                .unwrap(),
        ),
        record(
            2,
            receipt_entry(head(date!(2026 - 03 - 02), 2), Account::Bank, Party::Debtor(debtor()), vnd(5_000_000))
                .unwrap(),
        ),
        record(3, distribution_entry(head(date!(2026 - 03 - 03), 3), &debtor(), &d).unwrap()),
        record(4, payout_entry(head(date!(2026 - 03 - 05), 4), payout).unwrap()),
    ]
}

fn entries(records: &[EntryRecord]) -> impl Iterator<Item = &LedgerEntry> {
    records.iter().map(|r| &r.entry)
}

#[test]
fn a_cases_money_is_the_fold_of_its_postings() {
    let records = day_of_entries();
    let on = date!(2026 - 12 - 31);
    let one = CaseMoney::of(CaseId(1), entries(&records), on);
    let sum = |d| VndSum(d);
    assert_eq!(
        (one.collected, one.allocated, one.paid_out, one.fees, one.held),
        (sum(4_000_000), sum(3_000_000), sum(3_500_000), sum(105_000), sum(395_000))
    );
    assert!(one.is_consistent());
    let two = CaseMoney::of(CaseId(2), entries(&records), on);
    assert_eq!((two.collected, two.held), (sum(1_000_000), sum(1_000_000)));
    let before_payout = CaseMoney::of(CaseId(1), entries(&records), date!(2026 - 03 - 04));
    assert_eq!(before_payout.held, sum(4_000_000));
    let debtor_money = DebtorMoney::of(&debtor(), entries(&records), on);
    assert_eq!(
        (
            debtor_money.received,
            debtor_money.distributed,
            debtor_money.held,
            debtor_money.costs,
            debtor_money.to_return
        ),
        (sum(5_000_000), sum(5_000_000), sum(0), sum(200_000), sum(800_000))
    );
    // Where the money is: 1,000,000 cash; 5,000,000 − 3,500,000 in the bank.
    let b = balances(entries(&records), on);
    assert_eq!(b.get(&(Account::Cash, Party::Agency)), Some(&1_000_000));
    assert_eq!(b.get(&(Account::Bank, Party::Agency)), Some(&1_500_000));
    let holdings: i128 = b.iter().filter(|((a, _), _)| a.is_holding()).map(|(_, v)| v).sum();
    let owed: i128 = b.iter().filter(|((a, _), _)| !a.is_holding()).map(|(_, v)| v).sum();
    assert_eq!(holdings, owed, "what is held equals what is owed");
    assert_eq!(first_overdraft(&records.iter().map(|r| r.entry.clone()).collect::<Vec<_>>()), None);
}

#[test]
fn a_correction_reverses_posting_for_posting() {
    let mut records = day_of_entries();
    let undo = reversal(&records[0], UNIT, date!(2026 - 03 - 10));
    assert_eq!(check_reversal(&records[0], &undo, UNIT, false), Ok(()));
    assert_eq!(check_reversal(&records[0], &undo, UNIT, true), Err(EntryError::AlreadyReversed(EntryId(1))));
    let early = LedgerEntry { date: date!(2026 - 03 - 01), ..undo.clone() };
    assert_eq!(check_reversal(&records[0], &early, UNIT, false), Err(EntryError::ReversalBeforeOriginal));
    let mut short = undo.clone();
    short.postings[0].amount = vnd(999_999);
    assert_eq!(check_reversal(&records[0], &short, UNIT, false), Err(EntryError::NotAMirror(EntryId(1))));
    let other = reversal(&records[1], UNIT, date!(2026 - 03 - 10));
    assert_eq!(check_reversal(&records[0], &other, UNIT, false), Err(EntryError::NotAMirror(EntryId(1))));
    records.push(record(5, undo));
    let undo_again = reversal(&records[4], UNIT, date!(2026 - 03 - 11));
    assert_eq!(check_reversal(&records[4], &undo_again, UNIT, false), Err(EntryError::ReversingAReversal));
    // The receipt on case 1 is gone: 3,000,000 collected, 3,605,000 paid and withheld.
    let one = CaseMoney::of(CaseId(1), entries(&records), date!(2026 - 12 - 31));
    assert_eq!((one.collected, one.held), (VndSum(3_000_000), VndSum(-605_000)));
    assert!(one.is_consistent());
    // Undoing the receipt leaves the payout of 05/03 unfunded from 10/03.
    let overdraft = first_overdraft(&records.iter().map(|r| r.entry.clone()).collect::<Vec<_>>()).unwrap();
    assert_eq!(
        (overdraft.date, overdraft.account, overdraft.balance),
        (date!(2026 - 03 - 10), Account::HeldForCase, -605_000)
    );
}

#[test]
fn the_oldest_money_is_paid_out_first() {
    let case = Party::Case(CaseId(1));
    let receipt =
        |id, day, amount| record(id, receipt_entry(head(day, id), Account::Cash, case.clone(), vnd(amount)).unwrap());
    let pay = |id, day, amount| {
        let line = PayoutLine {
            case: CaseId(1),
            from: Account::HeldForCase,
            through: Account::Cash,
            paid: vnd(amount),
            fee: Vnd::ZERO,
        };
        record(id, payout_entry(head(day, id), line).unwrap())
    };
    let mut records = vec![
        receipt(1, date!(2026 - 03 - 01), 100),
        receipt(2, date!(2026 - 03 - 05), 50),
        pay(3, date!(2026 - 03 - 06), 120),
        receipt(4, date!(2026 - 03 - 02), 70),
    ];
    let lots = |records: &[EntryRecord]| {
        held_lots(CaseId(1), records).into_iter().map(|l| (l.since, l.amount.dong())).collect::<Vec<_>>()
    };
    // 100 (01/03) and 20 of 70 (02/03) paid; 50 of 02/03 and 50 of 05/03 left.
    assert_eq!(lots(&records), [(date!(2026 - 03 - 02), 50), (date!(2026 - 03 - 05), 50)]);
    records.push(record(5, reversal(&records[3], UNIT, date!(2026 - 03 - 09))));
    assert_eq!(lots(&records), [(date!(2026 - 03 - 05), 30)], "the reversed receipt never counted");
}

#[test]
fn the_ledger_is_checked_against_documents_and_collected_events() {
    let records = day_of_entries();
    let one = CaseMoney::of(CaseId(1), entries(&records), date!(2026 - 12 - 31));
    let documents = CaseDocuments {
        receipts: VndSum(1_000_000),
        allocations: VndSum(3_000_000),
        paid_out: VndSum(3_500_000),
        fees: VndSum(105_000),
        collected_events: VndSum(4_000_000),
        deposits: VndSum(0),
    };
    assert_eq!(reconcile(&one, &documents), []);
    let typed_twice = CaseDocuments { collected_events: VndSum(5_000_000), ..documents };
    assert_eq!(
        reconcile(&one, &typed_twice),
        [Mismatch { figure: Figure::CollectedEvents, ledger: VndSum(4_000_000), expected: VndSum(5_000_000) }]
    );
}

#[test]
fn codes_are_stable_and_records_round_trip() {
    for a in Account::ALL {
        assert_eq!(Account::parse(a.code()), Some(a));
    }
    for m in Movement::ALL {
        assert_eq!(Movement::parse(m.code()), Some(m));
    }
    let records = day_of_entries();
    let json = serde_json::to_string(&records).unwrap();
    assert_eq!(serde_json::from_str::<Vec<EntryRecord>>(&json).unwrap(), records);
}

// ---- properties: an accountant's entries in any order ----

/// One movement of random money on cases 1–3 and one debtor, built through the constructors.
fn arb_entry() -> impl Strategy<Value = LedgerEntry> {
    (0u8..4, 1i64..4, 1i64..1_000_000, 0i64..30, 0i64..50_000).prop_map(|(kind, case, amount, day, fee)| {
        let h = head(date!(2026 - 01 - 01) + Duration::days(day), day);
        let to_case = Party::Case(CaseId(case));
        match kind {
            0 => receipt_entry(h, Account::Cash, to_case, vnd(amount)).unwrap(),
            1 => receipt_entry(h, Account::Bank, Party::Debtor(debtor()), vnd(amount)).unwrap(),
            2 => {
                let d = Distribution {
                    costs: vnd(fee),
                    rent_reserve: Vnd::ZERO,
                    allocations: vec![allocation(case, amount / 2 + 1)],
                    returned_to_debtor: vnd(amount / 3),
                };
                distribution_entry(h, &debtor(), &d).unwrap()
            }
            _ => {
                let line = PayoutLine {
                    case: CaseId(case),
                    from: Account::HeldForCase,
                    through: Account::Bank,
                    paid: vnd(amount),
                    fee: vnd(fee),
                };
                payout_entry(h, line).unwrap()
            }
        }
    })
}

#[test]
fn a_handover_moves_every_balance_to_the_successors_books() {
    let records = day_of_entries();
    let on = date!(2026 - 12 - 31);
    let before = balances(entries(&records), on);
    let successor = UnitId(8);
    let h = |unit| Head { unit, date: date!(2026 - 03 - 10), document: Document::Reorganisation(5) };
    let (out, into) = handover_entries(h(UNIT), h(successor), &before).unwrap().expect("the books hold money");
    assert_eq!((out.unit, into.unit, out.movement), (UNIT, successor, Movement::Handover));
    let credited = |e: &LedgerEntry, account| {
        e.postings
            .iter()
            .filter(|p| p.account == account && p.side == Side::Credit)
            .map(|p| p.amount.dong())
            .sum::<i64>()
    };
    // Cash 1,000,000 and the bank's 1,500,000 leave; held for case 1: 395,000 enters the successor's.
    assert_eq!(credited(&out, Account::Cash) + credited(&out, Account::Bank), 2_500_000);
    assert_eq!(credited(&into, Account::HeldForCase), 395_000 + 1_000_000);
    assert_eq!(out.postings.len(), 7, "the debtor's held money, distributed, is zero and not handed over");
    let mut old_books: Vec<LedgerEntry> = entries(&records).cloned().collect();
    old_books.push(out.clone());
    assert!(balances(&old_books, on).values().all(|b| *b == 0), "the closed books are empty");
    let nonzero = |m: std::collections::BTreeMap<(Account, Party), i128>| {
        m.into_iter().filter(|(_, b)| *b != 0).collect::<Vec<_>>()
    };
    assert_eq!(nonzero(balances([&into], on)), nonzero(before));
    // A receipt of before the handover cancelled after it is reversed in the successor's books,
    // which hold its money now; a reversal in the closed books is not the mirror asked for.
    let undo = reversal(&records[0], successor, date!(2026 - 03 - 11));
    assert_eq!(check_reversal(&records[0], &undo, successor, false), Ok(()));
    assert_eq!(check_reversal(&records[0], &undo, UNIT, false), Err(EntryError::NotAMirror(EntryId(1))));
    let successors = balances([&into, &undo], on);
    assert_eq!(successors.get(&(Account::Cash, Party::Agency)), Some(&0), "the receipt's cash leaves them");
    let mut all = records.clone();
    all.extend([record(10, out), record(11, into)]);
    for case in [CaseId(1), CaseId(2)] {
        assert_eq!(CaseMoney::of(case, entries(&all), on), CaseMoney::of(case, entries(&records), on));
        assert_eq!(held_lots(case, &all), held_lots(case, &records), "held since the day it came in");
    }
    all.push(record(12, undo));
    let one = CaseMoney::of(CaseId(1), entries(&all), on);
    assert_eq!((one.collected, one.held), (VndSum(3_000_000), VndSum(-605_000)), "as if never received");
    let empty = |unit| Head { unit, date: date!(2026 - 03 - 10), document: Document::Reorganisation(6) };
    assert_eq!(handover_entries(empty(UNIT), empty(successor), &Default::default()), Ok(None));
}

/// What the books hold against what they owe: equal in balanced books.
fn held_and_owed<'a>(books: impl IntoIterator<Item = &'a LedgerEntry>) -> (i128, i128) {
    let b = balances(books, date!(2026 - 12 - 31));
    let holdings = b.iter().filter(|((a, _), _)| a.is_holding()).map(|(_, v)| v).sum();
    let owed = b.iter().filter(|((a, _), _)| !a.is_holding()).map(|(_, v)| v).sum();
    (holdings, owed)
}

#[test]
fn a_transfer_moves_a_moving_cases_money_by_bank_and_leaves_the_rest() {
    let records = day_of_entries();
    let on = date!(2026 - 12 - 31);
    let before = balances(entries(&records), on);
    let other = UnitId(8);
    let h = |unit| Head { unit, date: date!(2026 - 03 - 10), document: Document::Reorganisation(5) };
    let one = Party::Case(CaseId(1));
    let (out, into) = transfer_entries(h(UNIT), h(other), &before, |p| *p == one).unwrap().expect("case 1 holds money");
    assert_eq!((out.unit, into.unit, out.movement), (UNIT, other, Movement::Handover));
    let received = balances([&into], on);
    let case_ones: Vec<_> = before.iter().filter(|((_, p), b)| *p == one && **b != 0).collect();
    for ((account, party), balance) in &case_ones {
        assert_eq!(received.get(&(*account, party.clone())), Some(*balance), "{account:?} of case 1 moved whole");
    }
    // Held 395,000, and its fee withheld (105,000) still due to the budget: both come by the bank.
    assert_eq!(received.get(&(Account::Bank, Party::Agency)), Some(&500_000), "its money comes by the bank");
    let (held, owed) = held_and_owed([&into]);
    assert_eq!(held, owed, "the new books balance");
    let mut old_books: Vec<LedgerEntry> = entries(&records).cloned().collect();
    old_books.push(out.clone());
    let left = balances(&old_books, on);
    assert!(left.iter().filter(|((_, p), _)| *p == one).all(|(_, b)| *b == 0), "nothing of case 1 left");
    for ((account, party), balance) in before.iter().filter(|((a, p), _)| *p != one && *a != Account::Bank) {
        assert_eq!(left.get(&(*account, party.clone())), Some(balance), "{account:?} {party:?} stays");
    }
    let (held, owed) = held_and_owed(&old_books);
    assert_eq!(held, owed, "the old books balance");
    let mut all = records.clone();
    all.extend([record(10, out), record(11, into)]);
    for case in [CaseId(1), CaseId(2)] {
        assert_eq!(CaseMoney::of(case, entries(&all), on), CaseMoney::of(case, entries(&records), on));
        assert_eq!(held_lots(case, &all), held_lots(case, &records), "held since the day it came in");
    }
    let nobody = Party::Case(CaseId(99));
    assert_eq!(transfer_entries(h(UNIT), h(other), &before, |p| *p == nobody), Ok(None));
}

proptest! {
    #[test]
    fn a_transfer_moves_the_moving_parties_whole_and_keeps_both_books_balanced(
        written in prop::collection::vec(arb_entry(), 0..40),
        moving_case in 1..4i64,
        with_debtor in any::<bool>(),
    ) {
        let on = date!(2026 - 12 - 31);
        let before = balances(&written, on);
        let h = |unit| Head { unit, date: date!(2026 - 02 - 15), document: Document::Reorganisation(1) };
        let moving = |p: &Party| *p == Party::Case(CaseId(moving_case)) || (with_debtor && *p == Party::Debtor(debtor()));
        let records: Vec<EntryRecord> = written.iter().cloned().enumerate().map(|(i, e)| record(i as i64, e)).collect();
        match transfer_entries(h(UNIT), h(UnitId(8)), &before, moving).unwrap() {
            None => prop_assert!(before.iter().filter(|((_, p), _)| moving(p)).all(|(_, b)| *b == 0)),
            Some((out, into)) => {
                let mut old_books = written.clone();
                old_books.push(out.clone());
                let left = balances(&old_books, on);
                prop_assert!(left.iter().filter(|((_, p), _)| moving(p)).all(|(_, b)| *b == 0));
                let (held, owed) = held_and_owed(&old_books);
                let (held_before, owed_before) = held_and_owed(&written);
                prop_assert_eq!(held - owed, held_before - owed_before, "the old books balance as before");
                let (held, owed) = held_and_owed([&into]);
                prop_assert_eq!(held, owed, "the new books balance");
                // Paid from what the agency holds: while its bank, treasury and cash cover the
                // money leaving, none of them goes below zero (or lower than it was).
                let agency = [Account::Bank, Account::Treasury, Account::Cash];
                let of = |b: &std::collections::BTreeMap<(Account, Party), i128>, a: Account| {
                    b.get(&(a, Party::Agency)).copied().unwrap_or(0)
                };
                let available: i128 = agency.iter().map(|a| of(&before, *a).max(0)).sum();
                let leaving: i128 = into.postings.iter()
                    .filter(|p| p.party == Party::Agency)
                    .map(|p| match p.side { Side::Debit => i128::from(p.amount.dong()), Side::Credit => -i128::from(p.amount.dong()) })
                    .sum();
                if leaving <= available {
                    for a in agency {
                        prop_assert!(of(&left, a) >= of(&before, a).min(0), "{:?}: {} from {}", a, of(&left, a), of(&before, a));
                    }
                }
                let mut all = records.clone();
                all.extend([record(1_000, out), record(1_001, into)]);
                for case in 1..4 {
                    let case = CaseId(case);
                    prop_assert_eq!(CaseMoney::of(case, entries(&all), on), CaseMoney::of(case, &written, on));
                    prop_assert_eq!(held_lots(case, &all), held_lots(case, &records));
                }
                prop_assert_eq!(DebtorMoney::of(&debtor(), entries(&all), on), DebtorMoney::of(&debtor(), &written, on));
            }
        }
    }

    #[test]
    fn a_handover_empties_the_books_and_changes_no_cases_or_debtors_money(
        written in prop::collection::vec(arb_entry(), 0..40),
    ) {
        let on = date!(2026 - 12 - 31);
        let before = balances(&written, on);
        let h = |unit| Head { unit, date: date!(2026 - 02 - 15), document: Document::Reorganisation(1) };
        let records: Vec<EntryRecord> = written.iter().cloned().enumerate().map(|(i, e)| record(i as i64, e)).collect();
        match handover_entries(h(UNIT), h(UnitId(8)), &before).unwrap() {
            None => prop_assert!(before.values().all(|b| *b == 0)),
            Some((out, into)) => {
                let mut old_books = written.clone();
                old_books.push(out.clone());
                prop_assert!(balances(&old_books, on).values().all(|b| *b == 0));
                let mut all = records.clone();
                all.extend([record(1_000, out), record(1_001, into)]);
                for case in 1..4 {
                    let case = CaseId(case);
                    prop_assert_eq!(CaseMoney::of(case, entries(&all), on), CaseMoney::of(case, &written, on));
                    prop_assert_eq!(held_lots(case, &all), held_lots(case, &records));
                }
                prop_assert_eq!(DebtorMoney::of(&debtor(), entries(&all), on), DebtorMoney::of(&debtor(), &written, on));
            }
        }
    }

    #[test]
    fn any_order_gives_the_same_money_and_reversing_everything_leaves_none(
        written in prop::collection::vec(arb_entry(), 0..40),
        seed in any::<u64>(),
    ) {
        let on = date!(2026 - 12 - 31);
        let mut shuffled = written.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for case in 1..4 {
            let a = CaseMoney::of(CaseId(case), &written, on);
            prop_assert_eq!(a, CaseMoney::of(CaseId(case), &shuffled, on));
            prop_assert!(a.is_consistent());
        }
        prop_assert_eq!(DebtorMoney::of(&debtor(), &written, on), DebtorMoney::of(&debtor(), &shuffled, on));
        prop_assert_eq!(balances(&written, on), balances(&shuffled, on));
        let records: Vec<EntryRecord> = written.iter().cloned().enumerate().map(|(i, e)| record(i as i64, e)).collect();
        let mut all = records.clone();
        for r in &records {
            let undo = reversal(r, UNIT, on);
            prop_assert_eq!(check_reversal(r, &undo, UNIT, false), Ok(()));
            all.push(record(r.id.0 + 1_000, undo));
        }
        prop_assert!(balances(entries(&all), on).values().all(|v| *v == 0));
        prop_assert_eq!(CaseMoney::of(CaseId(1), entries(&all), on), CaseMoney::default());
        prop_assert!(held_lots(CaseId(1), &all).is_empty());
    }
}
