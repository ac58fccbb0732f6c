//! Receipts (biên lai thu tiền): issued with the next number of the province's series for the
//! calendar year (taken inside the transaction, so that no number is skipped or given twice),
//! never deleted; a cancellation needs a reason, keeps the number, reverses the receipt's
//! ledger entry and voids the `collected` event it recorded.

use serde_json::json;
use thads_core::field;
use thads_core::money::custody::{CaseMoney, DebtorMoney, Document, Head, Party, receipt_entry, reversal};
use thads_core::money::party::{DebtorId, Text};
use thads_core::money::receipt::PaymentMethod;
use thads_core::money::{ReceiptFor, ReceiptNo, Vnd, next_receipt_number};
use thads_core::{Entry, Event, EventCode, Rules, UnitId, UnitTree};
use thads_store::{NewAudit, NewReceipt, ReceiptCancellation, ReceiptRecord, Store};
use time::Date;

use super::{amount_refusal, books_of, check_day, newest_record};
use crate::actor::Actor;
use crate::cases::record::{Changed, NewRecord, record_in};
use crate::error::{AppError, AppResult};

/// A receipt as typed.
#[derive(Debug, Clone)]
pub struct ReceiptInput {
    /// The unit taking the money (a province or one of its regional sections).
    pub office: UnitId,
    pub paid_for: ReceiptFor,
    pub date: Date,
    pub amount: Vnd,
    pub payer: String,
    pub method: PaymentMethod,
}

/// A receipt issued.
#[derive(Debug, Clone)]
pub struct Issued {
    pub id: i64,
    pub number: ReceiptNo,
    /// The case's change (its `collected` event), for a receipt on a case.
    pub changed: Option<Changed>,
}

/// Issues a receipt: its number, its ledger entry, and for a case its `collected` event, in
/// one transaction.
pub fn issue(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    units: &UnitTree,
    input: ReceiptInput,
) -> AppResult<Issued> {
    let mut tx = store.begin()?;
    let issued = issue_in(tx.as_mut(), actor, rules, units, input)?;
    tx.commit()?;
    Ok(issued)
}

/// `issue` inside a transaction the caller commits (the proceeds of a sold asset: the receipt,
/// its distribution and the asset's handover in one).
pub fn issue_in(
    tx: &mut dyn thads_store::WriteTx,
    actor: &Actor,
    rules: &Rules,
    units: &UnitTree,
    input: ReceiptInput,
) -> AppResult<Issued> {
    if input.amount.is_zero() {
        return Err(amount_refusal("số tiền thu phải lớn hơn 0 / the amount received must be more than zero".into()));
    }
    let payer = Text::of(&field::PAYER, &input.payer)
        .map_err(|e| AppError::Field { field: "payer", message: e.to_string() })?;
    let unit = books_of(units, input.office)?;
    check_day(tx, unit, input.office, input.date, actor.today())?;
    if let ReceiptFor::Case(case) = &input.paid_for {
        let found = tx.case_for_update(*case)?.ok_or_else(|| AppError::NotFound(format!("việc #{}", case.0)))?;
        if !units.covers(unit, found.facts.unit) {
            return Err(AppError::NotFound(format!("việc #{}", case.0)));
        }
    }
    let year = input.date.year();
    let (number, latest) = tx.take_receipt_number(unit, year)?;
    let last = latest.filter(|y| *y > year).map(|y| ReceiptNo { year: y, number: 1 });
    let number = match next_receipt_number(last, input.date) {
        Ok(_) => ReceiptNo { year, number },
        Err(e) => return Err(AppError::Field { field: "date", message: e.to_string() }),
    };
    let (changed, event, party) = match &input.paid_for {
        ReceiptFor::Case(case) => {
            let event =
                Event { date: input.date, code: EventCode::Collected, amount: Some(input.amount), ground: None };
            let note = format!("Biên lai thu tiền số {number}");
            let record = NewRecord { entry: Entry::Event(event), supersedes: None, note };
            let (changed, _) = record_in(tx, actor, rules, *case, None, record)?;
            let event = newest_record(tx, *case)?;
            (Some(changed), event, Party::Case(*case))
        }
        ReceiptFor::Debtor(debtor) => (None, None, Party::Debtor(debtor.clone())),
    };
    let receipt = NewReceipt {
        unit,
        office: input.office,
        date: input.date,
        amount: input.amount.dong(),
        payer: payer.as_str().to_string(),
        method: input.method.code().to_string(),
        case: match &input.paid_for {
            ReceiptFor::Case(c) => Some(*c),
            ReceiptFor::Debtor(_) => None,
        },
        debtor: match &input.paid_for {
            ReceiptFor::Debtor(d) => Some(d.as_str().to_string()),
            ReceiptFor::Case(_) => None,
        },
        by: actor.login.clone(),
        at: actor.at,
    };
    let id = tx.insert_receipt(year, number.number, &receipt, event.map(|e| e.0))?;
    let head = Head { unit, date: input.date, document: Document::Receipt(id) };
    let entry = receipt_entry(head, input.method.account(), party, input.amount)
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    tx.insert_entry(&entry, actor.at)?;
    if let ReceiptFor::Case(case) = &input.paid_for {
        // The case's money is now in the books: their payout limit replaces the event's.
        crate::deadlines::keep_book_case(tx, rules, actor.today(), *case)?;
    }
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: receipt.case,
        action: "money.receipt".into(),
        before: None,
        after: Some(
            json!({ "receipt": id, "number": number.to_string(), "amount": input.amount.dong(),
                    "payer": receipt.payer, "method": receipt.method, "debtor": receipt.debtor })
            .to_string(),
        ),
    })?;
    Ok(Issued { id, number, changed })
}

