//! The case list, shared by the page, the API and the statistics' drill-down: its parameters,
//! parsed once into the store's `CaseQuery` and always limited to the reader's unit scope, and
//! one line of it as a page shows it.

use serde::Deserialize;
use thads_core::access::Action;
use thads_core::dates::parse_date;
use thads_core::text::fold;
use thads_core::{Case, CaseState, Category, Login, Origin, StaffId, Unit, UnitId};
use thads_store::{COUNT_CAP, CaseList, CaseQuery, CaseSort, StateFilter};
use utoipa::IntoParams;
use utoipa::openapi::schema::{ObjectBuilder, Type};

use crate::accounts::Need;
use crate::error::WebError;
use crate::fmt;
use crate::state::Directory;

/// Reading the cases of a unit (`ViewCase` on it).
#[derive(Debug)]
pub struct ListCases;
impl Need for ListCases {
    fn action(unit: UnitId) -> Action {
        Action::ViewCase { unit }
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
    pub fn of(case: &Case, directory: &Directory, lang: crate::i18n::Lang) -> CaseRow {
        CaseRow {
            id: case.id.0,
            case_no: case.facts.case_no.to_string(),
            debtor: case.facts.debtor.clone(),
            creditor: case.facts.creditor.clone(),
            unit: directory.units.get(case.facts.unit).map(|u| u.code.to_string()).unwrap_or_default(),
            accepted_on: fmt::date(case.facts.accepted_on),
            state: lang.pick(case.current.state.label_vi(), case.current.state.label_en()).to_string(),
            outstanding: fmt::money(case.current.outstanding),
        }
    }
}

/// A link to one page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub number: u64,
    pub query: String,
    pub current: bool,
}

/// How many items a list has: all counted, or counted up to a cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Exactly(u64),
    AtLeast(u64),
}

/// Links to the pages of a list around `page`, `size` items a page: the first, two either side,
/// the last when it is known, and a gap (`None`) where pages are left out; `query` gives the
/// query string of page `n`.
pub fn page_links(
    page: u64,
    size: u32,
    total: Counted,
    more: bool,
    query: impl Fn(u64) -> String,
) -> Vec<Option<PageLink>> {
    let size = u64::from(size.max(1));
    let (count, capped) = match total {
        Counted::Exactly(n) => (n, false),
        Counted::AtLeast(n) => (n, true),
    };
    let known_last = count.div_ceil(size).max(1);
    let last = if capped { known_last.max(page + u64::from(more)) } else { known_last.max(page) };
    let near = page.saturating_sub(2).max(1)..=(page + 2).min(last);
    let mut numbers: Vec<u64> = std::iter::once(1).chain(near).collect();
    if !capped {
        numbers.push(last);
    }
    numbers.sort_unstable();
    numbers.dedup();
    let mut links = Vec::new();
    for (i, n) in numbers.iter().enumerate() {
        if i > 0 && numbers[i - 1] + 1 != *n {
            links.push(None);
        }
        links.push(Some(PageLink { number: *n, query: query(*n), current: *n == page }));
    }
    if capped && more {
        links.push(None);
    }
    links
}

/// How many cases a list found, in words: «12 việc», «hơn 500 việc» past `COUNT_CAP` or where
/// a search was not counted (`CaseList::counted`).
pub fn found_text(total: Counted, lang: crate::i18n::Lang) -> String {
    let (n, more) = match total {
        Counted::Exactly(n) => (n, false),
        Counted::AtLeast(n) => (n, true),
    };
    let shown = fmt::count(i128::from(n));
    match (lang, more) {
        (crate::i18n::Lang::Vi, false) => format!("Tìm thấy {shown} việc"),
        (crate::i18n::Lang::Vi, true) => format!("Tìm thấy hơn {shown} việc"),
        (crate::i18n::Lang::En, false) if n == 1 => "1 case found".to_string(),
        (crate::i18n::Lang::En, false) => format!("{shown} cases found"),
        (crate::i18n::Lang::En, true) => format!("More than {shown} cases found"),
    }
}

/// How far a page of the case list counted its cases.
pub fn counted(found: &CaseList) -> Counted {
    if found.counted && found.total < COUNT_CAP { Counted::Exactly(found.total) } else { Counted::AtLeast(found.total) }
}

/// Query string of `/cases` and `/api/v1/cases` (all optional, empty means unset).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// unit code (default: the caller's unit); its subtree
    #[serde(default)]
    pub unit: String,
    /// names and decision numbers, with or without diacritics
    #[serde(default)]
    pub q: String,
    /// open, closed, or a state code
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    #[param(schema_with = origin_codes)]
    pub origin: String,
    /// a category code
    #[serde(default)]
    #[param(schema_with = category_codes)]
    pub category: String,
    /// the officer's login or name
    #[serde(default)]
    pub officer: String,
    /// accepted on or after (yyyy-mm-dd or dd/mm/yyyy)
    #[serde(default)]
    pub from: String,
    /// accepted on or before (yyyy-mm-dd or dd/mm/yyyy)
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    #[param(schema_with = sort_orders)]
    pub sort: String,
    #[serde(default)]
    #[param(value_type = u32, minimum = 1)]
    pub page: String,
}

/// The orders of `sort` (the first is the default).
const SORT_ORDERS: [(&str, CaseSort); 4] = [
    ("newest", CaseSort::Newest),
    ("accepted_desc", CaseSort::AcceptedDesc),
    ("accepted_asc", CaseSort::AcceptedAsc),
    ("outstanding", CaseSort::OutstandingDesc),
];

fn codes(codes: impl IntoIterator<Item = &'static str>) -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(codes))
}

