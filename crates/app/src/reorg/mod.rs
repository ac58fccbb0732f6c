//! Reorganisations of units as dated operations (issue 23): merge, split, rename, move. Each
//! runs in one transaction: checked against the structure (`core::reorg`) and against the
//! closed months of the statistics, the new units created, the closing units closed the day
//! before the operation, every case of a closing unit moved to its new unit (its ledger
//! series with it, its deadlines too; its history untouched), the people of a closing unit
//! moved, the open rows of the other registers that name a unit moved after their case or
//! their unit (`follow`; the rule per register is in ARCHITECTURE.md), the custody books of
//! merged provinces handed over to the successor (`books`), the operation and each case's move
//! recorded, and the whole audited. Reports of past
//! periods then come as reported or restated (`stats`).

pub mod books;
pub mod bulk;
pub mod list;
pub mod reform;
pub mod stats;

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;
use thads_core::reorg::{
    self, CaseMove, OpKind, Operation, ReorgError, Target, UnitChange, UnitClosed, UnitState, check_unit_open,
};
use thads_core::{CaseFacts, CaseId, Rules, UnitCode, UnitId, UnitKind, UnitTree};
use thads_store::{Followed, NewAudit, NewReorgOperation, NewUnit, Store, StoreError, WriteTx};
use time::Date;

use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::history::{LedgerDelta, check, deducted_rows, ledger_rows};

/// What an operation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Done {
    pub operation: i64,
    pub kind: OpKind,
    pub on: Date,
    /// Codes of the units it created.
    pub created: Vec<String>,
    pub cases_moved: i64,
    pub staff_moved: i64,
    /// The open rows of the other registers that followed their case or their unit.
    pub followed: Followed,
    /// The custody books of merged provinces handed over to the successor, or the money of a
    /// unit moved under another province (`books`).
    pub books: Vec<BooksHandedOver>,
}

/// Custody money handed over by a reorganisation, by unit code: a province's books by a merge,
/// or a moved unit's cases' and debtors' money by a move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BooksHandedOver {
    pub from: String,
    pub to: String,
    pub date: Date,
    /// For a merge, the cash, bank, treasury and savings deposits the books held; for a move,
    /// the money of the cases and debtors that moved.
    pub holdings_vnd: i128,
    /// The entry out of the old books and the entry into the new ones.
    pub entries: (i64, i64),
}

/// A merge: `from` into `into` on `on` (`name` and `kind` for a new `into`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeRequest {
    pub into: String,
    pub from: Vec<String>,
    pub on: Date,
    pub name: Option<String>,
    pub kind: Option<UnitKind>,
}

/// A split: `from` into `into` on `on`, each case of `from` sent to a unit of `into` by the list
/// (case number, unit code); `names` for the new units, in the order of `into`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitRequest {
    pub from: String,
    pub into: Vec<String>,
    pub names: Vec<String>,
    pub on: Date,
    pub cases: Vec<(String, String)>,
}

impl From<ReorgError> for AppError {
    fn from(e: ReorgError) -> Self {
        match e {
            ReorgError::UnknownUnit(_) => AppError::NotFound(e.to_string()),
            _ => AppError::Invalid(e.to_string()),
        }
    }
}

impl From<UnitClosed> for AppError {
    fn from(e: UnitClosed) -> Self {
        AppError::Invalid(e.to_string())
    }
}

fn code(text: &str) -> AppResult<UnitCode> {
    UnitCode::new(text).map_err(|e| AppError::Field { field: "unit", message: e.to_string() })
}

fn codes(list: &[String]) -> AppResult<Vec<UnitCode>> {
    list.iter().map(|c| code(c)).collect()
}

/// The structure and operations as `tx` sees them, and the operation's date checked: not in
/// the future.
fn setup(tx: &mut dyn WriteTx, actor: &Actor, on: Date) -> AppResult<(UnitTree, Vec<Operation>)> {
    if on > actor.today() {
        return Err(AppError::Field {
            field: "on",
            message: "ngày tổ chức lại sau ngày hôm nay / the operation is dated in the future".into(),
        });
    }
    Ok((UnitTree::new(tx.units()?), tx.reorg_operations_tx()?))
}

