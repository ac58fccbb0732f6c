//! The workload page (issue 23, item 2): a line per officer of a unit's scope — cases in hand,
//! with and without means, money outstanding, overdue deadlines, completion rate — sortable by
//! any column, each number a link to the cases (or deadlines) it counts. Computed by
//! `thads_app::personnel::workload` from two aggregate queries.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::personnel::WorkloadLine;
use thads_core::Vnd;
use thads_core::percent::Percent;

use super::ViewStaffing;
use super::paging::{links, page_of, slice};
use crate::accounts::Allowed;
use crate::cases::listing::PageLink;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::UnitOption;
use crate::state::{AppState, Directory};

/// The columns one may sort by (the first is the default, by unit then name).
pub const SORTS: [&str; 8] =
    ["name", "unit", "in_hand", "with_means", "without_means", "outstanding", "overdue", "rate"];

/// One line as the page shows it, with the links of its numbers.
pub struct Line {
    pub name: String,
    pub login: String,
    pub unit: String,
    pub in_hand: String,
    pub with_means: String,
    pub without_means: String,
    pub outstanding: String,
    pub overdue: String,
    pub rate: String,
    /// `/cases?unit=U&officer=L` (no officer: none).
    pub cases: Option<String>,
    pub deadlines: Option<String>,
}

/// A heading: its sort key, label and the link that sorts by it.
pub struct Heading {
    pub key: &'static str,
    pub label: &'static str,
    pub href: String,
    pub current: bool,
    pub numeric: bool,
}

/// The whole selection's sums (every page shows them).
pub struct Totals {
    pub officers: String,
    pub in_hand: String,
    pub with_means: String,
    pub without_means: String,
    pub outstanding: String,
    pub overdue: String,
    pub rate: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "personnel/workload.html")]
struct WorkloadPage {
    c: Chrome,
    unit: String,
    units: Vec<UnitOption>,
    sort: String,
    desc: bool,
    headings: Vec<Heading>,
    lines: Vec<Line>,
    totals: Totals,
    pages: Vec<Option<PageLink>>,
}

#[derive(Deserialize, Default)]
pub struct WorkloadParams {
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub desc: String,
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub per_page: String,
}

/// The sums of `lines` (the completion rate of them all, not an average of rates).
pub fn sums(lines: &[WorkloadLine]) -> WorkloadLine {
    let mut t = WorkloadLine {
        unit: thads_core::UnitId(0),
        officer: None,
        login: None,
        name: String::new(),
        in_hand: 0,
        with_means: 0,
        without_means: 0,
        outstanding: 0,
        overdue: 0,
        done: 0,
        rate: None,
    };
    for l in lines {
        t.in_hand += l.in_hand;
        t.with_means += l.with_means;
        t.without_means += l.without_means;
        t.outstanding += l.outstanding;
        t.overdue += l.overdue;
        t.done += l.done;
    }
    t.rate = Percent::ratio(i128::from(t.done), i128::from(t.done + t.with_means));
    t
}

/// The lines sorted by `key` (an unknown key is refused), descending when asked.
pub fn sorted(mut lines: Vec<WorkloadLine>, key: &str, desc: bool) -> Result<Vec<WorkloadLine>, WebError> {
    let key = if key.trim().is_empty() { "name" } else { key.trim() };
    if !SORTS.contains(&key) {
        return Err(WebError::BadRequest(format!("giá trị không hợp lệ / invalid value for sort: «{key}»")));
    }
    // A stable sort over the app's order (unit, name): equal figures keep it.
    match key {
        "in_hand" => lines.sort_by_key(|l| l.in_hand),
        "with_means" => lines.sort_by_key(|l| l.with_means),
        "without_means" => lines.sort_by_key(|l| l.without_means),
        "outstanding" => lines.sort_by_key(|l| l.outstanding),
        "overdue" => lines.sort_by_key(|l| l.overdue),
        "rate" => lines.sort_by_key(|l| l.rate.map(|p| p.hundredths())),
        "name" => lines.sort_by_cached_key(|l| (l.officer.is_none(), thads_core::text::fold(&l.name))),
        _ => {}
    }
    if desc {
        lines.reverse();
    }
    Ok(lines)
}

