//! Money in custody (issue 18): the custody ledger's entries and postings (append-only), the
//! receipts with their numbers (without gaps per issuing agency and calendar year) and their
//! cancellations, the distributions of a debtor's money with their allocations, the payouts,
//! the notices of unclaimed money and its savings deposits (`money_savings`), and the days an
//! accountant closed. The store checks keys and writes rows; the rules
//! (`thads_core::money`) and the decisions are the app's.

use thads_core::money::custody::{EntryId, EntryRecord, LedgerEntry};
use thads_core::{Case, CaseId, UnitId};
use time::{Date, OffsetDateTime};

use crate::StoreResult;
pub use crate::money_savings::{DepositRecord, NewDeposit, NewNotice, NoticeRecord};

/// A receipt to write; the store gives it its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReceipt {
    /// The issuing agency (the province whose accounts receive the money).
    pub unit: UnitId,
    /// The unit that took the money (the province itself or one of its regional sections).
    pub office: UnitId,
    pub date: Date,
    pub amount: i64,
    pub payer: String,
    /// `cash` or `transfer`.
    pub method: String,
    pub case: Option<CaseId>,
    pub debtor: Option<String>,
    pub by: String,
    pub at: OffsetDateTime,
}

/// A stored receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub id: i64,
    pub year: i32,
    pub number: u32,
    pub receipt: NewReceipt,
    /// The `collected` event a receipt on a case recorded.
    pub event: Option<i64>,
    pub cancelled: Option<ReceiptCancellation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptCancellation {
    pub on: Date,
    pub reason: String,
    /// The void of the receipt's `collected` event.
    pub event: Option<i64>,
    pub by: String,
    pub at: OffsetDateTime,
}

/// Which receipts to list: an issuing agency's, dated within [from, to], newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptQuery {
    pub unit: UnitId,
    pub from: Date,
    pub to: Date,
    pub case: Option<CaseId>,
    pub limit: u32,
}

/// One case's share of a distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationRow {
    pub case: CaseId,
    pub case_no: String,
    pub rank: u8,
    pub principal: i64,
    pub interest: i64,
    /// The `collected` event it recorded.
    pub event: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDistribution {
    pub unit: UnitId,
    pub office: UnitId,
    pub debtor: String,
    pub date: Date,
    pub amount: i64,
    pub costs: i64,
    pub coercion_on: Option<Date>,
    pub returned: i64,
    pub allocations: Vec<AllocationRow>,
    pub by: String,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionRecord {
    pub id: i64,
    pub distribution: NewDistribution,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayout {
    pub unit: UnitId,
    pub case: CaseId,
    pub date: Date,
    /// Taken from the case's money: what the payee receives plus the fee.
    pub amount: i64,
    pub fee: i64,
    /// `cash`, `transfer` or `post`.
    pub method: String,
    /// `individual` or `organisation`.
    pub payee_kind: String,
    pub payee: String,
    pub payee_id: Option<String>,
    /// Where a payout by post was sent.
    pub payee_address: Option<String>,
    pub by: String,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutRecord {
    pub id: i64,
    pub payout: NewPayout,
}

/// A case's money documents summed, for the check: receipts (cancelled ones left out),
/// allocations, payouts and fees, and the `collected` events those documents recorded that
/// still count (not superseded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaseDocumentSums {
    pub receipts: i128,
    pub allocations: i128,
    pub paid_out: i128,
    pub fees: i128,
    pub linked_collected: i128,
    /// Savings deposits recorded (`money_deposits`).
    pub deposits: i128,
}

/// A case's postings summed by movement, account and side (the check folds them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingSum {
    pub case: CaseId,
    pub movement: String,
    pub account: String,
    pub side: String,
    pub amount: i128,
}

/// A day the accountant closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayClosing {
    pub unit: UnitId,
    pub date: Date,
    pub by: String,
    pub at: OffsetDateTime,
}

/// A case of a debtor as a distribution reads it: the whole case and its obligation's code
/// (`case_details.obligation`, empty when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebtorCase {
    pub case: Case,
    pub obligation: String,
}

/// A bank statement to write: its lines, each with the receipt or payout it matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatement {
    /// The province whose custody account it is.
    pub unit: UnitId,
    pub lines: Vec<StatementLineRow>,
    pub by: String,
    pub at: OffsetDateTime,
}

/// One line of a stored statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLineRow {
    /// Its row in the file.
    pub row: u32,
    pub date: Date,
    /// `in` or `out`.
    pub direction: String,
    pub amount: i64,
    pub reference: String,
    pub receipt: Option<i64>,
    pub payout: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRecord {
    pub id: i64,
    pub statement: NewStatement,
}