/// `reorg::within_scope` on `tree` as the operation's own transaction read it, before anything
/// else is checked: the web checks the caller's scope on its own view of the units first,
/// which may be older (another server moved a unit meanwhile). `None`: the command line, which
/// may reorganise any unit.
fn ensure_within(tree: &UnitTree, scope: Option<UnitId>, named: &[&UnitCode], or_scope: &[&UnitCode]) -> AppResult<()> {
    let Some(scope) = scope else { return Ok(()) };
    let (named, or_scope): (Vec<&str>, Vec<&str>) =
        (named.iter().map(|c| c.as_str()).collect(), or_scope.iter().map(|c| c.as_str()).collect());
    Ok(reorg::within_scope(tree, scope, &named, &or_scope)?)
}

/// Refused when a closing of the statistics covers any of `units` in the month of `on`.
fn ensure_months_open(tx: &mut dyn WriteTx, units: &[UnitId], on: Date) -> AppResult<()> {
    let closings = crate::periods::Closings::load(tx, [on])?;
    units.iter().try_for_each(|u| closings.check(*u, on)).map_err(AppError::from)
}

fn create(tx: &mut dyn WriteTx, target: &Target, on: Date, changes: &mut Vec<UnitChange>) -> AppResult<UnitId> {
    match target {
        Target::Existing(id) => Ok(*id),
        Target::New { code, name, kind, parent } => {
            let id = tx.insert_unit(&NewUnit {
                code: code.clone(),
                name: name.clone(),
                kind: *kind,
                parent: *parent,
                valid_from: Some(on),
                valid_to: None,
                successor: None,
            })?;
            let after = UnitState { name: name.clone(), parent: *parent, valid_to: None, successor: None };
            changes.push(UnitChange { unit: id, created: true, before: None, after });
            Ok(id)
        }
    }
}

/// Closes `unit` the day before `on`, naming `successor`.
fn close(
    tx: &mut dyn WriteTx,
    tree: &UnitTree,
    unit: UnitId,
    on: Date,
    successor: Option<UnitId>,
    changes: &mut Vec<UnitChange>,
) -> AppResult<()> {
    let u = tree.get(unit).ok_or_else(|| AppError::NotFound(format!("đơn vị / unit #{}", unit.0)))?;
    let before = UnitState::of(u);
    let after = UnitState { valid_to: on.previous_day(), successor, ..before.clone() };
    tx.set_unit_state(unit, &after)?;
    changes.push(UnitChange { unit, created: false, before: Some(before), after });
    Ok(())
}

/// Records `unit`, an existing unit that receives cases, as an unchanged part of the
/// operation: the closed units' successors are found from it, and the operation is listed
/// among those of the unit that received them (its administrator sees what came in).
fn record_unchanged(tree: &UnitTree, unit: UnitId, changes: &mut Vec<UnitChange>) {
    if let Some(u) = tree.get(unit) {
        let state = UnitState::of(u);
        changes.push(UnitChange { unit, created: false, before: Some(state.clone()), after: state });
    }
}

