//! Importing cases: one row per enforcement decision (QĐ THA), opened with no history. Rows
//! are checked and written in chunks inside the file's transaction; after the first problem
//! nothing more is written, but every row is still checked.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use serde_json::json;
use thads_core::access::Action;
use thads_core::case::parse_flag;
use thads_core::case::{Obligation, PartyId};
use thads_core::field;
use thads_core::ledger::case_ledger;
use thads_core::lifecycle::opening;
use thads_core::{CaseDetails, CaseFacts, CaseNo, Categories, JudgmentType, Login, Origin, UnitCode, UnitId};
use thads_store::{NewCase, WriteTx};

use super::authority::Gate;
use super::batch::{self, FileCtx, RowReader};
use super::columns::cases::{
    ACCEPTED_ON, AMOUNT, CASE_NO, CATEGORIES, CREDITOR, DEBTOR, DEBTOR_ID, DELEGATION, JUDGMENT_TYPE, OBLIGATION,
    OFFICER, ORIGIN, UNIT,
};
use super::ledger_sum::LedgerSum;
use super::officers::Officers;
use super::outcome::{Imported, Outcome};
use super::problem::Problem;
use super::row::Row;
use super::table::{Header, Table};
use crate::error::AppResult;

/// Rows checked against the database and written together.
const CHUNK: usize = 4096;

/// The state of a cases file being imported.
struct CaseFile<'c, 's> {
    ctx: &'c FileCtx<'s>,
    batch: i64,
    units: HashMap<String, (UnitId, UnitCode)>,
    gate: Gate<'c>,
    officers: Officers,
    /// Every (unit, number) of the file so far, with its row (FxHash: millions of short keys,
    /// none chosen by an adversary).
    seen: FxHashMap<(UnitId, CaseNo), u64>,
    /// Whether the database had cases before: if not, only the file itself can hold duplicates.
    had_cases: bool,
    /// Each row's case with its details (the debtor's identity number and the obligation, when
    /// the file has them).
    pending: Vec<(u64, NewCase, CaseDetails)>,
    ledger: LedgerSum,
    /// Nothing is written once a problem is found (the transaction will be rolled back).
    writing: bool,
}

pub(super) fn import(ctx: &FileCtx<'_>, mut table: Table, header: Header) -> AppResult<Outcome> {
    let mut batch = match batch::begin(ctx, &table)? {
        Ok(batch) => batch,
        Err(problem) => return Ok(Outcome::Refused(vec![problem])),
    };
    let tx = batch.tx.as_mut();
    let mut file = CaseFile::new(ctx, batch.id, tx)?;
    let mut problems = Vec::new();
    let mut reader =
        RowReader::new(&mut table, header, ctx.progress, "Kiểm tra và ghi việc / checking and writing cases");
    while let Some(mut row) = reader.next(&mut problems) {
        if let Some((case, details)) = file.parse(&mut row, tx)? {
            file.pending.push((row.number, case, details));
        }
        file.writing &= problems.is_empty();
        if file.pending.len() >= CHUNK {
            file.flush(tx, &mut problems)?;
        }
    }
    drop(reader);
    file.flush(tx, &mut problems)?;
    if !problems.is_empty() {
        return Ok(Outcome::Refused(problems));
    }
    file.ledger.flush(tx)?;
    tx.touch_ledger()?;
    let created = std::mem::take(&mut file.officers.created);
    batch::commit(ctx, batch, &table, json!({ "cases": table.data_rows, "officers_created": created }))?;
    Ok(Outcome::Imported(Imported {
        batch: file.batch,
        rows: table.data_rows,
        officers_created: created,
        cases_touched: 0,
    }))
}

impl<'c, 's> CaseFile<'c, 's> {
    fn new(ctx: &'c FileCtx<'s>, batch: i64, tx: &mut dyn WriteTx) -> AppResult<CaseFile<'c, 's>> {
        let stored = tx.units()?;
        let gate = ctx.gate(&stored);
        let units = stored.into_iter().map(|u| (u.code.to_string(), (u.id, u.code))).collect();
        Ok(CaseFile {
            ctx,
            batch,
            units,
            gate,
            officers: Officers::load(tx)?,
            seen: FxHashMap::default(),
            had_cases: ctx.store.case_count()? > 0,
            pending: Vec::with_capacity(CHUNK),
            ledger: LedgerSum::default(),
            writing: true,
        })
    }

