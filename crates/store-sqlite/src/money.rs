//! Money in custody on SQLite (schema 12): the custody ledger's entries and postings, receipts
//! and their numbers, distributions, payouts and closed days. A write transaction holds the
//! database's write lock (`BEGIN IMMEDIATE`), so taking a receipt number is already serialised.

use rusqlite::{OptionalExtension, Row, params};
use thads_core::money::custody::{EntryId, EntryRecord, LedgerEntry, PostingRow};
use thads_core::{CaseId, UnitId};
use thads_store::{
    AllocationRow, CaseDocumentSums, DayClosing, DebtorCase, DistributionRecord, ENTRY_SELECT, EntryPostingRow, Money,
    MoneyTx, NewDistribution, NewPayout, NewReceipt, PayoutRecord, PostingSum, ReceiptCancellation, ReceiptQuery,
    ReceiptRecord, StoreError, StoreResult, assemble_entries, document_columns,
};
use time::Date;

use crate::SqliteStore;
use crate::convert::{date_of, date_text, instant_of, instant_secs, query_all};
use crate::error::{refused, unique};
use crate::tx::SqliteTx;

fn get<T: rusqlite::types::FromSql>(row: &Row<'_>, i: usize) -> StoreResult<T> {
    row.get(i).map_err(StoreError::backend)
}

fn date(row: &Row<'_>, i: usize, column: &str) -> StoreResult<Date> {
    date_of(column, &get::<String>(row, i)?)
}

fn entry_row(row: &Row<'_>) -> StoreResult<EntryPostingRow> {
    Ok(EntryPostingRow {
        id: get(row, 0)?,
        unit: get(row, 1)?,
        date: date(row, 2, "money_entries.date")?,
        movement: get(row, 3)?,
        document_kind: get(row, 4)?,
        document_id: get(row, 5)?,
        reverses: get(row, 6)?,
        posting: PostingRow {
            account: get(row, 7)?,
            party: get(row, 8)?,
            case_id: get(row, 9)?,
            debtor_id: get(row, 10)?,
            side: get(row, 11)?,
            amount: get(row, 12)?,
        },
    })
}

/// `Money::case_entries`: the entries of the case's postings, with those postings only.
fn case_postings(conn: &rusqlite::Connection, case: CaseId) -> StoreResult<Vec<EntryRecord>> {
    let sql = format!("{ENTRY_SELECT} where p.case_id = ?1 order by e.id, p.line");
    assemble_entries(query_all(conn, &sql, [case.0], entry_row)?)
}

fn entries(conn: &rusqlite::Connection, filter: &str, p: impl rusqlite::Params) -> StoreResult<Vec<EntryRecord>> {
    let sql = format!("{ENTRY_SELECT} where e.id in ({filter}) order by e.id, p.line");
    assemble_entries(query_all(conn, &sql, p, entry_row)?)
}

const RECEIPT_COLUMNS: &str = "r.id, r.unit_id, r.office_id, r.year, r.number, r.date, r.amount, r.payer, r.method, \
     r.case_id, r.debtor_id, r.event_id, r.created_by, r.created_at, c.cancelled_on, c.reason, c.event_id, \
     c.created_by, c.created_at";
const RECEIPT_FROM: &str = "from money_receipts r left join money_receipt_cancellations c on c.receipt_id = r.id";

fn receipt(row: &Row<'_>) -> StoreResult<ReceiptRecord> {
    let cancelled = match get::<Option<String>>(row, 14)? {
        Some(on) => Some(ReceiptCancellation {
            on: date_of("money_receipt_cancellations.cancelled_on", &on)?,
            reason: get(row, 15)?,
            event: get(row, 16)?,
            by: get(row, 17)?,
            at: instant_of("money_receipt_cancellations.created_at", get(row, 18)?)?,
        }),
        None => None,
    };
    let number: i64 = get(row, 4)?;
    Ok(ReceiptRecord {
        id: get(row, 0)?,
        year: get(row, 3)?,
        number: u32::try_from(number).map_err(|_| StoreError::corrupt("money_receipts.number", number))?,
        receipt: NewReceipt {
            unit: UnitId(get(row, 1)?),
            office: UnitId(get(row, 2)?),
            date: date(row, 5, "money_receipts.date")?,
            amount: get(row, 6)?,
            payer: get(row, 7)?,
            method: get(row, 8)?,
            case: get::<Option<i64>>(row, 9)?.map(CaseId),
            debtor: get(row, 10)?,
            by: get(row, 12)?,
            at: instant_of("money_receipts.created_at", get(row, 13)?)?,
        },
        event: get(row, 11)?,
        cancelled,
    })
}

