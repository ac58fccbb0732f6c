//! Accounts on PostgreSQL: staff members, their passwords and web sessions (schema 0002_web).
//! Writes check that the staff member exists in the statement itself, so that a missing one is
//! `NotFound` without aborting the transaction (as on SQLite).

use thads_core::{Login, Role, Staff, StaffId, UnitId};
use thads_store::{
    Accounts, AccountsTx, Credentials, NewSession, NewSignIn, NewStaff, STAFF_COLUMNS, SessionRecord, SignInOutcome,
    SignInQuery, SignInRecord, StoreError, StoreResult, columns_of,
};
use time::OffsetDateTime;

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;

fn staff_columns() -> String {
    columns_of(STAFF_COLUMNS, "s")
}

/// Every staff member, by login (byte order, as on SQLite).
fn all_sql() -> String {
    format!("select {STAFF_COLUMNS} from staff order by login collate \"C\"")
}

fn no_staff(staff: StaffId) -> StoreError {
    StoreError::NotFound(format!("cán bộ / staff #{}", staff.0))
}

impl Accounts for PgStore {
    fn sign_ins(&self, q: &SignInQuery) -> StoreResult<Vec<SignInRecord>> {
        let sql = "select x.id, x.at, x.login, x.staff_id, x.address, x.outcome
             from sign_ins x left join staff s on s.id = x.staff_id
             where ($1::bigint[] is null or s.unit_id = any($1))
             and ($2::text is null or x.login = $2) and ($3::text is null or x.outcome = $3)
             and ($4::bigint is null or x.at >= $4) and ($5::bigint is null or x.at < $5)
             order by x.at desc, x.id desc limit $6";
        let units = crate::audit::unit_ids(q.units.as_deref());
        let outcome = q.outcome.map(SignInOutcome::code);
        let (from, until) = (q.from.map(|t| t.unix_timestamp()), q.until.map(|t| t.unix_timestamp()));
        self.query_all(sql, &[&units, &q.login, &outcome, &from, &until, &i64::from(q.limit)], sign_in)
    }

    fn staff(&self) -> StoreResult<Vec<Staff>> {
        self.query_all(&all_sql(), &[], cv::staff)
    }

    fn credentials(&self, login: &Login) -> StoreResult<Option<Credentials>> {
        let sql = format!(
            "select {}, c.password_hash from staff s join credentials c on c.staff_id = s.id where s.login = $1",
            staff_columns()
        );
        self.query_one(&sql, &[&login.as_str()], |r| {
            Ok(Credentials { staff: cv::staff(r)?, password_hash: get(r, 6)? })
        })
    }

    fn session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<Option<SessionRecord>> {
        let sql = format!(
            "select {}, x.csrf, x.created_at, x.expires_at from sessions x join staff s on s.id = x.staff_id
             where x.token_hash = $1 and x.expires_at > $2",
            staff_columns()
        );
        self.query_one(&sql, &[&token_hash, &now.unix_timestamp()], |r| {
            Ok(SessionRecord {
                staff: cv::staff(r)?,
                csrf: get(r, 6)?,
                created_at: cv::instant_of("sessions.created_at", get(r, 7)?)?,
                expires_at: cv::instant_of("sessions.expires_at", get(r, 8)?)?,
            })
        })
    }
}

fn sign_in(r: &postgres::Row) -> StoreResult<SignInRecord> {
    let outcome: String = get(r, 5)?;
    Ok(SignInRecord {
        id: get(r, 0)?,
        at: cv::instant_of("sign_ins.at", get(r, 1)?)?,
        login: get(r, 2)?,
        staff: get::<Option<i64>>(r, 3)?.map(StaffId),
        address: get(r, 4)?,
        outcome: SignInOutcome::parse(&outcome).ok_or_else(|| StoreError::corrupt("sign_ins.outcome", &outcome))?,
    })
}

