//! What the entries add up to: a case's and a debtor's money on a day, the balance of every
//! account, the first day a backdated entry would leave an account below zero, how long a
//! case's money has been held (oldest first), and the check of a case's ledger against its
//! documents (receipts, distributions, payouts) and its `collected` events.
//!
//! Every figure is a sum of postings, so the order in which entries were written (backdated
//! ones included) does not change it.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::{Deserialize, Serialize};
use time::Date;

use super::{Account, EntryId, EntryRecord, LedgerEntry, Movement, Party};
use crate::amount::{Vnd, VndSum};
use crate::case::CaseId;
use crate::money::party::DebtorId;

/// A case's money (`GET /cases/{id}/money`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseMoney {
    /// Received for the case: receipts on the case and allocations from distributions.
    pub collected: VndSum,
    /// The part of `collected` that came from distributions.
    pub allocated: VndSum,
    /// Interest of savings deposits added to the case.
    pub interest: VndSum,
    /// Paid to the creditor.
    pub paid_out: VndSum,
    /// Enforcement fees withheld for the budget.
    pub fees: VndSum,
    /// Still in custody for the case (held or ordered for payout).
    pub held: VndSum,
    /// The part of `held` already ordered for payout.
    pub payable: VndSum,
    /// The money of the case in savings deposits (part of `held`, interest included).
    #[serde(default)]
    pub savings: VndSum,
    /// Put in savings deposits by the deposits themselves (interest and withdrawals left out).
    #[serde(default)]
    pub deposited: VndSum,
}

impl CaseMoney {
    /// The money of `case` from the entries dated on or before `on`.
    pub fn of<'a>(case: CaseId, entries: impl IntoIterator<Item = &'a LedgerEntry>, on: Date) -> CaseMoney {
        let mut money = CaseMoney::default();
        for entry in entries.into_iter().filter(|e| e.date <= on) {
            money.add(case, entry);
        }
        money
    }

    /// Folds one entry in.
    pub fn add(&mut self, case: CaseId, entry: &LedgerEntry) {
        let party = Party::Case(case);
        for p in entry.postings.iter().filter(|p| p.party == party) {
            let amount = VndSum(p.signed());
            match (entry.movement, p.account) {
                (Movement::Receipt, Account::HeldForCase) => self.collected = self.collected + amount,
                (Movement::Distribution, Account::HeldForCase) => {
                    self.collected = self.collected + amount;
                    self.allocated = self.allocated + amount;
                }
                (Movement::Interest, Account::HeldForCase) => self.interest = self.interest + amount,
                (Movement::Payout, Account::HeldForCase | Account::PayableToCreditor) => {
                    self.paid_out = self.paid_out + negate(amount);
                }
                (Movement::Payout, Account::FeeToBudget) => {
                    // The fee came out of the case's money but did not reach the creditor.
                    self.paid_out = self.paid_out + negate(amount);
                    self.fees = self.fees + amount;
                }
                (Movement::Fee, Account::FeeToBudget) => self.fees = self.fees + amount,
                (Movement::Deposit, Account::SavingsDeposit) => self.deposited = self.deposited + amount,
                _ => {}
            }
            match p.account {
                Account::SavingsDeposit => self.savings = self.savings + amount,
                Account::HeldForCase => self.held = self.held + amount,
                Account::PayableToCreditor => {
                    self.held = self.held + amount;
                    self.payable = self.payable + amount;
                }
                _ => {}
            }
        }
    }

    /// Held = collected + interest − paid out − fees: true of any entries that pass `check`;
    /// and what is in savings deposits is part of what is held.
    pub fn is_consistent(&self) -> bool {
        self.held.dong() == self.collected.dong() + self.interest.dong() - self.paid_out.dong() - self.fees.dong()
            && (0..=self.held.dong().max(0)).contains(&self.savings.dong())
    }

    /// What may still be paid out (and withheld as fees): the money held for the case and not
    /// in a savings deposit (withdraw it first).
    pub fn payable_now(&self) -> VndSum {
        VndSum((self.held.dong() - self.savings.dong()).max(0))
    }

    /// What may still be put in a savings deposit: held and not deposited yet, less what is
    /// already ordered for payout.
    pub fn depositable(&self) -> VndSum {
        VndSum((self.held.dong() - self.payable.dong() - self.savings.dong()).max(0))
    }
}

