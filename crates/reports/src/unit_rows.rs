//! A row per subordinate unit (domain §2.2): every form lists the unit's own cases when it
//! handles cases itself (a provincial agency before 07/2025), then each direct subordinate
//! unit (a province its regional sections or districts, the nation its provinces; a unit's
//! merged predecessors under it), then the total. The rows are tallied in the same pass as the
//! total and checked to add up to it column by column before the report is shown.

use std::collections::BTreeMap;

use thads_core::dates::Period;
use thads_core::ledger::Dim;
use thads_core::{Category, UnitId};

use crate::breakdown::homes;
use crate::cells::Tally;
use crate::engine::Engine;
use crate::error::{ReportError, ReportResult};
use crate::form::{Column, FormKind};
use crate::report::{Report, Targets, UnitRow};
use crate::timekey::TimeKey;

impl<K: TimeKey> Engine<K> {
    /// The report of `unit` with a row per subordinate unit (`Report::rows`), tallied in one
    /// pass over the scope's series: the total is the sum of the rows' ledger totals, and the
    /// rows are checked to add up to it before the report is returned.
    pub fn report_by_unit(&self, unit: UnitId, period: Period, targets: &Targets) -> ReportResult<Report> {
        self.rows_of(unit, period, targets.for_period(unit, period), None)
    }

    /// The sub-series form of one category (credit institutions, state budget, prisoners,
    /// corruption and economic asset recovery): the same rows by unit, counting only the
    /// cases of that category (its series partition them by unit as the origin series do
    /// all cases), checked to add up to the category's total. No target: targets are set for
    /// all cases.
    pub fn report_by_unit_of(&self, unit: UnitId, period: Period, category: Category) -> ReportResult<Report> {
        self.rows_of(unit, period, None, Some(category))
    }

    fn rows_of(
        &self,
        unit: UnitId,
        period: Period,
        target: Option<crate::report::TargetRates>,
        category: Option<Category>,
    ) -> ReportResult<Report> {
        let window = K::window(period)?;
        let scope = self.scope(unit)?;
        let homes = homes(&self.units, unit, &scope);
        let wanted = |dim: Dim| match (category, dim) {
            (None, Dim::Origin(_)) => true,
            (Some(c), Dim::Category(d)) => c == d,
            _ => false,
        };
        if category.is_some() && self.keep != crate::engine::Keep::All {
            return Err(ReportError::NoBreakdowns);
        }
        let mut by_home: BTreeMap<UnitId, Tally> = BTreeMap::new();
        for u in &scope {
            let home = homes.get(u).copied().unwrap_or(unit);
            for at in self.unit_series(*u) {
                if wanted(self.series[*at].key.dim) {
                    self.tally_into(*at, window, by_home.entry(home).or_default());
                }
            }
        }
        let mut total = Tally::default();
        for t in by_home.values() {
            total.add(t);
        }
        let mut report = Report::from_cells(&self.units, unit, period, total.cells(&self.rules), target)?;
        report.rows = self.unit_rows(unit, &homes, &by_home)?;
        check_rows(&report)?;
        Ok(report)
    }

    /// The own row (when the unit holds cases itself), then every direct subordinate unit
    /// that is a row of its own (a merged one is inside its successor's row), by code.
    fn unit_rows(
        &self,
        unit: UnitId,
        homes: &BTreeMap<UnitId, UnitId>,
        by_home: &BTreeMap<UnitId, Tally>,
    ) -> ReportResult<Vec<UnitRow>> {
        let mut heads: Vec<UnitId> = homes.values().copied().filter(|h| *h != unit).collect();
        heads.sort_unstable();
        heads.dedup();
        heads.sort_by_key(|h| self.units.get(*h).map(|u| u.code.clone()));
        if by_home.contains_key(&unit) {
            heads.insert(0, unit);
        }
        let mut rows = Vec::with_capacity(heads.len());
        for h in heads {
            let u = self.units.get(h).ok_or(ReportError::UnknownUnit(h))?;
            let cells = by_home.get(&h).copied().unwrap_or_default().cells(&self.rules);
            rows.push(UnitRow::new(h, u.code.clone(), u.name.clone(), h == unit, cells)?);
        }
        Ok(rows)
    }
}

/// Checks that the rows of a report add up to its total in every column of both forms; a
/// mismatch names the form, the column, the total and each row's figure.
pub fn check_rows(report: &Report) -> ReportResult<()> {
    if report.rows.is_empty() {
        return Ok(());
    }
    for kind in [FormKind::Cases, FormKind::Money] {
        let total = report.cases_or_money(kind);
        for column in Column::of(kind) {
            let sum: i128 = report.rows.iter().map(|r| r.form(kind).get(column)).sum();
            if sum != total.get(column) {
                return Err(mismatch(report, kind, column, sum));
            }
        }
    }
    Ok(())
}

fn mismatch(report: &Report, kind: FormKind, column: Column, sum: i128) -> ReportError {
    let rows: Vec<String> = report.rows.iter().map(|r| format!("{} {}", r.code, r.form(kind).get(column))).collect();
    ReportError::RowsMismatch {
        form: match kind {
            FormKind::Cases => "việc / cases",
            FormKind::Money => "tiền / money",
        },
        column: column.key(),
        detail: format!("{} ≠ Σ {sum} ({})", report.cases_or_money(kind).get(column), rows.join(", ")),
    }
}
