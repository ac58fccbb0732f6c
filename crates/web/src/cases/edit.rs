//! Changing a case's facts after its intake: the edit form (every fact but the unit and the
//! officer, on the version read, with a required reason), the reassignment of its officer
//! (head, admin), and `PATCH /api/v1/cases/{id}`. Who may: `EditCase` on the case (an officer
//! on their own cases), `Reassign` on its unit to change the officer.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use thads_app::Actor;
use thads_app::cases::edit::{Edited, FactsEdit, edit_facts, reassign};
use thads_core::access::Action;
use thads_core::{CaseDetails, StaffId};

use utoipa::ToSchema;

use super::facts::{FactsBody, FactsText, Parsed};
use super::intake::{FormChoices, field_of, taken};
use crate::accounts::{CaseAccess, CaseChange};
use crate::api::{self, ApiError, JsonBody};
use crate::chrome::Chrome;
use crate::chrome::Flash;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::refusal::Refusal;
use crate::state::AppState;

/// May the reader edit this case's facts?
pub fn may_edit(state: &AppState, access: &CaseAccess) -> Result<(), WebError> {
    let f = &access.case.facts;
    access.user.may(state, Action::EditCase { unit: f.unit, assigned: f.officer })
}

/// May the reader assign this case to someone else?
pub fn may_reassign(state: &AppState, access: &CaseAccess) -> Result<(), WebError> {
    access.user.may(state, Action::Reassign { unit: access.case.facts.unit })
}

#[derive(Template, WebTemplate)]
#[template(path = "cases/edit.html")]
struct EditPage {
    c: Chrome,
    id: i64,
    version: i64,
    case_no: String,
    form: FactsText,
    reason: String,
    choices: FormChoices,
    error: Option<String>,
    error_field: String,
}

/// The posted edit form: the version read, why, and every fact.
#[derive(Debug, Clone, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    reason: String,
    #[serde(flatten)]
    facts: FactsText,
}

fn page(state: &AppState, access: &CaseAccess, lang: Lang, form: EditForm, error: Option<&WebError>) -> Response {
    let case = &access.case;
    let body = EditPage {
        c: access.user.chrome(state, lang),
        id: case.id.0,
        version: form.version.trim().parse().unwrap_or(case.version),
        case_no: case.facts.case_no.to_string(),
        form: form.facts,
        reason: form.reason,
        choices: FormChoices::of(state, case.facts.unit),
        error: error.map(|e| e.message(lang)),
        error_field: error.and_then(field_of).unwrap_or_default().to_string(),
    };
    match error {
        Some(e) => (e.status(), body).into_response(),
        None => body.into_response(),
    }
}

fn stored_details(state: &AppState, access: &CaseAccess) -> Result<CaseDetails, WebError> {
    Ok(state.store.case_details(access.case.id)?.unwrap_or_default())
}

/// `GET /cases/{id}/edit`.
pub async fn form(State(state): State<AppState>, lang: Lang, access: CaseAccess) -> Result<Response, WebError> {
    may_edit(&state, &access)?;
    let a = access.clone();
    let details = state.blocking(move |s| stored_details(s, &a)).await?;
    let facts = FactsText::of(&access.case.facts, &details, &state.directory());
    let form = EditForm { version: access.case.version.to_string(), reason: String::new(), facts };
    Ok(page(&state, &access, lang, form, None))
}

/// `POST /cases/{id}/edit`: the case page, or the form again with the refusal.
pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    CaseChange { access, form }: CaseChange<EditForm>,
) -> Result<Response, WebError> {
    may_edit(&state, &access)?;
    let (a, f) = (access.clone(), form.clone());
    let result = state.blocking(move |s| edit(s, &a, &f.version, &f.reason, f.facts.clone(), false)).await;
    match result {
        Ok(_) => Ok(see_other_saying(&format!("/cases/{}", access.case.id.0), Flash::Saved)),
        Err(e @ (WebError::Refused(_) | WebError::NumberTaken(_) | WebError::Stale | WebError::Forbidden(_))) => {
            Ok(page(&state, &access, lang, form, Some(&e)))
        }
        Err(e) => Err(e),
    }
}

/// Edits the case of `access` with `facts` (the officer too when `officer_may_change`, else
/// the case's own is kept) on `version`, saying why.
fn edit(
    state: &AppState,
    access: &CaseAccess,
    version: &str,
    reason: &str,
    mut facts: FactsText,
    officer_may_change: bool,
) -> Result<Edited, WebError> {
    let version = version_of(version)?;
    let case = &access.case;
    let directory = state.directory();
    let current = case.facts.officer.and_then(|o| directory.staff.get(&o)).map(|s| s.login.to_string());
    if !officer_may_change {
        facts.officer = current.clone().unwrap_or_default();
    }
    let Parsed { number, facts: mut new, details } =
        facts.parse_for(case.facts.unit, &directory, case.facts.officer)?;
    new.case_no = number.clone().unwrap_or_else(|| case.facts.case_no.clone());
    if new.officer != case.facts.officer {
        may_reassign(state, access)?;
    }
    let edit = FactsEdit { facts: new, details, reason: reason.to_string() };
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    let mut edited = None;
    state.engine.write(state.store.as_ref(), &state.rules, || {
        let e = edit_facts(state.store.as_ref(), &actor, &state.rules, case.id, version, edit)
            .map_err(|e| taken(e, number.as_ref()))?;
        let changed = e.changed.clone();
        edited = Some(e);
        Ok(changed)
    })?;
    edited.ok_or(WebError::Internal)
}

