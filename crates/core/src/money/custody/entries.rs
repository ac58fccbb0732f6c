//! The entries of the usual movements, built from their documents so that callers never
//! assemble postings by hand: a receipt, a distribution, a payout with its fee withheld, a
//! savings deposit of a case's money with its interest and withdrawals, and the reversal of
//! any entry. Each is checked before it is returned.

use super::{Account, Document, EntryError, EntryRecord, LedgerEntry, Movement, Party, Posting, Side};
use crate::amount::Vnd;
use crate::case::CaseId;
use crate::money::distribution::Distribution;
use crate::money::party::DebtorId;
use crate::unit::UnitId;

/// What every entry of a document shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub unit: UnitId,
    pub date: time::Date,
    pub document: Document,
}

fn posting(account: Account, party: Party, side: Side, amount: Vnd) -> Posting {
    Posting { account, party, side, amount }
}

fn entry(head: Head, movement: Movement, postings: Vec<Posting>) -> Result<LedgerEntry, EntryError> {
    let postings: Vec<Posting> = postings.into_iter().filter(|p| !p.amount.is_zero()).collect();
    let entry = LedgerEntry {
        unit: head.unit,
        date: head.date,
        movement,
        document: Some(head.document),
        reverses: None,
        postings,
    };
    entry.check()?;
    Ok(entry)
}

/// A receipt of `amount` into `into` (cash, bank or treasury) for a case (its money at once)
/// or a debtor (held until a distribution).
pub fn receipt_entry(head: Head, into: Account, to: Party, amount: Vnd) -> Result<LedgerEntry, EntryError> {
    let held = match to {
        Party::Debtor(_) => Account::HeldForDebtor,
        _ => Account::HeldForCase,
    };
    entry(
        head,
        Movement::Receipt,
        vec![posting(into, Party::Agency, Side::Debit, amount), posting(held, to, Side::Credit, amount)],
    )
}

/// A distribution of money held for `debtor`: each allocation to its case, the costs, and the
/// rent reserve and the rest back to the debtor.
pub fn distribution_entry(head: Head, debtor: &DebtorId, d: &Distribution) -> Result<LedgerEntry, EntryError> {
    let of_debtor = || Party::Debtor(debtor.clone());
    let total = [d.costs, d.rent_reserve, d.returned_to_debtor]
        .into_iter()
        .chain(d.allocations.iter().map(|a| a.total()))
        .try_fold(Vnd::ZERO, Vnd::checked_add)
        .ok_or(EntryError::TooLarge)?;
    let mut postings = vec![posting(Account::HeldForDebtor, of_debtor(), Side::Debit, total)];
    postings.extend(
        d.allocations.iter().map(|a| posting(Account::HeldForCase, Party::Case(a.case), Side::Credit, a.total())),
    );
    postings.push(posting(Account::Costs, of_debtor(), Side::Credit, d.costs));
    postings.push(posting(Account::ReturnToDebtor, of_debtor(), Side::Credit, d.rent_reserve));
    postings.push(posting(Account::ReturnToDebtor, of_debtor(), Side::Credit, d.returned_to_debtor));
    entry(head, Movement::Distribution, postings)
}

/// What a payout pays and from where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayoutLine {
    pub case: CaseId,
    /// `HeldForCase`, or `PayableToCreditor` once a payout was ordered.
    pub from: Account,
    /// Where the money leaves from: cash, bank, treasury or a savings deposit.
    pub through: Account,
    /// What the creditor receives.
    pub paid: Vnd,
    /// The enforcement fee withheld for the budget.
    pub fee: Vnd,
}

/// A payout: the creditor receives `paid`, `fee` goes to the budget.
pub fn payout_entry(head: Head, line: PayoutLine) -> Result<LedgerEntry, EntryError> {
    let case = Party::Case(line.case);
    let total = line.paid.checked_add(line.fee).ok_or(EntryError::TooLarge)?;
    entry(
        head,
        Movement::Payout,
        vec![
            posting(line.from, case.clone(), Side::Debit, total),
            posting(line.through, Party::Agency, Side::Credit, line.paid),
            posting(Account::FeeToBudget, case, Side::Credit, line.fee),
        ],
    )
}

/// A savings deposit of `amount` of a case's money, out of `from` (cash, bank, treasury): the
/// money stays the case's (held for it), only where it is changes.
pub fn deposit_entry(head: Head, case: CaseId, from: Account, amount: Vnd) -> Result<LedgerEntry, EntryError> {
    entry(
        head,
        Movement::Deposit,
        vec![
            posting(Account::SavingsDeposit, Party::Case(case), Side::Debit, amount),
            posting(from, Party::Agency, Side::Credit, amount),
        ],
    )
}

/// Interest credited on a case's savings deposit: more money in the deposit, and as much more
/// held for the case (added to the amount to enforce).
pub fn interest_entry(head: Head, case: CaseId, amount: Vnd) -> Result<LedgerEntry, EntryError> {
    entry(
        head,
        Movement::Interest,
        vec![
            posting(Account::SavingsDeposit, Party::Case(case), Side::Debit, amount),
            posting(Account::HeldForCase, Party::Case(case), Side::Credit, amount),
        ],
    )
}

/// A withdrawal of `amount` from a case's savings deposit back into `into` (cash, bank,
/// treasury), to be paid out.
pub fn withdrawal_entry(head: Head, case: CaseId, into: Account, amount: Vnd) -> Result<LedgerEntry, EntryError> {
    entry(
        head,
        Movement::Withdrawal,
        vec![
            posting(into, Party::Agency, Side::Debit, amount),
            posting(Account::SavingsDeposit, Party::Case(case), Side::Credit, amount),
        ],
    )
}

