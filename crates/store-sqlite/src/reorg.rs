//! Reorganisations on SQLite: a row per operation (its unit changes as JSON) and a row per
//! case moved.

use rusqlite::{Row, params};
use thads_core::reorg::{CaseMove, Operation, UnitState};
use thads_core::{CaseId, CaseNo, UnitId};
use thads_store::{
    Followed, NewReorgOperation, ReorgRecord, ReorgTx, Reorgs, StoreError, StoreResult, changes_of, changes_text,
    reorg_kind_of,
};
use time::Date;

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::unique;
use crate::tx::SqliteTx;

/// The open online requests of a closing unit move to the successor's queue (their receipt
/// number stays the unit's).
const FOLLOW_REQUESTS: &str =
    "update requests set handled_by = ?2 where handled_by = ?1 and state in ('submitted', 'needs_supplement')";

const OPS: &str = "select id, kind, on_date, changes, recorded_by, recorded_at, cases_moved, staff_moved
                   from reorg_operations order by on_date, id";
const MOVES: &str = "select case_id, on_date, from_unit, to_unit from case_moves";

fn get<T: rusqlite::types::FromSql>(row: &Row<'_>, i: usize) -> StoreResult<T> {
    row.get(i).map_err(StoreError::backend)
}

fn record(r: &Row<'_>) -> StoreResult<ReorgRecord> {
    let kind: String = get(r, 1)?;
    let on: String = get(r, 2)?;
    let changes: String = get(r, 3)?;
    Ok(ReorgRecord {
        operation: Operation {
            id: get(r, 0)?,
            kind: reorg_kind_of(&kind)?,
            on: cv::date_of("reorg_operations.on_date", &on)?,
            changes: changes_of(&changes)?,
        },
        recorded_by: get(r, 4)?,
        recorded_at: cv::instant_of("reorg_operations.recorded_at", get(r, 5)?)?,
        cases_moved: get(r, 6)?,
        staff_moved: get(r, 7)?,
    })
}

fn case_move(r: &Row<'_>) -> StoreResult<CaseMove> {
    let on: String = get(r, 1)?;
    Ok(CaseMove {
        case: CaseId(get(r, 0)?),
        on: cv::date_of("case_moves.on_date", &on)?,
        from: UnitId(get(r, 2)?),
        to: UnitId(get(r, 3)?),
    })
}

const FOLLOW_COMPLAINTS: &str =
    "update complaints set unit_id = ?3 where case_id = ?1 and unit_id = ?2 and resolved_on is null";
const FOLLOW_EXEMPTIONS: &str =
    "update exemption_proposals set unit_id = ?3 where case_id = ?1 and unit_id = ?2 and applied_on is null";
const FOLLOW_PLANS: &str = "update coercion_plans set unit_id = ?3 where case_id = ?1 and unit_id = ?2 and ends >= ?4";
const FOLLOW_ASSETS: &str = "update assets set unit_id = ?3 where unit_id = ?2
     and id in (select asset_id from asset_cases where case_id = ?1)";
const FOLLOW_JUDGMENTS: &str = "update admin_judgments set unit_id = ?2 where unit_id = ?1
     and not exists (select 1 from admin_judgment_steps s where s.judgment_id = admin_judgments.id
                     and s.step = 'completed')";

/// A unique row already at the receiving unit: said plainly.
fn taken(e: StoreError, what: &str) -> StoreError {
    match e {
        StoreError::Duplicate(_) => {
            StoreError::Duplicate(format!("{what}: đã có ở đơn vị nhận / already at the receiving unit"))
        }
        other => other,
    }
}

impl SqliteTx<'_> {
    fn count(&mut self, sql: &str, p: impl rusqlite::Params) -> StoreResult<i64> {
        let n = self.conn().execute(sql, p).map_err(unique(String::new))?;
        i64::try_from(n).map_err(StoreError::backend)
    }
}

impl Reorgs for SqliteStore {
    fn reorg_operations(&self) -> StoreResult<Vec<ReorgRecord>> {
        self.query_all(OPS, [], record)
    }

    fn case_moves(&self) -> StoreResult<Vec<CaseMove>> {
        self.query_all(&format!("{MOVES} order by case_id, on_date"), [], case_move)
    }
}

