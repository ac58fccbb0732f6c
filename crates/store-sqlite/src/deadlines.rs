//! Legal deadlines on SQLite (schema 0003_calendar): the derived table of current deadlines,
//! replaced per case, read by scope, officer and due date, counted per unit and officer, and
//! stamped with what it was built with; and the administrator's corrections of rule lengths.

use rusqlite::{Connection, OptionalExtension, ToSql, params};
use thads_core::deadlines::Length;
use thads_core::{CaseId, CaseNo, StaffId, UnitId};
use thads_store::{
    DEADLINE_COLUMNS, DeadlineQuery, DeadlineRow, DeadlineTally, Deadlines, DeadlinesTx, RULE_OVERRIDE_COLUMNS,
    RuleOverride, StoreError, StoreResult, codes,
};
use time::Date;

use crate::SqliteStore;
use crate::convert as cv;
use crate::tx::SqliteTx;

impl Deadlines for SqliteStore {
    fn deadlines(&self, q: &DeadlineQuery) -> StoreResult<Vec<DeadlineRow>> {
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
            if to < q.on {
                // Only overdue rows, which are never those shown until due: said, so that the
                // oldest overdue of a large scope come from `deadlines_overdue` (schema 35).
                f.clauses.push("until_due = 0".to_string());
            }
        }
        let limit = q.limit.map_or(String::new(), |n| format!(" limit {n}"));
        let sql = format!("select {DEADLINE_COLUMNS} from deadlines {} order by due, case_id, kind{limit}", f.sql());
        f.query(&*self.pool.get()?, &sql, deadline)
    }

    fn deadline_tallies(&self, units: Option<&[UnitId]>, on: Date, soon: Date) -> StoreResult<Vec<DeadlineTally>> {
        let mut f = Filter::visible_on(on, units);
        let (on, soon) = (f.param(cv::date_text(on)), f.param(cv::date_text(soon)));
        let sql = format!(
            "select unit_id, officer_id, sum(due < {on}), sum(due >= {on} and due <= {soon}), count(*)
             from deadlines {} group by unit_id, officer_id order by unit_id, officer_id",
            f.sql()
        );
        f.query(&*self.pool.get()?, &sql, tally)
    }

    fn deadlines_stamp(&self) -> StoreResult<Option<String>> {
        self.pool
            .get()?
            .query_row("select value from meta where key = 'deadlines_stamp'", [], |r| r.get(0))
            .optional()
            .map_err(StoreError::backend)
    }

    fn rule_overrides(&self) -> StoreResult<Vec<RuleOverride>> {
        self.query_all(&overrides_sql(), [], rule_override)
    }
}

impl DeadlinesTx for SqliteTx<'_> {
    fn replace_deadlines(&mut self, cases: &[CaseId], rows: &[DeadlineRow]) -> StoreResult<()> {
        if !cases.is_empty() {
            // Finding a case's rows needs the index a bulk insert may have deferred.
            self.settle()?;
        }
        let conn = self.conn();
        for chunk in cases.chunks(ROWS) {
            let sql = format!("delete from deadlines where case_id in ({})", vec!["?"; chunk.len()].join(", "));
            let mut delete = conn.prepare_cached(&sql).map_err(StoreError::backend)?;
            for (i, case) in chunk.iter().enumerate() {
                delete.raw_bind_parameter(i + 1, case.0).map_err(StoreError::backend)?;
            }
            delete.raw_execute().map_err(StoreError::backend)?;
        }
        for chunk in rows.chunks(ROWS) {
            let sql =
                format!("insert into deadlines ({DEADLINE_COLUMNS}) values {}", vec![ROW; chunk.len()].join(", "));
            let mut insert = conn.prepare_cached(&sql).map_err(StoreError::backend)?;
            for (i, r) in chunk.iter().enumerate() {
                bind_row(&mut insert, i * 9, r).map_err(StoreError::backend)?;
            }
            insert.raw_execute().map_err(StoreError::backend)?;
        }
        Ok(())
    }

    fn clear_deadlines(&mut self) -> StoreResult<()> {
        self.conn().execute("delete from deadlines", []).map_err(StoreError::backend)?;
        Ok(())
    }

    fn set_deadlines_stamp(&mut self, stamp: &str) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into meta (key, value) values ('deadlines_stamp', ?1)
                 on conflict (key) do update set value = excluded.value",
                [stamp],
            )
            .map_err(StoreError::backend)?;
        Ok(())
    }

    fn rule_overrides(&mut self) -> StoreResult<Vec<RuleOverride>> {
        self.all(&overrides_sql(), [], rule_override)
    }

    fn set_rule_override(&mut self, o: &RuleOverride) -> StoreResult<Option<RuleOverride>> {
        let previous = rule_override_of(self.conn(), &o.rule_id)?;
        self.conn()
            .execute(
                "insert into deadline_rule_overrides (rule_id, length, unit, confidence, source, set_by, set_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 on conflict (rule_id) do update set length = excluded.length, unit = excluded.unit,
                    confidence = excluded.confidence, source = excluded.source, set_by = excluded.set_by,
                    set_at = excluded.set_at",
                params![
                    o.rule_id,
                    o.length.count,
                    codes::unit(o.length.unit),
                    codes::confidence(o.confidence),
                    o.source,
                    o.set_by,
                    cv::instant_secs(o.set_at)
                ],
            )
            .map_err(StoreError::backend)?;
        Ok(previous)
    }

    fn delete_rule_override(&mut self, rule_id: &str) -> StoreResult<Option<RuleOverride>> {
        let previous = rule_override_of(self.conn(), rule_id)?;
        self.conn()
            .execute("delete from deadline_rule_overrides where rule_id = ?1", [rule_id])
            .map_err(StoreError::backend)?;
        Ok(previous)
    }
}

