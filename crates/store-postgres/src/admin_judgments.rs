//! Monitored administrative judgments on PostgreSQL: one row per judgment, its steps in a table
//! of their own (append-only by trigger); a duplicate is found with `on conflict do nothing`,
//! so the transaction stays usable (as on SQLite).

use postgres::Row;
use thads_core::UnitId;
use thads_core::admin_judgments::{AdminJudgment, AdminJudgmentId, Point, Step};
use thads_store::{
    AdminJudgmentRecord, AdminJudgments, AdminJudgmentsTx, NewStep, StepEntry, StoreError, StoreResult, attach_steps,
    body_level_code, body_level_of,
};
use time::OffsetDateTime;

use crate::PgStore;
use crate::convert::{get, instant_of};
use crate::error::constraint;
use crate::tx::PgTx;

const SELECT: &str = "select id, unit_id, court, judgment_no, judgment_on, received_on, body, body_level, obligation, \
                      point, body_received_on, created_by, created_at from admin_judgments";
const STEPS: &str =
    "select s.judgment_id, s.id, s.on_date, s.step, s.note, s.recorded_by, s.recorded_at from admin_judgment_steps s";

fn judgment(row: &Row) -> StoreResult<AdminJudgmentRecord> {
    let level: &str = get(row, 7)?;
    let point: &str = get(row, 9)?;
    Ok(AdminJudgmentRecord {
        id: AdminJudgmentId(get(row, 0)?),
        judgment: AdminJudgment {
            unit: UnitId(get(row, 1)?),
            court: get(row, 2)?,
            judgment_no: get(row, 3)?,
            judgment_on: get(row, 4)?,
            received_on: get(row, 5)?,
            body: get(row, 6)?,
            body_level: body_level_of(level).ok_or_else(|| StoreError::corrupt("admin_judgments.body_level", level))?,
            obligation: get(row, 8)?,
            point: Point::parse(point).ok_or_else(|| StoreError::corrupt("admin_judgments.point", point))?,
            body_received_on: get(row, 10)?,
        },
        steps: Vec::new(),
        created_by: get(row, 11)?,
        created_at: instant_of("admin_judgments.created_at", get(row, 12)?)?,
    })
}

fn step(row: &Row) -> StoreResult<(AdminJudgmentId, StepEntry)> {
    let code: &str = get(row, 3)?;
    Ok((
        AdminJudgmentId(get(row, 0)?),
        StepEntry {
            id: get(row, 1)?,
            date: get(row, 2)?,
            step: Step::parse(code).ok_or_else(|| StoreError::corrupt("admin_judgment_steps.step", code))?,
            note: get(row, 4)?,
            recorded_by: get(row, 5)?,
            recorded_at: instant_of("admin_judgment_steps.recorded_at", get(row, 6)?)?,
        },
    ))
}

impl AdminJudgments for PgStore {
    fn admin_judgments(&self, units: &[UnitId]) -> StoreResult<Vec<AdminJudgmentRecord>> {
        let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
        let sql = format!("{SELECT} where unit_id = any($1) order by unit_id, judgment_on, id");
        let mut out = self.query_all(&sql, &[&ids], judgment)?;
        let sql = format!("{STEPS} join admin_judgments j on j.id = s.judgment_id where j.unit_id = any($1)");
        let steps = self.query_all(&sql, &[&ids], step)?;
        attach_steps(&mut out, steps);
        Ok(out)
    }

    fn admin_judgment(&self, id: AdminJudgmentId) -> StoreResult<Option<AdminJudgmentRecord>> {
        let mut out = self.query_all(&format!("{SELECT} where id = $1"), &[&id.0], judgment)?;
        let steps = self.query_all(&format!("{STEPS} where s.judgment_id = $1"), &[&id.0], step)?;
        attach_steps(&mut out, steps);
        Ok(out.into_iter().next())
    }
}

impl AdminJudgmentsTx for PgTx<'_> {
    fn insert_admin_judgment(
        &mut self,
        j: &AdminJudgment,
        by: &str,
        at: OffsetDateTime,
    ) -> StoreResult<AdminJudgmentId> {
        let what = || format!("bản án / judgment {} ({})", j.judgment_no, j.court);
        let rows = self.query_mapped(
            "insert into admin_judgments (unit_id, court, judgment_no, judgment_on, received_on, body, body_level,
                 obligation, point, body_received_on, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             on conflict (unit_id, court, judgment_no) do nothing returning id",
            &[
                &j.unit.0,
                &j.court,
                &j.judgment_no,
                &j.judgment_on,
                &j.received_on,
                &j.body,
                &body_level_code(j.body_level),
                &j.obligation,
                &j.point.code(),
                &j.body_received_on,
                &by,
                &at.unix_timestamp(),
            ],
            constraint(what),
        )?;
        Ok(AdminJudgmentId(get(rows.first().ok_or_else(|| StoreError::Duplicate(what()))?, 0)?))
    }

    fn admin_judgment_for_update(&mut self, id: AdminJudgmentId) -> StoreResult<Option<AdminJudgmentRecord>> {
        let rows = self.query(&format!("{SELECT} where id = $1 for update"), &[&id.0])?;
        let Some(row) = rows.first() else { return Ok(None) };
        let mut out = vec![judgment(row)?];
        let steps = self.query(&format!("{STEPS} where s.judgment_id = $1"), &[&id.0])?;
        let steps = steps.iter().map(step).collect::<StoreResult<Vec<_>>>()?;
        attach_steps(&mut out, steps);
        Ok(out.into_iter().next())
    }

    fn insert_admin_judgment_step(&mut self, id: AdminJudgmentId, s: &NewStep) -> StoreResult<i64> {
        let rows = self.query_mapped(
            "insert into admin_judgment_steps (judgment_id, on_date, step, note, recorded_by, recorded_at)
             values ($1, $2, $3, $4, $5, $6) returning id",
            &[&id.0, &s.date, &s.step.code(), &s.note, &s.recorded_by, &s.recorded_at.unix_timestamp()],
            constraint(|| "bước theo dõi / monitoring step".into()),
        )?;
        get(rows.first().ok_or_else(|| StoreError::Backend("insert returned no id".into()))?, 0)
    }
}
