//! The calendar's announced days off and working days on SQLite (schema 0003_calendar), one
//! per date.

use rusqlite::{Connection, params};
use thads_core::calendar::AnnouncedDay;
use thads_store::{ANNOUNCED_DAY_COLUMNS, AnnouncedDayRecord, Calendar, CalendarTx, StoreError, StoreResult, codes};
use time::Date;

use crate::SqliteStore;
use crate::convert as cv;
use crate::tx::SqliteTx;

/// Every announced day, by date.
fn all_sql() -> String {
    format!("select {ANNOUNCED_DAY_COLUMNS} from announced_days order by date")
}

impl Calendar for SqliteStore {
    fn announced_days(&self) -> StoreResult<Vec<AnnouncedDayRecord>> {
        self.query_all(&all_sql(), [], day)
    }
}

impl CalendarTx for SqliteTx<'_> {
    fn announced_days(&mut self) -> StoreResult<Vec<AnnouncedDayRecord>> {
        self.all(&all_sql(), [], day)
    }

    fn insert_announced_day(&mut self, r: &AnnouncedDayRecord) -> StoreResult<()> {
        let inserted = self
            .conn()
            .execute(
                "insert into announced_days (date, kind, source, added_by, added_at) values (?1, ?2, ?3, ?4, ?5)
                 on conflict (date) do nothing",
                params![
                    cv::date_text(r.day.date),
                    codes::announced_kind(r.day.kind),
                    r.day.source,
                    r.added_by,
                    cv::instant_secs(r.added_at)
                ],
            )
            .map_err(StoreError::backend)?;
        if inserted == 0 {
            return Err(StoreError::Duplicate(format!(
                "ngày đã được thông báo / day already announced: {}",
                thads_core::dates::format_vn(r.day.date)
            )));
        }
        Ok(())
    }

    fn delete_announced_day(&mut self, date: Date) -> StoreResult<Option<AnnouncedDayRecord>> {
        let previous = announced_day(self.conn(), date)?;
        self.conn()
            .execute("delete from announced_days where date = ?1", [cv::date_text(date)])
            .map_err(StoreError::backend)?;
        Ok(previous)
    }
}

fn announced_day(conn: &Connection, date: Date) -> StoreResult<Option<AnnouncedDayRecord>> {
    let sql = format!("select {ANNOUNCED_DAY_COLUMNS} from announced_days where date = ?1");
    Ok(cv::query_all(conn, &sql, [cv::date_text(date)], day)?.into_iter().next())
}

fn day(row: &rusqlite::Row<'_>) -> StoreResult<AnnouncedDayRecord> {
    let text = |i| row.get::<_, String>(i).map_err(StoreError::backend);
    let kind = text(1)?;
    Ok(AnnouncedDayRecord {
        day: AnnouncedDay {
            date: cv::date_of("announced_days.date", &text(0)?)?,
            kind: codes::announced_kind_of(&kind).ok_or_else(|| StoreError::corrupt("announced_days.kind", &kind))?,
            source: text(2)?,
        },
        added_by: text(3)?,
        added_at: cv::instant_of("announced_days.added_at", row.get(4).map_err(StoreError::backend)?)?,
    })
}
