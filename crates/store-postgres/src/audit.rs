//! The audit trail on PostgreSQL: appended (the schema's triggers refuse updates, deletes and
//! truncation), read per case, per actor, or by unit, actor, action and time.

use thads_core::{CaseId, UnitId};
use thads_store::{AUDIT_SELECT, Audit, AuditEntry, AuditQuery, AuditTx, NewAudit, StoreResult};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;

pub(crate) fn unit_ids(units: Option<&[UnitId]>) -> Option<Vec<i64>> {
    units.map(|u| u.iter().map(|id| id.0).collect())
}

impl Audit for PgStore {
    fn audit_of_case(&self, case: CaseId) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!("{AUDIT_SELECT} where a.case_id = $1 order by a.id");
        self.query_all(&sql, &[&case.0], cv::audit)
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
}

fn insert(tx: &mut PgTx<'_>, a: &NewAudit, unit: Option<UnitId>) -> StoreResult<()> {
    tx.query_mapped(
        "insert into audit (at, actor, case_id, action, before, after, unit_id) values ($1, $2, $3, $4, $5, $6, $7)",
        &[&a.at.unix_timestamp(), &a.actor, &a.case.map(|c| c.0), &a.action, &a.before, &a.after, &unit.map(|u| u.0)],
        constraint(|| "nhật ký / audit".to_string()),
    )?;
    Ok(())
}

impl AuditTx for PgTx<'_> {
    fn insert_audit(&mut self, a: &NewAudit) -> StoreResult<()> {
        insert(self, a, None)
    }

    fn insert_unit_audit(&mut self, a: &NewAudit, unit: UnitId) -> StoreResult<()> {
        insert(self, a, Some(unit))
    }
}