/// Reads.
pub trait Money {
    fn receipt(&self, id: i64) -> StoreResult<Option<ReceiptRecord>>;
    fn receipts(&self, query: &ReceiptQuery) -> StoreResult<Vec<ReceiptRecord>>;
    /// Every entry with a posting of the case, oldest first, with **only the case's postings**
    /// (what `CaseMoney`, `held_lots` and `deposit_balance` fold): a distribution's entry has a
    /// posting for each of its tens of thousands of cases, which a case's page must not read.
    /// `unit_entries` and `document_entries` give entries whole.
    fn case_entries(&self, case: CaseId) -> StoreResult<Vec<EntryRecord>>;
    /// Of `cases`, those with an entry in the custody books, in case id order: their money's
    /// payout limit is the books' (listed while money is held, cleared by a payout), not the
    /// deadlines table's.
    fn cases_in_books(&self, cases: &[CaseId]) -> StoreResult<Vec<CaseId>>;
    /// Every entry of a unit's books dated within [from, to], by date then id.
    fn unit_entries(&self, unit: UnitId, from: Date, to: Date) -> StoreResult<Vec<EntryRecord>>;
    /// Every entry of a unit's books that holds money of a case (for balances per case).
    fn unit_case_postings(&self, unit: UnitId) -> StoreResult<Vec<PostingSum>>;
    fn distribution(&self, id: i64) -> StoreResult<Option<DistributionRecord>>;
    fn distributions(&self, unit: UnitId, limit: u32) -> StoreResult<Vec<DistributionRecord>>;
    fn payouts(&self, unit: UnitId, case: Option<CaseId>, limit: u32) -> StoreResult<Vec<PayoutRecord>>;
    /// The postings of every case (of the units given; all when empty) summed.
    fn posting_sums(&self, units: &[UnitId]) -> StoreResult<Vec<PostingSum>>;
    /// The documents of every case (of the units given, by the case's unit; all when empty).
    fn document_sums(&self, units: &[UnitId]) -> StoreResult<Vec<(CaseId, CaseDocumentSums)>>;
    /// The receipt numbers issued by an agency in a year, in order.
    fn receipt_numbers(&self, unit: UnitId, year: i32) -> StoreResult<Vec<u32>>;
    fn closings(&self, unit: UnitId) -> StoreResult<Vec<DayClosing>>;
    /// The cases of the units given (by the case's unit; all when empty) whose money is held
    /// (held for the case or ordered for payout), with what their payout limits need (unit,
    /// officer, number, and their entries with their own postings, as `case_entries`), in case
    /// id order: one statement, however many cases hold money (a distribution leaves tens of
    /// thousands).
    fn held_case_entries(&self, units: &[UnitId]) -> StoreResult<Vec<HeldCase>>;
    /// The id of the last entry written in any books (0 before the first): it moves with every
    /// receipt, distribution, payout, deposit or reversal, so what is kept from the books (the
    /// dashboard's payout limits) is known to be stale.
    fn last_entry_id(&self) -> StoreResult<i64>;
    /// Every entry documented by a reorganisation (the books handed over, the money moved with
    /// a unit or sent to a split's parts), whole, in id order: each operation's come in pairs,
    /// the entry out of the old books, then the entry into the new ones.
    fn reorganisation_entries(&self) -> StoreResult<Vec<EntryRecord>>;
    /// A stored bank statement with its lines in order.
    fn statement(&self, id: i64) -> StoreResult<Option<StatementRecord>>;
    /// A province's statements, newest first, without their lines.
    fn statements(&self, unit: UnitId, limit: u32) -> StoreResult<Vec<StatementRecord>>;
    /// The notices given for a case's money, newest first.
    fn notices(&self, case: CaseId) -> StoreResult<Vec<NoticeRecord>>;
    fn deposit(&self, id: i64) -> StoreResult<Option<DepositRecord>>;
    /// A province's savings deposits (one case's, when given), newest first.
    fn deposits(&self, unit: UnitId, case: Option<CaseId>, limit: u32) -> StoreResult<Vec<DepositRecord>>;
}

