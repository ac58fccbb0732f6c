//! Reorganisations of units as dated operations (issue 23): a merge of several units into
//! one, a split of one into several (each case assigned by a list), a rename and a move under
//! another parent. On the operation's date a unit's cases, officers and open deadlines move;
//! the cases' histories stay as they were. Each operation keeps, for every unit it changed,
//! the unit as it was before and as it is after, so that the structure of any past day can be
//! rebuilt from today's (`tree_at`), and each case move is kept with its date, so that the unit
//! a case belonged to on any day is known (`unit_on`). A report "as reported" of a period
//! counts every case at the unit it belonged to on the period's last day, on that day's
//! structure; "restated", at its unit today, on today's structure.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use time::Date;

use crate::case::{CaseId, CaseNo};
use crate::dates::format_vn;
use crate::unit::{Unit, UnitCode, UnitId, UnitKind, UnitTree, check_placement};

/// The kind of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    Merge,
    Split,
    Rename,
    Move,
}

impl OpKind {
    pub fn code(self) -> &'static str {
        match self {
            OpKind::Merge => "merge",
            OpKind::Split => "split",
            OpKind::Rename => "rename",
            OpKind::Move => "move",
        }
    }

    pub fn parse(text: &str) -> Option<OpKind> {
        match text {
            "merge" => Some(OpKind::Merge),
            "split" => Some(OpKind::Split),
            "rename" => Some(OpKind::Rename),
            "move" => Some(OpKind::Move),
            _ => None,
        }
    }
}

/// Which structure a report of a past period is laid out on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Structure {
    /// The units and the cases' units of the period's last day: what was reported then.
    #[default]
    AsReported,
    /// Today's units, each case at its unit today (a predecessor's cases under its successor).
    Restated,
}

impl Structure {
    pub fn parse(text: &str) -> Option<Structure> {
        match text.trim() {
            "as-reported" | "as_reported" => Some(Structure::AsReported),
            "restated" => Some(Structure::Restated),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Structure::AsReported => "as-reported",
            Structure::Restated => "restated",
        }
    }
}

/// The changeable part of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitState {
    pub name: String,
    pub parent: Option<UnitId>,
    pub valid_to: Option<Date>,
    pub successor: Option<UnitId>,
}

impl UnitState {
    pub fn of(u: &Unit) -> UnitState {
        UnitState { name: u.name.clone(), parent: u.parent, valid_to: u.valid_to, successor: u.successor }
    }
}

/// One unit an operation changed: created by it, or changed from `before` to `after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChange {
    pub unit: UnitId,
    pub created: bool,
    pub before: Option<UnitState>,
    pub after: UnitState,
}

/// A recorded operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    pub id: i64,
    pub kind: OpKind,
    pub on: Date,
    pub changes: Vec<UnitChange>,
}

/// A case moved from one unit to another on a day (the first day it is at `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseMove {
    pub case: CaseId,
    pub on: Date,
    pub from: UnitId,
    pub to: UnitId,
}

