//! Breakdowns of a report in the same engine: by origin, sub-series (categories), judgment
//! type, child unit (with the unit's own cases so that parent = Σ rows), officer, and the
//! ranking of child units by completion rate, lowest first.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use thads_core::ledger::Dim;
use thads_core::{Category, JudgmentType, Origin, Percent, StaffId, UnitId, UnitTree};

use crate::cells::{Cells, Tally};
use crate::engine::{Engine, Keep};
use crate::error::{ReportError, ReportResult};
use crate::form::Form;
use crate::timekey::{TimeKey, Window};
use crate::validate::{validate_cells, validate_partition};

/// One row of a breakdown: a key (code), a Vietnamese label and both forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub cells: Cells,
    pub cases: Form,
    pub money: Form,
}

impl Row {
    /// A validated row.
    pub fn new(key: impl Into<String>, label: impl Into<String>, cells: Cells) -> ReportResult<Row> {
        let (cases, money) = validate_cells(&cells)?;
        Ok(Row { key: key.into(), label: label.into(), cells, cases, money })
    }

    /// One of the two forms.
    pub fn form(&self, kind: crate::form::FormKind) -> &Form {
        match kind {
            crate::form::FormKind::Cases => &self.cases,
            crate::form::FormKind::Money => &self.money,
        }
    }
}

/// A child unit's place in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankEntry {
    pub unit: String,
    pub name: String,
    #[serde(serialize_with = "crate::report::opt_percent")]
    pub cases_rate: Option<Percent>,
    #[serde(serialize_with = "crate::report::opt_percent")]
    pub money_rate: Option<Percent>,
}

/// Every breakdown of one report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Breakdowns {
    pub by_origin: Vec<Row>,
    /// Sub-series; a case may be in several or none, so these do not add up to the total.
    pub by_category: Vec<Row>,
    pub by_judgment: Vec<Row>,
    /// One row per child unit holding cases, then the unit's own cases (key = its code).
    pub by_child_unit: Vec<Row>,
    pub by_officer: Vec<Row>,
    /// Child units by cases completion rate, lowest first (no rate last), then by code.
    pub ranking: Vec<RankEntry>,
}

/// Tallies of a scope grouped every way at once, in one pass over its series.
#[derive(Default)]
struct Groups {
    origin: BTreeMap<Origin, Tally>,
    category: BTreeMap<Category, Tally>,
    judgment: BTreeMap<JudgmentType, Tally>,
    officer: BTreeMap<Option<StaffId>, Tally>,
    /// Origin series (which partition each unit) by the row of their unit.
    home: BTreeMap<UnitId, Tally>,
}

impl<K: TimeKey> Engine<K> {
    /// All breakdowns of `unit` for a window, each row validated, and each partition checked
    /// against `total` (the unit's cells).
    pub(crate) fn breakdowns(&self, unit: UnitId, window: Window<K>, total: &Cells) -> ReportResult<Breakdowns> {
        if self.keep != Keep::All {
            return Err(ReportError::NoBreakdowns);
        }
        let scope = self.scope(unit)?;
        let homes = homes(&self.units, unit, &scope);
        let g = self.groups(&scope, &homes, window);
        let cells = |t: &Tally| t.cells(&self.rules);
        let by_origin = rows(&g.origin, |o: &Origin| (o.code().into(), o.label_vi().into()), cells)?;
        let by_category = rows(&g.category, |c: &Category| (c.code().into(), c.label_vi().into()), cells)?;
        let by_judgment = rows(&g.judgment, |j: &JudgmentType| (j.code().into(), j.label_vi().into()), cells)?;
        let by_officer = rows(
            &g.officer,
            |o| match o {
                Some(id) => (id.0.to_string(), format!("Chấp hành viên #{}", id.0)),
                None => ("none".into(), "Chưa phân công Chấp hành viên".into()),
            },
            cells,
        )?;
        let by_child_unit = self.child_rows(unit, &g.home)?;
        for (identity, parts) in [
            ("đơn vị = Σ nguồn (chủ động + theo yêu cầu)", &by_origin),
            ("đơn vị = Σ loại bản án", &by_judgment),
            ("đơn vị = Σ Chấp hành viên", &by_officer),
            ("cấp trên = Σ cấp dưới + việc của đơn vị", &by_child_unit),
        ] {
            let cells: Vec<&Cells> = parts.iter().map(|r| &r.cells).collect();
            validate_partition(identity, total, &cells)?;
        }
        let ranking = ranking(&by_child_unit, self.units.get(unit).map(|u| u.code.as_str()));
        Ok(Breakdowns { by_origin, by_category, by_judgment, by_child_unit, by_officer, ranking })
    }

