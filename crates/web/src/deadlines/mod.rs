//! Legal deadlines as the pages show them, from the derived table that `thads_app::deadlines`
//! keeps with every change: the worklist (Việc cần làm: `pages`, its XLSX `sheet`, the API's
//! `GET /api/v1/deadlines` in `api`, their shared query string in `params`), the dashboard's
//! panel (overdue and due this week in a unit's scope, counts per officer, the most urgent
//! cases, each linking into the worklist) and a case's own deadlines.
//!
//! Units and officers are named from the server's directory, and rule names come in both
//! languages from the built-in rules (an administrator's corrections change lengths, which the
//! stored due dates already reflect, never names or citations): `thads_app::deadlines::of_case`
//! would read every unit, staff member and correction on each case page, which the case page
//! cannot afford at thousands of requests a second.

pub mod api;
pub mod pages;
mod params;
mod sheet;

use thads_app::deadlines::{BookPayout, DeadlineSetup, DueItem, Overview, case_book_payouts, overview};
use thads_core::access::Action;
use thads_core::deadlines::DeadlineRules;
use thads_core::{Case, UnitId};
use thads_store::{DeadlineQuery, DeadlineRow};
use time::Date;

use crate::accounts::Need;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::{AppState, Directory};

/// The worklist of a unit: whoever may see its cases may see their deadlines.
#[derive(Debug)]
pub struct ViewDeadlines;
impl Need for ViewDeadlines {
    fn action(unit: UnitId) -> Action {
        Action::ViewCase { unit }
    }
}

/// Lines of each list on the dashboard; officers in the table.
const LISTED: usize = 10;
const OFFICERS: usize = 15;

/// One deadline of one case, formatted.
#[derive(Debug, Clone)]
pub struct DueLine {
    pub case_id: i64,
    pub case_no: String,
    pub unit: String,
    pub officer: String,
    kind_vi: String,
    kind_en: String,
    pub citation: String,
    pub due: String,
    pub overdue: bool,
    /// Days past due (overdue) or days left.
    pub days: i64,
    /// Where its number leads: the case, or the administrative judgment.
    pub href: String,
}

impl DueLine {
    pub fn kind(&self, lang: &Lang) -> &str {
        lang.pick(&self.kind_vi, &self.kind_en)
    }

    pub(crate) fn of_item(item: &DueItem, rules: &DeadlineRules, directory: &Directory, today: Date) -> DueLine {
        let officer = item.officer.as_deref().map_or_else(|| "–".to_string(), |l| directory.staff_name_of(l));
        DueLine {
            case_id: item.case_id,
            case_no: item.case_no.clone(),
            unit: item.unit.clone(),
            officer,
            kind_vi: item.kind_vi.clone(),
            kind_en: item.kind_en.clone().unwrap_or_else(|| {
                rules.get(&item.rule_id).map_or_else(|| item.kind_vi.clone(), |r| r.name_en.clone())
            }),
            citation: item.rule.clone(),
            due: fmt::date(item.due),
            overdue: item.overdue,
            days: (item.due - today).whole_days().abs(),
            href: if item.kind == thads_app::deadlines::ADMIN_JUDGMENT {
                format!("/admin-judgments/{}", item.case_id)
            } else if item.kind == thads_app::deadlines::COERCION_POLICE {
                format!("/cases/{}/assets#coercion-plans", item.case_id)
            } else {
                format!("/cases/{}", item.case_id)
            },
        }
    }

    /// A lot of money held in the custody books, due for payout.
    fn of_payout(p: &BookPayout<'_>, directory: &Directory, today: Date) -> DueLine {
        let amount = fmt::money(p.amount);
        DueLine {
            case_id: p.case.0,
            case_no: p.case_no.clone(),
            unit: directory.units.get(p.unit).map(|u| u.code.to_string()).unwrap_or_default(),
            officer: directory.staff_name(p.officer),
            kind_vi: format!("{} ({amount})", p.rule.name_vi),
            kind_en: format!("{} ({amount})", p.rule.name_en),
            citation: p.rule.citation.clone(),
            due: fmt::date(p.due),
            overdue: p.due < today,
            days: (p.due - today).whole_days().abs(),
            href: format!("/cases/{}", p.case.0),
        }
    }

