//! Whether uploaded registers stay inside the uploader's units. The import itself (as on the
//! command line) may write any unit; through the web, a person imports for the unit they chose
//! and the units below it, so every row naming an existing unit outside that scope is refused
//! before anything is imported, with its file, row and column like any other problem.
//!
//! Only the unit columns are read here (`unit`; for units files `parent`, `code`, `successor`);
//! everything else, unknown codes included, is the import's to check.

use std::collections::HashSet;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use thads_app::import::{Kind, Problem};
use thads_core::{UnitId, UnitTree};

/// The scope a web import may write: a unit's subtree.
pub struct Scope<'a> {
    pub tree: &'a UnitTree,
    pub unit: UnitId,
    pub covered: HashSet<UnitId>,
}

impl<'a> Scope<'a> {
    pub fn of(tree: &'a UnitTree, unit: UnitId) -> Scope<'a> {
        Scope { tree, unit, covered: tree.scope(unit).into_iter().collect() }
    }

    /// A problem when `code` names an existing unit outside the scope. `new` holds the codes
    /// that units files of this upload create.
    fn check(&self, row: u64, column: &str, code: &str, new: &HashSet<String>) -> Option<Problem> {
        let code = code.trim();
        if code.is_empty() || new.contains(code) {
            return None;
        }
        let unit = self.tree.by_code(code)?;
        (!self.covered.contains(&unit.id)).then(|| {
            let own = self.tree.get(self.unit).map(|u| u.code.to_string()).unwrap_or_default();
            Problem::cell(
                row,
                column,
                code,
                format!("đơn vị {code} ngoài phạm vi nhập của bạn ({own}) / unit {code} is outside your scope ({own})"),
            )
        })
    }
}

/// One table of an upload: its kind and its rows as text, the header first.
pub struct Rows {
    pub kind: Kind,
    /// The workbook sheet it comes from; `None` for CSV.
    pub sheet: Option<String>,
    /// Excel's number of the first row (the header).
    pub first_row: u64,
    pub rows: Vec<Vec<String>>,
}

/// The problems of one table (empty when it stays inside the scope).
pub fn problems(table: &Rows, scope: &Scope<'_>, new: &HashSet<String>) -> Vec<Problem> {
    let Some((header, rows)) = table.rows.split_first() else { return Vec::new() };
    let columns: &[&str] = match table.kind {
        Kind::Units => &["code", "parent", "successor"],
        _ => &["unit"],
    };
    let mut found = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let number = table.first_row + 1 + i as u64;
        for name in columns {
            let Some(at) = header.iter().position(|h| h.trim_start_matches('\u{feff}').trim() == *name) else {
                continue;
            };
            let value = row.get(at).map_or("", String::as_str);
            // A new unit must hang under the scope: an empty parent would make it a root.
            if table.kind == Kind::Units && *name == "parent" && value.trim().is_empty() {
                found.push(Problem::cell(
                    number,
                    name,
                    "",
                    "đơn vị gốc chỉ do cấp trung ương tạo / only the national level creates a root unit",
                ));
                continue;
            }
            // The code of a new unit is the import's to check; an existing one must be ours.
            let is_new_code =
                table.kind == Kind::Units && *name == "code" && scope.tree.by_code(value.trim()).is_none();
            if !is_new_code && let Some(p) = scope.check(number, name, value, new) {
                found.push(p);
            }
        }
    }
    found
}

/// The codes a units table creates (not yet in the tree).
pub fn new_codes(table: &Rows, tree: &UnitTree) -> Vec<String> {
    let Some((header, rows)) = table.rows.split_first() else { return Vec::new() };
    let Some(at) = header.iter().position(|h| h.trim_start_matches('\u{feff}').trim() == "code") else {
        return Vec::new();
    };
    rows.iter()
        .filter_map(|r| r.get(at).map(|c| c.trim().to_string()))
        .filter(|c| !c.is_empty() && tree.by_code(c).is_none())
        .collect()
}

/// The tables of a CSV file (one) or a workbook (one per sheet named after a kind). A file that
/// cannot be read yields nothing here: the import reports it.
pub fn read(path: &Path) -> Vec<Rows> {
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            Kind::from_file_stem(stem).and_then(|kind| csv_rows(path, kind)).into_iter().collect()
        }
        Some("xlsx" | "xlsm") => sheets(path),
        _ => Vec::new(),
    }
}

fn csv_rows(path: &Path, kind: Kind) -> Option<Rows> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(path).ok()?;
    let rows = reader.records().map_while(Result::ok).map(|r| r.iter().map(str::to_string).collect()).collect();
    Some(Rows { kind, sheet: None, first_row: 1, rows })
}

fn sheets(path: &Path) -> Vec<Rows> {
    let Ok(mut book): Result<Xlsx<_>, _> = open_workbook(path) else { return Vec::new() };
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let Some(kind) = Kind::from_sheet(&name) else { continue };
        let Ok(range) = book.worksheet_range(&name) else { continue };
        let first_row = range.start().map_or(1, |(row, _)| u64::from(row) + 1);
        let rows = range.rows().map(|r| r.iter().map(text).collect()).collect();
        tables.push(Rows { kind, sheet: Some(name.clone()), first_row, rows });
    }
    tables
}

/// A cell as text: unit codes are text, but a code typed as a number reads as its digits.
fn text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}