    fn groups(&self, scope: &BTreeSet<UnitId>, homes: &BTreeMap<UnitId, UnitId>, window: Window<K>) -> Groups {
        let mut g = Groups::default();
        for u in scope {
            let home = homes.get(u).copied().unwrap_or(*u);
            for at in self.unit_series(*u) {
                let acc = match self.series[*at].key.dim {
                    Dim::Origin(o) => {
                        // Read the series once (its totals are cold in memory), add it twice.
                        let mut t = Tally::default();
                        self.tally_into(*at, window, &mut t);
                        g.home.entry(home).or_default().add(&t);
                        g.origin.entry(o).or_default().add(&t);
                        continue;
                    }
                    Dim::Category(c) => g.category.entry(c).or_default(),
                    Dim::Judgment(j) => g.judgment.entry(j).or_default(),
                    Dim::Officer(o) => g.officer.entry(o).or_default(),
                };
                self.tally_into(*at, window, acc);
            }
        }
        g
    }

    /// Rows of the child units in code order, then the unit's own row.
    fn child_rows(&self, unit: UnitId, by_home: &BTreeMap<UnitId, Tally>) -> ReportResult<Vec<Row>> {
        let mut out = Vec::new();
        let mut homes: Vec<UnitId> = by_home.keys().copied().filter(|h| *h != unit).collect();
        homes.sort_by_key(|h| self.units.get(*h).map(|u| u.code.clone()));
        homes.push(unit);
        for h in homes {
            let Some(u) = self.units.get(h) else { continue };
            let tally = by_home.get(&h).copied().unwrap_or_default();
            let label = if h == unit { format!("{} (việc của đơn vị)", u.name) } else { u.name.clone() };
            out.push(Row::new(u.code.as_str(), label, tally.cells(&self.rules))?);
        }
        Ok(out)
    }
}

fn rows<G: Ord>(
    groups: &BTreeMap<G, Tally>,
    name: impl Fn(&G) -> (String, String),
    cells: impl Fn(&Tally) -> Cells,
) -> ReportResult<Vec<Row>> {
    groups
        .iter()
        .map(|(g, t)| {
            let (key, label) = name(g);
            Row::new(key, label, cells(t))
        })
        .collect()
}

/// For each unit of the scope, the row it is counted in: a unit merged into `unit` itself
/// (its predecessor), or else the direct child of `unit` that holds its cases now (following
/// merges to the successor first, then parents), or `unit` itself. Every unit lands in
/// exactly one row, so the rows partition the report even when a unit was merged across
/// branches.
pub(crate) fn homes(units: &UnitTree, unit: UnitId, scope: &BTreeSet<UnitId>) -> BTreeMap<UnitId, UnitId> {
    let children: BTreeSet<UnitId> = units.children(unit).iter().map(|u| u.id).collect();
    let home_of = |start: UnitId| {
        let mut current = start;
        for _ in 0..128 {
            let u = units.get(current);
            if current != unit && u.and_then(|u| u.successor) == Some(unit) {
                return current;
            }
            if let Some(s) = u.and_then(|u| u.successor).filter(|s| scope.contains(s)) {
                current = s;
                continue;
            }
            if current == unit || children.contains(&current) {
                return current;
            }
            match u.and_then(|u| u.parent).filter(|p| scope.contains(p)) {
                Some(p) => current = p,
                None => return unit,
            }
        }
        unit
    };
    scope.iter().map(|u| (*u, home_of(*u))).collect()
}

fn ranking(children: &[Row], own: Option<&str>) -> Vec<RankEntry> {
    let mut out: Vec<RankEntry> = children
        .iter()
        .filter(|r| Some(r.key.as_str()) != own)
        .map(|r| RankEntry {
            unit: r.key.clone(),
            name: r.label.clone(),
            cases_rate: r.cases.completion_rate(),
            money_rate: r.money.completion_rate(),
        })
        .collect();
    out.sort_by(|a, b| {
        let rate = |e: &RankEntry| e.cases_rate.map_or(i64::MAX, Percent::hundredths);
        rate(a).cmp(&rate(b)).then_with(|| a.unit.cmp(&b.unit))
    });
    out
}
