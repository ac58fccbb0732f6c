//! Set-based reorganisations (issue 23): a merge whose cases move a whole unit at a time
//! (`ReorgTx::move_all_cases`, a few statements per unit whatever its number of cases) instead
//! of case by case. The case rows, their moves, ledger series, deducted moves and deadlines
//! move as `merge` moves them; the histories are not replayed, so the stored ledger must be
//! current (it is when every write went through the application, and `thads ledger check`
//! says so). Used by the demo to run through the 2025 reform with hundreds of thousands of
//! cases; `move_all` is what `merge` can call for each unit it closes.

use serde_json::json;
use thads_core::reorg::{OpKind, UnitChange, UnitState};
use thads_core::{UnitId, UnitTree};
use thads_store::{NewAudit, NewReorgOperation, StoreError, WriteTx};
use time::{Date, OffsetDateTime};

use crate::error::{AppError, AppResult};

/// A merge into a unit that exists in the store: `into` receives the cases and people of
/// `from`, which close the day before `on`. `created` when `into` begins with the operation
/// (it was inserted for it, dated `on`); `name`, a new name for `into` from `on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkMerge {
    pub into: UnitId,
    pub created: bool,
    pub from: Vec<UnitId>,
    pub on: Date,
    pub name: Option<String>,
}

/// Who records the operations, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorder {
    pub login: String,
    pub at: OffsetDateTime,
}

/// Moves every case of `from` to `to` by operation `op` on `on`, in a few statements; returns
/// how many moved. A case number `to` already holds is refused, naming the units.
pub fn move_all(tx: &mut dyn WriteTx, op: i64, on: Date, from: UnitId, to: UnitId) -> AppResult<i64> {
    let moved = tx.move_all_cases(op, on, from, to).map_err(|e| match e {
        StoreError::Duplicate(_) => AppError::Invalid(format!(
            "số việc của đơn vị #{f} đã có ở đơn vị #{t} / a case number of unit #{f} is taken at unit #{t}",
            f = from.0,
            t = to.0
        )),
        other => other.into(),
    })?;
    tx.touch_ledger()?;
    Ok(moved)
}

/// Runs `merge` in `tx` (a rename when it only renames `into`): the units closed (and `into` renamed), the operation recorded with
/// its unit changes, every case and person moved, the whole audited. Returns the operation's
/// id. The caller checks the plan (as `core::reorg::plan_merge` does) and commits.
pub fn merge(tx: &mut dyn WriteTx, by: &Recorder, merge: &BulkMerge) -> AppResult<i64> {
    let tree = UnitTree::new(tx.units()?);
    merge_on(tx, by, &tree, merge)
}

/// Runs several merges in `tx` on the structure read once (a reform of hundreds of units): each
/// unit in one merge at most, else refused before anything is written. Returns their ids.
pub fn merges(tx: &mut dyn WriteTx, by: &Recorder, list: &[BulkMerge]) -> AppResult<Vec<i64>> {
    let mut seen = std::collections::HashSet::new();
    for unit in list.iter().flat_map(|m| std::iter::once(m.into).chain(m.from.iter().copied())) {
        if !seen.insert(unit) {
            return Err(AppError::Invalid(format!(
                "đơn vị #{u} có trong hai phép sáp nhập / unit #{u} is in two merges",
                u = unit.0
            )));
        }
    }
    let tree = UnitTree::new(tx.units()?);
    list.iter().map(|m| merge_on(tx, by, &tree, m)).collect()
}

