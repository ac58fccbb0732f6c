//! The custody ledger (sổ kế toán tiền, tài sản thi hành án) of a province's accounts:
//! double-entry and append-only. Every movement of money (a receipt, a distribution, a payout
//! with its fee, a deposit, interest, a refund) is one entry whose postings balance, debits
//! equal to credits; a mistake is corrected only by an entry that reverses it, posting for
//! posting. A case's money (collected, allocated, paid out, held, fees) is a fold of the
//! postings tagged with that case, so it cannot disagree with the entries.
//!
//! Accounts are of two sides. Where the money is (cash, bank, treasury, savings deposit) is
//! debit-normal; to whom the agency owes it (held for a debtor or a case, payable to a creditor,
//! fees due to the budget, costs, money to return to the debtor) is credit-normal. Each entry
//! says what movement it records, and the movement fixes which accounts it may debit and
//! credit: a payout cannot create money, a receipt cannot pay anyone.
//!
//! Storage: one row per entry (`EntryRecord`: id, unit, date, movement, document, reverses)
//! and one row per posting (entry id, line number, account code, party kind and id, side,
//! amount), all codes stable strings.

mod entries;
mod fold;
mod row;

pub use entries::{
    Head, PayoutLine, deposit_entry, distribution_entry, handover_entries, interest_entry, payout_entry, receipt_entry,
    reversal, transfer_entries, withdrawal_entry,
};
pub use fold::{
    CaseDocuments, CaseMoney, DebtorMoney, Figure, HeldLot, Mismatch, Overdraft, balances, deposit_balance,
    first_overdraft, held_lots, reconcile,
};
pub use row::{PostingRow, RowError};

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use super::party::DebtorId;
use crate::amount::Vnd;
use crate::case::CaseId;
use crate::unit::UnitId;

/// A ledger account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    /// Tiền mặt tại quỹ.
    Cash,
    /// Tiền gửi tại ngân hàng thương mại (tài khoản thanh toán).
    Bank,
    /// Tiền gửi tại Kho bạc Nhà nước.
    Treasury,
    /// Tiền gửi tiết kiệm (kỳ hạn 01 tháng, không kỳ hạn).
    SavingsDeposit,
    /// Tạm giữ của người phải thi hành án, chưa phân chia.
    HeldForDebtor,
    /// Tiền của việc thi hành án, chờ chi trả.
    HeldForCase,
    /// Đã quyết định chi trả, chờ người được thi hành án nhận.
    PayableToCreditor,
    /// Phí thi hành án phải nộp ngân sách nhà nước.
    FeeToBudget,
    /// Chi phí thi hành án, chi phí cưỡng chế khấu trừ khi phân chia.
    Costs,
    /// Trả lại người phải thi hành án (phần còn lại, tiền thuê nhà).
    ReturnToDebtor,
}

impl Account {
    pub const ALL: [Account; 10] = [
        Account::Cash,
        Account::Bank,
        Account::Treasury,
        Account::SavingsDeposit,
        Account::HeldForDebtor,
        Account::HeldForCase,
        Account::PayableToCreditor,
        Account::FeeToBudget,
        Account::Costs,
        Account::ReturnToDebtor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Account::Cash => "cash",
            Account::Bank => "bank",
            Account::Treasury => "treasury",
            Account::SavingsDeposit => "savings_deposit",
            Account::HeldForDebtor => "held_for_debtor",
            Account::HeldForCase => "held_for_case",
            Account::PayableToCreditor => "payable_to_creditor",
            Account::FeeToBudget => "fee_to_budget",
            Account::Costs => "costs",
            Account::ReturnToDebtor => "return_to_debtor",
        }
    }

    pub fn parse(code: &str) -> Option<Account> {
        Account::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Where money physically is (debit-normal); the others say to whom it is owed.
    pub fn is_holding(self) -> bool {
        matches!(self, Account::Cash | Account::Bank | Account::Treasury | Account::SavingsDeposit)
    }

    pub fn normal_side(self) -> Side {
        if self.is_holding() { Side::Debit } else { Side::Credit }
    }

    /// Whether `party` may be tagged on this account.
    fn admits(self, party: &Party) -> bool {
        match self {
            _ if self.is_holding() => true,
            Account::HeldForDebtor | Account::ReturnToDebtor => matches!(party, Party::Debtor(_)),
            Account::HeldForCase | Account::PayableToCreditor | Account::FeeToBudget => matches!(party, Party::Case(_)),
            _ => !matches!(party, Party::Agency),
        }
    }
}

/// Whose money a posting concerns: a case, a debtor, or the agency as a whole (cash, bank).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "party", content = "id")]
pub enum Party {
    Agency,
    Case(CaseId),
    Debtor(DebtorId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Debit,
    Credit,
}

impl Side {
    pub fn opposite(self) -> Side {
        match self {
            Side::Debit => Side::Credit,
            Side::Credit => Side::Debit,
        }
    }
}

/// One line of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Posting {
    pub account: Account,
    pub party: Party,
    pub side: Side,
    /// More than zero.
    pub amount: Vnd,
}

