//! Streaming every case with its records: two cursors ordered by case id, merged, so that
//! ten million cases pass through without being held in memory.

use rusqlite::{Connection, ToSql};
use thads_core::{CaseId, EventRecord};
use thads_store::{CASE_COLUMNS, CaseHistory, EVENT_COLUMNS, ScanFilter, StoreError, StoreResult, columns_of};

use crate::convert as cv;

/// `where` clause on table alias `c` and its parameters.
fn filter_sql(filter: &ScanFilter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut clauses = Vec::new();
    let mut params: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(units) = &filter.units {
        let marks: Vec<String> = units
            .iter()
            .map(|u| {
                params.push(Box::new(u.0));
                format!("?{}", params.len())
            })
            .collect();
        clauses
            .push(format!("c.unit_id in ({})", if marks.is_empty() { "null".to_string() } else { marks.join(", ") }));
    }
    if let Some(to) = filter.accepted_to {
        params.push(Box::new(cv::date_text(to)));
        clauses.push(format!("c.accepted_on <= ?{}", params.len()));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!("where {}", clauses.join(" and ")) };
    (sql, params)
}

pub fn scan(
    conn: &Connection,
    filter: &ScanFilter,
    visit: &mut dyn FnMut(CaseHistory) -> StoreResult<()>,
) -> StoreResult<()> {
    let (where_sql, params) = filter_sql(filter);
    let param_refs: Vec<&dyn ToSql> = params.iter().map(|p| p.as_ref()).collect();
    let case_sql = format!("select {} from cases c {where_sql} order by c.id", columns_of(CASE_COLUMNS, "c"));
    let event_sql = format!(
        "select {} from events e join cases c on c.id = e.case_id {where_sql} order by e.case_id, e.id",
        columns_of(EVENT_COLUMNS, "e")
    );
    let mut case_stmt = conn.prepare(&case_sql).map_err(StoreError::backend)?;
    let mut event_stmt = conn.prepare(&event_sql).map_err(StoreError::backend)?;
    let mut cases = case_stmt.query(param_refs.as_slice()).map_err(StoreError::backend)?;
    let mut events = event_stmt.query(param_refs.as_slice()).map_err(StoreError::backend)?;
    let mut pending: Option<(CaseId, EventRecord)> = next_event(&mut events)?;
    while let Some(row) = cases.next().map_err(StoreError::backend)? {
        let case = cv::case(row)?;
        let mut records = Vec::new();
        while let Some((case_id, _)) = &pending {
            if *case_id > case.id {
                break;
            }
            if let Some((case_id, record)) = pending.take()
                && case_id == case.id
            {
                records.push(record);
            }
            pending = next_event(&mut events)?;
        }
        visit(CaseHistory { case, records })?;
    }
    Ok(())
}

fn next_event(rows: &mut rusqlite::Rows<'_>) -> StoreResult<Option<(CaseId, EventRecord)>> {
    match rows.next().map_err(StoreError::backend)? {
        Some(row) => cv::event(row).map(Some),
        None => Ok(None),
    }
}
