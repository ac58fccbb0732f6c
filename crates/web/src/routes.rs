//! Every route of the application in one table, with the authorization rule it states. The
//! table builds the router, and the integration tests walk the same table (every route ×
//! every role × own unit / other unit), so a route cannot exist without a rule that is tested.

use std::sync::LazyLock;

use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{MethodRouter, delete, get, patch, post};
use thads_core::access::Action;
use thads_core::{EventCode, StaffId, UnitId};

use crate::personnel;
use crate::portal;
use crate::state::AppState;
use crate::{
    accounts, admin_judgments, assets, audit, calendar, cases, complaints, deadlines, documents, exemption, imports,
    metrics, money, openapi, periods, reception, site, snapshots, static_files, stats, targets,
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
    /// Registering administrative judgments to monitor (`?unit=CODE` for pages, `"unit"` of
    /// the body for the API).
    MonitorAdminJudgments,
    /// Reading the register of complaints and the reception page.
    ViewComplaints,
    /// Registering letters, recording reception sessions and the schedule (`?unit=CODE` for
    /// pages, `"unit"` of the body for the API).
    RecordComplaint,
    /// Money in custody: receipts, distributions, payouts, closing the day (`?unit=CODE`,
    /// `"unit"` of the body, or the unit of the case or receipt concerned).
    HandleMoney,
    /// The money books of a unit.
    ViewMoney,
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
    /// An administrative judgment (`/admin-judgments/{id}`): `ViewCase` on its unit (404
    /// otherwise).
    AdminJudgment,
    /// Recording on an administrative judgment: `ViewCase`, then `MonitorAdminJudgments` on
    /// its unit.
    AdminJudgmentChange,
    /// Proposing a case for exemption or reduction and recording the court's decision:
    /// `ViewCase`, then `ProposeExemption` on the case (an officer: their own cases).
    ProposeExemption,
    /// A letter of the complaints register (`/complaints/{id}`): `ViewComplaints` on its unit
    /// (404 otherwise, absent and hidden alike).
    Complaint,
    /// A step on a letter: `ViewComplaints`, then `RecordComplaint` on its unit.
    ComplaintStep,
    /// A snapshot (`/snapshots/{id}`): `ViewReports` on its unit (404 otherwise).
    Snapshot,
    /// Documents made in bulk as a job (`/documents/bulk/jobs/{job}`): `ViewCase` on its unit
    /// (404 otherwise).
    DocumentJob,
    /// An online enforcement request (`/request-queue/{id}`, `/api/v1/requests/{id}`): the
    /// front desk's `TakeIn` on its unit, to read it and to take its steps (404 otherwise,
    /// absent and hidden alike).
    Request,
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
            Rule::OnUnit(UnitAction::MonitorAdminJudgments) => vec![Action::MonitorAdminJudgments { unit }],
            Rule::AdminJudgment => vec![Action::ViewCase { unit }],
            Rule::AdminJudgmentChange => vec![Action::ViewCase { unit }, Action::MonitorAdminJudgments { unit }],
            Rule::ProposeExemption => vec![Action::ViewCase { unit }, Action::ProposeExemption { unit, assigned }],
            Rule::OnUnit(UnitAction::ViewComplaints) | Rule::Complaint => vec![Action::ViewComplaints { unit }],
            Rule::OnUnit(UnitAction::RecordComplaint) => vec![Action::RecordComplaint { unit }],
            Rule::ComplaintStep => vec![Action::ViewComplaints { unit }, Action::RecordComplaint { unit }],
            Rule::OnUnit(UnitAction::HandleMoney) => vec![Action::HandleMoney { unit }],
            Rule::OnUnit(UnitAction::ViewMoney) => vec![Action::ViewMoney { unit }],
            Rule::OnUnit(UnitAction::ClosePeriod) => vec![Action::ClosePeriod { unit }],
            Rule::OnUnit(UnitAction::SaveSnapshot) => vec![Action::SaveSnapshot { unit }],
            Rule::Snapshot => vec![Action::ViewReports { unit }],
            Rule::DocumentJob => vec![Action::ViewCase { unit }],
            Rule::Request => vec![Action::TakeIn { unit }],
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
        r(M::GET, "/assets/{file}", Public, "embedded CSS and script", get(static_files::serve)),
        r(M::GET, "/favicon.ico", Public, "the site's icon", get(static_files::favicon)),
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
        r(M::GET, "/audit/chain", Installation, "the audit trail's hash chain, checked", get(audit::chain::page)),
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
        r(M::GET, "/api/v1/audit/chain", Installation, "the audit chain's state", get(audit::chain::api)),
        r(M::GET, "/api/v1/reports", OnUnit(ViewReports), "report JSON (interchange §3)", get(stats::api::show)),
        r(M::GET, "/api/openapi.json", Public, "this API's OpenAPI document", get(openapi::serve)),
        r(M::GET, "/stats/print", OnUnit(ViewReports), "print view of the statistical forms", get(stats::pages::print)),
        r(
            M::GET,
            "/admin-judgments",
            OnUnit(ListCases),
            "administrative judgments monitored",
            get(admin_judgments::pages::list),
        ),
        r(
            M::POST,
            "/admin-judgments",
            OnUnit(MonitorAdminJudgments),
            "register an administrative judgment",
            post(admin_judgments::pages::create),
        ),
        r(
            M::GET,
            "/admin-judgments/export",
            OnUnit(ListCases),
            "administrative judgments as XLSX",
            get(admin_judgments::pages::export),
        ),
        r(
            M::GET,
            "/admin-judgments/{id}",
            AdminJudgment,
            "a judgment, its steps and what is due",
            get(admin_judgments::pages::show),
        ),
        r(
            M::POST,
            "/admin-judgments/{id}/steps",
            AdminJudgmentChange,
            "record a monitoring step",
            post(admin_judgments::pages::add_step),
        ),
        r(
            M::POST,
            "/api/v1/admin-judgments",
            OnUnit(MonitorAdminJudgments),
            "register an administrative judgment",
            post(admin_judgments::api::create),
        ),
        r(
            M::POST,
            "/api/v1/admin-judgments/{id}/result",
            AdminJudgmentChange,
            "the body complied: monitoring ends",
            post(admin_judgments::api::result),
        ),
        r(
            M::GET,
            "/api/v1/reports/admin-judgments",
            OnUnit(ViewReports),
            "tracked, completed, still monitored",
            get(admin_judgments::api::report),
        ),
        r(M::GET, "/exemptions", OnUnit(ListCases), "exemption and reduction proposals", get(exemption::pages::list)),
        r(M::GET, "/exemptions/export", OnUnit(ListCases), "proposals as XLSX", get(exemption::pages::export)),
        r(
            M::POST,
            "/cases/{id}/exemption",
            Rule::ProposeExemption,
            "propose exemption or reduction",
            post(exemption::pages::propose),
        ),
        r(
            M::POST,
            "/cases/{id}/exemption/{proposal}/decision",
            Rule::ProposeExemption,
            "record the court's decision",
            post(exemption::pages::decide),
        ),
        r(
            M::POST,
            "/cases/{id}/exemption/{proposal}/apply",
            Rule::ProposeExemption,
            "record a decision's effect on the case",
            post(exemption::pages::apply),
        ),
        r(
            M::GET,
            "/api/v1/cases/{id}/exemption",
            ViewCase,
            "exemption or reduction eligibility of a case",
            get(exemption::api::eligibility),
        ),
        // No sign-in (a scraper has none): the handler answers only the configured addresses,
        // 404 to anyone else.
        r(M::GET, "/metrics", Public, "Prometheus metrics, from configured addresses", get(metrics::serve)),
        r(
            M::GET,
            "/complaints",
            OnUnit(ViewComplaints),
            "register of complaints and denunciations",
            get(complaints::pages::list),
        ),
        r(M::GET, "/complaints/new", OnUnit(RecordComplaint), "register a letter (form)", get(complaints::pages::form)),
        r(M::POST, "/complaints/new", OnUnit(RecordComplaint), "register a letter", post(complaints::pages::create)),
        r(M::GET, "/complaints/stats", OnUnit(ViewComplaints), "complaints statistics", get(complaints::stats::show)),
        r(
            M::GET,
            "/complaints/stats/export",
            OnUnit(ViewComplaints),
            "complaints statistics as XLSX",
            get(complaints::stats::export),
        ),
        r(M::GET, "/complaints/{id}", Complaint, "a letter and its steps", get(complaints::pages::show)),
        r(M::POST, "/complaints/{id}/step", ComplaintStep, "a step on a letter", post(complaints::pages::step)),
        r(M::GET, "/reception", OnUnit(ViewComplaints), "citizen reception of a unit", get(reception::pages::show)),
        r(M::POST, "/reception", OnUnit(RecordComplaint), "record a reception session", post(reception::pages::record)),
        r(
            M::POST,
            "/reception/schedule",
            OnUnit(RecordComplaint),
            "schedule a head's reception day, or plan the year",
            post(reception::pages::schedule),
        ),
        r(M::GET, "/api/v1/complaints", OnUnit(ViewComplaints), "letters of a scope", get(complaints::api::list)),
        r(M::POST, "/api/v1/complaints", OnUnit(RecordComplaint), "register a letter", post(complaints::api::create)),
        r(
            M::POST,
            "/api/v1/complaints/{id}/resolution",
            ComplaintStep,
            "the decision on a letter, or its withdrawal",
            post(complaints::api::resolve),
        ),
        r(
            M::GET,
            "/api/v1/reports/complaints",
            OnUnit(ViewReports),
            "complaints figures of a unit and period",
            get(complaints::api::report),
        ),
        r(
            M::GET,
            "/reception/export",
            OnUnit(ViewComplaints),
            "the reception book as XLSX or CSV",
            get(reception::export::export),
        ),
        r(
            M::GET,
            "/api/v1/reception",
            OnUnit(ViewComplaints),
            "reception book of a unit and period",
            get(reception::api::show),
        ),
        r(
            M::POST,
            "/api/v1/reception/sessions",
            OnUnit(RecordComplaint),
            "record a reception session",
            post(reception::api::record),
        ),
        r(
            M::POST,
            "/api/v1/reception/schedule",
            OnUnit(RecordComplaint),
            "schedule a head's reception day, or plan the year",
            post(reception::api::schedule),
        ),
        r(M::GET, "/seized-assets", OnUnit(ListCases), "seized assets of a unit", get(assets::pages::list)),
        r(
            M::GET,
            "/seized-assets/{id}",
            ViewCase,
            "a seized asset: state, prices, deadlines",
            get(assets::pages::show),
        ),
        r(
            M::POST,
            "/seized-assets/{id}/steps",
            Rule::EditCase,
            "record an asset's next step",
            post(assets::pages::step),
        ),
        r(M::GET, "/cases/{id}/assets", ViewCase, "a case's assets and coercion plans", get(assets::pages::of_case)),
        r(M::POST, "/cases/{id}/assets", Rule::EditCase, "seize an asset (form)", post(assets::pages::seize)),
        r(M::POST, "/cases/{id}/coercion-plans", Rule::EditCase, "plan a coercion (form)", post(assets::pages::plan)),
        r(M::POST, "/api/v1/cases/{id}/assets", Rule::EditCase, "seize an asset", post(assets::api::seize)),
        r(M::GET, "/api/v1/assets/{id}", ViewCase, "one seized asset", get(assets::api::show)),
        r(M::POST, "/api/v1/assets/{id}/valuations", Rule::EditCase, "value an asset", post(assets::api::valuation)),
        r(M::POST, "/api/v1/assets/{id}/auctions", Rule::EditCase, "announce an auction", post(assets::api::auction)),
        r(M::POST, "/api/v1/auctions/{id}/outcome", Rule::EditCase, "an auction's outcome", post(assets::api::outcome)),
        r(M::POST, "/api/v1/assets/{id}/reductions", Rule::EditCase, "reduce the price", post(assets::api::reduction)),
        r(
            M::POST,
            "/api/v1/assets/{id}/creditor-takes",
            Rule::EditCase,
            "the creditor takes the asset",
            post(assets::api::creditor_takes),
        ),
        r(M::POST, "/api/v1/assets/{id}/payment", Rule::EditCase, "the buyer's payment", post(assets::api::payment)),
        r(M::POST, "/api/v1/assets/{id}/sales", Rule::EditCase, "sell without auction", post(assets::api::sale)),
        r(M::POST, "/api/v1/assets/{id}/handover", Rule::EditCase, "hand the asset over", post(assets::api::handover)),
        r(
            M::POST,
            "/api/v1/cases/{id}/coercion-plans",
            Rule::EditCase,
            "plan a coercion",
            post(assets::api::coercion_plan),
        ),
        r(
            M::POST,
            "/cases/{id}/coercion-plans/{plan}/police-steps",
            Rule::EditCase,
            "record a police step of a coercion plan as done (form)",
            post(assets::coercion::police_step_page),
        ),
        r(
            M::POST,
            "/api/v1/cases/{id}/coercion-plans/{plan}/police-steps",
            Rule::EditCase,
            "record a police step of a coercion plan as done",
            post(assets::coercion::police_step_api),
        ),
        r(
            M::GET,
            "/coercion-measures",
            OnUnit(ViewReports),
            "coercion measures per unit and month",
            get(assets::coercion::page),
        ),
        r(
            M::GET,
            "/api/v1/reports/coercion",
            OnUnit(ViewReports),
            "coercion measures per unit and month of a year",
            get(assets::coercion::report),
        ),
        r(
            M::GET,
            "/asset-rules",
            SignedIn,
            "the rules of the asset chain and their versions",
            get(assets::rules::show),
        ),
        r(
            M::POST,
            "/asset-rules",
            Installation,
            "save a version of an asset rule (form)",
            post(assets::rules::save_page),
        ),
        r(
            M::GET,
            "/api/v1/asset-rules",
            SignedIn,
            "the rules of the asset chain and their versions",
            get(assets::rules::list),
        ),
        r(M::POST, "/api/v1/asset-rules", Installation, "save a version of an asset rule", post(assets::rules::save)),
        r(
            M::GET,
            "/money-rules",
            SignedIn,
            "the enforcement fee's rate table and its versions",
            get(money::fee_rules::show),
        ),
        r(
            M::POST,
            "/money-rules",
            Installation,
            "save a version of the enforcement fee's rate table (form)",
            post(money::fee_rules::save_page),
        ),
        r(
            M::GET,
            "/api/v1/money-rules",
            SignedIn,
            "the enforcement fee's rate table and its versions",
            get(money::fee_rules::list),
        ),
        r(
            M::POST,
            "/api/v1/money-rules",
            Installation,
            "save a version of the enforcement fee's rate table",
            post(money::fee_rules::save),
        ),
        r(M::POST, "/api/v1/receipts", OnUnit(HandleMoney), "issue a receipt", post(money::api::create_receipt)),
        r(
            M::POST,
            "/api/v1/receipts/{id}/cancel",
            OnUnit(HandleMoney),
            "cancel a receipt (its number stays used)",
            post(money::api::cancel_receipt),
        ),
        r(
            M::POST,
            "/api/v1/distributions",
            OnUnit(HandleMoney),
            "distribute a debtor's money across the debtor's cases",
            post(money::api::create_distribution),
        ),
        r(M::POST, "/api/v1/payouts", OnUnit(HandleMoney), "pay out a case's money", post(money::api::create_payout)),
        r(M::GET, "/api/v1/cases/{id}/money", ViewCase, "a case's money in custody", get(money::api::case_money)),
        r(
            M::GET,
            "/money",
            OnUnit(ViewMoney),
            "the accountant's day: cash book, receipts, forms",
            get(money::pages::show),
        ),
        r(M::POST, "/money/receipts", OnUnit(HandleMoney), "issue a receipt (form)", post(money::pages::receipt)),
        r(
            M::POST,
            "/money/receipts/{id}/cancel",
            OnUnit(HandleMoney),
            "cancel a receipt (form)",
            post(money::pages::cancel),
        ),
        r(M::GET, "/money/receipts/{id}", OnUnit(ViewMoney), "a printable receipt", get(money::pages::printable)),
        r(M::POST, "/money/distributions", OnUnit(HandleMoney), "distribute (form)", post(money::pages::distribution)),
        r(M::POST, "/money/payouts", OnUnit(HandleMoney), "pay out (form)", post(money::pages::payout)),
        r(M::POST, "/money/close", OnUnit(HandleMoney), "close the day's books", post(money::pages::close)),
        r(
            M::POST,
            "/api/v1/statements",
            OnUnit(HandleMoney),
            "import a bank statement (CSV) and match it to receipts and payouts",
            post(money::statements::create_statement),
        ),
        r(
            M::GET,
            "/api/v1/statements/{id}",
            OnUnit(ViewMoney),
            "a bank statement and what each line matched",
            get(money::statements::get_statement),
        ),
        r(
            M::POST,
            "/money/statements",
            OnUnit(HandleMoney),
            "import a bank statement (form)",
            post(money::statements::upload),
        ),
        r(
            M::GET,
            "/money/statements/{id}",
            OnUnit(ViewMoney),
            "a bank statement's lines",
            get(money::statements::show),
        ),
        r(
            M::POST,
            "/api/v1/savings/notices",
            OnUnit(HandleMoney),
            "record a notice to the payee of a case's unclaimed money",
            post(money::savings::create_notice),
        ),
        r(
            M::POST,
            "/api/v1/savings",
            OnUnit(HandleMoney),
            "put a case's unclaimed money in a savings deposit",
            post(money::savings::create_deposit),
        ),
        r(
            M::GET,
            "/api/v1/savings",
            OnUnit(ViewMoney),
            "a province's savings deposits and unclaimed money",
            get(money::savings::list_savings),
        ),
        r(
            M::POST,
            "/api/v1/savings/{id}/interest",
            OnUnit(HandleMoney),
            "credit interest on a savings deposit to its case",
            post(money::savings::credit_interest),
        ),
        r(
            M::POST,
            "/api/v1/savings/{id}/withdraw",
            OnUnit(HandleMoney),
            "withdraw a savings deposit back to the custody account",
            post(money::savings::withdraw),
        ),
        r(
            M::GET,
            "/money/savings",
            OnUnit(ViewMoney),
            "unclaimed money and savings deposits",
            get(money::savings_pages::show),
        ),
        r(
            M::POST,
            "/money/savings/notices",
            OnUnit(HandleMoney),
            "record a notice (form)",
            post(money::savings_pages::notice_form),
        ),
        r(
            M::POST,
            "/money/savings/deposits",
            OnUnit(HandleMoney),
            "savings deposit (form)",
            post(money::savings_pages::deposit_form),
        ),
        r(
            M::POST,
            "/money/savings/{id}/interest",
            OnUnit(HandleMoney),
            "credit interest (form)",
            post(money::savings_pages::interest_form),
        ),
        r(
            M::POST,
            "/money/savings/{id}/withdraw",
            OnUnit(HandleMoney),
            "withdraw from a deposit (form)",
            post(money::savings_pages::withdraw_form),
        ),
        r(
            M::GET,
            "/cases/{id}/documents",
            ViewCase,
            "a case's document: print view, PDF, DOCX",
            get(documents::pages::show),
        ),
        r(
            M::POST,
            "/cases/{id}/documents",
            RecordEvent,
            "issue a document (a decision records its event)",
            post(documents::pages::issue),
        ),
        r(
            M::GET,
            "/api/v1/cases/{id}/documents/{kind}",
            ViewCase,
            "a case's document as PDF or DOCX (interchange, documents)",
            get(documents::api::case_document),
        ),
        r(
            M::POST,
            "/cases/{id}/documents/cancel",
            Rule::EditCase,
            "cancel an issued document's number, with a reason (form)",
            post(documents::cancel::cancel_page),
        ),
        r(
            M::POST,
            "/api/v1/cases/{id}/document-cancellations",
            Rule::EditCase,
            "cancel an issued document's number, with a reason",
            post(documents::cancel::cancel_api),
        ),
        r(
            M::GET,
            "/documents/bulk",
            OnUnit(ListCases),
            "the same document for many cases (form)",
            get(documents::bulk::form),
        ),
        r(
            M::POST,
            "/documents/bulk",
            OnUnit(ListCases),
            "the same document for many cases: merged PDF or ZIP of DOCX",
            post(documents::bulk::make),
        ),
        r(
            M::POST,
            "/documents/bulk/jobs",
            OnUnit(ListCases),
            "start documents in bulk (typed numbers or the worklist's selection)",
            post(documents::jobs::start),
        ),
        r(M::GET, "/documents/bulk/jobs/{job}", DocumentJob, "documents in bulk: progress", get(documents::jobs::show)),
        r(
            M::GET,
            "/documents/bulk/jobs/{job}/progress",
            DocumentJob,
            "documents in bulk: progress (JSON)",
            get(documents::jobs::progress),
        ),
        r(
            M::GET,
            "/documents/bulk/jobs/{job}/file",
            DocumentJob,
            "documents in bulk: the file",
            get(documents::jobs::file),
        ),
        r(
            M::GET,
            "/documents/templates",
            Installation,
            "template versions and their editor",
            get(documents::templates::show),
        ),
        r(
            M::POST,
            "/documents/templates",
            Installation,
            "check and save a template version",
            post(documents::templates::save),
        ),
        r(
            M::GET,
            "/api/v1/document-templates",
            SignedIn,
            "template versions in force",
            get(documents::api::list_templates),
        ),
        r(
            M::POST,
            "/api/v1/document-templates",
            Installation,
            "check and save a template version",
            post(documents::api::save_template),
        ),
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
        // Reorganisations of units (issue 23): `?unit=` the parent unit.
        r(
            M::GET,
            "/units/reorg",
            OnUnit(ManageUsers),
            "reorganisations, merge, split, rename and move forms",
            get(crate::reorg::pages::show),
        ),
        r(M::POST, "/units/reorg/merge", OnUnit(ManageUsers), "merge units (form)", post(crate::reorg::pages::merge)),
        r(
            M::POST,
            "/units/reorg/rename",
            OnUnit(ManageUsers),
            "rename a unit (form)",
            post(crate::reorg::pages::rename),
        ),
        r(
            M::POST,
            "/units/reorg/split",
            OnUnit(ManageUsers),
            "split a unit (form with a CSV case list)",
            post(crate::reorg::split::split),
        ),
        r(
            M::POST,
            "/units/reorg/move",
            OnUnit(ManageUsers),
            "move a unit under another parent (form)",
            post(crate::reorg::pages::move_unit),
        ),
        r(
            M::GET,
            "/api/v1/units/operations",
            OnUnit(ManageUsers),
            "reorganisations recorded",
            get(crate::reorg::api::list),
        ),
        r(M::POST, "/api/v1/units/merge", OnUnit(ManageUsers), "merge units", post(crate::reorg::api::merge)),
        r(M::POST, "/api/v1/units/split", OnUnit(ManageUsers), "split a unit", post(crate::reorg::api::split)),
        r(M::POST, "/api/v1/units/rename", OnUnit(ManageUsers), "rename a unit", post(crate::reorg::api::rename)),
        r(
            M::POST,
            "/api/v1/units/move",
            OnUnit(ManageUsers),
            "move a unit under another parent",
            post(crate::reorg::api::move_unit),
        ),
        r(
            M::POST,
            "/api/v1/snapshots",
            OnUnit(SaveSnapshot),
            "save a report as a snapshot",
            post(snapshots::api::create),
        ),
        r(M::GET, "/api/v1/snapshots/{id}", Snapshot, "a snapshot as frozen", get(snapshots::api::show)),
        r(M::GET, "/api/v1/snapshots/{id}/diff", Snapshot, "a snapshot's diff", get(snapshots::api::changes)),
        // The staff registry and the officers' workload (issue 23): read with the reports,
        // kept by whoever manages the unit's accounts; a person by the unit they are in.
        r(
            M::GET,
            "/staff",
            OnUnit(ViewReports),
            "people of a unit's scope, the registry's forms",
            get(personnel::pages::list),
        ),
        r(M::POST, "/staff", OnUnit(ManageUsers), "add a person to the registry", post(personnel::pages::add)),
        r(M::POST, "/staff/posts", OnUnit(ManageUsers), "set a unit's posts (biên chế)", post(personnel::pages::posts)),
        r(
            M::POST,
            "/staff/import",
            OnUnit(ManageUsers),
            "import people from CSV, all or nothing",
            post(personnel::pages::import),
        ),
        r(
            M::GET,
            "/staff/report",
            OnUnit(ViewReports),
            "staffing by unit and rank, vacancies, terms ending",
            get(personnel::pages::report),
        ),
        r(M::GET, "/staff/report/export", OnUnit(ViewReports), "staffing as XLSX", get(personnel::pages::export)),
        r(
            M::GET,
            "/staff/{id}",
            Staff,
            "a person of the registry and the forms that change them",
            get(personnel::pages::show),
        ),
        r(M::POST, "/staff/{id}", Staff, "edit a person of the registry", post(personnel::pages::edit)),
        r(M::POST, "/staff/{id}/end", Staff, "a person stops working in the unit", post(personnel::pages::end)),
        r(
            M::GET,
            "/workload",
            OnUnit(ViewReports),
            "workload per officer, each number a link",
            get(personnel::workload::show),
        ),
        r(M::GET, "/api/v1/staff", OnUnit(ViewReports), "people of a unit's scope", get(personnel::api::list)),
        r(M::POST, "/api/v1/staff", OnUnit(ManageUsers), "add a person to the registry", post(personnel::api::create)),
        r(M::POST, "/api/v1/staff/import", OnUnit(ManageUsers), "import people from CSV", post(personnel::api::import)),
        r(
            M::GET,
            "/api/v1/reports/staffing",
            OnUnit(ViewReports),
            "posts, filled, by rank",
            get(personnel::api::staffing),
        ),
        r(M::GET, "/api/v1/workload", OnUnit(ViewReports), "workload per officer", get(personnel::api::workload)),
        // The citizens' portal's staff parts (its public site is `portal::public_table`, on a
        // listener of its own).
        r(
            M::POST,
            "/cases/{id}/lookup-code",
            Rule::EditCase,
            "rotate the case's lookup code (a party's request)",
            post(cases::lookup::rotate),
        ),
        r(
            M::GET,
            "/portal/debtors-history",
            OnUnit(ListCases),
            "history of the public list of debtors without means",
            get(portal::staff::history),
        ),
        // Online enforcement requests (issue 21 item 3): the section's intake queue.
        r(
            M::GET,
            "/request-queue",
            OnUnit(TakeIn),
            "online requests of a unit (intake queue)",
            get(crate::requests::pages::queue),
        ),
        r(
            M::GET,
            "/request-queue/{id}",
            Rule::Request,
            "an online request and its steps",
            get(crate::requests::pages::show),
        ),
        r(
            M::GET,
            "/request-queue/{id}/files/{file}",
            Rule::Request,
            "an attachment of a request (download)",
            get(crate::requests::pages::file),
        ),
        r(
            M::POST,
            "/request-queue/{id}/supplement",
            Rule::Request,
            "ask the requester to supplement (form)",
            post(crate::requests::pages::supplement),
        ),
        r(
            M::POST,
            "/request-queue/{id}/register",
            Rule::Request,
            "register a request: its case is taken in (form)",
            post(crate::requests::pages::register_request),
        ),
        r(
            M::POST,
            "/request-queue/{id}/refuse",
            Rule::Request,
            "refuse a request (form)",
            post(crate::requests::pages::refuse),
        ),
        r(M::GET, "/api/v1/requests", OnUnit(TakeIn), "online requests of a unit", get(crate::requests::api::list)),
        r(M::GET, "/api/v1/requests/{id}", Rule::Request, "an online request", get(crate::requests::api::show)),
        r(
            M::GET,
            "/api/v1/requests/{id}/files/{file}",
            Rule::Request,
            "an attachment of a request",
            get(crate::requests::api::file),
        ),
        r(
            M::POST,
            "/api/v1/requests/{id}/supplement",
            Rule::Request,
            "ask the requester to supplement",
            post(crate::requests::api::supplement),
        ),
        r(
            M::POST,
            "/api/v1/requests/{id}/register",
            Rule::Request,
            "register a request: its case is taken in",
            post(crate::requests::api::register),
        ),
        r(
            M::POST,
            "/api/v1/requests/{id}/refuse",
            Rule::Request,
            "refuse a request",
            post(crate::requests::api::refuse),
        ),
    ]
}
