//! Writing many cases at once. The full-text index over `cases.search_text` (FTS5, filled by a
//! trigger) flushes its pending words at the end of every statement that writes to it, so one
//! insert statement per case costs several times the insert itself: here many cases go in one
//! statement. And an update that only moves a case's derived state (after new events) leaves
//! the columns that the search index and the other indexes read untouched.

use rusqlite::OptionalExtension;
use rusqlite::{Connection, Statement};
use thads_core::{CaseFacts, CaseId, EventId, Snapshot};
use thads_store::{CaseUpdate, NewCase, StoreError, StoreResult};

use time::Date;

use crate::convert as cv;

/// Cases per insert statement (20 parameters each, well under SQLite's limit of 32766).
pub const ROWS: usize = 500;

const INSERT: &str = "insert into cases (unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type,
    categories, amount, debtor, creditor, officer_id, search_text, state, state_ground, outstanding, collected,
    reduced, last_event_on, event_count, version, batch_id) values ";

/// One case's parameters: the columns above, with `version` 1.
const ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)";

/// The SQL inserting `rows` cases in one statement.
fn insert_sql(rows: usize) -> String {
    let mut sql = String::with_capacity(INSERT.len() + rows * (ROW.len() + 2));
    sql.push_str(INSERT);
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(ROW);
    }
    sql
}

/// Inserts at most `ROWS` cases in one statement; returns their ids in order, or `None` when a
/// case number is taken (the statement then changed nothing: the caller inserts one by one to
/// name it).
pub fn insert_chunk(conn: &Connection, chunk: &[NewCase]) -> StoreResult<Option<Vec<CaseId>>> {
    let mut stmt = conn.prepare_cached(&insert_sql(chunk.len())).map_err(StoreError::backend)?;
    for (i, case) in chunk.iter().enumerate() {
        bind_case(&mut stmt, i * 20, case).map_err(StoreError::backend)?;
    }
    match stmt.raw_execute() {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => return Ok(None),
        Err(e) => return Err(StoreError::backend(e)),
    }
    // A rowid table without explicit ids numbers the rows of one statement consecutively (each
    // new row takes the largest id plus one, and the transaction holds the write lock).
    let last = conn.last_insert_rowid();
    let first = last - chunk.len() as i64 + 1;
    Ok(Some((first..=last).map(CaseId).collect()))
}

/// Inserts one case (to name the case a unique violation is about); returns its id.
pub fn insert_one(conn: &Connection, case: &NewCase) -> rusqlite::Result<CaseId> {
    let mut stmt = conn.prepare_cached(&insert_sql(1))?;
    bind_case(&mut stmt, 0, case)?;
    stmt.raw_execute()?;
    Ok(CaseId(conn.last_insert_rowid()))
}

fn bind_case(stmt: &mut Statement<'_>, at: usize, c: &NewCase) -> rusqlite::Result<()> {
    bind_facts(stmt, at, &c.facts)?;
    stmt.raw_bind_parameter(at + 12, c.facts.search_text())?;
    bind_derived(stmt, at + 12, &c.current, c.last_event_on, c.event_count)?;
    stmt.raw_bind_parameter(at + 20, c.batch)
}

/// Binds a case's facts to the 11 parameters after `at`, in the column order unit, number,
/// acceptance, origin, delegation, judgment type, categories, amount, debtor, creditor, officer.
pub fn bind_facts(stmt: &mut Statement<'_>, at: usize, f: &CaseFacts) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(at + 1, f.unit.0)?;
    stmt.raw_bind_parameter(at + 2, f.case_no.as_str())?;
    stmt.raw_bind_parameter(at + 3, cv::date_text(f.accepted_on))?;
    stmt.raw_bind_parameter(at + 4, f.origin.code())?;
    stmt.raw_bind_parameter(at + 5, i64::from(f.received_by_delegation))?;
    stmt.raw_bind_parameter(at + 6, f.judgment_type.code())?;
    stmt.raw_bind_parameter(at + 7, i64::from(f.categories.bits()))?;
    stmt.raw_bind_parameter(at + 8, f.amount.dong())?;
    stmt.raw_bind_parameter(at + 9, f.debtor.as_str())?;
    stmt.raw_bind_parameter(at + 10, f.creditor.as_str())?;
    stmt.raw_bind_parameter(at + 11, f.officer.map(|o| o.0))
}

