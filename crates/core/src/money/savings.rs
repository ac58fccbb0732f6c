//! Unclaimed money (tiền chưa có người nhận): a case's money held past its payout limit is
//! notified to the payee (thông báo nhận tiền); when the payee's period to come
//! (`MoneyLimit::ClaimPeriod`, 15 days, NĐ 62/2015 Điều 49) has run out, the money is put in a
//! savings deposit (gửi tiết kiệm) at a bank, whose interest is added to the case's money
//! (NĐ 152/2026 Điều 30 khoản 7), and withdrawn back to the custody account to be paid out.
//!
//! The ledger records each step (`custody::deposit_entry`, `interest_entry`,
//! `withdrawal_entry`); here: where a case stands (`unclaimed`), how much may be deposited or
//! withdrawn, the texts of a deposit (bank, passbook number) and a notice (how it was given),
//! and who earns the interest, a dated rule with its citation and confidence (`SavingsRules`).

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use super::custody::{CaseMoney, HeldLot};
use super::limits::{MoneyLimit, payout_deadline};
use super::regime::NEW_LAW_FROM;
use crate::amount::{Vnd, VndSum};
use crate::calendar::WorkingCalendar;
use crate::confidence::Confidence;
use crate::deadlines::{DeadlineRules, Limits};
use crate::field::{Field, FieldError, Kind, Problem};
use crate::versioned::{Version, Versions};

/// Tên ngân hàng nhận tiền gửi.
pub const BANK: Field = Field { vi: "ngân hàng", en: "bank", max_chars: 200, kind: Kind::Line };
/// Số tài khoản tiết kiệm, số sổ tiết kiệm.
pub const PASSBOOK: Field =
    Field { vi: "số sổ, số tài khoản tiết kiệm", en: "passbook number", max_chars: 40, kind: Kind::Code };

/// Who the interest of a savings deposit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestTo {
    /// Cộng vào số tiền thi hành án: the case's money, paid to its creditor.
    Case,
    /// Người phải thi hành án (hoặc người mua tài sản): not the case's; receipted to them.
    Debtor,
}

/// The rules of savings deposits an administrator keeps, by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavingsRules {
    pub interest_to: Versions<InterestTo>,
}

impl Default for SavingsRules {
    fn default() -> Self {
        let old = Version::new(
            date!(2015 - 09 - 01),
            InterestTo::Case,
            "NĐ 62/2015/NĐ-CP Điều 49 khoản 5; Luật THADS 26/2008 Điều 126",
            Confidence::Unconfirmed,
        )
        .to_verify("lãi tiền gửi tiền chưa có người nhận: chưa đối chiếu văn bản / not checked against the text");
        let new =
            Version::new(NEW_LAW_FROM, InterestTo::Case, "NĐ 152/2026/NĐ-CP Điều 30 khoản 7", Confidence::Confirmed);
        SavingsRules { interest_to: Versions::single(old).with(new) }
    }
}

/// How the payee was told to come for the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeHow {
    /// Giao trực tiếp.
    InPerson,
    /// Qua dịch vụ bưu chính.
    Post,
    /// Niêm yết công khai.
    Posting,
    /// Thông báo trên phương tiện điện tử, thông tin đại chúng.
    Electronic,
}

impl NoticeHow {
    pub const ALL: [NoticeHow; 4] = [NoticeHow::InPerson, NoticeHow::Post, NoticeHow::Posting, NoticeHow::Electronic];

    pub fn code(self) -> &'static str {
        match self {
            NoticeHow::InPerson => "in_person",
            NoticeHow::Post => "post",
            NoticeHow::Posting => "posting",
            NoticeHow::Electronic => "electronic",
        }
    }

    pub fn parse(code: &str) -> Option<NoticeHow> {
        NoticeHow::ALL.into_iter().find(|h| h.code() == code.trim())
    }
}

/// A passbook or savings account number: a code (an invisible character is refused), letters,
/// digits, '-', '/', '.'.
pub fn passbook(text: &str) -> Result<String, FieldError> {
    let t = PASSBOOK.clean_required(text)?;
    match t.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'))) {
        None => Ok(t),
        Some(c) => Err(FieldError { field: PASSBOOK, problem: Problem::NotAllowed(c) }),
    }
}