/// The two entries that hand a merged province's books over to its successor: `out_of` (the
/// closing books) takes every balance of `balances` off, each on the side opposite its normal
/// one, and `into` (the successor's books) puts the same balances on, each on its normal side
/// (a balance below zero, which the books should never hold, goes the other way). Balanced,
/// since the books balance; `None` when every balance is zero. A case's or a debtor's money,
/// summed over both books, does not change.
pub fn handover_entries(
    out_of: Head,
    into: Head,
    balances: &std::collections::BTreeMap<(Account, Party), i128>,
) -> Result<Option<(LedgerEntry, LedgerEntry)>, EntryError> {
    let leaving = leaving_postings(balances.iter())?;
    if leaving.is_empty() {
        return Ok(None);
    }
    let entering = mirrored(&leaving);
    Ok(Some((entry(out_of, Movement::Handover, leaving)?, entry(into, Movement::Handover, entering)?)))
}

/// The two entries that move the money of some cases and debtors (`moving`) from one
/// province's books to another's when their unit moves under the other province: `out_of`
/// takes every balance of those parties off (as `handover_entries` does, their savings deposits
/// included) and pays the difference out of what the agency holds, its bank account first,
/// then the treasury, then the cash (`agency_paying`: none taken below zero while the three
/// cover it); `into` puts the same balances on and receives the difference into the same
/// accounts. The other parties' balances and the rest of the agency's stay where they are.
/// `None` when the moving parties hold nothing. Each moving party's money, summed over both
/// books, does not change.
pub fn transfer_entries(
    out_of: Head,
    into: Head,
    balances: &std::collections::BTreeMap<(Account, Party), i128>,
    moving: impl Fn(&Party) -> bool,
) -> Result<Option<(LedgerEntry, LedgerEntry)>, EntryError> {
    let mut leaving = leaving_postings(balances.iter().filter(|((_, party), _)| moving(party)))?;
    if leaving.is_empty() {
        return Ok(None);
    }
    let signed = |p: &Posting| match p.side {
        Side::Debit => i128::from(p.amount.dong()),
        Side::Credit => -i128::from(p.amount.dong()),
    };
    let net: i128 = leaving.iter().map(signed).sum();
    let side = if net > 0 { Side::Credit } else { Side::Debit };
    for (account, part) in agency_paying(balances, net) {
        let amount = i64::try_from(part).ok().and_then(|a| Vnd::new(a).ok());
        leaving.push(posting(account, Party::Agency, side, amount.ok_or(EntryError::TooLarge)?));
    }
    let entering = mirrored(&leaving);
    Ok(Some((entry(out_of, Movement::Handover, leaving)?, entry(into, Movement::Handover, entering)?)))
}

/// Where the agency's side of a transfer of `net` đồng goes (`transfer_entries`): money
/// leaving (`net` above zero) is taken from what the agency holds in `balances`, the bank first,
/// then the treasury, then the cash, each no further than its balance; what they do not cover,
/// and money coming back (`net` below zero), goes by the bank. Amounts above zero, in order.
fn agency_paying(balances: &std::collections::BTreeMap<(Account, Party), i128>, net: i128) -> Vec<(Account, i128)> {
    let mut left = net.abs();
    let mut parts = Vec::new();
    if net > 0 {
        for account in [Account::Bank, Account::Treasury, Account::Cash] {
            let held = balances.get(&(account, Party::Agency)).copied().unwrap_or(0).max(0);
            let part = held.min(left);
            if part > 0 {
                parts.push((account, part));
                left -= part;
            }
        }
    }
    if left > 0 {
        match parts.iter_mut().find(|(a, _)| *a == Account::Bank) {
            Some((_, part)) => *part += left,
            None => parts.insert(0, (Account::Bank, left)),
        }
    }
    parts
}

/// Each non-zero balance taken off its books: on the side opposite its normal one (a balance
/// below zero, which the books should never hold, goes the other way).
fn leaving_postings<'b>(
    balances: impl Iterator<Item = (&'b (Account, Party), &'b i128)>,
) -> Result<Vec<Posting>, EntryError> {
    let mut leaving = Vec::new();
    for ((account, party), balance) in balances.filter(|(_, b)| **b != 0) {
        let amount = i64::try_from(balance.unsigned_abs()).ok().and_then(|a| Vnd::new(a).ok());
        let amount = amount.ok_or(EntryError::TooLarge)?;
        let normal = account.normal_side();
        let side = if *balance > 0 { normal.opposite() } else { normal };
        leaving.push(posting(*account, party.clone(), side, amount));
    }
    Ok(leaving)
}

/// The entry that cancels `original` on `date` in `books`: every posting with its side swapped.
/// `books` are the books that hold the original's money now: its own, or, once a merge has
/// handed them over (`handover_entries`), the successor's, which took over every balance the
/// original left there.
pub fn reversal(original: &EntryRecord, books: UnitId, date: time::Date) -> LedgerEntry {
    LedgerEntry {
        unit: books,
        date,
        movement: original.entry.movement,
        document: original.entry.document,
        reverses: Some(original.id),
        postings: mirrored(&original.entry.postings),
    }
}

pub(super) fn mirrored(postings: &[Posting]) -> Vec<Posting> {
    postings.iter().map(|p| Posting { side: p.side.opposite(), ..p.clone() }).collect()
}
