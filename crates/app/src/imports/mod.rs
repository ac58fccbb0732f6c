//! Importing registers (interchange §1–2): units, cases, events and targets from CSV files or
//! workbook sheets, each checked whole (every bad row listed) and applied in one transaction
//! with its statistics ledger, or not at all.
//!
//! Decisions where the contract is silent:
//! - A CSV file's kind comes from its name: `cases.csv`, or one word of it (`2024_cases.csv`,
//!   `BG-cases.csv`). A workbook's sheets are matched by name; other sheets are ignored.
//! - A 0-byte file and a file with a header but no rows are both refused.
//! - Blank rows are skipped (Excel exports them); row numbers still count them, as Excel does.
//! - A file (or sheet) whose SHA-256 was imported before is refused up front; it does not stop
//!   the files after it, whose data may depend on it and is already there. Any other refusal
//!   skips every later file of the command.
//! - Events of one case on the same day apply in file order.
//! - Every row is checked against the import's `Authority` where it is read: the command line
//!   writes anything, a person only what they could write by hand in the unit they chose.

mod authority;
mod batch;
mod cases;
mod columns;
mod csv_rows;
mod event_rows;
mod events;
mod history;
mod kind;
mod ledger_sum;
mod officers;
mod outcome;
mod problem;
mod row;
mod sheet;
mod source;
mod table;
mod targets;
mod units;

use thads_core::Rules;
use thads_store::Store;

pub use authority::Authority;
pub use kind::Kind;
pub use outcome::{FileReport, Imported, Outcome};
pub use problem::Problem;
pub use source::{InputFile, Source};

use self::batch::FileCtx;
use self::table::Table;
use crate::actor::Actor;
use crate::error::AppResult;
use crate::progress::Progress;

/// Imports `files` in dependency order (units, cases, events, targets), one transaction per
/// file, each row on `authority`'s rights. Errors are failures of the store; refused files are
/// reported in the outcome.
pub fn import_files(
    store: &dyn Store,
    actor: &Actor,
    authority: &Authority,
    rules: &Rules,
    files: &[InputFile],
    progress: &dyn Progress,
) -> AppResult<Vec<FileReport>> {
    let sources = match source::plan(files) {
        Ok(sources) => sources,
        Err(refused) => return Ok(unplanned(files, refused)),
    };
    let today = actor.today();
    let mut reports = Vec::with_capacity(sources.len());
    let mut refused: Option<String> = None;
    for source in &sources {
        let outcome = match &refused {
            Some(after) => Outcome::Skipped { after: after.clone() },
            None => {
                let ctx = FileCtx { store, actor, authority, rules, progress, source, today };
                import_one(&ctx)?
            }
        };
        if matches!(outcome, Outcome::Refused(_)) {
            refused.get_or_insert_with(|| source.name.clone());
        }
        if outcome.is_imported() {
            // The next file (events after cases) looks up what this one wrote.
            store.refresh_planner_statistics()?;
        }
        reports.push(FileReport { file: source.name.clone(), kind: Some(source.kind), outcome });
    }
    Ok(reports)
}

/// When some files cannot be imported at all, nothing is: they are refused, the rest skipped.
fn unplanned(files: &[InputFile], refused: Vec<(String, Problem)>) -> Vec<FileReport> {
    let first = refused.first().map(|(name, _)| name.clone()).unwrap_or_default();
    let mut reports: Vec<FileReport> = refused
        .into_iter()
        .map(|(file, problem)| FileReport { file, kind: None, outcome: Outcome::Refused(vec![problem]) })
        .collect();
    for file in files.iter().map(|f| f.name.clone()) {
        if !reports.iter().any(|r| r.file == file) {
            reports.push(FileReport { file, kind: None, outcome: Outcome::Skipped { after: first.clone() } });
        }
    }
    reports
}

fn import_one(ctx: &FileCtx<'_>) -> AppResult<Outcome> {
    let mut table = match Table::open(ctx.source, ctx.progress) {
        Ok(table) => table,
        Err(problem) => return Ok(Outcome::Refused(vec![problem])),
    };
    if let Some(earlier) = ctx.store.import_by_hash(&table.sha256)? {
        return Ok(Outcome::AlreadyImported(earlier));
    }
    let header = match table.header(ctx.source.kind.columns()) {
        Ok(header) => header,
        Err(problems) => return Ok(Outcome::Refused(problems)),
    };
    if table.data_rows == 0 {
        return Ok(Outcome::Refused(vec![Problem::file(
            "tệp chỉ có dòng tiêu đề, không có dòng dữ liệu / no rows: the file has a header but no data",
        )]));
    }
    let outcome = match ctx.source.kind {
        Kind::Units => units::import(ctx, table, header)?,
        Kind::Cases => cases::import(ctx, table, header)?,
        Kind::Events => events::import(ctx, table, header)?,
        Kind::Targets => targets::import(ctx, table, header)?,
    };
    Ok(match outcome {
        Outcome::Refused(problems) => Outcome::Refused(problem::sorted(problems)),
        other => other,
    })
}