/// The structure of the day `date` (its end): today's units with every operation dated after
/// `date` undone, latest first; the units those operations created are left out.
pub fn tree_at(units: &[Unit], ops: &[Operation], date: Date) -> Vec<Unit> {
    let mut by_id: HashMap<UnitId, Unit> = units.iter().map(|u| (u.id, u.clone())).collect();
    let mut later: Vec<&Operation> = ops.iter().filter(|o| o.on > date).collect();
    later.sort_by_key(|o| (o.on, o.id));
    for op in later.into_iter().rev() {
        for change in op.changes.iter().rev() {
            if change.created {
                by_id.remove(&change.unit);
            } else if let (Some(before), Some(u)) = (&change.before, by_id.get_mut(&change.unit)) {
                u.name.clone_from(&before.name);
                u.parent = before.parent;
                u.valid_to = before.valid_to;
                u.successor = before.successor;
            }
        }
    }
    let mut out: Vec<Unit> = by_id.into_values().collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// Whether any operation is dated after `date` (a report as reported of a period ending on
/// `date` then differs from today's structure).
pub fn any_after(ops: &[Operation], date: Date) -> bool {
    ops.iter().any(|o| o.on > date)
}

/// The unit a case was at on the day `date` (its end), from its unit today and its moves: the
/// origin of its first move dated after `date`, else its unit today.
pub fn unit_on(today: UnitId, moves: &[CaseMove], date: Date) -> UnitId {
    moves.iter().filter(|m| m.on > date).min_by_key(|m| m.on).map_or(today, |m| m.from)
}

/// Why an operation is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReorgError {
    #[error("không có đơn vị «{0}» / no unit «{0}»")]
    UnknownUnit(String),
    #[error("đơn vị «{unit}» đã đóng ngày {closed} / unit «{unit}» closed on {closed}")]
    Closed { unit: String, closed: String },
    #[error("đơn vị «{unit}» chưa hoạt động ngày {on} / unit «{unit}» did not exist yet on {on}")]
    NotYet { unit: String, on: String },
    #[error("không tổ chức lại được đơn vị cấp quốc gia / the national body cannot be reorganised")]
    National,
    #[error("cần ít nhất {0} đơn vị / at least {0} units are needed")]
    TooFew(usize),
    #[error("đơn vị «{0}» được nêu hai lần / unit «{0}» named twice")]
    Twice(String),
    #[error("các đơn vị không cùng cấp trên / the units do not share a parent")]
    NoCommonParent,
    #[error("các đơn vị không cùng loại / the units are not of one kind")]
    MixedKinds,
    #[error("cần tên cho đơn vị mới «{0}» / a name is needed for the new unit «{0}»")]
    NameNeeded(String),
    #[error("tên không hợp lệ / invalid name (1–200 characters, no control or invisible characters)")]
    Name,
    #[error(
        "đơn vị «{unit}» đã có thao tác tổ chức lại ngày {later}, sau ngày {on} / unit «{unit}» already has an \
         operation on {later}, after {on}: operations on a unit go forward in time"
    )]
    OutOfOrder { unit: String, on: String, later: String },
    #[error("{0}")]
    Placement(#[from] crate::unit::UnitError),
    #[error("đơn vị «{0}» không phải là một trong các đơn vị được chia / «{0}» is not one of the split's units")]
    NotATarget(String),
    #[error("việc {0} không thuộc đơn vị được chia / case {0} is not a case of the unit split")]
    UnknownCase(String),
    #[error("việc {0} được giao hai lần / case {0} assigned twice")]
    AssignedTwice(String),
    #[error(
        "{count} việc chưa được giao cho đơn vị nào: {first} / {count} cases are left unassigned: {first}",
        count = .0.len(), first = .0.iter().take(10).cloned().collect::<Vec<_>>().join(", ")
    )]
    Unassigned(Vec<String>),
    #[error("tên mới trùng tên cũ / the new name is the unit's name already")]
    SameName,
    #[error("đơn vị đã ở dưới «{0}» / the unit is already under «{0}»")]
    SameParent(String),
    #[error(
        "đơn vị «{unit}» còn đơn vị trực thuộc đang hoạt động ({under}): chuyển hoặc sáp nhập chúng trước khi chia / \
         unit «{unit}» still has open units under it ({under}): move or merge them before the split",
        under = .under.join(", ")
    )]
    OpenUnitsUnder { unit: String, under: Vec<String> },
}

/// A unit named by an operation: one that exists, or one it creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Existing(UnitId),
    New { code: UnitCode, name: String, kind: UnitKind, parent: Option<UnitId> },
}

/// A merge checked against the structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergePlan {
    pub into: Target,
    /// The predecessors that close (not the target when it is one of the named units).
    pub from: Vec<UnitId>,
    pub on: Date,
}

/// A split checked against the structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPlan {
    pub from: UnitId,
    pub into: Vec<Target>,
    pub on: Date,
}

/// Whether an administrator of `scope` may reorganise the units named: every existing unit of
/// `named` (a code of none is a unit the operation creates) lies strictly within `scope`, and
/// each existing one of `or_scope` (a move's new parent) lies within it or is it. The web asks
/// it of its own view of the units before a request, the use case of the units its
/// transaction read.
pub fn within_scope(
    tree: &UnitTree,
    scope: UnitId,
    named: &[&str],
    or_scope: &[&str],
) -> Result<(), crate::access::Denied> {
    let id = |code: &&str| tree.by_code(code).map(|u| u.id);
    let outside = named.iter().filter_map(id).any(|u| u == scope || !tree.covers(scope, u))
        || or_scope.iter().filter_map(id).any(|u| !tree.covers(scope, u));
    if outside { Err(crate::access::Denied::OutsideUnit) } else { Ok(()) }
}

