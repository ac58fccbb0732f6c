//! The calendar's announced days off and working days on PostgreSQL (schema 0003_calendar),
//! one per date. A date already announced is found with `on conflict do nothing`, so the
//! transaction stays usable (as on SQLite).

use postgres::Row;
use thads_core::calendar::AnnouncedDay;
use thads_store::{ANNOUNCED_DAY_COLUMNS, AnnouncedDayRecord, Calendar, CalendarTx, StoreError, StoreResult, codes};
use time::Date;

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::tx::PgTx;

/// Every announced day, by date.
fn all_sql() -> String {
    format!("select {ANNOUNCED_DAY_COLUMNS} from announced_days order by date")
}

impl Calendar for PgStore {
    fn announced_days(&self) -> StoreResult<Vec<AnnouncedDayRecord>> {
        self.query_all(&all_sql(), &[], day)
    }
}

impl CalendarTx for PgTx<'_> {
    fn announced_days(&mut self) -> StoreResult<Vec<AnnouncedDayRecord>> {
        self.query(&all_sql(), &[])?.iter().map(day).collect()
    }

    fn insert_announced_day(&mut self, r: &AnnouncedDayRecord) -> StoreResult<()> {
        let inserted = self.execute(
            "insert into announced_days (date, kind, source, added_by, added_at) values ($1, $2, $3, $4, $5)
             on conflict (date) do nothing",
            &[
                &r.day.date,
                &codes::announced_kind(r.day.kind),
                &r.day.source,
                &r.added_by,
                &r.added_at.unix_timestamp(),
            ],
        )?;
        if inserted == 0 {
            return Err(StoreError::Duplicate(format!(
                "ngày đã được thông báo / day already announced: {}",
                thads_core::dates::format_vn(r.day.date)
            )));
        }
        Ok(())
    }

    fn delete_announced_day(&mut self, date: Date) -> StoreResult<Option<AnnouncedDayRecord>> {
        let sql = format!("delete from announced_days where date = $1 returning {ANNOUNCED_DAY_COLUMNS}");
        self.query(&sql, &[&date])?.first().map(day).transpose()
    }
}

fn day(row: &Row) -> StoreResult<AnnouncedDayRecord> {
    let kind: String = get(row, 1)?;
    Ok(AnnouncedDayRecord {
        day: AnnouncedDay {
            date: get(row, 0)?,
            kind: codes::announced_kind_of(&kind).ok_or_else(|| StoreError::corrupt("announced_days.kind", &kind))?,
            source: get(row, 2)?,
        },
        added_by: get(row, 3)?,
        added_at: cv::instant_of("announced_days.added_at", get(row, 4)?)?,
    })
}
