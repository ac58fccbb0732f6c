//! Moving one database into another. Into an empty one (SQLite ⇄ PostgreSQL, a backup moved
//! to the other backend) it is a whole copy (`copy`): every table, every id kept, every table
//! compared after. Into one that holds data (a section's or province's SQLite file into the
//! central PostgreSQL) it is a merge: units matched by code, staff by login, cases with their
//! whole records (new ids, corrections re-linked), targets and the audit trail of each case;
//! the second wave's registers are not carried by a merge and a source holding them is refused.
//! Every conflict is listed before anything is written; everything is written in one
//! transaction, with the target's ledger computed for the moved cases; the statistics of the
//! moved units are then checked.

pub mod copy;
mod plan;
mod verify;
mod write;

use thads_core::{CaseNo, Login, ReportingYear, Rules, UnitCode};
use thads_store::Store;
use time::Date;

use crate::actor::Actor;
use crate::error::AppResult;

pub use copy::{Copied, TableCheck};
pub use plan::Plan;

/// Why the move cannot be made as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The target has a unit with this code that differs (name, kind or parent).
    Unit { code: UnitCode, why: String },
    /// The target has this login for someone else (other unit, name or role).
    Login { login: Login, why: String },
    /// The target already has this case number in this unit.
    CaseNumber { unit: UnitCode, case_no: CaseNo },
    /// The target has another target (chỉ tiêu) for this unit and year.
    Target { unit: UnitCode, year: ReportingYear },
    /// A merge into a database that holds data does not carry this table (a register of the
    /// second wave), and the source holds rows of it: it would be lost. A copy into an empty
    /// database carries it.
    Unmoved { table: &'static str, rows: i64 },
    /// A table of either database that the copy does not know (`thads_store::COPIED_TABLES`):
    /// it would be lost.
    UnknownTable { table: String },
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Conflict::Unit { code, why } => write!(f, "đơn vị / unit {code}: {why}"),
            Conflict::Login { login, why } => write!(f, "tên đăng nhập / login {login}: {why}"),
            Conflict::CaseNumber { unit, case_no } => {
                write!(f, "việc {case_no} của đơn vị {unit} đã có ở nơi nhận / case number already in the target")
            }
            Conflict::Target { unit, year } => {
                write!(f, "chỉ tiêu năm {year} của đơn vị {unit} khác ở nơi nhận / a different target exists")
            }
            Conflict::Unmoved { table, rows } => write!(
                f,
                "{table}: {rows} dòng ở nguồn chỉ chuyển được vào cơ sở dữ liệu trống / {rows} rows in the source that \
                 only a move into an empty database carries"
            ),
            Conflict::UnknownTable { table } => {
                write!(f, "bảng {table} không có trong danh sách chép / table {table} is not one the move copies")
            }
        }
    }
}

/// What was moved and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moved {
    pub units_added: usize,
    pub units_reused: usize,
    pub staff_added: usize,
    pub staff_reused: usize,
    pub cases: usize,
    pub records: usize,
    pub targets: usize,
    pub audit: usize,
    /// Units whose ledger rows were compared, and reports (unit × reporting year) compared.
    pub units_checked: usize,
    pub reports_checked: usize,
    /// Reporting years compared.
    pub years: Vec<ReportingYear>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Merged into a database that held data.
    Moved(Moved),
    /// Copied whole into an empty database.
    Copied(Copied),
    /// Nothing was written.
    Refused(Vec<Conflict>),
}

/// Moves everything in `source` into `target`, or refuses with every conflict: a whole copy
/// if `target` is empty, a merge otherwise.
pub fn migrate(source: &dyn Store, target: &dyn Store, rules: &Rules, actor: &Actor) -> AppResult<Outcome> {
    if copy::is_empty(target)? {
        return copy::copy(source, target, actor);
    }
    let today: Date = actor.today();
    let plan = Plan::make(source, target)?;
    if !plan.conflicts.is_empty() {
        return Ok(Outcome::Refused(plan.conflicts));
    }
    let before = verify::Snapshot::take(target, &plan)?;
    let (mut moved, maps) = write::write(source, target, rules, actor, &plan, today)?;
    target.refresh_planner_statistics()?;
    verify::check(source, target, rules, &plan, &maps, before, &mut moved)?;
    Ok(Outcome::Moved(moved))
}