/// Writes, in one transaction.
pub trait MoneyTx {
    /// The next receipt number of `unit` in `year`, taken (a rolled-back transaction gives it
    /// back): writers of the same agency wait for each other here. Also the latest year this
    /// agency has numbered, before this one.
    fn take_receipt_number(&mut self, unit: UnitId, year: i32) -> StoreResult<(u32, Option<i32>)>;
    fn insert_receipt(&mut self, year: i32, number: u32, receipt: &NewReceipt, event: Option<i64>) -> StoreResult<i64>;
    /// The receipt, locked against a second cancellation.
    fn receipt_for_update(&mut self, id: i64) -> StoreResult<Option<ReceiptRecord>>;
    fn cancel_receipt(&mut self, id: i64, cancellation: &ReceiptCancellation) -> StoreResult<()>;
    fn insert_entry(&mut self, entry: &LedgerEntry, at: OffsetDateTime) -> StoreResult<EntryId>;
    /// The entries recording a document (`receipt`, `distribution`, `payout`), to reverse.
    fn document_entries(&mut self, kind: &str, id: i64) -> StoreResult<Vec<EntryRecord>>;
    /// Every entry with a posting of the debtor in the unit's books; the debtor is locked, so
    /// that two distributions of the same money wait for each other.
    fn debtor_entries(&mut self, unit: UnitId, debtor: &str) -> StoreResult<Vec<EntryRecord>>;
    /// `Money::case_entries` (only the case's postings) in the transaction; the case is locked
    /// by the caller.
    fn case_entries_tx(&mut self, case: CaseId) -> StoreResult<Vec<EntryRecord>>;
    /// `Money::cases_in_books` as the transaction sees the books.
    fn cases_in_books_tx(&mut self, cases: &[CaseId]) -> StoreResult<Vec<CaseId>>;
    /// The cases whose debtor is `debtor` among the units given.
    fn debtor_cases(&mut self, units: &[UnitId], debtor: &str) -> StoreResult<Vec<CaseId>>;
    /// `debtor_cases` read whole in one statement, each with its obligation, in case id order;
    /// the cases are locked (PostgreSQL) until the transaction ends, as `case_for_update` locks
    /// one: a distribution across tens of thousands of cases reads them at once.
    fn debtor_cases_locked(&mut self, units: &[UnitId], debtor: &str) -> StoreResult<Vec<DebtorCase>>;
    fn insert_distribution(&mut self, d: &NewDistribution) -> StoreResult<i64>;
    fn insert_payout(&mut self, p: &NewPayout) -> StoreResult<i64>;
    /// Closes a day of a unit's books (a second closing of the same day is `Duplicate`).
    fn close_day(&mut self, closing: &DayClosing) -> StoreResult<()>;
    /// Writes a bank statement and its lines; a receipt or payout already matched by a line of
    /// any statement is `Duplicate`.
    fn insert_statement(&mut self, statement: &NewStatement) -> StoreResult<i64>;
    /// The receipts and payouts of a unit already matched by a statement line.
    fn matched_documents(&mut self, unit: UnitId) -> StoreResult<(Vec<i64>, Vec<i64>)>;
    /// Whether the day is closed.
    fn day_closed(&mut self, unit: UnitId, date: Date) -> StoreResult<bool>;
    /// The unit whose books an entry is about to be written into, as it stands (its closing
    /// day, its successor), held until the transaction ends: on PostgreSQL its row is locked in
    /// share mode, so that a merge handing its books over (which updates the row) waits for
    /// the writers already past this point, and the writers that come after see it closed.
    /// `None`: no such unit.
    fn books_for_writing(&mut self, unit: UnitId) -> StoreResult<Option<thads_core::Unit>>;
    /// Every entry of a unit's books, whole (each with all its postings), in id order.
    fn books_entries(&mut self, unit: UnitId) -> StoreResult<Vec<EntryRecord>>;
    /// A notice to a payee to come for a case's money.
    fn insert_notice(&mut self, notice: &crate::NewNotice) -> StoreResult<i64>;
    /// A savings deposit of a case's money (its ledger entry is written by the caller).
    fn insert_deposit(&mut self, deposit: &crate::NewDeposit) -> StoreResult<i64>;
}

/// An entry's columns and one of its postings, as both backends read them (ordered by entry,
/// then line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryPostingRow {
    pub id: i64,
    pub unit: i64,
    pub date: Date,
    pub movement: String,
    pub document_kind: Option<String>,
    pub document_id: Option<i64>,
    pub reverses: Option<i64>,
    pub posting: thads_core::money::custody::PostingRow,
}

/// A case whose money is held, with what the payout limits need (`Money::held_case_entries`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldCase {
    pub case: CaseId,
    pub unit: UnitId,
    pub officer: Option<thads_core::StaffId>,
    pub case_no: String,
    /// Its entries with its own postings only, oldest first (as `Money::case_entries`).
    pub entries: Vec<EntryRecord>,
}

