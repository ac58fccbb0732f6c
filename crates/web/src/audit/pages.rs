//! The pages of the audit trail, as a person reads it: labels for actions, names for people,
//! units and cases, and each entry's before and after as the fields that changed. The trail of
//! a unit's scope is filtered by person, action and dates; a case's trail is read on the case;
//! the sign-in history (successful and refused sign-ins) beside it. Read-only: the store refuses
//! to change or delete either.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_core::access::Action;
use thads_core::dates::{format_iso, parse_date};
use thads_core::{CaseId, Unit, UnitId};
use thads_store::{AuditEntry, AuditQuery, SignInOutcome, SignInQuery, SignInRecord};
use time::{Date, OffsetDateTime, Time};

use super::ViewAudit;
use super::changes::{action_label, changes, field_label, value_text};
use crate::accounts::{Allowed, CaseAccess};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::{AppState, Directory, UnitOption};

/// The most entries a page shows (newest first).
pub const PAGE_LIMIT: u32 = 200;

pub struct ChangeRow {
    pub field: String,
    pub before: String,
    pub after: String,
}

pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub actor_name: String,
    pub case: Option<(i64, String)>,
    pub unit: String,
    /// The person an entry is about (an account changed), by name and login.
    pub subject: Option<String>,
    pub action: String,
    pub changes: Vec<ChangeRow>,
}

/// The person an entry of an account is about: the `login` its after (or before) names.
fn subject(directory: &Directory, a: &AuditEntry) -> Option<String> {
    let login = [a.after.as_deref(), a.before.as_deref()].into_iter().flatten().find_map(|text| {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        value.get("login")?.as_str().map(str::to_string)
    })?;
    Some(format!("{} ({login})", directory.staff_name_of(&login)))
}

/// An entry as a person reads it; `case_nos` names the cases by decision number.
fn row(lang: Lang, directory: &Directory, case_nos: &HashMap<CaseId, String>, a: &AuditEntry) -> AuditRow {
    let text = |field: &str, v: &Option<serde_json::Value>| {
        v.as_ref().map_or_else(|| "–".to_string(), |v| value_text(lang, directory, field, v))
    };
    AuditRow {
        at: fmt::instant(a.at),
        actor: a.actor.clone(),
        actor_name: directory.staff_name_of(&a.actor),
        case: a.case.map(|c| (c.0, case_nos.get(&c).cloned().unwrap_or_else(|| format!("#{}", c.0)))),
        unit: a.unit.map_or_else(|| lang.t("audit_unit_installation").to_string(), |u| directory.unit_label(u)),
        subject: subject(directory, a),
        action: action_label(lang, &a.action),
        changes: changes(a.before.as_deref(), a.after.as_deref())
            .into_iter()
            .map(|c| ChangeRow {
                field: field_label(lang, &c.field),
                before: text(&c.field, &c.before),
                after: text(&c.field, &c.after),
            })
            .collect(),
    }
}

/// The decision numbers of the cases the entries name (one read per case, at most a page's).
fn case_numbers(state: &AppState, entries: &[AuditEntry]) -> Result<HashMap<CaseId, String>, WebError> {
    let mut out = HashMap::new();
    for id in entries.iter().filter_map(|a| a.case) {
        if let std::collections::hash_map::Entry::Vacant(slot) = out.entry(id) {
            let no = state.store.case(id)?.map_or_else(|| format!("#{}", id.0), |c| c.facts.case_no.to_string());
            slot.insert(no);
        }
    }
    Ok(out)
}

/// The units whose entries a trail of `unit` shows: its scope; at the root, everything (the
/// entries of no unit too).
fn scope_of(directory: &Directory, unit: &Unit) -> Option<Vec<UnitId>> {
    unit.parent.map(|_| directory.units.scope(unit.id).into_iter().collect())
}

