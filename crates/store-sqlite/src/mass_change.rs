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
//! (`WriteTx::expect_changes`); below that, rebuilding over the whole register would cost more
//! than it saves. Everything is dropped and put back inside the transaction, so a rollback
//! restores it all. An index only speeds reads up, so reads in the transaction stay correct;
//! cohort counts are only read outside write transactions.

use rusqlite::Connection;
use thads_store::{StoreError, StoreResult};

/// Indexes over what new events change: the outstanding amount of a case, the due dates of its
/// deadlines. (`deadlines_case` stays: replacing a case's deadlines finds them through it.)
const INDEXES: [&str; 3] = ["cases_outstanding", "deadlines_unit_due", "deadlines_officer_due"];

/// The trigger that moves one case between cohorts when it changes.
pub const COHORT_TRIGGER: &str = "cases_cohort_update";

/// What was dropped, to put back at commit.
#[derive(Debug)]
pub struct MassChange {
    /// `create index …` and `create trigger …` statements, as stored in the schema.
    statements: Vec<String>,
}

/// Drops the indexes and the cohort trigger if `cases` is at least half of the stored cases.
pub fn start(conn: &Connection, cases: usize) -> StoreResult<Option<MassChange>> {
    let stored: i64 = conn.query_row("select count(*) from cases", [], |r| r.get(0)).map_err(StoreError::backend)?;
    let cases = i64::try_from(cases).unwrap_or(i64::MAX);
    if stored == 0 || cases.saturating_mul(2) < stored {
        return Ok(None);
    }
    let mut statements = Vec::with_capacity(INDEXES.len() + 1);
    for (kind, name) in INDEXES.iter().map(|n| ("index", *n)).chain([("trigger", COHORT_TRIGGER)]) {
        statements.push(schema_sql(conn, kind, name)?);
        conn.execute_batch(&format!("drop {kind} {name}")).map_err(StoreError::backend)?;
    }
    Ok(Some(MassChange { statements }))
}

/// The statement that created `name`, as stored in the schema.
pub fn schema_sql(conn: &Connection, kind: &str, name: &str) -> StoreResult<String> {
    conn.query_row("select sql from sqlite_schema where type = ?1 and name = ?2", [kind, name], |r| r.get(0))
        .map_err(|e| StoreError::Backend(format!("{kind} {name}: {e}")))
}

/// Counts every cohort again and puts the indexes and the trigger back.
pub fn finish(conn: &Connection, change: MassChange) -> StoreResult<()> {
    conn.execute_batch(
        "delete from case_cohorts;
         insert into case_cohorts (unit_id, accepted_month, closed_month, count)
         select unit_id, accepted_month, closed_month, count(*) from case_cohort_keys group by 1, 2, 3;",
    )
    .map_err(StoreError::backend)?;
    for sql in &change.statements {
        conn.execute_batch(sql).map_err(StoreError::backend)?;
    }
    Ok(())
}
