//! The derived table of current deadlines on SQLite (schema 0003_calendar): replaced per case,
//! read by scope, officer and due date, counted per unit and officer.

use rusqlite::{Connection, ToSql};
use thads_core::{CaseId, CaseNo, StaffId, UnitId};
use thads_store::{DeadlineQuery, DeadlineRow, DeadlineTally, StoreError, StoreResult, codes};
use time::Date;

use crate::convert as cv;

const COLUMNS: &str = "case_id, unit_id, officer_id, case_no, kind, due, started_on, rule_id, until_due";

/// Rows per statement: a statement's own cost is then shared by many rows (bulk writers replace
/// the rows of thousands of cases at once).
const ROWS: usize = 500;

pub fn replace(conn: &Connection, cases: &[CaseId], rows: &[DeadlineRow]) -> StoreResult<()> {
    for chunk in cases.chunks(ROWS) {
        let sql = format!("delete from deadlines where case_id in ({})", vec!["?"; chunk.len()].join(", "));
        let mut delete = conn.prepare_cached(&sql).map_err(StoreError::backend)?;
        for (i, case) in chunk.iter().enumerate() {
            delete.raw_bind_parameter(i + 1, case.0).map_err(StoreError::backend)?;
        }
        delete.raw_execute().map_err(StoreError::backend)?;
    }
    for chunk in rows.chunks(ROWS) {
        let sql = format!("insert into deadlines ({COLUMNS}) values {}", vec![ROW; chunk.len()].join(", "));
        let mut insert = conn.prepare_cached(&sql).map_err(StoreError::backend)?;
        for (i, r) in chunk.iter().enumerate() {
            bind_row(&mut insert, i * 9, r).map_err(StoreError::backend)?;
        }
        insert.raw_execute().map_err(StoreError::backend)?;
    }
    Ok(())
}

/// One row's parameters, in the order of `COLUMNS`.
const ROW: &str = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";

fn bind_row(stmt: &mut rusqlite::Statement<'_>, at: usize, r: &DeadlineRow) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(at + 1, r.case.0)?;
    stmt.raw_bind_parameter(at + 2, r.unit.0)?;
    stmt.raw_bind_parameter(at + 3, r.officer.map(|o| o.0))?;
    stmt.raw_bind_parameter(at + 4, r.case_no.as_str())?;
    stmt.raw_bind_parameter(at + 5, r.kind.code())?;
    stmt.raw_bind_parameter(at + 6, cv::date_text(r.due))?;
    stmt.raw_bind_parameter(at + 7, cv::date_text(r.started_on))?;
    stmt.raw_bind_parameter(at + 8, r.rule_id.as_str())?;
    stmt.raw_bind_parameter(at + 9, i64::from(r.until_due))
}

pub fn clear(conn: &Connection) -> StoreResult<()> {
    conn.execute("delete from deadlines", []).map_err(StoreError::backend)?;
    Ok(())
}

/// `where` clause of the rows visible on `on` within `units`, with its parameters.
struct Filter {
    clauses: Vec<String>,
    params: Vec<Box<dyn ToSql>>,
}

impl Filter {
    fn visible_on(on: Date, units: Option<&[UnitId]>) -> Filter {
        let mut f = Filter { clauses: Vec::new(), params: Vec::new() };
        let on = f.param(cv::date_text(on));
        f.clauses.push(format!("(until_due = 0 or due >= {on})"));
        if let Some(units) = units {
            let marks: Vec<String> = units.iter().map(|u| f.param(u.0)).collect();
            let list = if marks.is_empty() { "null".to_string() } else { marks.join(", ") };
            f.clauses.push(format!("unit_id in ({list})"));
        }
        f
    }

    fn param(&mut self, value: impl ToSql + 'static) -> String {
        self.params.push(Box::new(value));
        format!("?{}", self.params.len())
    }

