//! Legal deadlines on PostgreSQL (schema 0003_calendar): the derived table of current
//! deadlines, replaced per case with one insert per call, by binary COPY from `COPY_FROM` rows
//! (a rebuild writes millions of rows, a distribution 50,000), read by scope, officer and due
//! date, counted per unit and officer, and stamped with what it was built with; and the
//! administrator's corrections of rule lengths.

use postgres::Row;
use postgres::types::{ToSql, Type};
use thads_core::deadlines::Length;
use thads_core::{CaseId, CaseNo, StaffId, UnitId};
use thads_store::{
    DEADLINE_COLUMNS, DeadlineQuery, DeadlineRow, DeadlineTally, Deadlines, DeadlinesTx, RULE_OVERRIDE_COLUMNS,
    RuleOverride, StoreError, StoreResult, codes,
};
use time::Date;

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::backend;
use crate::pool::Conn;
use crate::tx::{COPY_FROM, PgTx};

impl Deadlines for PgStore {
    fn deadlines(&self, q: &DeadlineQuery) -> StoreResult<Vec<DeadlineRow>> {
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
            if to < q.on {
                // Only overdue rows, which are never those shown until due: said, so that the
                // oldest overdue of a large scope come from `deadlines_overdue` (schema 35).
                f.clauses.push("not until_due".to_string());
            }
        }
        // A parameter, not a number in the text: each text is a statement prepared per connection.
        let limit = q.limit.map_or(String::new(), |n| format!(" limit {}", f.param(i64::from(n))));
        let sql = format!(
            "select {DEADLINE_COLUMNS} from deadlines where {} order by due, case_id, kind collate \"C\"{limit}",
            f.clauses.join(" and ")
        );
        f.query(&mut *self.conn()?, &sql)?.iter().map(deadline).collect()
    }

    fn deadline_tallies(&self, units: Option<&[UnitId]>, on: Date, soon: Date) -> StoreResult<Vec<DeadlineTally>> {
        let mut f = Filter::visible_on(on, units);
        let (on, soon) = (f.param(on), f.param(soon));
        let sql = format!(
            "select unit_id, officer_id, count(*) filter (where due < {on}),
                count(*) filter (where due >= {on} and due <= {soon}), count(*)
             from deadlines where {} group by unit_id, officer_id order by unit_id, officer_id",
            f.clauses.join(" and ")
        );
        f.query(&mut *self.conn()?, &sql)?.iter().map(tally).collect()
    }

    fn deadlines_stamp(&self) -> StoreResult<Option<String>> {
        self.query_one("select value from meta where key = 'deadlines_stamp'", &[], |r| get(r, 0))
    }

    fn rule_overrides(&self) -> StoreResult<Vec<RuleOverride>> {
        self.query_all(&overrides_sql(), &[], rule_override)
    }
}

impl DeadlinesTx for PgTx<'_> {
    fn replace_deadlines(&mut self, cases: &[CaseId], rows: &[DeadlineRow]) -> StoreResult<()> {
        if !cases.is_empty() {
            self.settle_indexes()?; // the old rows are found through `deadlines_case`
            let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
            self.execute("delete from deadlines where case_id = any($1)", &[&ids])?;
        }
        if rows.is_empty() {
            return Ok(());
        }
        let stored = crate::references::distinct(rows.iter().map(|r| r.case.0));
        crate::references::check_stored(self, "thời hạn / deadline", &[("cases", &stored)])?;
        if rows.len() >= COPY_FROM {
            return copy_deadlines(self, rows);
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
        self.execute(
            &format!(
                "insert into deadlines ({DEADLINE_COLUMNS}) select * from unnest($1::bigint[], $2::bigint[],
                $3::bigint[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::boolean[])"
            ),
            &[&case, &unit, &officer, &case_no, &kind, &due, &started, &rule, &until],
        )?;
        Ok(())
    }

    fn clear_deadlines(&mut self) -> StoreResult<()> {
        self.execute("delete from deadlines", &[])?;
        Ok(())
    }

    fn set_deadlines_stamp(&mut self, stamp: &str) -> StoreResult<()> {
        self.execute(
            "insert into meta (key, value) values ('deadlines_stamp', $1)
             on conflict (key) do update set value = excluded.value",
            &[&stamp],
        )?;
        Ok(())
    }

    fn rule_overrides(&mut self) -> StoreResult<Vec<RuleOverride>> {
        self.query(&overrides_sql(), &[])?.iter().map(rule_override).collect()
    }

    /// The previous correction is deleted and returned, the new one inserted.
    fn set_rule_override(&mut self, o: &RuleOverride) -> StoreResult<Option<RuleOverride>> {
        let previous = self.delete_rule_override(&o.rule_id)?;
        self.execute(
            "insert into deadline_rule_overrides (rule_id, length, unit, confidence, source, set_by, set_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &o.rule_id,
                &i32::from(o.length.count),
                &codes::unit(o.length.unit),
                &codes::confidence(o.confidence),
                &o.source,
                &o.set_by,
                &o.set_at.unix_timestamp(),
            ],
        )?;
        Ok(previous)
    }

    fn delete_rule_override(&mut self, rule_id: &str) -> StoreResult<Option<RuleOverride>> {
        let sql = format!("delete from deadline_rule_overrides where rule_id = $1 returning {RULE_OVERRIDE_COLUMNS}");
        self.query(&sql, &[&rule_id])?.first().map(rule_override).transpose()
    }
}