fn version_of(text: &str) -> Result<i64, WebError> {
    text.trim()
        .parse()
        .map_err(|_| WebError::Refused(Refusal::of_field("version", "cần số phiên bản / a version is required")))
}

/// The posted reassignment form.
#[derive(Debug, Clone, Deserialize)]
pub struct ReassignForm {
    version: i64,
    #[serde(default)]
    officer: String,
    #[serde(default)]
    reason: String,
}

/// `POST /cases/{id}/reassign`: back to the case, or the case's edit page with the refusal.
pub async fn reassign_officer(
    State(state): State<AppState>,
    lang: Lang,
    CaseChange { access, form }: CaseChange<ReassignForm>,
) -> Result<Response, WebError> {
    may_reassign(&state, &access)?;
    let (a, f) = (access.clone(), form.clone());
    let result = state.blocking(move |s| assign(s, &a, &f)).await;
    match result {
        Ok(()) => Ok(see_other_saying(&format!("/cases/{}", access.case.id.0), Flash::Saved)),
        Err(e @ (WebError::Refused(_) | WebError::Stale)) => {
            let a = access.clone();
            let details = state.blocking(move |s| stored_details(s, &a)).await?;
            let facts = FactsText::of(&access.case.facts, &details, &state.directory());
            let form = EditForm { version: form.version.to_string(), reason: form.reason, facts };
            Ok(page(&state, &access, lang, form, Some(&e)))
        }
        Err(e) => Err(e),
    }
}

fn assign(state: &AppState, access: &CaseAccess, form: &ReassignForm) -> Result<(), WebError> {
    let officer = officer_of(state, access, &form.officer)?;
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    let case = access.case.id;
    state.engine.write(state.store.as_ref(), &state.rules, || {
        let e = reassign(state.store.as_ref(), &actor, &state.rules, case, form.version, officer, &form.reason)?;
        Ok(e.changed)
    })?;
    Ok(())
}

/// The officer chosen by login (checked as in the forms), `None` for nobody.
fn officer_of(state: &AppState, access: &CaseAccess, login: &str) -> Result<Option<StaffId>, WebError> {
    let directory = state.directory();
    let mut text = FactsText::of(&access.case.facts, &CaseDetails::default(), &directory);
    text.officer = login.to_string();
    Ok(text.parse_for(access.case.facts.unit, &directory, None)?.facts.officer)
}

/// The body of `PATCH /api/v1/cases/{id}`: the version read, why, and the facts that change.
#[derive(Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct PatchBody {
    /// the case version read
    version: i64,
    /// why the facts change (kept in the audit trail)
    reason: String,
    #[serde(flatten)]
    facts: FactsBody,
}

/// The case's new version.
#[derive(serde::Serialize, ToSchema)]
pub struct NewVersion {
    version: i64,
}

/// Edit a case's facts: the fields given change, the others keep their values; changing
/// `officer` needs the role head or admin
#[utoipa::path(
    patch,
    path = "/api/v1/cases/{id}",
    operation_id = "edit_facts",
    params(("id" = i64, Path, description = "the case's id")),
    request_body = PatchBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = NewVersion),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
        (status = 409, description = "`stale_version`: the case changed since it was read; `case_no_taken`: the new number is taken", body = ApiError),
        (status = 422, description = "No reason, nothing changed, or a bad field: `field` names it; a change the history does not allow has its refusal code", body = ApiError),
    )
)]
pub async fn api_patch(
    State(state): State<AppState>,
    access: CaseAccess,
    JsonBody(body): JsonBody<Value>,
) -> Result<Json<NewVersion>, WebError> {
    may_edit(&state, &access)?;
    let version = match body.get("version") {
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(WebError::Refused(Refusal::of_field("version", "cần số phiên bản / a version is required"))),
    };
    let reason = match body.get("reason") {
        Some(Value::String(r)) if !r.trim().is_empty() => r.clone(),
        _ => return Err(WebError::Refused(Refusal::of_field("reason", "cần ghi lý do / a reason is required"))),
    };
    let a = access.clone();
    let edited = state
        .blocking(move |s| {
            let mut facts = FactsText::of(&a.case.facts, &stored_details(s, &a)?, &s.directory());
            facts.overlay(&body)?;
            edit(s, &a, &version, &reason, facts, true)
        })
        .await?;
    Ok(Json(NewVersion { version: edited.changed.case.version }))
}
