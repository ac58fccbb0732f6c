//! Unclaimed money on SQLite (schema 27): notices to a payee and savings deposits of a case's
//! money, append-only. Their ledger entries are written through `MoneyTx::insert_entry`.

use rusqlite::{Connection, Row, params};
use thads_core::{CaseId, UnitId};
use thads_store::{DepositRecord, NewDeposit, NewNotice, NoticeRecord, StoreError, StoreResult};

use crate::convert::{date_of, date_text, instant_of, instant_secs, query_all};
use crate::error::refused;

fn get<T: rusqlite::types::FromSql>(row: &Row<'_>, i: usize) -> StoreResult<T> {
    row.get(i).map_err(StoreError::backend)
}

pub fn insert_notice(conn: &Connection, n: &NewNotice) -> StoreResult<i64> {
    conn.execute(
        "insert into money_notices (unit_id, case_id, date, how, payee, address, created_by, created_at)
         values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![n.unit.0, n.case.0, date_text(n.date), n.how, n.payee, n.address, n.by, instant_secs(n.at)],
    )
    .map_err(refused)?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_deposit(conn: &Connection, d: &NewDeposit) -> StoreResult<i64> {
    conn.execute(
        "insert into money_deposits (unit_id, case_id, notice_id, date, bank, passbook, amount, created_by,
            created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            d.unit.0,
            d.case.0,
            d.notice,
            date_text(d.date),
            d.bank,
            d.passbook,
            d.amount,
            d.by,
            instant_secs(d.at)
        ],
    )
    .map_err(refused)?;
    Ok(conn.last_insert_rowid())
}

fn notice(row: &Row<'_>) -> StoreResult<NoticeRecord> {
    let date: String = get(row, 3)?;
    Ok(NoticeRecord {
        id: get(row, 0)?,
        notice: NewNotice {
            unit: UnitId(get(row, 1)?),
            case: CaseId(get(row, 2)?),
            date: date_of("money_notices.date", &date)?,
            how: get(row, 4)?,
            payee: get(row, 5)?,
            address: get(row, 6)?,
            by: get(row, 7)?,
            at: instant_of("money_notices.created_at", get(row, 8)?)?,
        },
    })
}

pub fn notices(conn: &Connection, case: CaseId) -> StoreResult<Vec<NoticeRecord>> {
    query_all(
        conn,
        "select id, unit_id, case_id, date, how, payee, address, created_by, created_at from money_notices
         where case_id = ?1 order by date desc, id desc",
        [case.0],
        notice,
    )
}

const DEPOSIT_COLUMNS: &str =
    "id, unit_id, case_id, notice_id, date, bank, passbook, amount, created_by, created_at from money_deposits";

fn deposit(row: &Row<'_>) -> StoreResult<DepositRecord> {
    let date: String = get(row, 4)?;
    Ok(DepositRecord {
        id: get(row, 0)?,
        deposit: NewDeposit {
            unit: UnitId(get(row, 1)?),
            case: CaseId(get(row, 2)?),
            notice: get(row, 3)?,
            date: date_of("money_deposits.date", &date)?,
            bank: get(row, 5)?,
            passbook: get(row, 6)?,
            amount: get(row, 7)?,
            by: get(row, 8)?,
            at: instant_of("money_deposits.created_at", get(row, 9)?)?,
        },
    })
}

pub fn read_deposit(conn: &Connection, id: i64) -> StoreResult<Option<DepositRecord>> {
    let sql = format!("select {DEPOSIT_COLUMNS} where id = ?1");
    Ok(query_all(conn, &sql, [id], deposit)?.into_iter().next())
}

pub fn deposits(conn: &Connection, unit: UnitId, case: Option<CaseId>, limit: u32) -> StoreResult<Vec<DepositRecord>> {
    let sql = format!(
        "select {DEPOSIT_COLUMNS} where unit_id = ?1 and (?2 is null or case_id = ?2) order by date desc, id desc
         limit ?3"
    );
    query_all(conn, &sql, params![unit.0, case.map(|c| c.0), limit], deposit)
}