fn negate(v: VndSum) -> VndSum {
    VndSum(-v.dong())
}

/// A debtor's money: received and held until distributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DebtorMoney {
    /// Receipted for the debtor.
    pub received: VndSum,
    /// Taken out of what was held by distributions.
    pub distributed: VndSum,
    /// Received and not yet distributed.
    pub held: VndSum,
    /// Deducted for costs by distributions.
    pub costs: VndSum,
    /// Owed back to the debtor (the rest of a distribution, the rent reserve) and not yet paid.
    pub to_return: VndSum,
}

impl DebtorMoney {
    pub fn of<'a>(debtor: &DebtorId, entries: impl IntoIterator<Item = &'a LedgerEntry>, on: Date) -> DebtorMoney {
        let party = Party::Debtor(debtor.clone());
        let mut money = DebtorMoney::default();
        for entry in entries.into_iter().filter(|e| e.date <= on) {
            for p in entry.postings.iter().filter(|p| p.party == party) {
                let amount = VndSum(p.signed());
                match (entry.movement, p.account) {
                    (Movement::Receipt, Account::HeldForDebtor) => money.received = money.received + amount,
                    (Movement::Distribution, Account::HeldForDebtor) => {
                        money.distributed = money.distributed + negate(amount);
                    }
                    (Movement::Distribution, Account::Costs) => money.costs = money.costs + amount,
                    (_, Account::ReturnToDebtor) => money.to_return = money.to_return + amount,
                    _ => {}
                }
                if p.account == Account::HeldForDebtor {
                    money.held = money.held + amount;
                }
            }
        }
        money
    }
}

/// The balance of every (account, party) on its normal side, from the entries dated on or
/// before `on`.
pub fn balances<'a>(entries: impl IntoIterator<Item = &'a LedgerEntry>, on: Date) -> BTreeMap<(Account, Party), i128> {
    let mut out = BTreeMap::new();
    for entry in entries.into_iter().filter(|e| e.date <= on) {
        for p in &entry.postings {
            *out.entry((p.account, p.party.clone())).or_insert(0) += p.signed();
        }
    }
    out
}

/// An account that would be below zero at the end of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdraft {
    pub date: Date,
    pub account: Account,
    pub party: Party,
    /// The balance that day, below zero on the account's normal side.
    pub balance: i128,
}

/// The first day some account of the entries ends below zero: a payout dated before the
/// receipt that funds it, a backdated correction that leaves a later payout unfunded.
pub fn first_overdraft(entries: &[LedgerEntry]) -> Option<Overdraft> {
    let mut order: Vec<&LedgerEntry> = entries.iter().collect();
    order.sort_by_key(|e| e.date);
    let mut running: BTreeMap<(Account, Party), i128> = BTreeMap::new();
    for day in order.chunk_by(|a, b| a.date == b.date) {
        let mut touched = BTreeSet::new();
        for p in day.iter().flat_map(|e| &e.postings) {
            let key = (p.account, p.party.clone());
            *running.entry(key.clone()).or_insert(0) += p.signed();
            touched.insert(key);
        }
        for key in touched {
            let balance = running.get(&key).copied().unwrap_or(0);
            if balance < 0 {
                return Some(Overdraft { date: day[0].date, account: key.0, party: key.1, balance });
            }
        }
    }
    None
}

/// Money of a case held since a day (oldest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HeldLot {
    pub since: Date,
    pub amount: Vnd,
}

