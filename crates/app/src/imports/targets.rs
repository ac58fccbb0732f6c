//! Importing targets (chỉ tiêu): a unit's target completion rates for a reporting year, at most
//! one per unit and year.

use std::collections::{HashMap, HashSet};

use serde_json::json;
use thads_core::access::Action;
use thads_core::{Percent, ReportingYear, UnitId};
use thads_store::{StoreError, Target};

use super::authority::Gate;
use super::batch::{self, FileCtx, RowReader};
use super::columns::targets::{CASES_PCT, MONEY_PCT, UNIT, YEAR};
use super::outcome::{Imported, Outcome};
use super::problem::Problem;
use super::row::Row;
use super::table::{Header, Table};
use crate::error::AppResult;

pub(super) fn import(ctx: &FileCtx<'_>, mut table: Table, header: Header) -> AppResult<Outcome> {
    let stored: HashSet<(UnitId, ReportingYear)> = ctx.store.targets()?.iter().map(|t| (t.unit, t.year)).collect();
    let mut batch = match batch::begin(ctx, &table)? {
        Ok(batch) => batch,
        Err(problem) => return Ok(Outcome::Refused(vec![problem])),
    };
    let stored_units = batch.tx.units()?;
    let gate = ctx.gate(&stored_units);
    let units: HashMap<String, UnitId> = stored_units.into_iter().map(|u| (u.code.to_string(), u.id)).collect();
    let mut problems = Vec::new();
    let mut seen: HashMap<(UnitId, ReportingYear), u64> = HashMap::new();
    let mut targets = Vec::new();
    let mut reader = RowReader::new(&mut table, header, ctx.progress, "Kiểm tra chỉ tiêu / checking targets");
    while let Some(mut row) = reader.next(&mut problems) {
        if let Some(target) = parse(&mut row, &units, &gate) {
            check_duplicate(&mut row, &target, &stored, &mut seen);
            if row.ok() {
                targets.push((row.number, target));
            }
        }
    }
    drop(reader);
    if problems.is_empty() {
        for (row, target) in &targets {
            match batch.tx.insert_target(target) {
                Ok(()) => {}
                Err(StoreError::Duplicate(what)) => {
                    problems.push(Problem::row(*row, format!("đã tồn tại / already exists: {what}")))
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    if !problems.is_empty() {
        return Ok(Outcome::Refused(problems));
    }
    let id = batch.id;
    batch::commit(ctx, batch, &table, json!({ "targets": targets.len() }))?;
    Ok(Outcome::Imported(Imported { batch: id, rows: table.data_rows, officers_created: Vec::new(), cases_touched: 0 }))
}

fn parse(row: &mut Row<'_>, units: &HashMap<String, UnitId>, gate: &Gate<'_>) -> Option<Target> {
    let unit = row.required(UNIT, |code| {
        let unit = *units.get(code).ok_or_else(|| format!("không có đơn vị «{code}» / unknown unit"))?;
        gate.check(Action::SetTargets { unit }).map(|()| unit)
    });
    let year = row.required(YEAR, |text| {
        let number: i32 = text.parse().map_err(|_| format!("năm không hợp lệ / not a year: «{text}»"))?;
        ReportingYear::new(number).map_err(|e| e.to_string())
    });
    let cases = row.required(CASES_PCT, Percent::parse);
    let money = row.required(MONEY_PCT, Percent::parse);
    Some(Target { unit: unit?, year: year?, cases: cases?, money: money? })
}

fn check_duplicate(
    row: &mut Row<'_>,
    target: &Target,
    stored: &HashSet<(UnitId, ReportingYear)>,
    seen: &mut HashMap<(UnitId, ReportingYear), u64>,
) {
    let key = (target.unit, target.year);
    if let Some(first) = seen.get(&key) {
        let first = *first;
        row.fail(YEAR, format!("chỉ tiêu trùng với dòng {first} / duplicate target (row {first})"));
    } else if stored.contains(&key) {
        row.fail(YEAR, "đơn vị đã có chỉ tiêu năm này / the unit already has a target for this year");
    } else {
        seen.insert(key, row.number);
    }
}
