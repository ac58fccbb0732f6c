//! What foreign keys would check, once for all the rows of an insert, for the tables written
//! many rows at a time that keep no keys (schema 28: postings, allocations, deadlines): a key
//! check per row locks the referenced row and cost more than writing the rows. Cases and events
//! are never deleted (schema 1's triggers), so a case or an event the transaction has already
//! seen stored is not looked up again (`tx::known`): a distribution's events, deadlines,
//! allocations and postings all refer to the cases it locked and the events it wrote.

use thads_store::{StoreError, StoreResult};

use crate::convert::get;
use crate::tx::PgTx;

/// The ids, each once, in order.
pub fn distinct(ids: impl IntoIterator<Item = i64>) -> Vec<i64> {
    let mut v: Vec<i64> = ids.into_iter().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Refuses unless every id of each `(table, ids)` (distinct ids) is a stored row of that table;
/// `what` names the rows refused.
pub fn check_stored(tx: &mut PgTx<'_>, what: &str, tables: &[(&str, &[i64])]) -> StoreResult<()> {
    let (mut found, mut wanted) = (0i64, 0usize);
    for (table, ids) in tables {
        let unseen = tx.known.unseen(table, ids);
        if unseen.is_empty() {
            continue;
        }
        let rows = tx.query(&format!("select count(*) from {table} where id = any($1)"), &[&unseen])?;
        found += rows.first().map(|r| get::<i64>(r, 0)).transpose()?.unwrap_or(0);
        wanted += unseen.len();
    }
    if usize::try_from(found).ok() == Some(wanted) {
        for (table, ids) in tables {
            tx.known.saw(table, ids.iter().copied());
        }
        return Ok(());
    }
    Err(StoreError::Invalid(format!(
        "{what}: tham chiếu việc, sự kiện hoặc chứng từ không tồn tại / refers to a missing case, event or document"
    )))
}
