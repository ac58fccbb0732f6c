//! The write transaction: `begin` on a pooled connection (read committed; rows that must not
//! change underneath are locked with `select … for update`), rolled back when dropped without
//! `commit` (`meta.rs`). A statement that fails poisons the transaction, as PostgreSQL does:
//! `commit` then refuses instead of silently rolling back. The capabilities' writes
//! (`units.rs`, `cases/`…) run through it.
//!
//! Ledger deltas and the generation bump are held until `commit`: every writer of a unit's
//! cases updates the same ledger rows (and every writer the generation row), and their locks
//! last until commit, so they are taken at the last moment, in key order, with the bump and
//! the commit sent in one round trip. What a first load or a change of most cases drops
//! (`deferred`, `mass_change`) is put back before the writes that need it and at commit.

pub mod deferred;
pub mod known;
pub mod mass_change;

use postgres::Row;
use postgres::types::ToSql;
use thads_store::{HeldLog, LEDGER_LOG_KEPT, LedgerRow, StoreError, StoreResult};

use crate::convert::get;
use crate::error::backend;
use crate::pool::{Conn, Pooled};
use mass_change::MassChange;

/// From this many rows on, COPY beats one statement per row.
pub const COPY_FROM: usize = 64;

/// Rows per `unnest` statement: large enough to amortise the round trip, small enough to keep
/// the parameter arrays a few megabytes.
pub const CHUNK: usize = 5_000;

/// `work_mem` of a transaction that reads or writes many cases at once (the server's default
/// is 4 MB): past it, the sort of a debtor's 50,000 cases locked for a distribution and the
/// transition tables of the cohort trigger of each `unnest` update of cases (both images of
/// every row) spilled to disk.
const BULK_WORK_MEM: &str = "64MB";

pub struct PgTx<'a> {
    pub(crate) conn: Pooled<'a>,
    open: bool,
    poisoned: bool,
    ledger: Vec<LedgerRow>,
    /// The bump of the ledger generation and its log row, sent with the commit (`finish`).
    log: HeldLog,
    /// Statements that put back the indexes and keys dropped for a first load, to run at
    /// commit (`None` before any bulk insert).
    indexes: Option<Vec<String>>,
    /// A change of most cases, announced (`mass_change`).
    mass: Option<MassChange>,
    /// Audit entries, appended to the chain at commit (`audit::append_held`).
    pub(crate) audit: Vec<(thads_store::NewAudit, Option<thads_core::UnitId>)>,
    /// The statements that write the held audit entries and the chain's new head, sent with
    /// the commit (`finish`); empty without entries.
    pub(crate) audit_sql: String,
    /// Rows this transaction has seen stored (`known`).
    pub(crate) known: known::Known,
    /// `BULK_WORK_MEM` is set for the rest of the transaction.
    roomy: bool,
}

pub type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

