//! The full report: the contract report plus breakdowns, the same period of the previous
//! year, CEPEJ indicators, and Vietnamese comparisons; and its opt-in extended JSON, which
//! keeps the contract keys unchanged and adds one `extended` key after them.

use std::collections::BTreeSet;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use thads_core::dates::{Period, format_iso};
use thads_core::{Percent, UnitId};

use crate::breakdown::{Breakdowns, Row};
use crate::cepej::{AgeProfile, Cepej};
use crate::engine::Engine;
use crate::error::{ReportError, ReportResult};
use crate::form::Form;
use crate::report::{Report, Targets, contract_entries, opt_percent};
use crate::timekey::TimeKey;
use crate::vi;

/// Everything about one unit and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullReport {
    pub report: Report,
    pub breakdowns: Breakdowns,
    /// The same period one year earlier (cùng kỳ năm trước).
    pub previous_year: Report,
    pub cepej: Cepej,
}

impl<K: TimeKey> Engine<K> {
    /// The report with a row per subordinate unit, every breakdown, the previous year and the
    /// CEPEJ indicators.
    pub fn full_report(&self, unit: UnitId, period: Period, targets: &Targets) -> ReportResult<FullReport> {
        let report = self.report_by_unit(unit, period, targets)?;
        let window = K::window(period)?;
        let breakdowns = self.breakdowns(unit, window, &report.cells)?;
        let previous_year = self.report(unit, period.year_before(), targets)?;
        let age = self.age_profile(&self.scope(unit)?, window.end);
        let cepej = Cepej::of(&report.cases, period, age)?;
        Ok(FullReport { report, breakdowns, previous_year, cepej })
    }

    /// Pending cases of `units` at the end key by whole years since acceptance.
    pub fn age_profile(&self, units: &BTreeSet<UnitId>, end: K) -> Option<AgeProfile> {
        let cohorts = self.cohorts.as_ref()?;
        let mut age = AgeProfile::default();
        for unit in units {
            let Some(by_key) = cohorts.get(unit) else { continue };
            for ((accepted, closed), count) in by_key.iter().take_while(|((a, _), _)| *a <= end) {
                if closed.is_none_or(|c| c > end) {
                    age.add(K::whole_years(*accepted, end), *count);
                }
            }
        }
        Some(age)
    }
}

/// Rate differences against the previous year, in percentage points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    #[serde(serialize_with = "opt_percent")]
    pub completion_rate_pp: Option<Percent>,
    #[serde(serialize_with = "opt_percent")]
    pub with_means_share_pp: Option<Percent>,
    /// "tăng 2,66% so với cùng kỳ".
    pub text: Option<String>,
}

impl Comparison {
    pub fn of(now: &Form, before: &Form) -> Comparison {
        let pp = |a: Option<Percent>, b: Option<Percent>| Some(a?.minus(b?));
        let (rate, prev) = (now.completion_rate(), before.completion_rate());
        Comparison {
            completion_rate_pp: pp(rate, prev),
            with_means_share_pp: pp(now.with_means_share(), before.with_means_share()),
            text: rate.zip(prev).map(|(r, p)| vi::against_last_year(r, p)),
        }
    }
}

impl FullReport {
    /// Names the officers of the breakdown by officer (`by_officer`, keyed by staff id) with
    /// `name`, e.g. from the staff list; an officer `name` does not know keeps its label.
    pub fn name_officers(&mut self, name: impl Fn(thads_core::StaffId) -> Option<String>) {
        for row in &mut self.breakdowns.by_officer {
            if let Some(n) = row.key.parse::<i64>().ok().and_then(|id| name(thads_core::StaffId(id))) {
                row.label = n;
            }
        }
    }

    /// The extended JSON: the contract keys, then `extended`.
    pub fn to_json(&self) -> ReportResult<String> {
        serde_json::to_string_pretty(self).map_err(|e| ReportError::Export(e.to_string()))
    }
}

impl Serialize for FullReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(7))?;
        contract_entries(&mut map, &self.report)?;
        map.serialize_entry("extended", &Extended(self))?;
        map.end()
    }
}

struct Extended<'a>(&'a FullReport);

impl Serialize for Extended<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let r = &f.report;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("unit_name", &r.unit_name)?;
        let target_text = r.target.map(|t| TargetText {
            cases: r.cases.completion_rate().map(|x| vi::against_target(x, t.cases)),
            money: r.money.completion_rate().map(|x| vi::against_target(x, t.money)),
        });
        map.serialize_entry("target_text", &target_text)?;
        map.serialize_entry("previous_year", &PreviousYear(f))?;
        let b = &f.breakdowns;
        map.serialize_entry("by_origin", &RowsJson(&b.by_origin))?;
        map.serialize_entry("by_category", &RowsJson(&b.by_category))?;
        map.serialize_entry("by_judgment", &RowsJson(&b.by_judgment))?;
        map.serialize_entry("by_child_unit", &RowsJson(&b.by_child_unit))?;
        map.serialize_entry("by_officer", &RowsJson(&b.by_officer))?;
        map.serialize_entry("ranking", &b.ranking)?;
        map.serialize_entry("cepej", &f.cepej)?;
        map.end()
    }
}

#[derive(Serialize)]
struct TargetText {
    cases: Option<String>,
    money: Option<String>,
}

struct PreviousYear<'a>(&'a FullReport);

impl Serialize for PreviousYear<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (now, before) = (&self.0.report, &self.0.previous_year);
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("from", &format_iso(before.period.from()))?;
        map.serialize_entry("to", &format_iso(before.period.to()))?;
        map.serialize_entry("cases", &before.cases)?;
        map.serialize_entry("money", &before.money)?;
        map.serialize_entry("cases_comparison", &Comparison::of(&now.cases, &before.cases))?;
        map.serialize_entry("money_comparison", &Comparison::of(&now.money, &before.money))?;
        map.end()
    }
}

struct RowsJson<'a>(&'a [Row]);

impl Serialize for RowsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(RowJson))
    }
}

struct RowJson<'a>(&'a Row);

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("key", &self.0.key)?;
        map.serialize_entry("label", &self.0.label)?;
        map.serialize_entry("cases", &self.0.cases)?;
        map.serialize_entry("money", &self.0.money)?;
        map.end()
    }
}
