//! The registry's pages: the people of a scope with the forms that add one, set a unit's posts
//! and import a CSV (`/staff`); one person with the forms that edit and end them
//! (`/staff/{id}`); the staffing report and its XLSX (`/staff/report`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::personnel::{self as app, ImportOutcome};
use thads_core::access::Action;
use thads_core::dates::{format_iso, parse_date};
use thads_core::personnel::{Person, PersonId, Quota, Rank};
use thads_core::{Unit, UnitId};

use super::paging::{links, page_of, slice};
use super::{ManageStaff, PersonInput, ViewStaffing, bad, managed_person};
use crate::accounts::{Allowed, CsrfForm, User};
use crate::cases::listing::PageLink;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;
use crate::state::UnitOption;

/// A rank as a choice of a form.
pub struct RankChoice {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

fn rank_choices(lang: Lang, selected: &str) -> Vec<RankChoice> {
    Rank::ALL
        .iter()
        .map(|r| RankChoice {
            code: r.code(),
            label: lang.pick(r.label_vi(), r.label_en()).to_string(),
            selected: r.code() == selected,
        })
        .collect()
}

/// One person as the list shows them.
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub title: String,
    pub rank: String,
    pub appointed_on: String,
    pub term_ends_on: String,
    pub login: String,
    pub active: bool,
}

fn row_of(p: &Person, state: &AppState, lang: Lang) -> PersonRow {
    let directory = state.directory();
    let f = &p.facts;
    PersonRow {
        id: p.id.0,
        name: f.full_name.clone(),
        unit: directory.units.get(f.unit).map(|u| u.code.to_string()).unwrap_or_default(),
        title: f.title.clone(),
        rank: lang.pick(f.rank.label_vi(), f.rank.label_en()).to_string(),
        appointed_on: f.appointed_on.map(fmt::date).unwrap_or_default(),
        term_ends_on: f.term_ends_on.map(fmt::date).unwrap_or_default(),
        login: f.staff.and_then(|s| directory.staff.get(&s)).map(|s| s.login.to_string()).unwrap_or_default(),
        active: p.is_active(),
    }
}

/// The form that sets a unit's posts: the total and one field per rank.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PostsForm {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub total: String,
    #[serde(flatten)]
    pub ranks: std::collections::HashMap<String, String>,
}

/// The import form: the CSV pasted or loaded into the text area.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    pub csv: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "personnel/list.html")]
struct ListPage {
    c: Chrome,
    unit: String,
    units: Vec<UnitOption>,
    rows: Vec<PersonRow>,
    /// «12 người» of the whole list, every page.
    found: String,
    pages: Vec<Option<PageLink>>,
    show_all: bool,
    may_manage: bool,
    ranks: Vec<RankChoice>,
    form: PersonInput,
    posts: PostsForm,
    csv: String,
    done: String,
    error: Option<String>,
    problems: Vec<String>,
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    #[serde(default)]
    show: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    page: String,
}

impl ListParams {
    /// The query string of page `n` of the same list.
    fn with_page(&self, unit: &str, n: u64) -> String {
        let show = if self.show == "all" { "&show=all" } else { "" };
        format!("unit={unit}{show}&page={n}")
    }
}

/// Which form of the list page failed, and why.
enum Failed {
    Add(PersonInput),
    Posts(PostsForm),
    Import(String, Vec<String>),
}

