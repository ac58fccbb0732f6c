//! Reorganisations on PostgreSQL: a row per operation (its unit changes as JSON) and a row per
//! case moved.

use postgres::Row;
use thads_core::reorg::{CaseMove, Operation, UnitState};
use thads_core::{CaseId, CaseNo, UnitId};
use thads_store::{
    Followed, NewReorgOperation, ReorgRecord, ReorgTx, Reorgs, StoreError, StoreResult, changes_of, changes_text,
    reorg_kind_of,
};
use time::Date;

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;

const OPS: &str = "select id, kind, on_date, changes, recorded_by, recorded_at, cases_moved, staff_moved
                   from reorg_operations order by on_date, id";
const MOVES: &str = "select case_id, on_date, from_unit, to_unit from case_moves";

fn record(r: &Row) -> StoreResult<ReorgRecord> {
    let kind: &str = get(r, 1)?;
    let changes: &str = get(r, 3)?;
    Ok(ReorgRecord {
        operation: Operation {
            id: get(r, 0)?,
            kind: reorg_kind_of(kind)?,
            on: get(r, 2)?,
            changes: changes_of(changes)?,
        },
        recorded_by: get(r, 4)?,
        recorded_at: cv::instant_of("reorg_operations.recorded_at", get(r, 5)?)?,
        cases_moved: get(r, 6)?,
        staff_moved: get(r, 7)?,
    })
}

fn case_move(r: &Row) -> StoreResult<CaseMove> {
    Ok(CaseMove { case: CaseId(get(r, 0)?), on: get(r, 1)?, from: UnitId(get(r, 2)?), to: UnitId(get(r, 3)?) })
}

/// The moves as arrays (case, from, to) for `unnest … with ordinality`.
const MOVED: &str = "unnest($1::bigint[], $2::bigint[], $3::bigint[]) with ordinality as m(c, f, t, ord)";

fn follow_sql(table: &str, extra: &str) -> String {
    format!("update {table} x set unit_id = m.t from {MOVED} where x.case_id = m.c and x.unit_id = m.f{extra}")
}

/// An asset answering for cases sent to several units goes with the first of them.
fn follow_assets_sql() -> String {
    format!(
        "update assets a set unit_id = w.t from (
             select distinct on (ac.asset_id) ac.asset_id, m.f, m.t
             from {MOVED} join asset_cases ac on ac.case_id = m.c order by ac.asset_id, m.ord) w
         where a.id = w.asset_id and a.unit_id = w.f"
    )
}

const FOLLOW_JUDGMENTS: &str = "update admin_judgments j set unit_id = $2 where unit_id = $1
     and not exists (select 1 from admin_judgment_steps s where s.judgment_id = j.id and s.step = 'completed')
     returning id";

fn count(n: u64) -> StoreResult<i64> {
    i64::try_from(n).map_err(StoreError::backend)
}

impl Reorgs for PgStore {
    fn reorg_operations(&self) -> StoreResult<Vec<ReorgRecord>> {
        self.query_all(OPS, &[], record)
    }

    fn case_moves(&self) -> StoreResult<Vec<CaseMove>> {
        self.query_all(&format!("{MOVES} order by case_id, on_date"), &[], case_move)
    }
}