impl AccountsTx for PgTx<'_> {
    fn set_active(&mut self, staff: StaffId, active: bool) -> StoreResult<()> {
        let changed = self.execute("update staff set active = $2 where id = $1", &[&staff.0, &active])?;
        if changed == 0 { Err(no_staff(staff)) } else { Ok(()) }
    }

    fn insert_sign_in(&mut self, s: &NewSignIn) -> StoreResult<()> {
        // A person that does not exist is kept as no one, as SQLite refuses it: checked here.
        let rows = self.query(
            "insert into sign_ins (at, login, staff_id, address, outcome)
             select $1, $2, $3, $4, $5 where $3::bigint is null or exists (select 1 from staff where id = $3)
             returning 1",
            &[&s.at.unix_timestamp(), &s.login, &s.staff.map(|id| id.0), &s.address, &s.outcome.code()],
        )?;
        match (rows.is_empty(), s.staff) {
            (true, Some(staff)) => Err(no_staff(staff)),
            _ => Ok(()),
        }
    }

    fn insert_staff(&mut self, s: &NewStaff) -> StoreResult<StaffId> {
        let what = || format!("tên đăng nhập / login {}", s.login);
        let rows = self.query_mapped(
            "insert into staff (unit_id, login, full_name, role) values ($1, $2, $3, $4)
             on conflict (login) do nothing returning id",
            &[&s.unit.0, &s.login.as_str(), &s.full_name, &s.role.code()],
            constraint(what),
        )?;
        Ok(StaffId(get(rows.first().ok_or_else(|| StoreError::Duplicate(what()))?, 0)?))
    }

    fn staff(&mut self) -> StoreResult<Vec<Staff>> {
        self.query(&all_sql(), &[])?.iter().map(cv::staff).collect()
    }

    fn set_password(&mut self, staff: StaffId, hash: &str, at: OffsetDateTime) -> StoreResult<()> {
        let rows = self.query(
            "insert into credentials (staff_id, password_hash, changed_at)
             select id, $2, $3 from staff where id = $1
             on conflict (staff_id) do update set password_hash = excluded.password_hash, changed_at = excluded.changed_at
             returning 1",
            &[&staff.0, &hash, &at.unix_timestamp()],
        )?;
        if rows.is_empty() { Err(no_staff(staff)) } else { Ok(()) }
    }

    fn update_staff(&mut self, staff: StaffId, unit: UnitId, role: Role) -> StoreResult<()> {
        let unit_exists = !self.query("select 1 from units where id = $1", &[&unit.0])?.is_empty();
        if !unit_exists {
            return Err(StoreError::NotFound(format!("đơn vị / unit #{}", unit.0)));
        }
        let changed = self.execute(
            "update staff set unit_id = $2, role = $3, active = true where id = $1",
            &[&staff.0, &unit.0, &role.code()],
        )?;
        if changed == 0 { Err(no_staff(staff)) } else { Ok(()) }
    }

    fn insert_session(&mut self, s: &NewSession) -> StoreResult<()> {
        let staff_exists = !self.query("select 1 from staff where id = $1", &[&s.staff.0])?.is_empty();
        if !staff_exists {
            return Err(no_staff(s.staff));
        }
        let rows = self.query(
            "insert into sessions (token_hash, staff_id, csrf, created_at, expires_at) values ($1, $2, $3, $4, $5)
             on conflict (token_hash) do nothing returning 1",
            &[&s.token_hash, &s.staff.0, &s.csrf, &s.created_at.unix_timestamp(), &s.expires_at.unix_timestamp()],
        )?;
        if rows.is_empty() { Err(StoreError::Duplicate("phiên đăng nhập / session".into())) } else { Ok(()) }
    }

    fn delete_session(&mut self, token_hash: &str) -> StoreResult<()> {
        self.execute("delete from sessions where token_hash = $1", &[&token_hash])?;
        Ok(())
    }

    fn delete_sessions_of(&mut self, staff: StaffId) -> StoreResult<u64> {
        self.execute("delete from sessions where staff_id = $1", &[&staff.0])
    }

    fn delete_expired_sessions(&mut self, now: OffsetDateTime) -> StoreResult<u64> {
        self.execute("delete from sessions where expires_at <= $1", &[&now.unix_timestamp()])
    }
}