/// Checks a unit's display name: 1–200 characters, none invisible.
pub fn check_name(name: &str) -> Result<String, ReorgError> {
    crate::field::UNIT_NAME.clean_required(name).map_err(|_| ReorgError::Name)
}

fn find<'a>(tree: &'a UnitTree, code: &UnitCode) -> Result<&'a Unit, ReorgError> {
    tree.by_code(code.as_str()).ok_or_else(|| ReorgError::UnknownUnit(code.to_string()))
}

/// A unit may take part in an operation dated `on`: not the national body, open that day, and
/// with no operation of its own dated after `on`.
fn open_on(u: &Unit, on: Date, ops: &[Operation]) -> Result<(), ReorgError> {
    if u.kind == UnitKind::National {
        return Err(ReorgError::National);
    }
    if let Some(to) = u.valid_to
        && to < on
    {
        return Err(ReorgError::Closed { unit: u.code.to_string(), closed: format_vn(to) });
    }
    if let Some(from) = u.valid_from
        && from > on
    {
        return Err(ReorgError::NotYet { unit: u.code.to_string(), on: format_vn(on) });
    }
    if let Some(later) = ops.iter().filter(|o| o.changes.iter().any(|c| c.unit == u.id)).map(|o| o.on).max()
        && later > on
    {
        return Err(ReorgError::OutOfOrder { unit: u.code.to_string(), on: format_vn(on), later: format_vn(later) });
    }
    Ok(())
}

/// Checks a merge of `from` into `into` on `on`: every named unit open that day, one kind, one
/// parent; `into` either exists (and is open) or is created under the common parent with
/// `name` (required then) and `kind` (by default the predecessors' kind).
pub fn plan_merge(
    tree: &UnitTree,
    ops: &[Operation],
    into: &UnitCode,
    from: &[UnitCode],
    on: Date,
    name: Option<&str>,
    kind: Option<UnitKind>,
) -> Result<MergePlan, ReorgError> {
    let mut seen = BTreeSet::new();
    let mut units = Vec::new();
    for code in from {
        if !seen.insert(code.clone()) {
            return Err(ReorgError::Twice(code.to_string()));
        }
        let u = find(tree, code)?;
        open_on(u, on, ops)?;
        units.push(u);
    }
    let parent = common(units.iter().map(|u| u.parent)).ok_or(ReorgError::NoCommonParent)?;
    let common_kind = common(units.iter().map(|u| u.kind)).ok_or(ReorgError::MixedKinds)?;
    let target = match tree.by_code(into.as_str()) {
        Some(t) => {
            open_on(t, on, ops)?;
            if t.parent != parent {
                return Err(ReorgError::NoCommonParent);
            }
            Target::Existing(t.id)
        }
        None => {
            let name = check_name(name.ok_or_else(|| ReorgError::NameNeeded(into.to_string()))?)?;
            let kind = kind.unwrap_or(common_kind);
            check_placement(kind, parent.and_then(|p| tree.get(p)))?;
            Target::New { code: into.clone(), name, kind, parent }
        }
    };
    let closing: Vec<UnitId> =
        units.iter().map(|u| u.id).filter(|id| !matches!(target, Target::Existing(t) if t == *id)).collect();
    let needed = if matches!(target, Target::Existing(_)) { 1 } else { 2 };
    if closing.len() < needed {
        return Err(ReorgError::TooFew(needed));
    }
    Ok(MergePlan { into: target, from: closing, on })
}