/// Moves each case to its new unit: the case row (its version moves on), its ledger series
/// (subtracted at the old unit, added at the new, figure by figure), its deducted moves and its
/// deadlines; the history stays as it was.
fn move_cases(tx: &mut dyn WriteTx, rules: &Rules, today: Date, moves: &[(CaseId, UnitId, UnitId)]) -> AppResult<()> {
    if moves.is_empty() {
        return Ok(());
    }
    let target: HashMap<CaseId, UnitId> = moves.iter().map(|(c, _, to)| (*c, *to)).collect();
    let ids: Vec<CaseId> = moves.iter().map(|m| m.0).collect();
    let mut delta = LedgerDelta::default();
    let mut deducted = Vec::new();
    let mut kept: Vec<(CaseId, CaseFacts, Vec<thads_core::Step>)> = Vec::new();
    for chunk in ids.chunks(1_000) {
        let records: HashMap<CaseId, Vec<thads_core::EventRecord>> = tx.records_of(chunk)?.into_iter().collect();
        for id in chunk {
            let case = tx.case_for_update(*id)?.ok_or_else(|| AppError::NotFound(format!("việc #{} / case", id.0)))?;
            let stored = records.get(id).map(Vec::as_slice).unwrap_or_default();
            let checked =
                check(&case.facts, stored, today, rules).map_err(|fault| fault.stored(&case.facts.case_no))?;
            let to = target.get(id).copied().unwrap_or(case.facts.unit);
            let facts = CaseFacts { unit: to, ..case.facts.clone() };
            delta.subtract(&ledger_rows(&case.facts.dims(), &checked.ledger))?;
            delta.add(&ledger_rows(&facts.dims(), &checked.ledger))?;
            deducted.extend(deducted_rows(*id, &facts.dims(), &checked.ledger));
            tx.update_case(*id, case.version, &checked.update(&facts)).map_err(|e| match e {
                StoreError::Duplicate(_) => AppError::Invalid(format!(
                    "số việc {} đã có ở đơn vị nhận / case number {} is taken at the unit it moves to",
                    facts.case_no, facts.case_no
                )),
                other => other.into(),
            })?;
            kept.push((*id, facts, checked.steps));
        }
    }
    tx.apply_ledger(&delta.into_rows())?;
    tx.replace_deducted_moves(&ids, &deducted)?;
    tx.touch_ledger()?;
    crate::deadlines::keep_cases(tx, kept.iter().map(|(id, f, s)| (*id, f, s.as_slice())))?;
    Ok(())
}

/// The open registers of a closing unit that name no case follow it to `to`; a judgment
/// already monitored at `to` refuses the operation whole, naming it.
fn follow_unit(tx: &mut dyn WriteTx, from: UnitId, to: UnitId, on: Date) -> AppResult<Followed> {
    tx.follow_unit(from, to, on).map_err(|e| match e {
        StoreError::Duplicate(what) => AppError::Invalid(what),
        other => other.into(),
    })
}

/// What an operation did besides its units: the cases and people it moved, the open rows that
/// followed them, and the custody books a merge hands over (closing province, successor).
#[derive(Default)]
struct Moved<'a> {
    cases: &'a [(CaseId, UnitId, UnitId)],
    staff: i64,
    followed: Followed,
    books: Vec<(UnitId, UnitId)>,
    /// The money of a unit moved under another province (`books::moving_money`), or of the
    /// cases and debtors a province split sends to each of its parts after the first
    /// (`books::splitting_money`; the rest is handed over to the first, in `books`).
    money: Vec<books::MovingMoney>,
}

fn finish(
    mut tx: Box<dyn WriteTx + '_>,
    actor: &Actor,
    (kind, on): (OpKind, Date),
    changes: Vec<UnitChange>,
    moved: Moved<'_>,
    tree: &UnitTree,
) -> AppResult<Done> {
    let Moved { cases: moves, staff: staff_moved, followed, books, money } = moved;
    let cases_moved = i64::try_from(moves.len()).map_err(|_| AppError::Invalid("too many cases".into()))?;
    let op = NewReorgOperation {
        kind,
        on,
        changes: changes.clone(),
        recorded_by: actor.login.clone(),
        recorded_at: actor.at,
        cases_moved,
        staff_moved,
    };
    let id = tx.insert_reorg_operation(&op)?;
    tx.record_case_moves(id, on, moves)?;
    // The transfers first: a province split hands what they leave over to its first part.
    let mut handed = Vec::new();
    handed.extend(books::transfer(tx.as_mut(), &money, id, on, actor.today(), actor.at)?);
    for pair in books {
        handed.extend(books::hand_over(tx.as_mut(), pair, id, on, actor.today(), actor.at)?);
    }
    let units_after = UnitTree::new(tx.units()?);
    let name = |u: UnitId| units_after.get(u).or_else(|| tree.get(u)).map(|x| x.code.to_string()).unwrap_or_default();
    let created: Vec<String> = changes.iter().filter(|c| c.created).map(|c| name(c.unit)).collect();
    let books: Vec<BooksHandedOver> = handed
        .into_iter()
        .map(|h| BooksHandedOver {
            from: name(h.from),
            to: name(h.to),
            date: h.date,
            holdings_vnd: h.holdings_vnd,
            entries: h.entries,
        })
        .collect();
    let what = json!({
        "operation": id,
        "kind": kind.code(),
        "on": on.to_string(),
        "units": changes.iter().map(|c| json!({
            "unit": name(c.unit), "created": c.created, "before": c.before, "after": c.after,
        })).collect::<Vec<_>>(),
        "cases_moved": cases_moved,
        "staff_moved": staff_moved,
        "followed": followed,
        "books": books,
    });
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: format!("unit.{}", kind.code()),
        before: None,
        after: Some(what.to_string()),
    })?;
    tx.commit()?;
    Ok(Done { operation: id, kind, on, created, cases_moved, staff_moved, followed, books })
}

