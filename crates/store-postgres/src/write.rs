//! `WriteTx` on PostgreSQL. Unique keys are checked with `on conflict do nothing`, so that a
//! duplicate is reported without aborting the transaction (as on SQLite); many rows at once go
//! through `bulk`.

use std::collections::HashMap;

use thads_core::{Case, CaseId, CaseNo, EventId, EventRecord, Percent, Role, Staff, StaffId, Unit, UnitId};
use thads_store::{
    CaseUpdate, DeductedRow, LedgerRow, NewAudit, NewCase, NewEvent, NewImportBatch, NewSession, NewStaff, NewUnit,
    StoreError, StoreResult, Target, WriteTx,
};
use time::OffsetDateTime;

use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;
use crate::{accounts, bulk, row};

impl WriteTx for PgTx<'_> {
    fn insert_unit(&mut self, u: &NewUnit) -> StoreResult<UnitId> {
        let rows = self.query_mapped(
            "insert into units (code, name, kind, parent_id, valid_from, valid_to, successor_id)
             values ($1, $2, $3, $4, $5, $6, $7) on conflict (code) do nothing returning id",
            &[
                &u.code.as_str(),
                &u.name,
                &u.kind.code(),
                &u.parent.map(|p| p.0),
                &u.valid_from,
                &u.valid_to,
                &u.successor.map(|s| s.0),
            ],
            constraint(|| format!("mã đơn vị / unit code {}", u.code)),
        )?;
        let row = rows.first().ok_or_else(|| StoreError::Duplicate(format!("mã đơn vị / unit code {}", u.code)))?;
        Ok(UnitId(get(row, 0)?))
    }

    fn link_successor(&mut self, unit: UnitId, successor: UnitId) -> StoreResult<()> {
        self.execute("update units set successor_id = $2 where id = $1", &[&unit.0, &successor.0])?;
        Ok(())
    }

    fn units(&mut self) -> StoreResult<Vec<Unit>> {
        let sql = format!("select {} from units order by code collate \"C\"", cv::UNIT_COLUMNS);
        self.query(&sql, &[])?.iter().map(cv::unit).collect()
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
        let sql = format!("select {} from staff order by login collate \"C\"", cv::STAFF_COLUMNS);
        self.query(&sql, &[])?.iter().map(cv::staff).collect()
    }

    fn insert_cases(&mut self, cases: &[NewCase]) -> StoreResult<Vec<CaseId>> {
        if cases.len() >= bulk::COPY_FROM {
            return bulk::copy_cases(self, cases);
        }
        cases.iter().map(|c| row::insert_case(self, c)).collect()
    }

    fn find_cases(&mut self, keys: &[(UnitId, CaseNo)]) -> StoreResult<Vec<Option<Case>>> {
        let units: Vec<i64> = keys.iter().map(|(u, _)| u.0).collect();
        let numbers: Vec<&str> = keys.iter().map(|(_, n)| n.as_str()).collect();
        let sql = format!(
            "select {} from cases c join unnest($1::bigint[], $2::text[]) k(unit_id, case_no)
                on c.unit_id = k.unit_id and c.case_no = k.case_no",
            cv::columns_of(cv::CASE_COLUMNS, "c")
        );
        let mut found: HashMap<(UnitId, String), Case> = HashMap::new();
        for row in self.query(&sql, &[&units, &numbers])? {
            let case = cv::case(&row)?;
            found.insert((case.facts.unit, case.facts.case_no.as_str().to_string()), case);
        }
        Ok(keys.iter().map(|(u, n)| found.get(&(*u, n.as_str().to_string())).cloned()).collect())
    }

    fn case_for_update(&mut self, id: CaseId) -> StoreResult<Option<Case>> {
        let sql = format!("select {} from cases where id = $1 for update", cv::CASE_COLUMNS);
        self.query(&sql, &[&id.0])?.first().map(cv::case).transpose()
    }

    fn records_of(&mut self, cases: &[CaseId]) -> StoreResult<Vec<(CaseId, Vec<EventRecord>)>> {
        let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
        let sql = format!("select {} from events where case_id = any($1) order by case_id, id", cv::EVENT_COLUMNS);
        let mut by_case: HashMap<CaseId, Vec<EventRecord>> = HashMap::new();
        for row in self.query(&sql, &[&ids])? {
            let (case, record) = cv::event(&row)?;
            by_case.entry(case).or_default().push(record);
        }
        Ok(cases.iter().filter_map(|c| by_case.remove(c).map(|r| (*c, r))).collect())
    }

    fn update_case(&mut self, id: CaseId, expected_version: i64, u: &CaseUpdate) -> StoreResult<i64> {
        self.settle_indexes()?;
        self.before_case_change()?;
        row::update_case(self, id, expected_version, u)
    }

    fn update_cases(&mut self, updates: &[(CaseId, i64, &CaseUpdate)]) -> StoreResult<Vec<i64>> {
        self.settle_indexes()?;
        self.before_case_change()?;
        if updates.len() >= bulk::COPY_FROM {
            return bulk::update_cases(self, updates);
        }
        updates.iter().map(|(id, version, u)| row::update_case(self, *id, *version, u)).collect()
    }

    fn expect_changes(&mut self, cases: usize) -> StoreResult<()> {
        // Only the cohort trigger gives way (`mass_change`); every index is kept up row by row.
        // Dropping the secondary indexes of `cases` and `deadlines` for such a change and
        // building them at commit, as SQLite does, was measured slower here (events file of
        // 200,000 cases, two runs each: 31.5 / 29.2 s against 27.5 / 25.0 s).
        PgTx::expect_changes(self, cases)
    }

    fn insert_events(&mut self, events: &[NewEvent]) -> StoreResult<Vec<EventId>> {
        if events.len() >= bulk::COPY_FROM {
            return bulk::copy_events(self, events);
        }
        events.iter().map(|e| row::insert_event(self, e)).collect()
    }

    fn apply_ledger(&mut self, rows: &[LedgerRow]) -> StoreResult<()> {
        self.defer_ledger(rows);
        Ok(())
    }

    fn replace_deducted_moves(&mut self, cases: &[CaseId], rows: &[DeductedRow]) -> StoreResult<()> {
        let ids: Vec<i64> = cases.iter().map(|c| c.0).collect();
        if !ids.is_empty() {
            self.execute("delete from deducted_moves where case_id = any($1)", &[&ids])?;
        }
        bulk::insert_deducted(self, rows)
    }

    fn clear_ledger(&mut self) -> StoreResult<()> {
        self.forget_ledger();
        self.execute("delete from ledger", &[])?;
        self.execute("delete from deducted_moves", &[])?;
        Ok(())
    }

    fn set_ledger_rules(&mut self, fingerprint: &str) -> StoreResult<()> {
        self.execute(
            "insert into meta (key, value) values ('ledger_rules', $1)
             on conflict (key) do update set value = excluded.value",
            &[&fingerprint],
        )?;
        self.touch_ledger()
    }

    fn touch_ledger(&mut self) -> StoreResult<()> {
        self.touch();
        Ok(())
    }

    fn insert_target(&mut self, t: &Target) -> StoreResult<()> {
        let what = || format!("chỉ tiêu năm / target of year {}", t.year);
        let rows = self.query_mapped(
            "insert into targets (unit_id, year, cases_pct, money_pct) values ($1, $2, $3, $4)
             on conflict (unit_id, year) do nothing returning 1",
            &[&t.unit.0, &t.year.number(), &t.cases.hundredths(), &t.money.hundredths()],
            constraint(what),
        )?;
        if rows.is_empty() { Err(StoreError::Duplicate(what())) } else { Ok(()) }
    }

    fn set_target(&mut self, t: &Target) -> StoreResult<Option<Target>> {
        let previous = self.query(
            "select cases_pct, money_pct from targets where unit_id = $1 and year = $2 for update",
            &[&t.unit.0, &t.year.number()],
        )?;
        let previous = match previous.first() {
            Some(r) => Some(Target { cases: Percent(get(r, 0)?), money: Percent(get(r, 1)?), ..*t }),
            None => None,
        };
        self.query_mapped(
            "insert into targets (unit_id, year, cases_pct, money_pct) values ($1, $2, $3, $4)
             on conflict (unit_id, year) do update set cases_pct = excluded.cases_pct, money_pct = excluded.money_pct",
            &[&t.unit.0, &t.year.number(), &t.cases.hundredths(), &t.money.hundredths()],
            constraint(|| format!("chỉ tiêu năm / target of year {}", t.year)),
        )?;
        Ok(previous)
    }

    fn insert_import(&mut self, b: &NewImportBatch) -> StoreResult<i64> {
        let what = || format!("tệp đã được nhập / file already imported: {}", b.file_name);
        let rows = self.query_mapped(
            "insert into import_batches (kind, file_name, sha256, rows, imported_by, imported_at)
             values ($1, $2, $3, $4, $5, $6) on conflict (sha256) do nothing returning id",
            &[
                &b.kind,
                &b.file_name,
                &b.sha256,
                &i64::try_from(b.rows).unwrap_or(i64::MAX),
                &b.imported_by,
                &b.imported_at.unix_timestamp(),
            ],
            constraint(what),
        )?;
        get(rows.first().ok_or_else(|| StoreError::Duplicate(what()))?, 0)
    }

    fn insert_audit(&mut self, a: &NewAudit) -> StoreResult<()> {
        self.query_mapped(
            "insert into audit (at, actor, case_id, action, before, after) values ($1, $2, $3, $4, $5, $6)",
            &[&a.at.unix_timestamp(), &a.actor, &a.case.map(|c| c.0), &a.action, &a.before, &a.after],
            constraint(|| "nhật ký / audit".to_string()),
        )?;
        Ok(())
    }

    fn set_password(&mut self, staff: StaffId, password_hash: &str, at: OffsetDateTime) -> StoreResult<()> {
        accounts::set_password(self, staff, password_hash, at)
    }

    fn update_staff(&mut self, staff: StaffId, unit: UnitId, role: Role) -> StoreResult<()> {
        accounts::update_staff(self, staff, unit, role)
    }

    fn insert_session(&mut self, session: &NewSession) -> StoreResult<()> {
        accounts::insert_session(self, session)
    }

    fn delete_session(&mut self, token_hash: &str) -> StoreResult<()> {
        accounts::delete_session(self, token_hash)
    }

    fn delete_sessions_of(&mut self, staff: StaffId) -> StoreResult<u64> {
        accounts::delete_sessions_of(self, staff)
    }

    fn delete_expired_sessions(&mut self, now: OffsetDateTime) -> StoreResult<u64> {
        accounts::delete_expired_sessions(self, now)
    }

    fn announced_days(&mut self) -> StoreResult<Vec<thads_store::AnnouncedDayRecord>> {
        self.query(crate::calendar::DAYS_SQL, &[])?.iter().map(crate::calendar::day).collect()
    }

    fn insert_announced_day(&mut self, day: &thads_store::AnnouncedDayRecord) -> StoreResult<()> {
        crate::calendar::insert_announced_day(self, day)
    }

    fn delete_announced_day(&mut self, date: time::Date) -> StoreResult<Option<thads_store::AnnouncedDayRecord>> {
        crate::calendar::delete_announced_day(self, date)
    }

    fn rule_overrides(&mut self) -> StoreResult<Vec<thads_store::RuleOverride>> {
        self.query(crate::calendar::OVERRIDES_SQL, &[])?.iter().map(crate::calendar::rule_override).collect()
    }

    fn set_rule_override(
        &mut self,
        rule: &thads_store::RuleOverride,
    ) -> StoreResult<Option<thads_store::RuleOverride>> {
        crate::calendar::set_rule_override(self, rule)
    }

    fn delete_rule_override(&mut self, rule_id: &str) -> StoreResult<Option<thads_store::RuleOverride>> {
        crate::calendar::delete_rule_override(self, rule_id)
    }

    fn replace_deadlines(&mut self, cases: &[CaseId], rows: &[thads_store::DeadlineRow]) -> StoreResult<()> {
        if !cases.is_empty() {
            self.settle_indexes()?; // the old rows are found through `deadlines_case`
        }
        crate::deadlines::replace(self, cases, rows)
    }

    fn clear_deadlines(&mut self) -> StoreResult<()> {
        crate::deadlines::clear(self)
    }

    fn set_deadlines_stamp(&mut self, stamp: &str) -> StoreResult<()> {
        crate::calendar::set_stamp(self, stamp)
    }

    fn commit(mut self: Box<Self>) -> StoreResult<()> {
        self.finish()
    }
}
