//! Importing cases: one row per enforcement decision (QĐ THA), opened with no history. Rows
//! are checked and written in chunks inside the file's transaction; after the first problem
//! nothing more is written, but every row is still checked.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::mpsc::{SyncSender, sync_channel};

use rustc_hash::FxHashMap;
use serde_json::json;
use thads_core::case::parse_flag;
use thads_core::ledger::{CaseLedger, case_ledger};
use thads_core::lifecycle::opening;
use thads_core::{CaseFacts, CaseNo, Categories, JudgmentType, Login, Origin, Rules, UnitCode, UnitId};
use thads_store::{NewCase, WriteTx};
use time::Date;

use super::batch::{self, FileCtx, RowReader};
use super::kind::Column;
use super::ledger_sum::LedgerSum;
use super::officers::Officers;
use super::problem::Problem;
use super::row::Row;
use super::table::{Header, Table};
use super::{Imported, Outcome};
use crate::error::AppResult;

pub(super) const COLUMNS: [Column; 11] = [
    Column::required("unit"),
    Column::required("case_no"),
    Column::required("accepted_on"),
    Column::required("origin"),
    Column::optional("received_by_delegation"),
    Column::required("judgment_type"),
    Column::optional("categories"),
    Column::required("amount_vnd"),
    Column::required("debtor"),
    Column::required("creditor"),
    Column::optional("officer"),
];
const UNIT: usize = 0;
const CASE_NO: usize = 1;
const ACCEPTED_ON: usize = 2;
const ORIGIN: usize = 3;
const DELEGATION: usize = 4;
const JUDGMENT_TYPE: usize = 5;
const CATEGORIES: usize = 6;
const AMOUNT: usize = 7;
const DEBTOR: usize = 8;
const CREDITOR: usize = 9;
const OFFICER: usize = 10;

/// Rows checked against the database and written together, and handed from the reading
/// thread to the writing one together.
const CHUNK: usize = 4096;

/// The state of a cases file being written (on the transaction's thread).
struct CaseFile<'c> {
    batch: i64,
    units: &'c HashMap<String, (UnitId, UnitCode)>,
    officers: Officers,
    /// Whether the database had cases before: if not, only the file itself can hold duplicates.
    had_cases: bool,
    pending: Vec<(u64, NewCase)>,
    ledger: LedgerSum,
    /// Nothing is written once a problem is found (the transaction will be rolled back).
    writing: bool,
}

/// Reads and checks the rows on a second thread (everything that needs no database: values,
/// units, duplicates within the file, the opening state and ledger), while this thread names
/// the officers (which may add staff), checks the numbers against stored cases and writes.
/// Measured on a million cases: the reading and checking was a quarter of the file's time.
pub(super) fn import(ctx: &FileCtx<'_>, mut table: Table, header: Header) -> AppResult<Outcome> {
    let mut batch = match batch::begin(ctx, &table)? {
        Ok(batch) => batch,
        Err(problem) => return Ok(Outcome::Refused(vec![problem])),
    };
    let tx = batch.tx.as_mut();
    let units: HashMap<String, (UnitId, UnitCode)> =
        tx.units()?.into_iter().map(|u| (u.code.to_string(), (u.id, u.code))).collect();
    let mut file = CaseFile::new(ctx, batch.id, &units, tx)?;
    let mut problems = Vec::new();
    let parser = RowParser { units: &units, today: ctx.today, rules: ctx.rules, seen: FxHashMap::default() };
    let reader = RowReader::new(&mut table, header, ctx.progress, "Kiểm tra và ghi việc / checking and writing cases");
    std::thread::scope(|scope| -> AppResult<()> {
        let (to_writer, from_reader) = sync_channel::<ParsedChunk>(2);
        scope.spawn(move || parser.run(reader, to_writer));
        for chunk in from_reader {
            problems.extend(chunk.problems);
            for row in chunk.rows {
                file.accept(row, tx, &mut problems)?;
                if file.pending.len() >= CHUNK {
                    file.flush(tx, &mut problems)?;
                }
            }
        }
        Ok(())
    })?;
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

/// Rows parsed by the reading thread, with the problems found in them (in row order).
struct ParsedChunk {
    rows: Vec<ParsedRow>,
    problems: Vec<Problem>,
}

/// What the reading thread made of one row.
struct ParsedRow {
    number: u64,
    unit: Option<(UnitId, UnitCode)>,
    /// The officer named (a well-formed login) and the text as written.
    officer: Option<(Login, String)>,
    /// The row repeats an earlier row's decision number: reported after the officer's problem.
    duplicate: Option<Problem>,
    /// The case without its officer, and its opening ledger, when every value of the row is
    /// good.
    case: Option<(NewCase, CaseLedger)>,
}

/// The reading thread's side: values, units and duplicates within the file.
struct RowParser<'a> {
    units: &'a HashMap<String, (UnitId, UnitCode)>,
    today: Date,
    rules: &'a Rules,
    /// Every (unit, number) of the file so far, with its row.
    seen: FxHashMap<(UnitId, CaseNo), u64>,
}