/// Merges units (issue 23): `from` into `into` on `on`.
pub fn merge(store: &dyn Store, actor: &Actor, rules: &Rules, req: &MergeRequest) -> AppResult<Done> {
    merge_within(store, actor, None, rules, req)
}

/// `merge` by an administrator of `scope` (`None`: the command line, any unit): every unit it
/// names must lie within `scope` (`ensure_within`).
pub fn merge_within(
    store: &dyn Store,
    actor: &Actor,
    scope: Option<UnitId>,
    rules: &Rules,
    req: &MergeRequest,
) -> AppResult<Done> {
    let (into, from) = (code(&req.into)?, codes(&req.from)?);
    let mut tx = store.begin()?;
    let (tree, ops) = setup(tx.as_mut(), actor, req.on)?;
    ensure_within(&tree, scope, &from.iter().chain([&into]).collect::<Vec<_>>(), &[])?;
    let plan = reorg::plan_merge(&tree, &ops, &into, &from, req.on, req.name.as_deref(), req.kind)?;
    let mut involved = plan.from.clone();
    match &plan.into {
        Target::Existing(id) => involved.push(*id),
        Target::New { parent, .. } => involved.extend(*parent),
    }
    ensure_months_open(tx.as_mut(), &involved, req.on)?;
    let mut changes = Vec::new();
    let target = create(tx.as_mut(), &plan.into, req.on, &mut changes)?;
    let mut moves = Vec::new();
    let mut staff = 0;
    let mut followed = Followed::default();
    for unit in &plan.from {
        close(tx.as_mut(), &tree, *unit, req.on, Some(target), &mut changes)?;
        moves.extend(tx.cases_at(*unit)?.into_iter().map(|(c, _)| (c, *unit, target)));
        staff += tx.move_staff(*unit, target)?;
        followed = followed.plus(follow_unit(tx.as_mut(), *unit, target, req.on)?);
    }
    if let Target::Existing(id) = &plan.into {
        record_unchanged(&tree, *id, &mut changes);
    }
    move_cases(tx.as_mut(), rules, actor.today(), &moves)?;
    followed = followed.plus(tx.follow_cases(req.on, &moves)?);
    let target_kind = match &plan.into {
        Target::Existing(id) => tree.get(*id).map(|u| u.kind),
        Target::New { kind, .. } => Some(*kind),
    };
    let books = provinces_merged(&tree, &plan.from, target, target_kind);
    let moved = Moved { cases: &moves, staff, followed, books, money: Vec::new() };
    finish(tx, actor, (OpKind::Merge, req.on), changes, moved, &tree)
}

