//! The register of complaints and denunciations on SQLite (schema 0016_complaints). Dates
//! are ISO text; the codes are turned into values by `ComplaintColumns`.

use rusqlite::{Row, params};
use thads_core::complaints::{ComplaintId, Progress};
use thads_store::{
    COMPLAINT_COLUMNS, ComplaintColumns, ComplaintRow, Complaints, ComplaintsTx, Referral, StoreError, StoreResult,
};
use time::Date;

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::refused;
use crate::tx::SqliteTx;

fn all_sql() -> String {
    format!("select {COMPLAINT_COLUMNS} from complaints order by id")
}

fn one_sql() -> String {
    format!("select {COMPLAINT_COLUMNS} from complaints where id = ?1")
}

impl Complaints for SqliteStore {
    fn complaints(&self) -> StoreResult<Vec<ComplaintRow>> {
        self.query_all(&all_sql(), [], complaint)
    }

    fn complaint(&self, id: ComplaintId) -> StoreResult<Option<ComplaintRow>> {
        self.query_one(&one_sql(), [id.0], complaint)
    }
}

impl ComplaintsTx for SqliteTx<'_> {
    fn complaint_for_update(&mut self, id: ComplaintId) -> StoreResult<Option<ComplaintRow>> {
        // `begin immediate` already holds the database's write lock.
        Ok(self.all(&one_sql(), [id.0], complaint)?.into_iter().next())
    }

    fn insert_complaint(&mut self, row: &ComplaintRow) -> StoreResult<ComplaintId> {
        let c = ComplaintColumns::of(row);
        let date = |d: Option<Date>| d.map(cv::date_text);
        self.conn()
            .execute(
                "insert into complaints (unit_id, kind, object, level, channel, received_on, complainant, subject,
                    case_id, act_on, obstacle_days, same_matter_as, within_authority, first_decision_of, session_id,
                    accepted_on, referred_on, referral, referred_to, extension_days, resolved_on, outcome,
                    registered_by, registered_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                    ?21, ?22, ?23, ?24)",
                params![
                    c.unit_id,
                    c.kind,
                    c.object,
                    c.level,
                    c.channel,
                    cv::date_text(c.received_on),
                    c.complainant,
                    c.subject,
                    c.case_id,
                    date(c.act_on),
                    c.obstacle_days,
                    c.same_matter_as,
                    c.within_authority,
                    c.first_decision_of,
                    c.session_id,
                    date(c.accepted_on),
                    date(c.referred_on),
                    c.referral,
                    c.referred_to,
                    c.extension_days,
                    date(c.resolved_on),
                    c.outcome,
                    c.registered_by,
                    c.registered_at
                ],
            )
            .map_err(refused)?;
        Ok(ComplaintId(self.conn().last_insert_rowid()))
    }

    fn update_complaint_progress(
        &mut self,
        id: ComplaintId,
        progress: &Progress,
        referral: Option<&Referral>,
    ) -> StoreResult<()> {
        let changed = self
            .conn()
            .execute(
                "update complaints set accepted_on = ?2, referred_on = ?3, referral = ?4, referred_to = ?5,
                    extension_days = ?6, resolved_on = ?7, outcome = ?8 where id = ?1",
                params![
                    id.0,
                    progress.accepted_on.map(cv::date_text),
                    progress.referred_on.map(cv::date_text),
                    referral.map(|r| r.kind.code()),
                    referral.map(|r| r.to.as_str()),
                    i64::from(progress.extension_days),
                    progress.resolution.map(|r| cv::date_text(r.date)),
                    progress.resolution.map(|r| r.outcome.code()),
                ],
            )
            .map_err(refused)?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("đơn / letter #{}", id.0)));
        }
        Ok(())
    }
}

fn complaint(row: &Row<'_>) -> StoreResult<ComplaintRow> {
    let text = |i: usize| row.get::<_, String>(i).map_err(StoreError::backend);
    let opt_text = |i: usize| row.get::<_, Option<String>>(i).map_err(StoreError::backend);
    let int = |i: usize| row.get::<_, i64>(i).map_err(StoreError::backend);
    let opt_int = |i: usize| row.get::<_, Option<i64>>(i).map_err(StoreError::backend);
    let day = |i: usize, column: &str| -> StoreResult<Option<Date>> {
        opt_text(i)?.map(|t| cv::date_of(column, &t)).transpose()
    };
    ComplaintColumns {
        id: int(0)?,
        unit_id: int(1)?,
        kind: text(2)?,
        object: opt_text(3)?,
        level: text(4)?,
        channel: text(5)?,
        received_on: cv::date_of("complaints.received_on", &text(6)?)?,
        complainant: text(7)?,
        subject: text(8)?,
        case_id: opt_int(9)?,
        act_on: day(10, "complaints.act_on")?,
        obstacle_days: int(11)?,
        same_matter_as: opt_int(12)?,
        within_authority: row.get::<_, bool>(13).map_err(StoreError::backend)?,
        first_decision_of: opt_int(14)?,
        session_id: opt_int(15)?,
        accepted_on: day(16, "complaints.accepted_on")?,
        referred_on: day(17, "complaints.referred_on")?,
        referral: opt_text(18)?,
        referred_to: opt_text(19)?,
        extension_days: int(20)?,
        resolved_on: day(21, "complaints.resolved_on")?,
        outcome: opt_text(22)?,
        registered_by: text(23)?,
        registered_at: int(24)?,
    }
    .into_row()
}