const DISTRIBUTION_COLUMNS: &str =
    "id, unit_id, office_id, debtor_id, date, amount, costs, coercion_on, returned, created_by, created_at";

fn distribution(conn: &rusqlite::Connection, row: &Row<'_>) -> StoreResult<DistributionRecord> {
    let id: i64 = get(row, 0)?;
    let allocations = query_all(
        conn,
        "select case_id, case_no, rank, principal, interest, event_id from money_allocations
         where distribution_id = ?1 order by rank, case_no",
        [id],
        |r| {
            let rank: i64 = get(r, 2)?;
            Ok(AllocationRow {
                case: CaseId(get(r, 0)?),
                case_no: get(r, 1)?,
                rank: u8::try_from(rank).map_err(|_| StoreError::corrupt("money_allocations.rank", rank))?,
                principal: get(r, 3)?,
                interest: get(r, 4)?,
                event: get(r, 5)?,
            })
        },
    )?;
    let coercion: Option<String> = get(row, 7)?;
    Ok(DistributionRecord {
        id,
        distribution: NewDistribution {
            unit: UnitId(get(row, 1)?),
            office: UnitId(get(row, 2)?),
            debtor: get(row, 3)?,
            date: date(row, 4, "money_distributions.date")?,
            amount: get(row, 5)?,
            costs: get(row, 6)?,
            coercion_on: coercion.map(|c| date_of("money_distributions.coercion_on", &c)).transpose()?,
            returned: get(row, 8)?,
            allocations,
            by: get(row, 9)?,
            at: instant_of("money_distributions.created_at", get(row, 10)?)?,
        },
    })
}

const PAYOUT_COLUMNS: &str = "id, unit_id, case_id, date, amount, fee, method, payee_kind, payee, payee_id, created_by, created_at, \
     payee_address";

fn payout(row: &Row<'_>) -> StoreResult<PayoutRecord> {
    Ok(PayoutRecord {
        id: get(row, 0)?,
        payout: NewPayout {
            unit: UnitId(get(row, 1)?),
            case: CaseId(get(row, 2)?),
            date: date(row, 3, "money_payouts.date")?,
            amount: get(row, 4)?,
            fee: get(row, 5)?,
            method: get(row, 6)?,
            payee_kind: get(row, 7)?,
            payee: get(row, 8)?,
            payee_id: get(row, 9)?,
            by: get(row, 10)?,
            at: instant_of("money_payouts.created_at", get(row, 11)?)?,
            payee_address: get(row, 12)?,
        },
    })
}

fn posting_sum(row: &Row<'_>) -> StoreResult<PostingSum> {
    let amount: i64 = get(row, 4)?;
    Ok(PostingSum {
        case: CaseId(get(row, 0)?),
        movement: get(row, 1)?,
        account: get(row, 2)?,
        side: get(row, 3)?,
        amount: i128::from(amount),
    })
}

/// `and <column> in (…)` for a list of unit ids (plain integers), or nothing for all units.
fn units_filter(column: &str, units: &[UnitId]) -> String {
    if units.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = units.iter().map(|u| u.0.to_string()).collect();
    format!(" and {column} in ({})", ids.join(", "))
}

/// The cases of `units` (all when empty) whose money is held, with what is held (`case_id`,
/// `held`): the cases `Money::held_case_entries` reads.
fn held_sql(units: &[UnitId]) -> String {
    format!(
        "select p.case_id, sum(case when p.side = 'credit' then p.amount else -p.amount end) as held
         from money_postings p join cases c on c.id = p.case_id
         where p.account in ('held_for_case', 'payable_to_creditor'){}
         group by p.case_id having sum(case when p.side = 'credit' then p.amount else -p.amount end) > 0",
        units_filter("c.unit_id", units)
    )
}

impl Money for SqliteStore {
    fn statement(&self, id: i64) -> StoreResult<Option<thads_store::StatementRecord>> {
        crate::money_statements::read(&*self.pool.get()?, id)
    }