/// Binds a case's derived state to the 7 parameters after `at`, in the column order state,
/// ground, outstanding, collected, reduced, last event date, event count.
pub fn bind_derived(
    stmt: &mut Statement<'_>,
    at: usize,
    current: &Snapshot,
    last_event_on: Option<Date>,
    event_count: u32,
) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(at + 1, current.state.code())?;
    stmt.raw_bind_parameter(at + 2, current.state.ground().map(|g| g.as_str()))?;
    stmt.raw_bind_parameter(at + 3, current.outstanding.dong())?;
    stmt.raw_bind_parameter(at + 4, current.collected.dong())?;
    stmt.raw_bind_parameter(at + 5, current.reduced.dong())?;
    stmt.raw_bind_parameter(at + 6, last_event_on.map(cv::date_text))?;
    stmt.raw_bind_parameter(at + 7, event_count)
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

/// Stores a case's new derived state when its stored facts equal `u.facts` and its version is
/// `expected_version`; returns whether it did (if not, the caller's full update decides). The
/// search text is not compared: it is made of the number and the parties, which are.
pub fn update_state(conn: &Connection, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<bool> {
    let changed = conn
        .prepare_cached(
            "update cases set state = ?3, state_ground = ?4, outstanding = ?5, collected = ?6, reduced = ?7,
                last_event_on = ?8, event_count = ?9, version = version + 1
             where id = ?1 and version = ?2 and unit_id = ?10 and case_no = ?11 and accepted_on = ?12
                and origin = ?13 and received_by_delegation = ?14 and judgment_type = ?15 and categories = ?16
                and amount = ?17 and debtor = ?18 and creditor = ?19 and officer_id is ?20",
        )
        .and_then(|mut stmt| {
            stmt.raw_bind_parameter(1, id.0)?;
            stmt.raw_bind_parameter(2, expected_version)?;
            bind_derived(&mut stmt, 2, &u.current, u.last_event_on, u.event_count)?;
            bind_facts(&mut stmt, 9, &u.facts)?;
            stmt.raw_execute()
        })
        .map_err(StoreError::backend)?;
    Ok(changed == 1)
}

/// Adds ledger deltas: each touched series is read, merged (checked) and written back whole.
pub fn apply_ledger(conn: &Connection, rows: &[thads_store::LedgerRow]) -> StoreResult<()> {
    use thads_store::ledger_codec::{by_series, decode, encode, merge};
    let mut read = conn
        .prepare_cached("select months from ledger where unit_id = ?1 and dim_kind = ?2 and dim_value = ?3")
        .map_err(StoreError::backend)?;
    let mut write = conn
        .prepare_cached(
            "insert into ledger (unit_id, dim_kind, dim_value, months) values (?1, ?2, ?3, ?4)
             on conflict (unit_id, dim_kind, dim_value) do update set months = excluded.months",
        )
        .map_err(StoreError::backend)?;
    for (series, deltas) in by_series(rows) {
        let (unit, kind, value) = series.encode();
        let stored: Option<Vec<u8>> = read
            .query_row(rusqlite::params![unit, kind, value], |r| r.get(0))
            .optional()
            .map_err(StoreError::backend)?;
        let months = match stored {
            Some(bytes) => decode(&bytes)?,
            None => Vec::new(),
        };
        let merged = merge(months, &deltas)?;
        write.execute(rusqlite::params![unit, kind, value, encode(&merged)]).map_err(StoreError::backend)?;
    }
    Ok(())
}

/// Events per insert statement (10 parameters each).
pub const EVENT_ROWS: usize = 500;

/// Appends events, `EVENT_ROWS` per statement; returns their ids in order.
pub fn insert_events(conn: &Connection, events: &[thads_store::NewEvent]) -> StoreResult<Vec<thads_core::EventId>> {
    let mut ids = Vec::with_capacity(events.len());
    for chunk in events.chunks(EVENT_ROWS) {
        let sql = format!(
            "insert into events (case_id, date, code, amount, ground, supersedes, note, recorded_by, recorded_at,
                batch_id) values {}",
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
        ids.extend((last - chunk.len() as i64 + 1..=last).map(thads_core::EventId));
    }
    Ok(ids)
}

fn bind_event(stmt: &mut Statement<'_>, at: usize, e: &thads_store::NewEvent) -> rusqlite::Result<()> {
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

/// A row the schema refuses (a case that does not exist…) is invalid data; anything else is a
/// failure of the database.
fn refused(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, msg) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            StoreError::Invalid(msg.clone().unwrap_or_else(|| e.to_string()))
        }
        _ => StoreError::backend(e),
    }
}