/// The columns of `Money::held_case_entries`: those of `ENTRY_SELECT`, then the case's unit,
/// officer and number; `{held}` is the query of the held cases' ids (`case_id`).
pub const HELD_CASE_SELECT: &str = "select e.id, e.unit_id, e.date, e.movement, e.document_kind, e.document_id, \
     e.reverses, p.account, p.party, p.case_id, p.debtor_id, p.side, p.amount, c.unit_id, c.officer_id, c.case_no \
     from held h join cases c on c.id = h.case_id join money_postings p on p.case_id = h.case_id \
     join money_entries e on e.id = p.entry_id order by p.case_id, e.id, p.line";

/// `HeldCase`s from rows of `HELD_CASE_SELECT`: each entry row with its case's unit, officer and
/// number, ordered by case, then entry and line.
pub fn assemble_held(rows: Vec<(EntryPostingRow, i64, Option<i64>, String)>) -> StoreResult<Vec<HeldCase>> {
    let mut out = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while let Some((first, unit, officer, case_no)) = rows.next() {
        let case = first.posting.case_id;
        let mut group = vec![first];
        while let Some((row, ..)) = rows.next_if(|(r, ..)| r.posting.case_id == case) {
            group.push(row);
        }
        out.push(HeldCase {
            case: CaseId(case.unwrap_or_default()),
            unit: UnitId(unit),
            officer: officer.map(thads_core::StaffId),
            case_no,
            entries: assemble_entries(group)?,
        });
    }
    Ok(out)
}

/// The select both backends read entries with (`{where}`: the entry ids to read, a subquery).
pub const ENTRY_SELECT: &str = "select e.id, e.unit_id, e.date, e.movement, e.document_kind, e.document_id, \
     e.reverses, p.account, p.party, p.case_id, p.debtor_id, p.side, p.amount from money_entries e \
     join money_postings p on p.entry_id = e.id";

/// A document's stored kind and id.
pub fn document_columns(d: Option<thads_core::money::custody::Document>) -> (Option<&'static str>, Option<i64>) {
    use thads_core::money::custody::Document;
    match d {
        Some(Document::Receipt(id)) => (Some("receipt"), Some(id)),
        Some(Document::Distribution(id)) => (Some("distribution"), Some(id)),
        Some(Document::Payout(id)) => (Some("payout"), Some(id)),
        Some(Document::Voucher(id)) => (Some("voucher"), Some(id)),
        Some(Document::Deposit(id)) => (Some("deposit"), Some(id)),
        Some(Document::Reorganisation(id)) => (Some("reorganisation"), Some(id)),
        None => (None, None),
    }
}

/// Rows (ordered by entry id, then line) back into entries.
pub fn assemble_entries(rows: Vec<EntryPostingRow>) -> StoreResult<Vec<EntryRecord>> {
    use thads_core::money::custody::{Document, Movement, Posting};
    let mut out: Vec<EntryRecord> = Vec::new();
    for row in rows {
        let posting = Posting::from_row(&row.posting).map_err(|e| crate::StoreError::corrupt("money_postings", e))?;
        if let Some(last) = out.last_mut()
            && last.id.0 == row.id
        {
            last.entry.postings.push(posting);
            continue;
        }
        let movement = Movement::parse(&row.movement)
            .ok_or_else(|| crate::StoreError::corrupt("money_entries.movement", &row.movement))?;
        let document = match (row.document_kind.as_deref(), row.document_id) {
            (Some("receipt"), Some(id)) => Some(Document::Receipt(id)),
            (Some("distribution"), Some(id)) => Some(Document::Distribution(id)),
            (Some("payout"), Some(id)) => Some(Document::Payout(id)),
            (Some("voucher"), Some(id)) => Some(Document::Voucher(id)),
            (Some("deposit"), Some(id)) => Some(Document::Deposit(id)),
            (Some("reorganisation"), Some(id)) => Some(Document::Reorganisation(id)),
            (None, None) => None,
            (kind, _) => return Err(crate::StoreError::corrupt("money_entries.document_kind", kind.unwrap_or(""))),
        };
        out.push(EntryRecord {
            id: EntryId(row.id),
            entry: LedgerEntry {
                unit: UnitId(row.unit),
                date: row.date,
                movement,
                document,
                reverses: row.reverses.map(EntryId),
                postings: vec![posting],
            },
        });
    }
    out.sort_by_key(|r| (r.entry.date, r.id));
    Ok(out)
}