/// The (closing province, successor) pairs whose custody books a merge hands over: every
/// closing unit that is a province, when the unit they merge into (`target`, of `target_kind`)
/// is one.
fn provinces_merged(
    tree: &UnitTree,
    closing: &[UnitId],
    target: UnitId,
    target_kind: Option<UnitKind>,
) -> Vec<(UnitId, UnitId)> {
    if target_kind != Some(UnitKind::Province) {
        return Vec::new();
    }
    closing
        .iter()
        .filter(|u| tree.get(**u).is_some_and(|x| x.kind == UnitKind::Province))
        .map(|u| (*u, target))
        .collect()
}

/// Splits a unit (issue 23): its cases go where the list sends them; its people to the first
/// unit of `into`.
pub fn split(store: &dyn Store, actor: &Actor, rules: &Rules, req: &SplitRequest) -> AppResult<Done> {
    split_with_rest(store, actor, None, rules, req, None)
}

/// `split` by an administrator of `scope` (`None`: the command line), with a rule for the
/// cases the list leaves out: all of them to `rest` (one of `into`), read in the same
/// transaction as the move, so that none is left behind.
pub fn split_with_rest(
    store: &dyn Store,
    actor: &Actor,
    scope: Option<UnitId>,
    rules: &Rules,
    req: &SplitRequest,
    rest: Option<&str>,
) -> AppResult<Done> {
    let (from, into) = (code(&req.from)?, codes(&req.into)?);
    let rest = rest.map(code).transpose()?;
    let mut tx = store.begin()?;
    let (tree, ops) = setup(tx.as_mut(), actor, req.on)?;
    let named: Vec<&UnitCode> = into.iter().chain([&from]).chain(rest.as_ref()).collect();
    ensure_within(&tree, scope, &named, &[])?;
    let plan = reorg::plan_split(&tree, &ops, &from, &into, &req.names, req.on)?;
    let cases = tx.cases_at(plan.from)?;
    let list = match &rest {
        Some(rest) => reorg::with_rest(&cases, &req.cases, rest),
        None => req.cases.clone(),
    };
    let assigned = reorg::assign_split(&cases, &list, &into)?;
    let mut involved = vec![plan.from];
    involved.extend(plan.into.iter().filter_map(|t| match t {
        Target::Existing(id) => Some(*id),
        Target::New { .. } => None,
    }));
    ensure_months_open(tx.as_mut(), &involved, req.on)?;
    let mut changes = Vec::new();
    let mut targets = Vec::new();
    for t in &plan.into {
        targets.push(create(tx.as_mut(), t, req.on, &mut changes)?);
    }
    close(tx.as_mut(), &tree, plan.from, req.on, None, &mut changes)?;
    for (t, id) in plan.into.iter().zip(&targets) {
        if let Target::Existing(_) = t {
            record_unchanged(&tree, *id, &mut changes);
        }
    }
    let moves: Vec<(CaseId, UnitId, UnitId)> =
        assigned.iter().filter_map(|(c, k)| targets.get(*k).map(|t| (*c, plan.from, *t))).collect();
    let (staff, mut followed) = match targets.first() {
        Some(first) => (tx.move_staff(plan.from, *first)?, follow_unit(tx.as_mut(), plan.from, *first, req.on)?),
        None => (0, Followed::default()),
    };
    let money = books::splitting_money(tx.as_mut(), &tree, plan.from, &targets, &assigned)?;
    let books = match (tree.get(plan.from), targets.first()) {
        (Some(u), Some(first)) if u.kind == UnitKind::Province => vec![(plan.from, *first)],
        _ => Vec::new(),
    };
    move_cases(tx.as_mut(), rules, actor.today(), &moves)?;
    followed = followed.plus(tx.follow_cases(req.on, &moves)?);
    let moved = Moved { cases: &moves, staff, followed, books, money };
    finish(tx, actor, (OpKind::Split, req.on), changes, moved, &tree)
}

/// Renames a unit from `on` (its earlier name stays in the operation, for reports of before).
pub fn rename(store: &dyn Store, actor: &Actor, unit: &str, name: &str, on: Date) -> AppResult<Done> {
    rename_within(store, actor, None, unit, name, on)
}

