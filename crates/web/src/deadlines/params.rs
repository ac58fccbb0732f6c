//! The worklist's query string, shared by its page, its XLSX export and `GET /api/v1/deadlines`:
//! `unit` (read by `Allowed`), `officer` (a login or a full name), `mine`, `overdue`,
//! `due_from` (that day or later), `due_before` (strictly before; both YYYY-MM-DD or
//! dd/mm/yyyy), `kind`, `sort`, `dir`, `page`.

use serde::Deserialize;
use thads_app::deadlines::{WorklistFilter, WorklistSort};
use thads_core::dates::parse_date;
use thads_core::deadlines::DeadlineKind;
use thads_core::{StaffId, Unit};
use utoipa::IntoParams;
use utoipa::openapi::schema::{ObjectBuilder, Type};

use crate::accounts::User;
use crate::error::WebError;
use crate::state::Directory;

/// The worklist's parameters as typed (all optional, empty means unset).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkParams {
    /// unit code (default: the caller's unit); its subtree
    #[serde(default)]
    pub unit: String,
    /// an officer's login, or a full name one person bears; an unknown person lists nothing
    #[serde(default)]
    pub officer: String,
    /// true: the caller's own cases
    #[serde(default)]
    #[param(value_type = bool)]
    pub mine: String,
    /// true: only deadlines due before today
    #[serde(default)]
    #[param(value_type = bool)]
    pub overdue: String,
    /// only deadlines due on or after this day (yyyy-mm-dd or dd/mm/yyyy)
    #[serde(default)]
    #[param(format = Date)]
    pub due_from: String,
    /// only deadlines due strictly before this day (yyyy-mm-dd or dd/mm/yyyy)
    #[serde(default)]
    #[param(format = Date)]
    pub due_before: String,
    /// one kind of deadline
    #[serde(default)]
    #[param(schema_with = kinds)]
    pub kind: String,
    /// the order; ties in due date, unit, decision number and kind order
    #[serde(default)]
    #[param(schema_with = sorts)]
    pub sort: String,
    /// asc (default) or desc
    #[serde(default)]
    #[param(schema_with = directions)]
    pub dir: String,
    /// The page's page number (the API lists every deadline).
    #[serde(default)]
    #[param(ignore)]
    pub page: String,
}

fn codes(codes: impl IntoIterator<Item = &'static str>) -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(codes))
}

fn kinds() -> ObjectBuilder {
    codes(DeadlineKind::ALL.map(DeadlineKind::code))
}

fn sorts() -> ObjectBuilder {
    codes(WorklistSort::ALL.map(WorklistSort::code))
}

fn directions() -> ObjectBuilder {
    codes(["asc", "desc"])
}

/// What the parameters ask for, checked.
#[derive(Debug, Clone)]
pub struct Asked {
    pub filter: WorklistFilter,
    pub sort: WorklistSort,
    pub descending: bool,
    pub page: usize,
}

fn bad(what: &str, value: &str) -> WebError {
    WebError::BadRequest(format!("giá trị không hợp lệ / invalid value for {what}: «{value}»"))
}

fn opt(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

fn flag(what: &str, text: &str) -> Result<bool, WebError> {
    match opt(text) {
        None | Some("false" | "0" | "off") => Ok(false),
        Some("true" | "1" | "on") => Ok(true),
        Some(other) => Err(bad(what, other)),
    }
}

impl WorkParams {
    /// Checks the parameters for `unit`'s scope (already authorized) as read by `user`.
    pub fn asked(&self, user: &User, unit: &Unit, directory: &Directory) -> Result<Asked, WebError> {
        let units = directory.units.scope(unit.id).into_iter().collect();
        let officer = if flag("mine", &self.mine)? {
            Some(user.staff.id)
        } else {
            opt(&self.officer).map(|o| officer_named(directory, o))
        };
        let kind = opt(&self.kind)
            .map(|k| DeadlineKind::ALL.into_iter().find(|c| c.code() == k).ok_or_else(|| bad("kind", k)))
            .transpose()?;
        let date = |text: &str, what| opt(text).map(|d| parse_date(d).map_err(|_| bad(what, d))).transpose();
        let (due_from, due_before) = (date(&self.due_from, "due_from")?, date(&self.due_before, "due_before")?);
        let sort = match opt(&self.sort) {
            None => WorklistSort::Due,
            Some(s) => WorklistSort::parse(s).ok_or_else(|| bad("sort", s))?,
        };
        let descending = match opt(&self.dir) {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(other) => return Err(bad("dir", other)),
        };
        let page = match opt(&self.page) {
            None => 1,
            Some(p) => p.parse::<usize>().ok().filter(|p| (1..=100_000).contains(p)).ok_or_else(|| bad("page", p))?,
        };
        let filter = WorklistFilter {
            units,
            officer,
            overdue_only: flag("overdue", &self.overdue)?,
            due_from,
            due_before,
            kind,
        };
        Ok(Asked { filter, sort, descending, page })
    }

    /// The same parameters with some replaced (empty values left out), as a query string.
    pub fn with(&self, changes: &[(&str, &str)]) -> String {
        let pairs = [
            ("unit", self.unit.as_str()),
            ("officer", &self.officer),
            ("mine", &self.mine),
            ("overdue", &self.overdue),
            ("due_from", &self.due_from),
            ("due_before", &self.due_before),
            ("kind", &self.kind),
            ("sort", &self.sort),
            ("dir", &self.dir),
            ("page", &self.page),
        ];
        let kept: Vec<(&str, &str)> = pairs
            .into_iter()
            .map(|(k, v)| (k, changes.iter().find(|(c, _)| *c == k).map_or(v, |(_, n)| *n)))
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }
}

/// The staff member of a login, else of a full name (case and accents folded) that one person
/// bears; an unknown person has no deadlines: an impossible id lists nothing.
fn officer_named(directory: &Directory, text: &str) -> StaffId {
    let folded = thads_core::text::fold(text);
    let by_login = directory.staff.values().find(|s| s.login.as_str().eq_ignore_ascii_case(text));
    let by_name = || {
        let mut named = directory.staff.values().filter(|s| thads_core::text::fold(&s.full_name) == folded);
        // Two people of the same name: the login tells them apart.
        named.next().filter(|_| named.next().is_none())
    };
    by_login.or_else(by_name).map_or(StaffId(-1), |s| s.id)
}
