//! Many new cases in one transaction (an imported register, the demo): their search words and
//! acceptance cohorts are written once, in aggregate, when the transaction is about to commit,
//! instead of by the per-row triggers of schemas 0004 and 0005.
//!
//! Why: the full-text index (FTS5) flushes its pending words to disk at the end of every
//! statement that writes to it, so a trigger-fed index turns a million inserted cases into
//! thousands of small segments merged again and again (measured: 14 s of a 23 s insert of a
//! million cases); one `insert … select` over the new rows makes a few large segments (about
//! 3 s with the 64 MiB word buffer of schema 0007).
//!
//! How, inside the transaction (so a rollback undoes all of it): the two insert triggers are
//! dropped before the first bulk insert, after their SQL has been kept from `sqlite_schema`;
//! new rows take ids above every stored one (rowids are the largest plus one), so "the cases
//! added since" is the id range from the first new id; `settle` indexes that range, counts its
//! cohorts and re-creates the triggers from their kept SQL. Anything else that writes cases in
//! the same transaction settles first: an update's own triggers must find the index and the
//! cohort counts complete.
//!
//! Into an empty register (the first import of a section's books, the demo) the secondary
//! indexes of the cases and their deadlines are also dropped and built again at the end, from
//! sorted data, which is several times cheaper than keeping them row by row. The unique index
//! of decision numbers stays: duplicates must still be refused as they come.

use rusqlite::Connection;
use thads_store::{StoreError, StoreResult};

use super::mass_change::{COHORT_TRIGGER, schema_sql};

/// The per-row triggers replaced while cases are inserted in bulk.
const TRIGGERS: [&str; 2] = ["cases_fts_insert", "cases_cohort_insert"];

/// Inserts of at least this many cases start a deferral; fewer go through the triggers.
pub const BULK: usize = 256;

/// Cases inserted in this transaction without their search words and cohorts yet.
#[derive(Debug)]
pub struct Deferred {
    /// The first id taken by a case of this transaction.
    from: i64,
    /// `create trigger …` statements to restore, as stored in the schema.
    triggers: Vec<String>,
    /// `create index …` statements to run again (only when the register was empty).
    indexes: Vec<String>,
}

/// Drops the insert triggers; the cases inserted from now on are settled by `settle`.
pub fn start(conn: &Connection) -> StoreResult<Deferred> {
    let from: i64 =
        conn.query_row("select coalesce(max(id), 0) + 1 from cases", [], |r| r.get(0)).map_err(StoreError::backend)?;
    let mut triggers = Vec::with_capacity(TRIGGERS.len());
    for name in TRIGGERS {
        let sql = schema_sql(conn, "trigger", name)?;
        conn.execute_batch(&format!("drop trigger {name}")).map_err(StoreError::backend)?;
        triggers.push(sql);
    }
    let indexes = if from == 1 { drop_indexes(conn)? } else { Vec::new() };
    Ok(Deferred { from, triggers, indexes })
}

/// Drops the secondary indexes of `cases` and `deadlines` where the table is empty; returns
/// their `create index` statements.
fn drop_indexes(conn: &Connection) -> StoreResult<Vec<String>> {
    let mut kept = Vec::new();
    for table in ["cases", "deadlines"] {
        let empty: bool = conn
            .query_row(&format!("select not exists (select 1 from {table})"), [], |r| r.get(0))
            .map_err(StoreError::backend)?;
        if !empty {
            continue;
        }
        // Indexes made by a constraint (`unique`) have no SQL and cannot be dropped.
        let mut stmt = conn
            .prepare("select name, sql from sqlite_schema where type = 'index' and tbl_name = ?1 and sql is not null")
            .map_err(StoreError::backend)?;
        let found: Vec<(String, String)> = stmt
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(StoreError::backend)?;
        for (name, sql) in found {
            conn.execute_batch(&format!("drop index {name}")).map_err(StoreError::backend)?;
            kept.push(sql);
        }
    }
    Ok(kept)
}

