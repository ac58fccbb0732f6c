//! Importing events: every row is read and parsed first (compactly, millions fit in memory:
//! `event_rows`), then grouped by case and checked case by case against the stored history
//! (`history`).

use serde_json::json;

use super::batch::{self, FileCtx, RowReader};
use super::event_rows::EventRows;
use super::history;
use super::outcome::{Imported, Outcome};
use super::table::{Header, Table};
use crate::error::AppResult;

pub(super) fn import(ctx: &FileCtx<'_>, mut table: Table, header: Header) -> AppResult<Outcome> {
    let mut batch = match batch::begin(ctx, &table)? {
        Ok(batch) => batch,
        Err(problem) => return Ok(Outcome::Refused(vec![problem])),
    };
    let stored = batch.tx.units()?;
    let gate = ctx.gate(&stored);
    let units = stored.into_iter().map(|u| (u.code.to_string(), u.id)).collect();
    let mut rows = EventRows::new(units, table.data_rows);
    let mut problems = Vec::new();
    let mut reader = RowReader::new(&mut table, header, ctx.progress, "Đọc sự kiện / reading events");
    while let Some(mut row) = reader.next(&mut problems) {
        rows.parse(&mut row, &gate);
    }
    drop(reader);
    let touched = history::check_and_write(ctx, &mut batch, &gate, rows, &mut problems)?;
    if !problems.is_empty() {
        return Ok(Outcome::Refused(problems));
    }
    let id = batch.id;
    batch::commit(ctx, batch, &table, json!({ "events": table.data_rows, "cases": touched }))?;
    Ok(Outcome::Imported(Imported {
        batch: id,
        rows: table.data_rows,
        officers_created: Vec::new(),
        cases_touched: touched,
    }))
}
