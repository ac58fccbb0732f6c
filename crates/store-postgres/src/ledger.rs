//! The statistics ledger on PostgreSQL: one row per series holding all its months
//! (`thads_store::ledger_codec`, schema 0006), merged in Rust with checked arithmetic; the
//! deducted moves, written by `unnest`; the cohorts the triggers of schema 0004 keep; the
//! rules and generation in `meta`. Deltas are held by the transaction and applied at commit
//! (`apply`, see `tx`).

use std::collections::BTreeMap;

use postgres::Row;
use postgres::types::ToSql;
use thads_core::CaseId;
use thads_core::Origin;
use thads_core::ledger::{Dim, SeriesKey};
use thads_store::ledger_codec::{self, Months, by_series, decode, encode, merge};
use thads_store::{
    CohortCount, DEDUCTED_COLUMNS, DeductedRow, Ledger, LedgerRow, LedgerSnapshot, LedgerState, LedgerTicket, LedgerTx,
    LoggedChange, StoreError, StoreResult, codes,
};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::backend;
use crate::pool::Conn;
use crate::tx::{CHUNK, PgTx};

impl Ledger for PgStore {
    fn ledger(&self) -> StoreResult<Vec<LedgerRow>> {
        let series = self.query_all("select unit_id, dim_kind, dim_value, months from ledger", &[], ledger_series)?;
        Ok(series.into_iter().flat_map(|(key, months)| ledger_codec::rows_of(key, months)).collect())
    }

    fn origin_ledger(&self) -> StoreResult<Vec<LedgerRow>> {
        let sql = "select unit_id, dim_kind, dim_value, months from ledger where dim_kind = $1";
        let series = self.query_all(sql, &[&origin_kind()], ledger_series)?;
        Ok(series.into_iter().flat_map(|(key, months)| ledger_codec::rows_of(key, months)).collect())
    }

    fn deducted_moves(&self) -> StoreResult<Vec<DeductedRow>> {
        self.query_all(&format!("select {DEDUCTED_COLUMNS} from deducted_moves order by case_id"), &[], cv::deducted)
    }

    fn case_cohorts(&self) -> StoreResult<Vec<CohortCount>> {
        let sql = "select unit_id, accepted_month, closed_month, count from case_cohorts where count <> 0";
        self.query_all(sql, &[], |r| Ok(CohortCount::stored(get(r, 0)?, get(r, 1)?, get(r, 2)?, get(r, 3)?)))
    }

    fn ledger_state(&self) -> StoreResult<LedgerState> {
        let meta = |key: &str| self.query_one("select value from meta where key = $1", &[&key], |r| get(r, 0));
        let generation = meta("ledger_generation")?.and_then(|g: String| g.parse().ok()).unwrap_or(0);
        Ok(LedgerState { generation, rules_fingerprint: meta("ledger_rules")? })
    }

    /// One read-only transaction at `repeatable read`: every read sees the same snapshot.
    fn ledger_snapshot(&self) -> StoreResult<LedgerSnapshot> {
        let mut conn = self.conn()?;
        conn.client.batch_execute("begin isolation level repeatable read read only").map_err(backend)?;
        let read = snapshot_on(&mut conn);
        let end = if read.is_ok() { "commit" } else { "rollback" };
        if conn.client.batch_execute(end).is_err() {
            conn.discard();
        }
        read
    }

    fn ledger_log(&self, after: i64, through: i64) -> StoreResult<Vec<LoggedChange>> {
        let sql = "select generation, change from ledger_log where generation > $1 and generation <= $2 order by 1";
        self.query_all(sql, &[&after, &through], |r| Ok(LoggedChange { generation: get(r, 0)?, change: get(r, 1)? }))
    }
}

fn snapshot_on(conn: &mut Conn) -> StoreResult<LedgerSnapshot> {
    let meta = "select value::bigint from meta where key = 'ledger_generation'";
    let series = read_on(conn, "select unit_id, dim_kind, dim_value, months from ledger", ledger_series)?;
    let cohorts = "select unit_id, accepted_month, closed_month, count from case_cohorts where count <> 0";
    Ok(LedgerSnapshot {
        generation: read_on(conn, meta, |r| get(r, 0))?.into_iter().next().unwrap_or(0),
        rows: series.into_iter().flat_map(|(key, months)| ledger_codec::rows_of(key, months)).collect(),
        deducted: read_on(
            conn,
            &format!("select {DEDUCTED_COLUMNS} from deducted_moves order by case_id"),
            cv::deducted,
        )?,
        cohorts: read_on(conn, cohorts, |r| Ok(CohortCount::stored(get(r, 0)?, get(r, 1)?, get(r, 2)?, get(r, 3)?)))?,
    })
}

