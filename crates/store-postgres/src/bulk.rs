//! Many rows at once: cases and events by binary COPY with ids reserved from their sequences
//! first (so the ids returned are in input order), ledger deltas and deducted moves by
//! `unnest` of parameter arrays, one statement per chunk.

use std::collections::{BTreeMap, HashSet};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use thads_core::{CaseId, EventId};
use thads_store::{DeductedRow, LedgerRow, NewCase, NewEvent, StoreError, StoreResult};

use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::row::{CASE_INSERT_COLUMNS, case_no_taken, event_count};
use crate::tx::PgTx;

/// From this many rows on, COPY beats one statement per row.
pub const COPY_FROM: usize = 64;
/// Rows per `unnest` statement: large enough to amortise the round trip, small enough to keep
/// the parameter arrays a few megabytes.
const CHUNK: usize = 5_000;

/// `n` fresh ids of `sequence`, ascending.
fn reserve_ids(tx: &mut PgTx<'_>, sequence: &str, n: usize) -> StoreResult<Vec<i64>> {
    let n = i64::try_from(n).map_err(|_| StoreError::Invalid("too many rows".into()))?;
    let sql = format!("select nextval('{sequence}') from generate_series(1, $1::bigint)");
    let mut ids = tx.query(&sql, &[&n])?.iter().map(|r| get::<i64>(r, 0)).collect::<StoreResult<Vec<_>>>()?;
    ids.sort_unstable();
    Ok(ids)
}

const CASE_TYPES: &[Type] = &[
    Type::INT8,
    Type::INT8,
    Type::TEXT,
    Type::DATE,
    Type::TEXT,
    Type::BOOL,
    Type::TEXT,
    Type::INT2,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::INT8,
    Type::INT8,
    Type::DATE,
    Type::INT4,
    Type::INT8,
    Type::INT8,
];

pub fn copy_cases(tx: &mut PgTx<'_>, cases: &[NewCase]) -> StoreResult<Vec<CaseId>> {
    let mut seen = HashSet::with_capacity(cases.len());
    if let Some(dup) = cases.iter().find(|c| !seen.insert((c.facts.unit, c.facts.case_no.as_str()))) {
        return Err(StoreError::Duplicate(case_no_taken(dup)));
    }
    let ids = reserve_ids(tx, "cases_id_seq", cases.len())?;
    // New words go to the GIN index's pending list and are merged in bulk later (by vacuum or
    // the next overflow): for an import, far cheaper than merging them row by row.
    tx.execute("set local gin_pending_list_limit = '64MB'", &[])?;
    let copied = tx.savepoint(|tx| {
        let sql = format!("copy cases (id, {CASE_INSERT_COLUMNS}) from stdin (format binary)");
        tx.with(|c| {
            let mut writer = BinaryCopyInWriter::new(c.client.copy_in(&sql)?, CASE_TYPES);
            for (id, case) in ids.iter().zip(cases) {
                write_case(&mut writer, *id, case)?;
            }
            writer.finish()
        })
        .map_err(constraint(|| "số quyết định / case number".to_string()))
    });
    match copied {
        Err(StoreError::Duplicate(_)) => Err(StoreError::Duplicate(taken_case_no(tx, cases)?)),
        other => other.map(|_| ids.into_iter().map(CaseId).collect()),
    }
}

fn write_case(w: &mut BinaryCopyInWriter, id: i64, c: &NewCase) -> Result<(), postgres::Error> {
    let f = &c.facts;
    w.write(&[
        &id,
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
        &1_i64,
        &c.batch,
    ])
}

/// Names the first case of `cases` whose number the database already has, for the message.
fn taken_case_no(tx: &mut PgTx<'_>, cases: &[NewCase]) -> StoreResult<String> {
    let units: Vec<i64> = cases.iter().map(|c| c.facts.unit.0).collect();
    let numbers: Vec<&str> = cases.iter().map(|c| c.facts.case_no.as_str()).collect();
    let rows = tx.query(
        "select k.i from unnest($1::bigint[], $2::text[]) with ordinality k(unit_id, case_no, i)
         join cases c on c.unit_id = k.unit_id and c.case_no = k.case_no order by k.i limit 1",
        &[&units, &numbers],
    )?;
    let at = match rows.first() {
        Some(r) => usize::try_from(get::<i64>(r, 0)?).unwrap_or(1),
        None => 1,
    };
    Ok(cases.get(at.saturating_sub(1)).map(case_no_taken).unwrap_or_default())
}

const EVENT_TYPES: &[Type] = &[
    Type::INT8,
    Type::INT8,
    Type::DATE,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::INT8,
];

pub fn copy_events(tx: &mut PgTx<'_>, events: &[NewEvent]) -> StoreResult<Vec<EventId>> {
    let ids = reserve_ids(tx, "events_id_seq", events.len())?;
    tx.savepoint(|tx| {
        let sql = "copy events (id, case_id, date, code, amount, ground, supersedes, note, recorded_by, recorded_at, \
                   batch_id) from stdin (format binary)";
        tx.with(|c| {
            let mut writer = BinaryCopyInWriter::new(c.client.copy_in(sql)?, EVENT_TYPES);
            for (id, e) in ids.iter().zip(events) {
                let (date, code, amount, ground) = cv::entry_columns(&e.entry, e.recorded_at.date());
                let at = e.recorded_at.unix_timestamp();
                let supersedes = e.supersedes.map(|s| s.0);
                writer.write(&[
                    id,
                    &e.case.0,
                    &date,
                    &code,
                    &amount,
                    &ground,
                    &supersedes,
                    &e.note,
                    &e.recorded_by,
                    &at,
                    &e.batch,
                ])?;
            }
            writer.finish()
        })
        .map_err(constraint(|| "sự kiện / event".to_string()))?;
        check_event_references(tx, events)
    })?;
    Ok(ids.into_iter().map(EventId).collect())
}