/// Rows per statement: a statement's own cost is then shared by many rows (bulk writers replace
/// the rows of thousands of cases at once).
const ROWS: usize = 500;

/// One row's parameters, in the order of `DEADLINE_COLUMNS`.
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

    /// Runs `sql` with the filter's parameters; every row through `map`. Not cached: the SQL
    /// changes with the filters given.
    fn query<T>(
        &self,
        conn: &Connection,
        sql: &str,
        map: fn(&rusqlite::Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let params: Vec<&dyn ToSql> = self.params.iter().map(|p| p.as_ref()).collect();
        let mut stmt = conn.prepare(sql).map_err(StoreError::backend)?;
        let mut rows = stmt.query(params.as_slice()).map_err(StoreError::backend)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(StoreError::backend)? {
            out.push(map(row)?);
        }
        Ok(out)
    }
}

fn deadline(row: &rusqlite::Row<'_>) -> StoreResult<DeadlineRow> {
    let get_text = |i| row.get::<_, String>(i).map_err(StoreError::backend);
    let (case_no, kind) = (get_text(3)?, get_text(4)?);
    Ok(DeadlineRow {
        case: CaseId(row.get(0).map_err(StoreError::backend)?),
        unit: UnitId(row.get(1).map_err(StoreError::backend)?),
        officer: row.get::<_, Option<i64>>(2).map_err(StoreError::backend)?.map(StaffId),
        case_no: CaseNo::stored(&case_no).map_err(|_| StoreError::corrupt("deadlines.case_no", &case_no))?,
        kind: codes::kind_of(&kind).ok_or_else(|| StoreError::corrupt("deadlines.kind", &kind))?,
        due: cv::date_of("deadlines.due", &get_text(5)?)?,
        started_on: cv::date_of("deadlines.started_on", &get_text(6)?)?,
        rule_id: get_text(7)?,
        until_due: row.get::<_, i64>(8).map_err(StoreError::backend)? != 0,
    })
}

fn tally(row: &rusqlite::Row<'_>) -> StoreResult<DeadlineTally> {
    let count = |i| {
        let n: i64 = row.get(i).map_err(StoreError::backend)?;
        u64::try_from(n).map_err(|_| StoreError::corrupt("deadlines count", n))
    };
    Ok(DeadlineTally {
        unit: UnitId(row.get(0).map_err(StoreError::backend)?),
        officer: row.get::<_, Option<i64>>(1).map_err(StoreError::backend)?.map(StaffId),
        overdue: count(2)?,
        due_soon: count(3)?,
        total: count(4)?,
    })
}

/// Every correction, by rule id.
fn overrides_sql() -> String {
    format!("select {RULE_OVERRIDE_COLUMNS} from deadline_rule_overrides order by rule_id")
}

fn rule_override_of(conn: &Connection, rule_id: &str) -> StoreResult<Option<RuleOverride>> {
    let sql = format!("select {RULE_OVERRIDE_COLUMNS} from deadline_rule_overrides where rule_id = ?1");
    Ok(cv::query_all(conn, &sql, [rule_id], rule_override)?.into_iter().next())
}

fn rule_override(row: &rusqlite::Row<'_>) -> StoreResult<RuleOverride> {
    let text = |i| row.get::<_, String>(i).map_err(StoreError::backend);
    let (count, unit, confidence): (i64, String, String) =
        (row.get(1).map_err(StoreError::backend)?, text(2)?, text(3)?);
    Ok(RuleOverride {
        rule_id: text(0)?,
        length: Length {
            count: u16::try_from(count).map_err(|_| StoreError::corrupt("deadline_rule_overrides.length", count))?,
            unit: codes::unit_of(&unit).ok_or_else(|| StoreError::corrupt("deadline_rule_overrides.unit", &unit))?,
        },
        confidence: codes::confidence_of(&confidence)
            .ok_or_else(|| StoreError::corrupt("deadline_rule_overrides.confidence", &confidence))?,
        source: text(4)?,
        set_by: text(5)?,
        set_at: cv::instant_of("deadline_rule_overrides.set_at", row.get(6).map_err(StoreError::backend)?)?,
    })
}
