//! The many rows of one ledger entry or one distribution on SQLite: a distribution across a
//! debtor's 50,000 cases writes 50,000 postings and 50,000 allocations, `ROWS` rows to a
//! statement (each statement prepared once per connection) rather than a statement per row.

use rusqlite::{Connection, Statement};
use thads_core::money::custody::Posting;
use thads_store::{AllocationRow, StoreError, StoreResult};

use crate::error::refused;

/// Rows per statement: 500 × 8 parameters stays well below SQLite's limit of 32,766.
const ROWS: usize = 500;

/// The postings of entry `entry`, numbered from 0 in their order.
pub fn insert_postings(conn: &Connection, entry: i64, postings: &[Posting]) -> StoreResult<()> {
    let head = "insert into money_postings (entry_id, line, account, party, case_id, debtor_id, side, amount) values";
    let numbered: Vec<(i64, &Posting)> = (0i64..).zip(postings).collect();
    insert_chunked(conn, head, 8, &numbered, |stmt, at, (line, p)| {
        let row = p.to_row();
        stmt.raw_bind_parameter(at + 1, entry)?;
        stmt.raw_bind_parameter(at + 2, *line)?;
        stmt.raw_bind_parameter(at + 3, row.account)?;
        stmt.raw_bind_parameter(at + 4, row.party)?;
        stmt.raw_bind_parameter(at + 5, row.case_id)?;
        stmt.raw_bind_parameter(at + 6, row.debtor_id)?;
        stmt.raw_bind_parameter(at + 7, row.side)?;
        stmt.raw_bind_parameter(at + 8, row.amount)
    })
}

/// The allocations of distribution `distribution`.
pub fn insert_allocations(conn: &Connection, distribution: i64, rows: &[AllocationRow]) -> StoreResult<()> {
    let head = "insert into money_allocations (distribution_id, case_id, case_no, rank, principal, interest, event_id)
                values";
    insert_chunked(conn, head, 7, rows, |stmt, at, a| {
        stmt.raw_bind_parameter(at + 1, distribution)?;
        stmt.raw_bind_parameter(at + 2, a.case.0)?;
        stmt.raw_bind_parameter(at + 3, a.case_no.as_str())?;
        stmt.raw_bind_parameter(at + 4, a.rank)?;
        stmt.raw_bind_parameter(at + 5, a.principal)?;
        stmt.raw_bind_parameter(at + 6, a.interest)?;
        stmt.raw_bind_parameter(at + 7, a.event)
    })
}

/// `head values (…), (…)…` for `rows`, `ROWS` to a statement; `bind` binds one row's `width`
/// parameters after the `at`-th.
fn insert_chunked<T>(
    conn: &Connection,
    head: &str,
    width: usize,
    rows: &[T],
    bind: impl Fn(&mut Statement<'_>, usize, &T) -> rusqlite::Result<()>,
) -> StoreResult<()> {
    let row = format!("({})", vec!["?"; width].join(", "));
    for chunk in rows.chunks(ROWS) {
        let sql = format!("{head} {}", vec![row.as_str(); chunk.len()].join(", "));
        let mut stmt = conn.prepare_cached(&sql).map_err(StoreError::backend)?;
        for (i, r) in chunk.iter().enumerate() {
            bind(&mut stmt, i * width, r).map_err(StoreError::backend)?;
        }
        stmt.raw_execute().map_err(refused)?;
    }
    Ok(())
}
