//! The case list, shared by the page, the API and the statistics' drill-down: its parameters,
//! parsed once into the store's `CaseQuery` and always limited to the reader's unit scope, and
//! one line of it as a page shows it.

use serde::Deserialize;
use thads_core::access::Action;
use thads_core::dates::parse_date;
use thads_core::text::fold;
use thads_core::{Case, CaseState, Category, Login, Origin, StaffId, Unit, UnitId};
use thads_store::{CaseQuery, CaseSort, StateFilter};
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
