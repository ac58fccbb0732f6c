//! The statistics ledger on SQLite: one row per series holding all its months
//! (`thads_store::ledger_codec`, schema 0006), merged in Rust with checked arithmetic; the
//! deducted moves; the cohorts the triggers of schema 0004 keep; the rules and generation in
//! `meta`.

use rusqlite::{OptionalExtension, params};
use thads_core::CaseId;
use thads_core::Origin;
use thads_core::ledger::{Dim, SeriesKey};
use thads_store::ledger_codec::{self, Months, by_series, decode, encode, merge};
use thads_store::{
    CohortCount, DEDUCTED_COLUMNS, DeductedRow, Ledger, LedgerRow, LedgerSnapshot, LedgerState, LedgerTicket, LedgerTx,
    LoggedChange, StoreError, StoreResult, codes,
};

use crate::SqliteStore;
use crate::convert as cv;
use crate::tx::SqliteTx;
use crate::tx::ledger_log::generation;

impl Ledger for SqliteStore {
    fn ledger(&self) -> StoreResult<Vec<LedgerRow>> {
        all_rows(&*self.pool.get()?)
    }

    fn origin_ledger(&self) -> StoreResult<Vec<LedgerRow>> {
        let sql = "select unit_id, dim_kind, dim_value, months from ledger where dim_kind = ?1";
        let series = self.query_all(sql, [origin_kind()], ledger_series)?;
        Ok(series.into_iter().flat_map(|(key, months)| ledger_codec::rows_of(key, months)).collect())
    }

    fn deducted_moves(&self) -> StoreResult<Vec<DeductedRow>> {
        all_deducted(&*self.pool.get()?)
    }

    fn case_cohorts(&self) -> StoreResult<Vec<CohortCount>> {
        all_cohorts(&*self.pool.get()?)
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

    /// One read transaction (WAL: it reads one snapshot of the file from its first read on).
    fn ledger_snapshot(&self) -> StoreResult<LedgerSnapshot> {
        let conn = self.pool.get()?;
        conn.execute_batch("begin").map_err(StoreError::backend)?;
        let read = (|| {
            Ok(LedgerSnapshot {
                generation: generation(&conn)?,
                rows: all_rows(&conn)?,
                deducted: all_deducted(&conn)?,
                cohorts: all_cohorts(&conn)?,
            })
        })();
        let end = if read.is_ok() { "commit" } else { "rollback" };
        conn.execute_batch(end).map_err(StoreError::backend)?;
        read
    }

    fn ledger_log(&self, after: i64, through: i64) -> StoreResult<Vec<LoggedChange>> {
        let sql = "select generation, change from ledger_log where generation > ?1 and generation <= ?2 order by 1";
        self.query_all(sql, [after, through], |r| {
            Ok(LoggedChange {
                generation: r.get(0).map_err(StoreError::backend)?,
                change: r.get(1).map_err(StoreError::backend)?,
            })
        })
    }
}

impl LedgerTx for SqliteTx<'_> {
    /// Each touched series is read, merged (checked) and written back whole.
    fn apply_ledger(&mut self, rows: &[LedgerRow]) -> StoreResult<()> {
        let conn = self.conn();
        let mut read = conn
            .prepare_cached("select months from ledger where unit_id = ?1 and dim_kind = ?2 and dim_value = ?3")
            .map_err(StoreError::backend)?;
        let mut write = conn
            .prepare_cached(
                "insert into ledger (unit_id, dim_kind, dim_value, months) values (?1, ?2, ?3, ?4)
                 on conflict (unit_id, dim_kind, dim_value) do update set months = excluded.months",
            )
            .map_err(StoreError::backend)?;
        for (series, deltas) in by_series(rows) {
            let (unit, kind, value) = series.encode();
            let stored: Option<Vec<u8>> =
                read.query_row(params![unit, kind, value], |r| r.get(0)).optional().map_err(StoreError::backend)?;
            let months = match stored {
                Some(bytes) => decode(&bytes)?,
                None => Vec::new(),
            };
            let merged = merge(months, &deltas)?;
            write.execute(params![unit, kind, value, encode(&merged)]).map_err(StoreError::backend)?;
        }
        Ok(())
    }

