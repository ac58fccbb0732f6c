//! Reads: each takes a pooled connection and runs one prepared statement.

use postgres::Row;
use postgres::types::ToSql;
use thads_core::{Case, CaseId, CaseNo, EventRecord, Login, Percent, ReportingYear, Staff, Unit, UnitId};
use thads_store::{
    AuditEntry, CaseHistory, CaseList, CaseQuery, CohortCount, Credentials, DeductedRow, ImportBatch, LedgerRow,
    LedgerState, ScanFilter, SessionRecord, Store, StoreResult, Target, WriteTx,
};
use time::OffsetDateTime;

use crate::convert::{self as cv, get};
use crate::error::backend;
use crate::{PgStore, accounts, listing, scan, tx};

impl PgStore {
    fn query_all<T>(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        map: impl Fn(&Row) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let mut conn = self.conn()?;
        let statement = conn.prepared(sql)?;
        let rows = conn.client.query(&statement, params).map_err(backend)?;
        rows.iter().map(map).collect()
    }

    fn query_one<T>(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        map: impl Fn(&Row) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        Ok(self.query_all(sql, params, map)?.into_iter().next())
    }
}

impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn begin(&self) -> StoreResult<Box<dyn WriteTx + '_>> {
        Ok(Box::new(tx::PgTx::begin(self.conn()?)?))
    }

    fn units(&self) -> StoreResult<Vec<Unit>> {
        // `collate "C"`: byte order, as SQLite sorts text, whatever the database's locale.
        self.query_all(&format!("select {} from units order by code collate \"C\"", cv::UNIT_COLUMNS), &[], cv::unit)
    }

    fn staff(&self) -> StoreResult<Vec<Staff>> {
        self.query_all(&format!("select {} from staff order by login collate \"C\"", cv::STAFF_COLUMNS), &[], cv::staff)
    }

    fn case(&self, id: CaseId) -> StoreResult<Option<Case>> {
        self.query_one(&format!("select {} from cases where id = $1", cv::CASE_COLUMNS), &[&id.0], cv::case)
    }

    fn case_by_no(&self, unit: UnitId, case_no: &CaseNo) -> StoreResult<Option<Case>> {
        let sql = format!("select {} from cases where unit_id = $1 and case_no = $2", cv::CASE_COLUMNS);
        self.query_one(&sql, &[&unit.0, &case_no.as_str()], cv::case)
    }

    fn records(&self, case: CaseId) -> StoreResult<Vec<EventRecord>> {
        let sql = format!("select {} from events where case_id = $1 order by id", cv::EVENT_COLUMNS);
        self.query_all(&sql, &[&case.0], |r| cv::event(r).map(|(_, e)| e))
    }

    fn case_count(&self) -> StoreResult<u64> {
        let n = self.query_one("select count(*) from cases", &[], |r| get::<i64>(r, 0))?;
        Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
    }

    fn refresh_planner_statistics(&self) -> StoreResult<()> {
        // Autovacuum analyses new rows only later; until then a lookup of two cases' events
        // among 39 million was planned as a parallel scan for 160,000 rows (35 ms, not 0.1).
        let tables = "cases, events, deadlines, ledger, deducted_moves, case_cohorts, audit";
        self.conn()?.client.batch_execute(&format!("analyze {tables}")).map_err(backend)
    }

    fn scan_histories(
        &self,
        filter: &ScanFilter,
        visit: &mut dyn FnMut(CaseHistory) -> StoreResult<()>,
    ) -> StoreResult<()> {
        let mut conn = self.conn()?;
        scan::scan(&mut conn.client, filter, visit)
    }

    fn ledger(&self) -> StoreResult<Vec<LedgerRow>> {
        let series =
            self.query_all("select unit_id, dim_kind, dim_value, months from ledger", &[], cv::ledger_series)?;
        Ok(series.into_iter().flat_map(|(key, months)| thads_store::ledger_codec::rows_of(key, months)).collect())
    }

    fn deducted_moves(&self) -> StoreResult<Vec<DeductedRow>> {
        let sql = format!("select {} from deducted_moves order by case_id", cv::DEDUCTED_COLUMNS);
        self.query_all(&sql, &[], cv::deducted)
    }

    fn case_cohorts(&self) -> StoreResult<Vec<CohortCount>> {
        let sql = "select unit_id, accepted_month, closed_month, count from case_cohorts where count <> 0";
        self.query_all(sql, &[], |r| {
            let closed: i32 = get(r, 2)?;
            Ok(CohortCount {
                unit: UnitId(get(r, 0)?),
                accepted: thads_core::MonthKey(get(r, 1)?),
                closed: (closed >= 0).then_some(thads_core::MonthKey(closed)),
                count: get(r, 3)?,
            })
        })
    }

    fn ledger_state(&self) -> StoreResult<LedgerState> {
        let meta = |key: &str| self.query_one("select value from meta where key = $1", &[&key], |r| get(r, 0));
        let generation = meta("ledger_generation")?.and_then(|g: String| g.parse().ok()).unwrap_or(0);
        Ok(LedgerState { generation, rules_fingerprint: meta("ledger_rules")? })
    }

    fn reference_generation(&self) -> StoreResult<i64> {
        let sql = "select value::bigint from meta where key = 'reference_generation'";
        Ok(self.query_one(sql, &[], |r| get::<i64>(r, 0))?.unwrap_or(0))
    }

    fn targets(&self) -> StoreResult<Vec<Target>> {
        let sql = "select unit_id, year, cases_pct, money_pct from targets order by unit_id, year";
        self.query_all(sql, &[], |r| {
            let year: i32 = get(r, 1)?;
            Ok(Target {
                unit: UnitId(get(r, 0)?),
                year: ReportingYear::new(year).map_err(|_| cv::corrupt("targets.year", year))?,
                cases: Percent(get(r, 2)?),
                money: Percent(get(r, 3)?),
            })
        })
    }

    fn import_by_hash(&self, sha256: &str) -> StoreResult<Option<ImportBatch>> {
        let sql = format!("select {} from import_batches where sha256 = $1", cv::IMPORT_COLUMNS);
        self.query_one(&sql, &[&sha256], cv::import)
    }

    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("select {} from audit where case_id = $1 order by id", cv::AUDIT_COLUMNS);
        self.query_all(&sql, &[&case.0], cv::audit)
    }

    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let sql =
            format!("select {} from audit where actor = $1 order by at desc, id desc limit $2", cv::AUDIT_COLUMNS);
        self.query_all(&sql, &[&actor, &i64::from(limit)], cv::audit)
    }

    fn list_cases(&self, query: &CaseQuery) -> StoreResult<CaseList> {
        listing::list_cases(&mut *self.conn()?, query)
    }

    fn credentials(&self, login: &Login) -> StoreResult<Option<Credentials>> {
        accounts::credentials(&mut *self.conn()?, login)
    }

    fn session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>> {
        accounts::session(&mut *self.conn()?, token_hash, now)
    }

    fn announced_days(&self) -> StoreResult<Vec<thads_store::AnnouncedDayRecord>> {
        crate::calendar::read(&mut *self.conn()?, crate::calendar::DAYS_SQL, crate::calendar::day)
    }

    fn rule_overrides(&self) -> StoreResult<Vec<thads_store::RuleOverride>> {
        crate::calendar::read(&mut *self.conn()?, crate::calendar::OVERRIDES_SQL, crate::calendar::rule_override)
    }

    fn deadlines(&self, query: &thads_store::DeadlineQuery) -> StoreResult<Vec<thads_store::DeadlineRow>> {
        crate::deadlines::read(&mut *self.conn()?, query)
    }

    fn deadline_tallies(
        &self,
        units: Option<&[UnitId]>,
        on: time::Date,
        soon: time::Date,
    ) -> StoreResult<Vec<thads_store::DeadlineTally>> {
        crate::deadlines::tallies(&mut *self.conn()?, units, on, soon)
    }

    fn deadlines_stamp(&self) -> StoreResult<Option<String>> {
        Ok(crate::calendar::read(&mut *self.conn()?, crate::calendar::STAMP_SQL, |r| get(r, 0))?.into_iter().next())
    }
}
