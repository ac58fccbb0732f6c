//! The audit trail on SQLite: appended as a hash chain (the schema's triggers refuse updates and
//! deletes), read per case, per actor, or by unit, actor, action and time, and in id order with
//! its hashes for `thads audit verify`. Appends are serialised by SQLite's one writer.

use rusqlite::{Connection, OptionalExtension, Row, params};
use thads_core::{CaseId, UnitId};
use thads_store::{
    AUDIT_SELECT, Audit, AuditEntry, AuditLink, AuditQuery, AuditTx, ChainHead, NewAudit, StoreError, StoreResult,
    audit_hash,
};

use crate::SqliteStore;
use crate::convert as cv;
use crate::tx::SqliteTx;

/// A list of unit ids as the JSON array `json_each` reads.
pub(crate) fn unit_list(units: Option<&[UnitId]>) -> Option<String> {
    units.map(|u| format!("[{}]", u.iter().map(|id| id.0.to_string()).collect::<Vec<_>>().join(",")))
}

/// A case's entries of `n` actions (`?2` to `?n+1`), oldest first: found by
/// `audit_case_action` (schema 36) without reading the case's other entries.
fn case_actions_sql(n: usize) -> String {
    let marks: Vec<String> = (2..n + 2).map(|i| format!("?{i}")).collect();
    format!("{AUDIT_SELECT} where a.case_id = ?1 and a.action in ({}) order by a.id", marks.join(", "))
}

impl Audit for SqliteStore {
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("{AUDIT_SELECT} where a.case_id = ?1 order by a.id");
        self.query_all(&sql, [case.0], cv::audit)
    }

    fn audit_of_case_actions(&self, case: CaseId, actions: &[&str]) -> StoreResult<Vec<AuditEntry>> {
        if actions.is_empty() {
            return Ok(Vec::new());
        }
        let sql = case_actions_sql(actions.len());
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![&case.0];
        values.extend(actions.iter().map(|a| a as &dyn rusqlite::ToSql));
        self.query_all(&sql, values.as_slice(), cv::audit)
    }

    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("{AUDIT_SELECT} where a.actor = ?1 order by a.at desc, a.id desc limit ?2");
        self.query_all(&sql, params![actor, limit], cv::audit)
    }

    fn search_audit(&self, q: &AuditQuery) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!(
            "{AUDIT_SELECT} where (?1 is null or coalesce(a.unit_id, c.unit_id) in (select value from json_each(?1)))
             and (?2 is null or a.case_id = ?2) and (?3 is null or a.actor = ?3) and (?4 is null or a.action = ?4)
             and (?5 is null or a.at >= ?5) and (?6 is null or a.at < ?6)
             order by a.at desc, a.id desc limit ?7"
        );
        let units = unit_list(q.units.as_deref());
        self.query_all(
            &sql,
            params![
                units,
                q.case.map(|c| c.0),
                q.actor,
                q.action,
                q.from.map(cv::instant_secs),
                q.until.map(cv::instant_secs),
                q.limit
            ],
            cv::audit,
        )
    }

    fn audit_actions(&self) -> StoreResult<Vec<String>> {
        self.query_all("select distinct action from audit order by action", [], |r| {
            r.get(0).map_err(StoreError::backend)
        })
    }

    fn audit_chain(&self, after: i64, limit: u32) -> StoreResult<Vec<AuditLink>> {
        let sql = format!("select {LINK_COLUMNS} from audit where id > ?1 order by id limit ?2");
        self.query_all(&sql, params![after, limit], link)
    }

    fn audit_chain_head(&self) -> StoreResult<Option<ChainHead>> {
        let conn = self.pool.get()?;
        chain_head(&conn)
    }
}

/// The columns of an `AuditLink`, in its order.
const LINK_COLUMNS: &str = "id, at, actor, case_id, action, before, after, unit_id, prev_hash, hash";

fn link(row: &Row<'_>) -> StoreResult<AuditLink> {
    let text = |i| -> StoreResult<Option<String>> { row.get(i).map_err(StoreError::backend) };
    Ok(AuditLink {
        id: row.get(0).map_err(StoreError::backend)?,
        at: cv::instant_of("audit.at", row.get(1).map_err(StoreError::backend)?)?,
        actor: row.get(2).map_err(StoreError::backend)?,
        case: row.get::<_, Option<i64>>(3).map_err(StoreError::backend)?.map(CaseId),
        action: row.get(4).map_err(StoreError::backend)?,
        before: text(5)?,
        after: text(6)?,
        unit: row.get::<_, Option<i64>>(7).map_err(StoreError::backend)?.map(UnitId),
        prev_hash: text(8)?,
        hash: text(9)?,
    })
}

