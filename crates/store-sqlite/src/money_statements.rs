//! Bank statements of the custody account on SQLite (schema 24): a statement and its lines,
//! each matched to at most one receipt or payout (unique indexes), append-only.

use rusqlite::{Connection, Row, params};
use thads_core::UnitId;
use thads_store::{NewStatement, StatementLineRow, StatementRecord, StoreError, StoreResult};

use crate::convert::{date_of, date_text, instant_of, instant_secs, query_all};
use crate::error::unique;

pub fn insert(conn: &Connection, s: &NewStatement) -> StoreResult<i64> {
    let matched = s.lines.iter().filter(|l| l.receipt.is_some() || l.payout.is_some()).count();
    conn.execute(
        "insert into money_statements (unit_id, lines, matched, created_by, created_at) values (?1, ?2, ?3, ?4, ?5)",
        params![s.unit.0, s.lines.len() as i64, matched as i64, s.by, instant_secs(s.at)],
    )
    .map_err(crate::error::refused)?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn
        .prepare_cached(
            "insert into money_statement_lines (statement_id, line, row_no, date, direction, amount, reference,
                receipt_id, payout_id) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .map_err(StoreError::backend)?;
    for (line, l) in s.lines.iter().enumerate() {
        stmt.execute(params![
            id,
            line as i64,
            l.row,
            date_text(l.date),
            l.direction,
            l.amount,
            l.reference,
            l.receipt,
            l.payout
        ])
        .map_err(unique(|| format!("dòng {}: chứng từ đã được đối chiếu / document already matched", l.row)))?;
    }
    Ok(id)
}

pub fn matched(conn: &Connection, unit: UnitId) -> StoreResult<(Vec<i64>, Vec<i64>)> {
    let rows = query_all(
        conn,
        "select l.receipt_id, l.payout_id from money_statement_lines l
         join money_statements s on s.id = l.statement_id
         where s.unit_id = ?1 and (l.receipt_id is not null or l.payout_id is not null)",
        [unit.0],
        |r| {
            Ok((
                r.get::<_, Option<i64>>(0).map_err(StoreError::backend)?,
                r.get::<_, Option<i64>>(1).map_err(StoreError::backend)?,
            ))
        },
    )?;
    Ok((rows.iter().filter_map(|r| r.0).collect(), rows.iter().filter_map(|r| r.1).collect()))
}

fn head(row: &Row<'_>) -> StoreResult<StatementRecord> {
    let get = |i| row.get::<_, i64>(i).map_err(StoreError::backend);
    Ok(StatementRecord {
        id: get(0)?,
        statement: NewStatement {
            unit: UnitId(get(1)?),
            lines: Vec::new(),
            by: row.get(2).map_err(StoreError::backend)?,
            at: instant_of("money_statements.created_at", get(3)?)?,
        },
    })
}

fn line(row: &Row<'_>) -> StoreResult<StatementLineRow> {
    let date: String = row.get(1).map_err(StoreError::backend)?;
    Ok(StatementLineRow {
        row: row.get(0).map_err(StoreError::backend)?,
        date: date_of("money_statement_lines.date", &date)?,
        direction: row.get(2).map_err(StoreError::backend)?,
        amount: row.get(3).map_err(StoreError::backend)?,
        reference: row.get(4).map_err(StoreError::backend)?,
        receipt: row.get(5).map_err(StoreError::backend)?,
        payout: row.get(6).map_err(StoreError::backend)?,
    })
}

pub fn read(conn: &Connection, id: i64) -> StoreResult<Option<StatementRecord>> {
    let sql = "select id, unit_id, created_by, created_at from money_statements where id = ?1";
    let Some(mut s) = query_all(conn, sql, [id], head)?.into_iter().next() else { return Ok(None) };
    s.statement.lines = query_all(
        conn,
        "select row_no, date, direction, amount, reference, receipt_id, payout_id from money_statement_lines
         where statement_id = ?1 order by line",
        [id],
        line,
    )?;
    Ok(Some(s))
}

pub fn list(conn: &Connection, unit: UnitId, limit: u32) -> StoreResult<Vec<StatementRecord>> {
    let sql = "select id, unit_id, created_by, created_at from money_statements where unit_id = ?1
               order by id desc limit ?2";
    query_all(conn, sql, params![unit.0, limit], head)
}
