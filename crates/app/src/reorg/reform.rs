//! A reform as data (issue 23): a file of merges dated one day, such as the 2025 province
//! reform shipped with THADS (`PROVINCES_2025`: 63 → 34 on 01/07/2025, NQ 202/2025/QH15).
//! Each row names a unit of the new map, its name, and the units it was formed from; loading
//! runs a merge per row (a unit that kept its borders is only renamed when its name differs).
//! Rows whose units this database does not hold are skipped (an agency holds its own province
//! only); a row holding only some of its units is refused, before anything is written.

use serde::Serialize;
use thads_core::dates::parse_date;
use thads_core::{Rules, UnitTree};
use thads_store::Store;
use time::Date;

use super::{Done, MergeRequest, merge, rename};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// The 2025 province reform (`data/reform_2025_provinces.csv`).
pub const PROVINCES_2025: &str = include_str!("../../data/reform_2025_provinces.csv");

/// One row of a reform file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReformRow {
    pub line: usize,
    pub on: Date,
    pub into: String,
    pub name: String,
    pub from: Vec<String>,
    /// C (confirmed) or U (unsure), as the file labels the row.
    pub confidence: String,
}

/// Reads a reform file: `#` lines are comments; the header `on,into,name,from,confidence`;
/// `from` lists codes separated by `;`.
pub fn parse(text: &str) -> AppResult<Vec<ReformRow>> {
    let mut rows = Vec::new();
    let mut header = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        if !header {
            if cells != ["on", "into", "name", "from", "confidence"] {
                return Err(AppError::Invalid(format!(
                    "dòng {}: tiêu đề phải là on,into,name,from,confidence / line {}: the header must be \
                     on,into,name,from,confidence",
                    i + 1,
                    i + 1
                )));
            }
            header = true;
            continue;
        }
        let bad = |what: &str| AppError::Invalid(format!("dòng {} / line {}: {what}", i + 1, i + 1));
        let [on, into, name, from, confidence] = cells.as_slice() else {
            return Err(bad("cần 5 cột / 5 columns expected"));
        };
        let on = parse_date(on).map_err(|e| bad(&e.to_string()))?;
        let from: Vec<String> = from.split(';').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect();
        if from.is_empty() || rows.len() >= 10_000 {
            return Err(bad("thiếu đơn vị / no units"));
        }
        if !matches!(*confidence, "C" | "U") {
            return Err(bad("confidence: C hoặc U / C or U"));
        }
        rows.push(ReformRow {
            line: i + 1,
            on,
            into: (*into).to_string(),
            name: (*name).to_string(),
            from,
            confidence: (*confidence).to_string(),
        });
    }
    Ok(rows)
}

/// What loading a reform did: each row's operation, or why it was skipped.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Loaded {
    pub done: Vec<Done>,
    pub skipped: Vec<String>,
}

/// Loads a reform: a merge per row whose units this database holds (and a rename to the new
/// name where it differs).
pub fn load(store: &dyn Store, actor: &Actor, rules: &Rules, rows: &[ReformRow]) -> AppResult<Loaded> {
    let tree = UnitTree::new(store.units()?);
    for r in rows {
        let held = r.from.iter().filter(|c| tree.by_code(c).is_some()).count();
        if held > 0 && held < r.from.len() {
            let missing: Vec<&str> = r.from.iter().filter(|c| tree.by_code(c).is_none()).map(String::as_str).collect();
            return Err(AppError::Invalid(format!(
                "dòng {}: thiếu đơn vị {} / line {}: units {} are missing (nothing loaded)",
                r.line,
                missing.join(", "),
                r.line,
                missing.join(", ")
            )));
        }
    }
    let mut loaded = Loaded::default();
    for r in rows {
        if r.from.iter().all(|c| tree.by_code(c).is_none()) {
            loaded.skipped.push(format!("{} ({})", r.into, r.from.join(";")));
            continue;
        }
        let closing: Vec<String> = r.from.iter().filter(|c| **c != r.into).cloned().collect();
        if !closing.is_empty() {
            let req =
                MergeRequest { into: r.into.clone(), from: closing, on: r.on, name: Some(r.name.clone()), kind: None };
            loaded.done.push(merge(store, actor, rules, &req)?);
        }
        let now = UnitTree::new(store.units()?);
        if now.by_code(&r.into).is_some_and(|u| u.name != r.name) {
            loaded.done.push(rename(store, actor, &r.into, &r.name, r.on)?);
        }
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2025_reform_has_34_provinces_from_63() {
        let rows = parse(PROVINCES_2025).unwrap();
        assert_eq!(rows.len(), 34);
        let mut old: Vec<&str> = rows.iter().flat_map(|r| r.from.iter().map(String::as_str)).collect();
        assert_eq!(old.len(), 63);
        old.sort_unstable();
        old.dedup();
        assert_eq!(old.len(), 63, "each old province once");
        assert!(rows.iter().all(|r| r.on == time::macros::date!(2025 - 07 - 01)));
        // That it names the demo's 34 provinces is `demo::geography`'s test.
    }
}
