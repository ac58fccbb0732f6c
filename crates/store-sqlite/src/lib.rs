//! The embedded default backend: one SQLite file in WAL mode with foreign keys on; the
//! schema migrations are compiled in and run when the store opens.

mod accounts;
mod bulk;
mod calendar;
mod convert;
mod deadlines;
mod deferred;
mod listing;
mod mass_change;
mod migrate;
mod pool;
mod scan;
mod tx;

use std::path::{Path, PathBuf};

use rusqlite::params;
use thads_core::ledger::SeriesKey;
use thads_core::{Case, CaseId, CaseNo, EventRecord, Login, ReportingYear, Staff, Unit, UnitId};
use thads_store::{
    AuditEntry, CaseHistory, CaseList, CaseQuery, CohortCount, Credentials, DeductedRow, ImportBatch, LedgerRow,
    LedgerState, ScanFilter, SessionRecord, Store, StoreError, StoreResult, Target, WriteTx,
};
use time::OffsetDateTime;

use crate::convert as cv;
use crate::pool::Pool;

pub use migrate::MIGRATIONS;

/// A THADS database in one SQLite file.
pub struct SqliteStore {
    path: PathBuf,
    pool: Pool,
    _guard: Option<Box<dyn std::any::Any + Send + Sync>>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        let mut conn = pool::open(path)?;
        migrate::run(&mut conn)?;
        drop(conn);
        Ok(SqliteStore { path: path.to_path_buf(), pool: Pool::new(path.to_path_buf(), 16), _guard: None })
    }

    /// Keeps `guard` (e.g. a temporary directory) alive as long as the store.
    pub fn with_guard(mut self, guard: Box<dyn std::any::Any + Send + Sync>) -> SqliteStore {
        self._guard = Some(guard);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn query_all<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl Fn(&rusqlite::Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let conn = self.pool.get()?;
        let mut stmt = conn.prepare_cached(sql).map_err(StoreError::backend)?;
        let mut rows = stmt.query(params).map_err(StoreError::backend)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(StoreError::backend)? {
            out.push(map(row)?);
        }
        Ok(out)
    }

    fn query_one<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl Fn(&rusqlite::Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        Ok(self.query_all(sql, params, map)?.into_iter().next())
    }
}

impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn begin(&self) -> StoreResult<Box<dyn WriteTx + '_>> {
        Ok(Box::new(tx::SqliteTx::begin(self.pool.get()?)?))
    }

    fn units(&self) -> StoreResult<Vec<Unit>> {
        self.query_all(&format!("select {} from units order by code", cv::UNIT_COLUMNS), [], cv::unit)
    }

    fn staff(&self) -> StoreResult<Vec<Staff>> {
        self.query_all(&format!("select {} from staff order by login", cv::STAFF_COLUMNS), [], cv::staff)
    }

    fn case(&self, id: CaseId) -> StoreResult<Option<Case>> {
        self.query_one(&format!("select {} from cases where id = ?1", cv::CASE_COLUMNS), [id.0], cv::case)
    }

    fn case_by_no(&self, unit: UnitId, case_no: &CaseNo) -> StoreResult<Option<Case>> {
        let sql = format!("select {} from cases where unit_id = ?1 and case_no = ?2", cv::CASE_COLUMNS);
        self.query_one(&sql, params![unit.0, case_no.as_str()], cv::case)
    }

    fn records(&self, case: CaseId) -> StoreResult<Vec<EventRecord>> {
        let sql = format!("select {} from events where case_id = ?1 order by id", cv::EVENT_COLUMNS);
        self.query_all(&sql, [case.0], |r| cv::event(r).map(|(_, e)| e))
    }

    fn case_count(&self) -> StoreResult<u64> {
        let n =
            self.query_one("select count(*) from cases", [], |r| r.get::<_, i64>(0).map_err(StoreError::backend))?;
        Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
    }

    fn refresh_planner_statistics(&self) -> StoreResult<()> {
        let conn = self.pool.get()?;
        conn.execute_batch("pragma optimize").map_err(StoreError::backend)
    }

    fn scan_histories(
        &self,
        filter: &ScanFilter,
        visit: &mut dyn FnMut(CaseHistory) -> StoreResult<()>,
    ) -> StoreResult<()> {
        let conn = self.pool.get()?;
        scan::scan(&conn, filter, visit)
    }

    fn ledger(&self) -> StoreResult<Vec<LedgerRow>> {
        let series = self.query_all("select unit_id, dim_kind, dim_value, months from ledger", [], ledger_series)?;
        Ok(series.into_iter().flat_map(|(key, months)| thads_store::ledger_codec::rows_of(key, months)).collect())
    }

    fn deducted_moves(&self) -> StoreResult<Vec<DeductedRow>> {
        self.query_all(
            &format!("select {} from deducted_moves order by case_id", cv::DEDUCTED_COLUMNS),
            [],
            cv::deducted,
        )
    }

    fn case_cohorts(&self) -> StoreResult<Vec<CohortCount>> {
        let sql = "select unit_id, accepted_month, closed_month, count from case_cohorts where count != 0";
        self.query_all(sql, [], |r| {
            let closed: i32 = r.get(2).map_err(StoreError::backend)?;
            Ok(CohortCount {
                unit: UnitId(r.get(0).map_err(StoreError::backend)?),
                accepted: thads_core::MonthKey(r.get(1).map_err(StoreError::backend)?),
                closed: (closed >= 0).then_some(thads_core::MonthKey(closed)),
                count: r.get(3).map_err(StoreError::backend)?,
            })
        })
    }

    fn ledger_state(&self) -> StoreResult<LedgerState> {
        let meta = |key: &str| {
            self.query_one("select value from meta where key = ?1", [key], |r| {
                r.get::<_, String>(0).map_err(StoreError::backend)
            })
        };
        let generation = meta("ledger_generation")?.and_then(|g| g.parse().ok()).unwrap_or(0);
        Ok(LedgerState { generation, rules_fingerprint: meta("ledger_rules")? })
    }

    fn reference_generation(&self) -> StoreResult<i64> {
        let sql = "select cast(value as integer) from meta where key = 'reference_generation'";
        Ok(self.query_one(sql, [], |r| r.get::<_, i64>(0).map_err(StoreError::backend))?.unwrap_or(0))
    }

    fn targets(&self) -> StoreResult<Vec<Target>> {
        self.query_all("select unit_id, year, cases_pct, money_pct from targets order by unit_id, year", [], |r| {
            let year: i32 = r.get(1).map_err(StoreError::backend)?;
            Ok(Target {
                unit: UnitId(r.get(0).map_err(StoreError::backend)?),
                year: ReportingYear::new(year).map_err(|_| cv::corrupt("targets.year", year))?,
                cases: thads_core::Percent(r.get(2).map_err(StoreError::backend)?),
                money: thads_core::Percent(r.get(3).map_err(StoreError::backend)?),
            })
        })
    }

    fn import_by_hash(&self, sha256: &str) -> StoreResult<Option<ImportBatch>> {
        let sql = format!("select {} from import_batches where sha256 = ?1", cv::IMPORT_COLUMNS);
        self.query_one(&sql, [sha256], cv::import)
    }

    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("select {} from audit where case_id = ?1 order by id", cv::AUDIT_COLUMNS);
        self.query_all(&sql, [case.0], cv::audit)
    }

    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let sql =
            format!("select {} from audit where actor = ?1 order by at desc, id desc limit ?2", cv::AUDIT_COLUMNS);
        self.query_all(&sql, params![actor, limit], cv::audit)
    }

    fn list_cases(&self, query: &CaseQuery) -> StoreResult<CaseList> {
        listing::list_cases(&*self.pool.get()?, query)
    }

    fn credentials(&self, login: &Login) -> StoreResult<Option<Credentials>> {
        accounts::credentials(&*self.pool.get()?, login)
    }

    fn session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>> {
        accounts::session(&*self.pool.get()?, token_hash, now)
    }

    fn announced_days(&self) -> StoreResult<Vec<thads_store::AnnouncedDayRecord>> {
        calendar::announced_days(&*self.pool.get()?)
    }

    fn rule_overrides(&self) -> StoreResult<Vec<thads_store::RuleOverride>> {
        calendar::rule_overrides(&*self.pool.get()?)
    }

    fn deadlines(&self, query: &thads_store::DeadlineQuery) -> StoreResult<Vec<thads_store::DeadlineRow>> {
        deadlines::read(&*self.pool.get()?, query)
    }

    fn deadline_tallies(
        &self,
        units: Option<&[UnitId]>,
        on: time::Date,
        soon: time::Date,
    ) -> StoreResult<Vec<thads_store::DeadlineTally>> {
        deadlines::tallies(&*self.pool.get()?, units, on, soon)
    }

    fn deadlines_stamp(&self) -> StoreResult<Option<String>> {
        calendar::stamp(&*self.pool.get()?)
    }
}

fn ledger_series(r: &rusqlite::Row<'_>) -> StoreResult<(SeriesKey, thads_store::ledger_codec::Months)> {
    let unit: i64 = r.get(0).map_err(StoreError::backend)?;
    let kind: i16 = r.get(1).map_err(StoreError::backend)?;
    let value: i64 = r.get(2).map_err(StoreError::backend)?;
    let series =
        SeriesKey::decode(unit, kind, value).ok_or_else(|| cv::corrupt("ledger.dim", format!("{kind}/{value}")))?;
    let bytes = r.get_ref(3).map_err(StoreError::backend)?.as_blob().map_err(StoreError::backend)?;
    Ok((series, thads_store::ledger_codec::decode(bytes)?))
}
