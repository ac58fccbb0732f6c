//! Accounts on SQLite: staff members, their passwords and web sessions (schema 0002_web).

use rusqlite::params;
use thads_core::{Login, Role, Staff, StaffId, UnitId};
use thads_store::{
    Accounts, AccountsTx, Credentials, NewSession, NewSignIn, NewStaff, STAFF_COLUMNS, SessionRecord, SignInOutcome,
    SignInQuery, SignInRecord, StoreError, StoreResult, columns_of,
};
use time::OffsetDateTime;

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::unique;
use crate::tx::SqliteTx;

fn staff_columns() -> String {
    columns_of(STAFF_COLUMNS, "s")
}

/// Every staff member, by login.
fn all_sql() -> String {
    format!("select {STAFF_COLUMNS} from staff order by login")
}

impl Accounts for SqliteStore {
    fn sign_ins(&self, q: &SignInQuery) -> StoreResult<Vec<SignInRecord>> {
        let sql = "select x.id, x.at, x.login, x.staff_id, x.address, x.outcome
             from sign_ins x left join staff s on s.id = x.staff_id
             where (?1 is null or s.unit_id in (select value from json_each(?1)))
             and (?2 is null or x.login = ?2) and (?3 is null or x.outcome = ?3)
             and (?4 is null or x.at >= ?4) and (?5 is null or x.at < ?5)
             order by x.at desc, x.id desc limit ?6";
        let units = crate::audit::unit_list(q.units.as_deref());
        self.query_all(
            sql,
            params![
                units,
                q.login,
                q.outcome.map(SignInOutcome::code),
                q.from.map(cv::instant_secs),
                q.until.map(cv::instant_secs),
                q.limit
            ],
            sign_in,
        )
    }

    fn staff(&self) -> StoreResult<Vec<Staff>> {
        self.query_all(&all_sql(), [], cv::staff)
    }

    fn credentials(&self, login: &Login) -> StoreResult<Option<Credentials>> {
        let sql = format!(
            "select {}, c.password_hash from staff s join credentials c on c.staff_id = s.id where s.login = ?1",
            staff_columns()
        );
        self.query_one(&sql, [login.as_str()], |row| {
            Ok(Credentials { staff: cv::staff(row)?, password_hash: row.get(6).map_err(StoreError::backend)? })
        })
    }

    fn session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>> {
        let sql = format!(
            "select {}, x.csrf, x.created_at, x.expires_at from sessions x join staff s on s.id = x.staff_id
             where x.token_hash = ?1 and x.expires_at > ?2",
            staff_columns()
        );
        self.query_one(&sql, params![token_hash, cv::instant_secs(now)], |row| {
            Ok(SessionRecord {
                staff: cv::staff(row)?,
                csrf: row.get(6).map_err(StoreError::backend)?,
                created_at: cv::instant_of("sessions.created_at", row.get(7).map_err(StoreError::backend)?)?,
                expires_at: cv::instant_of("sessions.expires_at", row.get(8).map_err(StoreError::backend)?)?,
            })
        })
    }
}

fn sign_in(row: &rusqlite::Row<'_>) -> StoreResult<SignInRecord> {
    let outcome: String = row.get(5).map_err(StoreError::backend)?;
    Ok(SignInRecord {
        id: row.get(0).map_err(StoreError::backend)?,
        at: cv::instant_of("sign_ins.at", row.get(1).map_err(StoreError::backend)?)?,
        login: row.get(2).map_err(StoreError::backend)?,
        staff: row.get::<_, Option<i64>>(3).map_err(StoreError::backend)?.map(StaffId),
        address: row.get(4).map_err(StoreError::backend)?,
        outcome: SignInOutcome::parse(&outcome).ok_or_else(|| StoreError::corrupt("sign_ins.outcome", &outcome))?,
    })
}