/// Checks a split of `from` into `into` (at least two; each an open unit under the same parent,
/// or a new one created there with its name from `names`, by default «name of `from` (code)»).
/// A unit with open units under it is not split: a split moves cases and people, not units, so
/// they would be left under a closed unit whose books closed with it; they are moved first.
pub fn plan_split(
    tree: &UnitTree,
    ops: &[Operation],
    from: &UnitCode,
    into: &[UnitCode],
    names: &[String],
    on: Date,
) -> Result<SplitPlan, ReorgError> {
    let source = find(tree, from)?;
    open_on(source, on, ops)?;
    if into.len() < 2 {
        return Err(ReorgError::TooFew(2));
    }
    let under: Vec<String> = tree
        .children(source.id)
        .iter()
        .filter(|u| u.valid_to.is_none_or(|to| to >= on))
        .map(|u| u.code.to_string())
        .collect();
    if !under.is_empty() {
        return Err(ReorgError::OpenUnitsUnder { unit: source.code.to_string(), under });
    }
    let mut seen = BTreeSet::new();
    let mut targets = Vec::new();
    for (i, code) in into.iter().enumerate() {
        if !seen.insert(code.clone()) || code == &source.code {
            return Err(ReorgError::Twice(code.to_string()));
        }
        match tree.by_code(code.as_str()) {
            Some(t) => {
                open_on(t, on, ops)?;
                if t.parent != source.parent {
                    return Err(ReorgError::NoCommonParent);
                }
                targets.push(Target::Existing(t.id));
            }
            None => {
                let name = match names.get(i) {
                    Some(n) => check_name(n)?,
                    None => check_name(&format!("{} ({code})", source.name))?,
                };
                targets.push(Target::New { code: code.clone(), name, kind: source.kind, parent: source.parent });
            }
        }
    }
    Ok(SplitPlan { from: source.id, into: targets, on })
}

/// Assigns each case of the unit split to one of the split's units (`into`, by index) from a
/// list of (case number, unit code); a case left out, listed twice, unknown or sent to a unit
/// not of the split is refused.
pub fn assign_split(
    cases: &[(CaseId, CaseNo)],
    list: &[(String, String)],
    into: &[UnitCode],
) -> Result<Vec<(CaseId, usize)>, ReorgError> {
    let by_no: HashMap<&str, CaseId> = cases.iter().map(|(id, no)| (no.as_str(), *id)).collect();
    let mut assigned: HashMap<CaseId, usize> = HashMap::new();
    for (no, unit) in list {
        let id = by_no.get(no.trim()).ok_or_else(|| ReorgError::UnknownCase(no.trim().to_string()))?;
        let k = into
            .iter()
            .position(|c| c.as_str() == unit.trim())
            .ok_or_else(|| ReorgError::NotATarget(unit.trim().to_string()))?;
        if assigned.insert(*id, k).is_some() {
            return Err(ReorgError::AssignedTwice(no.trim().to_string()));
        }
    }
    let missing: Vec<String> =
        cases.iter().filter(|(id, _)| !assigned.contains_key(id)).map(|(_, no)| no.to_string()).collect();
    if !missing.is_empty() {
        return Err(ReorgError::Unassigned(missing));
    }
    let mut out: Vec<(CaseId, usize)> = assigned.into_iter().collect();
    out.sort_unstable();
    Ok(out)
}

/// A split's list completed by a rule: every case of the unit the list leaves out goes to
/// `rest` ("all the others to X"); the list's own lines are kept as they are.
pub fn with_rest(cases: &[(CaseId, CaseNo)], list: &[(String, String)], rest: &UnitCode) -> Vec<(String, String)> {
    let listed: std::collections::HashSet<&str> = list.iter().map(|(no, _)| no.trim()).collect();
    let mut out = list.to_vec();
    out.extend(
        cases.iter().filter(|(_, no)| !listed.contains(no.as_str())).map(|(_, no)| (no.to_string(), rest.to_string())),
    );
    out
}

/// Checks a rename of `unit` to `name` on `on`.
pub fn plan_rename(
    tree: &UnitTree,
    ops: &[Operation],
    unit: &UnitCode,
    name: &str,
    on: Date,
) -> Result<(UnitId, String), ReorgError> {
    let u = find(tree, unit)?;
    open_on(u, on, ops)?;
    let name = check_name(name)?;
    if name == u.name {
        return Err(ReorgError::SameName);
    }
    Ok((u.id, name))
}

