//! Histories on SQLite: records appended many to a statement (never updated or deleted: the
//! schema's triggers refuse it), read per case, and streamed for every case (`scan`).

mod scan;

use std::collections::HashMap;

use rusqlite::{Connection, Statement};
use thads_core::{CaseId, EventId, EventRecord};
use thads_store::{
    CaseHistory, EVENT_COLUMNS, EVENT_INSERT_COLUMNS, Events, EventsTx, NewEvent, ScanFilter, StoreError, StoreResult,
};

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::refused;
use crate::tx::SqliteTx;

/// Events per insert statement (10 parameters each).
const ROWS: usize = 500;

/// A case's records, in record order.
fn of_case_sql() -> String {
    format!("select {EVENT_COLUMNS} from events where case_id = ?1 order by id")
}

impl Events for SqliteStore {
    fn records(&self, case: CaseId) -> StoreResult<Vec<EventRecord>> {
        self.query_all(&of_case_sql(), [case.0], |r| cv::event(r).map(|(_, e)| e))
    }

    fn scan_histories(
        &self,
        filter: &ScanFilter,
        visit: &mut dyn FnMut(CaseHistory) -> StoreResult<()>,
    ) -> StoreResult<()> {
        scan::scan(&*self.pool.get()?, filter, visit)
    }
}

impl EventsTx for SqliteTx<'_> {
    /// `ROWS` records per statement; their ids in order.
    fn insert_events(&mut self, events: &[NewEvent]) -> StoreResult<Vec<EventId>> {
        let conn = self.conn();
        let mut ids = Vec::with_capacity(events.len());
        for chunk in events.chunks(ROWS) {
            let sql = format!(
                "insert into events ({EVENT_INSERT_COLUMNS}) values {}",
                vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ")
            );
            let mut stmt = conn.prepare_cached(&sql).map_err(StoreError::backend)?;
            for (i, e) in chunk.iter().enumerate() {
                bind_event(&mut stmt, i * 10, e).map_err(StoreError::backend)?;
            }
            stmt.raw_execute().map_err(|e| {
                if supersedes_again(&e) {
                    thads_store::superseded_again(chunk, |targets| already_superseded(conn, targets))
                } else {
                    refused(e)
                }
            })?;
            // As for cases: one statement's rows take consecutive ids.
            let last = conn.last_insert_rowid();
            ids.extend((last - chunk.len() as i64 + 1..=last).map(EventId));
        }
        Ok(ids)
    }

    /// `ROWS` cases to a statement (a distribution reads the histories of 50,000 at once).
    fn records_of(&mut self, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, Vec<EventRecord>)>> {
        let mut by_case: HashMap<CaseId, Vec<EventRecord>> = HashMap::new();
        for chunk in cases.chunks(ROWS) {
            let sql = format!(
                "select {EVENT_COLUMNS} from events where case_id in ({}) order by case_id, id",
                vec!["?"; chunk.len()].join(", ")
            );
            let mut stmt = self.conn().prepare_cached(&sql).map_err(StoreError::backend)?;
            for (i, case) in chunk.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, case.0).map_err(StoreError::backend)?;
            }
            let mut rows = stmt.raw_query();
            while let Some(row) = rows.next().map_err(StoreError::backend)? {
                let (case, record) = cv::event(row)?;
                by_case.entry(case).or_default().push(record);
            }
        }
        Ok(cases.iter().filter_map(|c| by_case.remove(c).map(|r| (*c, r))).collect())
    }
}

/// Binds a record to the 10 parameters after `at`, in the order of `EVENT_INSERT_COLUMNS`.
fn bind_event(stmt: &mut Statement<'_>, at: usize, e: &NewEvent) -> rusqlite::Result<()> {
    let (date, code, amount, ground) = cv::entry_columns(&e.entry, e.recorded_at.date());
    stmt.raw_bind_parameter(at + 1, e.case.0)?;
    stmt.raw_bind_parameter(at + 2, date)?;
    stmt.raw_bind_parameter(at + 3, code)?;
    stmt.raw_bind_parameter(at + 4, amount)?;
    stmt.raw_bind_parameter(at + 5, ground)?;
    stmt.raw_bind_parameter(at + 6, e.supersedes.map(|s| s.0))?;
    stmt.raw_bind_parameter(at + 7, e.note.as_str())?;
    stmt.raw_bind_parameter(at + 8, e.recorded_by.as_str())?;
    stmt.raw_bind_parameter(at + 9, cv::instant_secs(e.recorded_at))?;
    stmt.raw_bind_parameter(at + 10, e.batch)
}

/// Whether `e` is the refusal of a second record superseding the same record (schema 8).
fn supersedes_again(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, Some(message))
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE && message.ends_with("events.supersedes"))
}

/// The first of `targets` that a stored record already supersedes.
fn already_superseded(conn: &Connection, targets: &[EventId]) -> StoreResult<Option<EventId>> {
    let mut stmt = conn.prepare_cached("select 1 from events where supersedes = ?1").map_err(StoreError::backend)?;
    for target in targets {
        if stmt.exists([target.0]).map_err(StoreError::backend)? {
            return Ok(Some(*target));
        }
    }
    Ok(None)
}
