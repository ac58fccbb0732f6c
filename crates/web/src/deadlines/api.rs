//! `GET /api/v1/deadlines?unit=&officer=&overdue=true&due_before=YYYY-MM-DD` (interchange §4):
//! the worklist of the caller's scope as `{"items": [{"case_id", "case_no", "unit", "officer",
//! "kind", "due", "overdue", "citation"}]}`, in the order asked (`sort`, `dir`; due date first
//! by default). Also takes `mine=true`, `due_from=` and `kind=`. Annotated for the OpenAPI
//! document and listed in `ApiDoc`.

use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use thads_app::complaints::overdue_letters;
use thads_app::deadlines::{WorklistSort, worklist};
use thads_core::access::Action;
use utoipa::{OpenApi, ToSchema};

use super::ViewDeadlines;
use super::params::WorkParams;
use crate::accounts::Allowed;
use crate::api;
use crate::error::WebError;
use crate::state::AppState;

/// The deadlines room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list))]
pub struct ApiDoc;

/// One deadline of one open case, listed once.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Deadline)]
pub struct DeadlineJson {
    /// the case; null for a step of an administrative judgment (see `admin_judgment_id`)
    #[schema(required = true)]
    case_id: Option<i64>,
    /// kind `admin_judgment` only: the judgment whose monitoring step is due
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_judgment_id: Option<i64>,
    /// kinds `complaint_acceptance`, `complaint_resolution`, `complaint_referral` only: the
    /// letter of the complaints register past that time limit
    #[serde(skip_serializing_if = "Option::is_none")]
    complaint_id: Option<i64>,
    /// the case's decision number, the administrative judgment's number, or a letter's
    /// complainant
    case_no: String,
    /// unit code
    unit: String,
    /// the assigned officer's login (null without one)
    #[schema(required = true)]
    officer: Option<String>,
    /// kind code, e.g. payout; `admin_judgment` (a monitoring step due from the agency),
    /// `exemption` (a procuracy's protest window open on a court decision, or its effect to
    /// record), `complaint_acceptance|resolution|referral` (a letter past that time limit), or
    /// `savings_notice|savings_deposit` (a case's money unclaimed past its payout limit: notify
    /// the payee, then deposit it once the payee's period to come has run out)
    kind: &'static str,
    /// the last day to act
    #[schema(format = Date)]
    due: String,
    /// due before today
    overdue: bool,
    /// the legal basis of the time limit
    citation: String,
}

/// The worklist: exactly the contract's fields.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Deadlines)]
pub struct DeadlinesJson {
    items: Vec<DeadlineJson>,
}

/// Worklist: the deadlines of a unit's scope or of one officer, today
#[utoipa::path(
    get,
    path = "/api/v1/deadlines",
    params(WorkParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The deadlines, each listed once", body = DeadlinesJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    access: Allowed<ViewDeadlines>,
    Query(p): Query<WorkParams>,
) -> Result<Json<DeadlinesJson>, WebError> {
    let asked = p.asked(&access.user, &access.unit, &state.directory())?;
    let today = state.today();
    // Letters of the complaints register past a time limit, as the page lists them: for
    // readers of the register, when no officer or kind of case deadline is asked.
    let letters = asked.filter.officer.is_none()
        && asked.filter.kind.is_none()
        && access.user.may(&state, Action::ViewComplaints { unit: access.unit.id }).is_ok();
    let (unit, sort, descending) = (access.unit.id, asked.sort, asked.descending);
    let (due_from, due_before) = (asked.filter.due_from, asked.filter.due_before);
    let (found, letters) = state
        .blocking(move |s| {
            let found = worklist(s.store.as_ref(), &asked.filter, asked.sort, asked.descending, today)?;
            let letters = if letters {
                let directory = s.directory();
                let scope = directory.units.scope(unit);
                overdue_letters(s.store.as_ref(), &directory.units, &scope, today)?
            } else {
                Vec::new()
            };
            Ok((found, letters))
        })
        .await?;
    let letters = letters
        .into_iter()
        .filter(|l| due_from.is_none_or(|d| l.due >= d) && due_before.is_none_or(|d| l.due < d))
        .map(|l| DeadlineJson {
            case_id: None,
            admin_judgment_id: None,
            complaint_id: Some(l.id),
            case_no: l.complainant,
            unit: l.unit,
            officer: None,
            kind: match l.step {
                "acceptance" => "complaint_acceptance",
                "resolution" => "complaint_resolution",
                _ => "complaint_referral",
            },
            due: thads_core::dates::format_iso(l.due),
            overdue: l.overdue,
            citation: l.citation,
        });
    // As the page: the cases' deadlines, the agency's monitoring steps of administrative
    // judgments (kind `admin_judgment`: no case, the judgment's id and number instead) and the
    // exemption register's open protest windows and effects to record (kind `exemption`).
    let items = found
        .items
        .into_iter()
        .map(|i| {
            let judgment = i.kind == thads_app::deadlines::ADMIN_JUDGMENT;
            (i, judgment)
        })
        .map(|(i, judgment)| DeadlineJson {
            case_id: (!judgment).then_some(i.case_id),
            admin_judgment_id: judgment.then_some(i.case_id),
            complaint_id: None,
            case_no: i.case_no,
            unit: i.unit,
            officer: i.officer,
            kind: i.kind,
            due: thads_core::dates::format_iso(i.due),
            overdue: i.overdue,
            citation: i.rule,
        })
        .chain(letters)
        .collect::<Vec<_>>();
    // By due date (the default order), the letters take their place among the cases'
    // deadlines; under another order they follow them.
    let mut items = items;
    if sort == WorklistSort::Due {
        items.sort_by(|a, b| if descending { b.due.cmp(&a.due) } else { a.due.cmp(&b.due) });
    }
    Ok(Json(DeadlinesJson { items }))
}
