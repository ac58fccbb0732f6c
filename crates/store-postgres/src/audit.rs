//! The audit trail on PostgreSQL: appended as a hash chain (the schema's triggers refuse
//! updates, deletes and truncation), read per case, per actor, or by unit, actor, action and
//! time, and in id order with its hashes for `thads audit verify`.
//!
//! A transaction's entries are held until its commit and appended last, after the ledger's
//! deltas: the chain's head is locked (`for update`), the entries take their ids from the
//! sequence under that lock and link to the head in that order, so the chain follows id order
//! and commit order. The head is the last lock every writer takes and is held only for two
//! round trips (the lock with the ids; the entries written with the commit), so it adds no
//! deadlock and little waiting.

use postgres::Row;
use thads_core::{CaseId, UnitId};
use thads_store::{
    AUDIT_SELECT, Audit, AuditEntry, AuditLink, AuditQuery, AuditTx, ChainHead, NewAudit, StoreError, StoreResult,
    audit_hash,
};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::{CHUNK, PgTx};

/// A case's entries of some actions (`$2`), oldest first: found by `audit_case_action` (schema
/// 36) without reading the case's other entries.
fn case_actions_sql() -> String {
    format!("{AUDIT_SELECT} where a.case_id = $1 and a.action = any($2) order by a.id")
}

pub(crate) fn unit_ids(units: Option<&[UnitId]>) -> Option<Vec<i64>> {
    units.map(|u| u.iter().map(|id| id.0).collect())
}

impl Audit for PgStore {
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("{AUDIT_SELECT} where a.case_id = $1 order by a.id");
        self.query_all(&sql, &[&case.0], cv::audit)
    }

    fn audit_of_case_actions(&self, case: CaseId, actions: &[&str]) -> StoreResult<Vec<AuditEntry>> {
        self.query_all(&case_actions_sql(), &[&case.0, &actions], cv::audit)
    }

    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("{AUDIT_SELECT} where a.actor = $1 order by a.at desc, a.id desc limit $2");
        self.query_all(&sql, &[&actor, &i64::from(limit)], cv::audit)
    }

    fn search_audit(&self, q: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!(
            "{AUDIT_SELECT} where ($1::bigint[] is null or coalesce(a.unit_id, c.unit_id) = any($1))
             and ($2::bigint is null or a.case_id = $2) and ($3::text is null or a.actor = $3)
             and ($4::text is null or a.action = $4)
             and ($5::bigint is null or a.at >= $5) and ($6::bigint is null or a.at < $6)
             order by a.at desc, a.id desc limit $7"
        );
        let units = unit_ids(q.units.as_deref());
        let (case, from, until) =
            (q.case.map(|c| c.0), q.from.map(|t| t.unix_timestamp()), q.until.map(|t| t.unix_timestamp()));
        self.query_all(&sql, &[&units, &case, &q.actor, &q.action, &from, &until, &i64::from(q.limit)], cv::audit)
    }

    fn audit_actions(&self) -> StoreResult<Vec<String>> {
        self.query_all("select action from audit group by action order by action collate \"C\"", &[], |r| get(r, 0))
    }

    fn audit_chain(&self, after: i64, limit: u32) -> StoreResult<Vec<AuditLink>> {
        let sql = format!("select {LINK_COLUMNS} from audit where id > $1 order by id limit $2");
        self.query_all(&sql, &[&after, &i64::from(limit)], link)
    }

    fn audit_chain_head(&self) -> StoreResult<Option<ChainHead>> {
        let rows = self.query_all("select last_id, last_hash from audit_chain where id = 1", &[], |r| {
            Ok((get::<Option<i64>>(r, 0)?, get::<Option<String>>(r, 1)?))
        })?;
        Ok(match rows.into_iter().next() {
            Some((Some(id), Some(hash))) => Some(ChainHead { id, hash }),
            _ => None,
        })
    }
}

/// The columns of an `AuditLink`, in its order.
const LINK_COLUMNS: &str = "id, at, actor, case_id, action, before, after, unit_id, prev_hash, hash";

fn link(row: &Row) -> StoreResult<AuditLink> {
    Ok(AuditLink {
        id: get(row, 0)?,
        at: cv::instant_of("audit.at", get(row, 1)?)?,
        actor: get(row, 2)?,
        case: get::<Option<i64>>(row, 3)?.map(CaseId),
        action: get(row, 4)?,
        before: get(row, 5)?,
        after: get(row, 6)?,
        unit: get::<Option<i64>>(row, 7)?.map(UnitId),
        prev_hash: get(row, 8)?,
        hash: get(row, 9)?,
    })
}

fn head_of(rows: &[Row]) -> StoreResult<Option<ChainHead>> {
    let Some(row) = rows.first() else { return Ok(None) };
    Ok(match (get::<Option<i64>>(row, 0)?, get::<Option<String>>(row, 1)?) {
        (Some(id), Some(hash)) => Some(ChainHead { id, hash }),
        _ => None,
    })
}

