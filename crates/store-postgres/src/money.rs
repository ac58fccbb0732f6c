//! Money in custody on PostgreSQL (schema 12): the custody ledger's entries and postings,
//! receipts and their numbers, distributions, payouts and closed days. A receipt number is
//! taken by raising its agency's counter row (`insert … on conflict do update … returning`),
//! which locks the row until the transaction ends: writers of one agency take numbers one
//! after another, and a rolled-back receipt gives its number back. Distributions of one debtor
//! wait for each other on a transaction-scoped advisory lock.

use postgres::Row;
use thads_core::money::custody::{EntryId, EntryRecord, LedgerEntry, PostingRow};
use thads_core::{CaseId, UnitId};
use thads_store::{
    AllocationRow, CaseDocumentSums, DayClosing, DebtorCase, DistributionRecord, ENTRY_SELECT, EntryPostingRow, Money,
    MoneyTx, NewDistribution, NewPayout, NewReceipt, PayoutRecord, PostingSum, ReceiptCancellation, ReceiptQuery,
    ReceiptRecord, StoreError, StoreResult, assemble_entries, document_columns,
};
use time::Date;

use crate::PgStore;
use crate::convert::{get, instant_of};
use crate::error::constraint;
use crate::tx::PgTx;

fn entry_row(row: &Row) -> StoreResult<EntryPostingRow> {
    Ok(EntryPostingRow {
        id: get(row, 0)?,
        unit: get(row, 1)?,
        date: get(row, 2)?,
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

/// `Money::case_entries`: the entries of the case's postings (`$1`), with those postings only.
fn case_postings_sql() -> String {
    format!("{ENTRY_SELECT} where p.case_id = $1 order by e.id, p.line")
}

fn entries_sql(filter: &str) -> String {
    format!("{ENTRY_SELECT} where e.id in ({filter}) order by e.id, p.line")
}

const RECEIPT_COLUMNS: &str = "r.id, r.unit_id, r.office_id, r.year, r.number, r.date, r.amount, r.payer, r.method, \
     r.case_id, r.debtor_id, r.event_id, r.created_by, r.created_at, c.cancelled_on, c.reason, c.event_id, \
     c.created_by, c.created_at";
const RECEIPT_FROM: &str = "from money_receipts r left join money_receipt_cancellations c on c.receipt_id = r.id";

fn receipt(row: &Row) -> StoreResult<ReceiptRecord> {
    let cancelled = match get::<Option<Date>>(row, 14)? {
        Some(on) => Some(ReceiptCancellation {
            on,
            reason: get(row, 15)?,
            event: get(row, 16)?,
            by: get(row, 17)?,
            at: instant_of("money_receipt_cancellations.created_at", get(row, 18)?)?,
        }),
        None => None,
    };
    let (year, number): (i64, i64) = (get(row, 3)?, get(row, 4)?);
    Ok(ReceiptRecord {
        id: get(row, 0)?,
        year: i32::try_from(year).map_err(|_| StoreError::corrupt("money_receipts.year", year))?,
        number: u32::try_from(number).map_err(|_| StoreError::corrupt("money_receipts.number", number))?,
        receipt: NewReceipt {
            unit: UnitId(get(row, 1)?),
            office: UnitId(get(row, 2)?),
            date: get(row, 5)?,
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
const ALLOCATIONS_SQL: &str = "select case_id, case_no, rank, principal, interest, event_id from money_allocations
     where distribution_id = $1 order by rank, case_no";

fn allocation(r: &Row) -> StoreResult<AllocationRow> {
    let rank: i64 = get(r, 2)?;
    Ok(AllocationRow {
        case: CaseId(get(r, 0)?),
        case_no: get(r, 1)?,
        rank: u8::try_from(rank).map_err(|_| StoreError::corrupt("money_allocations.rank", rank))?,
        principal: get(r, 3)?,
        interest: get(r, 4)?,
        event: get(r, 5)?,
    })
}

fn distribution(row: &Row) -> StoreResult<DistributionRecord> {
    Ok(DistributionRecord {
        id: get(row, 0)?,
        distribution: NewDistribution {
            unit: UnitId(get(row, 1)?),
            office: UnitId(get(row, 2)?),
            debtor: get(row, 3)?,
            date: get(row, 4)?,
            amount: get(row, 5)?,
            costs: get(row, 6)?,
            coercion_on: get(row, 7)?,
            returned: get(row, 8)?,
            allocations: Vec::new(),
            by: get(row, 9)?,
            at: instant_of("money_distributions.created_at", get(row, 10)?)?,
        },
    })
}

const PAYOUT_COLUMNS: &str = "id, unit_id, case_id, date, amount, fee, method, payee_kind, payee, payee_id, created_by, created_at, \
     payee_address";

fn payout(row: &Row) -> StoreResult<PayoutRecord> {
    Ok(PayoutRecord {
        id: get(row, 0)?,
        payout: NewPayout {
            unit: UnitId(get(row, 1)?),
            case: CaseId(get(row, 2)?),
            date: get(row, 3)?,
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

fn posting_sum(row: &Row) -> StoreResult<PostingSum> {
    let amount: rust_decimal_free::Sum = get(row, 4)?;
    Ok(PostingSum {
        case: CaseId(get(row, 0)?),
        movement: get(row, 1)?,
        account: get(row, 2)?,
        side: get(row, 3)?,
        amount: amount.0,
    })
}

/// Sums are cast to `bigint` in SQL (a case's postings of one kind stay far below 2^63 đồng).
mod rust_decimal_free {
    use postgres::types::{FromSql, Type};

    pub struct Sum(pub i128);

    impl<'a> FromSql<'a> for Sum {
        fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
            i64::from_sql(ty, raw).map(|v| Sum(i128::from(v)))
        }
        fn accepts(ty: &Type) -> bool {
            <i64 as FromSql>::accepts(ty)
        }
    }
}

fn unit_ids(units: &[UnitId]) -> Vec<i64> {
    units.iter().map(|u| u.0).collect()
}

/// `Money::cases_in_books`: the cases of `$1` with a posting, one probe of the postings' case
/// index each.
const IN_BOOKS: &str = "select c.id from unnest($1::bigint[]) c(id)
     where exists (select 1 from money_postings p where p.case_id = c.id) group by c.id order by c.id";

/// The cases of the units `$1` (all when empty) whose money is held, with what is held
/// (`case_id`, `held`): the cases `Money::held_case_entries` reads.
const HELD: &str = "select p.case_id, sum(case when p.side = 'credit' then p.amount else -p.amount end)::bigint as held
     from money_postings p join cases c on c.id = p.case_id
     where p.account in ('held_for_case', 'payable_to_creditor')
     and (cardinality($1::bigint[]) = 0 or c.unit_id = any($1))
     group by p.case_id having sum(case when p.side = 'credit' then p.amount else -p.amount end) > 0";

impl Money for PgStore {
    fn statement(&self, id: i64) -> StoreResult<Option<thads_store::StatementRecord>> {
        crate::money_statements::read(self, id)
    }

    fn notices(&self, case: CaseId) -> StoreResult<Vec<thads_store::NoticeRecord>> {
        crate::money_savings::notices(self, case)
    }

    fn deposit(&self, id: i64) -> StoreResult<Option<thads_store::DepositRecord>> {
        crate::money_savings::read_deposit(self, id)
    }

    fn deposits(&self, unit: UnitId, case: Option<CaseId>, limit: u32) -> StoreResult<Vec<thads_store::DepositRecord>> {
        crate::money_savings::deposits(self, unit, case, limit)
    }

    fn statements(&self, unit: UnitId, limit: u32) -> StoreResult<Vec<thads_store::StatementRecord>> {
        crate::money_statements::list(self, unit, limit)
    }
    fn last_entry_id(&self) -> StoreResult<i64> {
        let rows =
            self.query_all("select coalesce(max(id), 0)::bigint from money_entries", &[], |r| get::<i64>(r, 0))?;
        Ok(rows.first().copied().unwrap_or(0))
    }

    fn held_case_entries(&self, units: &[UnitId]) -> StoreResult<Vec<thads_store::HeldCase>> {
        let ids = unit_ids(units);
        let sql = format!("with held as ({HELD}) {}", thads_store::HELD_CASE_SELECT);
        let rows = self.query_all(&sql, &[&ids], |r| Ok((entry_row(r)?, get(r, 13)?, get(r, 14)?, get(r, 15)?)))?;
        thads_store::assemble_held(rows)
    }

    fn receipt(&self, id: i64) -> StoreResult<Option<ReceiptRecord>> {
        self.query_one(&format!("select {RECEIPT_COLUMNS} {RECEIPT_FROM} where r.id = $1"), &[&id], receipt)
    }

    fn receipts(&self, q: &ReceiptQuery) -> StoreResult<Vec<ReceiptRecord>> {
        let sql = format!(
            "select {RECEIPT_COLUMNS} {RECEIPT_FROM} where r.unit_id = $1 and r.date >= $2 and r.date <= $3
             and ($4::bigint is null or r.case_id = $4) order by r.year desc, r.number desc limit $5"
        );
        self.query_all(&sql, &[&q.unit.0, &q.from, &q.to, &q.case.map(|c| c.0), &i64::from(q.limit)], receipt)
    }

    fn case_entries(&self, case: CaseId) -> StoreResult<Vec<EntryRecord>> {
        assemble_entries(self.query_all(&case_postings_sql(), &[&case.0], entry_row)?)
    }

    fn cases_in_books(&self, cases: &[CaseId]) -> StoreResult<Vec<CaseId>> {
        let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
        self.query_all(IN_BOOKS, &[&ids], |r| Ok(CaseId(get(r, 0)?)))
    }

    fn unit_entries(&self, unit: UnitId, from: Date, to: Date) -> StoreResult<Vec<EntryRecord>> {
        let sql = entries_sql("select id from money_entries where unit_id = $1 and date >= $2 and date <= $3");
        assemble_entries(self.query_all(&sql, &[&unit.0, &from, &to], entry_row)?)
    }

    fn reorganisation_entries(&self) -> StoreResult<Vec<EntryRecord>> {
        let sql = entries_sql("select id from money_entries where document_kind = 'reorganisation'");
        assemble_entries(self.query_all(&sql, &[], entry_row)?)
    }

    fn unit_case_postings(&self, unit: UnitId) -> StoreResult<Vec<PostingSum>> {
        self.query_all(
            "select p.case_id, e.movement, p.account, p.side, sum(p.amount)::bigint from money_postings p
             join money_entries e on e.id = p.entry_id where e.unit_id = $1 and p.case_id is not null
             group by p.case_id, e.movement, p.account, p.side order by p.case_id",
            &[&unit.0],
            posting_sum,
        )
    }

    fn distribution(&self, id: i64) -> StoreResult<Option<DistributionRecord>> {
        let sql = format!("select {DISTRIBUTION_COLUMNS} from money_distributions where id = $1");
        let Some(mut d) = self.query_one(&sql, &[&id], distribution)? else {
            return Ok(None);
        };
        d.distribution.allocations = self.query_all(ALLOCATIONS_SQL, &[&id], allocation)?;
        Ok(Some(d))
    }

    fn distributions(&self, unit: UnitId, limit: u32) -> StoreResult<Vec<DistributionRecord>> {
        let sql = format!(
            "select {DISTRIBUTION_COLUMNS} from money_distributions where unit_id = $1 order by date desc, id desc limit $2"
        );
        let mut out = self.query_all(&sql, &[&unit.0, &i64::from(limit)], distribution)?;
        for d in &mut out {
            d.distribution.allocations = self.query_all(ALLOCATIONS_SQL, &[&d.id], allocation)?;
        }
        Ok(out)
    }

    fn payouts(&self, unit: UnitId, case: Option<CaseId>, limit: u32) -> StoreResult<Vec<PayoutRecord>> {
        let sql = format!(
            "select {PAYOUT_COLUMNS} from money_payouts where unit_id = $1 and ($2::bigint is null or case_id = $2)
             order by date desc, id desc limit $3"
        );
        self.query_all(&sql, &[&unit.0, &case.map(|c| c.0), &i64::from(limit)], payout)
    }

    fn posting_sums(&self, units: &[UnitId]) -> StoreResult<Vec<PostingSum>> {
        let ids = unit_ids(units);
        self.query_all(
            "select p.case_id, e.movement, p.account, p.side, sum(p.amount)::bigint from money_postings p
             join money_entries e on e.id = p.entry_id join cases c on c.id = p.case_id
             where p.case_id is not null and (cardinality($1::bigint[]) = 0 or c.unit_id = any($1))
             group by p.case_id, e.movement, p.account, p.side",
            &[&ids],
            posting_sum,
        )
    }

    /// The events' part reads the linked events by a join and finds the superseded ones by an
    /// outer join: as `in (…)` and `not exists (…)` the planner, on tables not analysed yet (a
    /// fresh database right after its first money), estimated one row from the anti-join and
    /// compared every linked event with every event (34 s at 20,000 cases, 34 ms this way).
    fn document_sums(&self, units: &[UnitId]) -> StoreResult<Vec<(CaseId, CaseDocumentSums)>> {
        let ids = unit_ids(units);
        let sql = "select d.case_id, sum(d.receipts)::bigint, sum(d.allocations)::bigint, sum(d.paid_out)::bigint,
                sum(d.fees)::bigint, sum(d.linked)::bigint, sum(d.deposits)::bigint
             from (
               select r.case_id, r.amount as receipts, 0::bigint as allocations, 0::bigint as paid_out,
                 0::bigint as fees, 0::bigint as linked, 0::bigint as deposits
                 from money_receipts r where r.case_id is not null
                 and not exists (select 1 from money_receipt_cancellations x where x.receipt_id = r.id)
               union all
               select a.case_id, 0, a.principal + a.interest, 0, 0, 0, 0 from money_allocations a
               union all
               select p.case_id, 0, 0, p.amount - p.fee, p.fee, 0, 0 from money_payouts p
               union all
               select s.case_id, 0, 0, 0, 0, 0, s.amount from money_deposits s
               union all
               select ev.case_id, 0, 0, 0, 0, ev.amount, 0
                 from (select event_id from money_receipts where event_id is not null
                       union select event_id from money_allocations where event_id is not null) m
                 join events ev on ev.id = m.event_id
                 left join events s on s.supersedes = ev.id
                 where s.id is null
             ) d join cases c on c.id = d.case_id
             where cardinality($1::bigint[]) = 0 or c.unit_id = any($1)
             group by d.case_id order by d.case_id";
        self.query_all(sql, &[&ids], |r| {
            let sum = |i: usize| get::<rust_decimal_free::Sum>(r, i).map(|s| s.0);
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
            "select number from money_receipts where unit_id = $1 and year = $2 order by number",
            &[&unit.0, &i64::from(year)],
            |r| {
                let n: i64 = get(r, 0)?;
                u32::try_from(n).map_err(|_| StoreError::corrupt("money_receipts.number", n))
            },
        )
    }

    fn closings(&self, unit: UnitId) -> StoreResult<Vec<DayClosing>> {
        self.query_all(
            "select unit_id, date, created_by, created_at from money_closings where unit_id = $1 order by date desc",
            &[&unit.0],
            |r| {
                Ok(DayClosing {
                    unit: UnitId(get(r, 0)?),
                    date: get(r, 1)?,
                    by: get(r, 2)?,
                    at: instant_of("money_closings.created_at", get(r, 3)?)?,
                })
            },
        )
    }
}

impl MoneyTx for PgTx<'_> {
    fn insert_statement(&mut self, statement: &thads_store::NewStatement) -> StoreResult<i64> {
        crate::money_statements::insert(self, statement)
    }

    fn insert_notice(&mut self, notice: &thads_store::NewNotice) -> StoreResult<i64> {
        crate::money_savings::insert_notice(self, notice)
    }

    fn insert_deposit(&mut self, deposit: &thads_store::NewDeposit) -> StoreResult<i64> {
        crate::money_savings::insert_deposit(self, deposit)
    }

    fn matched_documents(&mut self, unit: UnitId) -> StoreResult<(Vec<i64>, Vec<i64>)> {
        crate::money_statements::matched(self, unit)
    }
    fn take_receipt_number(&mut self, unit: UnitId, year: i32) -> StoreResult<(u32, Option<i32>)> {
        let year = i64::from(year);
        let latest = self.query("select max(year) from money_receipt_numbers where unit_id = $1", &[&unit.0])?;
        let latest: Option<i64> = latest.first().map(|r| get(r, 0)).transpose()?.flatten();
        let latest = latest
            .map(|y| i32::try_from(y).map_err(|_| StoreError::corrupt("money_receipt_numbers.year", y)))
            .transpose()?;
        let rows = self.query_mapped(
            "insert into money_receipt_numbers (unit_id, year, last) values ($1, $2, 1)
             on conflict (unit_id, year) do update set last = money_receipt_numbers.last + 1 returning last",
            &[&unit.0, &year],
            constraint(|| "số biên lai / receipt number".to_string()),
        )?;
        let number: i64 = rows.first().map(|r| get(r, 0)).transpose()?.unwrap_or(0);
        let number = u32::try_from(number).map_err(|_| StoreError::corrupt("money_receipt_numbers.last", number))?;
        Ok((number, latest))
    }

    fn insert_receipt(&mut self, year: i32, number: u32, r: &NewReceipt, event: Option<i64>) -> StoreResult<i64> {
        let rows = self.query_mapped(
            "insert into money_receipts (unit_id, office_id, year, number, date, amount, payer, method, case_id,
                debtor_id, event_id, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id",
            &[
                &r.unit.0,
                &r.office.0,
                &i64::from(year),
                &i64::from(number),
                &r.date,
                &r.amount,
                &r.payer,
                &r.method,
                &r.case.map(|c| c.0),
                &r.debtor,
                &event,
                &r.by,
                &r.at.unix_timestamp(),
            ],
            constraint(|| format!("biên lai / receipt {number:07}/{year}")),
        )?;
        rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))
    }

    fn receipt_for_update(&mut self, id: i64) -> StoreResult<Option<ReceiptRecord>> {
        self.query("select id from money_receipts where id = $1 for update", &[&id])?;
        let sql = format!("select {RECEIPT_COLUMNS} {RECEIPT_FROM} where r.id = $1");
        self.query(&sql, &[&id])?.first().map(receipt).transpose()
    }

    fn cancel_receipt(&mut self, id: i64, c: &ReceiptCancellation) -> StoreResult<()> {
        self.query_mapped(
            "insert into money_receipt_cancellations (receipt_id, cancelled_on, reason, event_id, created_by,
                created_at) values ($1, $2, $3, $4, $5, $6)",
            &[&id, &c.on, &c.reason, &c.event, &c.by, &c.at.unix_timestamp()],
            constraint(|| format!("hủy biên lai / cancellation of receipt #{id}")),
        )?;
        Ok(())
    }

    fn insert_entry(&mut self, entry: &LedgerEntry, at: time::OffsetDateTime) -> StoreResult<EntryId> {
        let (kind, document) = document_columns(entry.document);
        let rows = self.query_mapped(
            "insert into money_entries (unit_id, date, movement, document_kind, document_id, reverses, created_at)
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
            &[
                &entry.unit.0,
                &entry.date,
                &entry.movement.code(),
                &kind,
                &document,
                &entry.reverses.map(|r| r.0),
                &at.unix_timestamp(),
            ],
            constraint(|| "bút toán đã được đảo / entry already reversed".to_string()),
        )?;
        let id: i64 =
            rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))?;
        crate::money_rows::insert_postings(self, id, &entry.postings)?;
        Ok(EntryId(id))
    }

    fn document_entries(&mut self, kind: &str, id: i64) -> StoreResult<Vec<EntryRecord>> {
        let sql = entries_sql("select id from money_entries where document_kind = $1 and document_id = $2");
        let rows = self.query(&sql, &[&kind, &id])?;
        assemble_entries(rows.iter().map(entry_row).collect::<StoreResult<Vec<_>>>()?)
    }

    fn debtor_entries(&mut self, unit: UnitId, debtor: &str) -> StoreResult<Vec<EntryRecord>> {
        let key = format!("money.debtor:{}:{debtor}", unit.0);
        self.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", &[&key])?;
        let sql = entries_sql(
            "select p.entry_id from money_postings p join money_entries x on x.id = p.entry_id
             where p.debtor_id = $1 and x.unit_id = $2",
        );
        let rows = self.query(&sql, &[&debtor, &unit.0])?;
        assemble_entries(rows.iter().map(entry_row).collect::<StoreResult<Vec<_>>>()?)
    }

    fn case_entries_tx(&mut self, case: CaseId) -> StoreResult<Vec<EntryRecord>> {
        let rows = self.query(&case_postings_sql(), &[&case.0])?;
        assemble_entries(rows.iter().map(entry_row).collect::<StoreResult<Vec<_>>>()?)
    }

    fn cases_in_books_tx(&mut self, cases: &[CaseId]) -> StoreResult<Vec<CaseId>> {
        let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
        self.query(IN_BOOKS, &[&ids])?.iter().map(|r| Ok(CaseId(get(r, 0)?))).collect()
    }

    fn debtor_cases(&mut self, units: &[UnitId], debtor: &str) -> StoreResult<Vec<CaseId>> {
        let ids = unit_ids(units);
        let rows = self.query(
            "select d.case_id from case_details d join cases c on c.id = d.case_id where d.debtor_id = $1
             and (cardinality($2::bigint[]) = 0 or c.unit_id = any($2)) order by d.case_id",
            &[&debtor, &ids],
        )?;
        rows.iter().map(|r| Ok(CaseId(get(r, 0)?))).collect()
    }

    fn debtor_cases_locked(&mut self, units: &[UnitId], debtor: &str) -> StoreResult<Vec<DebtorCase>> {
        let ids = unit_ids(units);
        // A debtor may have 50,000 cases: their rows are sorted in memory.
        self.roomy_work_mem()?;
        let sql = format!(
            "select {}, coalesce(d.obligation, '') from case_details d join cases c on c.id = d.case_id
             where d.debtor_id = $1 and (cardinality($2::bigint[]) = 0 or c.unit_id = any($2))
             order by c.id for update of c",
            thads_store::columns_of(thads_store::CASE_COLUMNS, "c")
        );
        let rows = self.query(&sql, &[&debtor, &ids])?;
        let cases = rows
            .iter()
            .map(|r| {
                let obligation: String = get(r, 20)?;
                Ok(DebtorCase { case: crate::convert::case(r)?, obligation })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        self.known.saw("cases", cases.iter().map(|c| c.case.id.0));
        Ok(cases)
    }

    fn insert_distribution(&mut self, d: &NewDistribution) -> StoreResult<i64> {
        let rows = self.query_mapped(
            "insert into money_distributions (unit_id, office_id, debtor_id, date, amount, costs, coercion_on,
                returned, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
            &[
                &d.unit.0,
                &d.office.0,
                &d.debtor,
                &d.date,
                &d.amount,
                &d.costs,
                &d.coercion_on,
                &d.returned,
                &d.by,
                &d.at.unix_timestamp(),
            ],
            constraint(|| "phân chia / distribution".to_string()),
        )?;
        let id: i64 =
            rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))?;
        crate::money_rows::insert_allocations(self, id, &d.allocations)?;
        Ok(id)
    }

    fn insert_payout(&mut self, p: &NewPayout) -> StoreResult<i64> {
        let rows = self.query_mapped(
            "insert into money_payouts (unit_id, case_id, date, amount, fee, method, payee_kind, payee, payee_id,
                created_by, created_at, payee_address) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                returning id",
            &[
                &p.unit.0,
                &p.case.0,
                &p.date,
                &p.amount,
                &p.fee,
                &p.method,
                &p.payee_kind,
                &p.payee,
                &p.payee_id,
                &p.by,
                &p.at.unix_timestamp(),
                &p.payee_address,
            ],
            constraint(|| "chi trả / payout".to_string()),
        )?;
        rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))
    }

    fn close_day(&mut self, c: &DayClosing) -> StoreResult<()> {
        let rows = self.query_mapped(
            "insert into money_closings (unit_id, date, created_by, created_at) values ($1, $2, $3, $4)
             on conflict do nothing returning 1",
            &[&c.unit.0, &c.date, &c.by, &c.at.unix_timestamp()],
            constraint(|| "khóa sổ / closing".to_string()),
        )?;
        if rows.is_empty() {
            return Err(StoreError::Duplicate(format!("ngày đã khóa sổ / day already closed: {}", c.date)));
        }
        Ok(())
    }

    fn day_closed(&mut self, unit: UnitId, date: Date) -> StoreResult<bool> {
        Ok(!self.query("select 1 from money_closings where unit_id = $1 and date = $2", &[&unit.0, &date])?.is_empty())
    }

    fn books_for_writing(&mut self, unit: UnitId) -> StoreResult<Option<thads_core::Unit>> {
        let sql = format!("select {} from units where id = $1 for share", thads_store::UNIT_COLUMNS);
        self.query(&sql, &[&unit.0])?.first().map(crate::convert::unit).transpose()
    }

    fn books_entries(&mut self, unit: UnitId) -> StoreResult<Vec<EntryRecord>> {
        let sql = entries_sql("select id from money_entries where unit_id = $1");
        let rows = self.query(&sql, &[&unit.0])?;
        assemble_entries(rows.iter().map(entry_row).collect::<StoreResult<Vec<_>>>()?)
    }
}
