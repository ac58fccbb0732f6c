//! The diff of a snapshot against another or against today's figures: each figure that moved,
//! with the cases that moved it and why (which record, its effective date, when it was entered
//! and by whom). Only the cases with a record, an audited change or their creation above the
//! older snapshot's marks are looked at (ids only grow), so its cost follows what changed, not
//! the size of the register.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use thads_core::dates::format_iso;
use thads_core::{Entry, Rules, UnitTree};
use thads_reports::{CaseCells, Column, FormKind, Report, drill_down};
use thads_store::{Marks, SnapshotHead, Store};
use time::{Date, OffsetDateTime, UtcOffset};

use super::figures;
use crate::clock::vietnam_date;
use crate::error::{AppError, AppResult};
use crate::history::check;

/// What a snapshot is compared with.
pub enum Against<'a> {
    /// Today's figures: the live report of the same unit and period.
    Live(&'a Report),
    /// Another snapshot of the same unit and period.
    Snapshot(&'a SnapshotHead),
}

/// The contract's diff: `{"changes": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
}

/// One figure that moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `cases` or `money`.
    pub form: &'static str,
    /// The column's key (interchange §3).
    pub key: &'static str,
    pub before: i128,
    pub after: i128,
    /// The records that moved it, case by case.
    pub cases: Vec<Why>,
}

/// A record that moved a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    pub unit: String,
    pub case_no: String,
    /// `event #12 collected`, `void #13`, `case.update #40` (an audited change of facts), or
    /// `case` (a case added since).
    pub record: String,
    /// The day it takes effect (ISO).
    pub effective: String,
    /// When it was entered (UTC, ISO 8601) and by whom, when known.
    pub entered_at: Option<String>,
    pub entered_by: Option<String>,
}

/// The diff of snapshot `base` against `against`.
pub fn diff(
    store: &dyn Store,
    rules: &Rules,
    units: &UnitTree,
    base: &SnapshotHead,
    against: Against<'_>,
    today: Date,
) -> AppResult<Diff> {
    let period = super::period_of(base)?;
    let before_figures = parse(&base.figures)?;
    let (after_figures, upto) = match &against {
        Against::Live(report) => (figures(report), Marks::LIVE),
        Against::Snapshot(other) => {
            if (other.unit, other.from, other.to) != (base.unit, base.from, base.to) {
                return Err(AppError::Invalid(
                    "hai bản chốt không cùng đơn vị và kỳ / the snapshots are not of the same unit and period".into(),
                ));
            }
            (parse(&other.figures)?, other.marks)
        }
    };
    let (lo, hi) = (min_marks(base.marks, upto), max_marks(base.marks, upto));
    let candidates = store.cases_changed_between(lo, hi)?;
    let scope = units.scope(base.unit);
    let mut moved: BTreeMap<(u8, u8), Vec<Why>> = BTreeMap::new();
    for id in candidates {
        let Some(case) = store.case(id)? else { continue };
        let records = store.records(id)?;
        // Each side as the case stood at that snapshot's marks, replayed as of its day.
        let at = |head: &SnapshotHead| {
            super::at_marks(store, rules, &case, &records, &scope, period, head.marks, vietnam_date(head.taken_at))
        };
        let then = at(base)?;
        let now = match &against {
            Against::Snapshot(other) => at(other)?,
            Against::Live(_) if scope.contains(&case.facts.unit) && case.facts.accepted_on <= period.to() => {
                let checked = check(&case.facts, &records, today, rules)
                    .map_err(|fault| AppError::Invalid(fault.stored(&case.facts.case_no).to_string()))?;
                drill_down(&case.facts.basis(), &checked.steps, &rules.classification, period)
            }
            Against::Live(_) => None,
        };
        let moves = figure_moves(then.as_ref(), now.as_ref());
        if moves.is_empty() {
            continue;
        }
        let whys = reasons(store, &case, &records, lo, hi, units)?;
        for (kind, column) in moves {
            moved.entry((kind_index(kind), column_index(kind, column))).or_default().extend(whys.iter().cloned());
        }
    }
    let mut changes = Vec::new();
    for kind in [FormKind::Cases, FormKind::Money] {
        for column in Column::of(kind) {
            let (b, a) = (value(&before_figures, kind, column)?, value(&after_figures, kind, column)?);
            let cases = moved.remove(&(kind_index(kind), column_index(kind, column))).unwrap_or_default();
            if b != a || !cases.is_empty() {
                changes.push(Change { form: form_key(kind), key: column.key(), before: b, after: a, cases });
            }
        }
    }
    Ok(Diff { changes })
}