async fn list_page(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    p: &ListParams,
    failed: Option<(Failed, Option<&WebError>)>,
) -> Result<Response, WebError> {
    let scope: Vec<UnitId> = state.directory().units.scope(unit.id).into_iter().collect();
    let people = state.blocking(move |s| Ok(s.store.people(Some(&scope))?)).await?;
    let show_all = p.show == "all";
    let directory = state.directory();
    let code = |u: UnitId| directory.units.get(u).map(|x| x.code.to_string()).unwrap_or_default();
    let mut people: Vec<&Person> = people.iter().filter(|x| show_all || x.is_active()).collect();
    people.sort_by_cached_key(|x| {
        (code(x.facts.unit), !x.is_active(), x.facts.rank, thads_core::text::fold(&x.facts.full_name))
    });
    let (page, size, total) = (page_of(&p.page)?, state.config.page_size, people.len());
    let rows = slice(people, page, size).into_iter().map(|x| row_of(x, state, lang)).collect();
    let pages = links(page, size, total, |n| p.with_page(unit.code.as_str(), n));
    let found = format!("{} {}", fmt::count(i128::try_from(total).unwrap_or(i128::MAX)), lang.pick("người", "people"));
    let (mut form, mut posts, mut csv, mut problems) =
        (PersonInput::default(), PostsForm::default(), String::new(), Vec::new());
    let mut error = None;
    let mut status = StatusCode::OK;
    if let Some((f, e)) = failed {
        match f {
            Failed::Add(i) => form = i,
            Failed::Posts(q) => posts = q,
            Failed::Import(text, list) => (csv, problems) = (text, list),
        }
        if let Some(e) = e {
            error = Some(e.message(lang));
            status = e.status();
        } else {
            status = StatusCode::UNPROCESSABLE_ENTITY;
        }
    }
    let ranks = rank_choices(lang, &form.rank);
    let body = ListPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        units: directory.unit_options(user.unit(), unit.id),
        rows,
        found,
        pages,
        show_all,
        may_manage: user.may(state, Action::ManageUsers { unit: unit.id }).is_ok(),
        ranks,
        form,
        posts,
        csv,
        done: p.done.clone(),
        error,
        problems,
    };
    Ok((status, body).into_response())
}

/// `GET /staff?unit=&show=all`: the people of a unit's scope and the forms.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewStaffing>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    list_page(&state, lang, &access.user, &access.unit, &p, None).await
}

fn actor(state: &AppState, user: &User) -> Actor {
    Actor { login: user.staff.login.to_string(), at: state.now() }
}

/// `POST /staff?unit=`: adds a person.
pub async fn add(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageStaff>,
    CsrfForm { user, form }: CsrfForm<PersonInput>,
) -> Result<Response, WebError> {
    let (u, f, default) = (user.clone(), form.clone(), access.unit.id);
    let result = state
        .blocking(move |s| {
            let facts = f.parse(s, &u, default)?;
            Ok(app::add(s.store.as_ref(), &actor(s, &u), &s.directory().units, facts)?)
        })
        .await;
    match result {
        Ok(_) => Ok(see_other(&format!("/staff?unit={}&done=added", access.unit.code))),
        Err(e @ WebError::Refused(_)) => {
            let p = ListParams::default();
            list_page(&state, lang, &user, &access.unit, &p, Some((Failed::Add(form), Some(&e)))).await
        }
        Err(e) => Err(e),
    }
}

fn count_of(field: &'static str, text: &str) -> Result<u32, WebError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 6 {
        return Err(bad(field, format!("số không hợp lệ «{t}» / not a number")));
    }
    t.parse().map_err(|_| bad(field, format!("số không hợp lệ «{t}» / not a number")))
}

/// The posts a form asks for, once the user may keep the registry of its unit.
fn quota_of(state: &AppState, user: &User, default: UnitId, f: &PostsForm) -> Result<Quota, WebError> {
    let input = PersonInput { unit: f.unit.clone(), rank: "khac".into(), full_name: "x".into(), ..Default::default() };
    let unit = input.parse(state, user, default)?.unit;
    let total_text = f.total.trim();
    if total_text.is_empty() {
        return Err(bad("total", "nhập tổng biên chế / enter the total of posts"));
    }
    let total = count_of("total", total_text)?;
    let mut by_rank = std::collections::BTreeMap::new();
    for r in Rank::ALL {
        let n = count_of("rank", f.ranks.get(&format!("posts_{}", r.code())).map_or("", String::as_str))?;
        if n > 0 {
            by_rank.insert(r, n);
        }
    }
    Ok(Quota { unit, total, by_rank })
}

