//! Many records at once: binary COPY with ids reserved from their sequence first (so the ids
//! returned are in input order), inside a savepoint so that a refused batch leaves the
//! transaction usable; their references are checked once for the whole batch.

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use thads_core::EventId;
use thads_store::{EVENT_INSERT_COLUMNS, NewEvent, StoreResult};

use crate::convert::{self as cv, get};
use crate::error::{constraint, supersedes_again};
use crate::tx::PgTx;

/// The types of `id` and `EVENT_INSERT_COLUMNS`, in their order.
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
    let ids = tx.reserve_ids("events_id_seq", events.len())?;
    let mut superseded_again = false;
    let copied = tx.savepoint(|tx| {
        let sql = format!("copy events (id, {EVENT_INSERT_COLUMNS}) from stdin (format binary)");
        tx.with(|c| {
            let mut writer = BinaryCopyInWriter::new(c.client.copy_in(&sql)?, EVENT_TYPES);
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
        Ok(()) => {
            tx.known.saw("events", ids.iter().copied());
            Ok(ids.into_iter().map(EventId).collect())
        }
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
    let cases = tx.known.unseen("cases", &distinct(&mut events.iter().map(|e| e.case.0)));
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
    if usize::try_from(found).ok() != Some(wanted) {
        return Err(super::missing_reference());
    }
    tx.known.saw("cases", cases);
    Ok(())
}