fn insert(tx: &mut PgTx<'_>, a: &NewAudit, unit: Option<UnitId>) -> StoreResult<()> {
    tx.audit.push((a.clone(), unit));
    Ok(())
}

/// Appends the entries the transaction holds, at its commit (see the module's text): one
/// round trip locks the chain's head and takes the entries' ids; a commit's few entries (at
/// most `WITH_COMMIT`) and the head's move are written by statements that go with the commit
/// (`PgTx::audit_sql`, sent by `finish`), so that every other writer waits for the head during
/// two round trips, not two per entry; more (`thads migrate-db` copies a whole trail) go by
/// `unnest` statements of `CHUNK` entries.
pub(crate) fn append_held(tx: &mut PgTx<'_>) -> StoreResult<()> {
    let held = std::mem::take(&mut tx.audit);
    if held.is_empty() {
        return Ok(());
    }
    let n = i64::try_from(held.len()).map_err(|_| StoreError::Invalid("too many audit entries".into()))?;
    let head = tx.query(
        "select last_id, last_hash, array(select nextval('audit_id_seq') from generate_series(1, $1::bigint))
         from audit_chain where id = 1 for update",
        &[&n],
    )?;
    let mut prev = head_of(&head)?.map(|h| h.hash);
    let mut ids: Vec<i64> = match head.first() {
        Some(row) => get(row, 2)?,
        None => return Err(StoreError::Backend("audit_chain has no head row".into())),
    };
    ids.sort_unstable();
    let mut linked = Vec::with_capacity(held.len());
    for ((a, unit), id) in held.iter().zip(ids) {
        let hash = audit_hash(
            prev.as_deref(),
            id,
            a.at,
            &a.actor,
            a.case,
            &a.action,
            a.before.as_deref(),
            a.after.as_deref(),
            *unit,
        );
        linked.push(Linked { id, entry: a, unit: *unit, prev: prev.take(), hash: hash.clone() });
        prev = Some(hash);
    }
    let Some(last) = linked.last() else { return Ok(()) };
    let (last_id, last_hash) = (last.id, last.hash.clone());
    if linked.len() > WITH_COMMIT {
        for chunk in linked.chunks(CHUNK) {
            insert_chunk(tx, chunk)?;
        }
        tx.execute("update audit_chain set last_id = $1, last_hash = $2 where id = 1", &[&last_id, &last_hash])?;
        return Ok(());
    }
    let values = linked.iter().map(Linked::literal).collect::<StoreResult<Vec<_>>>()?;
    tx.audit_sql = format!(
        "insert into audit (id, at, actor, case_id, action, before, after, unit_id, prev_hash, hash) values {};
         update audit_chain set last_id = {last_id}, last_hash = {} where id = 1; ",
        values.join(", "),
        literal(&last_hash)?
    );
    Ok(())
}

/// A commit holding at most this many audit entries writes them with the commit.
const WITH_COMMIT: usize = 64;

/// One held entry with its id and its place in the chain.
struct Linked<'a> {
    id: i64,
    entry: &'a NewAudit,
    unit: Option<UnitId>,
    prev: Option<String>,
    hash: String,
}

impl Linked<'_> {
    /// The entry's row as literals, for `insert … values`.
    fn literal(&self) -> StoreResult<String> {
        let a = self.entry;
        Ok(format!(
            "({}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
            self.id,
            a.at.unix_timestamp(),
            literal(&a.actor)?,
            number(a.case.map(|c| c.0)),
            literal(&a.action)?,
            optional(a.before.as_deref())?,
            optional(a.after.as_deref())?,
            number(self.unit.map(|u| u.0)),
            optional(self.prev.as_deref())?,
            literal(&self.hash)?,
        ))
    }
}

/// Writes `chunk` by one `unnest` statement.
fn insert_chunk(tx: &mut PgTx<'_>, chunk: &[Linked<'_>]) -> StoreResult<()> {
    let ids: Vec<i64> = chunk.iter().map(|l| l.id).collect();
    let at: Vec<i64> = chunk.iter().map(|l| l.entry.at.unix_timestamp()).collect();
    let actor: Vec<&str> = chunk.iter().map(|l| l.entry.actor.as_str()).collect();
    let case: Vec<Option<i64>> = chunk.iter().map(|l| l.entry.case.map(|c| c.0)).collect();
    let action: Vec<&str> = chunk.iter().map(|l| l.entry.action.as_str()).collect();
    let before: Vec<Option<&str>> = chunk.iter().map(|l| l.entry.before.as_deref()).collect();
    let after: Vec<Option<&str>> = chunk.iter().map(|l| l.entry.after.as_deref()).collect();
    let unit: Vec<Option<i64>> = chunk.iter().map(|l| l.unit.map(|u| u.0)).collect();
    let prev: Vec<Option<&str>> = chunk.iter().map(|l| l.prev.as_deref()).collect();
    let hash: Vec<&str> = chunk.iter().map(|l| l.hash.as_str()).collect();
    tx.query_mapped(
        "insert into audit (id, at, actor, case_id, action, before, after, unit_id, prev_hash, hash)
         select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[],
                              $7::text[], $8::bigint[], $9::text[], $10::text[])",
        &[&ids, &at, &actor, &case, &action, &before, &after, &unit, &prev, &hash],
        constraint(|| "nhật ký / audit".to_string()),
    )?;
    Ok(())
}

