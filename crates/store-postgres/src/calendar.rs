//! The calendar data an administrator enters, on PostgreSQL (schema 0003_calendar): announced
//! days off and working days, corrections of deadline rule lengths, and the stamp of the
//! deadlines table. Duplicates are found with `on conflict do nothing`, so the transaction
//! stays usable (as on SQLite).

use postgres::Row;
use thads_core::calendar::AnnouncedDay;
use thads_core::deadlines::Length;
use thads_store::{AnnouncedDayRecord, RuleOverride, StoreError, StoreResult, codes};
use time::Date;

use crate::convert::{self as cv, get};
use crate::error::backend;
use crate::pool::Conn;
use crate::tx::PgTx;

pub const DAYS_SQL: &str = "select date, kind, source, added_by, added_at from announced_days order by date";
pub const OVERRIDES_SQL: &str = "select rule_id, length, unit, confidence, source, set_by, set_at
     from deadline_rule_overrides order by rule_id collate \"C\"";
pub const STAMP_SQL: &str = "select value from meta where key = 'deadlines_stamp'";

pub fn day(row: &Row) -> StoreResult<AnnouncedDayRecord> {
    let kind: String = get(row, 1)?;
    Ok(AnnouncedDayRecord {
        day: AnnouncedDay {
            date: get(row, 0)?,
            kind: codes::announced_kind_of(&kind).ok_or_else(|| cv::corrupt("announced_days.kind", &kind))?,
            source: get(row, 2)?,
        },
        added_by: get(row, 3)?,
        added_at: cv::instant_of("announced_days.added_at", get(row, 4)?)?,
    })
}

pub fn rule_override(row: &Row) -> StoreResult<RuleOverride> {
    let (count, unit, confidence): (i32, String, String) = (get(row, 1)?, get(row, 2)?, get(row, 3)?);
    Ok(RuleOverride {
        rule_id: get(row, 0)?,
        length: Length {
            count: u16::try_from(count).map_err(|_| cv::corrupt("deadline_rule_overrides.length", count))?,
            unit: codes::unit_of(&unit).ok_or_else(|| cv::corrupt("deadline_rule_overrides.unit", &unit))?,
        },
        confidence: codes::confidence_of(&confidence)
            .ok_or_else(|| cv::corrupt("deadline_rule_overrides.confidence", &confidence))?,
        source: get(row, 4)?,
        set_by: get(row, 5)?,
        set_at: cv::instant_of("deadline_rule_overrides.set_at", get(row, 6)?)?,
    })
}

/// Runs a read without parameters on a pooled connection.
pub fn read<T>(conn: &mut Conn, sql: &str, map: fn(&Row) -> StoreResult<T>) -> StoreResult<Vec<T>> {
    let statement = conn.prepared(sql)?;
    conn.client.query(&statement, &[]).map_err(backend)?.iter().map(map).collect()
}

pub fn insert_announced_day(tx: &mut PgTx<'_>, r: &AnnouncedDayRecord) -> StoreResult<()> {
    let inserted = tx.execute(
        "insert into announced_days (date, kind, source, added_by, added_at) values ($1, $2, $3, $4, $5)
         on conflict (date) do nothing",
        &[&r.day.date, &codes::announced_kind(r.day.kind), &r.day.source, &r.added_by, &r.added_at.unix_timestamp()],
    )?;
    if inserted == 0 {
        return Err(StoreError::Duplicate(format!(
            "ngày đã được thông báo / day already announced: {}",
            thads_core::dates::format_vn(r.day.date)
        )));
    }
    Ok(())
}

pub fn delete_announced_day(tx: &mut PgTx<'_>, date: Date) -> StoreResult<Option<AnnouncedDayRecord>> {
    let rows = tx.query(
        "delete from announced_days where date = $1 returning date, kind, source, added_by, added_at",
        &[&date],
    )?;
    rows.first().map(day).transpose()
}

pub fn set_rule_override(tx: &mut PgTx<'_>, o: &RuleOverride) -> StoreResult<Option<RuleOverride>> {
    let previous = delete_rule_override(tx, &o.rule_id)?;
    tx.execute(
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

pub fn delete_rule_override(tx: &mut PgTx<'_>, rule_id: &str) -> StoreResult<Option<RuleOverride>> {
    let rows = tx.query(
        "delete from deadline_rule_overrides where rule_id = $1
         returning rule_id, length, unit, confidence, source, set_by, set_at",
        &[&rule_id],
    )?;
    rows.first().map(rule_override).transpose()
}

pub fn set_stamp(tx: &mut PgTx<'_>, stamp: &str) -> StoreResult<()> {
    tx.execute(
        "insert into meta (key, value) values ('deadlines_stamp', $1)
         on conflict (key) do update set value = excluded.value",
        &[&stamp],
    )?;
    Ok(())
}