/// `POST /staff/posts?unit=`: sets a unit's posts (biên chế).
pub async fn posts(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageStaff>,
    CsrfForm { user, form }: CsrfForm<PostsForm>,
) -> Result<Response, WebError> {
    let (u, f, default) = (user.clone(), form.clone(), access.unit.id);
    let result = state
        .blocking(move |s| {
            let quota = quota_of(s, &u, default, &f)?;
            app::set_quota(s.store.as_ref(), &actor(s, &u), &s.directory().units, &quota)?;
            Ok(())
        })
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!("/staff/report?unit={}&done=posts", access.unit.code))),
        Err(e @ WebError::Refused(_)) => {
            let p = ListParams::default();
            list_page(&state, lang, &user, &access.unit, &p, Some((Failed::Posts(form), Some(&e)))).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /staff/import?unit=`: a CSV of people, all or nothing.
pub async fn import(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageStaff>,
    CsrfForm { user, form }: CsrfForm<ImportForm>,
) -> Result<Response, WebError> {
    let (u, text) = (user.clone(), form.csv.clone());
    let outcome = state
        .blocking(move |s| {
            let may = |unit: UnitId| u.may(s, Action::ManageUsers { unit }).is_ok();
            Ok(app::import_csv(s.store.as_ref(), &actor(s, &u), &s.directory().units, &text, &may)?)
        })
        .await?;
    match outcome {
        ImportOutcome::Added(n) => Ok(see_other(&format!("/staff?unit={}&done=imported-{n}", access.unit.code))),
        ImportOutcome::Refused(problems) => {
            let list =
                problems.iter().map(|p| format!("{} {}: {}", lang.pick("Dòng", "Line"), p.line, p.reason)).collect();
            let p = ListParams::default();
            list_page(&state, lang, &user, &access.unit, &p, Some((Failed::Import(form.csv, list), None))).await
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "personnel/person.html")]
struct PersonPage {
    c: Chrome,
    id: i64,
    row: PersonRow,
    ended_on: String,
    ranks: Vec<RankChoice>,
    form: PersonInput,
    end_on: String,
    error: Option<String>,
}

async fn person_page(
    state: &AppState,
    lang: Lang,
    user: &User,
    person: &Person,
    form: Option<PersonInput>,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let form = form.unwrap_or_else(|| PersonInput::of(person, state));
    let body = PersonPage {
        c: user.chrome(state, lang),
        id: person.id.0,
        row: row_of(person, state, lang),
        ended_on: person.ended_on.map(fmt::date).unwrap_or_default(),
        ranks: rank_choices(lang, &form.rank),
        form,
        end_on: fmt::date(state.today()),
        error: error.map(|e| e.message(lang)),
    };
    Ok((error.map_or(StatusCode::OK, WebError::status), body).into_response())
}

async fn load(state: &AppState, user: &User, id: i64) -> Result<Person, WebError> {
    let u = user.clone();
    state.blocking(move |s| managed_person(s, &u, id)).await
}

/// `GET /staff/{id}`: one person and the forms that change them.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let person = load(&state, &user, id).await?;
    person_page(&state, lang, &user, &person, None, None).await
}

/// `POST /staff/{id}`: edits a person (a move needs the new unit too).
pub async fn edit(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<PersonInput>,
) -> Result<Response, WebError> {
    let person = load(&state, &user, id).await?;
    let (u, f, unit) = (user.clone(), form.clone(), person.facts.unit);
    let result = state
        .blocking(move |s| {
            let facts = f.parse(s, &u, unit)?;
            app::edit(s.store.as_ref(), &actor(s, &u), &s.directory().units, PersonId(id), facts)?;
            Ok(())
        })
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!("/staff/{id}"))),
        Err(e @ WebError::Refused(_)) => person_page(&state, lang, &user, &person, Some(form), Some(&e)).await,
        Err(e) => Err(e),
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EndForm {
    #[serde(default)]
    pub date: String,
}

/// `POST /staff/{id}/end`: the person stops working in the unit on the date given.
pub async fn end(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    CsrfForm { user, form }: CsrfForm<EndForm>,
) -> Result<Response, WebError> {
    let person = load(&state, &user, id).await?;
    let u = user.clone();
    let result = state
        .blocking(move |s| {
            let on = parse_date(form.date.trim()).map_err(|e| bad("date", e.to_string()))?;
            app::end(s.store.as_ref(), &actor(s, &u), &s.directory().units, PersonId(id), on)?;
            Ok(())
        })
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!("/staff/{id}"))),
        Err(e @ WebError::Refused(_)) => person_page(&state, lang, &user, &person, None, Some(&e)).await,
        Err(e) => Err(e),
    }
}

/// One unit's line of the report.
pub struct StaffingRow {
    pub unit: String,
    pub code: String,
    pub posts: u32,
    pub filled: u32,
    pub vacant: u32,
    pub by_rank: Vec<u32>,
}

/// A term ending, as the report lists it.
pub struct TermRow {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub rank: String,
    pub ends_on: String,
    pub overdue: bool,
}

/// A vacancy, as the report lists it.
pub struct VacancyRow {
    pub unit: String,
    pub rank: String,
    pub posts: u32,
    pub filled: u32,
    pub vacant: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "personnel/report.html")]
struct ReportPage {
    c: Chrome,
    unit: String,
    summary: String,
    rank_heads: Vec<String>,
    total: StaffingRow,
    rows: Vec<StaffingRow>,
    vacancies: Vec<VacancyRow>,
    terms: Vec<TermRow>,
    months: u8,
    done: bool,
}

#[derive(Deserialize, Default)]
pub struct ReportParams {
    #[serde(default)]
    months: String,
    #[serde(default)]
    done: String,
}

/// The months of `?months=` (1–60, default 6).
pub fn months_of(text: &str) -> Result<u8, WebError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(6);
    }
    t.parse::<u8>()
        .ok()
        .filter(|m| (1..=60).contains(m))
        .ok_or_else(|| WebError::BadRequest(format!("số tháng 1–60 / months 1–60: «{t}»")))
}

fn staffing_row(state: &AppState, unit: UnitId, s: &thads_core::personnel::Staffing) -> StaffingRow {
    let directory = state.directory();
    StaffingRow {
        unit: directory.unit_label(unit),
        code: directory.units.get(unit).map(|u| u.code.to_string()).unwrap_or_default(),
        posts: s.posts,
        filled: s.filled,
        vacant: s.vacant(),
        by_rank: Rank::ALL.iter().map(|r| s.by_rank.get(r).copied().unwrap_or(0)).collect(),
    }
}

/// `GET /staff/report?unit=&months=`: the staffing of a unit's scope, its vacancies and the
/// terms ending within the months asked.
pub async fn report(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewStaffing>,
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    let months = months_of(&p.months)?;
    let (unit, today) = (access.unit.id, state.today());
    let r =
        state.blocking(move |s| Ok(app::report(s.store.as_ref(), &s.directory().units, unit, today, months)?)).await?;
    let directory = state.directory();
    let code = |u: UnitId| directory.units.get(u).map(|x| x.code.to_string()).unwrap_or_default();
    let rank = |r: Rank| lang.pick(r.label_vi(), r.label_en()).to_string();
    let body = ReportPage {
        c: access.user.chrome(&state, lang),
        unit: access.unit.code.to_string(),
        summary: lang.pick(&r.total.summary_vi(), &r.total.summary_en()).to_string(),
        rank_heads: Rank::ALL.iter().map(|r| rank(*r)).collect(),
        total: staffing_row(&state, unit, &r.total),
        rows: r.lines.iter().map(|l| staffing_row(&state, l.unit, &l.staffing)).collect(),
        vacancies: r
            .vacancies
            .iter()
            .map(|v| VacancyRow {
                unit: code(v.unit),
                rank: v.rank.map_or_else(|| lang.pick("Tổng", "Total").to_string(), rank),
                posts: v.posts,
                filled: v.filled,
                vacant: v.vacant,
            })
            .collect(),
        terms: r
            .terms
            .iter()
            .map(|(person, t)| TermRow {
                id: person.id.0,
                name: person.facts.full_name.clone(),
                unit: code(person.facts.unit),
                rank: rank(person.facts.rank),
                ends_on: fmt::date(t.ends_on),
                overdue: t.overdue,
            })
            .collect(),
        months,
        done: p.done == "posts",
    };
    Ok(body.into_response())
}

/// `GET /staff/report/export?unit=`: the staffing as XLSX.
pub async fn export(State(state): State<AppState>, access: Allowed<ViewStaffing>) -> Result<Response, WebError> {
    let (unit, today) = (access.unit.id, state.today());
    let r = state.blocking(move |s| Ok(app::report(s.store.as_ref(), &s.directory().units, unit, today, 6)?)).await?;
    let directory = state.directory();
    let mut rows = vec![(directory.unit_label(unit), r.total.clone())];
    rows.extend(r.lines.iter().map(|l| (directory.unit_label(l.unit), l.staffing.clone())));
    let title = format!("Biên chế / Staffing — {} — {}", access.unit.code, fmt::date(today));
    let body = thads_reports::staffing::workbook(&title, &rows).map_err(WebError::internal)?;
    let name = format!("thads-bien-che-{}-{}.xlsx", access.unit.code, format_iso(today));
    crate::admin_judgments::pages::xlsx(body, &name)
}
