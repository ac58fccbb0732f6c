//! Citizen reception on SQLite (schema 0016_complaints): sessions, with the letters that name
//! them, and the heads' schedule, one day per head and date.

use std::collections::BTreeMap;

use rusqlite::{Row, params};
use thads_core::reception::{Session, SessionId, SessionKind};
use thads_core::{StaffId, UnitId};
use thads_store::{Reception, ReceptionTx, SESSION_COLUMNS, ScheduledDay, SessionRow, StoreError, StoreResult};
use time::Date;

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::{refused, unique};
use crate::tx::SqliteTx;

const SCHEDULE_COLUMNS: &str = "unit_id, head_id, date, place";

impl Reception for SqliteStore {
    fn reception_sessions(&self) -> StoreResult<Vec<SessionRow>> {
        let mut rows = self.query_all(
            &format!("select {SESSION_COLUMNS} from reception_sessions order by date, id"),
            [],
            session,
        )?;
        let links = self.query_all(
            "select session_id, id from complaints where session_id is not null order by id",
            [],
            |r| {
                Ok((r.get::<_, i64>(0).map_err(StoreError::backend)?, r.get::<_, i64>(1).map_err(StoreError::backend)?))
            },
        )?;
        let mut by_session: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (s, c) in links {
            by_session.entry(s).or_default().push(c);
        }
        for row in &mut rows {
            row.session.complaints = by_session
                .remove(&row.id.0)
                .unwrap_or_default()
                .into_iter()
                .map(thads_core::complaints::ComplaintId)
                .collect();
        }
        Ok(rows)
    }

    fn reception_schedule(&self) -> StoreResult<Vec<ScheduledDay>> {
        self.query_all(
            &format!("select {SCHEDULE_COLUMNS} from reception_schedule order by date, head_id"),
            [],
            scheduled,
        )
    }
}

impl ReceptionTx for SqliteTx<'_> {
    fn insert_reception_session(&mut self, r: &SessionRow) -> StoreResult<SessionId> {
        let s = &r.session;
        self.conn()
            .execute(
                "insert into reception_sessions (unit_id, date, head_id, kind, visitors, subject, result, recorded_by,
                    recorded_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    s.unit.0,
                    cv::date_text(s.date),
                    s.head.map(|h| h.0),
                    s.kind.code(),
                    i64::from(s.visitors),
                    s.subject,
                    s.result,
                    r.recorded_by,
                    cv::instant_secs(r.recorded_at)
                ],
            )
            .map_err(refused)?;
        Ok(SessionId(self.conn().last_insert_rowid()))
    }

    fn insert_scheduled_day(&mut self, d: &ScheduledDay) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into reception_schedule (unit_id, head_id, date, place) values (?1, ?2, ?3, ?4)",
                params![d.unit.0, d.head.0, cv::date_text(d.date), d.place],
            )
            .map_err(unique(|| {
                format!("lịch tiếp công dân / reception day {}", thads_core::dates::format_vn(d.date))
            }))?;
        Ok(())
    }

    fn delete_scheduled_day(&mut self, head: StaffId, date: Date) -> StoreResult<Option<ScheduledDay>> {
        let sql = format!("select {SCHEDULE_COLUMNS} from reception_schedule where head_id = ?1 and date = ?2");
        let found = self.all(&sql, params![head.0, cv::date_text(date)], scheduled)?.into_iter().next();
        self.conn()
            .execute(
                "delete from reception_schedule where head_id = ?1 and date = ?2",
                params![head.0, cv::date_text(date)],
            )
            .map_err(StoreError::backend)?;
        Ok(found)
    }
}

fn session(row: &Row<'_>) -> StoreResult<SessionRow> {
    let text = |i: usize| row.get::<_, String>(i).map_err(StoreError::backend);
    let int = |i: usize| row.get::<_, i64>(i).map_err(StoreError::backend);
    let kind = text(4)?;
    let visitors = int(5)?;
    Ok(SessionRow {
        id: SessionId(int(0)?),
        session: Session {
            unit: UnitId(int(1)?),
            date: cv::date_of("reception_sessions.date", &text(2)?)?,
            head: row.get::<_, Option<i64>>(3).map_err(StoreError::backend)?.map(StaffId),
            kind: SessionKind::parse(&kind).ok_or_else(|| StoreError::corrupt("reception_sessions.kind", &kind))?,
            visitors: u32::try_from(visitors)
                .map_err(|_| StoreError::corrupt("reception_sessions.visitors", visitors))?,
            subject: text(6)?,
            result: text(7)?,
            complaints: Vec::new(),
        },
        recorded_by: text(8)?,
        recorded_at: cv::instant_of("reception_sessions.recorded_at", int(9)?)?,
    })
}

fn scheduled(row: &Row<'_>) -> StoreResult<ScheduledDay> {
    let int = |i: usize| row.get::<_, i64>(i).map_err(StoreError::backend);
    Ok(ScheduledDay {
        unit: UnitId(int(0)?),
        head: StaffId(int(1)?),
        date: cv::date_of("reception_schedule.date", &row.get::<_, String>(2).map_err(StoreError::backend)?)?,
        place: row.get(3).map_err(StoreError::backend)?,
    })
}