fn origin_codes() -> ObjectBuilder {
    codes(Origin::ALL.map(Origin::code))
}

fn category_codes() -> ObjectBuilder {
    codes(Category::ALL.map(Category::code))
}

fn sort_orders() -> ObjectBuilder {
    codes(SORT_ORDERS.map(|(name, _)| name))
}

fn bad(what: &str, value: &str) -> WebError {
    WebError::BadRequest(format!("giá trị không hợp lệ / invalid value for {what}: «{value}»"))
}

/// The officer a filter names: by login, else by full name with or without diacritics (of
/// namesakes, one of the reader's units first). An unknown officer has no cases: an impossible
/// id lists nothing.
fn officer_named(text: &str, directory: &Directory, reader: UnitId) -> StaffId {
    let by_login = Login::new(text).ok().and_then(|l| directory.staff.values().find(|s| s.login == l));
    let by_name = || {
        let name = fold(text);
        let scope = directory.units.scope(reader);
        directory.staff.values().filter(|s| fold(&s.full_name) == name).min_by_key(|s| (!scope.contains(&s.unit), s.id))
    };
    by_login.or_else(by_name).map_or(StaffId(-1), |s| s.id)
}

fn opt(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

impl ListParams {
    /// The page number, from 1.
    pub fn page(&self) -> Result<u64, WebError> {
        match opt(&self.page) {
            None => Ok(1),
            Some(p) => p.parse::<u64>().ok().filter(|p| (1..=100_000).contains(p)).ok_or_else(|| bad("page", p)),
        }
    }

    /// The store query for `unit`'s scope (already authorized), `size` cases a page.
    pub fn query(&self, unit: &Unit, directory: &Directory, size: u32) -> Result<CaseQuery, WebError> {
        let scope: Vec<_> = directory.units.scope(unit.id).into_iter().collect();
        // The whole tree needs no filter; a long `in (…)` list would only slow the query.
        let units = if scope.len() >= directory.units.all().len() { None } else { Some(scope) };
        let state = match opt(&self.state) {
            None => None,
            Some("open") => Some(StateFilter::Open),
            Some("closed") => Some(StateFilter::Closed),
            Some(code) => Some(StateFilter::Is(CaseState::from_code(code, None).ok_or_else(|| bad("state", code))?)),
        };
        let origin = opt(&self.origin).map(|o| Origin::parse(o).map_err(|_| bad("origin", o))).transpose()?;
        let category = opt(&self.category).map(|c| Category::parse(c).map_err(|_| bad("category", c))).transpose()?;
        let officer = opt(&self.officer).map(|o| officer_named(o, directory, unit.id));
        let date = |t: &str, what| opt(t).map(|d| parse_date(d).map_err(|_| bad(what, d))).transpose();
        let sort = match opt(&self.sort) {
            None => CaseSort::Newest,
            Some(name) => {
                SORT_ORDERS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s).ok_or_else(|| bad("sort", name))?
            }
        };
        let text = opt(&self.q).map(thads_core::text::fold).filter(|t| !t.is_empty());
        Ok(CaseQuery {
            units,
            state,
            origin,
            category,
            officer,
            accepted_from: date(&self.from, "from")?,
            accepted_to: date(&self.to, "to")?,
            text,
            sort,
            offset: (self.page()? - 1) * u64::from(size),
            limit: size,
        })
    }

    /// Links to the pages around `page` of a list of `total` cases, `size` a page (see
    /// `page_links`).
    pub fn page_links(&self, page: u64, size: u32, total: Counted, more: bool) -> Vec<Option<PageLink>> {
        page_links(page, size, total, more, |n| self.with_page(n))
    }

    /// The same parameters on another page, as a query string.
    pub fn with_page(&self, page: u64) -> String {
        let pairs = [
            ("unit", self.unit.as_str()),
            ("q", &self.q),
            ("state", &self.state),
            ("origin", &self.origin),
            ("category", &self.category),
            ("officer", &self.officer),
            ("from", &self.from),
            ("to", &self.to),
            ("sort", &self.sort),
        ];
        let page = page.to_string();
        let kept: Vec<(&str, &str)> =
            pairs.into_iter().filter(|(_, v)| !v.trim().is_empty()).chain([("page", page.as_str())]).collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(links: &[Option<PageLink>]) -> Vec<Option<u64>> {
        links.iter().map(|l| l.as_ref().map(|l| l.number)).collect()
    }

    #[test]
    fn page_links_show_the_first_the_last_and_the_pages_around() {
        let p = ListParams { q: "an".into(), ..ListParams::default() };
        assert_eq!(numbers(&p.page_links(1, 50, Counted::Exactly(10), false)), vec![Some(1)]);
        assert_eq!(numbers(&p.page_links(1, 50, Counted::Exactly(120), true)), vec![Some(1), Some(2), Some(3)]);
        let middle = p.page_links(5, 50, Counted::Exactly(480), true);
        assert_eq!(numbers(&middle), vec![Some(1), None, Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(10)]);
        assert!(middle[4].as_ref().is_some_and(|l| l.current && l.query == "q=an&page=5"));
        let searched = p.page_links(1, 50, Counted::AtLeast(50), true);
        assert_eq!(numbers(&searched), vec![Some(1), Some(2), None], "a search not counted: the next page");
        assert_eq!(found_text(Counted::AtLeast(50), crate::i18n::Lang::Vi), "Tìm thấy hơn 50 việc");
        let capped = p.page_links(3, 50, Counted::AtLeast(COUNT_CAP), true);
        assert_eq!(
            numbers(&capped),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5), None],
            "no last page past the cap"
        );
    }
}