/// The types of `DEADLINE_COLUMNS`, in their order.
const DEADLINE_TYPES: &[Type] =
    &[Type::INT8, Type::INT8, Type::INT8, Type::TEXT, Type::TEXT, Type::DATE, Type::DATE, Type::TEXT, Type::BOOL];

/// Many rows (a distribution's 50,000 payouts, an import's) by binary COPY: the server inserts
/// them in batches, where an `unnest` inserts row by row (50,000 rows: see `thads-bench money`).
fn copy_deadlines(tx: &mut PgTx<'_>, rows: &[DeadlineRow]) -> StoreResult<()> {
    let sql = format!("copy deadlines ({DEADLINE_COLUMNS}) from stdin (format binary)");
    tx.copy_in(&sql, DEADLINE_TYPES, "thời hạn / deadline", |writer| {
        for r in rows {
            writer.write(&[
                &r.case.0,
                &r.unit.0,
                &r.officer.map(|o| o.0),
                &r.case_no.as_str(),
                &r.kind.code(),
                &r.due,
                &r.started_on,
                &r.rule_id.as_str(),
                &r.until_due,
            ])?;
        }
        Ok(())
    })
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

    /// Runs `sql` as a statement prepared once per connection (the texts are as many as the
    /// combinations of filters): unprepared, each query was parsed and planned again in a
    /// round trip of its own, the costliest statement of a case page on PostgreSQL.
    fn query(&self, conn: &mut Conn, sql: &str) -> StoreResult<Vec<Row>> {
        let params: Vec<&(dyn ToSql + Sync)> = self.params.iter().map(|p| p.as_ref()).collect();
        let statement = conn.prepared(sql)?;
        crate::pool::timed(sql, || conn.client.query(&statement, &params)).map_err(backend)
    }
}

fn deadline(row: &Row) -> StoreResult<DeadlineRow> {
    let (case_no, kind): (String, String) = (get(row, 3)?, get(row, 4)?);
    Ok(DeadlineRow {
        case: CaseId(get(row, 0)?),
        unit: UnitId(get(row, 1)?),
        officer: get::<Option<i64>>(row, 2)?.map(StaffId),
        case_no: CaseNo::stored(&case_no).map_err(|_| StoreError::corrupt("deadlines.case_no", &case_no))?,
        kind: codes::kind_of(&kind).ok_or_else(|| StoreError::corrupt("deadlines.kind", &kind))?,
        due: get(row, 5)?,
        started_on: get(row, 6)?,
        rule_id: get(row, 7)?,
        until_due: get(row, 8)?,
    })
}

fn tally(row: &Row) -> StoreResult<DeadlineTally> {
    let count = |i| -> StoreResult<u64> {
        let n: i64 = get(row, i)?;
        u64::try_from(n).map_err(|_| StoreError::corrupt("deadlines count", n))
    };
    Ok(DeadlineTally {
        unit: UnitId(get(row, 0)?),
        officer: get::<Option<i64>>(row, 1)?.map(StaffId),
        overdue: count(2)?,
        due_soon: count(3)?,
        total: count(4)?,
    })
}

/// Every correction, by rule id (byte order, as on SQLite).
fn overrides_sql() -> String {
    format!("select {RULE_OVERRIDE_COLUMNS} from deadline_rule_overrides order by rule_id collate \"C\"")
}

fn rule_override(row: &Row) -> StoreResult<RuleOverride> {
    let (count, unit, confidence): (i32, String, String) = (get(row, 1)?, get(row, 2)?, get(row, 3)?);
    Ok(RuleOverride {
        rule_id: get(row, 0)?,
        length: Length {
            count: u16::try_from(count).map_err(|_| StoreError::corrupt("deadline_rule_overrides.length", count))?,
            unit: codes::unit_of(&unit).ok_or_else(|| StoreError::corrupt("deadline_rule_overrides.unit", &unit))?,
        },
        confidence: codes::confidence_of(&confidence)
            .ok_or_else(|| StoreError::corrupt("deadline_rule_overrides.confidence", &confidence))?,
        source: get(row, 4)?,
        set_by: get(row, 5)?,
        set_at: cv::instant_of("deadline_rule_overrides.set_at", get(row, 6)?)?,
    })
}