impl ReorgTx for SqliteTx<'_> {
    fn reorg_operations_tx(&mut self) -> StoreResult<Vec<Operation>> {
        Ok(self.all(OPS, [], record)?.into_iter().map(|r| r.operation).collect())
    }

    fn insert_reorg_operation(&mut self, op: &NewReorgOperation) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into reorg_operations (kind, on_date, changes, recorded_by, recorded_at, cases_moved, staff_moved)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    op.kind.code(),
                    cv::date_text(op.on),
                    changes_text(&op.changes)?,
                    op.recorded_by,
                    cv::instant_secs(op.recorded_at),
                    op.cases_moved,
                    op.staff_moved
                ],
            )
            .map_err(StoreError::backend)?;
        Ok(self.conn().last_insert_rowid())
    }

    fn set_unit_state(&mut self, unit: UnitId, s: &UnitState) -> StoreResult<()> {
        let n = self
            .conn()
            .execute(
                "update units set name = ?2, parent_id = ?3, valid_to = ?4, successor_id = ?5 where id = ?1",
                params![unit.0, s.name, s.parent.map(|p| p.0), s.valid_to.map(cv::date_text), s.successor.map(|p| p.0)],
            )
            .map_err(StoreError::backend)?;
        if n == 1 { Ok(()) } else { Err(StoreError::NotFound(format!("đơn vị / unit #{}", unit.0))) }
    }

    fn cases_at(&mut self, unit: UnitId) -> StoreResult<Vec<(CaseId, CaseNo)>> {
        self.settle()?;
        self.all("select id, case_no from cases where unit_id = ?1 order by id", [unit.0], |r| {
            let no: String = get(r, 1)?;
            Ok((CaseId(get(r, 0)?), CaseNo::new(&no).map_err(|_| StoreError::corrupt("cases.case_no", &no))?))
        })
    }

    fn record_case_moves(&mut self, op: i64, on: Date, moves: &[(CaseId, UnitId, UnitId)]) -> StoreResult<()> {
        let mut statement = self
            .conn()
            .prepare_cached(
                "insert into case_moves (case_id, operation_id, on_date, from_unit, to_unit) values (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(StoreError::backend)?;
        for (case, from, to) in moves {
            statement
                .execute(params![case.0, op, cv::date_text(on), from.0, to.0])
                .map_err(unique(|| format!("việc #{} / case", case.0)))?;
        }
        Ok(())
    }

    fn move_all_cases(&mut self, op: i64, on: Date, from: UnitId, to: UnitId) -> StoreResult<i64> {
        self.settle()?;
        let conn = self.conn();
        conn.execute(
            "insert into case_moves (case_id, operation_id, on_date, from_unit, to_unit)
             select id, ?2, ?3, ?1, ?4 from cases where unit_id = ?1",
            params![from.0, op, cv::date_text(on), to.0],
        )
        .map_err(unique(|| format!("đơn vị / unit #{}", from.0)))?;
        let moved = conn
            .execute("update cases set unit_id = ?2, version = version + 1 where unit_id = ?1", params![from.0, to.0])
            .map_err(unique(|| "số việc đã có ở đơn vị nhận / a case number is taken at the unit".to_string()))?;
        for table in ["deducted_moves", "deadlines"] {
            conn.execute(&format!("update {table} set unit_id = ?2 where unit_id = ?1"), params![from.0, to.0])
                .map_err(StoreError::backend)?;
        }
        crate::ledger::relabel_series(self, from, to)?;
        i64::try_from(moved).map_err(StoreError::backend)
    }

    fn move_staff(&mut self, from: UnitId, to: UnitId) -> StoreResult<i64> {
        let n = self
            .conn()
            .execute("update staff set unit_id = ?2 where unit_id = ?1", params![from.0, to.0])
            .map_err(StoreError::backend)?;
        i64::try_from(n).map_err(StoreError::backend)
    }

    fn follow_cases(&mut self, on: Date, moves: &[(CaseId, UnitId, UnitId)]) -> StoreResult<Followed> {
        let mut n = Followed::default();
        let day = cv::date_text(on);
        for (case, from, to) in moves {
            let (c, f, t) = (case.0, from.0, to.0);
            n.complaints += self.count(FOLLOW_COMPLAINTS, params![c, f, t])?;
            n.exemptions += self.count(FOLLOW_EXEMPTIONS, params![c, f, t])?;
            n.coercion_plans += self.count(FOLLOW_PLANS, params![c, f, t, day])?;
            n.assets += self.count(FOLLOW_ASSETS, params![c, f, t])?;
        }
        Ok(n)
    }

    fn follow_unit(&mut self, from: UnitId, to: UnitId, on: Date) -> StoreResult<Followed> {
        let (f, t) = (from.0, to.0);
        Ok(Followed {
            complaints: self.count(
                "update complaints set unit_id = ?2 where unit_id = ?1 and case_id is null and resolved_on is null",
                params![f, t],
            )?,
            admin_judgments: self
                .count(FOLLOW_JUDGMENTS, params![f, t])
                .map_err(|e| taken(e, "bản án hành chính / administrative judgment"))?,
            reception_days: self.count(
                "update reception_schedule set unit_id = ?2 where unit_id = ?1 and date >= ?3",
                params![f, t, cv::date_text(on)],
            )?,
            personnel: self
                .count("update personnel set unit_id = ?2 where unit_id = ?1 and status = 'active'", params![f, t])?,
            requests: self.count(FOLLOW_REQUESTS, params![f, t])?,
            ..Followed::default()
        })
    }

    fn moves_of_case(&mut self, case: CaseId) -> StoreResult<Vec<CaseMove>> {
        self.all(&format!("{MOVES} where case_id = ?1 order by on_date"), [case.0], case_move)
    }
}
