//! The derived table of current deadlines on PostgreSQL (schema 0003_calendar): replaced per
//! case with one `unnest` insert per call (a rebuild writes millions of rows), read by scope,
//! officer and due date, counted per unit and officer.

use postgres::Row;
use postgres::types::ToSql;
use thads_core::{CaseId, CaseNo, StaffId, UnitId};
use thads_store::{DeadlineQuery, DeadlineRow, DeadlineTally, StoreResult, codes};
use time::Date;

use crate::convert::{self as cv, get};
use crate::error::backend;
use crate::pool::Conn;
use crate::tx::PgTx;

const COLUMNS: &str = "case_id, unit_id, officer_id, case_no, kind, due, started_on, rule_id, until_due";

pub fn replace(tx: &mut PgTx<'_>, cases: &[CaseId], rows: &[DeadlineRow]) -> StoreResult<()> {
    if !cases.is_empty() {
        let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
        tx.execute("delete from deadlines where case_id = any($1)", &[&ids])?;
    }
    if rows.is_empty() {
        return Ok(());
    }
    let case: Vec<i64> = rows.iter().map(|r| r.case.0).collect();
    let unit: Vec<i64> = rows.iter().map(|r| r.unit.0).collect();
    let officer: Vec<Option<i64>> = rows.iter().map(|r| r.officer.map(|o| o.0)).collect();
    let case_no: Vec<&str> = rows.iter().map(|r| r.case_no.as_str()).collect();
    let kind: Vec<&str> = rows.iter().map(|r| r.kind.code()).collect();
    let due: Vec<Date> = rows.iter().map(|r| r.due).collect();
    let started: Vec<Date> = rows.iter().map(|r| r.started_on).collect();
    let rule: Vec<&str> = rows.iter().map(|r| r.rule_id.as_str()).collect();
    let until: Vec<bool> = rows.iter().map(|r| r.until_due).collect();
    tx.execute(
        &format!(
            "insert into deadlines ({COLUMNS}) select * from unnest($1::bigint[], $2::bigint[], $3::bigint[],
                $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::boolean[])"
        ),
        &[&case, &unit, &officer, &case_no, &kind, &due, &started, &rule, &until],
    )?;
    Ok(())
}

pub fn clear(tx: &mut PgTx<'_>) -> StoreResult<()> {
    tx.execute("delete from deadlines", &[])?;
    Ok(())
}

/// `where` clause of the rows visible on `on` within `units`, with its parameters.
struct Filter {
    clauses: Vec<String>,
    params: Vec<Box<dyn ToSql + Sync>>,
}

impl Filter {
    fn visible_on(on: Date, units: Option<&[UnitId]>) -> Filter {
        let mut f = Filter { clauses: Vec::new(), params: Vec::new() };
        let on = f.param(on);
        f.clauses.push(format!("(not until_due or due >= {on})"));
        if let Some(units) = units {
            let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
            let mark = f.param(ids);
            f.clauses.push(format!("unit_id = any({mark})"));
        }
        f
    }

    fn param(&mut self, value: impl ToSql + Sync + 'static) -> String {
        self.params.push(Box::new(value));
        format!("${}", self.params.len())
    }

    fn push(&mut self, column_op: &str, value: impl ToSql + Sync + 'static) {
        let mark = self.param(value);
        self.clauses.push(format!("{column_op} {mark}"));
    }

    fn query(&self, conn: &mut Conn, sql: &str) -> StoreResult<Vec<Row>> {
        let params: Vec<&(dyn ToSql + Sync)> = self.params.iter().map(|p| p.as_ref()).collect();
        conn.client.query(sql, &params).map_err(backend)
    }
}

pub fn read(conn: &mut Conn, q: &DeadlineQuery) -> StoreResult<Vec<DeadlineRow>> {
    let mut f = Filter::visible_on(q.on, q.units.as_deref());
    if let Some(case) = q.case {
        f.push("case_id =", case.0);
    }
    if let Some(officer) = q.officer {
        f.push("officer_id =", officer.0);
    }
    if let Some(from) = q.due_from {
        f.push("due >=", from);
    }
    if let Some(to) = q.due_to {
        f.push("due <=", to);
    }
    let limit = q.limit.map_or(String::new(), |n| format!(" limit {n}"));
    let sql = format!(
        "select {COLUMNS} from deadlines where {} order by due, case_id, kind collate \"C\"{limit}",
        f.clauses.join(" and ")
    );
    f.query(conn, &sql)?.iter().map(deadline).collect()
}

fn deadline(row: &Row) -> StoreResult<DeadlineRow> {
    let (case_no, kind): (String, String) = (get(row, 3)?, get(row, 4)?);
    Ok(DeadlineRow {
        case: CaseId(get(row, 0)?),
        unit: UnitId(get(row, 1)?),
        officer: get::<Option<i64>>(row, 2)?.map(StaffId),
        case_no: CaseNo::stored(&case_no).map_err(|_| cv::corrupt("deadlines.case_no", &case_no))?,
        kind: codes::kind_of(&kind).ok_or_else(|| cv::corrupt("deadlines.kind", &kind))?,
        due: get(row, 5)?,
        started_on: get(row, 6)?,
        rule_id: get(row, 7)?,
        until_due: get(row, 8)?,
    })
}

pub fn tallies(conn: &mut Conn, units: Option<&[UnitId]>, on: Date, soon: Date) -> StoreResult<Vec<DeadlineTally>> {
    let mut f = Filter::visible_on(on, units);
    let (on, soon) = (f.param(on), f.param(soon));
    let sql = format!(
        "select unit_id, officer_id, count(*) filter (where due < {on}),
            count(*) filter (where due >= {on} and due <= {soon}), count(*)
         from deadlines where {} group by unit_id, officer_id order by unit_id, officer_id",
        f.clauses.join(" and ")
    );
    let count = |row: &Row, i| -> StoreResult<u64> {
        let n: i64 = get(row, i)?;
        u64::try_from(n).map_err(|_| cv::corrupt("deadlines count", n))
    };
    f.query(conn, &sql)?
        .iter()
        .map(|row| {
            Ok(DeadlineTally {
                unit: UnitId(get(row, 0)?),
                officer: get::<Option<i64>>(row, 1)?.map(StaffId),
                overdue: count(row, 2)?,
                due_soon: count(row, 3)?,
                total: count(row, 4)?,
            })
        })
        .collect()
}