impl AccountsTx for SqliteTx<'_> {
    fn set_active(&mut self, staff: StaffId, active: bool) -> StoreResult<()> {
        let changed = self
            .conn()
            .execute("update staff set active = ?2 where id = ?1", params![staff.0, active])
            .map_err(StoreError::backend)?;
        if changed == 0 { Err(no_staff(staff)) } else { Ok(()) }
    }

    fn insert_sign_in(&mut self, s: &NewSignIn) -> StoreResult<()> {
        self.conn()
            .prepare_cached("insert into sign_ins (at, login, staff_id, address, outcome) values (?1, ?2, ?3, ?4, ?5)")
            .and_then(|mut st| {
                st.execute(params![
                    cv::instant_secs(s.at),
                    s.login,
                    s.staff.map(|id| id.0),
                    s.address,
                    s.outcome.code()
                ])
            })
            .map_err(|e| foreign(e, s.staff.unwrap_or(StaffId(0))))?;
        Ok(())
    }

    fn insert_staff(&mut self, s: &NewStaff) -> StoreResult<StaffId> {
        self.conn()
            .prepare_cached("insert into staff (unit_id, login, full_name, role) values (?1, ?2, ?3, ?4)")
            .and_then(|mut st| st.execute(params![s.unit.0, s.login.as_str(), s.full_name, s.role.code()]))
            .map_err(unique(|| format!("tên đăng nhập / login {}", s.login)))?;
        Ok(StaffId(self.conn().last_insert_rowid()))
    }

    fn staff(&mut self) -> StoreResult<Vec<Staff>> {
        self.all(&all_sql(), [], cv::staff)
    }

    fn set_password(&mut self, staff: StaffId, hash: &str, at: OffsetDateTime) -> StoreResult<()> {
        let changed = self
            .conn()
            .execute(
                "insert into credentials (staff_id, password_hash, changed_at) values (?1, ?2, ?3)
                 on conflict (staff_id) do update set password_hash = excluded.password_hash,
                    changed_at = excluded.changed_at",
                params![staff.0, hash, cv::instant_secs(at)],
            )
            .map_err(|e| foreign(e, staff))?;
        if changed == 0 { Err(no_staff(staff)) } else { Ok(()) }
    }

    fn update_staff(&mut self, staff: StaffId, unit: UnitId, role: Role) -> StoreResult<()> {
        let changed = self
            .conn()
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
        if changed == 0 { Err(no_staff(staff)) } else { Ok(()) }
    }

    fn insert_session(&mut self, s: &NewSession) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into sessions (token_hash, staff_id, csrf, created_at, expires_at) values (?1, ?2, ?3, ?4, ?5)",
                params![
                    s.token_hash,
                    s.staff.0,
                    s.csrf,
                    cv::instant_secs(s.created_at),
                    cv::instant_secs(s.expires_at)
                ],
            )
            .map_err(|e| match &e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
                {
                    StoreError::Duplicate("phiên đăng nhập / session".into())
                }
                _ => foreign(e, s.staff),
            })?;
        Ok(())
    }

    fn delete_session(&mut self, token_hash: &str) -> StoreResult<()> {
        self.conn().execute("delete from sessions where token_hash = ?1", [token_hash]).map_err(StoreError::backend)?;
        Ok(())
    }

    fn delete_sessions_of(&mut self, staff: StaffId) -> StoreResult<u64> {
        let n =
            self.conn().execute("delete from sessions where staff_id = ?1", [staff.0]).map_err(StoreError::backend)?;
        Ok(n as u64)
    }

    fn delete_expired_sessions(&mut self, now: OffsetDateTime) -> StoreResult<u64> {
        let n = self
            .conn()
            .execute("delete from sessions where expires_at <= ?1", [cv::instant_secs(now)])
            .map_err(StoreError::backend)?;
        Ok(n as u64)
    }
}

fn no_staff(staff: StaffId) -> StoreError {
    StoreError::NotFound(format!("cán bộ / staff #{}", staff.0))
}

/// A foreign key refusing a row names the staff member that does not exist.
fn foreign(e: rusqlite::Error, staff: StaffId) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => no_staff(staff),
        _ => StoreError::backend(e),
    }
}
