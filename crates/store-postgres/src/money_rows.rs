//! The many rows of one ledger entry or one distribution on PostgreSQL: a distribution across
//! a debtor's 50,000 cases writes 50,000 postings and 50,000 allocations, by binary COPY from
//! `COPY_FROM` rows on (the server inserts them in batches), fewer as an `unnest` of one array
//! per column, 10,000 rows to a statement. Their references are checked once per call
//! (`references`), as events' are: these tables keep no foreign keys (schema 28).

use postgres::types::Type;
use thads_core::money::custody::{Posting, PostingRow};
use thads_store::{AllocationRow, StoreResult};

use crate::error::constraint;
use crate::references::{check_stored, distinct};
use crate::tx::{COPY_FROM, PgTx};

/// Rows per statement.
const CHUNK: usize = 10_000;

/// The postings of entry `entry`, numbered from 0 in their order.
pub fn insert_postings(tx: &mut PgTx<'_>, entry: i64, postings: &[Posting]) -> StoreResult<()> {
    let rows: Vec<PostingRow> = postings.iter().map(Posting::to_row).collect();
    let cases = distinct(rows.iter().filter_map(|r| r.case_id));
    check_stored(tx, "dòng bút toán / posting", &[("money_entries", &[entry]), ("cases", &cases)])?;
    if rows.len() >= COPY_FROM {
        let types = [Type::INT8, Type::INT8, Type::TEXT, Type::TEXT, Type::INT8, Type::TEXT, Type::TEXT, Type::INT8];
        let sql = "copy money_postings (entry_id, line, account, party, case_id, debtor_id, side, amount)
                   from stdin (format binary)";
        return tx.copy_in(sql, &types, "dòng bút toán / posting", |w| {
            for (line, r) in (0i64..).zip(&rows) {
                let debtor = r.debtor_id.as_deref();
                w.write(&[
                    &entry,
                    &line,
                    &r.account.as_str(),
                    &r.party.as_str(),
                    &r.case_id,
                    &debtor,
                    &r.side.as_str(),
                    &r.amount,
                ])?;
            }
            Ok(())
        });
    }
    for (index, chunk) in rows.chunks(CHUNK).enumerate() {
        let first = i64::try_from(index * CHUNK).unwrap_or(0);
        let lines: Vec<i64> = (first..).take(chunk.len()).collect();
        let account: Vec<&str> = chunk.iter().map(|r| r.account.as_str()).collect();
        let party: Vec<&str> = chunk.iter().map(|r| r.party.as_str()).collect();
        let case_id: Vec<Option<i64>> = chunk.iter().map(|r| r.case_id).collect();
        let debtor_id: Vec<Option<&str>> = chunk.iter().map(|r| r.debtor_id.as_deref()).collect();
        let side: Vec<&str> = chunk.iter().map(|r| r.side.as_str()).collect();
        let amount: Vec<i64> = chunk.iter().map(|r| r.amount).collect();
        tx.query_mapped(
            "insert into money_postings (entry_id, line, account, party, case_id, debtor_id, side, amount)
             select $1, * from unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[],
                $8::bigint[])",
            &[&entry, &lines, &account, &party, &case_id, &debtor_id, &side, &amount],
            constraint(|| "dòng bút toán / posting".to_string()),
        )?;
    }
    Ok(())
}

/// The allocations of distribution `distribution`.
pub fn insert_allocations(tx: &mut PgTx<'_>, distribution: i64, rows: &[AllocationRow]) -> StoreResult<()> {
    let (cases, events) = (distinct(rows.iter().map(|a| a.case.0)), distinct(rows.iter().filter_map(|a| a.event)));
    let parents = [("money_distributions", &[distribution][..]), ("cases", &cases), ("events", &events)];
    check_stored(tx, "phân chia / allocation", &parents)?;
    if rows.len() >= COPY_FROM {
        let types = [Type::INT8, Type::INT8, Type::TEXT, Type::INT8, Type::INT8, Type::INT8, Type::INT8];
        let sql = "copy money_allocations (distribution_id, case_id, case_no, rank, principal, interest, event_id)
                   from stdin (format binary)";
        return tx.copy_in(sql, &types, "phân chia / allocation", |w| {
            for a in rows {
                let rank = i64::from(a.rank);
                w.write(&[&distribution, &a.case.0, &a.case_no.as_str(), &rank, &a.principal, &a.interest, &a.event])?;
            }
            Ok(())
        });
    }
    for chunk in rows.chunks(CHUNK) {
        let case: Vec<i64> = chunk.iter().map(|a| a.case.0).collect();
        let case_no: Vec<&str> = chunk.iter().map(|a| a.case_no.as_str()).collect();
        let rank: Vec<i64> = chunk.iter().map(|a| i64::from(a.rank)).collect();
        let principal: Vec<i64> = chunk.iter().map(|a| a.principal).collect();
        let interest: Vec<i64> = chunk.iter().map(|a| a.interest).collect();
        let event: Vec<Option<i64>> = chunk.iter().map(|a| a.event).collect();
        tx.query_mapped(
            "insert into money_allocations (distribution_id, case_id, case_no, rank, principal, interest, event_id)
             select $1, * from unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
                $7::bigint[])",
            &[&distribution, &case, &case_no, &rank, &principal, &interest, &event],
            constraint(|| "phân chia / allocation".to_string()),
        )?;
    }
    Ok(())
}