/// Indexes the search words and counts the cohorts of the cases added since `start`, then puts
/// the triggers and indexes back.
pub fn settle(conn: &Connection, deferred: Deferred) -> StoreResult<()> {
    conn.execute(
        "insert into cases_fts (rowid, search_text) select id, search_text from cases where id >= ?1 order by id",
        [deferred.from],
    )
    .map_err(StoreError::backend)?;
    conn.execute(
        "insert into case_cohorts (unit_id, accepted_month, closed_month, count)
         select unit_id, accepted_month, closed_month, count(*) from case_cohort_keys where id >= ?1
         group by 1, 2, 3
         on conflict (unit_id, accepted_month, closed_month) do update set count = count + excluded.count",
        [deferred.from],
    )
    .map_err(StoreError::backend)?;
    for sql in deferred.triggers.iter().chain(&deferred.indexes) {
        conn.execute_batch(sql).map_err(StoreError::backend)?;
    }
    Ok(())
}

/// Runs `update` with the per-row cohort trigger dropped (put back after): `update` keeps the
/// cohorts itself (`cohorts_in_aggregate`, or only updates that leave every case in its
/// cohort). Measured on an events file of a million cases: the trigger was two thirds of the
/// cost of each case's update. The trigger is put back whether `update` succeeded or not: a
/// caller that went on after the error (a savepoint rolled back, the transaction committed)
/// must not commit a schema without it.
pub fn without_cohort_trigger<T>(conn: &Connection, update: impl FnOnce() -> StoreResult<T>) -> StoreResult<T> {
    let trigger = schema_sql(conn, "trigger", COHORT_TRIGGER)?;
    conn.execute_batch(&format!("drop trigger {COHORT_TRIGGER}")).map_err(StoreError::backend)?;
    let out = update();
    conn.execute_batch(&trigger).map_err(StoreError::backend)?;
    out
}

/// Runs `update` (which changes the cases `ids`, in this transaction, with the cohort trigger
/// dropped: `without_cohort_trigger`) with the cohort counts kept in aggregate: the cohorts of
/// `ids` are taken out before and put back after.
pub fn cohorts_in_aggregate<T>(
    conn: &Connection,
    ids: &[i64],
    update: impl FnOnce() -> StoreResult<T>,
) -> StoreResult<T> {
    conn.execute_batch(
        "create temp table if not exists bulk_case_ids (id integer primary key);
         delete from temp.bulk_case_ids;",
    )
    .map_err(StoreError::backend)?;
    {
        let mut insert = conn
            .prepare_cached("insert or ignore into temp.bulk_case_ids (id) values (?1)")
            .map_err(StoreError::backend)?;
        for id in ids {
            insert.execute([id]).map_err(StoreError::backend)?;
        }
    }
    add_cohorts_of_listed(conn, -1)?;
    let out = update()?;
    add_cohorts_of_listed(conn, 1)?;
    conn.execute_batch("delete from temp.bulk_case_ids").map_err(StoreError::backend)?;
    Ok(out)
}

/// Adds `sign` times the cohort counts of the cases listed in `temp.bulk_case_ids`.
fn add_cohorts_of_listed(conn: &Connection, sign: i64) -> StoreResult<()> {
    conn.prepare_cached(
        "insert into case_cohorts (unit_id, accepted_month, closed_month, count)
         select unit_id, accepted_month, closed_month, ?1 * count(*) from case_cohort_keys
         where id in (select id from temp.bulk_case_ids)
         group by 1, 2, 3
         on conflict (unit_id, accepted_month, closed_month) do update set count = count + excluded.count",
    )
    .and_then(|mut s| s.execute([sign]))
    .map_err(StoreError::backend)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cohort_trigger_is_put_back_when_the_update_fails() {
        // A schema with a trigger of the cohort trigger's name (the migrations' own is longer).
        let conn = Connection::open_in_memory().unwrap();
        let trigger = format!("create trigger {COHORT_TRIGGER} after update on cases begin select 1; end");
        conn.execute_batch(&format!("create table cases (id integer primary key); {trigger};")).unwrap();
        let failed: StoreResult<()> =
            without_cohort_trigger(&conn, || Err(StoreError::Backend("the update failed".into())));
        assert!(failed.is_err(), "the update's error is returned");
        let trigger = schema_sql(&conn, "trigger", COHORT_TRIGGER);
        assert!(trigger.is_ok_and(|sql| sql.contains(COHORT_TRIGGER)), "the trigger is back");
    }
}