/// `merge` on `tree`, the structure as `tx` sees it, where no unit of `merge` has changed.
fn merge_on(tx: &mut dyn WriteTx, by: &Recorder, tree: &UnitTree, merge: &BulkMerge) -> AppResult<i64> {
    let state = |unit: UnitId| {
        tree.get(unit).map(UnitState::of).ok_or_else(|| AppError::NotFound(format!("đơn vị / unit #{}", unit.0)))
    };
    let mut changes = Vec::new();
    let into_before = state(merge.into)?;
    let into_after =
        UnitState { name: merge.name.clone().unwrap_or_else(|| into_before.name.clone()), ..into_before.clone() };
    if into_after != into_before {
        tx.set_unit_state(merge.into, &into_after)?;
    }
    let before = (!merge.created).then_some(into_before);
    changes.push(UnitChange { unit: merge.into, created: merge.created, before, after: into_after });
    let (mut moves, mut staff) = (Vec::new(), 0);
    for unit in &merge.from {
        let before = state(*unit)?;
        let after = UnitState { valid_to: merge.on.previous_day(), successor: Some(merge.into), ..before.clone() };
        tx.set_unit_state(*unit, &after)?;
        changes.push(UnitChange { unit: *unit, created: false, before: Some(before), after });
        // Every case of the unit goes to the successor: the registers that follow a case go
        // with them, as in a merge case by case.
        moves.extend(tx.cases_at(*unit)?.into_iter().map(|(case, _)| (case, *unit, merge.into)));
        staff += tx.move_staff(*unit, merge.into)?;
    }
    let cases = i64::try_from(moves.len()).map_err(|_| AppError::Invalid("too many cases".into()))?;
    // A unit that only changes its name is renamed.
    let kind = if merge.from.is_empty() && !merge.created { OpKind::Rename } else { OpKind::Merge };
    let op = tx.insert_reorg_operation(&NewReorgOperation {
        kind,
        on: merge.on,
        changes: changes.clone(),
        recorded_by: by.login.clone(),
        recorded_at: by.at,
        cases_moved: cases,
        staff_moved: staff,
    })?;
    for unit in &merge.from {
        move_all(tx, op, merge.on, *unit, merge.into)?;
        super::follow_unit(tx, *unit, merge.into, merge.on)?;
    }
    tx.follow_cases(merge.on, &moves)?;
    // The custody books of merged provinces go to the successor, as in a merge unit by unit.
    let today = crate::clock::vietnam_date(by.at);
    let mut books = Vec::new();
    // Read in the transaction: a unit the caller created for the merge is not in `tree`.
    let into_kind = tx.unit(merge.into)?.map(|u| u.kind);
    for pair in super::provinces_merged(tree, &merge.from, merge.into, into_kind) {
        books.extend(super::books::hand_over(tx, pair, op, merge.on, today, by.at)?);
    }
    audit(tx, by, (op, kind), merge.on, &changes, tree, (cases, staff), &books)?;
    Ok(op)
}

#[expect(clippy::too_many_arguments, reason = "one operation's parts, audited together")]
fn audit(
    tx: &mut dyn WriteTx,
    by: &Recorder,
    (op, kind): (i64, OpKind),
    on: Date,
    changes: &[UnitChange],
    tree: &UnitTree,
    (cases, staff): (i64, i64),
    books: &[super::books::HandedOver],
) -> AppResult<()> {
    let name = |u: UnitId| tree.get(u).map(|x| x.code.to_string()).unwrap_or_default();
    let what = json!({
        "operation": op,
        "kind": kind.code(),
        "on": on.to_string(),
        "units": changes.iter().map(|c| json!({
            "unit": name(c.unit), "created": c.created, "before": c.before, "after": c.after,
        })).collect::<Vec<_>>(),
        "cases_moved": cases,
        "staff_moved": staff,
        "books": books.iter().map(|b| json!({
            "from": name(b.from), "to": name(b.to), "date": b.date.to_string(),
            "holdings_vnd": b.holdings_vnd, "entries": b.entries,
        })).collect::<Vec<_>>(),
        "set_based": true,
    });
    tx.insert_audit(&NewAudit {
        at: by.at,
        actor: by.login.clone(),
        case: None,
        action: format!("unit.{}", kind.code()),
        before: None,
        after: Some(what.to_string()),
    })?;
    Ok(())
}