    fn replace_deducted_moves(&mut self, cases: &[CaseId], rows: &[DeductedRow]) -> StoreResult<()> {
        {
            let mut delete = self
                .conn()
                .prepare_cached("delete from deducted_moves where case_id = ?1")
                .map_err(StoreError::backend)?;
            for c in cases {
                delete.execute([c.0]).map_err(StoreError::backend)?;
            }
        }
        let sql =
            format!("insert into deducted_moves ({DEDUCTED_COLUMNS}) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        let mut insert = self.conn().prepare_cached(&sql).map_err(StoreError::backend)?;
        for r in rows {
            insert
                .execute(params![
                    r.case.0,
                    r.dims.unit.0,
                    r.dims.officer.map(|o| o.0),
                    r.dims.origin.code(),
                    r.dims.judgment_type.code(),
                    i64::from(r.dims.categories.bits()),
                    cv::date_text(r.moved.closed_on),
                    cv::date_text(r.moved.moved_on),
                    codes::move_kind(r.moved.kind),
                    r.moved.amount.dong(),
                ])
                .map_err(StoreError::backend)?;
        }
        Ok(())
    }

    fn clear_ledger(&mut self) -> StoreResult<()> {
        self.log.touch();
        self.conn().execute_batch("delete from ledger; delete from deducted_moves;").map_err(StoreError::backend)
    }

    fn set_ledger_rules(&mut self, fingerprint: &str) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into meta (key, value) values ('ledger_rules', ?1)
                 on conflict (key) do update set value = excluded.value",
                [fingerprint],
            )
            .map_err(StoreError::backend)?;
        self.touch_ledger()
    }

    /// The generation is bumped at commit (`bump_and_log`).
    fn touch_ledger(&mut self) -> StoreResult<()> {
        self.log.touch();
        Ok(())
    }

    fn touch_ledger_with(&mut self, change: &[u8]) -> StoreResult<LedgerTicket> {
        Ok(self.log.touch_with(change))
    }
}

fn all_rows(conn: &rusqlite::Connection) -> StoreResult<Vec<LedgerRow>> {
    let sql = "select unit_id, dim_kind, dim_value, months from ledger";
    let series = cv::query_all(conn, sql, [], ledger_series)?;
    Ok(series.into_iter().flat_map(|(key, months)| ledger_codec::rows_of(key, months)).collect())
}

fn all_deducted(conn: &rusqlite::Connection) -> StoreResult<Vec<DeductedRow>> {
    cv::query_all(conn, &format!("select {DEDUCTED_COLUMNS} from deducted_moves order by case_id"), [], cv::deducted)
}

fn all_cohorts(conn: &rusqlite::Connection) -> StoreResult<Vec<CohortCount>> {
    let sql = "select unit_id, accepted_month, closed_month, count from case_cohorts where count != 0";
    cv::query_all(conn, sql, [], |r| {
        Ok(CohortCount::stored(
            r.get(0).map_err(StoreError::backend)?,
            r.get(1).map_err(StoreError::backend)?,
            r.get(2).map_err(StoreError::backend)?,
            r.get(3).map_err(StoreError::backend)?,
        ))
    })
}

/// The `dim_kind` of the origin series (`SeriesKey::encode`).
fn origin_kind() -> i16 {
    SeriesKey { unit: thads_core::UnitId(0), dim: Dim::Origin(Origin::ChuDong) }.encode().1
}

/// Moves the ledger series of `from` to `to` (summed into the series `to` already has), for a
/// move of all of a unit's cases (`ReorgTx::move_all_cases`).
pub fn relabel_series(tx: &mut SqliteTx<'_>, from: thads_core::UnitId, to: thads_core::UnitId) -> StoreResult<()> {
    let series = {
        let mut read = tx
            .conn()
            .prepare_cached("select unit_id, dim_kind, dim_value, months from ledger where unit_id = ?1")
            .map_err(StoreError::backend)?;
        let rows = read.query_map([from.0], |r| Ok(ledger_series(r))).map_err(StoreError::backend)?;
        rows.map(|r| r.map_err(StoreError::backend)?).collect::<StoreResult<Vec<_>>>()?
    };
    tx.conn().execute("delete from ledger where unit_id = ?1", [from.0]).map_err(StoreError::backend)?;
    let rows: Vec<LedgerRow> = series
        .into_iter()
        .flat_map(|(key, months)| ledger_codec::rows_of(SeriesKey { unit: to, ..key }, months))
        .collect();
    tx.apply_ledger(&rows)
}

fn ledger_series(r: &rusqlite::Row<'_>) -> StoreResult<(SeriesKey, Months)> {
    let unit: i64 = r.get(0).map_err(StoreError::backend)?;
    let kind: i16 = r.get(1).map_err(StoreError::backend)?;
    let value: i64 = r.get(2).map_err(StoreError::backend)?;
    let series = SeriesKey::decode(unit, kind, value)
        .ok_or_else(|| StoreError::corrupt("ledger.dim", format!("{kind}/{value}")))?;
    let bytes = r.get_ref(3).map_err(StoreError::backend)?.as_blob().map_err(StoreError::backend)?;
    Ok((series, decode(bytes)?))
}