fn read_on<T>(conn: &mut Conn, sql: &str, map: impl Fn(&Row) -> StoreResult<T>) -> StoreResult<Vec<T>> {
    let statement = conn.prepared(sql)?;
    let rows = crate::pool::timed(sql, || conn.client.query(&statement, &[])).map_err(backend)?;
    rows.iter().map(map).collect()
}

impl LedgerTx for PgTx<'_> {
    /// Held until commit (see `tx`).
    fn apply_ledger(&mut self, rows: &[LedgerRow]) -> StoreResult<()> {
        self.defer_ledger(rows);
        Ok(())
    }

    fn replace_deducted_moves(&mut self, cases: &[CaseId], rows: &[DeductedRow]) -> StoreResult<()> {
        let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
        if !ids.is_empty() {
            self.execute("delete from deducted_moves where case_id = any($1)", &[&ids])?;
        }
        insert_deducted(self, rows)
    }

    fn clear_ledger(&mut self) -> StoreResult<()> {
        self.forget_ledger();
        self.touch();
        self.execute("delete from ledger", &[])?;
        self.execute("delete from deducted_moves", &[])?;
        Ok(())
    }

    fn set_ledger_rules(&mut self, fingerprint: &str) -> StoreResult<()> {
        self.execute(
            "insert into meta (key, value) values ('ledger_rules', $1)
             on conflict (key) do update set value = excluded.value",
            &[&fingerprint],
        )?;
        self.touch_ledger()
    }

    /// The generation is bumped with the commit (see `tx`).
    fn touch_ledger(&mut self) -> StoreResult<()> {
        self.touch();
        Ok(())
    }

    fn touch_ledger_with(&mut self, change: &[u8]) -> StoreResult<LedgerTicket> {
        Ok(self.touch_with(change))
    }
}

/// Adds deltas series by series (each series is one row holding all its months, see
/// `thads_store::ledger_codec`). Missing series rows are created empty first and every touched
/// row is then locked in key order, so that two writers touching the same series neither lose
/// each other's deltas nor deadlock; the merge is checked in Rust.
pub fn apply(tx: &mut PgTx<'_>, rows: &[LedgerRow]) -> StoreResult<()> {
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

fn insert_deducted(tx: &mut PgTx<'_>, rows: &[DeductedRow]) -> StoreResult<()> {
    let sql = format!(
        "insert into deducted_moves ({DEDUCTED_COLUMNS}) select * from unnest($1::bigint[], $2::bigint[],
            $3::bigint[], $4::text[], $5::text[], $6::smallint[], $7::date[], $8::date[], $9::text[], $10::bigint[])"
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
        let kind: Vec<&str> = chunk.iter().map(|r| codes::move_kind(r.moved.kind)).collect();
        let amount: Vec<i64> = chunk.iter().map(|r| r.moved.amount.dong()).collect();
        tx.execute(&sql, &[&case, &unit, &officer, &origin, &judgment, &categories, &closed, &moved, &kind, &amount])?;
    }
    Ok(())
}

/// The `dim_kind` of the origin series (`SeriesKey::encode`).
fn origin_kind() -> i16 {
    SeriesKey { unit: thads_core::UnitId(0), dim: Dim::Origin(Origin::ChuDong) }.encode().1
}

/// Moves the ledger series of `from` to `to` (summed into the series `to` already has), for a
/// move of all of a unit's cases (`ReorgTx::move_all_cases`): the stored series and the deltas
/// this transaction holds.
pub fn relabel_series(tx: &mut PgTx<'_>, from: thads_core::UnitId, to: thads_core::UnitId) -> StoreResult<()> {
    let stored =
        tx.query("delete from ledger where unit_id = $1 returning unit_id, dim_kind, dim_value, months", &[&from.0])?;
    let mut rows = Vec::new();
    for r in &stored {
        let (key, months) = ledger_series(r)?;
        rows.extend(ledger_codec::rows_of(SeriesKey { unit: to, ..key }, months));
    }
    tx.relabel_held_ledger(from, to);
    tx.defer_ledger(&rows);
    Ok(())
}

fn ledger_series(row: &Row) -> StoreResult<(SeriesKey, Months)> {
    let (unit, kind, value): (i64, i16, i64) = (get(row, 0)?, get(row, 1)?, get(row, 2)?);
    let series = SeriesKey::decode(unit, kind, value)
        .ok_or_else(|| StoreError::corrupt("ledger.dim", format!("{kind}/{value}")))?;
    let bytes: &[u8] = get(row, 3)?;
    Ok((series, decode(bytes)?))
}
