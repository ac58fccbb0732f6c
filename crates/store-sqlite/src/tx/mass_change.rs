//! A transaction that changes most of the stored cases at once (the events file of a register's
//! first load): the indexes over the columns such a change writes and the cohort counts are
//! built again once, at commit, instead of being kept up row by row.
//!
//! Why (measured on the events file of a million freshly imported cases, all of them touched):
//! deleting the cases' deadline rows took 4.8–6.3 s with the two due-date indexes in place and
//! 1.3 s without them (building them again over what is left costs next to nothing), and moving
//! each case between its cohorts (taking the old ones out and putting the new ones in, per chunk)
//! took 4.9 s where counting all cohorts again takes about one.
//!
//! When: only if the transaction says it will change at least half of the stored cases
//! (`CasesTx::expect_changes`); below that, rebuilding over the whole register would cost more
//! than it saves. Everything is dropped and put back inside the transaction, so a rollback
//! restores it all. An index only speeds reads up, so reads in the transaction stay correct;
//! cohort counts are only read outside write transactions. What concerns the cases themselves
//! (the amount-owed index, the cohort trigger and the recount) waits for the first case written:
//! a rebuild of the deadlines alone changes no case and pays only for the due-date indexes.

use rusqlite::Connection;
use thads_store::{StoreError, StoreResult};

/// Indexes over the due dates of deadlines. (`deadlines_case` stays: replacing a case's
/// deadlines finds them through it.)
const DEADLINE_INDEXES: [&str; 5] =
    ["deadlines_unit_due", "deadlines_officer_due", "deadlines_overdue", "deadlines_due", "deadlines_tally"];

/// The index over what new events change in a case: the amount still owed.
const CASE_INDEX: &str = "cases_outstanding";

/// The trigger that moves one case between cohorts when it changes.
pub const COHORT_TRIGGER: &str = "cases_cohort_update";

/// What was dropped, to put back at commit.
#[derive(Debug)]
pub struct MassChange {
    /// `create index …` and `create trigger …` statements, as stored in the schema.
    statements: Vec<String>,
    /// Whether cases are being changed (not only their deadlines, as in a rebuild of the
    /// deadlines): their index and cohort trigger are then dropped and the cohorts counted again.
    cases: bool,
}

/// Drops the due-date indexes if `cases` is at least half of the stored cases; the cases' own
/// index and cohort trigger wait for the first change of a case (`cases_change`).
pub fn start(conn: &Connection, cases: usize) -> StoreResult<Option<MassChange>> {
    let stored: i64 = conn.query_row("select count(*) from cases", [], |r| r.get(0)).map_err(StoreError::backend)?;
    if !thads_store::changes_most_of(cases, stored) {
        return Ok(None);
    }
    let mut change = MassChange { statements: Vec::with_capacity(DEADLINE_INDEXES.len() + 2), cases: false };
    for name in DEADLINE_INDEXES {
        change.drop(conn, "index", name)?;
    }
    Ok(Some(change))
}

/// Before a case of the mass change is written: drops the amount-owed index and the cohort
/// trigger, once.
pub fn cases_change(conn: &Connection, change: &mut MassChange) -> StoreResult<()> {
    if !change.cases {
        change.drop(conn, "index", CASE_INDEX)?;
        change.drop(conn, "trigger", COHORT_TRIGGER)?;
        change.cases = true;
    }
    Ok(())
}

impl MassChange {
    /// Drops `name`, keeping the statement that creates it again.
    fn drop(&mut self, conn: &Connection, kind: &str, name: &str) -> StoreResult<()> {
        self.statements.push(schema_sql(conn, kind, name)?);
        conn.execute_batch(&format!("drop {kind} {name}")).map_err(StoreError::backend)
    }
}

/// The statement that created `name`, as stored in the schema.
pub fn schema_sql(conn: &Connection, kind: &str, name: &str) -> StoreResult<String> {
    conn.query_row("select sql from sqlite_schema where type = ?1 and name = ?2", [kind, name], |r| r.get(0))
        .map_err(|e| StoreError::Backend(format!("{kind} {name}: {e}")))
}

/// Counts every cohort again (if cases changed) and puts the indexes and the trigger back.
pub fn finish(conn: &Connection, change: MassChange) -> StoreResult<()> {
    if change.cases {
        conn.execute_batch(
            "delete from case_cohorts;
             insert into case_cohorts (unit_id, accepted_month, closed_month, count)
             select unit_id, accepted_month, closed_month, count(*) from case_cohort_keys group by 1, 2, 3;",
        )
        .map_err(StoreError::backend)?;
    }
    for sql in &change.statements {
        conn.execute_batch(sql).map_err(StoreError::backend)?;
    }
    Ok(())
}
