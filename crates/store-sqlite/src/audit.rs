//! The audit trail on SQLite: appended (the schema's triggers refuse updates and deletes), read
//! per case, per actor, or by unit, actor, action and time.

use rusqlite::params;
use thads_core::{CaseId, UnitId};
use thads_store::{AUDIT_SELECT, Audit, AuditEntry, AuditQuery, AuditTx, NewAudit, StoreError, StoreResult};

use crate::SqliteStore;
use crate::convert as cv;
use crate::tx::SqliteTx;

/// A list of unit ids as the JSON array `json_each` reads.
pub(crate) fn unit_list(units: Option<&[UnitId]>) -> Option<String> {
    units.map(|u| format!("[{}]", u.iter().map(|id| id.0.to_string()).collect::<Vec<_>>().join(",")))
}

impl Audit for SqliteStore {
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("{AUDIT_SELECT} where a.case_id = ?1 order by a.id");
        self.query_all(&sql, [case.0], cv::audit)
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
}

fn insert(tx: &mut SqliteTx<'_>, a: &NewAudit, unit: Option<UnitId>) -> StoreResult<()> {
    tx.conn()
        .prepare_cached(
            "insert into audit (at, actor, case_id, action, before, after, unit_id)
             values (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .and_then(|mut s| {
            s.execute(params![
                cv::instant_secs(a.at),
                a.actor,
                a.case.map(|c| c.0),
                a.action,
                a.before,
                a.after,
                unit.map(|u| u.0)
            ])
        })
        .map_err(StoreError::backend)?;
    Ok(())
}

impl AuditTx for SqliteTx<'_> {
    fn insert_audit(&mut self, a: &NewAudit) -> StoreResult<()> {
        insert(self, a, None)
    }

    fn insert_unit_audit(&mut self, a: &NewAudit, unit: UnitId) -> StoreResult<()> {
        insert(self, a, Some(unit))
    }
}
