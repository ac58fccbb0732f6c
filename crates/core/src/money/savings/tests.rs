use time::macros::date;

use super::*;
use crate::calendar::Announcements;
use crate::case::CaseId;
use crate::money::custody::{Account, Party};
use crate::money::custody::{
    CaseMoney, Document, EntryId, EntryRecord, Head, deposit_balance, deposit_entry, held_lots, interest_entry,
    receipt_entry, withdrawal_entry,
};
use crate::money::limits::default_money_limits;
use crate::unit::UnitId;

fn vnd(d: i64) -> Vnd {
    Vnd::new(d).unwrap()
}

const CASE: CaseId = CaseId(7);

fn head(date: Date, document: Document) -> Head {
    Head { unit: UnitId(1), date, document }
}

fn records() -> Vec<EntryRecord> {
    let entries = [
        receipt_entry(head(date!(2026 - 03 - 02), Document::Receipt(1)), Account::Bank, Party::Case(CASE), vnd(1_000))
            .unwrap(),
        deposit_entry(head(date!(2026 - 04 - 01), Document::Deposit(1)), CASE, Account::Bank, vnd(600)).unwrap(),
        interest_entry(head(date!(2026 - 05 - 01), Document::Deposit(1)), CASE, vnd(5)).unwrap(),
        withdrawal_entry(head(date!(2026 - 05 - 10), Document::Deposit(1)), CASE, Account::Bank, vnd(205)).unwrap(),
    ];
    entries.into_iter().enumerate().map(|(i, entry)| EntryRecord { id: EntryId(i as i64 + 1), entry }).collect()
}

#[test]
fn a_deposit_moves_the_case_money_into_savings_and_interest_is_the_case_money() {
    let all = records();
    let money = CaseMoney::of(CASE, all.iter().map(|r| &r.entry), Date::MAX);
    assert_eq!((money.collected.dong(), money.interest.dong(), money.held.dong()), (1_000, 5, 1_005));
    assert_eq!(money.savings.dong(), 400);
    assert!(money.is_consistent());
    assert_eq!(money.payable_now().dong(), 605);
    assert_eq!(money.depositable().dong(), 605);
    assert_eq!(deposit_balance(1, &all).dong(), 400);
    assert_eq!(check_deposit(&money, vnd(605)), Ok(()));
    assert!(matches!(check_deposit(&money, vnd(606)), Err(SavingsRefusal::MoreThanHeld { free: 605, .. })));
    assert_eq!(check_withdrawal(deposit_balance(1, &all), vnd(400)), Ok(()));
    assert!(check_withdrawal(deposit_balance(1, &all), vnd(401)).is_err());
    assert_eq!(check_deposit(&money, Vnd::ZERO), Err(SavingsRefusal::ZeroAmount));
}

#[test]
fn deposited_money_leaves_the_payout_alert_and_withdrawn_money_starts_again() {
    let all = records();
    let lots: Vec<(Date, i64)> = held_lots(CASE, &all).into_iter().map(|l| (l.since, l.amount.dong())).collect();
    // 1,000 came in on 02/03, 600 of it deposited on 01/04 (oldest first), 205 withdrawn on 10/05.
    assert_eq!(lots, [(date!(2026 - 03 - 02), 400), (date!(2026 - 05 - 10), 205)]);
}

#[test]
fn the_stages_of_unclaimed_money() {
    let cal = WorkingCalendar::vietnam(Announcements::none()).unwrap();
    let (payout, limits) = (DeadlineRules::default(), default_money_limits(date!(2026 - 07 - 01)));
    let ask = |on, notice| {
        let q = UnclaimedQuestion { on, payout: &payout, limits: &limits, calendar: &cal };
        unclaimed(&[HeldLot { since: date!(2026 - 03 - 02), amount: vnd(100) }], notice, &q)
    };
    assert_eq!(ask(date!(2026 - 03 - 12), None), None);
    assert_eq!(
        ask(date!(2026 - 03 - 13), None),
        Some(Unclaimed::NoticeDue { since: date!(2026 - 03 - 02), payout_due: date!(2026 - 03 - 12) })
    );
    // A notice before the money came in is not a notice of it.
    assert!(matches!(ask(date!(2026 - 03 - 13), Some(date!(2026 - 03 - 01))), Some(Unclaimed::NoticeDue { .. })));
    let notice = Some(date!(2026 - 03 - 13));
    let waiting = ask(date!(2026 - 03 - 20), notice).unwrap();
    assert_eq!(waiting.code(), "awaiting_claim");
    // 15 days from 13/03 (NĐ 62/2015 Điều 49): 28/03, a Saturday, runs to Monday 30/03.
    let due = waiting.due();
    assert!(due >= date!(2026 - 03 - 28), "{due}");
    assert_eq!(ask(due, notice).map(Unclaimed::code), Some("awaiting_claim"));
    assert_eq!(ask(due.next_day().unwrap(), notice).map(Unclaimed::code), Some("deposit_due"));
    assert_eq!(
        unclaimed(&[], None, &UnclaimedQuestion { on: due, payout: &payout, limits: &limits, calendar: &cal }),
        None
    );
}

#[test]
fn who_earns_the_interest_is_a_dated_rule_with_its_citation() {
    let rules = SavingsRules::default();
    let old = rules.interest_to.on(date!(2026 - 06 - 30)).unwrap();
    let new = rules.interest_to.on(date!(2026 - 07 - 01)).unwrap();
    assert_eq!((old.value, old.confidence), (InterestTo::Case, Confidence::Unconfirmed));
    assert_eq!((new.value, new.confidence), (InterestTo::Case, Confidence::Confirmed));
    assert_eq!(new.citation, "NĐ 152/2026/NĐ-CP Điều 30 khoản 7");
}

#[test]
fn passbook_numbers_and_notice_codes() {
    assert_eq!(passbook(" TK-0012/2026 ").unwrap(), "TK-0012/2026");
    assert!(passbook("TK\u{200B}12").is_err());
    assert!(passbook("TK 12").is_err());
    assert!(passbook("").is_err());
    for how in NoticeHow::ALL {
        assert_eq!(NoticeHow::parse(how.code()), Some(how));
    }
    assert_eq!(NoticeHow::parse("fax"), None);
}
