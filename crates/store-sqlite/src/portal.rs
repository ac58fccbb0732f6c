//! The citizens' portal on SQLite: the agency's key, rotations of lookup codes, staff views.

use rusqlite::params;
use thads_core::{CaseId, StaffId, UnitId};
use thads_store::{CaseViewEntry, Portal, PortalTx, StoreError, StoreResult};
use time::OffsetDateTime;

use crate::SqliteStore;
use crate::convert as cv;
use crate::tx::SqliteTx;

impl Portal for SqliteStore {
    fn portal_key(&self) -> StoreResult<String> {
        if let Some(key) = self.portal_key.get() {
            return Ok(key.clone());
        }
        let key: String = self
            .query_one("select key from portal_keys where id = 1", [], |r| r.get(0).map_err(StoreError::backend))?
            .ok_or_else(|| StoreError::Backend("portal_keys has no key".into()))?;
        Ok(self.portal_key.get_or_init(|| key).clone())
    }

    fn lookup_nonce(&self, case: CaseId) -> StoreResult<Option<String>> {
        self.query_one("select nonce from case_lookup_codes where case_id = ?1", [case.0], |r| {
            r.get(0).map_err(StoreError::backend)
        })
    }

    fn log_case_views(&self, views: &[CaseViewEntry]) -> StoreResult<()> {
        if views.is_empty() {
            return Ok(());
        }
        let _turn = self.pool.write_turn()?;
        let conn = self.pool.get()?;
        // One transaction for a batch; one set-based statement per run of views alike but for
        // their case (an export listing many cases is one run, hence one statement).
        let tx = rusqlite::Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::backend)?;
        {
            let mut insert = tx
                .prepare_cached(
                    "insert into case_views (case_id, at, unit_id, staff_id, role, via)
                     select value, ?2, ?3, ?4, ?5, ?6 from json_each(?1)",
                )
                .map_err(StoreError::backend)?;
            let alike = |a: &CaseViewEntry, b: &CaseViewEntry| {
                (a.at, a.unit, a.staff, &a.role, &a.via) == (b.at, b.unit, b.staff, &b.role, &b.via)
            };
            for run in views.chunk_by(alike) {
                let Some(v) = run.first() else { continue };
                let cases = run.iter().map(|v| v.case.0.to_string()).collect::<Vec<_>>().join(",");
                insert
                    .execute(params![
                        format!("[{cases}]"),
                        cv::instant_secs(v.at),
                        v.unit.map(|u| u.0),
                        v.staff.map(|s| s.0),
                        v.role,
                        v.via
                    ])
                    .map_err(StoreError::backend)?;
            }
        }
        tx.commit().map_err(StoreError::backend)
    }

    fn case_views(&self, case: CaseId, limit: u32) -> StoreResult<Vec<CaseViewEntry>> {
        self.query_all(
            "select case_id, at, unit_id, staff_id, role, via from case_views where case_id = ?1
             order by at desc, id desc limit ?2",
            params![case.0, limit],
            |r| {
                let get = |e: rusqlite::Error| StoreError::backend(e);
                Ok(CaseViewEntry {
                    case: CaseId(r.get(0).map_err(get)?),
                    at: cv::instant_of("case_views.at", r.get(1).map_err(get)?)?,
                    unit: r.get::<_, Option<i64>>(2).map_err(get)?.map(UnitId),
                    staff: r.get::<_, Option<i64>>(3).map_err(get)?.map(StaffId),
                    role: r.get(4).map_err(get)?,
                    via: r.get(5).map_err(get)?,
                })
            },
        )
    }
}

impl PortalTx for SqliteTx<'_> {
    fn set_lookup_nonce(&mut self, case: CaseId, nonce: &str, at: OffsetDateTime, by: &str) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into case_lookup_codes (case_id, nonce, rotated_at, rotated_by) values (?1, ?2, ?3, ?4)
                 on conflict (case_id) do update set nonce = excluded.nonce, rotated_at = excluded.rotated_at,
                 rotated_by = excluded.rotated_by",
                params![case.0, nonce, cv::instant_secs(at), by],
            )
            .map_err(StoreError::backend)?;
        Ok(())
    }
}