impl RowParser<'_> {
    /// Parses every row, a chunk at a time, until the file ends or the writer stops.
    fn run(mut self, mut reader: RowReader<'_>, out: SyncSender<ParsedChunk>) {
        loop {
            let mut chunk = ParsedChunk { rows: Vec::with_capacity(CHUNK), problems: Vec::new() };
            while chunk.rows.len() < CHUNK {
                let Some(mut row) = reader.next(&mut chunk.problems) else { break };
                chunk.rows.push(self.parse(&mut row));
            }
            let last = chunk.rows.len() < CHUNK;
            if out.send(chunk).is_err() || last {
                return;
            }
        }
    }

    fn parse(&mut self, row: &mut Row<'_>) -> ParsedRow {
        let unit = row.required(UNIT, |code| {
            self.units.get(code).cloned().ok_or_else(|| format!("không có đơn vị «{code}» / unknown unit"))
        });
        let case_no = row.required(CASE_NO, CaseNo::new);
        let accepted_on = row.date(ACCEPTED_ON);
        if let Some(day) = accepted_on
            && day > self.today
        {
            row.fail(ACCEPTED_ON, "ngày thụ lý sau ngày hôm nay / accepted in the future");
        }
        let origin = row.required(ORIGIN, Origin::parse);
        let received_by_delegation = row.parse(DELEGATION, parse_flag);
        let judgment_type = row.required(JUDGMENT_TYPE, JudgmentType::parse);
        let categories = row.parse(CATEGORIES, Categories::parse);
        let amount = row.money(AMOUNT);
        let debtor = row.required(DEBTOR, |t| Ok::<_, std::convert::Infallible>(t.to_string()));
        let creditor = row.text(CREDITOR).into_owned();
        // Only a case of a known unit can have its officer named.
        let officer = match &unit {
            Some(_) => row.optional(OFFICER, Login::new).flatten().map(|login| (login, row.raw(OFFICER).to_string())),
            None => None,
        };
        let duplicate = match (&unit, &case_no) {
            (Some((unit, _)), Some(no)) => self.duplicate(row, *unit, no),
            _ => None,
        };
        let facts = (|| {
            Some(CaseFacts {
                unit: unit.as_ref()?.0,
                case_no: case_no?,
                accepted_on: accepted_on?,
                origin: origin?,
                received_by_delegation: received_by_delegation?,
                judgment_type: judgment_type?,
                categories: categories?,
                amount: amount?,
                debtor: debtor?,
                creditor,
                officer: None,
            })
        })();
        let case = facts.filter(|_| row.ok() && duplicate.is_none()).map(|facts| {
            let basis = facts.basis();
            let ledger = case_ledger(&basis, &[], &self.rules.classification);
            (NewCase { current: opening(&basis), facts, last_event_on: None, event_count: 0, batch: None }, ledger)
        });
        ParsedRow { number: row.number, unit, officer, duplicate, case }
    }

    /// The problem of a decision number already on an earlier row of the file.
    fn duplicate(&mut self, row: &Row<'_>, unit: UnitId, case_no: &CaseNo) -> Option<Problem> {
        match self.seen.entry((unit, case_no.clone())) {
            Entry::Occupied(first) => {
                let first = *first.get();
                Some(Problem::cell(
                    row.number,
                    COLUMNS[CASE_NO].name,
                    row.raw(CASE_NO),
                    format!("số quyết định trùng với dòng {first} / duplicate decision number (row {first})"),
                ))
            }
            Entry::Vacant(slot) => {
                slot.insert(row.number);
                None
            }
        }
    }
}

impl<'c> CaseFile<'c> {
    fn new(
        ctx: &FileCtx<'_>,
        batch: i64,
        units: &'c HashMap<String, (UnitId, UnitCode)>,
        tx: &mut dyn WriteTx,
    ) -> AppResult<CaseFile<'c>> {
        Ok(CaseFile {
            batch,
            units,
            officers: Officers::load(tx)?,
            had_cases: ctx.store.case_count()? > 0,
            pending: Vec::with_capacity(CHUNK),
            ledger: LedgerSum::default(),
            writing: true,
        })
    }

    /// Names the row's officer (creating an unknown one) and keeps its case to write.
    fn accept(&mut self, row: ParsedRow, tx: &mut dyn WriteTx, problems: &mut Vec<Problem>) -> AppResult<()> {
        self.writing &= problems.is_empty();
        let officer = match (&row.unit, &row.officer) {
            (Some(unit), Some((login, raw))) => {
                let units = self.units;
                let code_of =
                    |id: UnitId| units.values().find(|(u, _)| *u == id).map_or(String::new(), |(_, c)| c.to_string());
                match self.officers.resolve(login, (unit.0, &unit.1), tx, self.writing, code_of)? {
                    Ok(id) => Some(id),
                    Err(reason) => {
                        problems.push(Problem::cell(row.number, COLUMNS[OFFICER].name, raw, reason));
                        None
                    }
                }
            }
            _ => Some(None),
        };
        problems.extend(row.duplicate);
        let (Some((mut case, ledger)), Some(officer)) = (row.case, officer) else { return Ok(()) };
        case.facts.officer = officer;
        case.batch = Some(self.batch);
        self.ledger.change(&case.facts.dims(), None, &ledger)?;
        self.pending.push((row.number, case));
        Ok(())
    }

    /// Checks the pending rows against cases already stored, then writes them if nothing failed.
    fn flush(&mut self, tx: &mut dyn WriteTx, problems: &mut Vec<Problem>) -> AppResult<()> {
        if self.had_cases {
            let keys: Vec<_> = self.pending.iter().map(|(_, c)| (c.facts.unit, c.facts.case_no.clone())).collect();
            for ((row, case), found) in self.pending.iter().zip(tx.find_cases(&keys)?) {
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
            let mut cases: Vec<NewCase> = self.pending.drain(..).map(|(_, c)| c).collect();
            // Grouped by unit, the inserts into the indexes led by the unit stay on few pages.
            cases.sort_unstable_by(|a, b| (a.facts.unit, &a.facts.case_no).cmp(&(b.facts.unit, &b.facts.case_no)));
            let ids = tx.insert_cases(&cases)?;
            crate::deadlines::keep_new_cases(tx, ids.iter().zip(&cases).map(|(id, c)| (*id, &c.facts, &[][..])))?;
            self.ledger.flush_if_large(tx)?;
        }
        self.pending.clear();
        Ok(())
    }
}
