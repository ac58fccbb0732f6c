//! Reorganisations on PostgreSQL: a row per operation (its unit changes as JSON) and a row per
//! case moved.

use postgres::Row;
use thads_core::reorg::{CaseMove, Operation, UnitState};
use thads_core::{CaseId, CaseNo, UnitId};
use thads_store::{
    NewReorgOperation, ReorgRecord, ReorgTx, Reorgs, StoreError, StoreResult, changes_of, changes_text, reorg_kind_of,
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

    fn moves_of_case(&mut self, case: CaseId) -> StoreResult<Vec<CaseMove>> {
        let rows = self.query(&format!("{MOVES} where case_id = $1 order by on_date"), &[&case.0])?;
        rows.iter().map(case_move).collect()
    }
}
