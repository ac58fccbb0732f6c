//! The write transaction: `BEGIN IMMEDIATE` on a pooled connection, rolled back when dropped
//! without `commit`.

use rusqlite::{Connection, OptionalExtension, params};
use thads_core::{Case, CaseId, CaseNo, EventId, EventRecord, Role, Staff, StaffId, Unit, UnitId};
use thads_store::{
    CaseUpdate, DeductedRow, LedgerRow, NewAudit, NewCase, NewEvent, NewImportBatch, NewSession, NewStaff, NewUnit,
    StoreError, StoreResult, Target, WriteTx,
};
use time::OffsetDateTime;

use crate::convert as cv;
use crate::deferred::Deferred;
use crate::mass_change::MassChange;
use crate::pool::Pooled;

pub struct SqliteTx<'a> {
    conn: Pooled<'a>,
    open: bool,
    /// Cases inserted in bulk whose search words and cohorts are still to be written.
    deferred: Option<Deferred>,
    /// Indexes (and cohort counts, if cases change) to build again at commit, the transaction
    /// changing most cases.
    mass: Option<MassChange>,
}

impl<'a> SqliteTx<'a> {
    pub fn begin(conn: Pooled<'a>) -> StoreResult<SqliteTx<'a>> {
        conn.execute_batch("begin immediate").map_err(StoreError::backend)?;
        Ok(SqliteTx { conn, open: true, deferred: None, mass: None })
    }

    /// Writes what the bulk inserts of this transaction deferred (see `deferred`).
    fn settle(&mut self) -> StoreResult<()> {
        match self.deferred.take() {
            Some(deferred) => crate::deferred::settle(&self.conn, deferred),
            None => Ok(()),
        }
    }

    fn conn(&self) -> &Connection {
        &self.conn
    }

    fn all<T>(
        &self,
        sql: &str,
        p: impl rusqlite::Params,
        map: impl Fn(&rusqlite::Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let mut stmt = self.conn().prepare_cached(sql).map_err(StoreError::backend)?;
        let mut rows = stmt.query(p).map_err(StoreError::backend)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(StoreError::backend)? {
            out.push(map(row)?);
        }
        Ok(out)
    }

    fn insert_cases_one_by_one(&mut self, cases: &[NewCase]) -> StoreResult<Vec<CaseId>> {
        cases
            .iter()
            .map(|c| {
                let f = &c.facts;
                crate::bulk::insert_one(self.conn(), c)
                    .map_err(unique(|| format!("số quyết định / case number {} (đơn vị {})", f.case_no, f.unit.0)))
            })
            .collect()
    }
}

impl Drop for SqliteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing useful can be done if the rollback itself fails; the connection's next
            // `begin` would fail loudly.
            let _ = self.conn.execute_batch("rollback");
        }
    }
}

/// Stores one case's update if its version is still `expected_version`.
fn update_case(conn: &Connection, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<i64> {
    // New events change only the derived state: then no index over the facts is touched.
    if crate::bulk::update_state(conn, id, expected_version, u)? {
        return Ok(expected_version + 1);
    }
    let f = &u.facts;
    let changed = conn
        .prepare_cached(
            "update cases set unit_id = ?3, case_no = ?4, accepted_on = ?5, origin = ?6,
                received_by_delegation = ?7, judgment_type = ?8, categories = ?9, amount = ?10, debtor = ?11,
                creditor = ?12, officer_id = ?13, search_text = ?14, state = ?15, state_ground = ?16,
                outstanding = ?17, collected = ?18, reduced = ?19, last_event_on = ?20, event_count = ?21,
                version = version + 1
             where id = ?1 and version = ?2",
        )
        .and_then(|mut stmt| {
            stmt.raw_bind_parameter(1, id.0)?;
            stmt.raw_bind_parameter(2, expected_version)?;
            crate::bulk::bind_facts(&mut stmt, 2, f)?;
            stmt.raw_bind_parameter(14, f.search_text())?;
            crate::bulk::bind_derived(&mut stmt, 14, &u.current, u.last_event_on, u.event_count)?;
            stmt.raw_execute()
        })
        .map_err(unique(|| format!("số quyết định / case number {}", f.case_no)))?;
    if changed == 0 {
        return Err(StoreError::Stale { case: f.case_no.clone() });
    }
    Ok(expected_version + 1)
}

/// Maps a unique-constraint failure to `Duplicate` with `what`, anything else to a backend error.
fn unique(what: impl Fn() -> String) -> impl Fn(rusqlite::Error) -> StoreError {
    move |e| match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
        {
            StoreError::Duplicate(what())
        }
        rusqlite::Error::SqliteFailure(f, msg) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            StoreError::Invalid(msg.clone().unwrap_or_else(|| e.to_string()))
        }
        _ => StoreError::backend(e),
    }
}

