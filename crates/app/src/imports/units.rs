//! Importing units: the tree of agencies. Parents may come later in the file than their
//! children (rows are inserted parents first); a successor (merge) may be any unit.

use std::collections::{HashMap, HashSet};

use serde_json::json;
use thads_core::access::Action;
use thads_core::dates::parse_date;
use thads_core::unit::{UnitError, check_placement};
use thads_core::{Unit, UnitCode, UnitId, UnitKind};
use thads_store::{NewUnit, WriteTx};
use time::Date;

use super::authority::Gate;
use super::batch::{self, FileCtx, RowReader};
use super::columns::units::{CODE, KIND, NAME, PARENT, SUCCESSOR, VALID_FROM, VALID_TO};
use super::outcome::{Imported, Outcome};
use super::problem::Problem;
use super::row::Row;
use super::table::{Header, Table};
use crate::error::AppResult;

/// One good row.
struct UnitRow {
    row: u64,
    code: UnitCode,
    name: String,
    kind: UnitKind,
    parent: Option<UnitCode>,
    valid_from: Option<Date>,
    valid_to: Option<Date>,
    successor: Option<UnitCode>,
}

pub(super) fn import(ctx: &FileCtx<'_>, mut table: Table, header: Header) -> AppResult<Outcome> {
    let mut batch = match batch::begin(ctx, &table)? {
        Ok(batch) => batch,
        Err(problem) => return Ok(Outcome::Refused(vec![problem])),
    };
    let mut problems = Vec::new();
    let rows =
        read(RowReader::new(&mut table, header, ctx.progress, "Kiểm tra đơn vị / checking units"), &mut problems);
    let stored = batch.tx.units()?;
    check_authority(&rows, &stored, &ctx.gate(&stored), &mut problems);
    let order = check(&rows, &stored, &mut problems);
    if !problems.is_empty() {
        return Ok(Outcome::Refused(problems));
    }
    write(batch.tx.as_mut(), &rows, &order, &stored)?;
    let id = batch.id;
    batch::commit(ctx, batch, &table, json!({ "units": rows.len() }))?;
    Ok(Outcome::Imported(Imported { batch: id, rows: table.data_rows, officers_created: Vec::new(), cases_touched: 0 }))
}

fn read(mut reader: RowReader<'_>, problems: &mut Vec<Problem>) -> Vec<UnitRow> {
    let mut rows = Vec::new();
    while let Some(mut row) = reader.next(problems) {
        rows.extend(parse(&mut row));
    }
    rows
}

fn parse(row: &mut Row<'_>) -> Option<UnitRow> {
    let code = row.required(CODE, UnitCode::new);
    let name = row.required(NAME, |t| thads_core::field::UNIT_NAME.clean_required(t));
    let kind = row.required(KIND, UnitKind::parse);
    let parent = row.optional(PARENT, UnitCode::new);
    let valid_from = row.optional(VALID_FROM, parse_date);
    let valid_to = row.optional(VALID_TO, parse_date);
    let successor = row.optional(SUCCESSOR, UnitCode::new);
    if let (Some(Some(from)), Some(Some(to))) = (valid_from, valid_to)
        && to < from
    {
        row.fail(VALID_TO, UnitError::Validity);
    }
    let good = row.ok();
    let unit = UnitRow {
        row: row.number,
        code: code?,
        name: name?,
        kind: kind?,
        parent: parent?,
        valid_from: valid_from?,
        valid_to: valid_to?,
        successor: successor?,
    };
    good.then_some(unit)
}

/// A new unit hangs under a unit the import may write (or under a unit of the file, which hangs
/// so in turn), and its successor is such a unit; only the operator creates a unit without a
/// parent.
fn check_authority(rows: &[UnitRow], stored: &[Unit], gate: &Gate<'_>, problems: &mut Vec<Problem>) {
    let stored: HashMap<&UnitCode, UnitId> = stored.iter().map(|u| (&u.code, u.id)).collect();
    for r in rows {
        if r.parent.is_none()
            && let Err(reason) = gate.check_root()
        {
            problems.push(Problem::cell(r.row, "parent", "", reason));
        }
        for (column, code) in [("parent", &r.parent), ("successor", &r.successor)] {
            let Some((code, unit)) = code.as_ref().and_then(|c| Some((c, *stored.get(c)?))) else { continue };
            if let Err(reason) = gate.check(Action::Import { unit }) {
                problems.push(Problem::cell(r.row, column, code.as_str(), reason));
            }
        }
    }
}

