//! Matching the source's units, staff, cases and targets against the target's, and listing
//! every conflict, before anything is written.

use std::collections::HashMap;

use thads_core::{CaseNo, StaffId, Unit, UnitCode, UnitId};
use thads_store::{ScanFilter, Store, StoreError};

use super::Conflict;
use crate::error::AppResult;

/// The tables a merge carries (with new ids) or computes again, and those whose rows it leaves
/// behind on purpose, the target keeping its own: web sessions and sign-ins, import files (a
/// moved case names none), the announced calendar and corrected deadline rules (national), the
/// ledger log (the merge's own bump of the target's generation logs a reload).
/// Every other table holding rows in the source refuses a merge (`Conflict::Unmoved`).
const MERGED: &[&str] = &[
    "units",
    "staff",
    "credentials",
    "cases",
    "case_details",
    "events",
    "case_cohorts",
    "deadlines",
    "deducted_moves",
    "ledger",
    "ledger_log",
    "targets",
    "audit",
    "audit_chain",
    "meta",
    "portal_keys",
    "sessions",
    "sign_ins",
    "import_batches",
    "announced_days",
    "deadline_rule_overrides",
];

/// How source ids map to the target's, and what conflicts.
#[derive(Debug, Default)]
pub struct Plan {
    /// Source units in parent-first order, with the target unit they reuse (if any).
    pub units: Vec<(Unit, Option<UnitId>)>,
    /// Source staff id → the target staff member it reuses (by login).
    pub staff_reused: HashMap<StaffId, StaffId>,
    pub conflicts: Vec<Conflict>,
}

impl Plan {
    pub fn make(source: &dyn Store, target: &dyn Store) -> AppResult<Plan> {
        let mut plan = Plan::default();
        plan.match_units(source, target)?;
        plan.match_staff(source, target)?;
        plan.match_targets(source, target)?;
        plan.find_taken_case_numbers(source, target)?;
        plan.find_unmoved_registers(source)?;
        Ok(plan)
    }

    /// The tables a merge does not carry, where the source holds rows of them.
    fn find_unmoved_registers(&mut self, source: &dyn Store) -> AppResult<()> {
        let rows = source.table_rows()?;
        for (table, rows) in thads_store::COPIED_TABLES.iter().zip(rows) {
            if rows > 0 && !MERGED.contains(&table.name) {
                self.conflicts.push(Conflict::Unmoved { table: table.name, rows });
            }
        }
        Ok(())
    }

    /// The code of a source unit.
    pub fn code(&self, id: UnitId) -> Option<&UnitCode> {
        self.units.iter().find(|(u, _)| u.id == id).map(|(u, _)| &u.code)
    }

    fn match_units(&mut self, source: &dyn Store, target: &dyn Store) -> AppResult<()> {
        let theirs: HashMap<String, Unit> =
            target.units()?.into_iter().map(|u| (u.code.as_str().to_string(), u)).collect();
        let their_code =
            |id: Option<UnitId>| id.and_then(|id| theirs.values().find(|u| u.id == id)).map(|u| u.code.clone());
        let ours = parent_first(source.units()?);
        let our_code = |id: Option<UnitId>| id.and_then(|id| ours.iter().find(|u| u.id == id)).map(|u| u.code.clone());
        for unit in &ours {
            let reused = match theirs.get(unit.code.as_str()) {
                None => None,
                Some(t)
                    if t.name == unit.name && t.kind == unit.kind && their_code(t.parent) == our_code(unit.parent) =>
                {
                    Some(t.id)
                }
                Some(t) => {
                    let why = format!(
                        "nơi nhận có «{}» ({}), nơi chuyển có «{}» ({}) / differs in name, kind or parent",
                        t.name,
                        t.kind.code(),
                        unit.name,
                        unit.kind.code()
                    );
                    self.conflicts.push(Conflict::Unit { code: unit.code.clone(), why });
                    None
                }
            };
            self.units.push((unit.clone(), reused));
        }
        Ok(())
    }

    fn match_staff(&mut self, source: &dyn Store, target: &dyn Store) -> AppResult<()> {
        let theirs = target.staff()?;
        let their_units = target.units()?;
        for person in source.staff()? {
            let Some(t) = theirs.iter().find(|t| t.login == person.login) else { continue };
            let their_unit = their_units.iter().find(|u| u.id == t.unit).map(|u| &u.code);
            if t.full_name == person.full_name && t.role == person.role && their_unit == self.code(person.unit) {
                self.staff_reused.insert(person.id, t.id);
            } else {
                let why = format!("nơi nhận đã có «{}» / used by someone else in the target", t.full_name);
                self.conflicts.push(Conflict::Login { login: person.login.clone(), why });
            }
        }
        Ok(())
    }

    fn match_targets(&mut self, source: &dyn Store, target: &dyn Store) -> AppResult<()> {
        let theirs = target.targets()?;
        for t in source.targets()? {
            let (Some(code), reused) = (self.code(t.unit).cloned(), self.reused_unit(t.unit)) else { continue };
            let clash = reused.and_then(|u| theirs.iter().find(|x| x.unit == u && x.year == t.year));
            if clash.is_some_and(|x| (x.cases, x.money) != (t.cases, t.money)) {
                self.conflicts.push(Conflict::Target { unit: code, year: t.year });
            }
        }
        Ok(())
    }

    /// The target unit a source unit reuses, if it exists there already.
    pub fn reused_unit(&self, id: UnitId) -> Option<UnitId> {
        self.units.iter().find(|(u, _)| u.id == id).and_then(|(_, r)| *r)
    }

    /// Case numbers of reused units that the target already has, looked up a chunk at a time.
    fn find_taken_case_numbers(&mut self, source: &dyn Store, target: &dyn Store) -> AppResult<()> {
        let mut keys: Vec<(UnitId, CaseNo)> = Vec::new();
        let mut taken = Vec::new();
        {
            let mut flush = |keys: &mut Vec<(UnitId, CaseNo)>| -> Result<(), StoreError> {
                let mut tx = target.begin()?;
                for (key, found) in keys.iter().zip(tx.find_cases(keys)?) {
                    if found.is_some() {
                        taken.push(key.clone());
                    }
                }
                keys.clear();
                Ok(())
            };
            source.scan_histories(&ScanFilter::default(), &mut |h| {
                if let Some(unit) = self.reused_unit(h.case.facts.unit) {
                    keys.push((unit, h.case.facts.case_no.clone()));
                    if keys.len() >= 5_000 {
                        flush(&mut keys)?;
                    }
                }
                Ok(())
            })?;
            flush(&mut keys)?;
        }
        for (unit, case_no) in taken {
            let code = self.units.iter().find(|(_, r)| *r == Some(unit)).map(|(u, _)| u.code.clone());
            if let Some(unit) = code {
                self.conflicts.push(Conflict::CaseNumber { unit, case_no });
            }
        }
        Ok(())
    }
}

/// Units ordered so that each comes after its parent.
fn parent_first(mut units: Vec<Unit>) -> Vec<Unit> {
    let mut ordered: Vec<Unit> = Vec::with_capacity(units.len());
    while !units.is_empty() {
        let before = units.len();
        let (ready, rest): (Vec<Unit>, Vec<Unit>) =
            units.into_iter().partition(|u| u.parent.is_none_or(|p| ordered.iter().any(|o| o.id == p)));
        ordered.extend(ready);
        units = rest;
        if units.len() == before {
            // A parent outside the set (cannot happen with foreign keys): keep them last.
            ordered.append(&mut units);
        }
    }
    ordered
}
