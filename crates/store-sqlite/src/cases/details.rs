//! A case's details on SQLite (`case_details`, schema 10: one row per case that has any) and the
//! numbers taken in a unit's book of a year.

use rusqlite::{Connection, Row, params};
use thads_core::{CaseDetails, CaseId, CaseNo, UnitId};
use thads_store::{CASE_DETAILS_COLUMNS, DetailsColumns, StoreError, StoreResult, year_bounds};

use crate::convert::{date_of, date_text, query_all};

pub fn read(conn: &Connection, id: CaseId) -> StoreResult<Option<CaseDetails>> {
    let sql = format!("select {CASE_DETAILS_COLUMNS} from case_details where case_id = ?1");
    query_all(conn, &sql, [id.0], columns)?.into_iter().next().map(DetailsColumns::details).transpose()
}

fn columns(row: &Row<'_>) -> StoreResult<DetailsColumns> {
    let text = |i: usize| row.get::<_, Option<String>>(i).map_err(StoreError::backend);
    let date = |i: usize, column: &str| text(i)?.map(|t| date_of(column, &t)).transpose();
    Ok(DetailsColumns {
        debtor_id: text(0)?,
        debtor_address: text(1)?.unwrap_or_default(),
        creditor_id: text(2)?,
        creditor_address: text(3)?.unwrap_or_default(),
        judgment_court: text(4)?,
        judgment_no: text(5)?,
        judgment_on: date(6, "case_details.judgment_on")?,
        request_on: date(7, "case_details.request_on")?,
        requester: text(8)?,
        obligation: text(9)?.unwrap_or_default(),
    })
}

pub fn write(conn: &Connection, id: CaseId, details: &CaseDetails) -> StoreResult<()> {
    let c = DetailsColumns::of(details);
    let sql = format!(
        "insert into case_details (case_id, {CASE_DETAILS_COLUMNS}) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         on conflict (case_id) do update set debtor_id = excluded.debtor_id,
            debtor_address = excluded.debtor_address, creditor_id = excluded.creditor_id,
            creditor_address = excluded.creditor_address, judgment_court = excluded.judgment_court,
            judgment_no = excluded.judgment_no, judgment_on = excluded.judgment_on,
            request_on = excluded.request_on, requester = excluded.requester,
            obligation = excluded.obligation"
    );
    conn.prepare_cached(&sql)
        .and_then(|mut stmt| {
            stmt.execute(params![
                id.0,
                c.debtor_id,
                c.debtor_address,
                c.creditor_id,
                c.creditor_address,
                c.judgment_court,
                c.judgment_no,
                c.judgment_on.map(date_text),
                c.request_on.map(date_text),
                c.requester,
                c.obligation,
            ])
        })
        .map_err(StoreError::backend)?;
    Ok(())
}

pub fn numbers_of_year(conn: &Connection, unit: UnitId, year: i32) -> StoreResult<Vec<CaseNo>> {
    let (from, to) = year_bounds(year)?;
    let sql = "select case_no from cases where unit_id = ?1 and accepted_on >= ?2 and accepted_on < ?3";
    query_all(conn, sql, params![unit.0, date_text(from), date_text(to)], |row| {
        let no: String = row.get(0).map_err(StoreError::backend)?;
        CaseNo::stored(&no).map_err(|_| StoreError::corrupt("cases.case_no", &no))
    })
}
