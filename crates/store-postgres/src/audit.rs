//! The audit trail on PostgreSQL: appended (the schema's triggers refuse updates, deletes and
//! truncation).

use thads_core::CaseId;
use thads_store::{AUDIT_COLUMNS, Audit, AuditEntry, AuditTx, NewAudit, StoreResult};

use crate::PgStore;
use crate::convert as cv;
use crate::error::constraint;
use crate::tx::PgTx;

impl Audit for PgStore {
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("select {AUDIT_COLUMNS} from audit where case_id = $1 order by id");
        self.query_all(&sql, &[&case.0], cv::audit)
    }

    fn audit_of_actor(&self, actor: &str, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("select {AUDIT_COLUMNS} from audit where actor = $1 order by at desc, id desc limit $2");
        self.query_all(&sql, &[&actor, &i64::from(limit)], cv::audit)
    }
}

impl AuditTx for PgTx<'_> {
    fn insert_audit(&mut self, a: &NewAudit) -> StoreResult<()> {
        self.query_mapped(
            "insert into audit (at, actor, case_id, action, before, after) values ($1, $2, $3, $4, $5, $6)",
            &[&a.at.unix_timestamp(), &a.actor, &a.case.map(|c| c.0), &a.action, &a.before, &a.after],
            constraint(|| "nhật ký / audit".to_string()),
        )?;
        Ok(())
    }
}
