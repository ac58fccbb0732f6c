//! Passwords and web sessions on SQLite (schema 0002_web).

use rusqlite::{Connection, params};
use thads_core::{Login, Role, StaffId, UnitId};
use thads_store::{Credentials, NewSession, SessionRecord, StoreError, StoreResult};
use time::OffsetDateTime;

use crate::convert as cv;

fn staff_columns() -> String {
    cv::STAFF_COLUMNS.split(", ").map(|c| format!("s.{c}")).collect::<Vec<_>>().join(", ")
}

pub fn credentials(conn: &Connection, login: &Login) -> StoreResult<Option<Credentials>> {
    let sql = format!(
        "select {}, c.password_hash from staff s join credentials c on c.staff_id = s.id where s.login = ?1",
        staff_columns()
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(StoreError::backend)?;
    let mut rows = stmt.query([login.as_str()]).map_err(StoreError::backend)?;
    match rows.next().map_err(StoreError::backend)? {
        Some(row) => {
            Ok(Some(Credentials { staff: cv::staff(row)?, password_hash: row.get(6).map_err(StoreError::backend)? }))
        }
        None => Ok(None),
    }
}

pub fn session(conn: &Connection, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>> {
    let sql = format!(
        "select {}, x.csrf, x.created_at, x.expires_at from sessions x join staff s on s.id = x.staff_id
         where x.token_hash = ?1 and x.expires_at > ?2",
        staff_columns()
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(StoreError::backend)?;
    let mut rows = stmt.query(params![token_hash, cv::instant_secs(now)]).map_err(StoreError::backend)?;
    match rows.next().map_err(StoreError::backend)? {
        Some(row) => Ok(Some(SessionRecord {
            staff: cv::staff(row)?,
            csrf: row.get(6).map_err(StoreError::backend)?,
            created_at: cv::instant_of("sessions.created_at", row.get(7).map_err(StoreError::backend)?)?,
            expires_at: cv::instant_of("sessions.expires_at", row.get(8).map_err(StoreError::backend)?)?,
        })),
        None => Ok(None),
    }
}

pub fn set_password(conn: &Connection, staff: StaffId, hash: &str, at: OffsetDateTime) -> StoreResult<()> {
    let changed = conn
        .execute(
            "insert into credentials (staff_id, password_hash, changed_at) values (?1, ?2, ?3)
             on conflict (staff_id) do update set password_hash = excluded.password_hash,
                changed_at = excluded.changed_at",
            params![staff.0, hash, cv::instant_secs(at)],
        )
        .map_err(|e| foreign(e, staff))?;
    if changed == 0 { Err(StoreError::NotFound(format!("cán bộ / staff #{}", staff.0))) } else { Ok(()) }
}

fn foreign(e: rusqlite::Error, staff: StaffId) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            StoreError::NotFound(format!("cán bộ / staff #{}", staff.0))
        }
        _ => StoreError::backend(e),
    }
}

pub fn update_staff(conn: &Connection, staff: StaffId, unit: UnitId, role: Role) -> StoreResult<()> {
    let changed = conn
        .execute(
            "update staff set unit_id = ?2, role = ?3, active = 1 where id = ?1",
            params![staff.0, unit.0, role.code()],
        )
        .map_err(|e| match &e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                StoreError::NotFound(format!("đơn vị / unit #{}", unit.0))
            }
            _ => StoreError::backend(e),
        })?;
    if changed == 0 { Err(StoreError::NotFound(format!("cán bộ / staff #{}", staff.0))) } else { Ok(()) }
}

pub fn insert_session(conn: &Connection, s: &NewSession) -> StoreResult<()> {
    conn.execute(
        "insert into sessions (token_hash, staff_id, csrf, created_at, expires_at) values (?1, ?2, ?3, ?4, ?5)",
        params![s.token_hash, s.staff.0, s.csrf, cv::instant_secs(s.created_at), cv::instant_secs(s.expires_at)],
    )
    .map_err(|e| match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            StoreError::Duplicate("phiên đăng nhập / session".into())
        }
        _ => foreign(e, s.staff),
    })?;
    Ok(())
}

pub fn delete_session(conn: &Connection, token_hash: &str) -> StoreResult<()> {
    conn.execute("delete from sessions where token_hash = ?1", [token_hash]).map_err(StoreError::backend)?;
    Ok(())
}

pub fn delete_sessions_of(conn: &Connection, staff: StaffId) -> StoreResult<u64> {
    let n = conn.execute("delete from sessions where staff_id = ?1", [staff.0]).map_err(StoreError::backend)?;
    Ok(n as u64)
}

pub fn delete_expired_sessions(conn: &Connection, now: OffsetDateTime) -> StoreResult<u64> {
    let n = conn
        .execute("delete from sessions where expires_at <= ?1", [cv::instant_secs(now)])
        .map_err(StoreError::backend)?;
    Ok(n as u64)
}