    /// The case of a row, or `None` (with its problems recorded).
    fn parse(&mut self, row: &mut Row<'_>, tx: &mut dyn WriteTx) -> AppResult<Option<(NewCase, CaseDetails)>> {
        let unit = row.required(UNIT, |code| {
            let unit = self.units.get(code).ok_or_else(|| format!("không có đơn vị «{code}» / unknown unit"))?;
            self.gate.check(Action::CreateCase { unit: unit.0 }).map(|()| unit.clone())
        });
        let case_no = row.required(CASE_NO, CaseNo::new);
        let accepted_on = row.date(ACCEPTED_ON);
        if let Some(day) = accepted_on
            && day > self.ctx.today
        {
            row.fail(ACCEPTED_ON, "ngày thụ lý sau ngày hôm nay / accepted in the future");
        }
        let origin = row.required(ORIGIN, Origin::parse);
        let received_by_delegation = row.parse(DELEGATION, parse_flag);
        let judgment_type = row.required(JUDGMENT_TYPE, JudgmentType::parse);
        let categories = row.parse(CATEGORIES, Categories::parse);
        let amount = row.money(AMOUNT);
        let debtor = row.required(DEBTOR, |t| field::DEBTOR.clean_required(t));
        let creditor = row.parse(CREDITOR, |t| field::CREDITOR.clean(t));
        let officer = match &unit {
            Some(unit) => self.officer(row, unit, tx)?,
            None => None,
        };
        let debtor_id = row.parse(DEBTOR_ID, |t| PartyId::parse("debtor_id", field::DEBTOR_ID, t));
        let obligation = row.parse(OBLIGATION, Obligation::parse);
        if let (Some((unit, _)), Some(no)) = (&unit, &case_no) {
            self.check_duplicate(row, *unit, no);
        }
        if !row.ok() {
            return Ok(None);
        }
        let facts = (|| {
            Some(CaseFacts {
                unit: unit?.0,
                case_no: case_no?,
                accepted_on: accepted_on?,
                origin: origin?,
                received_by_delegation: received_by_delegation?,
                judgment_type: judgment_type?,
                categories: categories?,
                amount: amount?,
                debtor: debtor?,
                creditor: creditor?,
                officer: officer.flatten(),
            })
        })();
        let details = CaseDetails {
            debtor_id: debtor_id.flatten(),
            obligation: obligation.unwrap_or_default(),
            ..CaseDetails::default()
        };
        facts.map(|facts| Ok((self.new_case(facts, tx)?, details))).transpose()
    }

    /// The officer column: `None` when empty or bad, `Some(None)` for an officer not yet written.
    /// Only asked for a unit the import may write (an unknown login becomes staff there).
    fn officer(
        &mut self,
        row: &mut Row<'_>,
        unit: &(UnitId, UnitCode),
        tx: &mut dyn WriteTx,
    ) -> AppResult<Option<Option<thads_core::StaffId>>> {
        let Some(login) = row.optional(OFFICER, Login::new).flatten() else { return Ok(None) };
        match self.officers.resolve(&login, (unit.0, &unit.1), tx, self.writing)? {
            Ok(id) => Ok(Some(id)),
            Err(reason) => {
                row.fail(OFFICER, reason);
                Ok(None)
            }
        }
    }

    fn check_duplicate(&mut self, row: &mut Row<'_>, unit: UnitId, case_no: &CaseNo) {
        let key = (unit, case_no.clone());
        if let Some(first) = self.seen.get(&key) {
            let first = *first;
            row.fail(
                CASE_NO,
                format!("số quyết định trùng với dòng {first} / duplicate decision number (row {first})"),
            );
        } else {
            self.seen.insert(key, row.number);
        }
    }

    /// The case to write, its ledger change summed (only while the file is good: a refused
    /// file writes no ledger).
    fn new_case(&mut self, facts: CaseFacts, tx: &mut dyn WriteTx) -> AppResult<NewCase> {
        let basis = facts.basis();
        if self.writing {
            let ledger = case_ledger(&basis, &[], &self.ctx.rules.classification);
            self.ledger.change(&facts.dims(), None, &ledger)?;
            self.ledger.flush_if_large(tx)?;
        }
        Ok(NewCase { current: opening(&basis), facts, last_event_on: None, event_count: 0, batch: Some(self.batch) })
    }

    /// Checks the pending rows against cases already stored, then writes them if nothing failed.
    fn flush(&mut self, tx: &mut dyn WriteTx, problems: &mut Vec<Problem>) -> AppResult<()> {
        // A case accepted in a closed month would change that month's figures (`periods`).
        let closings = crate::periods::Closings::load(tx, self.pending.iter().map(|(_, c, _)| c.facts.accepted_on))?;
        for (row, case, _) in &self.pending {
            if let Err(closed) = closings.check(case.facts.unit, case.facts.accepted_on) {
                let day = thads_core::dates::format_vn(case.facts.accepted_on);
                problems.push(Problem::cell(*row, "accepted_on", &day, closed));
            }
        }
        if self.had_cases {
            let keys: Vec<_> = self.pending.iter().map(|(_, c, _)| (c.facts.unit, c.facts.case_no.clone())).collect();
            for ((row, case, _), found) in self.pending.iter().zip(tx.find_cases(&keys)?) {
                if found.is_some() {
                    let no = case.facts.case_no.as_str();
                    problems.push(Problem::cell(
                        *row,
                        "case_no",
                        no,
                        "việc đã có trong cơ sở dữ liệu / the case already exists",
                    ));
                }
            }
        }
        self.writing &= problems.is_empty();
        if self.writing {
            let mut rows: Vec<(NewCase, CaseDetails)> = self.pending.drain(..).map(|(_, c, d)| (c, d)).collect();
            // Grouped by unit, the inserts into the indexes led by the unit stay on few pages.
            rows.sort_unstable_by(|(a, _), (b, _)| {
                (a.facts.unit, &a.facts.case_no).cmp(&(b.facts.unit, &b.facts.case_no))
            });
            let (cases, details): (Vec<NewCase>, Vec<CaseDetails>) = rows.into_iter().unzip();
            let ids = tx.insert_cases(&cases)?;
            crate::deadlines::keep_new_cases(tx, ids.iter().zip(&cases).map(|(id, c)| (*id, &c.facts, &[][..])))?;
            // Only rows that carry a detail get a row of details (a file without the columns
            // writes none, as before).
            let with_details: Vec<(thads_core::CaseId, CaseDetails)> =
                ids.iter().zip(details).filter(|(_, d)| !d.is_empty()).map(|(id, d)| (*id, d)).collect();
            if !with_details.is_empty() {
                tx.put_cases_details(&with_details)?;
            }
        }
        self.pending.clear();
        Ok(())
    }
}