/// `text` as an SQL string literal for a simple query (no parameters there): an escape string
/// (`E'…'`), whose backslashes and quotes are escaped, so that it reads the same whatever the
/// server's `standard_conforming_strings`. A NUL, which no PostgreSQL text can hold, is refused.
fn literal(text: &str) -> StoreResult<String> {
    if text.contains('\0') {
        return Err(StoreError::Invalid("nhật ký chứa ký tự NUL / an audit entry holds a NUL character".into()));
    }
    Ok(format!("E'{}'", text.replace('\\', "\\\\").replace('\'', "''")))
}

fn optional(text: Option<&str>) -> StoreResult<String> {
    text.map_or_else(|| Ok("null".to_string()), literal)
}

fn number(n: Option<i64>) -> String {
    n.map_or_else(|| "null".to_string(), |n| n.to_string())
}

/// Schema 19's step: seals, in id order, the entries written before the chain existed, moves
/// the head to the last, and enables again the append-only trigger the migration lifted.
pub(crate) fn seal_unsealed(tx: &mut postgres::Transaction<'_>) -> StoreResult<()> {
    let err = crate::error::backend;
    let head = tx.query("select last_id, last_hash from audit_chain where id = 1", &[]).map_err(err)?;
    let mut prev = head_of(&head)?.map(|h| h.hash);
    let mut after = 0i64;
    let sql = format!("select {LINK_COLUMNS} from audit where id > $1 and hash is null order by id limit 10000");
    loop {
        let links = tx.query(&sql, &[&after]).map_err(err)?.iter().map(link).collect::<StoreResult<Vec<_>>>()?;
        let Some(last) = links.last() else { break };
        after = last.id;
        for l in &links {
            let hash = l.expected_hash(prev.as_deref());
            tx.execute("update audit set prev_hash = $1, hash = $2 where id = $3", &[&prev, &hash, &l.id])
                .map_err(err)?;
            tx.execute("update audit_chain set last_id = $1, last_hash = $2 where id = 1", &[&l.id, &hash])
                .map_err(err)?;
            prev = Some(hash);
        }
    }
    tx.batch_execute("alter table audit enable trigger audit_append_only").map_err(err)
}

impl AuditTx for PgTx<'_> {
    fn insert_audit(&mut self, a: &NewAudit) -> StoreResult<()> {
        insert(self, a, None)
    }

    fn insert_unit_audit(&mut self, a: &NewAudit, unit: UnitId) -> StoreResult<()> {
        insert(self, a, Some(unit))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

    use super::case_actions_sql;
    use crate::testing::{analysed_plan, migrated, pages_of, test_url};

    /// A case with 300 recorded events and one edit: the case page's read of its facts entries
    /// finds the edit through `audit_case_action` (schema 36) and reads a few pages, not the
    /// case's 300 other entries.
    #[test]
    fn a_cases_entries_of_some_actions_are_found_without_its_other_entries() {
        let Some(url) = test_url() else { return };
        let (_db, mut conn) = migrated(&url).expect("test database");
        conn.batch_execute(
            "insert into units (code, name, kind) values ('VN', 'VN', 'national');
             insert into cases (unit_id, case_no, accepted_on, origin, received_by_delegation, judgment_type,
                categories, amount, debtor, creditor, search_text, state, outstanding, collected, reduced,
                event_count, version)
             select 1, n::text, '2025-01-01', 'chu_dong', false, 'dan_su', 0, 0, 'a', 'b', 'a b', 'opened', 0, 0, 0,
                0, 1 from generate_series(1, 50) n;
             insert into audit (at, actor, case_id, action, before, after)
                select n, 'x', 1 + n % 50, 'event.add', repeat('b', 200), repeat('a', 200)
                from generate_series(1, 15000) n;
             insert into audit (at, actor, case_id, action) values (20000, 'x', 7, 'case.edit');
             analyze audit;",
        )
        .expect("a case with a long trail");
        let actions = vec!["case.intake", "case.create", "case.edit", "case.reassign"];
        let plan = analysed_plan(&mut conn, &case_actions_sql(), &[&7_i64, &actions]).expect("explain");
        let text = plan.join("\n");
        let pages = pages_of(&plan, "Index Scan using audit_case").expect("the read's buffers");
        assert!(pages < 60, "read {pages} pages:\n{text}");
        let found = conn.query(&case_actions_sql(), &[&7_i64, &actions]).expect("the edit");
        assert_eq!(found.iter().map(|r| r.get::<_, String>(4)).collect::<Vec<_>>(), ["case.edit"]);
    }
}
