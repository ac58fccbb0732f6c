//! The register of complaints and denunciations on PostgreSQL (schema 0016_complaints). The
//! codes are turned into values by `ComplaintColumns`; a step locks its letter (`for update`).

use postgres::Row;
use thads_core::complaints::{ComplaintId, Progress};
use thads_store::{
    COMPLAINT_COLUMNS, ComplaintColumns, ComplaintRow, Complaints, ComplaintsTx, Referral, StoreError, StoreResult,
};

use crate::PgStore;
use crate::convert::get;
use crate::error::constraint;
use crate::tx::PgTx;

fn all_sql() -> String {
    format!("select {COMPLAINT_COLUMNS} from complaints order by id")
}

fn one_sql() -> String {
    format!("select {COMPLAINT_COLUMNS} from complaints where id = $1")
}

impl Complaints for PgStore {
    fn complaints(&self) -> StoreResult<Vec<ComplaintRow>> {
        self.query_all(&all_sql(), &[], complaint)
    }

    fn complaint(&self, id: ComplaintId) -> StoreResult<Option<ComplaintRow>> {
        self.query_one(&one_sql(), &[&id.0], complaint)
    }
}

impl ComplaintsTx for PgTx<'_> {
    fn complaint_for_update(&mut self, id: ComplaintId) -> StoreResult<Option<ComplaintRow>> {
        let sql = format!("{} for update", one_sql());
        self.query(&sql, &[&id.0])?.first().map(complaint).transpose()
    }

    fn insert_complaint(&mut self, row: &ComplaintRow) -> StoreResult<ComplaintId> {
        let c = ComplaintColumns::of(row);
        // In a savepoint: a refused letter leaves the transaction usable, as on SQLite.
        let rows = self.savepoint(|tx| {
            tx.query_mapped(
                "insert into complaints (unit_id, kind, object, level, channel, received_on, complainant, subject,
                case_id, act_on, obstacle_days, same_matter_as, within_authority, first_decision_of, session_id,
                accepted_on, referred_on, referral, referred_to, extension_days, resolved_on, outcome,
                registered_by, registered_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                $21, $22, $23, $24) returning id",
                &[
                    &c.unit_id,
                    &c.kind,
                    &c.object,
                    &c.level,
                    &c.channel,
                    &c.received_on,
                    &c.complainant,
                    &c.subject,
                    &c.case_id,
                    &c.act_on,
                    &c.obstacle_days,
                    &c.same_matter_as,
                    &c.within_authority,
                    &c.first_decision_of,
                    &c.session_id,
                    &c.accepted_on,
                    &c.referred_on,
                    &c.referral,
                    &c.referred_to,
                    &c.extension_days,
                    &c.resolved_on,
                    &c.outcome,
                    &c.registered_by,
                    &c.registered_at,
                ],
                constraint(|| "đơn / letter".to_string()),
            )
        })?;
        let first = rows.first().ok_or_else(|| StoreError::Backend("insert returned no id".into()))?;
        Ok(ComplaintId(get(first, 0)?))
    }

    fn update_complaint_progress(
        &mut self,
        id: ComplaintId,
        progress: &Progress,
        referral: Option<&Referral>,
    ) -> StoreResult<()> {
        let changed = self.savepoint(|tx| {
            tx.query_mapped(
                "update complaints set accepted_on = $2, referred_on = $3, referral = $4, referred_to = $5,
                extension_days = $6, resolved_on = $7, outcome = $8 where id = $1 returning id",
                &[
                    &id.0,
                    &progress.accepted_on,
                    &progress.referred_on,
                    &referral.map(|r| r.kind.code()),
                    &referral.map(|r| r.to.as_str()),
                    &i64::from(progress.extension_days),
                    &progress.resolution.map(|r| r.date),
                    &progress.resolution.map(|r| r.outcome.code()),
                ],
                constraint(|| "đơn / letter".to_string()),
            )
        })?;
        if changed.is_empty() {
            return Err(StoreError::NotFound(format!("đơn / letter #{}", id.0)));
        }
        Ok(())
    }
}

fn complaint(row: &Row) -> StoreResult<ComplaintRow> {
    ComplaintColumns {
        id: get(row, 0)?,
        unit_id: get(row, 1)?,
        kind: get(row, 2)?,
        object: get(row, 3)?,
        level: get(row, 4)?,
        channel: get(row, 5)?,
        received_on: get(row, 6)?,
        complainant: get(row, 7)?,
        subject: get(row, 8)?,
        case_id: get(row, 9)?,
        act_on: get(row, 10)?,
        obstacle_days: get(row, 11)?,
        same_matter_as: get(row, 12)?,
        within_authority: get(row, 13)?,
        first_decision_of: get(row, 14)?,
        session_id: get(row, 15)?,
        accepted_on: get(row, 16)?,
        referred_on: get(row, 17)?,
        referral: get(row, 18)?,
        referred_to: get(row, 19)?,
        extension_days: get(row, 20)?,
        resolved_on: get(row, 21)?,
        outcome: get(row, 22)?,
        registered_by: get(row, 23)?,
        registered_at: get(row, 24)?,
    }
    .into_row()
}
