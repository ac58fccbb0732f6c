//! Monitored administrative judgments on SQLite: one row per judgment, its steps in a table of
//! their own (append-only by trigger).

use rusqlite::{OptionalExtension, Row, params};
use thads_core::UnitId;
use thads_core::admin_judgments::{AdminJudgment, AdminJudgmentId, Point, Step};
use thads_store::{
    AdminJudgmentRecord, AdminJudgments, AdminJudgmentsTx, NewStep, StepEntry, StoreError, StoreResult, attach_steps,
    body_level_code, body_level_of,
};
use time::OffsetDateTime;

use crate::SqliteStore;
use crate::audit::unit_list;
use crate::convert::{date_of, date_text, instant_of, instant_secs};
use crate::error::unique;
use crate::tx::SqliteTx;

const SELECT: &str = "select id, unit_id, court, judgment_no, judgment_on, received_on, body, body_level, obligation, \
                      point, body_received_on, created_by, created_at from admin_judgments";
const STEPS: &str =
    "select s.judgment_id, s.id, s.on_date, s.step, s.note, s.recorded_by, s.recorded_at from admin_judgment_steps s";

fn get<T: rusqlite::types::FromSql>(row: &Row<'_>, i: usize) -> StoreResult<T> {
    row.get(i).map_err(StoreError::backend)
}

fn judgment(row: &Row<'_>) -> StoreResult<AdminJudgmentRecord> {
    let level: String = get(row, 7)?;
    let point: String = get(row, 9)?;
    let body_received: Option<String> = get(row, 10)?;
    Ok(AdminJudgmentRecord {
        id: AdminJudgmentId(get(row, 0)?),
        judgment: AdminJudgment {
            unit: UnitId(get(row, 1)?),
            court: get(row, 2)?,
            judgment_no: get(row, 3)?,
            judgment_on: date_of("admin_judgments.judgment_on", &get::<String>(row, 4)?)?,
            received_on: date_of("admin_judgments.received_on", &get::<String>(row, 5)?)?,
            body: get(row, 6)?,
            body_level: body_level_of(&level)
                .ok_or_else(|| StoreError::corrupt("admin_judgments.body_level", &level))?,
            obligation: get(row, 8)?,
            point: Point::parse(&point).ok_or_else(|| StoreError::corrupt("admin_judgments.point", &point))?,
            body_received_on: body_received.map(|d| date_of("admin_judgments.body_received_on", &d)).transpose()?,
        },
        steps: Vec::new(),
        created_by: get(row, 11)?,
        created_at: instant_of("admin_judgments.created_at", get(row, 12)?)?,
    })
}

fn step(row: &Row<'_>) -> StoreResult<(AdminJudgmentId, StepEntry)> {
    let code: String = get(row, 3)?;
    Ok((
        AdminJudgmentId(get(row, 0)?),
        StepEntry {
            id: get(row, 1)?,
            date: date_of("admin_judgment_steps.on_date", &get::<String>(row, 2)?)?,
            step: Step::parse(&code).ok_or_else(|| StoreError::corrupt("admin_judgment_steps.step", &code))?,
            note: get(row, 4)?,
            recorded_by: get(row, 5)?,
            recorded_at: instant_of("admin_judgment_steps.recorded_at", get(row, 6)?)?,
        },
    ))
}

impl AdminJudgments for SqliteStore {
    fn admin_judgments(&self, units: &[UnitId]) -> StoreResult<Vec<AdminJudgmentRecord>> {
        let list = unit_list(Some(units));
        let sql =
            format!("{SELECT} where unit_id in (select value from json_each(?1)) order by unit_id, judgment_on, id");
        let mut out = self.query_all(&sql, [&list], judgment)?;
        let sql = format!(
            "{STEPS} join admin_judgments j on j.id = s.judgment_id
             where j.unit_id in (select value from json_each(?1))"
        );
        let steps = self.query_all(&sql, [&list], step)?;
        attach_steps(&mut out, steps);
        Ok(out)
    }

    fn admin_judgment(&self, id: AdminJudgmentId) -> StoreResult<Option<AdminJudgmentRecord>> {
        let mut out = self.query_all(&format!("{SELECT} where id = ?1"), [id.0], judgment)?;
        let steps = self.query_all(&format!("{STEPS} where s.judgment_id = ?1"), [id.0], step)?;
        attach_steps(&mut out, steps);
        Ok(out.into_iter().next())
    }
}

impl AdminJudgmentsTx for SqliteTx<'_> {
    fn insert_admin_judgment(
        &mut self,
        j: &AdminJudgment,
        by: &str,
        at: OffsetDateTime,
    ) -> StoreResult<AdminJudgmentId> {
        self.conn()
            .execute(
                "insert into admin_judgments (unit_id, court, judgment_no, judgment_on, received_on, body, body_level,
                     obligation, point, body_received_on, created_by, created_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    j.unit.0,
                    j.court,
                    j.judgment_no,
                    date_text(j.judgment_on),
                    date_text(j.received_on),
                    j.body,
                    body_level_code(j.body_level),
                    j.obligation,
                    j.point.code(),
                    j.body_received_on.map(date_text),
                    by,
                    instant_secs(at),
                ],
            )
            .map_err(unique(|| format!("bản án / judgment {} ({})", j.judgment_no, j.court)))?;
        Ok(AdminJudgmentId(self.conn().last_insert_rowid()))
    }

    fn admin_judgment_for_update(&mut self, id: AdminJudgmentId) -> StoreResult<Option<AdminJudgmentRecord>> {
        // A SQLite write transaction holds the whole database: reading is locking.
        let found = self
            .conn()
            .query_row(&format!("{SELECT} where id = ?1"), [id.0], |r| Ok(judgment(r)))
            .optional()
            .map_err(StoreError::backend)?
            .transpose()?;
        let Some(found) = found else { return Ok(None) };
        let mut out = vec![found];
        let steps = self.all(&format!("{STEPS} where s.judgment_id = ?1"), [id.0], step)?;
        attach_steps(&mut out, steps);
        Ok(out.into_iter().next())
    }

    fn insert_admin_judgment_step(&mut self, id: AdminJudgmentId, s: &NewStep) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into admin_judgment_steps (judgment_id, on_date, step, note, recorded_by, recorded_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id.0, date_text(s.date), s.step.code(), s.note, s.recorded_by, instant_secs(s.recorded_at)],
            )
            .map_err(unique(|| "bước theo dõi / monitoring step".into()))?;
        Ok(self.conn().last_insert_rowid())
    }
}
