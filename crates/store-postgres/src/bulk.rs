//! Many rows at once: cases and events by binary COPY with ids reserved from their sequences
//! first (so the ids returned are in input order), ledger deltas and deducted moves by
//! `unnest` of parameter arrays, one statement per chunk.

use std::collections::{BTreeMap, HashSet};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use thads_core::{CaseId, EventId};
use thads_store::{CaseUpdate, DeductedRow, LedgerRow, NewCase, NewEvent, StoreError, StoreResult};

use crate::convert::{self as cv, get};
use crate::error::{constraint, supersedes_again};
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
    tx.defer_indexes()?;
    let ids = reserve_ids(tx, "cases_id_seq", cases.len())?;
    // New words go to the GIN index's pending list and are merged in bulk later (by vacuum or
    // the next overflow): for an import, far cheaper than merging them row by row.
    tx.execute("set local gin_pending_list_limit = '64MB'", &[])?;
    // Numbers already taken are looked up first, so that the usual refusal names the case and
    // leaves the transaction usable. The COPY then runs without a savepoint: in a
    // subtransaction, each row's foreign-key check locks its unit and officer rows again as a
    // multixact, and looking those up made an import of a million cases CPU-bound in the
    // server for minutes. A number taken by a concurrent writer in between still fails the
    // COPY as a `Duplicate` (the transaction is then aborted and rolled back by the caller).
    if let Some(taken) = first_taken(tx, cases)? {
        return Err(StoreError::Duplicate(case_no_taken(taken)));
    }
    let sql = format!("copy cases (id, {CASE_INSERT_COLUMNS}) from stdin (format binary)");
    tx.with(|c| {
        let mut writer = BinaryCopyInWriter::new(c.client.copy_in(&sql)?, CASE_TYPES);
        for (id, case) in ids.iter().zip(cases) {
            write_case(&mut writer, *id, case)?;
        }
        writer.finish()
    })
    .map_err(constraint(|| "số quyết định / case number".to_string()))?;
    Ok(ids.into_iter().map(CaseId).collect())
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

/// The first case of `cases` whose number the database already has.
fn first_taken<'c>(tx: &mut PgTx<'_>, cases: &'c [NewCase]) -> StoreResult<Option<&'c NewCase>> {
    let units: Vec<i64> = cases.iter().map(|c| c.facts.unit.0).collect();
    let numbers: Vec<&str> = cases.iter().map(|c| c.facts.case_no.as_str()).collect();
    let rows = tx.query(
        "select k.i from unnest($1::bigint[], $2::text[]) with ordinality k(unit_id, case_no, i)
         join cases c on c.unit_id = k.unit_id and c.case_no = k.case_no order by k.i limit 1",
        &[&units, &numbers],
    )?;
    match rows.first() {
        Some(r) => Ok(usize::try_from(get::<i64>(r, 0)?).ok().and_then(|at| cases.get(at.saturating_sub(1)))),
        None => Ok(None),
    }
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
    let mut superseded_again = false;
    let copied = tx.savepoint(|tx| {
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
        .map_err(|err| {
            superseded_again = supersedes_again(&err);
            constraint(|| "sự kiện / event".to_string())(err)
        })?;
        check_event_references(tx, events)
    });
    match copied {
        // Named once the savepoint is rolled back and the transaction can read again.
        Err(_) if superseded_again => {
            Err(thads_store::superseded_again(events, |targets| already_superseded(tx, targets)))
        }
        Err(e) => Err(e),
        Ok(()) => Ok(ids.into_iter().map(EventId).collect()),
    }
}