/// The case's money in custody and not in a savings deposit, by the day it came in, paid out
/// (or deposited) oldest first; money withdrawn from a deposit is a lot of the withdrawal's
/// day; interest, deposited as it is earned, is none. An entry and its reversal are left out
/// together, and so are the two entries of a books handover (the money stays the case's, from
/// the day it came in). The payout time limit runs from each lot's day.
pub fn held_lots(case: CaseId, entries: &[EntryRecord]) -> Vec<HeldLot> {
    let reversed: HashSet<EntryId> = entries.iter().filter_map(|r| r.entry.reverses).collect();
    let mut live: Vec<&EntryRecord> = entries
        .iter()
        .filter(|r| r.entry.reverses.is_none() && !reversed.contains(&r.id) && r.entry.movement != Movement::Handover)
        .collect();
    live.sort_by_key(|r| (r.entry.date, r.id));
    let party = Party::Case(case);
    let mut lots: Vec<(Date, i128)> = Vec::new();
    for record in live {
        let net: i128 = record
            .entry
            .postings
            .iter()
            .filter(|p| p.party == party)
            .map(|p| match p.account {
                Account::HeldForCase | Account::PayableToCreditor => p.signed(),
                Account::SavingsDeposit => -p.signed(),
                _ => 0,
            })
            .sum();
        if net > 0 {
            lots.push((record.entry.date, net));
        } else {
            consume_oldest(&mut lots, -net);
        }
    }
    lots.into_iter()
        .filter_map(|(since, left)| Some(HeldLot { since, amount: Vnd::new(i64::try_from(left).ok()?).ok()? }))
        .collect()
}

/// The balance of a savings deposit: the savings postings of the entries recording it (its
/// deposit, interest and withdrawals, reversals included).
pub fn deposit_balance(deposit: i64, entries: &[EntryRecord]) -> VndSum {
    VndSum(
        entries
            .iter()
            .filter(|r| r.entry.document == Some(super::Document::Deposit(deposit)))
            .flat_map(|r| &r.entry.postings)
            .filter(|p| p.account == Account::SavingsDeposit)
            .map(|p| p.signed())
            .sum(),
    )
}

fn consume_oldest(lots: &mut Vec<(Date, i128)>, mut amount: i128) {
    while amount > 0 && !lots.is_empty() {
        let take = amount.min(lots[0].1);
        lots[0].1 -= take;
        amount -= take;
        if lots[0].1 == 0 {
            lots.remove(0);
        }
    }
}

/// What a case's documents say, to check its ledger against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseDocuments {
    /// Receipts on the case, cancelled ones left out.
    pub receipts: VndSum,
    /// Allocations to the case in stored distributions.
    pub allocations: VndSum,
    /// Payouts to the creditor (what the creditor received).
    pub paid_out: VndSum,
    pub fees: VndSum,
    /// The sum of the case's `collected` events (the statistics' money).
    pub collected_events: VndSum,
    /// The case's savings deposits (their amounts when deposited).
    #[serde(default)]
    pub deposits: VndSum,
}

/// A figure of a case's money that the check compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    Receipts,
    Allocations,
    PaidOut,
    Fees,
    CollectedEvents,
    /// Deposited into savings against the deposits recorded.
    Deposits,
    /// Held against collected + interest − paid out − fees.
    Held,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mismatch {
    pub figure: Figure,
    pub ledger: VndSum,
    pub expected: VndSum,
}

/// Every figure where the ledger and the documents disagree (none: they agree).
pub fn reconcile(money: &CaseMoney, documents: &CaseDocuments) -> Vec<Mismatch> {
    let receipts = VndSum(money.collected.dong() - money.allocated.dong());
    let held_expected =
        VndSum(money.collected.dong() + money.interest.dong() - money.paid_out.dong() - money.fees.dong());
    [
        (Figure::Receipts, receipts, documents.receipts),
        (Figure::Allocations, money.allocated, documents.allocations),
        (Figure::PaidOut, money.paid_out, documents.paid_out),
        (Figure::Fees, money.fees, documents.fees),
        (Figure::CollectedEvents, money.collected, documents.collected_events),
        (Figure::Deposits, money.deposited, documents.deposits),
        (Figure::Held, money.held, held_expected),
    ]
    .into_iter()
    .filter(|(_, ledger, expected)| ledger != expected)
    .map(|(figure, ledger, expected)| Mismatch { figure, ledger, expected })
    .collect()
}
