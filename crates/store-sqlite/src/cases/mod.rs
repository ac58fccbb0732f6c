//! Cases on SQLite: read by id and number, listed (`listing`), inserted many to a statement
//! and updated with their version checked (`bulk`). A transaction of many cases puts their
//! search words and cohorts off until later (`tx::deferred`, `tx::mass_change`).

mod bulk;
mod details;
mod listing;

use rusqlite::{Connection, params};
use thads_core::{Case, CaseDetails, CaseId, CaseNo, UnitId};
use thads_store::{CASE_COLUMNS, CaseList, CaseQuery, CaseUpdate, Cases, CasesTx, NewCase, StoreError, StoreResult};

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::unique;
use crate::tx::SqliteTx;
use crate::tx::deferred::{self, BULK};

impl Cases for SqliteStore {
    fn case(&self, id: CaseId) -> StoreResult<Option<Case>> {
        self.query_one(&format!("select {CASE_COLUMNS} from cases where id = ?1"), [id.0], cv::case)
    }

    fn case_by_no(&self, unit: UnitId, case_no: &CaseNo) -> StoreResult<Option<Case>> {
        let sql = format!("select {CASE_COLUMNS} from cases where unit_id = ?1 and case_no = ?2");
        self.query_one(&sql, params![unit.0, case_no.as_str()], cv::case)
    }

    fn case_count(&self) -> StoreResult<u64> {
        let n =
            self.query_one("select count(*) from cases", [], |r| r.get::<_, i64>(0).map_err(StoreError::backend))?;
        Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
    }

    fn list_cases(&self, query: &CaseQuery) -> StoreResult<CaseList> {
        listing::list_cases(&*self.pool.get()?, query)
    }

    fn case_details(&self, id: CaseId) -> StoreResult<Option<CaseDetails>> {
        details::read(&*self.pool.get()?, id)
    }

    fn case_numbers_of_year(&self, unit: UnitId, year: i32) -> StoreResult<Vec<CaseNo>> {
        details::numbers_of_year(&*self.pool.get()?, unit, year)
    }
}

