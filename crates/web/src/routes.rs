//! Every route of the application in one table, with the authorization rule it states. The
//! table builds the router, and the integration tests walk the same table (every route ×
//! every role × own unit / other unit), so a route cannot exist without a rule that is tested.

use std::sync::LazyLock;

use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{MethodRouter, delete, get, patch, post};
use thads_core::access::Action;
use thads_core::{EventCode, StaffId, UnitId};

use crate::state::AppState;
use crate::{
    accounts, assets, audit, calendar, cases, deadlines, imports, openapi, periods, site, snapshots, stats, targets,
};

/// Unit-wide actions (`?unit=CODE`, the user's own unit by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitAction {
    ListCases,
    ViewReports,
    ViewAudit,
    Import,
    /// The worklist of deadlines: whoever may see the unit's cases.
    ViewDeadlines,
    ManageUsers,
    SetTargets,
    /// Taking in cases (`?unit=CODE` for pages, `"unit"` of the body for the API).
    TakeIn,
    /// Closing and reopening a month of the unit: its own head.
    ClosePeriod,
    /// Saving the unit's report as a snapshot.
    SaveSnapshot,
}

/// What a route requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in; acts only on their own account.
    SignedIn,
    /// Reading a case: `ViewCase` on its unit (404 otherwise, absent and hidden look alike).
    ViewCase,
    /// Recording on a case: `ViewCase`, then `RecordEvent` with each event posted (for a
    /// correction or a void, the event replaced too).
    RecordEvent,
    /// The audit trail of a case: `ViewCase` and `ViewAudit` on its unit.
    CaseAudit,
    /// Changing a case's facts: `ViewCase`, then `EditCase` (an officer: their own cases); an
    /// API change of the officer needs `Reassign` too.
    EditCase,
    /// Assigning a case to another officer: `ViewCase`, then `Reassign` on its unit.
    Reassign,
    /// An action on a whole unit.
    OnUnit(UnitAction),
    /// An import started through the web: `Import` on its unit (404 otherwise).
    ImportJob,
    /// A person (`/users/{id}`): `ManageUsers` on their unit (404 when absent or outside the
    /// caller's units); moving them asks it of the new unit too.
    Staff,
    /// The installation as a whole: `ManageUsers` on the root of the unit tree, i.e. an
    /// administrator of everything (`actions` is asked with the root as its unit).
    Installation,
    /// A snapshot (`/snapshots/{id}`): `ViewReports` on its unit (404 otherwise).
    Snapshot,
}

impl Rule {
    /// The domain actions this rule asks `authorize` about, for a target in `unit` (a case
    /// assigned to `assigned`, an event `code` where one is posted). Empty: no domain check.
    pub fn actions(self, unit: UnitId, assigned: Option<StaffId>, code: EventCode) -> Vec<Action> {
        match self {
            Rule::Public | Rule::SignedIn => vec![],
            Rule::ViewCase => vec![Action::ViewCase { unit }],
            Rule::RecordEvent => vec![Action::ViewCase { unit }, Action::RecordEvent { unit, assigned, code }],
            Rule::CaseAudit => vec![Action::ViewCase { unit }, Action::ViewAudit { unit }],
            Rule::EditCase => vec![Action::ViewCase { unit }, Action::EditCase { unit, assigned }],
            Rule::Reassign => vec![Action::ViewCase { unit }, Action::Reassign { unit }],
            Rule::OnUnit(UnitAction::TakeIn) => vec![Action::TakeIn { unit }],
            Rule::OnUnit(UnitAction::ListCases | UnitAction::ViewDeadlines) => vec![Action::ViewCase { unit }],
            Rule::OnUnit(UnitAction::ViewReports) => vec![Action::ViewReports { unit }],
            Rule::OnUnit(UnitAction::ViewAudit) => vec![Action::ViewAudit { unit }],
            Rule::OnUnit(UnitAction::Import) | Rule::ImportJob => vec![Action::Import { unit }],
            Rule::OnUnit(UnitAction::ManageUsers) | Rule::Staff => vec![Action::ManageUsers { unit }],
            Rule::OnUnit(UnitAction::SetTargets) => vec![Action::SetTargets { unit }],
            Rule::Installation => vec![Action::ManageUsers { unit }],
            Rule::OnUnit(UnitAction::ClosePeriod) => vec![Action::ClosePeriod { unit }],
            Rule::OnUnit(UnitAction::SaveSnapshot) => vec![Action::SaveSnapshot { unit }],
            Rule::Snapshot => vec![Action::ViewReports { unit }],
        }
    }
}

/// One route: method, path, rule, a line for the reader, and the handler.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub rule: Rule,
    pub what: &'static str,
    pub handler: MethodRouter<AppState>,
}

