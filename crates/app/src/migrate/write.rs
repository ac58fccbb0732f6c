//! Writing the move in one transaction: units and staff first (reused where the plan says),
//! then cases a chunk at a time with their records (corrections re-linked to the new ids),
//! their ledger computed exactly as an import computes it, and their audit trail.

use std::collections::HashMap;

use thads_core::{CaseId, EventId, Rules, StaffId, UnitId};
use thads_store::{
    CaseHistory, LedgerRow, NewAudit, NewCase, NewEvent, NewStaff, NewUnit, ScanFilter, Store, StoreError, WriteTx,
};
use time::Date;

use super::{Moved, Plan};
use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::history::{LedgerDelta, check, deducted_rows, ledger_rows};

/// Cases written per round of store calls.
const CHUNK: usize = 2_000;

/// Source ids → target ids.
#[derive(Debug, Default)]
pub struct Maps {
    pub units: HashMap<UnitId, UnitId>,
    pub staff: HashMap<StaffId, StaffId>,
}

pub fn write(
    source: &dyn Store,
    target: &dyn Store,
    rules: &Rules,
    actor: &Actor,
    plan: &Plan,
    today: Date,
) -> AppResult<(Moved, Maps)> {
    let mut moved = Moved::default();
    let mut tx = target.begin()?;
    let mut maps = Maps { units: units(tx.as_mut(), plan, &mut moved)?, staff: HashMap::new() };
    maps.staff = staff(source, tx.as_mut(), plan, &maps, actor, &mut moved)?;
    for t in source.targets()? {
        if let Some(unit) = maps.units.get(&t.unit) {
            let t = thads_store::Target { unit: *unit, ..t };
            match tx.insert_target(&t) {
                Ok(()) => moved.targets += 1,
                Err(StoreError::Duplicate(_)) => {} // the same target is already there (the plan checked)
                Err(e) => return Err(e.into()),
            }
        }
    }
    let mut chunk = Vec::with_capacity(CHUNK);
    source.scan_histories(&ScanFilter::default(), &mut |h| {
        chunk.push(h);
        if chunk.len() >= CHUNK {
            cases(source, tx.as_mut(), std::mem::take(&mut chunk), &maps, rules, today, &mut moved)
                .map_err(store_error)?;
        }
        Ok(())
    })?;
    cases(source, tx.as_mut(), chunk, &maps, rules, today, &mut moved)?;
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "db.migrate".into(),
        before: None,
        after: Some(format!(
            "{{\"cases\":{},\"records\":{},\"units_added\":{}}}",
            moved.cases, moved.records, moved.units_added
        )),
    })?;
    tx.touch_ledger()?;
    tx.commit()?;
    Ok((moved, maps))
}

/// The scan's visitor can only return store errors: a refusal travels as `Invalid`.
fn store_error(e: AppError) -> StoreError {
    match e {
        AppError::Store(e) => e,
        other => StoreError::Invalid(other.to_string()),
    }
}

fn units(tx: &mut dyn WriteTx, plan: &Plan, moved: &mut Moved) -> AppResult<HashMap<UnitId, UnitId>> {
    let mut map = HashMap::new();
    for (unit, reused) in &plan.units {
        let id = match reused {
            Some(id) => {
                moved.units_reused += 1;
                *id
            }
            None => {
                moved.units_added += 1;
                tx.insert_unit(&NewUnit {
                    code: unit.code.clone(),
                    name: unit.name.clone(),
                    kind: unit.kind,
                    parent: unit.parent.and_then(|p| map.get(&p).copied()),
                    valid_from: unit.valid_from,
                    valid_to: unit.valid_to,
                    successor: None,
                })?
            }
        };
        map.insert(unit.id, id);
    }
    for (unit, reused) in &plan.units {
        if let (None, Some(successor)) = (reused, unit.successor.and_then(|s| map.get(&s))) {
            tx.link_successor(map[&unit.id], *successor)?;
        }
    }
    Ok(map)
}

/// New staff members are inserted with their password hash; reused ones keep the target's.
fn staff(
    source: &dyn Store,
    tx: &mut dyn WriteTx,
    plan: &Plan,
    maps: &Maps,
    actor: &Actor,
    moved: &mut Moved,
) -> AppResult<HashMap<StaffId, StaffId>> {
    let mut map = plan.staff_reused.clone();
    moved.staff_reused = map.len();
    for person in source.staff()? {
        if map.contains_key(&person.id) {
            continue;
        }
        let unit = *maps
            .units
            .get(&person.unit)
            .ok_or_else(|| AppError::Invalid(format!("đơn vị của cán bộ {} / staff unit missing", person.login)))?;
        let id = tx.insert_staff(&NewStaff {
            unit,
            login: person.login.clone(),
            full_name: person.full_name.clone(),
            role: person.role,
        })?;
        if let Some(credentials) = source.credentials(&person.login)? {
            tx.set_password(id, &credentials.password_hash, actor.at)?;
        }
        moved.staff_added += 1;
        map.insert(person.id, id);
    }
    Ok(map)
}

