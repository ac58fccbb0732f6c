//! Passwords and web sessions on PostgreSQL (schema 0002_web). Writes check that the staff
//! member exists in the statement itself, so that a missing one is `NotFound` without aborting
//! the transaction (as on SQLite).

use thads_core::{Login, Role, StaffId, UnitId};
use thads_store::{Credentials, NewSession, SessionRecord, StoreError, StoreResult};
use time::OffsetDateTime;

use crate::convert::{self as cv, get};
use crate::pool::Conn;
use crate::tx::PgTx;

fn staff_columns() -> String {
    cv::columns_of(cv::STAFF_COLUMNS, "s")
}

fn no_staff(staff: StaffId) -> StoreError {
    StoreError::NotFound(format!("cán bộ / staff #{}", staff.0))
}

pub fn credentials(conn: &mut Conn, login: &Login) -> StoreResult<Option<Credentials>> {
    let sql = format!(
        "select {}, c.password_hash from staff s join credentials c on c.staff_id = s.id where s.login = $1",
        staff_columns()
    );
    let statement = conn.prepared(&sql)?;
    let row = conn.client.query_opt(&statement, &[&login.as_str()]).map_err(crate::error::backend)?;
    row.map(|r| Ok(Credentials { staff: cv::staff(&r)?, password_hash: get(&r, 6)? })).transpose()
}

pub fn session(conn: &mut Conn, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>> {
    let sql = format!(
        "select {}, x.csrf, x.created_at, x.expires_at from sessions x join staff s on s.id = x.staff_id
         where x.token_hash = $1 and x.expires_at > $2",
        staff_columns()
    );
    let statement = conn.prepared(&sql)?;
    let row =
        conn.client.query_opt(&statement, &[&token_hash, &now.unix_timestamp()]).map_err(crate::error::backend)?;
    row.map(|r| {
        Ok(SessionRecord {
            staff: cv::staff(&r)?,
            csrf: get(&r, 6)?,
            created_at: cv::instant_of("sessions.created_at", get(&r, 7)?)?,
            expires_at: cv::instant_of("sessions.expires_at", get(&r, 8)?)?,
        })
    })
    .transpose()
}

pub fn set_password(tx: &mut PgTx<'_>, staff: StaffId, hash: &str, at: OffsetDateTime) -> StoreResult<()> {
    let rows = tx.query(
        "insert into credentials (staff_id, password_hash, changed_at)
         select id, $2, $3 from staff where id = $1
         on conflict (staff_id) do update set password_hash = excluded.password_hash, changed_at = excluded.changed_at
         returning 1",
        &[&staff.0, &hash, &at.unix_timestamp()],
    )?;
    if rows.is_empty() { Err(no_staff(staff)) } else { Ok(()) }
}

pub fn update_staff(tx: &mut PgTx<'_>, staff: StaffId, unit: UnitId, role: Role) -> StoreResult<()> {
    let unit_exists = !tx.query("select 1 from units where id = $1", &[&unit.0])?.is_empty();
    if !unit_exists {
        return Err(StoreError::NotFound(format!("đơn vị / unit #{}", unit.0)));
    }
    let changed = tx.execute(
        "update staff set unit_id = $2, role = $3, active = true where id = $1",
        &[&staff.0, &unit.0, &role.code()],
    )?;
    if changed == 0 { Err(no_staff(staff)) } else { Ok(()) }
}

pub fn insert_session(tx: &mut PgTx<'_>, s: &NewSession) -> StoreResult<()> {
    let staff_exists = !tx.query("select 1 from staff where id = $1", &[&s.staff.0])?.is_empty();
    if !staff_exists {
        return Err(no_staff(s.staff));
    }
    let rows = tx.query(
        "insert into sessions (token_hash, staff_id, csrf, created_at, expires_at) values ($1, $2, $3, $4, $5)
         on conflict (token_hash) do nothing returning 1",
        &[&s.token_hash, &s.staff.0, &s.csrf, &s.created_at.unix_timestamp(), &s.expires_at.unix_timestamp()],
    )?;
    if rows.is_empty() { Err(StoreError::Duplicate("phiên đăng nhập / session".into())) } else { Ok(()) }
}

pub fn delete_session(tx: &mut PgTx<'_>, token_hash: &str) -> StoreResult<()> {
    tx.execute("delete from sessions where token_hash = $1", &[&token_hash])?;
    Ok(())
}

pub fn delete_sessions_of(tx: &mut PgTx<'_>, staff: StaffId) -> StoreResult<u64> {
    tx.execute("delete from sessions where staff_id = $1", &[&staff.0])
}

pub fn delete_expired_sessions(tx: &mut PgTx<'_>, now: OffsetDateTime) -> StoreResult<u64> {
    tx.execute("delete from sessions where expires_at <= $1", &[&now.unix_timestamp()])
}
