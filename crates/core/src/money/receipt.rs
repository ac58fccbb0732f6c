//! Receipts (biên lai thu tiền, TT 04/2023/TT-BTP Điều 14–16): numbered per issuing agency and
//! calendar year from 1 without gaps, never deleted. A cancelled receipt keeps its number, says
//! why, and is reversed in the ledger. The store serialises the numbering (one issuer at a
//! time); this module says what the next number is and checks a year's numbers.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use super::custody::{Account, Document, EntryError, Head, LedgerEntry, Party, receipt_entry};
use super::party::{DebtorId, Text};
use crate::amount::Vnd;
use crate::case::CaseId;
use crate::dates::format_vn;
use crate::field::{self, FieldError};
use crate::unit::UnitId;

/// A receipt's number within its issuing agency: the year and the number in it, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReceiptNo {
    pub year: i32,
    pub number: u32,
}

impl fmt::Display for ReceiptNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:07}/{}", self.number, self.year)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    #[error(
        "đã cấp biên lai năm {last_year}; không cấp biên lai ngày {} của năm trước / receipts of a later year exist",
        format_vn(*.date)
    )]
    YearClosed { last_year: i32, date: Date },
    #[error("đã hết số biên lai của năm / no receipt numbers left this year")]
    Exhausted,
    #[error("số tiền thu phải lớn hơn 0 / the amount received must be more than zero")]
    ZeroAmount,
    #[error("biên lai {0} đã hủy / receipt already cancelled")]
    AlreadyCancelled(ReceiptNo),
    #[error("ngày hủy {} trước ngày biên lai {} / cancelled before it was issued", format_vn(*.on), format_vn(*.issued))]
    CancelledBeforeIssued { on: Date, issued: Date },
    #[error("hủy biên lai cần lý do / a cancellation needs a reason: {0}")]
    Reason(FieldError),
    #[error("hình thức thu không hợp lệ / unknown payment method «{0}» (cash, transfer)")]
    Method(String),
}

/// The number for a receipt dated `date` (Vietnam's date of issue: `app::clock::vietnam_date`),
/// after `last`, the issuer's last number (of any year).
pub fn next_number(last: Option<ReceiptNo>, date: Date) -> Result<ReceiptNo, ReceiptError> {
    let year = date.year();
    match last {
        Some(last) if last.year > year => Err(ReceiptError::YearClosed { last_year: last.year, date }),
        Some(last) if last.year == year => {
            let number = last.number.checked_add(1).ok_or(ReceiptError::Exhausted)?;
            Ok(ReceiptNo { year, number })
        }
        _ => Ok(ReceiptNo { year, number: 1 }),
    }
}

/// A fault in an issuer's numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NumberingFault {
    /// A number of the year that no receipt has, below the year's highest.
    Missing(ReceiptNo),
    Duplicate(ReceiptNo),
}

/// Every gap and duplicate in an issuer's numbers (cancelled receipts included: they keep
/// their number).
pub fn check_numbering(numbers: &[ReceiptNo]) -> Vec<NumberingFault> {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    let mut faults = Vec::new();
    let mut previous: Option<ReceiptNo> = None;
    for no in sorted {
        let expected_from = match previous {
            Some(p) if p == no => {
                faults.push(NumberingFault::Duplicate(no));
                continue;
            }
            Some(p) if p.year == no.year => p.number + 1,
            _ => 1,
        };
        faults.extend(
            (expected_from..no.number).map(|number| NumberingFault::Missing(ReceiptNo { year: no.year, number })),
        );
        previous = Some(no);
    }
    faults
}

/// How the money was paid in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Transfer,
}

impl PaymentMethod {
    pub fn parse(text: &str) -> Result<PaymentMethod, ReceiptError> {
        match text.trim() {
            "cash" => Ok(PaymentMethod::Cash),
            "transfer" => Ok(PaymentMethod::Transfer),
            other => Err(ReceiptError::Method(other.to_string())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Transfer => "transfer",
        }
    }

    /// The account the money goes into.
    pub fn account(self) -> Account {
        match self {
            PaymentMethod::Cash => Account::Cash,
            PaymentMethod::Transfer => Account::Bank,
        }
    }
}

/// Whose money a receipt is: a case's at once, or a debtor's until distributed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "for", content = "id")]
pub enum ReceiptFor {
    Case(CaseId),
    Debtor(DebtorId),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    pub on: Date,
    pub reason: Text,
}

/// A receipt as issued (and perhaps cancelled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub number: ReceiptNo,
    pub date: Date,
    pub amount: Vnd,
    pub payer: Text,
    pub method: PaymentMethod,
    pub paid_for: ReceiptFor,
    pub cancelled: Option<Cancellation>,
}

