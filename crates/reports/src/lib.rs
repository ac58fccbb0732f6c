//! THADS statistics: the cases and money forms (domain §2.4) of any unit for any period,
//! exact and instant, with targets, breakdowns, international indicators and exports.
//!
//! # How the ledger answers a report
//!
//! Every case adds dated deltas to the statistics ledger (`thads_core::ledger::case_ledger`):
//! the acceptance count and amount on its acceptance day; the stock of open cases by bucket
//! and what they still owe on the days they change; collected and reduced money on the days
//! it moves; and, on the day it closes, the closed count and what it still owed, by closing.
//! Summed by series (a unit and one breakdown value) and run through time, these give, for a
//! period `[from, to]`, the totals before it (E1) and through its end (E2); every column is
//! then a stock at E1 or E2 or a flow E2 − E1 (`cells::Tally::cells`):
//!
//! * carried over = open stocks at E1; new = accepted flow; deducted / completed / terminated =
//!   closed flows by the rules' column of each closing; buckets = open stocks at E2;
//! * money: carried over = owed stocks at E1; completed = collected flow plus the rest of cases
//!   closed as completed; reduced = reduced flow; terminated = the rest of cases terminated;
//! * one correction: money moved within the period on a case deducted within the period left
//!   with the case, so those moves (`DeductedMove`, D) are taken out of completed and reduced
//!   and added to deducted. That makes `to_enforce = with_means + without_means` hold for
//!   money as for cases.
//!
//! This reproduces the reference counting rules of the contract check with one deliberate
//! difference: a terminated case's remaining money counts in `with_means` (see `form`).
//!
//! The same engine runs on months (`MonthEngine`, from the stored ledger; month-aligned
//! periods) and on days (`DayEngine`, from case ledgers; any period). `drill` classifies one
//! case for a period from its history alone; summed over cases it is the full recomputation
//! (`drill::recompute`) the engines are proved equal to.
//!
//! # Use
//!
//! ```text
//! // At start: the store's ledger rows and deducted moves (both monthly), plus cohorts.
//! let rows = store.ledger()?.into_iter().map(|r| SeriesRow { series: r.series, key: r.month, measures: r.measures });
//! let deducted = store.deducted_moves()?.into_iter().map(|d| DeductedInput { case: d.case, dims: d.dims, moved: d.moved });
//! let engine = MonthEngine::build(UnitTree::new(store.units()?), rules.classification, rows, deducted)?
//!     .with_cohorts(cohorts);                       // optional: the age of pending cases
//! let targets: Targets = store.targets()?.into_iter().map(|t| (t.unit, t.year, TargetRates { cases: t.cases, money: t.money })).collect();
//! let report = engine.report(unit, year.cumulative(months)?, &targets)?;   // contract
//! println!("{}", report.to_json()?);
//! let full = engine.full_report(unit, period, &targets)?;                  // + breakdowns, previous year, CEPEJ
//! // After each write: the case's ledger before and after it.
//! engine.apply(&LedgerChange::for_case(id, Some((&old_dims, &old_ledger)), Some((&dims, &ledger))))?;
//! // Any other period: a day engine over the ledgers of the cases in scope (Keep::Totals for
//! // the contract only, Keep::All for breakdowns).
//! let day = DayEngine::from_cases(tree, rules.classification, Keep::Totals, cases)?;
//! let report = day.report(unit, Period::new(from, to)?, &targets)?;
//! ```

pub mod breakdown;
pub mod cells;
pub mod cepej;
pub mod change_codec;
pub mod deducted;
pub mod drill;
pub mod engine;
pub mod error;
pub mod extended;
pub mod form;
pub mod forms;
pub mod input;
pub mod output;
pub mod report;
pub mod staffing;
pub mod timekey;
pub mod timeline;
pub mod unit_rows;
pub mod validate;
pub mod vi;

pub use breakdown::{Breakdowns, RankEntry, Row};
pub use cells::{Cell, Cells, Tally};
pub use cepej::{AgeProfile, Cepej};
pub use change_codec::ChangeDecodeError;
pub use drill::{CaseCells, CaseInput, Intake, Outcome, cases_behind, drill_down, recompute};
pub use engine::{DayEngine, Engine, Keep, MonthEngine};
pub use error::{ReportError, ReportResult};
pub use extended::{Comparison, FullReport};
pub use form::{Column, Form, FormKind};
pub use forms::{FormId, FormInfo, FormInputs, FormSet, OfficialForm, Signing};
pub use input::{CohortRow, DeductedInput, LedgerChange, SeriesRow, case_cohort, case_deducted, case_rows};
pub use report::{Report, TargetRates, Targets, UnitRow};
pub use timekey::{TimeKey, Window};
pub use unit_rows::check_rows;