/// Checks a move of `unit` under `parent` on `on`.
pub fn plan_move(
    tree: &UnitTree,
    ops: &[Operation],
    unit: &UnitCode,
    parent: &UnitCode,
    on: Date,
) -> Result<(UnitId, UnitId), ReorgError> {
    let u = find(tree, unit)?;
    open_on(u, on, ops)?;
    let p = find(tree, parent)?;
    if p.kind != UnitKind::National {
        open_on(p, on, ops)?;
    }
    if u.parent == Some(p.id) {
        return Err(ReorgError::SameParent(p.code.to_string()));
    }
    check_placement(u.kind, Some(p))?;
    Ok((u.id, p.id))
}

/// A unit that closed before `date` refuses a record dated then: the message names where its
/// cases went.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "đơn vị «{unit}» đã đóng ngày {closed}; ghi vào đơn vị kế thừa {successors} / unit «{unit}» closed on {closed}; \
     record at its successor {successors}",
    successors = if .successors.is_empty() { "—".to_string() } else { .successors.join(", ") }
)]
pub struct UnitClosed {
    pub unit: String,
    pub closed: String,
    pub successors: Vec<String>,
}

/// Refuses a record of `unit` dated after its closing, naming its successors (the unit in its
/// `successor`, or the units a split created from it, found in the operations).
pub fn check_unit_open(tree: &UnitTree, ops: &[Operation], unit: UnitId, date: Date) -> Result<(), UnitClosed> {
    let Some(u) = tree.get(unit) else { return Ok(()) };
    match u.valid_to {
        Some(to) if date > to => {
            let mut successors: Vec<String> =
                u.successor.and_then(|s| tree.get(s)).map(|s| s.code.to_string()).into_iter().collect();
            for op in ops.iter().filter(|o| o.kind == OpKind::Split) {
                if op.changes.iter().any(|c| c.unit == unit && !c.created) {
                    successors.extend(
                        op.changes
                            .iter()
                            .filter(|c| c.unit != unit)
                            .filter_map(|c| tree.get(c.unit))
                            .map(|s| s.code.to_string()),
                    );
                }
            }
            Err(UnitClosed { unit: u.code.to_string(), closed: format_vn(to), successors })
        }
        _ => Ok(()),
    }
}

