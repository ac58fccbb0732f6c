//! Money in custody (issue 18): receipts (`receipts`), the distribution of a debtor's money
//! across the debtor's cases (`distributions`), payouts with the fee (`payouts`), unclaimed
//! money's notices and savings deposits (`savings`), a case's and a unit's money read from the custody ledger (`books`) and the check that ties the ledger, the
//! documents and the statistics together (`check`).
//!
//! Since 07/2025 only provincial agencies hold custody accounts: money taken by a regional
//! section is receipted into its province's books, numbered in the province's series
//! (`books_of`). A receipt on a case and each allocation of a distribution record the case's
//! `collected` event through `cases::record::record_in`, in the same transaction as the
//! document and its ledger entry, so the statistics' money and the ledger are one truth; a
//! cancelled receipt voids that event the same way. When a province merges into another, its
//! books are handed over to the successor's (`reorg::books`), and money taken afterwards goes there.

pub mod books;
pub mod check;
pub mod distributions;
pub mod fee_rules;
pub mod payouts;
pub mod receipts;
pub mod savings;
pub mod statements;

use thads_core::money::MoneyRules;
use thads_core::{CaseId, EventId, UnitId, UnitTree};
use thads_store::WriteTx;
use time::Date;

use crate::error::{AppError, AppResult};

/// The unit whose books hold money taken by `office`: the province it belongs to (itself if a
/// province), or, once that province merged into another, the successor that took its books
/// over (`reorg::books`). The national body and units outside any province hold no custody account.
pub fn books_of(units: &UnitTree, office: UnitId) -> AppResult<UnitId> {
    crate::reorg::books::books_over(units, office).ok_or_else(|| AppError::Field {
        field: "unit",
        message: "đơn vị này không có tài khoản tạm giữ (chỉ cục THADS tỉnh, thành phố) / this unit holds no custody \
                  account (only provincial agencies do)"
            .into(),
    })
}

/// The money rules in effect (order of payment, fee schedule, payout rules, limits), each
/// with its citation and confidence.
pub fn rules() -> MoneyRules {
    MoneyRules::default()
}

/// The first and last days a query of the books spans when it means "ever" (both backends
/// store these; `Date::MIN` is not a PostgreSQL date).
pub const EVER: (Date, Date) = (time::macros::date!(1900 - 01 - 01), time::macros::date!(9999 - 12 - 31));

/// Refuses a date after today, books handed over or closed with their province, books that are
/// no longer `office`'s (worked out from a tree of units older than the store's: a unit moved
/// to another province meanwhile), or a day the accountant closed. The books' unit is held
/// until the transaction ends (`MoneyTx::books_for_writing`), so that a merge handing them over
/// or a move taking cases' money out of them cannot miss this write.
fn check_day(tx: &mut dyn WriteTx, unit: UnitId, office: UnitId, date: Date, today: Date) -> AppResult<()> {
    if date > today {
        return Err(AppError::Field { field: "date", message: "ngày sau ngày hôm nay / a date after today".into() });
    }
    crate::reorg::books::ensure_books_open(tx, unit)?;
    if crate::reorg::books::books_in(tx, office)? != Some(unit) {
        return Err(AppError::Invalid(
            "đơn vị đã chuyển sang sổ của tỉnh khác; tải lại trang rồi ghi lại / the unit's books changed (it moved to \
             another province): reload and record it again"
                .into(),
        ));
    }
    if tx.day_closed(unit, date)? {
        return Err(AppError::Field {
            field: "date",
            message: format!(
                "sổ ngày {} đã khóa / the books of that day are closed",
                thads_core::dates::format_vn(date)
            ),
        });
    }
    Ok(())
}

/// The id of the record just written for `case` (the newest of its records).
fn newest_record(tx: &mut dyn WriteTx, case: CaseId) -> AppResult<Option<EventId>> {
    Ok(tx.records_of(&[case])?.into_iter().next().and_then(|(_, records)| records.iter().map(|r| r.id).max()))
}

fn amount_refusal(message: String) -> AppError {
    AppError::Field { field: "amount_vnd", message }
}