/// The first of `targets` that a stored record already supersedes.
fn already_superseded(tx: &mut PgTx<'_>, targets: &[EventId]) -> StoreResult<Option<EventId>> {
    let ids: Vec<i64> = targets.iter().map(|t| t.0).collect();
    let rows = tx.query(
        "select t.id from unnest($1::bigint[]) with ordinality t(id, n)
         where exists (select 1 from events e where e.supersedes = t.id) order by t.n limit 1",
        &[&ids],
    )?;
    rows.first().map(|r| get(r, 0).map(EventId)).transpose()
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

/// Many `update_case`s in one statement per chunk (the unnest of one array per column): an
/// import that moves a million cases sends a few hundred statements instead of a million, and
/// the statement-level triggers (cohorts) run once per chunk. Each case at most once per call
/// (otherwise they go one by one); the first one whose version moved is `Stale`.
pub fn update_cases(tx: &mut PgTx<'_>, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
    let mut ids = HashSet::with_capacity(updates.len());
    if !updates.iter().all(|(id, _, _)| ids.insert(*id)) {
        return updates.iter().map(|(id, version, u)| crate::row::update_case(tx, *id, *version, u)).collect();
    }
    let mut versions = Vec::with_capacity(updates.len());
    for chunk in updates.chunks(CHUNK) {
        versions.extend(update_chunk(tx, chunk)?);
    }
    Ok(versions)
}

fn update_chunk(tx: &mut PgTx<'_>, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
    let id = column(updates, |(id, _, _)| id.0);
    let version = column(updates, |(_, version, _)| *version);
    let unit = column(updates, |(_, _, u)| u.facts.unit.0);
    let case_no = column(updates, |(_, _, u)| u.facts.case_no.as_str());
    let accepted = column(updates, |(_, _, u)| u.facts.accepted_on);
    let origin = column(updates, |(_, _, u)| u.facts.origin.code());
    let delegated = column(updates, |(_, _, u)| u.facts.received_by_delegation);
    let judgment = column(updates, |(_, _, u)| u.facts.judgment_type.code());
    let categories = column(updates, |(_, _, u)| i16::from(u.facts.categories.bits()));
    let amount = column(updates, |(_, _, u)| u.facts.amount.dong());
    let debtor = column(updates, |(_, _, u)| u.facts.debtor.as_str());
    let creditor = column(updates, |(_, _, u)| u.facts.creditor.as_str());
    let officer = column(updates, |(_, _, u)| u.facts.officer.map(|o| o.0));
    let search = column(updates, |(_, _, u)| u.facts.search_text());
    let state = column(updates, |(_, _, u)| u.current.state.code());
    let ground = column(updates, |(_, _, u)| u.current.state.ground().map(|g| g.as_str()));
    let outstanding = column(updates, |(_, _, u)| u.current.outstanding.dong());
    let collected = column(updates, |(_, _, u)| u.current.collected.dong());
    let reduced = column(updates, |(_, _, u)| u.current.reduced.dong());
    let last_event = column(updates, |(_, _, u)| u.last_event_on);
    let events = column(updates, |(_, _, u)| event_count(u.event_count));
    let rows = tx.query_mapped(
        "update cases c set unit_id = u.unit_id, case_no = u.case_no, accepted_on = u.accepted_on, origin = u.origin,
            received_by_delegation = u.received_by_delegation, judgment_type = u.judgment_type,
            categories = u.categories, amount = u.amount, debtor = u.debtor, creditor = u.creditor,
            officer_id = u.officer_id, search_text = u.search_text, state = u.state, state_ground = u.state_ground,
            outstanding = u.outstanding, collected = u.collected, reduced = u.reduced,
            last_event_on = u.last_event_on, event_count = u.event_count, version = c.version + 1
         from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::date[], $6::text[], $7::boolean[],
                     $8::text[], $9::smallint[], $10::bigint[], $11::text[], $12::text[], $13::bigint[], $14::text[],
                     $15::text[], $16::text[], $17::bigint[], $18::bigint[], $19::bigint[], $20::date[], $21::int[])
              as u(id, version, unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type,
                   categories, amount, debtor, creditor, officer_id, search_text, state, state_ground,
                   outstanding, collected, reduced, last_event_on, event_count)
         where c.id = u.id and c.version = u.version
         returning c.id, c.version",
        &[
            &id,
            &version,
            &unit,
            &case_no,
            &accepted,
            &origin,
            &delegated,
            &judgment,
            &categories,
            &amount,
            &debtor,
            &creditor,
            &officer,
            &search,
            &state,
            &ground,
            &outstanding,
            &collected,
            &reduced,
            &last_event,
            &events,
        ],
        constraint(|| "số quyết định / case number".to_string()),
    )?;
    let mut new_versions = std::collections::HashMap::with_capacity(rows.len());
    for r in &rows {
        new_versions.insert(get::<i64>(r, 0)?, get::<i64>(r, 1)?);
    }
    updates
        .iter()
        .map(|(id, _, u)| {
            new_versions.get(&id.0).copied().ok_or_else(|| StoreError::Stale { case: u.facts.case_no.clone() })
        })
        .collect()
}

/// One parameter array of an `unnest`: `value` of every update, in order.
fn column<'u, T>(
    updates: &[(CaseId, i64, &'u CaseUpdate)],
    value: impl Fn(&(CaseId, i64, &'u CaseUpdate)) -> T,
) -> Vec<T> {
    updates.iter().map(value).collect()
}
