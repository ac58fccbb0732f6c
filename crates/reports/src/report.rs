//! The report of one unit for one period (interchange §3): both forms, the target
//! comparison, and the contract JSON in its fixed key order.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use thads_core::dates::{Period, format_iso};
use thads_core::ledger::Dim;
use thads_core::{Percent, ReportingYear, UnitCode, UnitId, UnitTree};

use crate::cells::{Cells, Tally};
use crate::engine::Engine;
use crate::error::{ReportError, ReportResult};
use crate::form::{Form, FormKind};
use crate::timekey::{TimeKey, Window};
use crate::validate::validate_cells;

/// A unit's target completion rates for a reporting year (chỉ tiêu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TargetRates {
    pub cases: Percent,
    pub money: Percent,
}

/// Targets per unit and reporting year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets(BTreeMap<(UnitId, ReportingYear), TargetRates>);

impl Targets {
    pub fn new() -> Targets {
        Targets::default()
    }

    pub fn set(&mut self, unit: UnitId, year: ReportingYear, rates: TargetRates) {
        self.0.insert((unit, year), rates);
    }

    pub fn get(&self, unit: UnitId, year: ReportingYear) -> Option<TargetRates> {
        self.0.get(&(unit, year)).copied()
    }

    /// The target a report of `period` is judged by: that of the reporting year of its end.
    pub fn for_period(&self, unit: UnitId, period: Period) -> Option<TargetRates> {
        self.get(unit, ReportingYear::containing(period.to()))
    }
}

impl FromIterator<(UnitId, ReportingYear, TargetRates)> for Targets {
    fn from_iter<I: IntoIterator<Item = (UnitId, ReportingYear, TargetRates)>>(iter: I) -> Self {
        Targets(iter.into_iter().map(|(u, y, r)| ((u, y), r)).collect())
    }
}

/// One row of a form: the unit's own cases, or a direct subordinate unit with everything
/// under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub unit: UnitId,
    pub code: UnitCode,
    pub name: String,
    /// The unit's own cases (the first row), not a subordinate unit.
    pub own: bool,
    pub cells: Cells,
    pub cases: Form,
    pub money: Form,
}

impl UnitRow {
    /// A validated row.
    pub fn new(unit: UnitId, code: UnitCode, name: String, own: bool, cells: Cells) -> ReportResult<UnitRow> {
        let (cases, money) = validate_cells(&cells)?;
        Ok(UnitRow { unit, code, name, own, cells, cases, money })
    }
}

impl UnitRow {
    /// One of the two forms.
    pub fn form(&self, kind: FormKind) -> &Form {
        match kind {
            FormKind::Cases => &self.cases,
            FormKind::Money => &self.money,
        }
    }
}

/// The report of a unit (and everything below it) for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub unit: UnitId,
    pub unit_code: UnitCode,
    pub unit_name: String,
    pub period: Period,
    pub cells: Cells,
    pub cases: Form,
    pub money: Form,
    pub target: Option<TargetRates>,
    /// A row per subordinate unit (own cases first), when asked for (`report_by_unit`);
    /// empty otherwise. Checked to add up to the total.
    pub rows: Vec<UnitRow>,
}

impl Report {
    /// A validated report from its cells; an identity that does not hold is an error.
    pub fn from_cells(
        units: &UnitTree,
        unit: UnitId,
        period: Period,
        cells: Cells,
        target: Option<TargetRates>,
    ) -> ReportResult<Report> {
        let u = units.get(unit).ok_or(ReportError::UnknownUnit(unit))?;
        let (cases, money) = validate_cells(&cells)?;
        Ok(Report {
            unit,
            unit_code: u.code.clone(),
            unit_name: u.name.clone(),
            period,
            cells,
            cases,
            money,
            target,
            rows: Vec::new(),
        })
    }

    /// One of the two forms.
    pub fn cases_or_money(&self, kind: crate::form::FormKind) -> &Form {
        match kind {
            crate::form::FormKind::Cases => &self.cases,
            crate::form::FormKind::Money => &self.money,
        }
    }

    /// Rate − target in percentage points, `None` when the rate has no denominator.
    pub fn cases_delta_pp(&self) -> Option<Percent> {
        Some(self.cases.completion_rate()?.minus(self.target?.cases))
    }

    pub fn money_delta_pp(&self) -> Option<Percent> {
        Some(self.money.completion_rate()?.minus(self.target?.money))
    }