/// Checks codes, parents, placement and successors; returns the rows' insertion order.
fn check(rows: &[UnitRow], stored: &[Unit], problems: &mut Vec<Problem>) -> Vec<usize> {
    let stored: HashMap<&UnitCode, &Unit> = stored.iter().map(|u| (&u.code, u)).collect();
    let mut in_file: HashMap<&UnitCode, usize> = HashMap::new();
    let mut national = stored.values().find(|u| u.kind == UnitKind::National).map(|u| u.code.to_string());
    for (i, r) in rows.iter().enumerate() {
        if let Some(first) = in_file.get(&r.code) {
            let reason = format!(
                "mã đơn vị trùng với dòng {} / duplicate unit code (row {})",
                rows[*first].row, rows[*first].row
            );
            problems.push(Problem::cell(r.row, "code", r.code.as_str(), reason));
            continue;
        }
        in_file.insert(&r.code, i);
        if stored.contains_key(&r.code) {
            problems.push(Problem::cell(r.row, "code", r.code.as_str(), "mã đơn vị đã có / the unit already exists"));
        }
        if r.kind == UnitKind::National {
            match &national {
                Some(other) => problems.push(Problem::cell(
                    r.row,
                    "kind",
                    "national",
                    format!("đã có đơn vị cấp quốc gia «{other}» / there is already a national body"),
                )),
                None => national = Some(r.code.to_string()),
            }
        }
    }
    for r in rows {
        check_links(r, rows, &stored, &in_file, problems);
    }
    if !problems.is_empty() {
        return Vec::new();
    }
    insertion_order(rows, &in_file, problems)
}

/// Parent known and of a fitting kind; successor known and not the unit itself.
fn check_links(
    r: &UnitRow,
    rows: &[UnitRow],
    stored: &HashMap<&UnitCode, &Unit>,
    in_file: &HashMap<&UnitCode, usize>,
    problems: &mut Vec<Problem>,
) {
    let lookup = |code: &UnitCode| -> Option<Unit> {
        match in_file.get(code) {
            Some(i) => Some(stand_in(&rows[*i])),
            None => stored.get(code).map(|u| (*u).clone()),
        }
    };
    let parent = match &r.parent {
        None => None,
        Some(code) => match lookup(code) {
            Some(unit) => Some(unit),
            None => {
                let reason = format!("không có đơn vị cấp trên «{code}» / unknown parent unit");
                problems.push(Problem::cell(r.row, "parent", code.as_str(), reason));
                return;
            }
        },
    };
    if let Err(e) = check_placement(r.kind, parent.as_ref()) {
        let value = r.parent.as_ref().map_or("", UnitCode::as_str);
        problems.push(Problem::cell(r.row, "parent", value, e));
    }
    if let Some(code) = &r.successor {
        if *code == r.code {
            problems.push(Problem::cell(
                r.row,
                "successor",
                code.as_str(),
                "đơn vị không thể kế thừa chính nó / a unit cannot succeed itself",
            ));
        } else if lookup(code).is_none() {
            let reason = format!("không có đơn vị kế thừa «{code}» / unknown successor unit");
            problems.push(Problem::cell(r.row, "successor", code.as_str(), reason));
        }
    }
}

/// A file row as a unit, for checking its children's placement.
fn stand_in(r: &UnitRow) -> Unit {
    Unit {
        id: UnitId(0),
        code: r.code.clone(),
        name: r.name.clone(),
        kind: r.kind,
        parent: None,
        valid_from: r.valid_from,
        valid_to: r.valid_to,
        successor: None,
    }
}

/// Parents before children; rows whose parents form a loop are problems.
fn insertion_order(rows: &[UnitRow], in_file: &HashMap<&UnitCode, usize>, problems: &mut Vec<Problem>) -> Vec<usize> {
    let mut order = Vec::with_capacity(rows.len());
    let mut placed: HashSet<&UnitCode> = HashSet::new();
    loop {
        let before = order.len();
        for (i, r) in rows.iter().enumerate() {
            let ready = r.parent.as_ref().is_none_or(|p| !in_file.contains_key(p) || placed.contains(p));
            if !placed.contains(&r.code) && ready {
                placed.insert(&r.code);
                order.push(i);
            }
        }
        if order.len() == before {
            break;
        }
    }
    for r in rows.iter().filter(|r| !placed.contains(&r.code)) {
        let value = r.parent.as_ref().map_or("", UnitCode::as_str);
        problems.push(Problem::cell(
            r.row,
            "parent",
            value,
            "các đơn vị cấp trên tạo thành vòng / the parents form a loop",
        ));
    }
    order
}

fn write(tx: &mut dyn WriteTx, rows: &[UnitRow], order: &[usize], stored: &[Unit]) -> AppResult<()> {
    let mut ids: HashMap<UnitCode, UnitId> = stored.iter().map(|u| (u.code.clone(), u.id)).collect();
    for r in order.iter().map(|i| &rows[*i]) {
        let id = tx.insert_unit(&NewUnit {
            code: r.code.clone(),
            name: r.name.clone(),
            kind: r.kind,
            parent: r.parent.as_ref().and_then(|p| ids.get(p).copied()),
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            successor: None,
        })?;
        ids.insert(r.code.clone(), id);
    }
    for r in rows {
        if let (Some(id), Some(successor)) = (ids.get(&r.code), r.successor.as_ref().and_then(|s| ids.get(s))) {
            tx.link_successor(*id, *successor)?;
        }
    }
    Ok(())
}
