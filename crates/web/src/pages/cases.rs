//! The case list: the reader's unit scope, filters, sort, pages, and search without diacritics.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use thads_core::{Case, CaseState, Category, Closing, Origin};

use super::Chrome;
use crate::auth::{Allowed, User};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::listing::ListParams;
use crate::state::{AppState, Directory};

/// Reading the cases of a unit (`ViewCase` on it).
#[derive(Debug)]
pub struct ListCases;
impl crate::auth::Need for ListCases {
    fn action(unit: thads_core::UnitId) -> thads_core::access::Action {
        thads_core::access::Action::ViewCase { unit }
    }
}

/// One line of the list.
pub struct CaseRow {
    pub id: i64,
    pub case_no: String,
    pub debtor: String,
    pub creditor: String,
    pub unit: String,
    pub accepted_on: String,
    pub state: String,
    pub outstanding: String,
}

impl CaseRow {
    pub fn of(case: &Case, directory: &Directory) -> CaseRow {
        CaseRow {
            id: case.id.0,
            case_no: case.facts.case_no.to_string(),
            debtor: case.facts.debtor.clone(),
            creditor: case.facts.creditor.clone(),
            unit: directory.units.get(case.facts.unit).map(|u| u.code.to_string()).unwrap_or_default(),
            accepted_on: fmt::date(case.facts.accepted_on),
            state: case.current.state.label_vi().to_string(),
            outstanding: fmt::money(case.current.outstanding),
        }
    }
}

/// `(code, label)` choices of a select.
pub type Choices = Vec<(String, String)>;

#[derive(Template, WebTemplate)]
#[template(path = "cases.html")]
struct CasesPage {
    c: Chrome,
    p: ListParams,
    unit: String,
    rows: Vec<CaseRow>,
    page: u64,
    prev: Option<String>,
    next: Option<String>,
    states: Choices,
    origins: Choices,
    categories: Choices,
    sorts: Choices,
}

fn state_choices(lang: Lang) -> Choices {
    let mut out = vec![("open".to_string(), lang.t("open").to_string()), ("closed".into(), lang.t("closed").into())];
    let open = [CaseState::Opened, CaseState::WithMeans, CaseState::WithoutMeans];
    let held = [CaseState::Postponed(None), CaseState::Suspended(None)];
    for s in open.into_iter().chain(held).chain(Closing::ALL.into_iter().map(CaseState::Closed)) {
        out.push((s.code().to_string(), s.label_vi().to_string()));
    }
    out
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ListCases>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    let user: User = access.user;
    let directory = state.directory();
    let query = p.query(&access.unit, &directory, state.config.page_size)?;
    let page_no = p.page()?;
    let found = state.blocking(move |s| Ok(s.store.list_cases(&query)?)).await?;
    let rows = found.cases.iter().map(|c| CaseRow::of(c, &directory)).collect();
    let page = CasesPage {
        c: Chrome::of(&state, &user, lang),
        unit: access.unit.code.to_string(),
        rows,
        page: page_no,
        prev: (page_no > 1).then(|| p.with_page(page_no - 1)),
        next: found.more.then(|| p.with_page(page_no + 1)),
        states: state_choices(lang),
        origins: Origin::ALL.iter().map(|o| (o.code().into(), o.label_vi().into())).collect(),
        categories: Category::ALL.iter().map(|o| (o.code().into(), o.label_vi().into())).collect(),
        sorts: ["newest", "accepted_desc", "accepted_asc", "outstanding"]
            .iter()
            .map(|s| (s.to_string(), lang.t(&format!("sort_{s}")).to_string()))
            .collect(),
        p,
    };
    Ok(page.into_response())
}