fn cases(
    source: &dyn Store,
    tx: &mut dyn WriteTx,
    chunk: Vec<CaseHistory>,
    maps: &Maps,
    rules: &Rules,
    today: Date,
    moved: &mut Moved,
) -> AppResult<()> {
    let mut rows = Vec::with_capacity(chunk.len());
    let mut ledger = LedgerDelta::default();
    let mut checked_all = Vec::with_capacity(chunk.len());
    for h in &chunk {
        let mut facts = h.case.facts.clone();
        facts.unit = *maps
            .units
            .get(&facts.unit)
            .ok_or_else(|| AppError::Invalid(format!("đơn vị của việc {} / case unit missing", facts.case_no)))?;
        facts.officer = facts.officer.and_then(|o| maps.staff.get(&o).copied());
        let checked = check(&facts, &h.records, today, rules).map_err(|fault| fault.stored(&facts.case_no))?;
        ledger.add(&ledger_rows(&facts.dims(), &checked.ledger))?;
        rows.push(NewCase {
            current: checked.current.clone(),
            last_event_on: checked.last_event_on,
            event_count: checked.event_count,
            batch: None,
            facts,
        });
        checked_all.push(checked);
    }
    let ids = tx.insert_cases(&rows)?;
    moved.records += records(tx, &chunk, &ids)?;
    let mut deducted = Vec::new();
    for ((id, row), checked) in ids.iter().zip(&rows).zip(&checked_all) {
        deducted.extend(deducted_rows(*id, &row.facts.dims(), &checked.ledger));
    }
    let delta: Vec<LedgerRow> = ledger.into_rows();
    tx.apply_ledger(&delta)?;
    tx.replace_deducted_moves(&[], &deducted)?;
    let new = ids.iter().zip(&rows).zip(&checked_all).map(|((id, row), c)| (*id, &row.facts, c.steps.as_slice()));
    crate::deadlines::keep_new_cases(tx, new)?;
    for (h, id) in chunk.iter().zip(&ids) {
        if let Some(details) = source.case_details(h.case.id)? {
            tx.put_case_details(*id, &details)?;
        }
        for a in source.audit_of_case(h.case.id)? {
            tx.insert_audit(&NewAudit {
                at: a.at,
                actor: a.actor,
                case: Some(*id),
                action: a.action,
                before: a.before,
                after: a.after,
            })?;
            moved.audit += 1;
        }
    }
    moved.cases += ids.len();
    Ok(())
}

/// Inserts the records of `chunk` in their order; a correction is linked to the new id of the
/// record it supersedes (always an earlier one of the same case: written first if pending).
fn records(tx: &mut dyn WriteTx, chunk: &[CaseHistory], ids: &[CaseId]) -> AppResult<usize> {
    let mut map: HashMap<EventId, EventId> = HashMap::new();
    let mut pending: Vec<(EventId, NewEvent)> = Vec::new();
    let mut written = 0;
    for (h, case) in chunk.iter().zip(ids) {
        for r in &h.records {
            let supersedes = match r.supersedes {
                None => None,
                Some(old) => {
                    if !map.contains_key(&old) {
                        written += flush(tx, &mut pending, &mut map)?;
                    }
                    Some(*map.get(&old).ok_or_else(|| {
                        AppError::Invalid(format!("bản ghi {} bị thay thế không có / superseded record missing", old.0))
                    })?)
                }
            };
            let e = NewEvent {
                case: *case,
                entry: r.entry.clone(),
                supersedes,
                note: r.note.clone(),
                recorded_by: r.recorded_by.clone(),
                recorded_at: r.recorded_at,
                batch: None,
            };
            pending.push((r.id, e));
        }
    }
    Ok(written + flush(tx, &mut pending, &mut map)?)
}

fn flush(
    tx: &mut dyn WriteTx,
    pending: &mut Vec<(EventId, NewEvent)>,
    map: &mut HashMap<EventId, EventId>,
) -> AppResult<usize> {
    let (old, events): (Vec<EventId>, Vec<NewEvent>) = std::mem::take(pending).into_iter().unzip();
    let new = tx.insert_events(&events)?;
    map.extend(old.into_iter().zip(new));
    Ok(events.len())
}
