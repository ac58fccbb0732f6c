//! What every kind of file shares: who imports it and when, the rows read one by one with
//! progress, the file's store transaction with its batch record, and its one audit entry.

use csv::StringRecord;
use serde_json::json;
use thads_core::Rules;
use thads_store::{NewAudit, NewImportBatch, Store, StoreError, WriteTx};
use time::Date;

use super::authority::{Authority, Gate};
use super::problem::Problem;
use super::row::Row;
use super::source::Source;
use super::table::{Header, Table};
use crate::actor::Actor;
use crate::error::AppResult;
use crate::progress::Progress;

/// How often (in rows) progress is reported.
const PROGRESS_STEP: u64 = 4096;

/// The file being imported and who imports it.
pub struct FileCtx<'a> {
    pub store: &'a dyn Store,
    pub actor: &'a Actor,
    pub authority: &'a Authority,
    pub rules: &'a Rules,
    pub progress: &'a dyn Progress,
    pub source: &'a Source,
    /// Events and acceptances may not be dated after this day (Vietnam time).
    pub today: Date,
}

/// The file's transaction and the id of its import batch (kept on every row it adds).
pub struct Batch<'s> {
    pub tx: Box<dyn WriteTx + 's>,
    pub id: i64,
}

/// Starts the file's transaction and records the file; a file recorded meanwhile by another
/// import is a problem, not a failure.
pub fn begin<'s>(ctx: &FileCtx<'s>, table: &Table) -> AppResult<Result<Batch<'s>, Problem>> {
    let mut tx = ctx.store.begin()?;
    let record = NewImportBatch {
        kind: ctx.source.kind.code().to_string(),
        file_name: ctx.source.name.clone(),
        sha256: table.sha256.clone(),
        rows: table.data_rows,
        imported_by: ctx.actor.login.clone(),
        imported_at: ctx.actor.at,
    };
    match tx.insert_import(&record) {
        Ok(id) => Ok(Ok(Batch { tx, id })),
        Err(StoreError::Duplicate(what)) => Ok(Err(Problem::file(format!("đã tồn tại / already exists: {what}")))),
        Err(e) => Err(e.into()),
    }
}

impl FileCtx<'_> {
    /// The import's authority over `units`, the units as the file's transaction sees them.
    pub fn gate(&self, units: &[thads_core::Unit]) -> Gate<'_> {
        Gate::new(self.authority, units)
    }
}

/// Audits the file (one entry: who, when, which file as it was named and its hash, how many
/// rows) and commits.
pub fn commit(ctx: &FileCtx<'_>, mut batch: Batch<'_>, table: &Table, summary: serde_json::Value) -> AppResult<()> {
    let mut after = json!({
        "file": ctx.source.name,
        "kind": ctx.source.kind.code(),
        "batch": batch.id,
        "rows": table.data_rows,
        "sha256": table.sha256,
        "summary": summary,
    });
    if let Some(workbook) = &ctx.source.workbook_sha256 {
        after["workbook_sha256"] = json!(workbook);
    }
    batch.tx.insert_audit(&NewAudit {
        at: ctx.actor.at,
        actor: ctx.actor.login.clone(),
        case: None,
        action: format!("import.{}", ctx.source.kind.code()),
        before: None,
        after: Some(after.to_string()),
    })?;
    batch.tx.commit()?;
    Ok(())
}

/// Reads a table's data rows one at a time, checking each row's shape and reporting progress.
pub struct RowReader<'t> {
    table: &'t mut Table,
    pub header: Header,
    record: StringRecord,
    progress: &'t dyn Progress,
    read: u64,
    ended: bool,
}

impl<'t> RowReader<'t> {
    pub fn new(table: &'t mut Table, header: Header, progress: &'t dyn Progress, label: &str) -> RowReader<'t> {
        progress.phase(label, Some(table.data_rows));
        RowReader { table, header, record: StringRecord::new(), progress, read: 0, ended: false }
    }

    /// The next well-shaped row; rows of the wrong shape are recorded in `problems` and skipped.
    /// A file that cannot be read further (not UTF-8) ends the rows with a problem.
    pub fn next<'a>(&'a mut self, problems: &'a mut Vec<Problem>) -> Option<Row<'a>> {
        while !self.ended {
            let number = match self.table.next(&mut self.record) {
                Ok(Some(number)) => number,
                Ok(None) => break,
                Err(problem) => {
                    problems.push(problem);
                    break;
                }
            };
            self.tick();
            match self.header.check_shape(&self.record, number) {
                Ok(()) => return Some(Row::new(number, &self.record, &self.header, problems)),
                Err(problem) => problems.push(problem),
            }
        }
        self.end();
        None
    }

    fn tick(&mut self) {
        self.read += 1;
        if self.read.is_multiple_of(PROGRESS_STEP) {
            self.progress.advance(PROGRESS_STEP);
        }
    }

    fn end(&mut self) {
        if !self.ended {
            self.ended = true;
            self.progress.advance(self.read % PROGRESS_STEP);
            self.progress.finish();
        }
    }
}
