//! Histories on PostgreSQL: records appended one by one (a person recording a change: one
//! prepared statement) or by the thousand (`bulk`: COPY), read per case, and streamed for every
//! case (`scan`). Events have no foreign keys (see the schema): their references are checked
//! by the statements that write them.

mod bulk;
mod scan;

use std::collections::HashMap;

use thads_core::{CaseId, EventId, EventRecord};
use thads_store::{
    CaseHistory, EVENT_COLUMNS, EVENT_INSERT_COLUMNS, Events, EventsTx, NewEvent, ScanFilter, StoreError, StoreResult,
};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::{constraint, supersedes_again};
use crate::tx::{COPY_FROM, PgTx};

impl Events for PgStore {
    fn records(&self, case: CaseId) -> StoreResult<Vec<EventRecord>> {
        let sql = format!("select {EVENT_COLUMNS} from events where case_id = $1 order by id");
        self.query_all(&sql, &[&case.0], |r| cv::event(r).map(|(_, e)| e))
    }

    fn scan_histories(
        &self,
        filter: &ScanFilter,
        visit: &mut dyn FnMut(CaseHistory) -> StoreResult<()>,
    ) -> StoreResult<()> {
        scan::scan(&mut self.conn()?.client, filter, visit)
    }
}

impl EventsTx for PgTx<'_> {
    fn insert_events(&mut self, events: &[NewEvent]) -> StoreResult<Vec<EventId>> {
        if events.len() >= COPY_FROM {
            return bulk::copy_events(self, events);
        }
        events.iter().map(|e| insert_event(self, e)).collect()
    }

    fn records_of(&mut self, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, Vec<EventRecord>)>> {
        let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
        let sql = format!("select {EVENT_COLUMNS} from events where case_id = any($1) order by case_id, id");
        let mut by_case: HashMap<CaseId, Vec<EventRecord>> = HashMap::new();
        for row in self.query(&sql, &[&ids])? {
            let (case, record) = cv::event(&row)?;
            by_case.entry(case).or_default().push(record);
        }
        Ok(cases.iter().filter_map(|c| by_case.remove(c).map(|r| (*c, r))).collect())
    }
}

fn missing_reference() -> StoreError {
    StoreError::Invalid(
        "sự kiện tham chiếu việc, bản ghi hoặc tệp nhập không tồn tại / an event refers to a missing case, record or \
         imported file"
            .into(),
    )
}

/// One event; its references are checked in the statement (events have no foreign keys, see
/// the schema): nothing is inserted when one is missing.
fn insert_event(tx: &mut PgTx<'_>, e: &NewEvent) -> StoreResult<EventId> {
    let (date, code, amount, ground) = cv::entry_columns(&e.entry, e.recorded_at.date());
    let rows = tx.query_mapped(
        &format!(
            "insert into events ({EVENT_INSERT_COLUMNS})
             select $1::bigint, $2::date, $3::text, $4::bigint, $5::text, $6::bigint, $7::text, $8::text,
                $9::bigint, $10::bigint
             where exists (select 1 from cases where id = $1)
                and ($6::bigint is null or exists (select 1 from events where id = $6))
                and ($10::bigint is null or exists (select 1 from import_batches where id = $10))
             returning id"
        ),
        &[
            &e.case.0,
            &date,
            &code,
            &amount,
            &ground,
            &e.supersedes.map(|s| s.0),
            &e.note,
            &e.recorded_by,
            &e.recorded_at.unix_timestamp(),
            &e.batch,
        ],
        |err| match e.supersedes {
            Some(record) if supersedes_again(&err) => StoreError::AlreadySuperseded { record },
            _ => constraint(|| "sự kiện / event".to_string())(err),
        },
    )?;
    Ok(EventId(get(rows.first().ok_or_else(missing_reference)?, 0)?))
}