impl WriteTx for SqliteTx<'_> {
    fn insert_unit(&mut self, u: &NewUnit) -> StoreResult<UnitId> {
        self.conn()
            .prepare_cached(
                "insert into units (code, name, kind, parent_id, valid_from, valid_to, successor_id)
                 values (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    u.code.as_str(),
                    u.name,
                    u.kind.code(),
                    u.parent.map(|p| p.0),
                    u.valid_from.map(cv::date_text),
                    u.valid_to.map(cv::date_text),
                    u.successor.map(|p| p.0),
                ])
            })
            .map_err(unique(|| format!("mã đơn vị / unit code {}", u.code)))?;
        Ok(UnitId(self.conn().last_insert_rowid()))
    }

    fn link_successor(&mut self, unit: UnitId, successor: UnitId) -> StoreResult<()> {
        self.conn()
            .execute("update units set successor_id = ?2 where id = ?1", params![unit.0, successor.0])
            .map_err(StoreError::backend)?;
        Ok(())
    }

    fn units(&mut self) -> StoreResult<Vec<Unit>> {
        self.all(&format!("select {} from units order by code", cv::UNIT_COLUMNS), [], cv::unit)
    }

    fn insert_staff(&mut self, s: &NewStaff) -> StoreResult<StaffId> {
        self.conn()
            .prepare_cached("insert into staff (unit_id, login, full_name, role) values (?1, ?2, ?3, ?4)")
            .and_then(|mut st| st.execute(params![s.unit.0, s.login.as_str(), s.full_name, s.role.code()]))
            .map_err(unique(|| format!("tên đăng nhập / login {}", s.login)))?;
        Ok(StaffId(self.conn().last_insert_rowid()))
    }

    fn staff(&mut self) -> StoreResult<Vec<Staff>> {
        self.all(&format!("select {} from staff order by login", cv::STAFF_COLUMNS), [], cv::staff)
    }

    fn insert_cases(&mut self, cases: &[NewCase]) -> StoreResult<Vec<CaseId>> {
        if cases.len() >= crate::deferred::BULK && self.deferred.is_none() {
            self.deferred = Some(crate::deferred::start(self.conn())?);
        }
        let mut ids = Vec::with_capacity(cases.len());
        for chunk in cases.chunks(crate::bulk::ROWS) {
            match crate::bulk::insert_chunk(self.conn(), chunk)? {
                Some(chunk_ids) => ids.extend(chunk_ids),
                // A number is taken: one by one, to say which.
                None => ids.extend(self.insert_cases_one_by_one(chunk)?),
            }
        }
        Ok(ids)
    }

    fn find_cases(&mut self, keys: &[(UnitId, CaseNo)]) -> StoreResult<Vec<Option<Case>>> {
        let sql = format!("select {} from cases where unit_id = ?1 and case_no = ?2", cv::CASE_COLUMNS);
        let mut stmt = self.conn().prepare_cached(&sql).map_err(StoreError::backend)?;
        let mut out = Vec::with_capacity(keys.len());
        for (unit, no) in keys {
            let mut rows = stmt.query(params![unit.0, no.as_str()]).map_err(StoreError::backend)?;
            out.push(match rows.next().map_err(StoreError::backend)? {
                Some(row) => Some(cv::case(row)?),
                None => None,
            });
        }
        Ok(out)
    }

    fn case_for_update(&mut self, id: CaseId) -> StoreResult<Option<Case>> {
        // BEGIN IMMEDIATE already holds the database's write lock.
        let sql = format!("select {} from cases where id = ?1", cv::CASE_COLUMNS);
        Ok(self.all(&sql, [id.0], cv::case)?.into_iter().next())
    }

    fn records_of(&mut self, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, Vec<EventRecord>)>> {
        let sql = format!("select {} from events where case_id = ?1 order by id", cv::EVENT_COLUMNS);
        let mut stmt = self.conn().prepare_cached(&sql).map_err(StoreError::backend)?;
        let mut out = Vec::new();
        for case in cases {
            let mut rows = stmt.query([case.0]).map_err(StoreError::backend)?;
            let mut records = Vec::new();
            while let Some(row) = rows.next().map_err(StoreError::backend)? {
                records.push(cv::event(row)?.1);
            }
            if !records.is_empty() {
                out.push((*case, records));
            }
        }
        Ok(out)
    }

    fn update_case(&mut self, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<i64> {
        self.settle()?;
        if let Some(mass) = &mut self.mass {
            crate::mass_change::cases_change(&self.conn, mass)?;
        }
        update_case(self.conn(), id, expected_version, u)
    }

    fn update_cases(&mut self, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
        self.settle()?;
        if updates.len() < crate::deferred::BULK || self.mass.is_some() {
            return updates.iter().map(|(id, version, u)| self.update_case(*id, *version, u)).collect();
        }
        let ids: Vec<i64> = updates.iter().map(|(id, _, _)| id.0).collect();
        let conn: &Connection = &self.conn;
        crate::deferred::with_cohorts_in_aggregate(conn, &ids, || {
            updates.iter().map(|(id, version, u)| update_case(conn, *id, *version, u)).collect()
        })
    }

    fn expect_changes(&mut self, cases: usize) -> StoreResult<()> {
        if self.mass.is_none() {
            // The indexes a bulk insert of this transaction dropped must be back to be dropped.
            self.settle()?;
            self.mass = crate::mass_change::start(self.conn(), cases)?;
        }
        Ok(())
    }

    fn insert_events(&mut self, events: &[NewEvent]) -> StoreResult<Vec<EventId>> {
        crate::bulk::insert_events(self.conn(), events)
    }

    fn apply_ledger(&mut self, rows: &[LedgerRow]) -> StoreResult<()> {
        crate::bulk::apply_ledger(self.conn(), rows)
    }

    fn replace_deducted_moves(&mut self, cases: &[CaseId], rows: &[DeductedRow]) -> StoreResult<()> {
        {
            let mut delete = self
                .conn()
                .prepare_cached("delete from deducted_moves where case_id = ?1")
                .map_err(StoreError::backend)?;
            for c in cases {
                delete.execute([c.0]).map_err(StoreError::backend)?;
            }
        }
        let sql = format!(
            "insert into deducted_moves ({}) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            cv::DEDUCTED_COLUMNS
        );
        let mut insert = self.conn().prepare_cached(&sql).map_err(StoreError::backend)?;
        for r in rows {
            insert
                .execute(params![
                    r.case.0,
                    r.dims.unit.0,
                    r.dims.officer.map(|o| o.0),
                    r.dims.origin.code(),
                    r.dims.judgment_type.code(),
                    i64::from(r.dims.categories.bits()),
                    cv::date_text(r.moved.closed_on),
                    cv::date_text(r.moved.moved_on),
                    cv::move_kind_code(r.moved.kind),
                    r.moved.amount.dong(),
                ])
                .map_err(StoreError::backend)?;
        }
        Ok(())
    }

    fn clear_ledger(&mut self) -> StoreResult<()> {
        self.conn().execute_batch("delete from ledger; delete from deducted_moves;").map_err(StoreError::backend)
    }

    fn set_ledger_rules(&mut self, fingerprint: &str) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into meta (key, value) values ('ledger_rules', ?1)
                 on conflict (key) do update set value = excluded.value",
                [fingerprint],
            )
            .map_err(StoreError::backend)?;
        self.touch_ledger()
    }

    fn touch_ledger(&mut self) -> StoreResult<()> {
        self.conn()
            .execute("update meta set value = cast(value as integer) + 1 where key = 'ledger_generation'", [])
            .map_err(StoreError::backend)?;
        Ok(())
    }

    fn insert_target(&mut self, t: &Target) -> StoreResult<()> {
        self.conn()
            .execute(
                "insert into targets (unit_id, year, cases_pct, money_pct) values (?1, ?2, ?3, ?4)",
                params![t.unit.0, t.year.number(), t.cases.hundredths(), t.money.hundredths()],
            )
            .map_err(unique(|| format!("chỉ tiêu năm / target of year {}", t.year)))?;
        Ok(())
    }

    fn set_target(&mut self, t: &Target) -> StoreResult<Option<Target>> {
        let previous = self
            .conn()
            .query_row(
                "select cases_pct, money_pct from targets where unit_id = ?1 and year = ?2",
                params![t.unit.0, t.year.number()],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )
            .optional()
            .map_err(StoreError::backend)?
            .map(|(c, m)| Target { cases: thads_core::Percent(c), money: thads_core::Percent(m), ..*t });
        self.conn()
            .execute(
                "insert into targets (unit_id, year, cases_pct, money_pct) values (?1, ?2, ?3, ?4)
                 on conflict (unit_id, year) do update set cases_pct = excluded.cases_pct, money_pct = excluded.money_pct",
                params![t.unit.0, t.year.number(), t.cases.hundredths(), t.money.hundredths()],
            )
            .map_err(StoreError::backend)?;
        Ok(previous)
    }

    fn insert_import(&mut self, b: &NewImportBatch) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into import_batches (kind, file_name, sha256, rows, imported_by, imported_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    b.kind,
                    b.file_name,
                    b.sha256,
                    i64::try_from(b.rows).unwrap_or(i64::MAX),
                    b.imported_by,
                    cv::instant_secs(b.imported_at)
                ],
            )
            .map_err(unique(|| format!("tệp đã được nhập / file already imported: {}", b.file_name)))?;
        Ok(self.conn().last_insert_rowid())
    }

    fn insert_audit(&mut self, a: &NewAudit) -> StoreResult<()> {
        self.conn()
            .prepare_cached(
                "insert into audit (at, actor, case_id, action, before, after) values (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![cv::instant_secs(a.at), a.actor, a.case.map(|c| c.0), a.action, a.before, a.after])
            })
            .map_err(StoreError::backend)?;
        Ok(())
    }

    fn set_password(&mut self, staff: StaffId, password_hash: &str, at: OffsetDateTime) -> StoreResult<()> {
        crate::accounts::set_password(self.conn(), staff, password_hash, at)
    }

    fn update_staff(&mut self, staff: StaffId, unit: UnitId, role: Role) -> StoreResult<()> {
        crate::accounts::update_staff(self.conn(), staff, unit, role)
    }

    fn insert_session(&mut self, session: &NewSession) -> StoreResult<()> {
        crate::accounts::insert_session(self.conn(), session)
    }

    fn delete_session(&mut self, token_hash: &str) -> StoreResult<()> {
        crate::accounts::delete_session(self.conn(), token_hash)
    }

    fn delete_sessions_of(&mut self, staff: StaffId) -> StoreResult<u64> {
        crate::accounts::delete_sessions_of(self.conn(), staff)
    }

    fn delete_expired_sessions(&mut self, now: OffsetDateTime) -> StoreResult<u64> {
        crate::accounts::delete_expired_sessions(self.conn(), now)
    }

    fn announced_days(&mut self) -> StoreResult<Vec<thads_store::AnnouncedDayRecord>> {
        crate::calendar::announced_days(self.conn())
    }

    fn insert_announced_day(&mut self, day: &thads_store::AnnouncedDayRecord) -> StoreResult<()> {
        crate::calendar::insert_announced_day(self.conn(), day)
    }

    fn delete_announced_day(&mut self, date: time::Date) -> StoreResult<Option<thads_store::AnnouncedDayRecord>> {
        crate::calendar::delete_announced_day(self.conn(), date)
    }

    fn rule_overrides(&mut self) -> StoreResult<Vec<thads_store::RuleOverride>> {
        crate::calendar::rule_overrides(self.conn())
    }

    fn set_rule_override(
        &mut self,
        rule: &thads_store::RuleOverride,
    ) -> StoreResult<Option<thads_store::RuleOverride>> {
        crate::calendar::set_rule_override(self.conn(), rule)
    }

    fn delete_rule_override(&mut self, rule_id: &str) -> StoreResult<Option<thads_store::RuleOverride>> {
        crate::calendar::delete_rule_override(self.conn(), rule_id)
    }

    fn replace_deadlines(&mut self, cases: &[CaseId], rows: &[thads_store::DeadlineRow]) -> StoreResult<()> {
        if !cases.is_empty() {
            // Finding a case's rows needs the index a bulk insert may have deferred.
            self.settle()?;
        }
        crate::deadlines::replace(self.conn(), cases, rows)
    }

    fn clear_deadlines(&mut self) -> StoreResult<()> {
        crate::deadlines::clear(self.conn())
    }

    fn set_deadlines_stamp(&mut self, stamp: &str) -> StoreResult<()> {
        crate::calendar::set_stamp(self.conn(), stamp)
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.settle()?;
        if let Some(mass) = self.mass.take() {
            crate::mass_change::finish(self.conn(), mass)?;
        }
        self.conn.execute_batch("commit").map_err(StoreError::backend)?;
        self.open = false;
        Ok(())
    }
}
