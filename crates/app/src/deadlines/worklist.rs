//! The worklist (Việc cần làm): the deadlines of a unit's scope or of one officer on today,
//! filtered (overdue only, due before a day, one kind), sorted by the reader's choice, with
//! the counts a person reads first (overdue, due this week, per kind). Read from the derived
//! table, like the dashboard it is linked from.

use serde::Serialize;
use thads_core::deadlines::DeadlineKind;
use thads_core::{StaffId, UnitId};
use thads_store::{DeadlineQuery, Store};
use time::{Date, Duration};

use super::dashboard::WEEK;
use super::query::{DueItem, Names, Scope, item_of_row};
use super::setup::DeadlineSetup;
use crate::error::AppResult;

/// Which deadlines a worklist lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorklistFilter {
    /// The reader's scope (already authorized).
    pub units: Vec<UnitId>,
    /// One officer's cases only.
    pub officer: Option<StaffId>,
    /// Only those due before today.
    pub overdue_only: bool,
    /// Only those due on or after this day.
    pub due_from: Option<Date>,
    /// Only those due strictly before this day.
    pub due_before: Option<Date>,
    pub kind: Option<DeadlineKind>,
}

/// The column a worklist is sorted by; ties keep due date, unit, case number and kind order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorklistSort {
    #[default]
    Due,
    CaseNo,
    Unit,
    Officer,
    Kind,
}

impl WorklistSort {
    pub const ALL: [WorklistSort; 5] =
        [WorklistSort::Due, WorklistSort::CaseNo, WorklistSort::Unit, WorklistSort::Officer, WorklistSort::Kind];

    pub fn code(self) -> &'static str {
        match self {
            WorklistSort::Due => "due",
            WorklistSort::CaseNo => "case_no",
            WorklistSort::Unit => "unit",
            WorklistSort::Officer => "officer",
            WorklistSort::Kind => "kind",
        }
    }

    pub fn parse(code: &str) -> Option<WorklistSort> {
        WorklistSort::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// How many deadlines of one kind the filter found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub kind: &'static str,
    pub count: usize,
}

/// A sorted worklist and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worklist {
    pub items: Vec<DueItem>,
    pub overdue: usize,
    /// Due from today to six days later.
    pub due_this_week: usize,
    /// Per kind, in the order of `DeadlineKind::ALL`, kinds with none left out.
    pub by_kind: Vec<KindCount>,
}

/// The worklist of `filter` on `on`, sorted by `sort` (`descending` reverses it).
pub fn worklist(
    store: &dyn Store,
    filter: &WorklistFilter,
    sort: WorklistSort,
    descending: bool,
    on: Date,
) -> AppResult<Worklist> {
    let (setup, names) = (DeadlineSetup::load(store)?, Names::load(store)?);
    let query = query_of(filter, on);
    let mut items: Vec<DueItem> = store
        .deadlines(&query)?
        .iter()
        .filter(|r| filter.kind.is_none_or(|k| r.kind == k))
        .map(|r| item_of_row(&setup, &names, r, on))
        .collect();
    items.extend(monitoring(store, filter, &setup, &names, on)?);
    let scope = Scope { store, setup: &setup, names: &names, units: &filter.units, officer: filter.officer, on };
    if filter.kind.is_none_or(|k| k == DeadlineKind::Payout) {
        // Money in the custody books: its payout limit runs until a payout clears it (issue 18);
        // the table has no payout row for such a case (`rows::drop_book_payouts`).
        let held = super::payouts::payout_items(&scope)?;
        items.extend(held.into_iter().filter(|i| in_filter(filter, i, on)));
    }
    if filter.kind.is_none() {
        // The time limits of seized assets, beside the cases' (issue 19).
        let assets = super::assets::asset_items(&scope)?;
        items.extend(assets.into_iter().filter(|i| in_filter(filter, i, on)));
        // The protest windows of exemption decisions and the effects to record (issue 20).
        let waits = super::exemption::exemption_items(&scope)?;
        items.extend(waits.into_iter().filter(|i| in_filter(filter, i, on)));
        // Unclaimed money past its payout limit: notify the payee, then deposit (issue 18).
        let unclaimed = super::savings::savings_items(&scope)?;
        items.extend(unclaimed.into_iter().filter(|i| in_filter(filter, i, on)));
    }
    sort_items(&mut items, sort, descending);
    let week_end = on.saturating_add(Duration::days(WEEK - 1));
    let overdue = items.iter().filter(|i| i.overdue).count();
    let due_this_week = items.iter().filter(|i| i.due >= on && i.due <= week_end).count();
    let by_kind = DeadlineKind::ALL
        .into_iter()
        .map(|k| KindCount { kind: k.code(), count: items.iter().filter(|i| i.kind == k.code()).count() })
        .filter(|c| c.count > 0)
        .collect();
    Ok(Worklist { items, overdue, due_this_week, by_kind })
}

