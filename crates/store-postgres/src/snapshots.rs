//! Snapshots on PostgreSQL: the frozen figures, each case's cells (inserted by arrays, a chunk
//! at a time), and the marks of the history.

use postgres::Row;
use thads_core::{CaseId, UnitId};
use thads_store::{Marks, NewSnapshot, SnapshotHead, SnapshotKind, Snapshots, SnapshotsTx, StoreError, StoreResult};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;

const COLUMNS: &str = "id, unit_id, period_from, period_to, kind, taken_at, taken_by, event_mark, audit_mark, \
                       case_mark, figures, report";

/// Cases inserted per statement.
const CHUNK: usize = 20_000;

fn head(r: &Row) -> StoreResult<SnapshotHead> {
    let kind: String = get(r, 4)?;
    Ok(SnapshotHead {
        id: get(r, 0)?,
        unit: UnitId(get(r, 1)?),
        from: get(r, 2)?,
        to: get(r, 3)?,
        kind: SnapshotKind::parse(&kind).ok_or_else(|| StoreError::corrupt("report_snapshots.kind", &kind))?,
        taken_at: cv::instant_of("report_snapshots.taken_at", get(r, 5)?)?,
        taken_by: get(r, 6)?,
        marks: Marks { event: get(r, 7)?, audit: get(r, 8)?, case: get(r, 9)? },
        figures: get(r, 10)?,
        report: get(r, 11)?,
    })
}

impl Snapshots for PgStore {
    fn snapshot(&self, id: i64) -> StoreResult<Option<SnapshotHead>> {
        self.query_one(&format!("select {COLUMNS} from report_snapshots where id = $1"), &[&id], head)
    }

    fn snapshots_of(&self, units: &[UnitId], limit: u32) -> StoreResult<Vec<SnapshotHead>> {
        let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
        let sql = format!("select {COLUMNS} from report_snapshots where unit_id = any($1) order by id desc limit $2");
        self.query_all(&sql, &[&ids, &i64::from(limit)], head)
    }

    fn snapshot_cases(&self, id: i64, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, String)>> {
        let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
        self.query_all(
            "select case_id, cells from snapshot_cases where snapshot_id = $1 and case_id = any($2) order by case_id",
            &[&id, &ids],
            |r| Ok((CaseId(get(r, 0)?), get(r, 1)?)),
        )
    }

    fn cases_changed_between(&self, after: Marks, upto: Marks) -> StoreResult<Vec<CaseId>> {
        self.query_all(
            "select case_id from events where id > $1 and id <= $2
             union select case_id from audit where id > $3 and id <= $4 and case_id is not null
             union select id from cases where id > $5 and id <= $6
             order by 1",
            &[&after.event, &upto.event, &after.audit, &upto.audit, &after.case, &upto.case],
            |r| Ok(CaseId(get(r, 0)?)),
        )
    }
}

impl SnapshotsTx for PgTx<'_> {
    fn history_marks(&mut self) -> StoreResult<Marks> {
        let rows = self.query(
            "select (select coalesce(max(id), 0) from events), (select coalesce(max(id), 0) from audit),
                    (select coalesce(max(id), 0) from cases)",
            &[],
        )?;
        match rows.first() {
            Some(r) => Ok(Marks { event: get(r, 0)?, audit: get(r, 1)?, case: get(r, 2)? }),
            None => Ok(Marks::default()),
        }
    }

    fn insert_snapshot(&mut self, s: &NewSnapshot<'_>, marks: Marks, cases: &[(CaseId, String)]) -> StoreResult<i64> {
        let rows = self.query_mapped(
            "insert into report_snapshots (unit_id, period_from, period_to, kind, taken_at, taken_by,
                event_mark, audit_mark, case_mark, figures, report)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
            &[
                &s.unit.0,
                &s.from,
                &s.to,
                &s.kind.code(),
                &s.taken_at.unix_timestamp(),
                &s.taken_by,
                &marks.event,
                &marks.audit,
                &marks.case,
                &s.figures,
                &s.report,
            ],
            constraint(|| "bản chốt / snapshot".to_string()),
        )?;
        let id: i64 = match rows.first() {
            Some(r) => get(r, 0)?,
            None => return Err(StoreError::Backend("insert returned no id".into())),
        };
        for chunk in cases.chunks(CHUNK) {
            let ids: Vec<i64> = chunk.iter().map(|(c, _)| c.0).collect();
            let cells: Vec<&str> = chunk.iter().map(|(_, t)| t.as_str()).collect();
            self.execute(
                "insert into snapshot_cases (snapshot_id, case_id, cells)
                 select $1, c, t from unnest($2::bigint[], $3::text[]) as u(c, t)",
                &[&id, &ids, &cells],
            )?;
        }
        Ok(id)
    }
}
