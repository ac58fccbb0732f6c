//! Bank statements of the custody account on PostgreSQL (schema 24): a statement and its
//! lines (one statement per kind of column, `unnest`), each matched to at most one receipt or
//! payout (unique indexes), append-only.

use postgres::Row;
use thads_core::UnitId;
use thads_store::{NewStatement, StatementLineRow, StatementRecord, StoreError, StoreResult};

use crate::PgStore;
use crate::convert::{get, instant_of};
use crate::error::constraint;
use crate::tx::PgTx;

pub fn insert(tx: &mut PgTx<'_>, s: &NewStatement) -> StoreResult<i64> {
    let matched = s.lines.iter().filter(|l| l.receipt.is_some() || l.payout.is_some()).count() as i32;
    let lines = i32::try_from(s.lines.len()).unwrap_or(i32::MAX);
    let rows = tx.query_mapped(
        "insert into money_statements (unit_id, lines, matched, created_by, created_at)
         values ($1, $2, $3, $4, $5) returning id",
        &[&s.unit.0, &lines, &matched, &s.by, &s.at.unix_timestamp()],
        constraint(|| "sao kê / statement".to_string()),
    )?;
    let id: i64 = rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))?;
    let line: Vec<i32> = (0..lines).collect();
    let row: Vec<i32> = s.lines.iter().map(|l| i32::try_from(l.row).unwrap_or(i32::MAX)).collect();
    let date: Vec<time::Date> = s.lines.iter().map(|l| l.date).collect();
    let direction: Vec<&str> = s.lines.iter().map(|l| l.direction.as_str()).collect();
    let amount: Vec<i64> = s.lines.iter().map(|l| l.amount).collect();
    let reference: Vec<&str> = s.lines.iter().map(|l| l.reference.as_str()).collect();
    let receipt: Vec<Option<i64>> = s.lines.iter().map(|l| l.receipt).collect();
    let payout: Vec<Option<i64>> = s.lines.iter().map(|l| l.payout).collect();
    tx.query_mapped(
        "insert into money_statement_lines (statement_id, line, row_no, date, direction, amount, reference,
            receipt_id, payout_id)
         select $1, * from unnest($2::int[], $3::int[], $4::date[], $5::text[], $6::bigint[], $7::text[],
            $8::bigint[], $9::bigint[])",
        &[&id, &line, &row, &date, &direction, &amount, &reference, &receipt, &payout],
        constraint(|| "chứng từ đã được đối chiếu / document already matched".to_string()),
    )?;
    Ok(id)
}

pub fn matched(tx: &mut PgTx<'_>, unit: UnitId) -> StoreResult<(Vec<i64>, Vec<i64>)> {
    let rows = tx.query(
        "select l.receipt_id, l.payout_id from money_statement_lines l
         join money_statements s on s.id = l.statement_id
         where s.unit_id = $1 and (l.receipt_id is not null or l.payout_id is not null)",
        &[&unit.0],
    )?;
    let mut out = (Vec::new(), Vec::new());
    for r in &rows {
        if let Some(id) = get::<Option<i64>>(r, 0)? {
            out.0.push(id);
        }
        if let Some(id) = get::<Option<i64>>(r, 1)? {
            out.1.push(id);
        }
    }
    Ok(out)
}

fn head(row: &Row) -> StoreResult<StatementRecord> {
    Ok(StatementRecord {
        id: get(row, 0)?,
        statement: NewStatement {
            unit: UnitId(get(row, 1)?),
            lines: Vec::new(),
            by: get(row, 2)?,
            at: instant_of("money_statements.created_at", get(row, 3)?)?,
        },
    })
}

fn line(row: &Row) -> StoreResult<StatementLineRow> {
    let number: i32 = get(row, 0)?;
    Ok(StatementLineRow {
        row: u32::try_from(number).unwrap_or(0),
        date: get(row, 1)?,
        direction: get(row, 2)?,
        amount: get(row, 3)?,
        reference: get(row, 4)?,
        receipt: get(row, 5)?,
        payout: get(row, 6)?,
    })
}

pub fn read(store: &PgStore, id: i64) -> StoreResult<Option<StatementRecord>> {
    let sql = "select id, unit_id, created_by, created_at from money_statements where id = $1";
    let Some(mut s) = store.query_one(sql, &[&id], head)? else { return Ok(None) };
    s.statement.lines = store.query_all(
        "select row_no, date, direction, amount, reference, receipt_id, payout_id from money_statement_lines
         where statement_id = $1 order by line",
        &[&id],
        line,
    )?;
    Ok(Some(s))
}

pub fn list(store: &PgStore, unit: UnitId, limit: u32) -> StoreResult<Vec<StatementRecord>> {
    let sql = "select id, unit_id, created_by, created_at from money_statements where unit_id = $1
               order by id desc limit $2";
    store.query_all(sql, &[&unit.0, &i64::from(limit)], head)
}