/// The label of a sortable column (each key written whole, for the texts' test).
fn heading_label(lang: Lang, key: &str) -> &'static str {
    match key {
        "name" => lang.t("workload_name"),
        "unit" => lang.t("unit"),
        "in_hand" => lang.t("workload_in_hand"),
        "with_means" => lang.t("workload_with_means"),
        "without_means" => lang.t("workload_without_means"),
        "outstanding" => lang.t("workload_outstanding"),
        "overdue" => lang.t("workload_overdue"),
        _ => lang.t("workload_rate"),
    }
}

fn money(v: i128) -> String {
    i64::try_from(v).ok().and_then(|v| Vnd::new(v).ok()).map_or_else(|| v.to_string(), fmt::money)
}

fn line(l: &WorkloadLine, directory: &Directory, lang: Lang) -> Line {
    let unit_code = directory.units.get(l.unit).map(|u| u.code.to_string()).unwrap_or_default();
    let who = l.login.as_deref().map(|login| {
        serde_urlencoded::to_string([("unit", unit_code.as_str()), ("officer", login)]).unwrap_or_default()
    });
    Line {
        name: if l.officer.is_none() {
            lang.pick("(chưa phân công)", "(unassigned)").into()
        } else {
            l.name.clone()
        },
        login: l.login.clone().unwrap_or_default(),
        unit: unit_code,
        in_hand: fmt::count(i128::from(l.in_hand)),
        with_means: fmt::count(i128::from(l.with_means)),
        without_means: fmt::count(i128::from(l.without_means)),
        outstanding: money(l.outstanding),
        overdue: fmt::count(i128::from(l.overdue)),
        rate: fmt::rate(l.rate),
        cases: who.as_ref().map(|q| format!("/cases?{q}")),
        deadlines: who.as_ref().map(|q| format!("/deadlines?{q}&overdue=true")),
    }
}

fn totals(all: &[WorkloadLine]) -> Totals {
    let t = sums(all);
    Totals {
        officers: fmt::count(i128::try_from(all.len()).unwrap_or(i128::MAX)),
        in_hand: fmt::count(i128::from(t.in_hand)),
        with_means: fmt::count(i128::from(t.with_means)),
        without_means: fmt::count(i128::from(t.without_means)),
        outstanding: money(t.outstanding),
        overdue: fmt::count(i128::from(t.overdue)),
        rate: fmt::rate(t.rate),
    }
}

fn headings(lang: Lang, code: &str, key: &str, desc: bool) -> Vec<Heading> {
    SORTS
        .iter()
        .map(|k| {
            let current = *k == key;
            let flip = if current && !desc { "&desc=1" } else { "" };
            Heading {
                key: k,
                label: heading_label(lang, k),
                href: format!("/workload?unit={code}&sort={k}{flip}"),
                current,
                numeric: !matches!(*k, "name" | "unit"),
            }
        })
        .collect()
}

/// `GET /workload?unit=&sort=&desc=1&page=`: the workload of a unit's officers, a page of the
/// whole list sorted, with the sums of the whole list.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewStaffing>,
    Query(p): Query<WorkloadParams>,
) -> Result<Response, WebError> {
    let (page, size) = (page_of(&p.page)?, state.config.page_size);
    let (unit, today) = (access.unit.id, state.today());
    let raw = state
        .blocking(move |s| Ok(thads_app::personnel::workload(s.store.as_ref(), &s.directory().units, unit, today)?))
        .await?;
    let desc = p.desc == "1";
    let all = sorted(raw, &p.sort, desc)?;
    let directory = state.directory();
    let code = access.unit.code.to_string();
    let key = if p.sort.trim().is_empty() { "name" } else { p.sort.trim() };
    let flip = if desc { "&desc=1" } else { "" };
    let pages = links(page, size, all.len(), |n| format!("unit={code}&sort={key}{flip}&page={n}"));
    let totals = totals(&all);
    let lines = slice(all, page, size).iter().map(|l| line(l, &directory, lang)).collect();
    let body = WorkloadPage {
        c: access.user.chrome(&state, lang),
        units: directory.unit_options(access.user.unit(), unit),
        sort: key.to_string(),
        desc,
        headings: headings(lang, &code, key, desc),
        unit: code,
        lines,
        totals,
        pages,
    };
    Ok(body.into_response())
}