    /// The contract JSON of interchange §3 (pretty-printed).
    pub fn to_json(&self) -> ReportResult<String> {
        serde_json::to_string_pretty(&Contract(self)).map_err(|e| ReportError::Export(e.to_string()))
    }

    /// The contract object, for embedding in a larger document.
    pub fn contract(&self) -> impl Serialize + '_ {
        Contract(self)
    }
}

/// The contract view of a report: exactly the keys of interchange §3, in order.
struct Contract<'a>(&'a Report);

impl Serialize for Contract<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6))?;
        contract_entries(&mut map, self.0)?;
        map.end()
    }
}

/// Writes the contract keys of a report, in order, into a JSON object being written.
pub(crate) fn contract_entries<M: SerializeMap>(map: &mut M, r: &Report) -> Result<(), M::Error> {
    map.serialize_entry("unit", r.unit_code.as_str())?;
    map.serialize_entry("from", &format_iso(r.period.from()))?;
    map.serialize_entry("to", &format_iso(r.period.to()))?;
    map.serialize_entry("cases", &r.cases)?;
    map.serialize_entry("money", &r.money)?;
    map.serialize_entry("target", &r.target.map(|t| TargetJson::of(r, t)))?;
    if !r.rows.is_empty() {
        map.serialize_entry("rows", &RowsJson(&r.rows))?;
        map.serialize_entry("total", &TotalJson(r))?;
    }
    Ok(())
}

/// The rows of a report by unit: `[{"unit","name","own","cases","money"}]`.
struct RowsJson<'a>(&'a [UnitRow]);

impl Serialize for RowsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(RowJson))
    }
}

struct RowJson<'a>(&'a UnitRow);

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("unit", r.code.as_str())?;
        map.serialize_entry("name", &r.name)?;
        map.serialize_entry("own", &r.own)?;
        map.serialize_entry("cases", &r.cases)?;
        map.serialize_entry("money", &r.money)?;
        map.end()
    }
}

/// The total row of a report by unit: the same figures as the top-level keys.
struct TotalJson<'a>(&'a Report);

impl Serialize for TotalJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("cases", &r.cases)?;
        map.serialize_entry("money", &r.money)?;
        map.serialize_entry("target", &r.target.map(|t| TargetJson::of(r, t)))?;
        map.end()
    }
}

/// Serializes an optional percentage as the contract does: `"84.25"` or `null`.
pub(crate) fn opt_percent<S: Serializer>(value: &Option<Percent>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(p) => serializer.serialize_str(&p.to_string()),
        None => serializer.serialize_none(),
    }
}

#[derive(Serialize)]
struct TargetJson {
    cases: String,
    money: String,
    cases_delta_pp: Option<String>,
    money_delta_pp: Option<String>,
}

impl TargetJson {
    fn of(r: &Report, t: TargetRates) -> TargetJson {
        TargetJson {
            cases: t.cases.to_string(),
            money: t.money.to_string(),
            cases_delta_pp: r.cases_delta_pp().map(|p| p.to_string()),
            money_delta_pp: r.money_delta_pp().map(|p| p.to_string()),
        }
    }
}

impl<K: TimeKey> Engine<K> {
    /// The report of `unit` (its scope: everything below it and the units merged into it)
    /// for `period`. A month engine answers month-aligned periods only.
    pub fn report(&self, unit: UnitId, period: Period, targets: &Targets) -> ReportResult<Report> {
        let window = K::window(period)?;
        let cells = self.totals(&self.scope(unit)?, window).cells(&self.rules);
        Report::from_cells(&self.units, unit, period, cells, targets.for_period(unit, period))
    }

    /// The units a report of `unit` covers.
    pub fn scope(&self, unit: UnitId) -> ReportResult<BTreeSet<UnitId>> {
        self.units.get(unit).ok_or(ReportError::UnknownUnit(unit))?;
        Ok(self.units.scope(unit))
    }

    /// The ledger totals of units: their origin series, which partition each unit's cases.
    pub(crate) fn totals(&self, units: &BTreeSet<UnitId>, window: Window<K>) -> Tally {
        let mut t = Tally::default();
        for u in units {
            for at in self.unit_series(*u) {
                if matches!(self.series[*at].key.dim, Dim::Origin(_)) {
                    self.tally_into(*at, window, &mut t);
                }
            }
        }
        t
    }
}
