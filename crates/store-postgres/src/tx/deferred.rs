//! The first load of an empty register (a province's books, the demo, a moved database): the
//! secondary indexes of the cases, their search words (`case_words`, written by a trigger of
//! `cases`) and their deadlines are dropped inside the transaction and built again, from the
//! loaded rows, just before it commits.
//!
//! Why (measured on a million cases): COPY of the case rows takes 1.6 s into a table without
//! indexes and 35 s with them, 19 s of it for the full-text GIN index of the search words, row
//! by row; built at the end, in one sort, the indexes cost a fraction of that. The foreign keys
//! of the three tables are dropped too and added again at the end: each row's check is a query
//! of its own (unit, officer, import batch; a deadline's case), where adding the key back
//! checks every row in one join.
//!
//! How: the first bulk insert of a transaction into an empty register locks `cases` and
//! `deadlines` (so a second first load waits for this one, then finds the register no longer
//! empty), checks again that both are empty, drops every foreign key and every index that no
//! constraint needs and keeps their definitions (`pg_get_constraintdef`, `pg_get_indexdef`).
//! The unique index of decision numbers stays: duplicates are refused as they come. The cohort
//! insert trigger is disabled and the cohorts counted from the loaded cases at the end. DDL is
//! transactional in PostgreSQL: a rollback puts the indexes and the trigger back. Until the
//! commit, other sessions wait to read the cases, which only ever happens on a new register.

use thads_store::StoreResult;

use super::PgTx;
use super::mass_change::RECOUNT_COHORTS;
use crate::convert::get;

/// Memory for building each index at the end (the server's default is 64 MB).
const BUILD_MEMORY: &str = "256MB";

/// Called before the first bulk insert of cases in a transaction: drops the secondary
/// indexes and foreign keys and disables the cohort insert trigger if the register is empty;
/// returns the statements that put them back, in the order to run them: indexes first, so that
/// checking the keys of `deadlines` against `cases` finds its rows by index, then the cohorts.
pub fn start(tx: &mut PgTx<'_>) -> StoreResult<Vec<String>> {
    // Checked before locking, so that imports into a live register never take the lock (it
    // would hold up every officer's writes until they commit), and again after.
    if !register_empty(tx)? {
        return Ok(Vec::new());
    }
    tx.simple("lock table cases, deadlines in share row exclusive mode")?;
    if !register_empty(tx)? {
        return Ok(Vec::new());
    }
    // Foreign keys: checked again at the end by one join each, not by a query per row.
    let mut keys = Vec::new();
    let rows = tx.query(
        "select conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint
         where contype = 'f' and conrelid = any (array['cases'::regclass, 'case_words'::regclass, 'deadlines'::regclass])
         order by 1, 2",
        &[],
    )?;
    for row in rows {
        let (table, name, definition): (String, String, String) = (get(&row, 0)?, get(&row, 1)?, get(&row, 2)?);
        tx.simple(&format!("alter table {table} drop constraint {name}"))?;
        keys.push(format!("alter table {table} add constraint {name} {definition}"));
    }
    let rows = tx.query(
        "select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
         from pg_index i
         where i.indrelid = any (array['cases'::regclass, 'case_words'::regclass, 'deadlines'::regclass])
           and not i.indisprimary and not i.indisunique
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
         order by 1",
        &[],
    )?;
    let mut kept = Vec::with_capacity(rows.len() + keys.len() + 1);
    for row in rows {
        let (name, definition): (String, String) = (get(&row, 0)?, get(&row, 1)?);
        tx.simple(&format!("drop index {name}"))?;
        kept.push(definition);
    }
    kept.append(&mut keys);
    // Cohorts: counted once from the loaded cases instead of by the insert trigger, whose
    // upserts of each chunk's cohorts piled up row versions of the same cohort rows, chunk
    // after chunk, in this one transaction (half of the server's time copying cases).
    tx.simple(&format!("alter table cases disable trigger {COHORT_INSERT_TRIGGER}"))?;
    kept.push(format!("{RECOUNT_COHORTS} alter table cases enable trigger {COHORT_INSERT_TRIGGER}"));
    Ok(kept)
}

/// The trigger that adds the cases of each insert statement to their cohorts.
const COHORT_INSERT_TRIGGER: &str = "cases_cohort_insert";

/// Runs the statements `start` returned (before the commit): the indexes are built and the
/// foreign keys added again.
pub fn settle(tx: &mut PgTx<'_>, statements: &[String]) -> StoreResult<()> {
    if statements.is_empty() {
        return Ok(());
    }
    tx.simple(&format!("set local maintenance_work_mem = '{BUILD_MEMORY}'"))?;
    for statement in statements {
        tx.simple(statement)?;
    }
    Ok(())
}

fn register_empty(tx: &mut PgTx<'_>) -> StoreResult<bool> {
    let rows = tx.query("select not exists (select 1 from cases) and not exists (select 1 from deadlines)", &[])?;
    rows.first().map_or(Ok(false), |r| get(r, 0))
}
