//! Unclaimed money's documents (issue 18): the notices to a payee to come for a case's money
//! (`money_notices`) and the savings deposits of it (`money_deposits`), both append-only. The
//! deposit's interest and withdrawals are ledger entries recording the deposit
//! (`Document::Deposit`), so its balance is a sum of postings like every other figure.

use thads_core::{CaseId, UnitId};
use time::{Date, OffsetDateTime};

/// A notice to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    /// The province whose books hold the money.
    pub unit: UnitId,
    pub case: CaseId,
    pub date: Date,
    /// `in_person`, `post`, `posting` or `electronic` (`core::money::NoticeHow`).
    pub how: String,
    pub payee: String,
    pub address: Option<String>,
    pub by: String,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRecord {
    pub id: i64,
    pub notice: NewNotice,
}

/// A savings deposit to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeposit {
    pub unit: UnitId,
    pub case: CaseId,
    pub date: Date,
    pub bank: String,
    /// The passbook or savings account number.
    pub passbook: String,
    pub amount: i64,
    /// The notice after which the money was deposited, if any.
    pub notice: Option<i64>,
    pub by: String,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepositRecord {
    pub id: i64,
    pub deposit: NewDeposit,
}
