//! Taking in a case (thụ lý việc mới): the form, with the next number of the unit's book
//! prefilled and editable, its post, and `POST /api/v1/cases`. Who may: `TakeIn` on the unit
//! (admin, head, clerk of it or a unit above). Checked, stored, audited and followed by the
//! statistics through `thads_app::cases::intake`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use thads_app::cases::intake::{Intake, next_case_no, take_in};
use thads_app::{Actor, AppError, Changed};
use thads_core::access::Action;
use thads_core::dates::format_vn;
use thads_core::{Unit, UnitId};
use thads_store::StoreError;

use serde::Serialize;
use utoipa::ToSchema;

use super::facts::{FactsBody, FactsText, Parsed};
use crate::accounts::{Allowed, CsrfForm, Need, User};
use crate::api::{self, ApiError, JsonBody};
use crate::chrome::Chrome;
use crate::chrome::Flash;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::state::AppState;

/// Taking in cases in a unit (`TakeIn` on it).
#[derive(Debug)]
pub struct TakeIn;
impl Need for TakeIn {
    fn action(unit: UnitId) -> Action {
        Action::TakeIn { unit }
    }
}

/// `(code, label)` choices of a select.
pub type Choices = Vec<(String, String)>;

/// What the intake and edit forms offer: origins, judgment types, the officers of the unit.
pub struct FormChoices {
    pub origins: Choices,
    pub judgments: Choices,
    pub officers: Choices,
}

impl FormChoices {
    pub fn of(state: &AppState, unit: UnitId) -> FormChoices {
        let directory = state.directory();
        FormChoices {
            origins: thads_core::Origin::ALL.iter().map(|o| (o.code().into(), o.label_vi().into())).collect(),
            judgments: thads_core::JudgmentType::ALL.iter().map(|j| (j.code().into(), j.label_vi().into())).collect(),
            officers: directory
                .assignable(unit)
                .into_iter()
                .map(|s| (s.login.to_string(), format!("{} ({})", s.full_name, s.login)))
                .collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "cases/intake.html")]
struct IntakePage {
    c: Chrome,
    unit: String,
    unit_label: String,
    form: FactsText,
    choices: FormChoices,
    error: Option<String>,
    /// The field the error is about, to mark its input.
    error_field: String,
}

fn page(state: &AppState, user: &User, lang: Lang, unit: &Unit, form: FactsText, error: Option<&WebError>) -> Response {
    let body = IntakePage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        unit_label: format!("{} — {}", unit.code, unit.name),
        form,
        choices: FormChoices::of(state, unit.id),
        error: error.map(|e| e.message(lang)),
        error_field: error.and_then(field_of).unwrap_or_default().to_string(),
    };
    match error {
        Some(e) => (e.status(), body).into_response(),
        None => body.into_response(),
    }
}

/// The field a refusal names, if any.
pub fn field_of(e: &WebError) -> Option<&'static str> {
    match e {
        WebError::Refused(r) => r.field(),
        WebError::NumberTaken(_) => Some("case_no"),
        _ => None,
    }
}

/// `GET /cases/new?unit=CODE`: the form, the number proposed and today's date filled in.
pub async fn form(State(state): State<AppState>, lang: Lang, access: Allowed<TakeIn>) -> Result<Response, WebError> {
    let today = state.today();
    let (unit, kind) = (access.unit.id, access.unit.kind);
    let proposed = state.blocking(move |s| Ok(next_case_no(s.store.as_ref(), unit, kind, today)?)).await?;
    let form = FactsText {
        case_no: proposed.to_string(),
        accepted_on: format_vn(today),
        origin: "theo_yeu_cau".into(),
        judgment_type: "dan_su".into(),
        ..FactsText::default()
    };
    Ok(page(&state, &access.user, lang, &access.unit, form, None))
}

/// `POST /cases/new?unit=CODE`: the new case's page, or the form again with the refusal.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<TakeIn>,
    CsrfForm { form, .. }: CsrfForm<FactsText>,
) -> Result<Response, WebError> {
    let (user, unit) = (access.user.clone(), access.unit.clone());
    let f = form.clone();
    let result = state.blocking(move |s| commit(s, &user, &unit, &f)).await;
    match result {
        Ok(changed) => Ok(see_other_saying(&format!("/cases/{}", changed.case.id.0), Flash::Saved)),
        Err(e @ (WebError::Refused(_) | WebError::NumberTaken(_) | WebError::Forbidden(_))) => {
            Ok(page(&state, &access.user, lang, &access.unit, form, Some(&e)))
        }
        Err(e) => Err(e),
    }
}

/// Parses and takes in the case typed for `unit`.
fn commit(state: &AppState, user: &User, unit: &Unit, form: &FactsText) -> Result<Changed, WebError> {
    user.may(state, Action::TakeIn { unit: unit.id })?;
    let Parsed { number, facts, details } = form.parse(unit.id, &state.directory())?;
    let typed = number.clone();
    let intake = Intake { facts, details, number, unit_kind: unit.kind };
    let actor = Actor { login: user.staff.login.to_string(), at: state.now() };
    state.engine.write(state.store.as_ref(), &state.rules, || {
        take_in(state.store.as_ref(), &actor, &state.rules, intake).map_err(|e| taken(e, typed.as_ref()))
    })
}

/// A taken number is a conflict (409) naming the number; the rest as usual.
pub fn taken(e: AppError, number: Option<&thads_core::CaseNo>) -> WebError {
    match e {
        AppError::Store(StoreError::Duplicate(m)) => {
            WebError::NumberTaken(number.map(ToString::to_string).unwrap_or(m))
        }
        other => other.into(),
    }
}

/// The body of `POST /api/v1/cases`: the unit and the case's facts.
#[derive(serde::Deserialize, ToSchema)]
#[expect(dead_code, reason = "the shape of the body, for the OpenAPI document only")]
pub struct IntakeBody {
    /// the unit's code; the caller may take cases in there (roles admin, head, clerk)
    unit: String,
    #[serde(flatten)]
    facts: FactsBody,
}

/// A case taken in.
#[derive(Serialize, ToSchema)]
pub struct TakenIn {
    id: i64,
    case_no: String,
    version: i64,
}

/// Take in a case (thụ lý)
#[utoipa::path(
    post,
    path = "/api/v1/cases",
    operation_id = "take_in",
    request_body = IntakeBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Taken in", body = TakenIn),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 409, description = "`case_no_taken`: the number is in the unit's book already", body = ApiError),
        (status = 422, description = "A bad field, named by `field`", body = ApiError),
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    user: User,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<TakenIn>), WebError> {
    let unit = unit_of(&state, &body)?;
    user.may(&state, Action::TakeIn { unit: unit.id })?;
    let mut form = FactsText::default();
    form.overlay(&body)?;
    let changed = state.blocking(move |s| commit(s, &user, &unit, &form)).await?;
    let c = &changed.case;
    Ok((StatusCode::CREATED, Json(TakenIn { id: c.id.0, case_no: c.facts.case_no.to_string(), version: c.version })))
}

/// The unit named by code in a JSON body; an unknown one is refused naming `unit`.
fn unit_of(state: &AppState, body: &Value) -> Result<Unit, WebError> {
    let code = body.get("unit").and_then(Value::as_str).unwrap_or_default().trim().to_ascii_uppercase();
    let unknown = || {
        WebError::Refused(crate::refusal::Refusal::of_field(
            "unit",
            format!("mã đơn vị không có «{code}» / unknown unit code «{code}»"),
        ))
    };
    state.directory().units.by_code(&code).cloned().ok_or_else(unknown)
}