    fn notices(&self, case: CaseId) -> StoreResult<Vec<thads_store::NoticeRecord>> {
        crate::money_savings::notices(&*self.pool.get()?, case)
    }

    fn deposit(&self, id: i64) -> StoreResult<Option<thads_store::DepositRecord>> {
        crate::money_savings::read_deposit(&*self.pool.get()?, id)
    }

    fn deposits(&self, unit: UnitId, case: Option<CaseId>, limit: u32) -> StoreResult<Vec<thads_store::DepositRecord>> {
        crate::money_savings::deposits(&*self.pool.get()?, unit, case, limit)
    }

    fn statements(&self, unit: UnitId, limit: u32) -> StoreResult<Vec<thads_store::StatementRecord>> {
        crate::money_statements::list(&*self.pool.get()?, unit, limit)
    }
    fn last_entry_id(&self) -> StoreResult<i64> {
        self.pool
            .get()?
            .query_row("select coalesce(max(id), 0) from money_entries", [], |r| r.get(0))
            .map_err(StoreError::backend)
    }

    fn held_case_entries(&self, units: &[UnitId]) -> StoreResult<Vec<thads_store::HeldCase>> {
        let sql = format!("with held as ({}) {}", held_sql(units), thads_store::HELD_CASE_SELECT);
        let rows = self.query_all(&sql, params![], |r| Ok((entry_row(r)?, get(r, 13)?, get(r, 14)?, get(r, 15)?)))?;
        thads_store::assemble_held(rows)
    }

    fn receipt(&self, id: i64) -> StoreResult<Option<ReceiptRecord>> {
        self.query_one(&format!("select {RECEIPT_COLUMNS} {RECEIPT_FROM} where r.id = ?1"), [id], receipt)
    }

    fn receipts(&self, q: &ReceiptQuery) -> StoreResult<Vec<ReceiptRecord>> {
        let sql = format!(
            "select {RECEIPT_COLUMNS} {RECEIPT_FROM} where r.unit_id = ?1 and r.date >= ?2 and r.date <= ?3
             and (?4 is null or r.case_id = ?4) order by r.year desc, r.number desc limit ?5"
        );
        self.query_all(
            &sql,
            params![q.unit.0, date_text(q.from), date_text(q.to), q.case.map(|c| c.0), q.limit],
            receipt,
        )
    }

    fn case_entries(&self, case: CaseId) -> StoreResult<Vec<EntryRecord>> {
        case_postings(&*self.pool.get()?, case)
    }

    fn cases_in_books(&self, cases: &[CaseId]) -> StoreResult<Vec<CaseId>> {
        in_books(&*self.pool.get()?, cases)
    }

    fn unit_entries(&self, unit: UnitId, from: Date, to: Date) -> StoreResult<Vec<EntryRecord>> {
        entries(
            &*self.pool.get()?,
            "select id from money_entries where unit_id = ?1 and date >= ?2 and date <= ?3",
            params![unit.0, date_text(from), date_text(to)],
        )
    }

    fn reorganisation_entries(&self) -> StoreResult<Vec<EntryRecord>> {
        entries(&*self.pool.get()?, "select id from money_entries where document_kind = 'reorganisation'", params![])
    }

    fn unit_case_postings(&self, unit: UnitId) -> StoreResult<Vec<PostingSum>> {
        self.query_all(
            "select p.case_id, e.movement, p.account, p.side, sum(p.amount) from money_postings p
             join money_entries e on e.id = p.entry_id where e.unit_id = ?1 and p.case_id is not null
             group by p.case_id, e.movement, p.account, p.side order by p.case_id",
            [unit.0],
            posting_sum,
        )
    }

    fn distribution(&self, id: i64) -> StoreResult<Option<DistributionRecord>> {
        let conn = self.pool.get()?;
        let sql = format!("select {DISTRIBUTION_COLUMNS} from money_distributions where id = ?1");
        Ok(query_all(&conn, &sql, [id], |r| distribution(&conn, r))?.into_iter().next())
    }

    fn distributions(&self, unit: UnitId, limit: u32) -> StoreResult<Vec<DistributionRecord>> {
        let conn = self.pool.get()?;
        let sql = format!(
            "select {DISTRIBUTION_COLUMNS} from money_distributions where unit_id = ?1 order by date desc, id desc limit ?2"
        );
        query_all(&conn, &sql, params![unit.0, limit], |r| distribution(&conn, r))
    }