fn chain_head(conn: &Connection) -> StoreResult<Option<ChainHead>> {
    let head: Option<(Option<i64>, Option<String>)> = conn
        .query_row("select last_id, last_hash from audit_chain where id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(StoreError::backend)?;
    Ok(match head {
        Some((Some(id), Some(hash))) => Some(ChainHead { id, hash }),
        _ => None,
    })
}

fn insert(tx: &mut SqliteTx<'_>, a: &NewAudit, unit: Option<UnitId>) -> StoreResult<()> {
    let conn = tx.conn();
    let prev = chain_head(conn)?.map(|h| h.hash);
    let id: i64 =
        conn.query_row("select coalesce(max(id), 0) + 1 from audit", [], |r| r.get(0)).map_err(StoreError::backend)?;
    let hash = audit_hash(
        prev.as_deref(),
        id,
        a.at,
        &a.actor,
        a.case,
        &a.action,
        a.before.as_deref(),
        a.after.as_deref(),
        unit,
    );
    conn.prepare_cached(
        "insert into audit (id, at, actor, case_id, action, before, after, unit_id, prev_hash, hash)
         values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut s| {
        s.execute(params![
            id,
            cv::instant_secs(a.at),
            a.actor,
            a.case.map(|c| c.0),
            a.action,
            a.before,
            a.after,
            unit.map(|u| u.0),
            prev,
            hash
        ])
    })
    .map_err(StoreError::backend)?;
    conn.execute("update audit_chain set last_id = ?1, last_hash = ?2 where id = 1", params![id, hash])
        .map_err(StoreError::backend)?;
    Ok(())
}

/// Schema 19's step: seals, in id order, the entries written before the chain existed, moves
/// the head to the last, and puts back the append-only trigger the migration lifted.
pub(crate) fn seal_unsealed(conn: &Connection) -> StoreResult<()> {
    let mut prev = chain_head(conn)?.map(|h| h.hash);
    let mut after = 0i64;
    loop {
        let sql = format!("select {LINK_COLUMNS} from audit where id > ?1 and hash is null order by id limit 10000");
        let mut stmt = conn.prepare(&sql).map_err(StoreError::backend)?;
        let mut rows = stmt.query([after]).map_err(StoreError::backend)?;
        let mut links = Vec::new();
        while let Some(row) = rows.next().map_err(StoreError::backend)? {
            links.push(link(row)?);
        }
        let Some(last) = links.last() else { break };
        after = last.id;
        for l in &links {
            let hash = l.expected_hash(prev.as_deref());
            conn.execute("update audit set prev_hash = ?1, hash = ?2 where id = ?3", params![prev, hash, l.id])
                .map_err(StoreError::backend)?;
            conn.execute("update audit_chain set last_id = ?1, last_hash = ?2 where id = 1", params![l.id, hash])
                .map_err(StoreError::backend)?;
            prev = Some(hash);
        }
    }
    conn.execute_batch(
        "create trigger audit_append_only_update before update on audit
         begin select raise(abort, 'the audit trail is append-only'); end;",
    )
    .map_err(StoreError::backend)
}

impl AuditTx for SqliteTx<'_> {
    fn insert_audit(&mut self, a: &NewAudit) -> StoreResult<()> {
        insert(self, a, None)
    }

    fn insert_unit_audit(&mut self, a: &NewAudit, unit: UnitId) -> StoreResult<()> {
        insert(self, a, Some(unit))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, reason = "tests fail loudly")]

    use super::case_actions_sql;
    use crate::SqliteStore;

    /// The case page's read of a case's facts entries searches by the case and the action
    /// (schema 36), instead of reading every entry of the case.
    #[test]
    fn a_cases_entries_of_some_actions_are_searched_by_case_and_action() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("thads.db");
        SqliteStore::open(&path).expect("open store");
        let conn = rusqlite::Connection::open(&path).expect("raw connection");
        let sql = format!("explain query plan {}", case_actions_sql(3));
        let mut statement = conn.prepare(&sql).expect("plan");
        let plan: Vec<String> = statement
            .query_map([&1_i64 as &dyn rusqlite::ToSql, &"case.intake", &"case.edit", &"case.reassign"], |r| {
                r.get::<_, String>(3)
            })
            .expect("plan rows")
            .collect::<Result<_, _>>()
            .expect("plan text");
        assert!(plan.iter().any(|l| l.contains("audit_case_action (case_id=? AND action=?)")), "{}", plan.join("\n"));
    }
}