impl Posting {
    /// The amount, positive on the account's normal side and negative on the other.
    pub fn signed(&self) -> i128 {
        let amount = i128::from(self.amount.dong());
        if self.side == self.account.normal_side() { amount } else { -amount }
    }
}

/// What an entry records; it fixes the accounts each side may touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// Biên lai thu tiền: money comes in for a case or a debtor.
    Receipt,
    /// Phân chia: money held for a debtor goes to cases, costs and back to the debtor.
    Distribution,
    /// Quyết định chi trả: a case's money is set aside for its creditor.
    PayoutOrdered,
    /// Chi trả: money leaves to the creditor, the fee withheld to the budget.
    Payout,
    /// Thu phí thi hành án separately from a payout.
    Fee,
    /// Nộp phí vào ngân sách.
    FeeRemitted,
    /// Chi phí thi hành án, cưỡng chế được chi trả.
    CostsPaid,
    /// Trả tiền cho người phải thi hành án.
    DebtorRefund,
    /// Gửi tiết kiệm.
    Deposit,
    /// Rút tiền gửi tiết kiệm.
    Withdrawal,
    /// Lãi tiền gửi, cộng vào số tiền thi hành án.
    Interest,
    /// Chuyển giữa tiền mặt, ngân hàng, kho bạc.
    Transfer,
    /// Bàn giao sổ: when a province merges into another, every balance of its books leaves them
    /// (one entry) and enters the successor's (another), so that the money held there is
    /// distributed and paid out from the books that now hold it.
    Handover,
}

impl Movement {
    pub const ALL: [Movement; 13] = [
        Movement::Receipt,
        Movement::Distribution,
        Movement::PayoutOrdered,
        Movement::Payout,
        Movement::Fee,
        Movement::FeeRemitted,
        Movement::CostsPaid,
        Movement::DebtorRefund,
        Movement::Deposit,
        Movement::Withdrawal,
        Movement::Interest,
        Movement::Transfer,
        Movement::Handover,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Movement::Receipt => "receipt",
            Movement::Distribution => "distribution",
            Movement::PayoutOrdered => "payout_ordered",
            Movement::Payout => "payout",
            Movement::Fee => "fee",
            Movement::FeeRemitted => "fee_remitted",
            Movement::CostsPaid => "costs_paid",
            Movement::DebtorRefund => "debtor_refund",
            Movement::Deposit => "deposit",
            Movement::Withdrawal => "withdrawal",
            Movement::Interest => "interest",
            Movement::Transfer => "transfer",
            Movement::Handover => "handover",
        }
    }

    pub fn parse(code: &str) -> Option<Movement> {
        Movement::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The accounts this movement may debit and credit.
    fn template(self) -> (&'static [Account], &'static [Account]) {
        use Account::*;
        const PAY_FROM: &[Account] = &[Cash, Bank, Treasury];
        match self {
            Movement::Receipt => (PAY_FROM, &[HeldForCase, HeldForDebtor]),
            Movement::Distribution => (&[HeldForDebtor], &[HeldForCase, Costs, ReturnToDebtor]),
            Movement::PayoutOrdered => (&[HeldForCase], &[PayableToCreditor]),
            Movement::Payout => {
                (&[HeldForCase, PayableToCreditor], &[Cash, Bank, Treasury, SavingsDeposit, FeeToBudget])
            }
            Movement::Fee => (&[HeldForCase, PayableToCreditor], &[FeeToBudget]),
            Movement::FeeRemitted => (&[FeeToBudget], PAY_FROM),
            Movement::CostsPaid => (&[Costs], PAY_FROM),
            Movement::DebtorRefund => (&[ReturnToDebtor, HeldForDebtor], &[Cash, Bank, Treasury, SavingsDeposit]),
            Movement::Deposit => (&[SavingsDeposit], PAY_FROM),
            Movement::Withdrawal => (PAY_FROM, &[SavingsDeposit]),
            Movement::Interest => (&[SavingsDeposit, Bank], &[HeldForCase, HeldForDebtor]),
            Movement::Transfer => (PAY_FROM, PAY_FROM),
            // A balance leaves on the side opposite its normal one and enters on it.
            Movement::Handover => (&Account::ALL, &Account::ALL),
        }
    }

    /// Whether `account` may be on `side` of an entry of this movement (`reversing`: sides
    /// swapped).
    fn allows(self, account: Account, side: Side, reversing: bool) -> bool {
        let (debit, credit) = self.template();
        let side = if reversing { side.opposite() } else { side };
        match side {
            Side::Debit => debit.contains(&account),
            Side::Credit => credit.contains(&account),
        }
    }
}

impl fmt::Display for Movement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Database identity of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntryId(pub i64);