fn r(method: Method, path: &'static str, rule: Rule, what: &'static str, handler: MethodRouter<AppState>) -> Route {
    Route { method, path, rule, what, handler }
}

/// Register files may be large (a province's cases): uploads get more than the default 2 MB,
/// the files' own limit (checked as they stream to disk, with a clear message) and room for
/// the form around them.
fn upload_limit() -> DefaultBodyLimit {
    let limit = imports::upload::MAX_UPLOAD_BYTES + (1 << 20);
    DefaultBodyLimit::max(usize::try_from(limit).unwrap_or(usize::MAX))
}

/// The paths of pages (GET routes outside the API and the assets), as the table writes them.
static PAGES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    table()
        .into_iter()
        .filter(|r| r.method == Method::GET && !r.path.starts_with("/api/") && !r.path.starts_with("/assets/"))
        .map(|r| r.path)
        .collect()
});

/// Whether `path` is a page one can GET: a `{name}` segment of the table matches any one segment.
pub fn is_page(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    PAGES.iter().any(|page| {
        let pattern: Vec<&str> = page.split('/').collect();
        pattern.len() == segments.len()
            && pattern.iter().zip(&segments).all(|(p, s)| *p == *s || (p.starts_with('{') && !s.is_empty()))
    })
}

/// The whole application.
pub fn table() -> Vec<Route> {
    use Method as M;
    use Rule::*;
    use UnitAction::*;
    vec![
        r(M::GET, "/health", Public, "liveness only", get(site::health)),
        r(M::GET, "/health/details", Installation, "backend, cases, generations", get(site::health_details)),
        r(M::GET, "/assets/{file}", Public, "embedded CSS and script", get(assets::serve)),
        r(M::GET, "/favicon.ico", Public, "the site's icon", get(assets::favicon)),
        r(
            M::GET,
            "/lang/{code}",
            Public,
            "switch language",
            get(|code, headers| site::set_language(code, headers, is_page)),
        ),
        r(M::GET, "/login", Public, "sign-in form", get(accounts::pages::login_form)),
        r(M::POST, "/login", Public, "sign in", post(accounts::pages::login)),
        r(M::POST, "/logout", SignedIn, "sign out", post(accounts::pages::logout)),
        r(M::GET, "/account/password", SignedIn, "password form", get(accounts::pages::password_form)),
        r(M::POST, "/account/password", SignedIn, "change password", post(accounts::pages::change_password)),
        r(M::GET, "/", OnUnit(ViewReports), "dashboard of a unit", get(stats::dashboard::show)),
        r(M::GET, "/cases", OnUnit(ListCases), "case list, filters, search", get(cases::pages::list)),
        r(M::GET, "/cases/new", OnUnit(TakeIn), "intake form (thụ lý việc mới)", get(cases::intake::form)),
        r(M::POST, "/cases/new", OnUnit(TakeIn), "take in a case", post(cases::intake::create)),
        r(M::GET, "/cases/{id}", ViewCase, "case page", get(cases::pages::show)),
        r(M::GET, "/cases/{id}/edit", Rule::EditCase, "edit a case's facts (form)", get(cases::edit::form)),
        r(M::POST, "/cases/{id}/edit", Rule::EditCase, "edit a case's facts", post(cases::edit::save)),
        r(M::POST, "/cases/{id}/reassign", Rule::Reassign, "reassign the officer", post(cases::edit::reassign_officer)),
        r(M::POST, "/cases/{id}/events", RecordEvent, "record an event", post(cases::pages::record)),
        r(M::POST, "/cases/{id}/void", RecordEvent, "void a record", post(cases::pages::void)),
        r(M::POST, "/cases/{id}/correct", RecordEvent, "correct a record", post(cases::pages::correct)),
        r(
            M::GET,
            "/deadlines",
            OnUnit(ViewDeadlines),
            "worklist: deadlines of a unit or officer",
            get(deadlines::pages::show),
        ),
        r(M::GET, "/deadlines/export", OnUnit(ViewDeadlines), "worklist as XLSX", get(deadlines::pages::export)),
        r(M::GET, "/cases/{id}/audit", CaseAudit, "audit trail of a case", get(audit::pages::of_case)),
        r(
            M::GET,
            "/audit",
            OnUnit(ViewAudit),
            "audit trail of a unit: person, action, dates",
            get(audit::pages::trail),
        ),
        r(M::GET, "/audit/sign-ins", OnUnit(ViewAudit), "sign-in history of a unit", get(audit::pages::sign_ins)),
        r(M::GET, "/users", OnUnit(ManageUsers), "people of a unit, new account form", get(accounts::users::list)),
        r(M::POST, "/users", OnUnit(ManageUsers), "create an account", post(accounts::users::create)),
        r(M::GET, "/users/{id}", Staff, "one person and the forms that change them", get(accounts::users::show)),
        r(M::POST, "/users/{id}/role", Staff, "change a person's role and unit", post(accounts::users::set_role)),
        r(M::POST, "/users/{id}/active", Staff, "disable or enable a person", post(accounts::users::set_enabled)),
        r(M::POST, "/users/{id}/password", Staff, "set a person's new password", post(accounts::users::set_password)),
        r(M::GET, "/targets", OnUnit(SetTargets), "yearly targets of a unit's scope", get(targets::pages::show)),
        r(M::POST, "/targets", OnUnit(SetTargets), "set a unit's yearly target", post(targets::pages::set)),
        r(M::GET, "/calendar", SignedIn, "announced days off and make-up days", get(calendar::pages::show)),
        r(M::POST, "/calendar", Installation, "announce a day off or make-up day", post(calendar::pages::add)),
        r(M::POST, "/calendar/remove", Installation, "remove an announced day", post(calendar::pages::remove)),
        r(M::GET, "/stats", OnUnit(ViewReports), "statistics forms", get(stats::pages::show)),
        r(M::GET, "/stats/export", OnUnit(ViewReports), "export XLSX or CSV", get(stats::pages::export)),
        r(M::GET, "/stats/cases", OnUnit(ViewReports), "the cases behind a figure", get(stats::pages::drill)),
        r(M::GET, "/import", OnUnit(Import), "import page", get(imports::pages::form)),
        r(M::POST, "/import", OnUnit(Import), "upload registers", post(imports::pages::upload).layer(upload_limit())),
        r(M::GET, "/import/{job}", ImportJob, "an import: progress, then results", get(imports::pages::show)),
        r(M::GET, "/import/{job}/progress", ImportJob, "an import's progress (JSON)", get(imports::pages::progress)),
        r(M::POST, "/api/v1/session", Public, "API sign-in: a bearer token", post(accounts::api::create)),
        r(M::DELETE, "/api/v1/session", SignedIn, "API sign-out", delete(accounts::api::end)),
        r(M::GET, "/api/v1/cases", OnUnit(ListCases), "cases visible to the caller", get(cases::api::list)),
        r(M::POST, "/api/v1/cases", OnUnit(TakeIn), "take in a case", post(cases::intake::api_create)),
        r(M::GET, "/api/v1/cases/{id}", ViewCase, "one case and its history", get(cases::api::show)),
        r(M::PATCH, "/api/v1/cases/{id}", Rule::EditCase, "edit a case's facts", patch(cases::edit::api_patch)),
        r(M::POST, "/api/v1/cases/{id}/events", RecordEvent, "record an event", post(cases::api::record)),
        r(
            M::GET,
            "/api/v1/deadlines",
            OnUnit(ViewDeadlines),
            "worklist of deadlines (interchange §4)",
            get(deadlines::api::list),
        ),
        r(M::GET, "/api/v1/audit", CaseAudit, "audit trail of a case (?case=ID)", get(audit::api::of_case)),
        r(M::GET, "/api/v1/reports", OnUnit(ViewReports), "report JSON (interchange §3)", get(stats::api::show)),
        r(M::GET, "/api/openapi.json", Public, "this API's OpenAPI document", get(openapi::serve)),
        r(
            M::GET,
            "/periods",
            OnUnit(ViewReports),
            "monthly closing of a unit and its units",
            get(periods::pages::show),
        ),
        r(M::POST, "/periods/close", OnUnit(ClosePeriod), "close a month", post(periods::pages::close_month)),
        r(
            M::POST,
            "/periods/reopen",
            OnUnit(ClosePeriod),
            "reopen a month, with a reason",
            post(periods::pages::reopen_month),
        ),
        r(M::POST, "/snapshots", OnUnit(SaveSnapshot), "save a report as a snapshot", post(snapshots::pages::create)),
        r(M::GET, "/snapshots/{id}", Snapshot, "a snapshot and its diff", get(snapshots::pages::show)),
        r(M::GET, "/api/v1/periods", OnUnit(ViewReports), "which units closed which month", get(periods::api::list)),
        r(M::POST, "/api/v1/periods/close", OnUnit(ClosePeriod), "close a month", post(periods::api::close_month)),
        r(M::POST, "/api/v1/periods/reopen", OnUnit(ClosePeriod), "reopen a month", post(periods::api::reopen_month)),
        r(
            M::POST,
            "/api/v1/snapshots",
            OnUnit(SaveSnapshot),
            "save a report as a snapshot",
            post(snapshots::api::create),
        ),
        r(M::GET, "/api/v1/snapshots/{id}", Snapshot, "a snapshot as frozen", get(snapshots::api::show)),
        r(M::GET, "/api/v1/snapshots/{id}/diff", Snapshot, "a snapshot's diff", get(snapshots::api::changes)),
    ]
}