impl Receipt {
    pub fn new(
        number: ReceiptNo,
        date: Date,
        amount: Vnd,
        payer: Text,
        method: PaymentMethod,
        paid_for: ReceiptFor,
    ) -> Result<Receipt, ReceiptError> {
        if amount.is_zero() {
            return Err(ReceiptError::ZeroAmount);
        }
        Ok(Receipt { number, date, amount, payer, method, paid_for, cancelled: None })
    }

    /// The receipt cancelled on `on` for `reason`; it keeps its number.
    pub fn cancel(&self, on: Date, reason: &str) -> Result<Receipt, ReceiptError> {
        if self.cancelled.is_some() {
            return Err(ReceiptError::AlreadyCancelled(self.number));
        }
        if on < self.date {
            return Err(ReceiptError::CancelledBeforeIssued { on, issued: self.date });
        }
        let reason = Text::of(&field::NOTE, reason).map_err(ReceiptError::Reason)?;
        Ok(Receipt { cancelled: Some(Cancellation { on, reason }), ..self.clone() })
    }

    /// The ledger entry of the receipt (`id`: the receipt's id in the store).
    pub fn entry(&self, unit: UnitId, id: i64) -> Result<LedgerEntry, EntryError> {
        let head = Head { unit, date: self.date, document: Document::Receipt(id) };
        let to = match &self.paid_for {
            ReceiptFor::Case(case) => Party::Case(*case),
            ReceiptFor::Debtor(debtor) => Party::Debtor(debtor.clone()),
        };
        receipt_entry(head, self.method.account(), to, self.amount)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn no(year: i32, number: u32) -> ReceiptNo {
        ReceiptNo { year, number }
    }

    #[test]
    fn numbers_run_from_one_each_calendar_year_in_vietnam() {
        assert_eq!(next_number(None, date!(2026 - 03 - 02)), Ok(no(2026, 1)));
        assert_eq!(next_number(Some(no(2026, 41)), date!(2026 - 12 - 31)), Ok(no(2026, 42)));
        assert_eq!(next_number(Some(no(2026, 41)), date!(2027 - 01 - 01)), Ok(no(2027, 1)));
        assert!(matches!(
            next_number(Some(no(2027, 3)), date!(2026 - 12 - 31)),
            Err(ReceiptError::YearClosed { last_year: 2027, .. })
        ));
        assert_eq!(next_number(Some(no(2026, u32::MAX)), date!(2026 - 05 - 01)), Err(ReceiptError::Exhausted));
        assert_eq!(no(2026, 42).to_string(), "0000042/2026");
    }

    #[test]
    fn gaps_and_duplicates_are_found_per_year() {
        assert_eq!(check_numbering(&[no(2026, 2), no(2026, 1), no(2027, 1)]), []);
        assert_eq!(
            check_numbering(&[no(2026, 1), no(2026, 4), no(2026, 4), no(2027, 2)]),
            [
                NumberingFault::Missing(no(2026, 2)),
                NumberingFault::Missing(no(2026, 3)),
                NumberingFault::Duplicate(no(2026, 4)),
                NumberingFault::Missing(no(2027, 1)),
            ]
        );
    }

    #[test]
    fn a_cancellation_keeps_the_number_and_needs_a_reason() {
        let issued = Receipt::new(
            no(2026, 7),
            date!(2026 - 03 - 02),
            Vnd::new(500_000).unwrap(),
            Text::of(&field::PAYER, "Trần Thị Bình").unwrap(),
            PaymentMethod::Cash,
            ReceiptFor::Case(CaseId(3)),
        )
        .unwrap();
        assert!(matches!(issued.cancel(date!(2026 - 03 - 02), "  "), Err(ReceiptError::Reason(_))));
        assert!(matches!(
            issued.cancel(date!(2026 - 03 - 01), "ghi nhầm"),
            Err(ReceiptError::CancelledBeforeIssued { .. })
        ));
        let cancelled = issued.cancel(date!(2026 - 03 - 03), "Ghi nhầm số tiền").unwrap();
        assert_eq!(cancelled.number, no(2026, 7));
        assert_eq!(cancelled.cancelled.as_ref().map(|c| c.reason.as_str()), Some("Ghi nhầm số tiền"));
        assert_eq!(
            cancelled.cancel(date!(2026 - 03 - 04), "lần hai"),
            Err(ReceiptError::AlreadyCancelled(no(2026, 7)))
        );
        let entry = issued.entry(UnitId(1), 99).unwrap();
        assert_eq!(entry.postings[0].account, Account::Cash);
        assert_eq!(entry.document, Some(Document::Receipt(99)));
        assert!(
            Receipt::new(
                no(2026, 8),
                date!(2026 - 03 - 02),
                Vnd::ZERO,
                issued.payer.clone(),
                PaymentMethod::Transfer,
                ReceiptFor::Case(CaseId(3))
            )
            .is_err()
        );
    }
}