/// Where a case's unclaimed money stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "stage")]
pub enum Unclaimed {
    /// Held past its payout limit and no notice since: notify the payee.
    NoticeDue { since: Date, payout_due: Date },
    /// Notified; the payee may still come until `claim_due`.
    AwaitingClaim { notice: Date, claim_due: Date },
    /// Notified and the period to come has run out: post a small sum or deposit.
    DepositDue { notice: Date, claim_due: Date },
}

impl Unclaimed {
    pub fn code(self) -> &'static str {
        match self {
            Unclaimed::NoticeDue { .. } => "notice_due",
            Unclaimed::AwaitingClaim { .. } => "awaiting_claim",
            Unclaimed::DepositDue { .. } => "deposit_due",
        }
    }

    /// The day by which the next step is due.
    pub fn due(self) -> Date {
        match self {
            Unclaimed::NoticeDue { payout_due, .. } => payout_due,
            Unclaimed::AwaitingClaim { claim_due, .. } | Unclaimed::DepositDue { claim_due, .. } => claim_due,
        }
    }
}

/// What the stage of a case's unclaimed money is read from.
#[derive(Debug, Clone, Copy)]
pub struct UnclaimedQuestion<'a> {
    pub on: Date,
    pub payout: &'a DeadlineRules,
    pub limits: &'a Limits<MoneyLimit>,
    pub calendar: &'a WorkingCalendar,
}

/// The stage of a case's money held outside savings (`lots`, oldest first, from
/// `custody::held_lots`) given the day of its latest notice: none while the oldest lot is within
/// its payout limit. A notice given before the oldest lot came in does not count for it.
pub fn unclaimed(lots: &[HeldLot], latest_notice: Option<Date>, q: &UnclaimedQuestion<'_>) -> Option<Unclaimed> {
    let oldest = lots.first()?;
    let (payout_due, _) = payout_deadline(q.payout, oldest.since, q.calendar)?;
    if q.on <= payout_due {
        return None;
    }
    let Some(notice) = latest_notice.filter(|n| *n >= oldest.since) else {
        return Some(Unclaimed::NoticeDue { since: oldest.since, payout_due });
    };
    let claim_due = q.limits.from(MoneyLimit::ClaimPeriod, notice, q.calendar)?.due;
    Some(if q.on > claim_due {
        Unclaimed::DepositDue { notice, claim_due }
    } else {
        Unclaimed::AwaitingClaim { notice, claim_due }
    })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SavingsRefusal {
    #[error("số tiền phải lớn hơn 0 / the amount must be more than zero")]
    ZeroAmount,
    #[error(
        "gửi {asked} đ vượt số tiền đang giữ cho việc chưa gửi tiết kiệm {free} đ / more than is held outside savings"
    )]
    MoreThanHeld { asked: i64, free: i128 },
    #[error("rút {asked} đ vượt số dư tiền gửi {balance} đ / more than the deposit holds")]
    MoreThanDeposited { asked: i64, balance: i128 },
}

/// A deposit of `amount` of the case's money: more than zero and no more than is held for
/// the case outside savings and not ordered for payout.
pub fn check_deposit(money: &CaseMoney, amount: Vnd) -> Result<(), SavingsRefusal> {
    if amount.is_zero() {
        return Err(SavingsRefusal::ZeroAmount);
    }
    let free = money.depositable();
    if VndSum(i128::from(amount.dong())) > free {
        return Err(SavingsRefusal::MoreThanHeld { asked: amount.dong(), free: free.dong() });
    }
    Ok(())
}

/// A withdrawal (or interest reversal) of `amount` from a deposit whose balance is `balance`.
pub fn check_withdrawal(balance: VndSum, amount: Vnd) -> Result<(), SavingsRefusal> {
    if amount.is_zero() {
        return Err(SavingsRefusal::ZeroAmount);
    }
    if VndSum(i128::from(amount.dong())) > balance {
        return Err(SavingsRefusal::MoreThanDeposited { asked: amount.dong(), balance: balance.dong() });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
