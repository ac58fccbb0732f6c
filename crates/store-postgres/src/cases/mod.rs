//! Cases on PostgreSQL: read by id and number, listed (`listing`), inserted and updated one by
//! one (a person recording a change: one prepared statement, one round trip) or by the
//! thousand (`bulk`: COPY and `unnest`). A unique number is checked with `on conflict do
//! nothing`, so that a duplicate is reported without aborting the transaction (as on SQLite).

mod bulk;
mod details;
mod listing;

use std::collections::HashMap;

use thads_core::{Case, CaseDetails, CaseId, CaseNo, UnitId};
use thads_store::{
    CASE_COLUMNS, CASE_INSERT_COLUMNS, CaseList, CaseQuery, CaseUpdate, Cases, CasesTx, NewCase, StoreError,
    StoreResult, columns_of,
};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::{COPY_FROM, PgTx};

impl Cases for PgStore {
    fn case(&self, id: CaseId) -> StoreResult<Option<Case>> {
        self.query_one(&format!("select {CASE_COLUMNS} from cases where id = $1"), &[&id.0], cv::case)
    }

    fn case_by_no(&self, unit: UnitId, case_no: &CaseNo) -> StoreResult<Option<Case>> {
        let sql = format!("select {CASE_COLUMNS} from cases where unit_id = $1 and case_no = $2");
        self.query_one(&sql, &[&unit.0, &case_no.as_str()], cv::case)
    }

    fn case_count(&self) -> StoreResult<u64> {
        let n = self.query_one("select count(*) from cases", &[], |r| get::<i64>(r, 0))?;
        Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
    }

    fn list_cases(&self, query: &CaseQuery) -> StoreResult<CaseList> {
        listing::list_cases(&mut *self.conn()?, query)
    }

    fn case_details(&self, id: CaseId) -> StoreResult<Option<CaseDetails>> {
        let row = self.query_one(&details::select_sql(), &[&id.0], details::columns)?;
        row.map(thads_store::DetailsColumns::details).transpose()
    }

    fn case_numbers_of_year(&self, unit: UnitId, year: i32) -> StoreResult<Vec<CaseNo>> {
        let (from, to) = thads_store::year_bounds(year)?;
        self.query_all(details::NUMBERS_SQL, &[&unit.0, &from, &to], details::case_no)
    }
}

impl CasesTx for PgTx<'_> {
    fn insert_cases(&mut self, cases: &[NewCase]) -> StoreResult<Vec<CaseId>> {
        if cases.len() >= COPY_FROM {
            return bulk::copy_cases(self, cases);
        }
        cases.iter().map(|c| insert_case(self, c)).collect()
    }

    fn find_cases(&mut self, keys: &[(UnitId, CaseNo)]) -> StoreResult<Vec<Option<Case>>> {
        let units: Vec<i64> = keys.iter().map(|(u, _)| u.0).collect();
        let numbers: Vec<&str> = keys.iter().map(|(_, n)| n.as_str()).collect();
        let sql = format!(
            "select {} from cases c join unnest($1::bigint[], $2::text[]) k(unit_id, case_no)
                on c.unit_id = k.unit_id and c.case_no = k.case_no",
            columns_of(CASE_COLUMNS, "c")
        );
        let mut found: HashMap<(UnitId, String), Case> = HashMap::new();
        for row in self.query(&sql, &[&units, &numbers])? {
            let case = cv::case(&row)?;
            found.insert((case.facts.unit, case.facts.case_no.as_str().to_string()), case);
        }
        Ok(keys.iter().map(|(u, n)| found.get(&(*u, n.as_str().to_string())).cloned()).collect())
    }

    fn case_for_update(&mut self, id: CaseId) -> StoreResult<Option<Case>> {
        let sql = format!("select {CASE_COLUMNS} from cases where id = $1 for update");
        self.query(&sql, &[&id.0])?.first().map(cv::case).transpose()
    }

    fn update_case(&mut self, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<i64> {
        self.settle_indexes()?;
        self.before_case_change()?;
        update_case(self, id, expected_version, u)
    }

    fn update_cases(&mut self, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
        self.settle_indexes()?;
        self.before_case_change()?;
        if updates.len() >= COPY_FROM {
            return bulk::update_cases(self, updates);
        }
        updates.iter().map(|(id, version, u)| update_case(self, *id, *version, u)).collect()
    }

    fn put_case_details(&mut self, id: CaseId, d: &CaseDetails) -> StoreResult<()> {
        details::write(self, id, d)
    }

    fn put_cases_details(&mut self, rows: &[(CaseId, CaseDetails)]) -> StoreResult<()> {
        details::write_many(self, rows)
    }

    fn case_numbers_taken(&mut self, unit: UnitId, year: i32) -> StoreResult<Vec<CaseNo>> {
        details::numbers_taken(self, unit, year)
    }

    fn expect_changes(&mut self, cases: usize) -> StoreResult<()> {
        // Only the cohort trigger gives way (`tx::mass_change`); every index is kept up row by
        // row. Dropping the secondary indexes of `cases` and `deadlines` for such a change and
        // building them at commit, as SQLite does, was measured slower here (events file of
        // 200,000 cases, two runs each: 31.5 / 29.2 s against 27.5 / 25.0 s).
        PgTx::expect_changes(self, cases)
    }
}

