//! Snapshots on SQLite: the frozen figures, each case's cells, and the marks of the history.

use rusqlite::{Row, params};
use thads_core::{CaseId, UnitId};
use thads_store::{Marks, NewSnapshot, SnapshotHead, SnapshotKind, Snapshots, SnapshotsTx, StoreError, StoreResult};

use crate::SqliteStore;
use crate::audit::unit_list;
use crate::convert as cv;
use crate::tx::SqliteTx;

const COLUMNS: &str = "id, unit_id, period_from, period_to, kind, taken_at, taken_by, event_mark, audit_mark, \
                       case_mark, figures, report";

fn head(r: &Row<'_>) -> StoreResult<SnapshotHead> {
    let get = |e: rusqlite::Error| StoreError::backend(e);
    let kind: String = r.get(4).map_err(get)?;
    Ok(SnapshotHead {
        id: r.get(0).map_err(get)?,
        unit: UnitId(r.get(1).map_err(get)?),
        from: cv::date_of("report_snapshots.period_from", &r.get::<_, String>(2).map_err(get)?)?,
        to: cv::date_of("report_snapshots.period_to", &r.get::<_, String>(3).map_err(get)?)?,
        kind: SnapshotKind::parse(&kind).ok_or_else(|| StoreError::corrupt("report_snapshots.kind", &kind))?,
        taken_at: cv::instant_of("report_snapshots.taken_at", r.get(5).map_err(get)?)?,
        taken_by: r.get(6).map_err(get)?,
        marks: Marks { event: r.get(7).map_err(get)?, audit: r.get(8).map_err(get)?, case: r.get(9).map_err(get)? },
        figures: r.get(10).map_err(get)?,
        report: r.get(11).map_err(get)?,
    })
}

fn ids(cases: &[CaseId]) -> String {
    format!("[{}]", cases.iter().map(|c| c.0.to_string()).collect::<Vec<_>>().join(","))
}

impl Snapshots for SqliteStore {
    fn snapshot(&self, id: i64) -> StoreResult<Option<SnapshotHead>> {
        self.query_one(&format!("select {COLUMNS} from report_snapshots where id = ?1"), [id], head)
    }

    fn snapshots_of(&self, units: &[UnitId], limit: u32) -> StoreResult<Vec<SnapshotHead>> {
        let sql = format!(
            "select {COLUMNS} from report_snapshots where unit_id in (select value from json_each(?1))
             order by id desc limit ?2"
        );
        self.query_all(&sql, params![unit_list(Some(units)), limit], head)
    }

    fn snapshot_cases(&self, id: i64, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, String)>> {
        self.query_all(
            "select case_id, cells from snapshot_cases
             where snapshot_id = ?1 and case_id in (select value from json_each(?2)) order by case_id",
            params![id, ids(cases)],
            |r| Ok((CaseId(r.get(0).map_err(StoreError::backend)?), r.get(1).map_err(StoreError::backend)?)),
        )
    }

    fn cases_changed_between(&self, after: Marks, upto: Marks) -> StoreResult<Vec<CaseId>> {
        self.query_all(
            "select case_id from events where id > ?1 and id <= ?2
             union select case_id from audit where id > ?3 and id <= ?4 and case_id is not null
             union select id from cases where id > ?5 and id <= ?6
             order by 1",
            params![after.event, upto.event, after.audit, upto.audit, after.case, upto.case],
            |r| Ok(CaseId(r.get(0).map_err(StoreError::backend)?)),
        )
    }
}

impl SnapshotsTx for SqliteTx<'_> {
    fn history_marks(&mut self) -> StoreResult<Marks> {
        self.settle()?;
        let rows = self.all(
            "select (select coalesce(max(id), 0) from events), (select coalesce(max(id), 0) from audit),
                    (select coalesce(max(id), 0) from cases)",
            [],
            |r| {
                let get = |i| r.get::<_, i64>(i).map_err(StoreError::backend);
                Ok(Marks { event: get(0)?, audit: get(1)?, case: get(2)? })
            },
        )?;
        Ok(rows.into_iter().next().unwrap_or_default())
    }

    fn insert_snapshot(&mut self, s: &NewSnapshot<'_>, marks: Marks, cases: &[(CaseId, String)]) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into report_snapshots (unit_id, period_from, period_to, kind, taken_at, taken_by,
                    event_mark, audit_mark, case_mark, figures, report)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    s.unit.0,
                    cv::date_text(s.from),
                    cv::date_text(s.to),
                    s.kind.code(),
                    cv::instant_secs(s.taken_at),
                    s.taken_by,
                    marks.event,
                    marks.audit,
                    marks.case,
                    s.figures,
                    s.report
                ],
            )
            .map_err(crate::error::refused)?;
        let id = self.conn().last_insert_rowid();
        let mut insert = self
            .conn()
            .prepare_cached("insert into snapshot_cases (snapshot_id, case_id, cells) values (?1, ?2, ?3)")
            .map_err(StoreError::backend)?;
        for (case, cells) in cases {
            insert.execute(params![id, case.0, cells]).map_err(crate::error::refused)?;
        }
        Ok(id)
    }
}
