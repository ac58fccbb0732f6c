//! Streaming every case with its records: two server-side portals (cases, and events ordered by
//! case), read a chunk at a time inside one repeatable-read snapshot and merged, so that ten
//! million cases pass through without being held in memory and both sides see the same data.

use std::collections::VecDeque;

use postgres::types::ToSql;
use postgres::{Client, IsolationLevel, Portal, Row, Transaction};
use thads_core::{CaseId, EventRecord};
use thads_store::{CASE_COLUMNS, CaseHistory, EVENT_COLUMNS, ScanFilter, StoreResult, columns_of};

use crate::convert as cv;
use crate::error::backend;

/// Rows fetched per round trip from each portal.
const FETCH: i32 = 2_000;

/// `where` clause on table alias `c` and its parameters.
fn filter_sql(filter: &ScanFilter) -> (String, Vec<Box<dyn ToSql + Sync>>) {
    let mut clauses = Vec::new();
    let mut params: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    if let Some(units) = &filter.units {
        params.push(Box::new(units.iter().map(|u| u.0).collect::<Vec<i64>>()));
        clauses.push(format!("c.unit_id = any(${})", params.len()));
    }
    if let Some(to) = filter.accepted_to {
        params.push(Box::new(to));
        clauses.push(format!("c.accepted_on <= ${}", params.len()));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!("where {}", clauses.join(" and ")) };
    (sql, params)
}

/// Rows of one portal, fetched a chunk at a time.
struct Stream {
    portal: Portal,
    buffer: VecDeque<Row>,
    done: bool,
}

impl Stream {
    fn open(tx: &mut Transaction<'_>, sql: &str, params: &[&(dyn ToSql + Sync)]) -> StoreResult<Stream> {
        let portal = tx.bind(sql, params).map_err(backend)?;
        Ok(Stream { portal, buffer: VecDeque::new(), done: false })
    }

    fn next(&mut self, tx: &mut Transaction<'_>) -> StoreResult<Option<Row>> {
        if self.buffer.is_empty() && !self.done {
            let rows = tx.query_portal(&self.portal, FETCH).map_err(backend)?;
            self.done = rows.len() < usize::try_from(FETCH).unwrap_or(0);
            self.buffer.extend(rows);
        }
        Ok(self.buffer.pop_front())
    }
}

pub fn scan(
    client: &mut Client,
    filter: &ScanFilter,
    visit: &mut dyn FnMut(CaseHistory) -> StoreResult<()>,
) -> StoreResult<()> {
    let (where_sql, params) = filter_sql(filter);
    let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
    let case_sql = format!("select {} from cases c {where_sql} order by c.id", columns_of(CASE_COLUMNS, "c"));
    let event_sql = format!(
        "select {} from events e join cases c on c.id = e.case_id {where_sql} order by e.case_id, e.id",
        columns_of(EVENT_COLUMNS, "e")
    );
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(backend)?;
    let mut cases = Stream::open(&mut tx, &case_sql, &refs)?;
    let mut events = Stream::open(&mut tx, &event_sql, &refs)?;
    let mut pending = next_event(&mut events, &mut tx)?;
    while let Some(row) = cases.next(&mut tx)? {
        let case = cv::case(&row)?;
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
            pending = next_event(&mut events, &mut tx)?;
        }
        visit(CaseHistory { case, records })?;
    }
    tx.commit().map_err(backend)
}

fn next_event(events: &mut Stream, tx: &mut Transaction<'_>) -> StoreResult<Option<(CaseId, EventRecord)>> {
    match events.next(tx)? {
        Some(row) => cv::event(&row).map(Some),
        None => Ok(None),
    }
}
