//! A transaction that changes most of the stored cases at once (the events file of a register's
//! first load): the cohort counts are counted again once, at commit, instead of each statement
//! moving its cases between cohorts.
//!
//! Why (measured on 200,000 freshly imported cases, updated in chunks of 5,000 as an events
//! file updates them): 17.1–19.0 s with the cohort update trigger, 10.9 s without it; counting
//! every cohort again took 1.3 s. The trigger reads the old and the new rows
//! of each statement from its transition tables, whole rows, and groups them. The indexes stay:
//! dropping them and building them at commit was measured slower here (see `expect_changes` in `cases`).
//!
//! When: only if the transaction says it will change at least half of the stored cases
//! (`CasesTx::expect_changes`), and from the first case it writes (a rebuild of the deadlines
//! alone changes no case). How: the trigger is disabled inside the transaction (DDL is
//! transactional: a rollback enables it again). That locks `cases` against other writers until
//! the commit (share row exclusive), which is also what keeps the count at commit exact;
//! readers are not held up. Below half of the register nothing changes: the others' writes are
//! not held up for a small import.

use thads_store::StoreResult;

use super::PgTx;
use crate::convert::get;

/// The trigger that moves the cases of each update statement between cohorts.
const COHORT_TRIGGER: &str = "cases_cohort_update";

/// A change of most cases, announced.
#[derive(Debug)]
pub struct MassChange {
    /// Whether the cohort trigger has been disabled (a case has been written).
    cases: bool,
}

/// A mass change if `cases` is at least half of the stored cases.
pub fn start(tx: &mut PgTx<'_>, cases: usize) -> StoreResult<Option<MassChange>> {
    let rows = tx.query("select count(*) from cases", &[])?;
    let stored: i64 = rows.first().map(|r| get(r, 0)).transpose()?.unwrap_or(0);
    Ok(thads_store::changes_most_of(cases, stored).then_some(MassChange { cases: false }))
}

/// Before a case of the mass change is written: disables the cohort trigger, once.
pub fn cases_change(tx: &mut PgTx<'_>, change: &mut MassChange) -> StoreResult<()> {
    if !change.cases {
        tx.simple(&format!("alter table cases disable trigger {COHORT_TRIGGER}"))?;
        change.cases = true;
    }
    Ok(())
}

/// Counts every cohort again from the cases, as the cohort triggers keep them.
pub const RECOUNT_COHORTS: &str = "delete from case_cohorts;
    insert into case_cohorts (unit_id, accepted_month, closed_month, count)
    select unit_id, thads_month(accepted_on), thads_closed_month(state, last_event_on, accepted_on), count(*)
    from cases group by 1, 2, 3;";

/// Counts every cohort again and enables the trigger (if cases were written).
pub fn finish(tx: &mut PgTx<'_>, change: MassChange) -> StoreResult<()> {
    if !change.cases {
        return Ok(());
    }
    tx.simple(&format!("{RECOUNT_COHORTS} alter table cases enable trigger {COHORT_TRIGGER};"))
}
