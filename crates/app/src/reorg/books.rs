//! Bàn giao sổ: a province that merges into another hands its custody books over to the
//! successor. Every balance of its books (cash, bank, treasury and savings deposits; what is
//! held for each debtor and case, payable to creditors, fees due, costs, owed back to debtors)
//! leaves them in one entry and enters the successor's in another
//! (`custody::handover_entries`), both documented by the merge (`Document::Reorganisation`).
//! A case's or a debtor's money summed over all books does not change, nor does how long a
//! case's money has been held (`held_lots` leaves the pair out). The money held for a debtor is
//! then found in the successor's books, where receipts, distributions and payouts of the
//! merged province's units are written from then on (`books_of` follows the successor), and
//! nothing more is written into the closed books (`ensure_books_open`).

use serde::Serialize;
use thads_core::money::custody::{Document, Head, balances, handover_entries};
use thads_core::{UnitId, UnitKind, UnitTree};
use thads_store::WriteTx;
use time::{Date, OffsetDateTime};

use crate::error::{AppError, AppResult};

/// One province's books handed over by a merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandedOver {
    pub from: UnitId,
    pub to: UnitId,
    /// The entries' day: the merge's, or the books' last entry's when that is later, moved on
    /// past the days closed in either books.
    pub date: Date,
    /// The money the books held (cash, bank, treasury, savings deposits), now the successor's.
    pub holdings_vnd: i128,
    /// The entry out of the closing books and the one into the successor's.
    pub entries: (i64, i64),
}

/// The books that hold `province`'s now: its own, or, once it merged into another province,
/// the successor's (followed through successive merges).
pub fn books_now(units: &UnitTree, province: UnitId) -> UnitId {
    let mut books = province;
    for _ in 0..64 {
        let next = units.get(books).filter(|u| u.valid_to.is_some()).and_then(|u| u.successor);
        match next {
            Some(s) if units.get(s).is_some_and(|u| u.kind == UnitKind::Province) => books = s,
            _ => break,
        }
    }
    books
}

/// Every province whose books `books` hold now: `books` itself first, then the closed provinces
/// whose books were handed over into them (through successive merges), by code. Their receipts'
/// series (numbered per issuing agency) are read with the books' own.
pub fn handed_into(units: &UnitTree, books: UnitId) -> Vec<UnitId> {
    let mut provinces = vec![books];
    provinces.extend(
        units
            .all()
            .iter()
            .filter(|u| u.kind == UnitKind::Province && u.id != books && u.valid_to.is_some())
            .filter(|u| books_now(units, u.id) == books)
            .map(|u| u.id),
    );
    provinces
}

/// Refuses a write into the books of a unit that closed (a merge handed them over, or the
/// province was split); holds the unit until the transaction ends
/// (`MoneyTx::books_for_writing`).
pub fn ensure_books_open(tx: &mut dyn WriteTx, books: UnitId) -> AppResult<()> {
    let unit = tx.books_for_writing(books)?.ok_or_else(|| AppError::NotFound(format!("đơn vị / unit #{}", books.0)))?;
    let Some(closed) = unit.valid_to else { return Ok(()) };
    let successor = match unit.successor {
        Some(s) => tx.unit(s)?.map(|u| u.code.to_string()),
        None => None,
    };
    let closed = thads_core::dates::format_vn(closed);
    Err(AppError::Invalid(match successor {
        Some(to) => format!(
            "sổ của {} đã bàn giao cho {to} (đơn vị đóng ngày {closed}); ghi vào sổ của {to} / the books of {} were \
             handed over to {to} (the unit closed on {closed}): record this in {to}'s books",
            unit.code, unit.code
        ),
        None => format!(
            "sổ của {} đã đóng cùng đơn vị ngày {closed} / the books of {} closed with the unit on {closed}",
            unit.code, unit.code
        ),
    }))
}

/// Hands `from`'s books over to `to` for the merge `operation` dated `on`, in the merge's
/// transaction, after `from` was closed (so that a writer that began before is in the books
/// read here, and one that comes after is refused); `None` when the books hold nothing.
pub fn hand_over(
    tx: &mut dyn WriteTx,
    (from, to): (UnitId, UnitId),
    operation: i64,
    on: Date,
    today: Date,
    at: OffsetDateTime,
) -> AppResult<Option<HandedOver>> {
    let entries = tx.books_entries(from)?;
    let Some(last) = entries.iter().map(|r| r.entry.date).max() else { return Ok(None) };
    let balances = balances(entries.iter().map(|r| &r.entry), Date::MAX);
    let holdings_vnd = balances.iter().filter(|((account, _), _)| account.is_holding()).map(|(_, b)| *b).sum();
    let date = open_day(tx, (from, to), on.max(last), today)?;
    let head = |unit| Head { unit, date, document: Document::Reorganisation(operation) };
    let pair = handover_entries(head(from), head(to), &balances).map_err(|e| AppError::Invalid(e.to_string()))?;
    let Some((out_of, into)) = pair else { return Ok(None) };
    let out_id = tx.insert_entry(&out_of, at)?;
    let in_id = tx.insert_entry(&into, at)?;
    Ok(Some(HandedOver { from, to, date, holdings_vnd, entries: (out_id.0, in_id.0) }))
}

/// The first day from `day` to `today` closed in neither books.
fn open_day(tx: &mut dyn WriteTx, (from, to): (UnitId, UnitId), first: Date, today: Date) -> AppResult<Date> {
    let mut day = first;
    while day <= today {
        if !tx.day_closed(from, day)? && !tx.day_closed(to, day)? {
            return Ok(day);
        }
        let Some(next) = day.next_day() else { break };
        day = next;
    }
    Err(AppError::Invalid(format!(
        "không có ngày nào từ {} đến hôm nay mà sổ của cả hai đơn vị còn mở để ghi bàn giao / no day from {} to today \
         is open in both books for the handover",
        thads_core::dates::format_vn(first),
        thads_core::dates::format_vn(first)
    )))
}
