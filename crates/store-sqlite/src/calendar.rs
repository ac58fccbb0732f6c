//! The calendar data an administrator enters on SQLite (schema 0003_calendar): announced days
//! off and working days, and corrections of deadline rule lengths.

use rusqlite::{Connection, OptionalExtension, params};
use thads_core::calendar::AnnouncedDay;
use thads_core::deadlines::Length;
use thads_store::{AnnouncedDayRecord, RuleOverride, StoreError, StoreResult, codes};
use time::Date;

use crate::convert as cv;

const DAY_COLUMNS: &str = "date, kind, source, added_by, added_at";
const OVERRIDE_COLUMNS: &str = "rule_id, length, unit, confidence, source, set_by, set_at";

fn all<T>(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    map: fn(&rusqlite::Row<'_>) -> StoreResult<T>,
) -> StoreResult<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql).map_err(StoreError::backend)?;
    let mut rows = stmt.query(p).map_err(StoreError::backend)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(StoreError::backend)? {
        out.push(map(row)?);
    }
    Ok(out)
}

fn text(row: &rusqlite::Row<'_>, i: usize) -> StoreResult<String> {
    row.get(i).map_err(StoreError::backend)
}

fn day(row: &rusqlite::Row<'_>) -> StoreResult<AnnouncedDayRecord> {
    let kind = text(row, 1)?;
    Ok(AnnouncedDayRecord {
        day: AnnouncedDay {
            date: cv::date_of("announced_days.date", &text(row, 0)?)?,
            kind: codes::announced_kind_of(&kind).ok_or_else(|| cv::corrupt("announced_days.kind", &kind))?,
            source: text(row, 2)?,
        },
        added_by: text(row, 3)?,
        added_at: cv::instant_of("announced_days.added_at", row.get(4).map_err(StoreError::backend)?)?,
    })
}

fn rule_override(row: &rusqlite::Row<'_>) -> StoreResult<RuleOverride> {
    let (count, unit, confidence): (i64, String, String) =
        (row.get(1).map_err(StoreError::backend)?, text(row, 2)?, text(row, 3)?);
    Ok(RuleOverride {
        rule_id: text(row, 0)?,
        length: Length {
            count: u16::try_from(count).map_err(|_| cv::corrupt("deadline_rule_overrides.length", count))?,
            unit: codes::unit_of(&unit).ok_or_else(|| cv::corrupt("deadline_rule_overrides.unit", &unit))?,
        },
        confidence: codes::confidence_of(&confidence)
            .ok_or_else(|| cv::corrupt("deadline_rule_overrides.confidence", &confidence))?,
        source: text(row, 4)?,
        set_by: text(row, 5)?,
        set_at: cv::instant_of("deadline_rule_overrides.set_at", row.get(6).map_err(StoreError::backend)?)?,
    })
}

pub fn announced_days(conn: &Connection) -> StoreResult<Vec<AnnouncedDayRecord>> {
    all(conn, &format!("select {DAY_COLUMNS} from announced_days order by date"), [], day)
}

fn announced_day(conn: &Connection, date: Date) -> StoreResult<Option<AnnouncedDayRecord>> {
    let sql = format!("select {DAY_COLUMNS} from announced_days where date = ?1");
    Ok(all(conn, &sql, [cv::date_text(date)], day)?.into_iter().next())
}

pub fn insert_announced_day(conn: &Connection, r: &AnnouncedDayRecord) -> StoreResult<()> {
    let inserted = conn
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

pub fn delete_announced_day(conn: &Connection, date: Date) -> StoreResult<Option<AnnouncedDayRecord>> {
    let previous = announced_day(conn, date)?;
    conn.execute("delete from announced_days where date = ?1", [cv::date_text(date)]).map_err(StoreError::backend)?;
    Ok(previous)
}

pub fn rule_overrides(conn: &Connection) -> StoreResult<Vec<RuleOverride>> {
    all(conn, &format!("select {OVERRIDE_COLUMNS} from deadline_rule_overrides order by rule_id"), [], rule_override)
}

fn rule_override_of(conn: &Connection, rule_id: &str) -> StoreResult<Option<RuleOverride>> {
    let sql = format!("select {OVERRIDE_COLUMNS} from deadline_rule_overrides where rule_id = ?1");
    Ok(all(conn, &sql, [rule_id], rule_override)?.into_iter().next())
}

pub fn set_rule_override(conn: &Connection, o: &RuleOverride) -> StoreResult<Option<RuleOverride>> {
    let previous = rule_override_of(conn, &o.rule_id)?;
    conn.execute(
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

pub fn delete_rule_override(conn: &Connection, rule_id: &str) -> StoreResult<Option<RuleOverride>> {
    let previous = rule_override_of(conn, rule_id)?;
    conn.execute("delete from deadline_rule_overrides where rule_id = ?1", [rule_id]).map_err(StoreError::backend)?;
    Ok(previous)
}

/// The stamp of the deadlines table (meta `deadlines_stamp`).
pub fn stamp(conn: &Connection) -> StoreResult<Option<String>> {
    conn.query_row("select value from meta where key = 'deadlines_stamp'", [], |r| r.get(0))
        .optional()
        .map_err(StoreError::backend)
}

pub fn set_stamp(conn: &Connection, stamp: &str) -> StoreResult<()> {
    conn.execute(
        "insert into meta (key, value) values ('deadlines_stamp', ?1)
         on conflict (key) do update set value = excluded.value",
        [stamp],
    )
    .map_err(StoreError::backend)?;
    Ok(())
}