    fn of_row(row: &DeadlineRow, rules: &DeadlineRules, directory: &Directory, today: Date) -> DueLine {
        let rule = rules.get(&row.rule_id);
        let name = |en: bool| {
            rule.map_or_else(|| row.kind.code().to_string(), |r| if en { r.name_en.clone() } else { r.name_vi.clone() })
        };
        DueLine {
            case_id: row.case.0,
            case_no: row.case_no.to_string(),
            unit: directory.units.get(row.unit).map(|u| u.code.to_string()).unwrap_or_default(),
            officer: directory.staff_name(row.officer),
            kind_vi: name(false),
            kind_en: name(true),
            citation: rule.map_or_else(|| row.rule_id.clone(), |r| r.citation.clone()),
            due: fmt::date(row.due),
            overdue: row.due < today,
            days: (row.due - today).whole_days().abs(),
            href: format!("/cases/{}", row.case.0),
        }
    }
}

/// One officer's load (`officer` is "–" for cases without one).
#[derive(Debug, Clone)]
pub struct OfficerLine {
    pub unit: String,
    pub officer: String,
    /// The officer's login (empty for cases without one), for the link into the worklist.
    pub login: String,
    pub overdue: String,
    pub due_this_week: String,
    pub total: String,
}

/// The dashboard's deadlines of a unit's scope on a day.
#[derive(Debug, Clone)]
pub struct Panel {
    pub overdue: String,
    pub due_this_week: String,
    pub officers: Vec<OfficerLine>,
    /// How many officers (and "no officer") have deadlines, beyond those listed.
    pub more_officers: usize,
    pub oldest_overdue: Vec<DueLine>,
    pub next_due: Vec<DueLine>,
}

/// The panel of `scope` on `today`: counts per officer, the oldest overdue, the next due.
pub fn panel(state: &AppState, scope: &[UnitId], today: Date) -> Result<Panel, WebError> {
    let store = state.store.as_ref();
    let directory = state.directory();
    let Overview { loads, oldest_overdue: oldest, due_this_week: next } = overview(store, scope, today, LISTED as u32)?;
    let (late, soon) = loads.iter().fold((0, 0), |(l, s), o| (l + o.overdue, s + o.due_this_week));
    let officers = loads
        .iter()
        .filter(|o| o.overdue + o.due_this_week > 0)
        .take(OFFICERS)
        .map(|o| OfficerLine {
            unit: o.unit.clone(),
            officer: o.officer.as_deref().map_or_else(|| "–".to_string(), |l| directory.staff_name_of(l)),
            login: o.officer.clone().unwrap_or_default(),
            overdue: fmt::count(i128::from(o.overdue)),
            due_this_week: fmt::count(i128::from(o.due_this_week)),
            total: fmt::count(i128::from(o.total)),
        })
        .collect::<Vec<_>>();
    let line = |i: &DueItem| DueLine::of_item(i, &state.deadline_rules, &directory, today);
    Ok(Panel {
        overdue: fmt::count(i128::from(late)),
        due_this_week: fmt::count(i128::from(soon)),
        more_officers: loads.iter().filter(|o| o.overdue + o.due_this_week > 0).count() - officers.len(),
        officers,
        oldest_overdue: oldest.iter().map(line).collect(),
        next_due: next.iter().map(line).collect(),
    })
}

/// The current deadlines of one case on `today`, earliest first: its stored rows and, when its
/// money is in the custody books, the payout limit of each lot held (as the worklist lists it).
pub fn of_case(state: &AppState, case: &Case, today: Date) -> Result<Vec<DueLine>, WebError> {
    let store = state.store.as_ref();
    let rows = store.deadlines(&DeadlineQuery { case: Some(case.id), ..DeadlineQuery::on(today) })?;
    let directory = state.directory();
    let mut lines: Vec<(Date, DueLine)> =
        rows.iter().map(|r| (r.due, DueLine::of_row(r, &state.deadline_rules, &directory, today))).collect();
    let entries = store.case_entries(case.id)?;
    if !entries.is_empty() {
        let setup = DeadlineSetup::load(store)?;
        for p in case_book_payouts(&setup, case, &entries) {
            lines.push((p.due, DueLine::of_payout(&p, &directory, today)));
        }
        lines.sort_by_key(|(due, _)| *due);
    }
    Ok(lines.into_iter().map(|(_, line)| line).collect())
}