    fn payouts(&self, unit: UnitId, case: Option<CaseId>, limit: u32) -> StoreResult<Vec<PayoutRecord>> {
        let sql = format!(
            "select {PAYOUT_COLUMNS} from money_payouts where unit_id = ?1 and (?2 is null or case_id = ?2)
             order by date desc, id desc limit ?3"
        );
        self.query_all(&sql, params![unit.0, case.map(|c| c.0), limit], payout)
    }

    fn posting_sums(&self, units: &[UnitId]) -> StoreResult<Vec<PostingSum>> {
        let sql = format!(
            "select p.case_id, e.movement, p.account, p.side, sum(p.amount) from money_postings p
             join money_entries e on e.id = p.entry_id join cases c on c.id = p.case_id
             where p.case_id is not null{} group by p.case_id, e.movement, p.account, p.side",
            units_filter("c.unit_id", units)
        );
        self.query_all(&sql, [], posting_sum)
    }

    fn document_sums(&self, units: &[UnitId]) -> StoreResult<Vec<(CaseId, CaseDocumentSums)>> {
        let filter = units_filter("c.unit_id", units);
        let live = "not exists (select 1 from events s where s.supersedes = ev.id)";
        let sql = format!(
            "select d.case_id, sum(d.receipts), sum(d.allocations), sum(d.paid_out), sum(d.fees), sum(d.linked),
                sum(d.deposits)
             from (
               select r.case_id, r.amount as receipts, 0 as allocations, 0 as paid_out, 0 as fees, 0 as linked,
                 0 as deposits
                 from money_receipts r where r.case_id is not null
                 and not exists (select 1 from money_receipt_cancellations x where x.receipt_id = r.id)
               union all
               select a.case_id, 0, a.principal + a.interest, 0, 0, 0, 0 from money_allocations a
               union all
               select p.case_id, 0, 0, p.amount - p.fee, p.fee, 0, 0 from money_payouts p
               union all
               select s.case_id, 0, 0, 0, 0, 0, s.amount from money_deposits s
               union all
               select ev.case_id, 0, 0, 0, 0, ev.amount, 0 from events ev
                 where ev.id in (select event_id from money_receipts where event_id is not null
                                 union all select event_id from money_allocations where event_id is not null)
                 and {live}
             ) d join cases c on c.id = d.case_id where 1 = 1{filter}
             group by d.case_id order by d.case_id"
        );
        self.query_all(&sql, [], |r| {
            let sum = |i: usize| get::<i64>(r, i).map(i128::from);
            Ok((
                CaseId(get(r, 0)?),
                CaseDocumentSums {
                    receipts: sum(1)?,
                    allocations: sum(2)?,
                    paid_out: sum(3)?,
                    fees: sum(4)?,
                    linked_collected: sum(5)?,
                    deposits: sum(6)?,
                },
            ))
        })
    }

    fn receipt_numbers(&self, unit: UnitId, year: i32) -> StoreResult<Vec<u32>> {
        self.query_all(
            "select number from money_receipts where unit_id = ?1 and year = ?2 order by number",
            params![unit.0, year],
            |r| {
                let n: i64 = get(r, 0)?;
                u32::try_from(n).map_err(|_| StoreError::corrupt("money_receipts.number", n))
            },
        )
    }

    fn closings(&self, unit: UnitId) -> StoreResult<Vec<DayClosing>> {
        self.query_all(
            "select unit_id, date, created_by, created_at from money_closings where unit_id = ?1 order by date desc",
            [unit.0],
            |r| {
                Ok(DayClosing {
                    unit: UnitId(get(r, 0)?),
                    date: date(r, 1, "money_closings.date")?,
                    by: get(r, 2)?,
                    at: instant_of("money_closings.created_at", get(r, 3)?)?,
                })
            },
        )
    }
}