/// What foreign keys would check, once for the whole batch (after the COPY, so that a record
/// may supersede one copied with it).
fn check_event_references(tx: &mut PgTx<'_>, events: &[NewEvent]) -> StoreResult<()> {
    let distinct = |ids: &mut dyn Iterator<Item = i64>| -> Vec<i64> {
        let mut v: Vec<i64> = ids.collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let cases = distinct(&mut events.iter().map(|e| e.case.0));
    let superseded = distinct(&mut events.iter().filter_map(|e| e.supersedes.map(|s| s.0)));
    let batches = distinct(&mut events.iter().filter_map(|e| e.batch));
    let rows = tx.query(
        "select (select count(*) from cases where id = any($1))
            + (select count(*) from events where id = any($2))
            + (select count(*) from import_batches where id = any($3))",
        &[&cases, &superseded, &batches],
    )?;
    let found: i64 = rows.first().map(|r| get(r, 0)).transpose()?.unwrap_or(0);
    let wanted = cases.len() + superseded.len() + batches.len();
    if usize::try_from(found).ok() == Some(wanted) { Ok(()) } else { Err(crate::row::missing_reference()) }
}

/// Adds deltas series by series (each series is one row holding all its months, see
/// `thads_store::ledger_codec`). Missing series rows are created empty first and every touched
/// row is then locked in key order, so that two writers touching the same series neither lose
/// each other's deltas nor deadlock; the merge is checked in Rust.
pub fn apply_ledger(tx: &mut PgTx<'_>, rows: &[LedgerRow]) -> StoreResult<()> {
    use thads_store::ledger_codec::{by_series, decode, encode, merge};
    let grouped: Vec<_> = by_series(rows).into_iter().collect();
    for chunk in grouped.chunks(CHUNK) {
        let mut keys: (Vec<i64>, Vec<i16>, Vec<i64>) = Default::default();
        for (series, _) in chunk {
            let (unit, kind, value) = series.encode();
            keys.0.push(unit);
            keys.1.push(kind);
            keys.2.push(value);
        }
        let key_params: [&(dyn ToSql + Sync); 3] = [&keys.0, &keys.1, &keys.2];
        tx.execute(
            "insert into ledger (unit_id, dim_kind, dim_value, months)
             select k.*, '\\x0100'::bytea from unnest($1::bigint[], $2::smallint[], $3::bigint[]) k order by 1, 2, 3
             on conflict (unit_id, dim_kind, dim_value) do nothing",
            &key_params,
        )?;
        let stored = tx.query(
            "select unit_id, dim_kind, dim_value, months from ledger
             where (unit_id, dim_kind, dim_value) in (select * from unnest($1::bigint[], $2::smallint[], $3::bigint[]))
             order by 1, 2, 3 for update",
            &key_params,
        )?;
        let mut current: BTreeMap<(i64, i16, i64), Vec<u8>> = BTreeMap::new();
        for row in &stored {
            current.insert((get(row, 0)?, get(row, 1)?, get(row, 2)?), get(row, 3)?);
        }
        let mut blobs: Vec<Vec<u8>> = Vec::with_capacity(chunk.len());
        for (series, deltas) in chunk {
            let months = match current.get(&series.encode()) {
                Some(bytes) => decode(bytes)?,
                None => Vec::new(),
            };
            blobs.push(encode(&merge(months, deltas)?));
        }
        let params: [&(dyn ToSql + Sync); 4] = [&keys.0, &keys.1, &keys.2, &blobs];
        tx.execute(
            "update ledger l set months = k.months
             from unnest($1::bigint[], $2::smallint[], $3::bigint[], $4::bytea[]) as k(unit_id, dim_kind, dim_value, months)
             where l.unit_id = k.unit_id and l.dim_kind = k.dim_kind and l.dim_value = k.dim_value",
            &params,
        )?;
    }
    Ok(())
}

pub fn insert_deducted(tx: &mut PgTx<'_>, rows: &[DeductedRow]) -> StoreResult<()> {
    let sql = format!(
        "insert into deducted_moves ({}) select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[],
            $5::text[], $6::smallint[], $7::date[], $8::date[], $9::text[], $10::bigint[])",
        cv::DEDUCTED_COLUMNS
    );
    for chunk in rows.chunks(CHUNK) {
        let case: Vec<i64> = chunk.iter().map(|r| r.case.0).collect();
        let unit: Vec<i64> = chunk.iter().map(|r| r.dims.unit.0).collect();
        let officer: Vec<Option<i64>> = chunk.iter().map(|r| r.dims.officer.map(|o| o.0)).collect();
        let origin: Vec<&str> = chunk.iter().map(|r| r.dims.origin.code()).collect();
        let judgment: Vec<&str> = chunk.iter().map(|r| r.dims.judgment_type.code()).collect();
        let categories: Vec<i16> = chunk.iter().map(|r| i16::from(r.dims.categories.bits())).collect();
        let closed: Vec<time::Date> = chunk.iter().map(|r| r.moved.closed_on).collect();
        let moved: Vec<time::Date> = chunk.iter().map(|r| r.moved.moved_on).collect();
        let kind: Vec<&str> = chunk.iter().map(|r| cv::move_kind_code(r.moved.kind)).collect();
        let amount: Vec<i64> = chunk.iter().map(|r| r.moved.amount.dong()).collect();
        tx.execute(&sql, &[&case, &unit, &officer, &origin, &judgment, &categories, &closed, &moved, &kind, &amount])?;
    }
    Ok(())
}