/// The document an entry records (its id in the store's table of that kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Document {
    Receipt(i64),
    Distribution(i64),
    Payout(i64),
    /// Anything else an accountant records (a bank statement line, a deposit slip).
    Voucher(i64),
    /// A savings deposit of a case's unclaimed money: its deposit, interest and withdrawals.
    Deposit(i64),
    /// A reorganisation of units (its operation): the books of a merged province handed over.
    Reorganisation(i64),
}

/// An entry as written: which unit's books, the accounting date, what it records, its
/// postings. The store gives it an id (`EntryRecord`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// The province whose accounts hold the money (only provinces hold accounts since 07/2025).
    pub unit: UnitId,
    pub date: Date,
    pub movement: Movement,
    pub document: Option<Document>,
    /// The entry this one reverses, posting for posting.
    pub reverses: Option<EntryId>,
    pub postings: Vec<Posting>,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRecord {
    pub id: EntryId,
    pub entry: LedgerEntry,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("bút toán cần ít nhất hai dòng / an entry needs at least two postings")]
    TooFewPostings,
    #[error("dòng {0}: số tiền phải lớn hơn 0 / posting {0}: the amount must be more than zero")]
    ZeroAmount(usize),
    #[error("bút toán không cân: nợ {debits} đ, có {credits} đ / debits and credits differ")]
    Unbalanced { debits: i128, credits: i128 },
    #[error("dòng {line}: «{movement}» không ghi {side:?} tài khoản «{account}» / this movement may not touch the account on that side", account = .account.code())]
    NotAllowed { line: usize, movement: Movement, account: Account, side: Side },
    #[error("dòng {line}: tài khoản «{account}» không dùng cho đối tượng này / wrong party for the account", account = .account.code())]
    WrongParty { line: usize, account: Account },
    #[error("bút toán đảo phải đảo đúng từng dòng của bút toán {0:?} / a reversal must mirror the entry it reverses")]
    NotAMirror(EntryId),
    #[error("bút toán {0:?} đã được đảo / already reversed")]
    AlreadyReversed(EntryId),
    #[error("không đảo một bút toán đảo; ghi lại nghiệp vụ / a reversal is not reversed: record the movement again")]
    ReversingAReversal,
    #[error("bút toán đảo trước ngày của bút toán gốc / a reversal is dated before the entry it reverses")]
    ReversalBeforeOriginal,
    #[error("số tiền quá lớn / amount too large")]
    TooLarge,
}

impl LedgerEntry {
    /// Checks the entry on its own: enough postings, amounts above zero, parties that fit
    /// their accounts, accounts its movement may touch on that side, debits equal to credits.
    pub fn check(&self) -> Result<(), EntryError> {
        if self.postings.len() < 2 {
            return Err(EntryError::TooFewPostings);
        }
        let (mut debits, mut credits) = (0i128, 0i128);
        for (line, p) in self.postings.iter().enumerate() {
            if p.amount.is_zero() {
                return Err(EntryError::ZeroAmount(line));
            }
            if !p.account.admits(&p.party) {
                return Err(EntryError::WrongParty { line, account: p.account });
            }
            if !self.movement.allows(p.account, p.side, self.reverses.is_some()) {
                return Err(EntryError::NotAllowed { line, movement: self.movement, account: p.account, side: p.side });
            }
            let amount = i128::from(p.amount.dong());
            match p.side {
                Side::Debit => debits += amount,
                Side::Credit => credits += amount,
            }
        }
        if debits != credits {
            return Err(EntryError::Unbalanced { debits, credits });
        }
        Ok(())
    }
}

/// Checks that `reversal` may reverse `original`: `original` is not itself a reversal nor
/// already reversed, and `reversal` mirrors it (same movement, every posting with its side
/// swapped) in `books`, the books that hold the original's money now (its own, or its
/// successor's after a handover), dated on or after it.
pub fn check_reversal(
    original: &EntryRecord,
    reversal: &LedgerEntry,
    books: UnitId,
    already_reversed: bool,
) -> Result<(), EntryError> {
    if original.entry.reverses.is_some() {
        return Err(EntryError::ReversingAReversal);
    }
    if already_reversed {
        return Err(EntryError::AlreadyReversed(original.id));
    }
    if reversal.date < original.entry.date {
        return Err(EntryError::ReversalBeforeOriginal);
    }
    let mirror = entries::mirrored(&original.entry.postings);
    let same_lines = {
        let (mut a, mut b) = (mirror, reversal.postings.clone());
        a.sort_by(posting_order);
        b.sort_by(posting_order);
        a == b
    };
    let same_head = reversal.unit == books && reversal.movement == original.entry.movement;
    if !same_lines || !same_head || reversal.reverses != Some(original.id) {
        return Err(EntryError::NotAMirror(original.id));
    }
    reversal.check()
}

fn posting_order(a: &Posting, b: &Posting) -> std::cmp::Ordering {
    (a.account, &a.party, a.side, a.amount).cmp(&(b.account, &b.party, b.side, b.amount))
}

#[cfg(test)]
mod tests;
