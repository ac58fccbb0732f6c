//! Reading deadlines for people: on today from the derived table, on any other day (or while
//! the table is not current) computed from the histories of the unit's cases.

use std::collections::HashMap;

use serde::Serialize;
use thads_core::deadlines::{CaseView, Deadline, DeadlineRule, deadlines_into};
use thads_core::{Rules, StaffId, UnitId, UnitTree};
use thads_store::{DeadlineQuery, DeadlineRow, ScanFilter, Store, StoreError};
use time::Date;

use super::rows::is_current;
use super::setup::DeadlineSetup;
use crate::error::{AppError, AppResult};
use crate::history::check;

/// One deadline of one case, as listed and as the JSON output shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    /// Unit code.
    pub unit: String,
    pub case_no: String,
    pub case_id: i64,
    /// Stable kind code, e.g. `first_verification`.
    pub kind: &'static str,
    /// The rule's Vietnamese name.
    pub kind_vi: String,
    /// The English name, where the deadline rules (which name the case's deadlines in both
    /// languages) do not know the rule: another register's wait.
    pub kind_en: Option<String>,
    pub due: Date,
    /// `due` is before the day asked about.
    pub overdue: bool,
    /// The legal citation.
    pub rule: String,
    pub rule_id: String,
    /// The assigned officer's login.
    pub officer: Option<String>,
    pub started_on: Date,
}

/// Which cases: the units of a scope (a unit's subtree), optionally one officer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineScope {
    pub units: Vec<UnitId>,
    pub officer: Option<StaffId>,
}

impl DeadlineScope {
    /// The subtree of `unit` (with the units merged into it).
    pub fn of_unit(tree: &UnitTree, unit: UnitId) -> DeadlineScope {
        DeadlineScope { units: tree.scope(unit).into_iter().collect(), officer: None }
    }
}

/// What each source of the worklist's computed items (payout limits, assets, exemption
/// windows, unclaimed money) reads: the store, the rules and calendar, the names, the units in
/// scope (one officer's cases only, when given) and the day.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub store: &'a dyn thads_store::Store,
    pub setup: &'a super::setup::DeadlineSetup,
    pub names: &'a Names,
    pub units: &'a [thads_core::UnitId],
    pub officer: Option<thads_core::StaffId>,
    pub on: time::Date,
}

/// Codes and logins to name units and officers.
pub struct Names {
    units: HashMap<UnitId, String>,
    staff: HashMap<StaffId, String>,
}

impl Names {
    pub fn load(store: &dyn Store) -> AppResult<Names> {
        Ok(Names {
            units: store.units()?.into_iter().map(|u| (u.id, u.code.as_str().to_string())).collect(),
            staff: store.staff()?.into_iter().map(|s| (s.id, s.login.as_str().to_string())).collect(),
        })
    }

    pub fn unit(&self, id: UnitId) -> String {
        self.units.get(&id).cloned().unwrap_or_else(|| format!("#{}", id.0))
    }

    pub fn officer(&self, id: Option<StaffId>) -> Option<String> {
        id.map(|o| self.staff.get(&o).cloned().unwrap_or_else(|| format!("#{}", o.0)))
    }
}

/// Deadlines listed for a scope on a day, and where they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub items: Vec<DueItem>,
    /// Read from the derived table (today) rather than computed from histories.
    pub from_table: bool,
}

/// The deadlines of a scope's open cases on `on`, overdue first, then by due date. Today (and
/// under the new law, with a current table) they are read from the table; any other day they
/// are computed from the histories as of that day, with each case's current unit and officer.
pub fn deadlines_on(
    store: &dyn Store,
    rules: &Rules,
    scope: &DeadlineScope,
    on: Date,
    today: Date,
) -> AppResult<Listing> {
    let setup = DeadlineSetup::load(store)?;
    let names = Names::load(store)?;
    let from_table = on == today && on >= setup.rules.new_law_from() && is_current(store, rules)?;
    let mut items = if from_table {
        let query = DeadlineQuery { units: Some(scope.units.clone()), officer: scope.officer, ..DeadlineQuery::on(on) };
        store.deadlines(&query)?.iter().map(|r| item_of_row(&setup, &names, r, on)).collect()
    } else {
        scan(store, rules, &setup, &names, scope, on, today)?
    };
    items.sort_by(|a, b| (a.due, &a.unit, &a.case_no, a.kind).cmp(&(b.due, &b.unit, &b.case_no, b.kind)));
    Ok(Listing { items, from_table })
}

fn scan(
    store: &dyn Store,
    rules: &Rules,
    setup: &DeadlineSetup,
    names: &Names,
    scope: &DeadlineScope,
    on: Date,
    today: Date,
) -> AppResult<Vec<DueItem>> {
    let filter = ScanFilter { units: Some(scope.units.clone()), accepted_to: Some(on) };
    let (mut items, mut found, mut failure) = (Vec::new(), Vec::new(), None);
    store.scan_histories(&filter, &mut |h| {
        let facts = &h.case.facts;
        if scope.officer.is_some() && facts.officer != scope.officer {
            return Ok(());
        }
        // Histories are checked against the real today: they were recorded up to it.
        let checked = match check(facts, &h.records, today.max(on), rules) {
            Ok(c) => c,
            Err(fault) => {
                failure.get_or_insert(fault.stored(&facts.case_no));
                return Ok(());
            }
        };
        let basis = facts.basis();
        let view = CaseView { basis: &basis, categories: facts.categories, steps: &checked.steps };
        found.clear();
        deadlines_into(&view, on, &setup.rules, &setup.calendar, &mut found);
        items.extend(found.iter().map(|d: &Deadline<'_>| DueItem {
            unit: names.unit(facts.unit),
            case_no: facts.case_no.as_str().to_string(),
            case_id: h.case.id.0,
            kind: d.kind.code(),
            kind_vi: d.rule.name_vi.clone(),
            kind_en: None,
            due: d.due,
            overdue: d.overdue,
            rule: d.rule.citation.clone(),
            rule_id: d.rule.id.clone(),
            officer: names.officer(facts.officer),
            started_on: d.started_on,
        }));
        Ok::<(), StoreError>(())
    })?;
    match failure {
        Some(f) => Err(AppError::Refused(f)),
        None => Ok(items),
    }
}

/// A stored row as listed on `on`.
pub fn item_of_row(setup: &DeadlineSetup, names: &Names, r: &DeadlineRow, on: Date) -> DueItem {
    let rule: Option<&DeadlineRule> = setup.rules.get(&r.rule_id);
    DueItem {
        unit: names.unit(r.unit),
        case_no: r.case_no.as_str().to_string(),
        case_id: r.case.0,
        kind: r.kind.code(),
        kind_vi: rule.map_or_else(|| r.kind.code().to_string(), |x| x.name_vi.clone()),
        kind_en: None,
        due: r.due,
        overdue: r.due < on,
        rule: rule.map_or_else(|| r.rule_id.clone(), |x| x.citation.clone()),
        rule_id: r.rule_id.clone(),
        officer: names.officer(r.officer),
        started_on: r.started_on,
    }
}