impl MoneyTx for SqliteTx<'_> {
    fn insert_statement(&mut self, statement: &thads_store::NewStatement) -> StoreResult<i64> {
        crate::money_statements::insert(self.conn(), statement)
    }

    fn insert_notice(&mut self, notice: &thads_store::NewNotice) -> StoreResult<i64> {
        crate::money_savings::insert_notice(self.conn(), notice)
    }

    fn insert_deposit(&mut self, deposit: &thads_store::NewDeposit) -> StoreResult<i64> {
        crate::money_savings::insert_deposit(self.conn(), deposit)
    }

    fn matched_documents(&mut self, unit: UnitId) -> StoreResult<(Vec<i64>, Vec<i64>)> {
        crate::money_statements::matched(self.conn(), unit)
    }
    fn take_receipt_number(&mut self, unit: UnitId, year: i32) -> StoreResult<(u32, Option<i32>)> {
        let latest: Option<i32> = self
            .conn()
            .query_row("select max(year) from money_receipt_numbers where unit_id = ?1", [unit.0], |r| r.get(0))
            .map_err(StoreError::backend)?;
        let number: i64 = self
            .conn()
            .query_row(
                "insert into money_receipt_numbers (unit_id, year, last) values (?1, ?2, 1)
                 on conflict (unit_id, year) do update set last = last + 1 returning last",
                params![unit.0, year],
                |r| r.get(0),
            )
            .map_err(refused)?;
        let number = u32::try_from(number).map_err(|_| StoreError::corrupt("money_receipt_numbers.last", number))?;
        Ok((number, latest))
    }

    fn insert_receipt(&mut self, year: i32, number: u32, r: &NewReceipt, event: Option<i64>) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into money_receipts (unit_id, office_id, year, number, date, amount, payer, method, case_id,
                    debtor_id, event_id, created_by, created_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    r.unit.0,
                    r.office.0,
                    year,
                    number,
                    date_text(r.date),
                    r.amount,
                    r.payer,
                    r.method,
                    r.case.map(|c| c.0),
                    r.debtor,
                    event,
                    r.by,
                    instant_secs(r.at)
                ],
            )
            .map_err(unique(|| format!("biên lai / receipt {number:07}/{year}")))?;
        Ok(self.conn().last_insert_rowid())
    }

    fn receipt_for_update(&mut self, id: i64) -> StoreResult<Option<ReceiptRecord>> {
        let sql = format!("select {RECEIPT_COLUMNS} {RECEIPT_FROM} where r.id = ?1");
        Ok(self.all(&sql, [id], receipt)?.into_iter().next())
    }

    fn cancel_receipt(&mut self, id: i64, c: &ReceiptCancellation) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into money_receipt_cancellations (receipt_id, cancelled_on, reason, event_id, created_by,
                    created_at) values (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, date_text(c.on), c.reason, c.event, c.by, instant_secs(c.at)],
            )
            .map_err(unique(|| format!("hủy biên lai / cancellation of receipt #{id}")))?;
        Ok(())
    }

    fn insert_entry(&mut self, entry: &LedgerEntry, at: time::OffsetDateTime) -> StoreResult<EntryId> {
        let (kind, document) = document_columns(entry.document);
        self.conn()
            .execute(
                "insert into money_entries (unit_id, date, movement, document_kind, document_id, reverses, created_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    entry.unit.0,
                    date_text(entry.date),
                    entry.movement.code(),
                    kind,
                    document,
                    entry.reverses.map(|r| r.0),
                    instant_secs(at)
                ],
            )
            .map_err(unique(|| "bút toán đã được đảo / entry already reversed".to_string()))?;
        let id = self.conn().last_insert_rowid();
        crate::money_rows::insert_postings(self.conn(), id, &entry.postings)?;
        Ok(EntryId(id))
    }

    fn document_entries(&mut self, kind: &str, id: i64) -> StoreResult<Vec<EntryRecord>> {
        entries(
            self.conn(),
            "select id from money_entries where document_kind = ?1 and document_id = ?2",
            params![kind, id],
        )
    }

    fn debtor_entries(&mut self, unit: UnitId, debtor: &str) -> StoreResult<Vec<EntryRecord>> {
        entries(
            self.conn(),
            "select p.entry_id from money_postings p join money_entries x on x.id = p.entry_id
             where p.debtor_id = ?1 and x.unit_id = ?2",
            params![debtor, unit.0],
        )
    }

    fn case_entries_tx(&mut self, case: CaseId) -> StoreResult<Vec<EntryRecord>> {
        case_postings(self.conn(), case)
    }

    fn cases_in_books_tx(&mut self, cases: &[CaseId]) -> StoreResult<Vec<CaseId>> {
        in_books(self.conn(), cases)
    }

    fn debtor_cases(&mut self, units: &[UnitId], debtor: &str) -> StoreResult<Vec<CaseId>> {
        let sql = format!(
            "select d.case_id from case_details d join cases c on c.id = d.case_id where d.debtor_id = ?1{}
             order by d.case_id",
            units_filter("c.unit_id", units)
        );
        self.all(&sql, [debtor], |r| Ok(CaseId(get(r, 0)?)))
    }

    fn debtor_cases_locked(&mut self, units: &[UnitId], debtor: &str) -> StoreResult<Vec<DebtorCase>> {
        // BEGIN IMMEDIATE already holds the database's write lock.
        let sql = format!(
            "select {}, coalesce(d.obligation, '') from case_details d join cases c on c.id = d.case_id
             where d.debtor_id = ?1{} order by c.id",
            thads_store::columns_of(thads_store::CASE_COLUMNS, "c"),
            units_filter("c.unit_id", units)
        );
        self.all(&sql, [debtor], |r| Ok(DebtorCase { case: crate::convert::case(r)?, obligation: get(r, 20)? }))
    }

    fn insert_distribution(&mut self, d: &NewDistribution) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into money_distributions (unit_id, office_id, debtor_id, date, amount, costs, coercion_on,
                    returned, created_by, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    d.unit.0,
                    d.office.0,
                    d.debtor,
                    date_text(d.date),
                    d.amount,
                    d.costs,
                    d.coercion_on.map(date_text),
                    d.returned,
                    d.by,
                    instant_secs(d.at)
                ],
            )
            .map_err(refused)?;
        let id = self.conn().last_insert_rowid();
        crate::money_rows::insert_allocations(self.conn(), id, &d.allocations)?;
        Ok(id)
    }

    fn insert_payout(&mut self, p: &NewPayout) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into money_payouts (unit_id, case_id, date, amount, fee, method, payee_kind, payee, payee_id,
                    created_by, created_at, payee_address) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    p.unit.0,
                    p.case.0,
                    date_text(p.date),
                    p.amount,
                    p.fee,
                    p.method,
                    p.payee_kind,
                    p.payee,
                    p.payee_id,
                    p.by,
                    instant_secs(p.at),
                    p.payee_address
                ],
            )
            .map_err(refused)?;
        Ok(self.conn().last_insert_rowid())
    }

    fn close_day(&mut self, c: &DayClosing) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into money_closings (unit_id, date, created_by, created_at) values (?1, ?2, ?3, ?4)",
                params![c.unit.0, date_text(c.date), c.by, instant_secs(c.at)],
            )
            .map_err(unique(|| format!("ngày đã khóa sổ / day already closed: {}", date_text(c.date))))?;
        Ok(())
    }

    fn day_closed(&mut self, unit: UnitId, date: Date) -> StoreResult<bool> {
        self.conn()
            .query_row(
                "select 1 from money_closings where unit_id = ?1 and date = ?2",
                params![unit.0, date_text(date)],
                |_| Ok(()),
            )
            .optional()
            .map(|o| o.is_some())
            .map_err(StoreError::backend)
    }

    fn books_for_writing(&mut self, unit: UnitId) -> StoreResult<Option<thads_core::Unit>> {
        // A write transaction holds the database's one write lock: nothing else writes meanwhile.
        thads_store::UnitsTx::unit(self, unit)
    }

    fn books_entries(&mut self, unit: UnitId) -> StoreResult<Vec<EntryRecord>> {
        entries(self.conn(), "select id from money_entries where unit_id = ?1", [unit.0])
    }
}

/// `Money::cases_in_books`: one probe of the postings' case index per case (a call within the
/// process, no round trip).
fn in_books(conn: &rusqlite::Connection, cases: &[CaseId]) -> StoreResult<Vec<CaseId>> {
    let mut probe = conn
        .prepare_cached("select exists (select 1 from money_postings where case_id = ?1)")
        .map_err(StoreError::backend)?;
    let mut found = Vec::new();
    for case in cases {
        if probe.query_row([case.0], |r| r.get::<_, bool>(0)).map_err(StoreError::backend)? {
            found.push(*case);
        }
    }
    found.sort_unstable();
    found.dedup();
    Ok(found)
}
