//! The worklist page (Việc cần làm, `GET /deadlines`) and its XLSX export
//! (`GET /deadlines/export`): the deadlines of a unit's scope or of one officer on today,
//! filtered, sorted by a column heading, a page at a time, with the counts that link into the
//! same list (overdue, due this week, per kind) and "my cases" for the signed-in person.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use thads_app::deadlines::{Worklist, WorklistSort, worklist};
use thads_core::dates::format_iso;
use thads_core::deadlines::DeadlineKind;
use time::Duration;

use super::params::{Asked, WorkParams};
use super::{DueLine, ViewDeadlines, sheet};
use crate::accounts::Allowed;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::AppState;

/// Deadlines on one page.
const PAGE_SIZE: usize = 100;
/// At most this many rows in one export.
const EXPORT_ROWS: usize = 200_000;

/// A column heading: its label, the link that sorts by it and the arrow of the current order.
pub struct Heading {
    pub label: &'static str,
    pub href: String,
    pub arrow: &'static str,
}

/// A kind in the filter: code, name, how many the current filter found.
pub struct KindLine {
    pub code: &'static str,
    pub name: String,
    pub count: String,
    pub href: String,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "deadlines/worklist.html")]
struct WorklistPage {
    c: Chrome,
    unit_code: String,
    unit_name: String,
    p: WorkParams,
    mine: bool,
    rows: Vec<DueLine>,
    total: String,
    overdue: String,
    due_this_week: String,
    kinds: Vec<KindLine>,
    headings: Vec<Heading>,
    all_href: String,
    overdue_href: String,
    week_href: String,
    mine_href: String,
    export_href: String,
    prev: Option<String>,
    next: Option<String>,
    page: usize,
    pages: usize,
    /// Letters of the complaints register past a time limit (`complaints/worklist.html`).
    complaints: Vec<crate::complaints::worklist::OverdueLine>,
}

/// Reads the worklist asked for.
async fn read(state: &AppState, asked: &Asked) -> Result<Worklist, WebError> {
    let (asked, today) = (asked.clone(), state.today());
    state.blocking(move |s| Ok(worklist(s.store.as_ref(), &asked.filter, asked.sort, asked.descending, today)?)).await
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewDeadlines>,
    Query(mut p): Query<WorkParams>,
) -> Result<Response, WebError> {
    let directory = state.directory();
    let asked = p.asked(&access.user, &access.unit, &directory)?;
    let mut found = read(&state, &asked).await?;
    if asked.sort == WorklistSort::Officer {
        // The page shows names: sorted as read (the stable sort keeps the other columns' order).
        let name = |i: &thads_app::deadlines::DueItem| i.officer.as_deref().map(|l| directory.staff_name_of(l));
        let mut named: Vec<_> = found.items.drain(..).map(|i| (name(&i), i)).collect();
        named.sort_by(|(a, _), (b, _)| if asked.descending { b.cmp(a) } else { a.cmp(b) });
        found.items = named.into_iter().map(|(_, i)| i).collect();
    }
    let today = state.today();
    let pages = found.items.len().div_ceil(PAGE_SIZE).max(1);
    let page = asked.page.min(pages);
    let rows = found
        .items
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|i| DueLine::of_item(i, &state.deadline_rules, &directory, today))
        .collect();
    p.unit = access.unit.code.to_string();
    let page_link = |n: usize| p.with(&[("page", &n.to_string())]);
    let clear = [("page", ""), ("overdue", ""), ("due_from", ""), ("due_before", ""), ("kind", "")];
    let week_end = format_iso(today.saturating_add(Duration::days(thads_app::deadlines::WEEK)));
    let kinds = DeadlineKind::ALL
        .into_iter()
        .map(|k| {
            let count = found.by_kind.iter().find(|c| c.kind == k.code()).map_or(0, |c| c.count);
            KindLine {
                code: k.code(),
                name: kind_name(&state, k, lang),
                count: fmt::count(count as i128),
                href: p.with(&[("kind", k.code()), ("page", "")]),
                selected: p.kind.trim() == k.code(),
            }
        })
        .collect();
    let mine = !p.mine.trim().is_empty() && p.mine.trim() != "false" && p.mine.trim() != "0";
    let page_view = WorklistPage {
        c: access.user.chrome(&state, lang),
        unit_code: access.unit.code.to_string(),
        unit_name: access.unit.name.clone(),
        mine,
        rows,
        total: fmt::count(found.items.len() as i128),
        overdue: fmt::count(found.overdue as i128),
        due_this_week: fmt::count(found.due_this_week as i128),
        kinds,
        headings: headings(&p, &asked, lang),
        all_href: p.with(&clear),
        overdue_href: p.with(&[("overdue", "true"), ("page", ""), ("due_from", ""), ("due_before", "")]),
        week_href: p.with(&[
            ("overdue", ""),
            ("page", ""),
            ("due_from", &format_iso(today)),
            ("due_before", &week_end),
        ]),
        mine_href: if mine {
            p.with(&[("mine", ""), ("page", "")])
        } else {
            p.with(&[("mine", "true"), ("officer", ""), ("page", "")])
        },
        export_href: p.with(&[("page", "")]),
        prev: (page > 1).then(|| page_link(page - 1)),
        next: (page < pages).then(|| page_link(page + 1)),
        page,
        pages,
        complaints: crate::complaints::worklist::overdue(&state, &access.user, &access.unit).await?,
        p,
    };
    Ok(page_view.into_response())
}

/// The name of a kind in the reader's language: that of its rule under the new law (the rules
/// of both regimes name a kind alike but for the law's number).
fn kind_name(state: &AppState, kind: DeadlineKind, lang: Lang) -> String {
    let rules = state.deadline_rules.rules();
    let rule = rules.iter().rev().find(|r| r.kind == kind);
    rule.map_or_else(|| kind.code().to_string(), |r| lang.pick(&r.name_vi, &r.name_en).to_string())
}

fn headings(p: &WorkParams, asked: &Asked, lang: Lang) -> Vec<Heading> {
    let columns = [
        (WorklistSort::Due, "due"),
        (WorklistSort::CaseNo, "case_no"),
        (WorklistSort::Unit, "unit"),
        (WorklistSort::Officer, "officer"),
        (WorklistSort::Kind, "deadline_kind"),
    ];
    columns
        .into_iter()
        .map(|(sort, key)| {
            let current = asked.sort == sort;
            let dir = if current && !asked.descending { "desc" } else { "asc" };
            Heading {
                label: lang.t(key),
                href: p.with(&[("sort", sort.code()), ("dir", dir), ("page", "")]),
                arrow: match (current, asked.descending) {
                    (false, _) => "",
                    (true, false) => " ▲",
                    (true, true) => " ▼",
                },
            }
        })
        .collect()
}

pub async fn export(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewDeadlines>,
    Query(p): Query<WorkParams>,
) -> Result<Response, WebError> {
    let directory = state.directory();
    let asked = p.asked(&access.user, &access.unit, &directory)?;
    let mut found = read(&state, &asked).await?;
    found.items.truncate(EXPORT_ROWS);
    let listed = found.items.iter().map(|i| thads_core::CaseId(i.case_id));
    crate::case_views::log_export(&state, &access.user, listed, "export:worklist");
    let body = sheet::workbook(&found.items, &state.deadline_rules, &directory, lang).map_err(WebError::internal)?;
    let name = format!("thads-viec-can-lam-{}-{}.xlsx", access.unit.code, format_iso(state.today()));
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    );
    let disposition = format!("attachment; filename=\"{name}\"");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(WebError::internal)?);
    Ok(response)
}
