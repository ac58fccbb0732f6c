//! The primitive cells of the forms: what every column is built from. They add up across
//! cases and series, so an engine tally, a sum of per-case drill-downs and a sum of child
//! units can be compared cell by cell.

use serde::Serialize;
use thads_core::ledger::{MEASURES, m};
use thads_core::rules::{Bucket, ClassificationRules, ClosingColumn};
use thads_core::state::Closing;

/// A number of cases and the money they bring to a column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub count: i128,
    pub amount: i128,
}

impl Cell {
    pub fn add(&mut self, other: Cell) {
        self.count += other.count;
        self.amount += other.amount;
    }
}

/// Every primitive cell of one report row (a unit, a child unit, a breakdown value, a case).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cells {
    /// Open on the day before the period, with what was still owed that day.
    pub carried_over: Cell,
    /// Accepted within the period, with the obligation.
    pub new: Cell,
    /// Deducted within the period (delegated out, withdrawn, …), with what it brought.
    pub deducted: Cell,
    /// Closed as completed; the amount is everything collected within the period on cases
    /// not deducted, plus the rest of cases closed in this column.
    pub completed: Cell,
    /// Closed as terminated, with what was still owed when terminated.
    pub terminated: Cell,
    /// Reduced within the period on cases not deducted (money only).
    pub reduced: i128,
    /// Open on the last day, by bucket, with what they still owe.
    pub buckets: [Cell; 5],
}

impl Cells {
    pub fn add(&mut self, other: &Cells) {
        self.carried_over.add(other.carried_over);
        self.new.add(other.new);
        self.deducted.add(other.deducted);
        self.completed.add(other.completed);
        self.terminated.add(other.terminated);
        self.reduced += other.reduced;
        for (a, b) in self.buckets.iter_mut().zip(other.buckets) {
            a.add(b);
        }
    }

    pub fn bucket(&self, b: Bucket) -> Cell {
        self.buckets[b.index()]
    }

    /// The cell of a closing under the rules.
    pub fn closing_cell(&mut self, column: ClosingColumn) -> &mut Cell {
        match column {
            ClosingColumn::Completed => &mut self.completed,
            ClosingColumn::Terminated => &mut self.terminated,
            ClosingColumn::Deducted => &mut self.deducted,
        }
    }
}

/// Ledger totals of a group of series for one window: totals before the period (E1), totals
/// through its end (E2), and the money moved within it on cases deducted within it (D).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub before: [i128; MEASURES],
    pub through: [i128; MEASURES],
    pub deducted_collected: i128,
    pub deducted_reduced: i128,
}

impl Default for Tally {
    fn default() -> Self {
        Tally { before: [0; MEASURES], through: [0; MEASURES], deducted_collected: 0, deducted_reduced: 0 }
    }
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        for (a, b) in self.before.iter_mut().zip(other.before) {
            *a += b;
        }
        for (a, b) in self.through.iter_mut().zip(other.through) {
            *a += b;
        }
        self.deducted_collected += other.deducted_collected;
        self.deducted_reduced += other.deducted_reduced;
    }

    fn flow(&self, index: usize) -> i128 {
        self.through[index] - self.before[index]
    }

    /// The cells of the forms (see the crate docs for the formulas and why D is needed).
    pub fn cells(&self, rules: &ClassificationRules) -> Cells {
        let mut cells = Cells::default();
        for b in Bucket::ALL {
            cells.carried_over.count += self.before[m::stock_count(b)];
            cells.carried_over.amount += self.before[m::stock_amount(b)];
            cells.buckets[b.index()] =
                Cell { count: self.through[m::stock_count(b)], amount: self.through[m::stock_amount(b)] };
        }
        cells.new = Cell { count: self.flow(m::ACCEPTED_COUNT), amount: self.flow(m::ACCEPTED_AMOUNT) };
        for k in Closing::ALL {
            let closed = Cell { count: self.flow(m::closed_count(k)), amount: self.flow(m::closed_rest(k)) };
            cells.closing_cell(rules.closing_column(k)).add(closed);
        }
        // Money moved within the period on a case deducted within it leaves with the case.
        cells.deducted.amount += self.deducted_collected + self.deducted_reduced;
        cells.completed.amount += self.flow(m::COLLECTED) - self.deducted_collected;
        cells.reduced = self.flow(m::REDUCED) - self.deducted_reduced;
        cells
    }
}