impl CasesTx for SqliteTx<'_> {
    fn insert_cases(&mut self, cases: &[NewCase]) -> StoreResult<Vec<CaseId>> {
        self.defer_bulk_insert(cases.len())?;
        let mut ids = Vec::with_capacity(cases.len());
        for chunk in cases.chunks(bulk::ROWS) {
            match bulk::insert_chunk(self.conn(), chunk)? {
                Some(chunk_ids) => ids.extend(chunk_ids),
                // A number is taken: one by one, to say which.
                None => ids.extend(insert_one_by_one(self.conn(), chunk)?),
            }
        }
        Ok(ids)
    }

    fn find_cases(&mut self, keys: &[(UnitId, CaseNo)]) -> StoreResult<Vec<Option<Case>>> {
        let sql = format!("select {CASE_COLUMNS} from cases where unit_id = ?1 and case_no = ?2");
        let mut stmt = self.conn().prepare_cached(&sql).map_err(StoreError::backend)?;
        let mut out = Vec::with_capacity(keys.len());
        for (unit, no) in keys {
            let mut rows = stmt.query(params![unit.0, no.as_str()]).map_err(StoreError::backend)?;
            out.push(match rows.next().map_err(StoreError::backend)? {
                Some(row) => Some(cv::case(row)?),
                None => None,
            });
        }
        Ok(out)
    }

    fn case_for_update(&mut self, id: CaseId) -> StoreResult<Option<Case>> {
        // BEGIN IMMEDIATE already holds the database's write lock.
        let sql = format!("select {CASE_COLUMNS} from cases where id = ?1");
        Ok(self.all(&sql, [id.0], cv::case)?.into_iter().next())
    }

    fn update_case(&mut self, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<i64> {
        self.before_case_change()?;
        update_case(self.conn(), id, expected_version, u)
    }

    fn update_cases(&mut self, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
        self.settle()?;
        if updates.len() < BULK || self.in_mass_change() {
            return updates.iter().map(|(id, version, u)| self.update_case(*id, *version, u)).collect();
        }
        let conn = self.conn();
        deferred::without_cohort_trigger(conn, || {
            // The cases whose new events leave them in their cohort first (a distribution's
            // all), then the others with their cohorts counted in aggregate.
            let (mut versions, mut moving, in_cohort) =
                (Vec::with_capacity(updates.len()), Vec::new(), bulk::in_cohort_sql());
            for (k, (id, version, u)) in updates.iter().enumerate() {
                let kept = bulk::update_state_in_cohort(conn, &in_cohort, *id, *version, u)?;
                versions.push(kept.then_some(version + 1));
                if !kept {
                    moving.push(k);
                }
            }
            if !moving.is_empty() {
                let ids: Vec<i64> = moving.iter().filter_map(|k| updates.get(*k)).map(|(id, _, _)| id.0).collect();
                deferred::cohorts_in_aggregate(conn, &ids, || {
                    for k in &moving {
                        if let (Some((id, version, u)), Some(slot)) = (updates.get(*k), versions.get_mut(*k)) {
                            *slot = Some(update_case(conn, *id, *version, u)?);
                        }
                    }
                    Ok(())
                })?;
            }
            Ok(versions.into_iter().map(|v| v.unwrap_or_default()).collect())
        })
    }

    // Details and numbers touch neither the search words nor the cohorts: a deferred load
    // goes on.
    fn put_case_details(&mut self, id: CaseId, d: &CaseDetails) -> StoreResult<()> {
        details::write(self.conn(), id, d)
    }

    fn case_numbers_taken(&mut self, unit: UnitId, year: i32) -> StoreResult<Vec<CaseNo>> {
        details::numbers_of_year(self.conn(), unit, year)
    }

    fn expect_changes(&mut self, cases: usize) -> StoreResult<()> {
        SqliteTx::expect_changes(self, cases)
    }
}

/// Inserts cases one statement each, so that a refusal names the case whose number is taken.
fn insert_one_by_one(conn: &Connection, cases: &[NewCase]) -> StoreResult<Vec<CaseId>> {
    cases
        .iter()
        .map(|c| {
            let f = &c.facts;
            bulk::insert_one(conn, c)
                .map_err(unique(|| format!("số quyết định / case number {} (đơn vị {})", f.case_no, f.unit.0)))
        })
        .collect()
}

/// Stores one case's update if its version is still `expected_version`.
fn update_case(conn: &Connection, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<i64> {
    // New events change only the derived state: then no index over the facts is touched.
    if bulk::update_state(conn, id, expected_version, u)? {
        return Ok(expected_version + 1);
    }
    let f = &u.facts;
    let changed = conn
        .prepare_cached(
            "update cases set unit_id = ?3, case_no = ?4, accepted_on = ?5, origin = ?6,
                received_by_delegation = ?7, judgment_type = ?8, categories = ?9, amount = ?10, debtor = ?11,
                creditor = ?12, officer_id = ?13, search_text = ?14, state = ?15, state_ground = ?16,
                outstanding = ?17, collected = ?18, reduced = ?19, last_event_on = ?20, event_count = ?21,
                version = version + 1
             where id = ?1 and version = ?2",
        )
        .and_then(|mut stmt| {
            stmt.raw_bind_parameter(1, id.0)?;
            stmt.raw_bind_parameter(2, expected_version)?;
            bulk::bind_facts(&mut stmt, 2, f)?;
            stmt.raw_bind_parameter(14, f.search_text())?;
            bulk::bind_derived(&mut stmt, 14, &u.current, u.last_event_on, u.event_count)?;
            stmt.raw_execute()
        })
        .map_err(unique(|| format!("số quyết định / case number {}", f.case_no)))?;
    if changed == 0 {
        return Err(StoreError::Stale { case: f.case_no.clone() });
    }
    Ok(expected_version + 1)
}
