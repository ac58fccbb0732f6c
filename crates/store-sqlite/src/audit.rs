//! The audit trail on SQLite: appended (the schema's triggers refuse updates and deletes).

use rusqlite::params;
use thads_core::CaseId;
use thads_store::{AUDIT_COLUMNS, Audit, AuditEntry, AuditTx, NewAudit, StoreError, StoreResult};

use crate::SqliteStore;
use crate::convert as cv;
use crate::tx::SqliteTx;

impl Audit for SqliteStore {
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("select {AUDIT_COLUMNS} from audit where case_id = ?1 order by id");
        self.query_all(&sql, [case.0], cv::audit)
    }

    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("select {AUDIT_COLUMNS} from audit where actor = ?1 order by at desc, id desc limit ?2");
        self.query_all(&sql, params![actor, limit], cv::audit)
    }
}

impl AuditTx for SqliteTx<'_> {
    fn insert_audit(&mut self, a: &NewAudit) -> StoreResult<()> {
        self.conn()
            .prepare_cached(
                "insert into audit (at, actor, case_id, action, before, after) values (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![cv::instant_secs(a.at), a.actor, a.case.map(|c| c.0), a.action, a.before, a.after])
            })
            .map_err(StoreError::backend)?;
        Ok(())
    }
}
