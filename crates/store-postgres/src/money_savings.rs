//! Unclaimed money on PostgreSQL (schema 27): notices to a payee and savings deposits of a
//! case's money, append-only. Their ledger entries are written through `MoneyTx::insert_entry`.

use postgres::Row;
use thads_core::{CaseId, UnitId};
use thads_store::{DepositRecord, NewDeposit, NewNotice, NoticeRecord, StoreError, StoreResult};

use crate::PgStore;
use crate::convert::{get, instant_of};
use crate::error::constraint;
use crate::tx::PgTx;

pub fn insert_notice(tx: &mut PgTx<'_>, n: &NewNotice) -> StoreResult<i64> {
    let rows = tx.query_mapped(
        "insert into money_notices (unit_id, case_id, date, how, payee, address, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        &[&n.unit.0, &n.case.0, &n.date, &n.how, &n.payee, &n.address, &n.by, &n.at.unix_timestamp()],
        constraint(|| "thông báo nhận tiền / notice".to_string()),
    )?;
    rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))
}

pub fn insert_deposit(tx: &mut PgTx<'_>, d: &NewDeposit) -> StoreResult<i64> {
    let rows = tx.query_mapped(
        "insert into money_deposits (unit_id, case_id, notice_id, date, bank, passbook, amount, created_by,
            created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        &[&d.unit.0, &d.case.0, &d.notice, &d.date, &d.bank, &d.passbook, &d.amount, &d.by, &d.at.unix_timestamp()],
        constraint(|| "gửi tiết kiệm / savings deposit".to_string()),
    )?;
    rows.first().map(|r| get(r, 0)).transpose()?.ok_or_else(|| StoreError::Backend("no id".into()))
}

fn notice(row: &Row) -> StoreResult<NoticeRecord> {
    Ok(NoticeRecord {
        id: get(row, 0)?,
        notice: NewNotice {
            unit: UnitId(get(row, 1)?),
            case: CaseId(get(row, 2)?),
            date: get(row, 3)?,
            how: get(row, 4)?,
            payee: get(row, 5)?,
            address: get(row, 6)?,
            by: get(row, 7)?,
            at: instant_of("money_notices.created_at", get(row, 8)?)?,
        },
    })
}

pub fn notices(store: &PgStore, case: CaseId) -> StoreResult<Vec<NoticeRecord>> {
    store.query_all(
        "select id, unit_id, case_id, date, how, payee, address, created_by, created_at from money_notices
         where case_id = $1 order by date desc, id desc",
        &[&case.0],
        notice,
    )
}

const DEPOSIT_COLUMNS: &str =
    "id, unit_id, case_id, notice_id, date, bank, passbook, amount, created_by, created_at from money_deposits";

fn deposit(row: &Row) -> StoreResult<DepositRecord> {
    Ok(DepositRecord {
        id: get(row, 0)?,
        deposit: NewDeposit {
            unit: UnitId(get(row, 1)?),
            case: CaseId(get(row, 2)?),
            notice: get(row, 3)?,
            date: get(row, 4)?,
            bank: get(row, 5)?,
            passbook: get(row, 6)?,
            amount: get(row, 7)?,
            by: get(row, 8)?,
            at: instant_of("money_deposits.created_at", get(row, 9)?)?,
        },
    })
}

pub fn read_deposit(store: &PgStore, id: i64) -> StoreResult<Option<DepositRecord>> {
    store.query_one(&format!("select {DEPOSIT_COLUMNS} where id = $1"), &[&id], deposit)
}

pub fn deposits(store: &PgStore, unit: UnitId, case: Option<CaseId>, limit: u32) -> StoreResult<Vec<DepositRecord>> {
    let sql = format!(
        "select {DEPOSIT_COLUMNS} where unit_id = $1 and ($2::bigint is null or case_id = $2)
         order by date desc, id desc limit $3"
    );
    store.query_all(&sql, &[&unit.0, &case.map(|c| c.0), &i64::from(limit)], deposit)
}