/// A day of the filter (dd/mm/yyyy or yyyy-mm-dd; empty: none).
fn day(text: &str, what: &str) -> Result<Option<Date>, WebError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_date(text).map(Some).map_err(|e| WebError::BadRequest(format!("{what}: {e}")))
}

/// The first instant of a day in Vietnam.
fn start_of(d: Date) -> OffsetDateTime {
    d.with_time(Time::MIDNIGHT).assume_offset(thads_app::clock::VIETNAM)
}

/// `from` and `until` (both days included) as the instants `[from, until + 1)`.
fn window(from: &str, until: &str) -> Result<(Option<OffsetDateTime>, Option<OffsetDateTime>), WebError> {
    let from = day(from, "từ ngày / from")?.map(start_of);
    let until = day(until, "đến ngày / until")?.map(|d| start_of(d.next_day().unwrap_or(d)));
    Ok((from, until))
}

fn iso(text: &str) -> String {
    parse_date(text.trim()).map(format_iso).unwrap_or_default()
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/trail.html")]
struct TrailPage {
    c: Chrome,
    title: String,
    /// The filter form (not on a case's trail).
    filters: Option<Filters>,
    rows: Vec<AuditRow>,
    limit: u32,
}

struct Filters {
    units: Vec<UnitOption>,
    unit: String,
    actor: String,
    actions: Vec<(String, String, bool)>,
    from: String,
    until: String,
    /// The reader administers the whole installation: a link to the chain's check.
    may_check_chain: bool,
}

/// The audit trail of one case: the reader sees the case and may read its unit's audit.
pub async fn of_case(State(state): State<AppState>, lang: Lang, access: CaseAccess) -> Result<Response, WebError> {
    access.user.may(&state, Action::ViewAudit { unit: access.case.facts.unit })?;
    let id = access.case.id;
    let (entries, case_nos) = state
        .blocking(move |s| {
            let entries = s.store.audit_of_case(id)?;
            let nos = case_numbers(s, &entries)?;
            Ok((entries, nos))
        })
        .await?;
    let directory = state.directory();
    let title = format!("{} · {}", lang.t("audit"), access.case.facts.case_no);
    let rows = entries.iter().map(|a| row(lang, &directory, &case_nos, a)).collect();
    let page = TrailPage { c: access.user.chrome(&state, lang), title, filters: None, rows, limit: PAGE_LIMIT };
    Ok(page.into_response())
}

#[derive(Deserialize)]
pub struct TrailParams {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
}

/// Whether the person `login` belongs to the scope of `unit`: a known person by their unit;
/// a name that is no login (the command line, imports) only at the root.
fn actor_visible(directory: &Directory, unit: &Unit, login: &str) -> bool {
    match directory.staff.values().find(|s| s.login.as_str() == login) {
        Some(s) => directory.units.covers(unit.id, s.unit),
        None => unit.parent.is_none(),
    }
}

/// The audit trail of a unit's scope (`?unit=`, the reader's own by default), filtered by
/// person, action and dates, newest first.
pub async fn trail(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewAudit>,
    Query(p): Query<TrailParams>,
) -> Result<Response, WebError> {
    let directory = state.directory();
    let actor = p.actor.trim().to_ascii_lowercase();
    if !actor.is_empty() && !actor_visible(&directory, &access.unit, &actor) {
        return Err(WebError::NotFound);
    }
    let (from, until) = window(&p.from, &p.until)?;
    let action = p.action.trim().to_string();
    let query = AuditQuery {
        units: scope_of(&directory, &access.unit),
        case: None,
        actor: Some(actor.clone()).filter(|a| !a.is_empty()),
        action: Some(action.clone()).filter(|a| !a.is_empty()),
        from,
        until,
        limit: PAGE_LIMIT,
    };
    let (entries, case_nos, codes) = state
        .blocking(move |s| {
            let entries = s.store.search_audit(&query)?;
            let nos = case_numbers(s, &entries)?;
            Ok((entries, nos, s.store.audit_actions()?))
        })
        .await?;
    let title = if actor.is_empty() {
        format!("{} · {}", lang.t("audit"), access.unit.code)
    } else {
        format!("{} · {}", lang.t("audit_of_user"), directory.staff_name_of(&actor))
    };
    let filters = Filters {
        units: directory.unit_options(access.user.unit(), access.unit.id),
        unit: access.unit.code.to_string(),
        actor,
        actions: codes.into_iter().map(|c| (action_label(lang, &c), c.clone(), c == action)).collect(),
        from: iso(&p.from),
        until: iso(&p.until),
        may_check_chain: access.user.may_administer_installation(&state).is_ok(),
    };
    let rows = entries.iter().map(|a| row(lang, &directory, &case_nos, a)).collect();
    let c = access.user.chrome(&state, lang);
    Ok(TrailPage { c, title, filters: Some(filters), rows, limit: PAGE_LIMIT }.into_response())
}

pub struct SignInRow {
    pub at: String,
    pub login: String,
    pub name: String,
    pub unit: String,
    pub address: String,
    pub outcome: &'static str,
    pub refused: bool,
}

fn outcome_label(lang: Lang, o: SignInOutcome) -> &'static str {
    match o {
        SignInOutcome::Ok => lang.t("sign_in_ok"),
        SignInOutcome::Refused => lang.t("sign_in_refused"),
        SignInOutcome::Locked => lang.t("sign_in_locked"),
        SignInOutcome::Disabled => lang.t("sign_in_disabled"),
    }
}

