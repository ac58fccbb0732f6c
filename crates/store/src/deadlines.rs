//! Records of the legal deadlines (issue 6): the days the government announces each year and
//! the rule lengths an administrator corrects, both entered by hand with their source; and the
//! derived table of each open case's current deadlines, kept by the application in the same
//! transaction as every change to a case.

use thads_core::calendar::AnnouncedDay;
use thads_core::deadlines::{DeadlineKind, Length};
use thads_core::rules::Confidence;
use thads_core::{CaseId, CaseNo, StaffId, UnitId};
use time::{Date, OffsetDateTime};

/// An announced day off or working day, who entered it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncedDayRecord {
    pub day: AnnouncedDay,
    pub added_by: String,
    pub added_at: OffsetDateTime,
}

/// An administrator's correction of a built-in rule's length (a "verify" cell filled from the
/// official text), applied with `DeadlineRules::with_length`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOverride {
    /// The rule's stable id, e.g. `new.first_verification`.
    pub rule_id: String,
    pub length: Length,
    pub confidence: Confidence,
    /// The legal text the value comes from.
    pub source: String,
    pub set_by: String,
    pub set_at: OffsetDateTime,
}

/// One current deadline of an open case, as stored. Rows are computed from the case's whole
/// history (see `thads_app::deadlines`); whether a row is overdue depends on the day it is
/// read and is not stored: it is `due < on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRow {
    pub case: CaseId,
    pub unit: UnitId,
    pub officer: Option<StaffId>,
    pub case_no: CaseNo,
    pub kind: DeadlineKind,
    pub due: Date,
    pub started_on: Date,
    pub rule_id: String,
    /// A period that simply runs out or an act no event records: shown until its due date,
    /// never as overdue (`Tracking::UntilDue`).
    pub until_due: bool,
}

/// Which stored deadlines to read. Only rows visible on `on` are returned: a row that is shown
/// only until it is due disappears the day after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineQuery {
    pub on: Date,
    /// Only these units (all when `None`). The caller passes the reader's scope.
    pub units: Option<Vec<UnitId>>,
    pub case: Option<CaseId>,
    pub officer: Option<StaffId>,
    /// Only rows due on or after this day.
    pub due_from: Option<Date>,
    /// Only rows due on or before this day (`on` minus a day: the overdue ones).
    pub due_to: Option<Date>,
    /// At most this many rows, earliest due first.
    pub limit: Option<u32>,
}

impl DeadlineQuery {
    /// Every row visible on `on`.
    pub fn on(on: Date) -> DeadlineQuery {
        DeadlineQuery { on, units: None, case: None, officer: None, due_from: None, due_to: None, limit: None }
    }
}

/// Counts of the deadlines visible on a day, per unit and officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineTally {
    pub unit: UnitId,
    pub officer: Option<StaffId>,
    /// Due before the day.
    pub overdue: u64,
    /// Due from the day up to the `soon` day, both included.
    pub due_soon: u64,
    pub total: u64,
}

/// The stable text codes both backends store (the same as the JSON names of the core types).
pub mod codes {
    use thads_core::calendar::AnnouncedKind;
    use thads_core::deadlines::{DeadlineKind, Unit};
    use thads_core::rules::Confidence;

    pub fn announced_kind(kind: AnnouncedKind) -> &'static str {
        match kind {
            AnnouncedKind::DayOff => "day_off",
            AnnouncedKind::WorkingDay => "working_day",
        }
    }

    pub fn announced_kind_of(code: &str) -> Option<AnnouncedKind> {
        [AnnouncedKind::DayOff, AnnouncedKind::WorkingDay].into_iter().find(|k| announced_kind(*k) == code)
    }

    pub fn unit(unit: Unit) -> &'static str {
        match unit {
            Unit::CalendarDays => "calendar_days",
            Unit::WorkingDays => "working_days",
            Unit::Months => "months",
        }
    }

    pub fn unit_of(code: &str) -> Option<Unit> {
        [Unit::CalendarDays, Unit::WorkingDays, Unit::Months].into_iter().find(|u| unit(*u) == code)
    }

    pub fn confidence(c: Confidence) -> &'static str {
        match c {
            Confidence::Confirmed => "confirmed",
            Confidence::Inferred => "inferred",
            Confidence::Unconfirmed => "unconfirmed",
        }
    }

    pub fn confidence_of(code: &str) -> Option<Confidence> {
        [Confidence::Confirmed, Confidence::Inferred, Confidence::Unconfirmed]
            .into_iter()
            .find(|c| confidence(*c) == code)
    }

    pub fn kind_of(code: &str) -> Option<DeadlineKind> {
        DeadlineKind::ALL.into_iter().find(|k| k.code() == code)
    }
}