fn case_no_taken(c: &NewCase) -> String {
    format!("số quyết định / case number {} (đơn vị {})", c.facts.case_no, c.facts.unit.0)
}

fn event_count(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn insert_case(tx: &mut PgTx<'_>, c: &NewCase) -> StoreResult<CaseId> {
    let f = &c.facts;
    let sql = format!(
        "insert into cases ({CASE_INSERT_COLUMNS})
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, $20)
         on conflict (unit_id, case_no) do nothing returning id"
    );
    let rows = tx.query_mapped(
        &sql,
        &[
            &f.unit.0,
            &f.case_no.as_str(),
            &f.accepted_on,
            &f.origin.code(),
            &f.received_by_delegation,
            &f.judgment_type.code(),
            &i16::from(f.categories.bits()),
            &f.amount.dong(),
            &f.debtor,
            &f.creditor,
            &f.officer.map(|o| o.0),
            &f.search_text(),
            &c.current.state.code(),
            &c.current.state.ground().map(|g| g.as_str()),
            &c.current.outstanding.dong(),
            &c.current.collected.dong(),
            &c.current.reduced.dong(),
            &c.last_event_on,
            &event_count(c.event_count),
            &c.batch,
        ],
        constraint(|| case_no_taken(c)),
    )?;
    Ok(CaseId(get(rows.first().ok_or_else(|| StoreError::Duplicate(case_no_taken(c)))?, 0)?))
}

fn update_case(tx: &mut PgTx<'_>, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<i64> {
    // New events change only the derived state: stored alone, so the search words (schema 30)
    // are not written again.
    if let Some(version) = bulk::update_state(tx, id, expected_version, u)? {
        return Ok(version);
    }
    let f = &u.facts;
    // Under read committed, a row changed and committed by someone else since it was read is
    // re-checked against `version = $2`: it no longer matches, and nothing is updated.
    let rows = tx.query_mapped(
        "update cases set unit_id = $3, case_no = $4, accepted_on = $5, origin = $6, received_by_delegation = $7,
            judgment_type = $8, categories = $9, amount = $10, debtor = $11, creditor = $12, officer_id = $13,
            search_text = $14, state = $15, state_ground = $16, outstanding = $17, collected = $18, reduced = $19,
            last_event_on = $20, event_count = $21, version = version + 1
         where id = $1 and version = $2
         returning version",
        &[
            &id.0,
            &expected_version,
            &f.unit.0,
            &f.case_no.as_str(),
            &f.accepted_on,
            &f.origin.code(),
            &f.received_by_delegation,
            &f.judgment_type.code(),
            &i16::from(f.categories.bits()),
            &f.amount.dong(),
            &f.debtor,
            &f.creditor,
            &f.officer.map(|o| o.0),
            &f.search_text(),
            &u.current.state.code(),
            &u.current.state.ground().map(|g| g.as_str()),
            &u.current.outstanding.dong(),
            &u.current.collected.dong(),
            &u.current.reduced.dong(),
            &u.last_event_on,
            &event_count(u.event_count),
        ],
        constraint(|| format!("số quyết định / case number {}", f.case_no)),
    )?;
    match rows.first() {
        Some(row) => get(row, 0),
        None => Err(StoreError::Stale { case: f.case_no.clone() }),
    }
}
