//! Drill-down: where one case counts in a report, computed from its history alone (not from
//! the ledger), so a statistician can list the cases behind any figure; summed over cases it
//! is the full recomputation that the engines are proved equal to.

use serde::{Deserialize, Serialize};
use thads_core::case::CaseBasis;
use thads_core::dates::Period;
use thads_core::event::EventCode;
use thads_core::ledger::{CaseDims, bucket_of};
use thads_core::lifecycle::{Step, state_on};
use thads_core::rules::{Bucket, ClassificationRules, ClosingColumn};
use thads_core::state::{CaseState, Closing};
use thads_core::{UnitId, UnitTree};

use crate::cells::{Cell, Cells};
use crate::error::ReportResult;
use crate::form::{Column, Form, FormKind};
use crate::report::{Report, Targets};

/// How a case enters a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intake {
    /// Open on the day before the period (năm trước chuyển sang / kỳ trước chuyển sang).
    CarriedOver,
    /// Accepted within the period (thụ lý mới).
    New,
}

/// Where a case stands at the end of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Closed within the period, counted in the rules' column of its closing.
    Closed { closing: Closing, column: ClosingColumn },
    /// Still open on the last day, in this bucket.
    Open(Bucket),
}

/// One case in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCells {
    pub intake: Intake,
    /// What it brings: still owed on the day before the period, or its obligation if new.
    pub base: i128,
    /// Collected and reduced within the period.
    pub collected: i128,
    pub reduced: i128,
    pub outcome: Outcome,
    /// Still owed at the end, or when it closed.
    pub rest: i128,
}

/// Where the case counts in `period`, or `None` when it is outside it (accepted after the
/// period or closed before it).
pub fn drill_down(basis: &CaseBasis, steps: &[Step], rules: &ClassificationRules, period: Period) -> Option<CaseCells> {
    if basis.accepted_on > period.to() {
        return None;
    }
    let (intake, base) = match period.from().previous_day().filter(|d| *d >= basis.accepted_on) {
        Some(eve) => {
            let snap = state_on(basis, steps, eve)?;
            if snap.state.is_closed() {
                return None;
            }
            (Intake::CarriedOver, i128::from(snap.outstanding.dong()))
        }
        None => (Intake::New, i128::from(basis.amount.dong())),
    };
    let within = steps.iter().filter(|s| period.contains(s.date));
    let moved = |code| within.clone().filter(|s| s.code == code).map(|s| i128::from(s.moved.dong())).sum::<i128>();
    let (collected, reduced) = (moved(EventCode::Collected), moved(EventCode::Reduced));
    let end = state_on(basis, steps, period.to())?;
    let (outcome, rest) = match &end.state {
        CaseState::Closed(closing) => {
            let step = within.clone().find(|s| s.after.state.is_closed());
            let rest = step.and_then(|s| s.closed_rest).map_or(0, |v| i128::from(v.dong()));
            (Outcome::Closed { closing: *closing, column: rules.closing_column(*closing) }, rest)
        }
        open => (Outcome::Open(bucket_of(open, rules)?), i128::from(end.outstanding.dong())),
    };
    Some(CaseCells { intake, base, collected, reduced, outcome, rest })
}

impl CaseCells {
    /// The case's contribution to every cell of the forms.
    pub fn cells(&self) -> Cells {
        let mut cells = Cells::default();
        let one = |amount| Cell { count: 1, amount };
        match self.intake {
            Intake::CarriedOver => cells.carried_over = one(self.base),
            Intake::New => cells.new = one(self.base),
        }
        match self.outcome {
            Outcome::Closed { column: ClosingColumn::Deducted, .. } => {
                // Everything it brought leaves with it, including what moved before it left.
                cells.deducted = one(self.rest + self.collected + self.reduced);
                return cells;
            }
            Outcome::Closed { column, .. } => *cells.closing_cell(column) = one(self.rest),
            Outcome::Open(b) => cells.buckets[b.index()] = one(self.rest),
        }
        cells.completed.amount += self.collected;
        cells.reduced += self.reduced;
        cells
    }

    /// What the case adds to one column of one form (0 when it is not behind that figure).
    pub fn contribution(&self, kind: FormKind, column: Column) -> i128 {
        Form::from_cells(kind, &self.cells()).get(column)
    }
}

/// One case's facts and replayed history, as the full recomputation reads them.
#[derive(Debug, Clone, Copy)]
pub struct CaseInput<'a> {
    pub dims: CaseDims,
    pub basis: CaseBasis,
    pub steps: &'a [Step],
}

/// The report of `unit` for `period` recomputed from scratch from every case's history (no
/// ledger, no engine): the reference the engines are checked against.
pub fn recompute<'a>(
    units: &UnitTree,
    rules: &ClassificationRules,
    unit: UnitId,
    period: Period,
    targets: &Targets,
    cases: impl IntoIterator<Item = CaseInput<'a>>,
) -> ReportResult<Report> {
    let scope = units.scope(unit);
    let mut cells = Cells::default();
    for case in cases.into_iter().filter(|c| scope.contains(&c.dims.unit)) {
        if let Some(drill) = drill_down(&case.basis, case.steps, rules, period) {
            cells.add(&drill.cells());
        }
    }
    Report::from_cells(units, unit, period, cells, targets.for_period(unit, period))
}

/// The cases behind one figure: each case (by the caller's id) with what it adds to `column`
/// of the `kind` form, for a statistician to check the figure (`thads report … --cell`).
/// The contributions add up to the figure.
pub fn cases_behind<'a, Id: Copy>(
    rules: &ClassificationRules,
    period: Period,
    kind: FormKind,
    column: Column,
    cases: impl IntoIterator<Item = (Id, &'a CaseBasis, &'a [Step])>,
) -> Vec<(Id, i128)> {
    cases
        .into_iter()
        .filter_map(|(id, basis, steps)| {
            let value = drill_down(basis, steps, rules, period)?.contribution(kind, column);
            (value != 0).then_some((id, value))
        })
        .collect()
}
