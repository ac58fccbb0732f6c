//! One case or one event at a time: the paths of a person recording a change. Each is one
//! prepared statement, one round trip.

use thads_core::{CaseId, EventId};
use thads_store::{CaseUpdate, NewCase, NewEvent, StoreError, StoreResult};

use crate::convert::{self as cv, get};
use crate::error::{constraint, supersedes_again};
use crate::tx::PgTx;

pub const CASE_INSERT_COLUMNS: &str = "unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type, \
     categories, amount, debtor, creditor, officer_id, search_text, state, state_ground, outstanding, collected, \
     reduced, last_event_on, event_count, version, batch_id";

pub fn case_no_taken(c: &NewCase) -> String {
    format!("số quyết định / case number {} (đơn vị {})", c.facts.case_no, c.facts.unit.0)
}

pub fn event_count(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

pub fn insert_case(tx: &mut PgTx<'_>, c: &NewCase) -> StoreResult<CaseId> {
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

pub fn update_case(tx: &mut PgTx<'_>, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<i64> {
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

pub fn missing_reference() -> StoreError {
    StoreError::Invalid(
        "sự kiện tham chiếu việc, bản ghi hoặc tệp nhập không tồn tại / an event refers to a missing case, record or \
         imported file"
            .into(),
    )
}

/// One event; its references are checked in the statement (events have no foreign keys, see
/// the schema): nothing is inserted when one is missing.
pub fn insert_event(tx: &mut PgTx<'_>, e: &NewEvent) -> StoreResult<EventId> {
    let (date, code, amount, ground) = cv::entry_columns(&e.entry, e.recorded_at.date());
    let rows = tx.query_mapped(
        "insert into events (case_id, date, code, amount, ground, supersedes, note, recorded_by, recorded_at, batch_id)
         select $1::bigint, $2::date, $3::text, $4::bigint, $5::text, $6::bigint, $7::text, $8::text, $9::bigint,
            $10::bigint
         where exists (select 1 from cases where id = $1)
            and ($6::bigint is null or exists (select 1 from events where id = $6))
            and ($10::bigint is null or exists (select 1 from import_batches where id = $10))
         returning id",
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