fn common<T: PartialEq + Copy>(mut items: impl Iterator<Item = T>) -> Option<T> {
    let first = items.next()?;
    items.all(|x| x == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn unit(id: i64, code: &str, kind: UnitKind, parent: Option<i64>) -> Unit {
        Unit {
            id: UnitId(id),
            code: UnitCode::new(code).unwrap(),
            name: code.to_string(),
            kind,
            parent: parent.map(UnitId),
            valid_from: None,
            valid_to: None,
            successor: None,
        }
    }

    fn sample() -> Vec<Unit> {
        vec![
            unit(1, "VN", UnitKind::National, None),
            unit(2, "BG", UnitKind::Province, Some(1)),
            unit(3, "BG-H1", UnitKind::District, Some(2)),
            unit(4, "BG-H2", UnitKind::District, Some(2)),
            unit(5, "HN", UnitKind::Province, Some(1)),
        ]
    }

    fn code(c: &str) -> UnitCode {
        UnitCode::new(c).unwrap()
    }

    #[test]
    fn a_merge_needs_a_name_for_a_new_unit_and_a_common_parent() {
        let tree = UnitTree::new(sample());
        let on = date!(2025 - 07 - 01);
        let from = [code("BG-H1"), code("BG-H2")];
        assert_eq!(
            plan_merge(&tree, &[], &code("BG-KV1"), &from, on, None, None),
            Err(ReorgError::NameNeeded("BG-KV1".into()))
        );
        let plan = plan_merge(&tree, &[], &code("BG-KV1"), &from, on, Some("KV1"), Some(UnitKind::Region)).unwrap();
        assert_eq!(plan.from, vec![UnitId(3), UnitId(4)]);
        assert!(matches!(plan.into, Target::New { parent: Some(UnitId(2)), kind: UnitKind::Region, .. }));
        let mixed = [code("BG-H1"), code("HN")];
        assert!(plan_merge(&tree, &[], &code("X"), &mixed, on, Some("X"), None).is_err());
        let into_one = plan_merge(&tree, &[], &code("BG-H1"), &from, on, None, None).unwrap();
        assert_eq!(into_one.from, vec![UnitId(4)]);
    }

    #[test]
    fn a_unit_with_open_units_under_it_is_split_only_once_they_are_gone() {
        let mut units = sample();
        let on = date!(2025 - 07 - 01);
        let into = [code("BG1"), code("BG2")];
        let refused = plan_split(&UnitTree::new(units.clone()), &[], &code("BG"), &into, &[], on);
        assert_eq!(
            refused,
            Err(ReorgError::OpenUnitsUnder { unit: "BG".into(), under: vec!["BG-H1".into(), "BG-H2".into()] })
        );
        units[2].valid_to = Some(date!(2025 - 06 - 30));
        units[3].parent = Some(UnitId(5));
        let plan = plan_split(&UnitTree::new(units), &[], &code("BG"), &into, &[], on).unwrap();
        assert_eq!(plan.from, UnitId(2));
        assert!(matches!(plan.into[0], Target::New { kind: UnitKind::Province, parent: Some(UnitId(1)), .. }));
    }

    #[test]
    fn a_split_leaving_a_case_unassigned_is_refused() {
        let cases = vec![(CaseId(1), CaseNo::new("1/2024").unwrap()), (CaseId(2), CaseNo::new("2/2024").unwrap())];
        let into = [code("A"), code("B")];
        let list = vec![("1/2024".to_string(), "A".to_string())];
        assert_eq!(assign_split(&cases, &list, &into), Err(ReorgError::Unassigned(vec!["2/2024".into()])));
        let list = vec![("1/2024".to_string(), "A".to_string()), ("2/2024".to_string(), "B".to_string())];
        assert_eq!(assign_split(&cases, &list, &into).unwrap(), vec![(CaseId(1), 0), (CaseId(2), 1)]);
        let list = vec![("1/2024".to_string(), "C".to_string())];
        assert!(matches!(assign_split(&cases, &list, &into), Err(ReorgError::NotATarget(_))));
        let one = vec![("1/2024".to_string(), "A".to_string())];
        let all = with_rest(&cases, &one, &into[1]);
        assert_eq!(assign_split(&cases, &all, &into).unwrap(), vec![(CaseId(1), 0), (CaseId(2), 1)]);
        assert_eq!(assign_split(&cases, &with_rest(&cases, &[], &into[0]), &into).unwrap().len(), 2);
    }

    #[test]
    fn the_tree_of_a_past_day_undoes_later_operations() {
        let mut units = sample();
        let mut before = units.clone();
        before.sort_by(|a, b| a.code.cmp(&b.code));
        units[2].valid_to = Some(date!(2025 - 06 - 30));
        units[2].successor = Some(UnitId(6));
        units.push(Unit { valid_from: Some(date!(2025 - 07 - 01)), ..unit(6, "BG-KV1", UnitKind::Region, Some(2)) });
        let op = Operation {
            id: 1,
            kind: OpKind::Merge,
            on: date!(2025 - 07 - 01),
            changes: vec![
                UnitChange { unit: UnitId(6), created: true, before: None, after: UnitState::of(&units[5]) },
                UnitChange {
                    unit: UnitId(3),
                    created: false,
                    before: Some(UnitState::of(before.iter().find(|u| u.id == UnitId(3)).unwrap())),
                    after: UnitState::of(&units[2]),
                },
            ],
        };
        assert_eq!(tree_at(&units, std::slice::from_ref(&op), date!(2025 - 06 - 30)), before);
        assert_eq!(tree_at(&units, std::slice::from_ref(&op), date!(2025 - 07 - 01)).len(), 6);
        let tree = UnitTree::new(units.clone());
        let err = check_unit_open(&tree, &[op], UnitId(3), date!(2025 - 07 - 02)).unwrap_err();
        assert_eq!(err.successors, vec!["BG-KV1".to_string()]);
        assert!(err.to_string().contains("BG-KV1"));
        let moves = [CaseMove { case: CaseId(1), on: date!(2025 - 07 - 01), from: UnitId(3), to: UnitId(6) }];
        assert_eq!(unit_on(UnitId(6), &moves, date!(2025 - 06 - 30)), UnitId(3));
        assert_eq!(unit_on(UnitId(6), &moves, date!(2025 - 07 - 01)), UnitId(6));
    }
}