    fn push(&mut self, column_op: &str, value: impl ToSql + 'static) {
        let mark = self.param(value);
        self.clauses.push(format!("{column_op} {mark}"));
    }

    fn sql(&self) -> String {
        format!("where {}", self.clauses.join(" and "))
    }

    fn refs(&self) -> Vec<&dyn ToSql> {
        self.params.iter().map(|p| p.as_ref()).collect()
    }
}

pub fn read(conn: &Connection, q: &DeadlineQuery) -> StoreResult<Vec<DeadlineRow>> {
    let mut f = Filter::visible_on(q.on, q.units.as_deref());
    if let Some(case) = q.case {
        f.push("case_id =", case.0);
    }
    if let Some(officer) = q.officer {
        f.push("officer_id =", officer.0);
    }
    if let Some(from) = q.due_from {
        f.push("due >=", cv::date_text(from));
    }
    if let Some(to) = q.due_to {
        f.push("due <=", cv::date_text(to));
    }
    let limit = q.limit.map_or(String::new(), |n| format!(" limit {n}"));
    let sql = format!("select {COLUMNS} from deadlines {} order by due, case_id, kind{limit}", f.sql());
    let mut stmt = conn.prepare(&sql).map_err(StoreError::backend)?;
    let mut rows = stmt.query(f.refs().as_slice()).map_err(StoreError::backend)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(StoreError::backend)? {
        out.push(deadline(row)?);
    }
    Ok(out)
}

fn deadline(row: &rusqlite::Row<'_>) -> StoreResult<DeadlineRow> {
    let get_text = |i| row.get::<_, String>(i).map_err(StoreError::backend);
    let (case_no, kind) = (get_text(3)?, get_text(4)?);
    Ok(DeadlineRow {
        case: CaseId(row.get(0).map_err(StoreError::backend)?),
        unit: UnitId(row.get(1).map_err(StoreError::backend)?),
        officer: row.get::<_, Option<i64>>(2).map_err(StoreError::backend)?.map(StaffId),
        case_no: CaseNo::stored(&case_no).map_err(|_| cv::corrupt("deadlines.case_no", &case_no))?,
        kind: codes::kind_of(&kind).ok_or_else(|| cv::corrupt("deadlines.kind", &kind))?,
        due: cv::date_of("deadlines.due", &get_text(5)?)?,
        started_on: cv::date_of("deadlines.started_on", &get_text(6)?)?,
        rule_id: get_text(7)?,
        until_due: row.get::<_, i64>(8).map_err(StoreError::backend)? != 0,
    })
}

pub fn tallies(conn: &Connection, units: Option<&[UnitId]>, on: Date, soon: Date) -> StoreResult<Vec<DeadlineTally>> {
    let mut f = Filter::visible_on(on, units);
    let (on, soon) = (f.param(cv::date_text(on)), f.param(cv::date_text(soon)));
    let sql = format!(
        "select unit_id, officer_id, sum(due < {on}), sum(due >= {on} and due <= {soon}), count(*)
         from deadlines {} group by unit_id, officer_id order by unit_id, officer_id",
        f.sql()
    );
    let mut stmt = conn.prepare(&sql).map_err(StoreError::backend)?;
    let mut rows = stmt.query(f.refs().as_slice()).map_err(StoreError::backend)?;
    let mut out = Vec::new();
    let count = |row: &rusqlite::Row<'_>, i| {
        let n: i64 = row.get(i).map_err(StoreError::backend)?;
        u64::try_from(n).map_err(|_| cv::corrupt("deadlines count", n))
    };
    while let Some(row) = rows.next().map_err(StoreError::backend)? {
        out.push(DeadlineTally {
            unit: UnitId(row.get(0).map_err(StoreError::backend)?),
            officer: row.get::<_, Option<i64>>(1).map_err(StoreError::backend)?.map(StaffId),
            overdue: count(row, 2)?,
            due_soon: count(row, 3)?,
            total: count(row, 4)?,
        });
    }
    Ok(out)
}