/// The figures a case's move from `before` to `after` changes (either may be absent: the case
/// did not count), each once.
pub fn figure_moves(before: Option<&CaseCells>, after: Option<&CaseCells>) -> Vec<(FormKind, Column)> {
    if before == after {
        return Vec::new();
    }
    let part = |c: Option<&CaseCells>, kind, column| c.map_or(0, |c| c.contribution(kind, column));
    let mut out = Vec::new();
    for kind in [FormKind::Cases, FormKind::Money] {
        for column in Column::of(kind) {
            if part(before, kind, column) != part(after, kind, column) {
                out.push((kind, column));
            }
        }
    }
    out
}

/// The records of `case` entered between the marks, with the audited changes of its facts and
/// its creation when it came after `lo`.
fn reasons(
    store: &dyn Store,
    case: &thads_core::Case,
    records: &[thads_core::EventRecord],
    lo: Marks,
    hi: Marks,
    units: &UnitTree,
) -> AppResult<Vec<Why>> {
    let unit = units.get(case.facts.unit).map_or_else(|| format!("#{}", case.facts.unit.0), |u| u.code.to_string());
    let why = |record: String, effective: Date, at: Option<OffsetDateTime>, by: Option<String>| Why {
        unit: unit.clone(),
        case_no: case.facts.case_no.to_string(),
        record,
        effective: format_iso(effective),
        entered_at: at.map(utc_iso),
        entered_by: by,
    };
    let mut out = Vec::new();
    let accepted = case.facts.accepted_on;
    let audit = store.audit_of_case(case.id)?;
    if case.id.0 > lo.case && case.id.0 <= hi.case {
        let created = audit.iter().find(|a| a.action == "case.create" || a.action.starts_with("case.take_in"));
        out.push(why("case".into(), accepted, created.map(|a| a.at), created.map(|a| a.actor.clone())));
    }
    for r in records.iter().filter(|r| r.id.0 > lo.event && r.id.0 <= hi.event) {
        let (label, date) = match &r.entry {
            Entry::Event(e) => (format!("event #{} {}", r.id.0, e.code.code()), e.date),
            Entry::Void => {
                let target = r.supersedes.and_then(|s| records.iter().find(|x| x.id == s));
                let date = match target.map(|t| &t.entry) {
                    Some(Entry::Event(e)) => e.date,
                    _ => accepted,
                };
                (format!("void #{}", r.id.0), date)
            }
        };
        out.push(why(label, date, Some(r.recorded_at), Some(r.recorded_by.clone())));
    }
    for a in audit.iter().filter(|a| a.id > lo.audit && a.id <= hi.audit && a.action.starts_with("case.")) {
        if a.action == "case.create" {
            continue;
        }
        out.push(why(format!("{} #{}", a.action, a.id), accepted, Some(a.at), Some(a.actor.clone())));
    }
    Ok(out)
}

fn parse(figures: &str) -> AppResult<Value> {
    serde_json::from_str(figures).map_err(|_| thads_store::StoreError::corrupt("report_snapshots.figures", "…").into())
}

fn value(figures: &Value, kind: FormKind, column: Column) -> AppResult<i128> {
    let v = &figures[form_key(kind)][column.key()];
    v.as_i64()
        .map(i128::from)
        .or_else(|| v.as_u64().map(i128::from))
        .or_else(|| v.to_string().parse().ok())
        .ok_or_else(|| thads_store::StoreError::corrupt("report_snapshots.figures", column.key()).into())
}

fn form_key(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Cases => "cases",
        FormKind::Money => "money",
    }
}

fn kind_index(kind: FormKind) -> u8 {
    match kind {
        FormKind::Cases => 0,
        FormKind::Money => 1,
    }
}

fn column_index(kind: FormKind, column: Column) -> u8 {
    Column::of(kind).position(|c| c == column).and_then(|i| u8::try_from(i).ok()).unwrap_or(u8::MAX)
}

fn min_marks(a: Marks, b: Marks) -> Marks {
    Marks { event: a.event.min(b.event), audit: a.audit.min(b.audit), case: a.case.min(b.case) }
}

fn max_marks(a: Marks, b: Marks) -> Marks {
    Marks { event: a.event.max(b.event), audit: a.audit.max(b.audit), case: a.case.max(b.case) }
}

/// `2026-04-02T08:00:00Z`.
fn utc_iso(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}