/// `rename` by an administrator of `scope` (`None`: the command line).
pub fn rename_within(
    store: &dyn Store,
    actor: &Actor,
    scope: Option<UnitId>,
    unit: &str,
    name: &str,
    on: Date,
) -> AppResult<Done> {
    let unit = code(unit)?;
    let mut tx = store.begin()?;
    let (tree, ops) = setup(tx.as_mut(), actor, on)?;
    ensure_within(&tree, scope, &[&unit], &[])?;
    let (id, name) = reorg::plan_rename(&tree, &ops, &unit, name, on)?;
    ensure_months_open(tx.as_mut(), &[id], on)?;
    let u = tree.get(id).ok_or_else(|| AppError::NotFound(unit.to_string()))?;
    let before = UnitState::of(u);
    let after = UnitState { name, ..before.clone() };
    tx.set_unit_state(id, &after)?;
    let changes = vec![UnitChange { unit: id, created: false, before: Some(before), after }];
    finish(tx, actor, (OpKind::Rename, on), changes, Moved::default(), &tree)
}

/// Moves a unit under another parent from `on`.
pub fn move_unit(store: &dyn Store, actor: &Actor, unit: &str, parent: &str, on: Date) -> AppResult<Done> {
    move_within(store, actor, None, unit, parent, on)
}

/// `move_unit` by an administrator of `scope` (`None`: the command line): the unit moved lies
/// within `scope`, its new parent is `scope` or lies within it.
pub fn move_within(
    store: &dyn Store,
    actor: &Actor,
    scope: Option<UnitId>,
    unit: &str,
    parent: &str,
    on: Date,
) -> AppResult<Done> {
    let (unit, parent) = (code(unit)?, code(parent)?);
    let mut tx = store.begin()?;
    let (tree, ops) = setup(tx.as_mut(), actor, on)?;
    ensure_within(&tree, scope, &[&unit], &[&parent])?;
    let (id, parent_id) = reorg::plan_move(&tree, &ops, &unit, &parent, on)?;
    let old_parent = tree.get(id).and_then(|u| u.parent);
    ensure_months_open(tx.as_mut(), &[id, parent_id].into_iter().chain(old_parent).collect::<Vec<_>>(), on)?;
    let u = tree.get(id).ok_or_else(|| AppError::NotFound(unit.to_string()))?;
    let before = UnitState::of(u);
    let after = UnitState { parent: Some(parent_id), ..before.clone() };
    let money = books::moving_money(tx.as_mut(), &tree, id, parent_id)?;
    tx.set_unit_state(id, &after)?;
    let changes = vec![UnitChange { unit: id, created: false, before: Some(before), after }];
    finish(
        tx,
        actor,
        (OpKind::Move, on),
        changes,
        Moved { money: money.into_iter().collect(), ..Moved::default() },
        &tree,
    )
}

/// Refuses a record of `unit` dated after the unit closed, naming its successor (every path
/// that writes a dated record of a case asks, beside the closed months).
pub fn ensure_unit_open(tx: &mut dyn WriteTx, unit: UnitId, dates: &[Date]) -> AppResult<()> {
    let closed = tx.unit(unit)?.and_then(|u| u.valid_to);
    let Some(closed) = closed else { return Ok(()) };
    let Some(date) = dates.iter().copied().find(|d| *d > closed) else { return Ok(()) };
    // Refused: the whole tree, to name where the unit's cases went.
    let (units, ops) = (tx.units()?, tx.reorg_operations_tx()?);
    Ok(check_unit_open(&UnitTree::new(units), &ops, unit, date)?)
}

/// The unit a case was at on `date` (for the closings of that day): its unit today unless it
/// moved after `date`.
pub fn unit_of_case_on(tx: &mut dyn WriteTx, case: CaseId, today_unit: UnitId, date: Date) -> AppResult<UnitId> {
    let moves: Vec<CaseMove> = tx.moves_of_case(case)?;
    Ok(reorg::unit_on(today_unit, &moves, date))
}
