//! Citizen reception on PostgreSQL (schema 0016_complaints): sessions, with the letters that
//! name them, and the heads' schedule, one day per head and date.

use std::collections::BTreeMap;

use postgres::Row;
use thads_core::reception::{Session, SessionId, SessionKind};
use thads_core::{StaffId, UnitId};
use thads_store::{Reception, ReceptionTx, SESSION_COLUMNS, ScheduledDay, SessionRow, StoreError, StoreResult};
use time::Date;

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;

const SCHEDULE_COLUMNS: &str = "unit_id, head_id, date, place";

impl Reception for PgStore {
    fn reception_sessions(&self) -> StoreResult<Vec<SessionRow>> {
        let sql = format!("select {SESSION_COLUMNS} from reception_sessions order by date, id");
        let mut rows = self.query_all(&sql, &[], session)?;
        let links = self.query_all(
            "select session_id, id from complaints where session_id is not null order by id",
            &[],
            |r| Ok((get::<i64>(r, 0)?, get::<i64>(r, 1)?)),
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
        let sql = format!("select {SCHEDULE_COLUMNS} from reception_schedule order by date, head_id");
        self.query_all(&sql, &[], scheduled)
    }
}

impl ReceptionTx for PgTx<'_> {
    fn insert_reception_session(&mut self, r: &SessionRow) -> StoreResult<SessionId> {
        let s = &r.session;
        let rows = self.savepoint(|tx| {
            tx.query_mapped(
                "insert into reception_sessions (unit_id, date, head_id, kind, visitors, subject, result, recorded_by,
                recorded_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
                &[
                    &s.unit.0,
                    &s.date,
                    &s.head.map(|h| h.0),
                    &s.kind.code(),
                    &i64::from(s.visitors),
                    &s.subject,
                    &s.result,
                    &r.recorded_by,
                    &r.recorded_at.unix_timestamp(),
                ],
                constraint(|| "buổi tiếp công dân / reception session".to_string()),
            )
        })?;
        let first = rows.first().ok_or_else(|| StoreError::Backend("insert returned no id".into()))?;
        Ok(SessionId(get(first, 0)?))
    }

    fn insert_scheduled_day(&mut self, d: &ScheduledDay) -> StoreResult<()> {
        let what = || format!("lịch tiếp công dân / reception day {}", thads_core::dates::format_vn(d.date));
        let rows = self.savepoint(|tx| {
            tx.query_mapped(
                "insert into reception_schedule (unit_id, head_id, date, place) values ($1, $2, $3, $4)
             on conflict (head_id, date) do nothing returning head_id",
                &[&d.unit.0, &d.head.0, &d.date, &d.place],
                constraint(what),
            )
        })?;
        if rows.is_empty() {
            return Err(StoreError::Duplicate(what()));
        }
        Ok(())
    }

    fn delete_scheduled_day(&mut self, head: StaffId, date: Date) -> StoreResult<Option<ScheduledDay>> {
        let sql =
            format!("delete from reception_schedule where head_id = $1 and date = $2 returning {SCHEDULE_COLUMNS}");
        self.query(&sql, &[&head.0, &date])?.first().map(scheduled).transpose()
    }
}

fn session(row: &Row) -> StoreResult<SessionRow> {
    let kind: String = get(row, 4)?;
    let visitors: i64 = get(row, 5)?;
    Ok(SessionRow {
        id: SessionId(get(row, 0)?),
        session: Session {
            unit: UnitId(get(row, 1)?),
            date: get(row, 2)?,
            head: get::<Option<i64>>(row, 3)?.map(StaffId),
            kind: SessionKind::parse(&kind).ok_or_else(|| StoreError::corrupt("reception_sessions.kind", &kind))?,
            visitors: u32::try_from(visitors)
                .map_err(|_| StoreError::corrupt("reception_sessions.visitors", visitors))?,
            subject: get(row, 6)?,
            result: get(row, 7)?,
            complaints: Vec::new(),
        },
        recorded_by: get(row, 8)?,
        recorded_at: cv::instant_of("reception_sessions.recorded_at", get(row, 9)?)?,
    })
}

fn scheduled(row: &Row) -> StoreResult<ScheduledDay> {
    Ok(ScheduledDay {
        unit: UnitId(get(row, 0)?),
        head: StaffId(get(row, 1)?),
        date: get(row, 2)?,
        place: get(row, 3)?,
    })
}
