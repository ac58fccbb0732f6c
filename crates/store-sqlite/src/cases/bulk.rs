//! Writing many cases at once. The full-text index over `cases.search_text` (FTS5, filled by a
//! trigger) flushes its pending words at the end of every statement that writes to it, so one
//! insert statement per case costs several times the insert itself: here many cases go in one
//! statement. And an update that only moves a case's derived state (after new events) leaves
//! the columns that the search index and the other indexes read untouched.

use rusqlite::{Connection, Statement};
use thads_core::{CaseFacts, CaseId, Snapshot};
use thads_store::{CASE_INSERT_COLUMNS, CaseUpdate, NewCase, StoreError, StoreResult};
use time::Date;

use crate::convert as cv;
use crate::error::is_unique_violation;

/// Cases per insert statement (20 parameters each, well under SQLite's limit of 32766).
pub const ROWS: usize = 500;

/// One case's parameters: the columns of `CASE_INSERT_COLUMNS`, with `version` 1.
const ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)";

/// The SQL inserting `rows` cases in one statement.
fn insert_sql(rows: usize) -> String {
    format!("insert into cases ({CASE_INSERT_COLUMNS}) values {}", vec![ROW; rows].join(", "))
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

/// Stores a case's new derived state when its stored facts equal `u.facts` and its version is
/// `expected_version`; returns whether it did (if not, the caller's full update decides). The
/// search text is not compared: it is made of the number and the parties, which are.
pub fn update_state(conn: &Connection, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<bool> {
    narrow_update(conn, UPDATE_STATE, id, expected_version, u)
}

/// `update_state`, only when the case stays in its cohort (schema 4's `case_cohort_keys`: the
/// same unit and month of acceptance, both facts compared, and the same month of closing, the
/// view's expression on the stored row and on the new state): while the cohort trigger is
/// dropped (`update_cases`), such a case needs no cohort count moved. A `collected` event of a
/// distribution leaves every case open: all 50,000 go this way. `sql` is `in_cohort_sql()`.
pub fn update_state_in_cohort(
    conn: &Connection,
    sql: &str,
    id: CaseId,
    expected_version: i64,
    u: &CaseUpdate,
) -> StoreResult<bool> {
    narrow_update(conn, sql, id, expected_version, u)
}

/// The statement of `update_state_in_cohort`. The closed states are compared one by one: an
/// `in (…)` list of constants is built into a temporary index at every execution.
pub fn in_cohort_sql() -> String {
    let closed = |state: &str| {
        let whens: String = CLOSED.iter().map(|s| format!(" when '{s}' then 1")).collect();
        format!("(case {state}{whens} else 0 end)")
    };
    format!(
        "{UPDATE_STATE}
            and (case when {} = 1 then substr(coalesce(last_event_on, accepted_on), 1, 7) else '' end)
              = (case when {} = 1 then substr(coalesce(?8, accepted_on), 1, 7) else '' end)",
        closed("state"),
        closed("?3")
    )
}

/// The narrow update of `update_state` (`?1` to `?20`).
const UPDATE_STATE: &str = "update cases set state = ?3, state_ground = ?4, outstanding = ?5, collected = ?6,
        reduced = ?7, last_event_on = ?8, event_count = ?9, version = version + 1
     where id = ?1 and version = ?2 and unit_id = ?10 and case_no = ?11 and accepted_on = ?12
        and origin = ?13 and received_by_delegation = ?14 and judgment_type = ?15 and categories = ?16
        and amount = ?17 and debtor = ?18 and creditor = ?19 and officer_id is ?20";

/// The states of a closed case, as schema 4's `case_cohort_keys` lists them.
const CLOSED: [&str; 7] =
    ["completed", "terminated", "exempted", "delegated_out", "withdrawn", "separate_register", "request_returned"];

fn narrow_update(conn: &Connection, sql: &str, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<bool> {
    let changed = conn
        .prepare_cached(sql)
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
