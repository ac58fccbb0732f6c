//! The bump of the ledger generation at commit and its row of the ledger log (schema 33),
//! what `LedgerTx::touch_ledger` and `touch_ledger_with` hold until then (`HeldLog`).

use thads_store::{HeldLog, LEDGER_LOG_KEPT, StoreError, StoreResult};

use crate::convert as cv;

/// The stored ledger generation.
pub fn generation(conn: &rusqlite::Connection) -> StoreResult<i64> {
    let sql = "select cast(value as integer) from meta where key = 'ledger_generation'";
    Ok(cv::query_all(conn, sql, [], |r| r.get(0).map_err(StoreError::backend))?.into_iter().next().unwrap_or(0))
}

/// Just before a commit that touched the ledger: bumps its generation once, logs the change
/// under the new generation (schema 33) and forgets the rows older than `LEDGER_LOG_KEPT`
/// generations (one row, by the key, at each bump); returns the new generation. Writers are
/// serialised (`begin immediate`), so the generation read back is this transaction's.
pub fn bump_and_log(conn: &rusqlite::Connection, log: &HeldLog) -> StoreResult<Option<i64>> {
    if !log.touched() {
        return Ok(None);
    }
    let run = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> StoreResult<()> {
        conn.prepare_cached(sql).map_err(StoreError::backend)?.execute(p).map_err(StoreError::backend)?;
        Ok(())
    };
    run("update meta set value = cast(value as integer) + 1 where key = 'ledger_generation'", &[])?;
    let bumped = generation(conn)?;
    run("insert into ledger_log (generation, change) values (?1, ?2)", &[&bumped, &log.change()])?;
    run("delete from ledger_log where generation <= ?1", &[&(bumped - LEDGER_LOG_KEPT)])?;
    Ok(Some(bumped))
}