/// Cancels receipt `id` on `on` for `reason`: its entry is reversed, its event voided, its
/// number stays used. A debtor's receipt whose money was already distributed cannot be
/// cancelled (the distribution would be unfunded), nor a case's whose money was already paid
/// out (the case's money in the books would go below zero). The reversal is written into the books that
/// hold the receipt's money now: the receipt's own, or the successor's once a merge handed
/// them over (`reorg::books::books_now`).
pub fn cancel(
    store: &dyn Store,
    actor: &Actor,
    rules: &Rules,
    units: &UnitTree,
    id: i64,
    on: Date,
    reason: &str,
) -> AppResult<Option<Changed>> {
    let reason =
        Text::of(&field::REASON, reason).map_err(|e| AppError::Field { field: "reason", message: e.to_string() })?;
    let mut tx = store.begin()?;
    let receipt = tx.receipt_for_update(id)?.ok_or_else(|| AppError::NotFound(format!("biên lai #{id}")))?;
    if receipt.cancelled.is_some() {
        return Err(AppError::Invalid(format!(
            "biên lai {} đã hủy / receipt already cancelled",
            ReceiptNo { year: receipt.year, number: receipt.number }
        )));
    }
    if on < receipt.receipt.date {
        return Err(AppError::Field {
            field: "date",
            message: "ngày hủy trước ngày biên lai / cancelled before it was issued".into(),
        });
    }
    // The books that hold the receipt's money now: a case's money is in its unit's books (a
    // merge or a move took it there); a debtor's, in the books the receipt's were handed to.
    let (books, office, debtor_held) = match receipt.receipt.case {
        Some(case) => {
            let found = tx.case_for_update(case)?.ok_or_else(|| AppError::NotFound(format!("việc #{}", case.0)))?;
            (books_of(units, found.facts.unit)?, found.facts.unit, None)
        }
        None => {
            let (books, held) = debtor_books(store, tx.as_mut(), units, &receipt.receipt)?;
            (books, books, held)
        }
    };
    check_day(tx.as_mut(), books, office, on, actor.today())?;
    if let Some(held) = debtor_held.filter(|held| *held < i128::from(receipt.receipt.amount)) {
        return Err(amount_refusal(format!(
            "tiền của biên lai đã được phân chia (còn giữ {held} đ) / the receipt's money was already distributed"
        )));
    }
    if let Some(case) = receipt.receipt.case {
        let entries = tx.case_entries_tx(case)?;
        let held = CaseMoney::of(case, entries.iter().map(|r| &r.entry), Date::MAX).held.dong();
        if held < i128::from(receipt.receipt.amount) {
            return Err(amount_refusal(format!(
                "tiền của biên lai đã được chi trả (việc còn giữ {held} đ); nếu số tiền ghi sai, lập biên lai đúng \
                 trước rồi hủy biên lai này / the receipt's money was already paid out (the case holds {held} đ); if \
                 its amount is wrong, issue the right receipt first, then cancel this one"
            )));
        }
    }
    let changed = match (receipt.receipt.case, receipt.event) {
        (Some(case), Some(event)) => {
            let void = NewRecord {
                entry: Entry::Void,
                supersedes: Some(thads_core::EventId(event)),
                note: format!("Hủy biên lai: {}", reason.as_str()),
            };
            Some(record_in(tx.as_mut(), actor, rules, case, None, void)?.0)
        }
        _ => None,
    };
    let void_event = match (receipt.receipt.case, &changed) {
        (Some(case), Some(_)) => newest_record(tx.as_mut(), case)?.map(|e| e.0),
        _ => None,
    };
    for original in tx.document_entries("receipt", id)? {
        if original.entry.reverses.is_none() {
            tx.insert_entry(&reversal(&original, books, on), actor.at)?;
        }
    }
    tx.cancel_receipt(
        id,
        &ReceiptCancellation {
            on,
            reason: reason.as_str().to_string(),
            event: void_event,
            by: actor.login.clone(),
            at: actor.at,
        },
    )?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: receipt.receipt.case,
        action: "money.receipt_cancel".into(),
        before: Some(json!({ "receipt": id, "amount": receipt.receipt.amount }).to_string()),
        after: Some(
            json!({ "receipt": id, "cancelled_on": thads_core::dates::format_iso(on), "reason": reason.as_str(),
                    "books": books.0 })
            .to_string(),
        ),
    })?;
    tx.commit()?;
    Ok(changed)
}

