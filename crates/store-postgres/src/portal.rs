//! The citizens' portal on PostgreSQL: the agency's key, rotations of lookup codes, staff views.

use thads_core::{CaseId, StaffId, UnitId};
use thads_store::{CaseViewEntry, Portal, PortalTx, StoreError, StoreResult};
use time::OffsetDateTime;

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::tx::PgTx;

impl Portal for PgStore {
    fn portal_key(&self) -> StoreResult<String> {
        if let Some(key) = self.portal_key.get() {
            return Ok(key.clone());
        }
        let key: String = self
            .query_one("select key from portal_keys where id = 1", &[], |r| get(r, 0))?
            .ok_or_else(|| StoreError::Backend("portal_keys has no key".into()))?;
        Ok(self.portal_key.get_or_init(|| key).clone())
    }

    fn lookup_nonce(&self, case: CaseId) -> StoreResult<Option<String>> {
        self.query_one("select nonce from case_lookup_codes where case_id = $1", &[&case.0], |r| get(r, 0))
    }

    fn log_case_views(&self, views: &[CaseViewEntry]) -> StoreResult<()> {
        if views.is_empty() {
            return Ok(());
        }
        let cases: Vec<i64> = views.iter().map(|v| v.case.0).collect();
        let ats: Vec<i64> = views.iter().map(|v| v.at.unix_timestamp()).collect();
        let units: Vec<Option<i64>> = views.iter().map(|v| v.unit.map(|u| u.0)).collect();
        let staff: Vec<Option<i64>> = views.iter().map(|v| v.staff.map(|s| s.0)).collect();
        let roles: Vec<&str> = views.iter().map(|v| v.role.as_str()).collect();
        let via: Vec<&str> = views.iter().map(|v| v.via.as_str()).collect();
        // One statement, autocommitted: a view is not a change of the case.
        self.query_all(
            "insert into case_views (case_id, at, unit_id, staff_id, role, via)
             select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[])",
            &[&cases, &ats, &units, &staff, &roles, &via],
            |_| Ok(()),
        )?;
        Ok(())
    }

    fn case_views(&self, case: CaseId, limit: u32) -> StoreResult<Vec<CaseViewEntry>> {
        self.query_all(
            "select case_id, at, unit_id, staff_id, role, via from case_views where case_id = $1
             order by at desc, id desc limit $2",
            &[&case.0, &i64::from(limit)],
            |r| {
                Ok(CaseViewEntry {
                    case: CaseId(get(r, 0)?),
                    at: cv::instant_of("case_views.at", get(r, 1)?)?,
                    unit: get::<Option<i64>>(r, 2)?.map(UnitId),
                    staff: get::<Option<i64>>(r, 3)?.map(StaffId),
                    role: get(r, 4)?,
                    via: get(r, 5)?,
                })
            },
        )
    }
}

impl PortalTx for PgTx<'_> {
    fn set_lookup_nonce(&mut self, case: CaseId, nonce: &str, at: OffsetDateTime, by: &str) -> StoreResult<()> {
        self.execute(
            "insert into case_lookup_codes (case_id, nonce, rotated_at, rotated_by) values ($1, $2, $3, $4)
             on conflict (case_id) do update set nonce = excluded.nonce, rotated_at = excluded.rotated_at,
             rotated_by = excluded.rotated_by",
            &[&case.0, &nonce, &at.unix_timestamp(), &by],
        )?;
        Ok(())
    }
}