impl<'a> PgTx<'a> {
    pub fn begin(mut conn: Pooled<'a>) -> StoreResult<PgTx<'a>> {
        conn.client.batch_execute("begin").map_err(backend)?;
        Ok(PgTx {
            conn,
            open: true,
            poisoned: false,
            ledger: Vec::new(),
            log: HeldLog::default(),
            indexes: None,
            mass: None,
            audit: Vec::new(),
            audit_sql: String::new(),
            known: known::Known::default(),
            roomy: false,
        })
    }

    /// Runs `sql`, a binary COPY of columns of `types`, with the rows `write` writes; a refusal
    /// (a constraint) names `what`.
    pub fn copy_in(
        &mut self,
        sql: &str,
        types: &[postgres::types::Type],
        what: &'static str,
        write: impl FnOnce(&mut postgres::binary_copy::BinaryCopyInWriter) -> Result<(), postgres::Error>,
    ) -> StoreResult<()> {
        self.with(|c| {
            let mut writer = postgres::binary_copy::BinaryCopyInWriter::new(c.client.copy_in(sql)?, types);
            write(&mut writer)?;
            writer.finish()
        })
        .map_err(crate::error::constraint(|| what.to_string()))?;
        Ok(())
    }

    /// Runs `f` on the connection; a failure poisons the transaction.
    pub fn with<T>(&mut self, f: impl FnOnce(&mut Conn) -> Result<T, postgres::Error>) -> Result<T, postgres::Error> {
        let result = f(&mut self.conn);
        self.poisoned |= result.is_err();
        result
    }

    pub fn query(&mut self, sql: &str, params: Params<'_>) -> StoreResult<Vec<Row>> {
        let statement = self.conn.prepared(sql)?;
        crate::pool::timed(sql, || self.with(|c| c.client.query(&statement, params))).map_err(backend)
    }

    /// Runs a statement; its error is mapped by `map` (e.g. `error::constraint`).
    pub fn query_mapped(
        &mut self,
        sql: &str,
        params: Params<'_>,
        map: impl Fn(postgres::Error) -> StoreError,
    ) -> StoreResult<Vec<Row>> {
        let statement = self.conn.prepared(sql)?;
        crate::pool::timed(sql, || self.with(|c| c.client.query(&statement, params))).map_err(map)
    }

    /// Runs statements once, without parameters (not prepared and cached): DDL and the like.
    pub fn simple(&mut self, sql: &str) -> StoreResult<()> {
        self.with(|c| c.client.batch_execute(sql)).map_err(backend)
    }

    pub fn execute(&mut self, sql: &str, params: Params<'_>) -> StoreResult<u64> {
        let statement = self.conn.prepared(sql)?;
        crate::pool::timed(sql, || self.with(|c| c.client.execute(&statement, params))).map_err(backend)
    }

    /// Runs `f` inside a savepoint: if it fails, what it did is undone and the transaction
    /// stays usable, as on SQLite.
    pub fn savepoint<T>(&mut self, f: impl FnOnce(&mut PgTx<'a>) -> StoreResult<T>) -> StoreResult<T> {
        self.with(|c| c.client.batch_execute("savepoint thads_sp")).map_err(backend)?;
        let audit_held = self.audit.len();
        let log_held = self.log.clone();
        match f(self) {
            Ok(v) => {
                self.with(|c| c.client.batch_execute("release savepoint thads_sp")).map_err(backend)?;
                Ok(v)
            }
            Err(e) => {
                self.conn.client.batch_execute("rollback to savepoint thads_sp").map_err(backend)?;
                self.audit.truncate(audit_held);
                self.log = log_held;
                self.known = known::Known::default();
                // A `set local` inside the savepoint is undone with it.
                self.roomy = false;
                self.poisoned = false;
                Err(e)
            }
        }
    }

    /// Ledger deltas to add at commit.
    pub fn defer_ledger(&mut self, rows: &[LedgerRow]) {
        self.ledger.extend_from_slice(rows);
    }

    /// Deltas held for `from` are for `to` (all of `from`'s cases moved there).
    pub fn relabel_held_ledger(&mut self, from: thads_core::UnitId, to: thads_core::UnitId) {
        for row in self.ledger.iter_mut().filter(|r| r.series.unit == from) {
            row.series.unit = to;
        }
    }

    /// Forgets deltas not yet applied (the ledger is being cleared).
    pub fn forget_ledger(&mut self) {
        self.ledger.clear();
    }

    /// Before the first bulk insert of cases: on an empty register, drops the indexes to build
    /// at commit (`deferred`).
    pub fn defer_indexes(&mut self) -> StoreResult<()> {
        if self.indexes.is_none() {
            self.indexes = Some(deferred::start(self)?);
        }
        Ok(())
    }

    /// Puts back what `defer_indexes` dropped, if anything: before commit, and before any
    /// write that needs them (updates and deletes find their rows through them).
    pub fn settle_indexes(&mut self) -> StoreResult<()> {
        // Emptied, not reset: later bulk inserts of this transaction go into indexed tables.
        let definitions = self.indexes.as_mut().map(std::mem::take).unwrap_or_default();
        deferred::settle(self, &definitions)
    }

    /// Announces a change of about `cases` stored cases (`mass_change`).
    pub fn expect_changes(&mut self, cases: usize) -> StoreResult<()> {
        if self.mass.is_none() {
            self.mass = mass_change::start(self, cases)?;
        }
        Ok(())
    }

    /// Before a case is written: what a mass change does then.
    pub fn before_case_change(&mut self) -> StoreResult<()> {
        if let Some(mut mass) = self.mass.take() {
            let done = mass_change::cases_change(self, &mut mass);
            self.mass = Some(mass);
            done?;
        }
        Ok(())
    }

    /// Before a read or write of many cases: `BULK_WORK_MEM` for the rest of the transaction
    /// (`set local`: gone at its end).
    pub fn roomy_work_mem(&mut self) -> StoreResult<()> {
        if !self.roomy {
            self.simple(&format!("set local work_mem = '{BULK_WORK_MEM}'"))?;
            self.roomy = true;
        }
        Ok(())
    }

    /// Bumps the ledger generation at commit, logged as a reload.
    pub fn touch(&mut self) {
        self.log.touch();
    }

    /// Bumps the ledger generation at commit, logging `change` (`LedgerTx::touch_ledger_with`).
    pub fn touch_with(&mut self, change: &[u8]) -> thads_store::LedgerTicket {
        self.log.touch_with(change)
    }

    /// `n` fresh ids of `sequence`, ascending (rows copied in bulk are given their ids first,
    /// so that the ids returned are in input order).
    pub fn reserve_ids(&mut self, sequence: &str, n: usize) -> StoreResult<Vec<i64>> {
        let n = i64::try_from(n).map_err(|_| StoreError::Invalid("too many rows".into()))?;
        let sql = format!("select nextval('{sequence}') from generate_series(1, $1::bigint)");
        let mut ids = self.query(&sql, &[&n])?.iter().map(|r| get::<i64>(r, 0)).collect::<StoreResult<Vec<_>>>()?;
        ids.sort_unstable();
        Ok(ids)
    }

    /// The first step of a commit: refuses after a failed statement, puts back what a first
    /// load or a change of most cases dropped; returns the ledger deltas held until now, to be
    /// applied before `finish`.
    pub fn prepare_commit(&mut self) -> StoreResult<Vec<LedgerRow>> {
        if self.poisoned {
            return Err(StoreError::Backend("commit after a failed statement".into()));
        }
        self.settle_indexes()?;
        if let Some(mass) = self.mass.take() {
            mass_change::finish(self, mass)?;
        }
        Ok(std::mem::take(&mut self.ledger))
    }

    /// The last step of a commit: writes the held audit entries (`audit_sql`), bumps the
    /// ledger generation if asked, logs the change under the generation the bump produced, and
    /// commits, in one round trip (`bump_and_log`).
    pub fn finish(&mut self) -> StoreResult<()> {
        let audit = std::mem::take(&mut self.audit_sql);
        if !self.log.touched() {
            self.conn.client.batch_execute(&format!("{audit}commit")).map_err(backend)?;
            self.open = false;
            return Ok(());
        }
        let replies =
            self.conn.client.simple_query(&format!("{audit}{}; commit", bump_and_log(&self.log))).map_err(backend)?;
        self.open = false;
        let bumped = replies.iter().find_map(|m| match m {
            postgres::SimpleQueryMessage::Row(row) => row.get(0).and_then(|g| g.parse::<i64>().ok()),
            _ => None,
        });
        if let Some(generation) = bumped {
            self.log.committed(generation);
        }
        Ok(())
    }
}

/// One statement that bumps the ledger generation, writes the log row (schema 33) under the
/// value the bump returned, forgets the rows older than `LEDGER_LOG_KEPT` generations and
/// returns the new generation (the transaction's `LedgerTicket`). The update locks the `meta`
/// row until commit, so concurrent writers bump one after the other and each logs exactly the
/// generation its own bump produced: no gap, no duplicate. A simple query (it goes with the
/// `commit`, one round trip) takes no parameters: the change is written as hex digits, twice
/// its size on the wire.
///
/// The prune deletes the one generation that falls out (`=`, found by the key), never a range:
/// every bump logs its own generation, so the log holds exactly the last `LEDGER_LOG_KEPT`.
/// With `<=` the planner, which does not know the bumped value when it plans, guessed a third
/// of the log and read all of it (a sequential scan of 10,000 rows and their dead versions,
/// 1–7 ms) in every commit while the `meta` row and the audit chain's head were locked: event
/// writes fell from about 400 to 220 a second as the log filled (ARCHITECTURE.md, «The ledger
/// log's prune»).
fn bump_and_log(log: &HeldLog) -> String {
    let change = match log.change() {
        Some(bytes) => format!("decode('{}', 'hex')", hex(bytes)),
        None => "null".into(),
    };
    format!(
        "with bumped as (
             update meta set value = (value::bigint + 1)::text where key = 'ledger_generation'
             returning value::bigint as generation
         ), logged as (
             insert into ledger_log (generation, change) select generation, {change} from bumped
         ), pruned as (
             delete from ledger_log where generation = (select generation from bumped) - {LEDGER_LOG_KEPT}
         )
         select generation from bumped"
    )
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if self.open && self.conn.client.batch_execute("rollback").is_err() {
            // The connection's state is unknown: close it rather than hand it to someone else.
            self.conn.discard();
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

    use thads_store::{HeldLog, LEDGER_LOG_KEPT};

    use super::bump_and_log;
    use crate::testing::{analysed_plan, migrated, pages_of, test_url};

    /// A full log after many commits (the last `LEDGER_LOG_KEPT` generations live, twice as
    /// many pruned before and not vacuumed, as on a server without autovacuum): the commit's
    /// prune reads a few pages, not the whole log or its dead rows, and the log still holds
    /// exactly the last `LEDGER_LOG_KEPT` generations after it.
    #[test]
    fn the_prune_of_a_full_ledger_log_reads_a_few_pages() {
        let Some(url) = test_url() else { return };
        let (_db, mut conn) = migrated(&url).expect("test database");
        let last = 3 * LEDGER_LOG_KEPT;
        conn.batch_execute(&format!(
            "update meta set value = '{last}' where key = 'ledger_generation';
             insert into ledger_log (generation, change)
                 select g, decode(repeat('ab', 300), 'hex') from generate_series(1, {last}) g;
             delete from ledger_log where generation <= {};
             analyze ledger_log;",
            last - LEDGER_LOG_KEPT
        ))
        .expect("a full log");
        let mut log = HeldLog::default();
        log.touch_with(b"change");
        let sql = bump_and_log(&log);
        conn.batch_execute("begin").expect("begin");
        let plan = analysed_plan(&mut conn, &sql, &[]).expect("explain");
        conn.batch_execute("rollback").expect("rollback");
        let pages = pages_of(&plan, "Delete on ledger_log").expect("the prune's buffers");
        assert!(pages < 50, "the prune read {pages} pages:\n{}", plan.join("\n"));
        conn.batch_execute(&format!("begin; {sql}; commit")).expect("bump and log");
        let (count, first, newest): (i64, i64, i64) = conn
            .query_one("select count(*), min(generation), max(generation) from ledger_log", &[])
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .expect("the log");
        assert_eq!((count, first, newest), (LEDGER_LOG_KEPT, last - LEDGER_LOG_KEPT + 2, last + 1));
    }
}
