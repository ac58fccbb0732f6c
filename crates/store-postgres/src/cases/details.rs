//! A case's details on PostgreSQL (`case_details`, schema 10: one row per case that has any) and
//! the numbers taken in a unit's book of a year.

use postgres::Row;
use thads_core::{CaseDetails, CaseId, CaseNo, UnitId};
use thads_store::{CASE_DETAILS_COLUMNS, DetailsColumns, StoreError, StoreResult, year_bounds};

use crate::convert::get;
use crate::tx::PgTx;

pub fn select_sql() -> String {
    format!("select {CASE_DETAILS_COLUMNS} from case_details where case_id = $1")
}

pub const NUMBERS_SQL: &str = "select case_no from cases where unit_id = $1 and accepted_on >= $2 and accepted_on < $3";

pub fn columns(row: &Row) -> StoreResult<DetailsColumns> {
    Ok(DetailsColumns {
        debtor_id: get(row, 0)?,
        debtor_address: get(row, 1)?,
        creditor_id: get(row, 2)?,
        creditor_address: get(row, 3)?,
        judgment_court: get(row, 4)?,
        judgment_no: get(row, 5)?,
        judgment_on: get(row, 6)?,
        request_on: get(row, 7)?,
        requester: get(row, 8)?,
        obligation: get(row, 9)?,
    })
}

pub fn case_no(row: &Row) -> StoreResult<CaseNo> {
    let no: String = get(row, 0)?;
    CaseNo::stored(&no).map_err(|_| StoreError::corrupt("cases.case_no", &no))
}

pub fn write(tx: &mut PgTx<'_>, id: CaseId, details: &CaseDetails) -> StoreResult<()> {
    let c = DetailsColumns::of(details);
    let sql = format!(
        "insert into case_details (case_id, {CASE_DETAILS_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (case_id) do update set debtor_id = excluded.debtor_id,
            debtor_address = excluded.debtor_address, creditor_id = excluded.creditor_id,
            creditor_address = excluded.creditor_address, judgment_court = excluded.judgment_court,
            judgment_no = excluded.judgment_no, judgment_on = excluded.judgment_on,
            request_on = excluded.request_on, requester = excluded.requester,
            obligation = excluded.obligation"
    );
    tx.execute(
        &sql,
        &[
            &id.0,
            &c.debtor_id,
            &c.debtor_address,
            &c.creditor_id,
            &c.creditor_address,
            &c.judgment_court,
            &c.judgment_no,
            &c.judgment_on,
            &c.request_on,
            &c.requester,
            &c.obligation,
        ],
    )?;
    Ok(())
}

/// Many cases' details in one statement per chunk (`unnest` of parameter arrays).
pub fn write_many(tx: &mut PgTx<'_>, rows: &[(CaseId, CaseDetails)]) -> StoreResult<()> {
    for chunk in rows.chunks(10_000) {
        let ids: Vec<i64> = chunk.iter().map(|(id, _)| id.0).collect();
        let c: Vec<DetailsColumns> = chunk.iter().map(|(_, d)| DetailsColumns::of(d)).collect();
        let text = |f: fn(&DetailsColumns) -> Option<String>| c.iter().map(f).collect::<Vec<Option<String>>>();
        let (debtor_id, creditor_id) = (text(|c| c.debtor_id.clone()), text(|c| c.creditor_id.clone()));
        let debtor_address: Vec<&str> = c.iter().map(|c| c.debtor_address.as_str()).collect();
        let creditor_address: Vec<&str> = c.iter().map(|c| c.creditor_address.as_str()).collect();
        let (court, number) = (text(|c| c.judgment_court.clone()), text(|c| c.judgment_no.clone()));
        let judgment_on: Vec<Option<time::Date>> = c.iter().map(|c| c.judgment_on).collect();
        let request_on: Vec<Option<time::Date>> = c.iter().map(|c| c.request_on).collect();
        let requester = text(|c| c.requester.clone());
        let obligation: Vec<&str> = c.iter().map(|c| c.obligation.as_str()).collect();
        let sql = format!(
            "insert into case_details (case_id, {CASE_DETAILS_COLUMNS})
             select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::text[], $8::date[], $9::date[], $10::text[], $11::text[])
             on conflict (case_id) do update set debtor_id = excluded.debtor_id,
                debtor_address = excluded.debtor_address, creditor_id = excluded.creditor_id,
                creditor_address = excluded.creditor_address, judgment_court = excluded.judgment_court,
                judgment_no = excluded.judgment_no, judgment_on = excluded.judgment_on,
                request_on = excluded.request_on, requester = excluded.requester,
            obligation = excluded.obligation"
        );
        tx.execute(
            &sql,
            &[
                &ids,
                &debtor_id,
                &debtor_address,
                &creditor_id,
                &creditor_address,
                &court,
                &number,
                &judgment_on,
                &request_on,
                &requester,
                &obligation,
            ],
        )?;
    }
    Ok(())
}

pub fn numbers_taken(tx: &mut PgTx<'_>, unit: UnitId, year: i32) -> StoreResult<Vec<CaseNo>> {
    let (from, to) = year_bounds(year)?;
    tx.query(NUMBERS_SQL, &[&unit.0, &from, &to])?.iter().map(case_no).collect()
}