/// The books that hold the money of a debtor's receipt now, with what they hold for the debtor:
/// those the receipt's province's books were handed to (a merge, or a split's hand-over to its
/// first part), unless they no longer hold it and the books of the debtor's cases do (a move
/// took the debtor's cases, and their money, to another province). The receipt's own books
/// otherwise, where the cancellation is then refused as distributed. No held amount for a
/// receipt that names no debtor.
fn debtor_books(
    store: &dyn Store,
    tx: &mut dyn thads_store::WriteTx,
    units: &UnitTree,
    receipt: &NewReceipt,
) -> AppResult<(UnitId, Option<i128>)> {
    let books = crate::reorg::books::books_holding(store, units, receipt.unit)?;
    let Some(debtor) = receipt.debtor.as_deref() else { return Ok((books, None)) };
    let amount = i128::from(receipt.amount);
    let held = held_for_debtor(tx, books, debtor)?;
    if held >= amount {
        return Ok((books, Some(held)));
    }
    let everywhere: Vec<UnitId> = units.all().iter().map(|u| u.id).collect();
    let mut elsewhere: Vec<UnitId> = tx
        .debtor_cases_locked(&everywhere, debtor)?
        .iter()
        .filter_map(|c| crate::reorg::books::books_over(units, c.case.facts.unit))
        .filter(|b| *b != books)
        .collect();
    elsewhere.sort_unstable();
    elsewhere.dedup();
    for other in elsewhere {
        let there = held_for_debtor(tx, other, debtor)?;
        if there >= amount {
            return Ok((other, Some(there)));
        }
    }
    Ok((books, Some(held)))
}

/// What is held for a debtor in a province's books and not yet distributed.
pub(super) fn held_for_debtor(tx: &mut dyn thads_store::WriteTx, unit: UnitId, debtor: &str) -> AppResult<i128> {
    let entries = tx.debtor_entries(unit, debtor)?;
    let id = DebtorId::new(debtor).map_err(|e| AppError::Field { field: "debtor_id", message: e.to_string() })?;
    let money = DebtorMoney::of(&id, entries.iter().map(|r| &r.entry), Date::MAX);
    Ok(money.held.dong())
}

/// The receipt's number as printed (`0000042/2026`).
pub fn number_of(r: &ReceiptRecord) -> String {
    ReceiptNo { year: r.year, number: r.number }.to_string()
}