impl ReorgTx for PgTx<'_> {
    fn reorg_operations_tx(&mut self) -> StoreResult<Vec<Operation>> {
        let rows = self.query(OPS, &[])?;
        rows.iter().map(|r| record(r).map(|r| r.operation)).collect()
    }

    fn insert_reorg_operation(&mut self, op: &NewReorgOperation) -> StoreResult<i64> {
        let changes = changes_text(&op.changes)?;
        let rows = self.query(
            "insert into reorg_operations (kind, on_date, changes, recorded_by, recorded_at, cases_moved, staff_moved)
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
            &[
                &op.kind.code(),
                &op.on,
                &changes,
                &op.recorded_by,
                &op.recorded_at.unix_timestamp(),
                &op.cases_moved,
                &op.staff_moved,
            ],
        )?;
        rows.first().map_or_else(|| Err(StoreError::Backend("insert returned no id".into())), |r| get(r, 0))
    }

    fn set_unit_state(&mut self, unit: UnitId, s: &UnitState) -> StoreResult<()> {
        let n = self.execute(
            "update units set name = $2, parent_id = $3, valid_to = $4, successor_id = $5 where id = $1",
            &[&unit.0, &s.name, &s.parent.map(|p| p.0), &s.valid_to, &s.successor.map(|p| p.0)],
        )?;
        if n == 1 { Ok(()) } else { Err(StoreError::NotFound(format!("đơn vị / unit #{}", unit.0))) }
    }

    fn cases_at(&mut self, unit: UnitId) -> StoreResult<Vec<(CaseId, CaseNo)>> {
        self.settle_indexes()?;
        let rows = self.query("select id, case_no from cases where unit_id = $1 order by id for update", &[&unit.0])?;
        rows.iter()
            .map(|r| {
                let no: &str = get(r, 1)?;
                Ok((CaseId(get(r, 0)?), CaseNo::new(no).map_err(|_| StoreError::corrupt("cases.case_no", no))?))
            })
            .collect()
    }

    fn record_case_moves(&mut self, op: i64, on: Date, moves: &[(CaseId, UnitId, UnitId)]) -> StoreResult<()> {
        let cases: Vec<i64> = moves.iter().map(|m| m.0.0).collect();
        let from: Vec<i64> = moves.iter().map(|m| m.1.0).collect();
        let to: Vec<i64> = moves.iter().map(|m| m.2.0).collect();
        self.query_mapped(
            "insert into case_moves (case_id, operation_id, on_date, from_unit, to_unit)
             select c, $2, $3, f, t from unnest($1::bigint[], $4::bigint[], $5::bigint[]) as m(c, f, t)",
            &[&cases, &op, &on, &from, &to],
            constraint(|| "việc đã chuyển / case already moved".to_string()),
        )?;
        Ok(())
    }

    fn move_all_cases(&mut self, op: i64, on: Date, from: UnitId, to: UnitId) -> StoreResult<i64> {
        self.query_mapped(
            "insert into case_moves (case_id, operation_id, on_date, from_unit, to_unit)
             select id, $2, $3, $1, $4 from cases where unit_id = $1",
            &[&from.0, &op, &on, &to.0],
            constraint(|| format!("đơn vị / unit #{}", from.0)),
        )?;
        let moved = self.query_mapped(
            "with m as (update cases set unit_id = $2, version = version + 1 where unit_id = $1 returning 1)
             select count(*) from m",
            &[&from.0, &to.0],
            constraint(|| "số việc đã có ở đơn vị nhận / a case number is taken at the unit".to_string()),
        )?;
        let moved: i64 = moved.first().map(|r| get(r, 0)).transpose()?.unwrap_or(0);
        for table in ["deducted_moves", "deadlines"] {
            self.execute(&format!("update {table} set unit_id = $2 where unit_id = $1"), &[&from.0, &to.0])?;
        }
        crate::ledger::relabel_series(self, from, to)?;
        Ok(moved)
    }

    fn move_staff(&mut self, from: UnitId, to: UnitId) -> StoreResult<i64> {
        let n = self.execute("update staff set unit_id = $2 where unit_id = $1", &[&from.0, &to.0])?;
        i64::try_from(n).map_err(StoreError::backend)
    }

    fn follow_cases(&mut self, on: Date, moves: &[(CaseId, UnitId, UnitId)]) -> StoreResult<Followed> {
        let cases: Vec<i64> = moves.iter().map(|m| m.0.0).collect();
        let from: Vec<i64> = moves.iter().map(|m| m.1.0).collect();
        let to: Vec<i64> = moves.iter().map(|m| m.2.0).collect();
        let p: [&(dyn postgres::types::ToSql + Sync); 3] = [&cases, &from, &to];
        let complaints = self.execute(&follow_sql("complaints", " and x.resolved_on is null"), &p)?;
        let exemptions = self.execute(&follow_sql("exemption_proposals", " and x.applied_on is null"), &p)?;
        let plans =
            self.execute(&follow_sql("coercion_plans", " and x.ends >= $4::date"), &[&cases, &from, &to, &on])?;
        let assets = self.execute(&follow_assets_sql(), &p)?;
        Ok(Followed {
            complaints: count(complaints)?,
            exemptions: count(exemptions)?,
            coercion_plans: count(plans)?,
            assets: count(assets)?,
            ..Followed::default()
        })
    }

    fn follow_unit(&mut self, from: UnitId, to: UnitId, on: Date) -> StoreResult<Followed> {
        let (f, t) = (from.0, to.0);
        let complaints = self.execute(
            "update complaints set unit_id = $2 where unit_id = $1 and case_id is null and resolved_on is null",
            &[&f, &t],
        )?;
        let judgments = self.query_mapped(
            FOLLOW_JUDGMENTS,
            &[&f, &t],
            constraint(|| {
                "bản án hành chính: đã có ở đơn vị nhận / administrative judgment: already at the receiving unit".into()
            }),
        )?;
        let days = self
            .execute("update reception_schedule set unit_id = $2 where unit_id = $1 and date >= $3", &[&f, &t, &on])?;
        let people =
            self.execute("update personnel set unit_id = $2 where unit_id = $1 and status = 'active'", &[&f, &t])?;
        let requests = self.execute(
            "update requests set handled_by = $2 where handled_by = $1 and state in ('submitted', 'needs_supplement')",
            &[&f, &t],
        )?;
        Ok(Followed {
            complaints: count(complaints)?,
            admin_judgments: count(u64::try_from(judgments.len()).map_err(StoreError::backend)?)?,
            reception_days: count(days)?,
            personnel: count(people)?,
            requests: count(requests)?,
            ..Followed::default()
        })
    }

    fn moves_of_case(&mut self, case: CaseId) -> StoreResult<Vec<CaseMove>> {
        let rows = self.query(&format!("{MOVES} where case_id = $1 order by on_date"), &[&case.0])?;
        rows.iter().map(case_move).collect()
    }
}
