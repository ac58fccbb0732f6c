//! What an import reports for each file or sheet: imported (with what it added), refused (with
//! every problem), already imported, or skipped after an earlier refusal.

use thads_store::ImportBatch;

use super::kind::Kind;
use super::problem::Problem;

/// What happened to one file or sheet.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file's name (with `[sheet]` for a workbook sheet).
    pub file: String,
    pub kind: Option<Kind>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Imported(Imported),
    /// Nothing from the file landed; every problem found.
    Refused(Vec<Problem>),
    /// The same content was imported before; nothing changed.
    AlreadyImported(ImportBatch),
    /// Not attempted because an earlier file was refused.
    Skipped {
        after: String,
    },
}

/// What an imported file added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub batch: i64,
    pub rows: u64,
    /// Officers named in a cases file that were not known, created as staff of the case's unit.
    pub officers_created: Vec<String>,
    /// Cases whose history an events file extended.
    pub cases_touched: u64,
}

impl Outcome {
    pub fn is_imported(&self) -> bool {
        matches!(self, Outcome::Imported(_))
    }
}