/// The kind of the worklist's entries that are steps of administrative-judgment monitoring;
/// their `case_id` is the judgment's id.
pub const ADMIN_JUDGMENT: &str = "admin_judgment";

/// The agency's monitoring steps due on the administrative judgments of the scope (a source
/// of its own: not a case, not an officer's, no deadline kind of a case), filtered alike.
fn monitoring(
    store: &dyn Store,
    filter: &WorklistFilter,
    setup: &DeadlineSetup,
    names: &Names,
    on: Date,
) -> AppResult<Vec<DueItem>> {
    if filter.officer.is_some() || filter.kind.is_some() {
        return Ok(Vec::new());
    }
    let steps = crate::admin_judgments::due_steps(store, &filter.units, on, &setup.calendar)?;
    let wanted = |d: Date| {
        (!filter.overdue_only || d < on)
            && filter.due_from.is_none_or(|f| d >= f)
            && filter.due_before.is_none_or(|b| d < b)
    };
    Ok(steps
        .into_iter()
        .filter(|s| s.who == thads_core::admin_judgments::Actor::Agency && wanted(s.due))
        .map(|s| DueItem {
            unit: names.unit(s.unit),
            case_no: s.judgment_no,
            case_id: s.id,
            kind: ADMIN_JUDGMENT,
            kind_vi: format!("Án hành chính: {}", s.name_vi),
            kind_en: None,
            due: s.due,
            overdue: s.overdue,
            rule: s.citation,
            rule_id: s.limit_id,
            officer: None,
            started_on: s.started_on,
        })
        .collect())
}

/// Whether an item read outside the derived table (an asset's) passes the filter's dates.
fn in_filter(filter: &WorklistFilter, item: &DueItem, on: Date) -> bool {
    (!filter.overdue_only || item.overdue)
        && filter.due_from.is_none_or(|d| item.due >= d)
        && filter.due_before.is_none_or(|d| item.due < d)
        && (item.due >= on || item.overdue)
}

fn query_of(filter: &WorklistFilter, on: Date) -> DeadlineQuery {
    let yesterday = on.saturating_sub(Duration::DAY);
    let before = filter.due_before.map(|d| d.saturating_sub(Duration::DAY));
    let due_to = match (filter.overdue_only, before) {
        (true, Some(b)) => Some(b.min(yesterday)),
        (true, None) => Some(yesterday),
        (false, b) => b,
    };
    DeadlineQuery {
        units: Some(filter.units.clone()),
        officer: filter.officer,
        due_from: filter.due_from,
        due_to,
        ..DeadlineQuery::on(on)
    }
}

/// Sorts by the chosen column, then by due date, unit, case number and kind.
pub fn sort_items(items: &mut [DueItem], sort: WorklistSort, descending: bool) {
    let tie =
        |a: &DueItem, b: &DueItem| (a.due, &a.unit, &a.case_no, a.kind).cmp(&(b.due, &b.unit, &b.case_no, b.kind));
    items.sort_by(|a, b| {
        let first = match sort {
            WorklistSort::Due => std::cmp::Ordering::Equal,
            WorklistSort::CaseNo => a.case_no.cmp(&b.case_no),
            WorklistSort::Unit => a.unit.cmp(&b.unit),
            WorklistSort::Officer => a.officer.cmp(&b.officer),
            WorklistSort::Kind => a.kind.cmp(b.kind),
        };
        let order = first.then_with(|| tie(a, b));
        if descending { order.reverse() } else { order }
    });
}