fn sign_in_row(lang: Lang, directory: &Directory, s: &SignInRecord) -> SignInRow {
    let person = s.staff.and_then(|id| directory.staff.get(&id));
    SignInRow {
        at: fmt::instant(s.at),
        login: s.login.clone(),
        name: person.map_or_else(|| "–".to_string(), |p| p.full_name.clone()),
        unit: person.map_or_else(|| "–".to_string(), |p| directory.unit_label(p.unit)),
        address: s.address.clone(),
        outcome: outcome_label(lang, s.outcome),
        refused: s.outcome != SignInOutcome::Ok,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/sign_ins.html")]
struct SignInsPage {
    c: Chrome,
    units: Vec<UnitOption>,
    unit: String,
    login: String,
    outcomes: Vec<(&'static str, &'static str, bool)>,
    from: String,
    until: String,
    rows: Vec<SignInRow>,
    limit: u32,
}

#[derive(Deserialize)]
pub struct SignInParams {
    #[serde(default)]
    login: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
}

/// The sign-ins of the people of a unit's scope (at the root, of unknown logins too), newest
/// first, by login, outcome and dates.
pub async fn sign_ins(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewAudit>,
    Query(p): Query<SignInParams>,
) -> Result<Response, WebError> {
    let directory = state.directory();
    let login = p.login.trim().to_ascii_lowercase();
    let (from, until) = window(&p.from, &p.until)?;
    let outcome = SignInOutcome::parse(p.outcome.trim());
    let query = SignInQuery {
        units: scope_of(&directory, &access.unit),
        login: Some(login.clone()).filter(|l| !l.is_empty()),
        outcome,
        from,
        until,
        limit: PAGE_LIMIT,
    };
    let found = state.blocking(move |s| Ok(s.store.sign_ins(&query)?)).await?;
    let page = SignInsPage {
        c: access.user.chrome(&state, lang),
        units: directory.unit_options(access.user.unit(), access.unit.id),
        unit: access.unit.code.to_string(),
        login,
        outcomes: SignInOutcome::ALL
            .into_iter()
            .map(|o| (o.code(), outcome_label(lang, o), Some(o) == outcome))
            .collect(),
        from: iso(&p.from),
        until: iso(&p.until),
        rows: found.iter().map(|s| sign_in_row(lang, &directory, s)).collect(),
        limit: PAGE_LIMIT,
    };
    Ok(page.into_response())
}
