//! The targets page: the targets of the units of a scope by year, and the form that sets one
//! (a unit the user may set targets of, a reporting year, both rates as `82,80`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::targets::{set_target, targets_of};
use thads_core::access::{Action, Denied};
use thads_core::{Percent, ReportingYear, Unit};
use thads_store::Target;

use super::SetTargets;
use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

pub struct TargetRow {
    pub unit: String,
    pub year: i32,
    pub cases: String,
    pub money: String,
}

pub struct UnitChoice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "targets/targets.html")]
struct TargetsPage {
    c: Chrome,
    unit: String,
    rows: Vec<TargetRow>,
    units: Vec<UnitChoice>,
    form: TargetForm,
    done: bool,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct DoneParam {
    #[serde(default)]
    done: String,
}

#[derive(Deserialize, Default, Clone)]
pub struct TargetForm {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub cases: String,
    #[serde(default)]
    pub money: String,
}

async fn page(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    form: TargetForm,
    done: bool,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let directory = state.directory();
    let mut scope: Vec<_> = directory.units.scope(unit.id).into_iter().collect();
    scope.sort();
    let found = state.blocking(move |s| Ok(targets_of(s.store.as_ref(), &scope)?)).await?;
    let code = |t: &Target| directory.units.get(t.unit).map(|u| u.code.to_string()).unwrap_or_default();
    let mut rows: Vec<(String, TargetRow)> = found
        .iter()
        .map(|t| {
            let row = TargetRow {
                unit: directory.unit_label(t.unit),
                year: t.year.number(),
                cases: fmt::rate(Some(t.cases)),
                money: fmt::rate(Some(t.money)),
            };
            (code(t), row)
        })
        .collect();
    rows.sort_by(|a, b| (b.1.year, &a.0).cmp(&(a.1.year, &b.0)));
    let chosen = directory.units.by_code(&form.unit).map_or(unit.id, |u| u.id);
    let mut units: Vec<&Unit> =
        directory.units.all().iter().filter(|u| user.may(state, Action::SetTargets { unit: u.id }).is_ok()).collect();
    units.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
    let units = units
        .into_iter()
        .map(|u| UnitChoice {
            code: u.code.to_string(),
            label: format!("{} — {}", u.code, u.name),
            selected: u.id == chosen,
        })
        .collect();
    let form = TargetForm {
        year: if form.year.is_empty() {
            ReportingYear::containing(state.today()).number().to_string()
        } else {
            form.year
        },
        ..form
    };
    let body = TargetsPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        units,
        form,
        done,
        error: error.map(|e| e.message(lang)),
    };
    let status = error.map_or(StatusCode::OK, WebError::status);
    Ok((status, body).into_response())
}

/// `GET /targets?unit=`: the targets of a unit's scope and the form.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<SetTargets>,
    Query(p): Query<DoneParam>,
) -> Result<Response, WebError> {
    page(&state, lang, &access.user, &access.unit, TargetForm::default(), p.done == "1", None).await
}

/// The target a form asks for, once the user may set targets of its unit (the `?unit=` one
/// when the form names none).
fn target_of(state: &AppState, user: &User, default: &Unit, f: &TargetForm) -> Result<Target, WebError> {
    let directory = state.directory();
    let code = f.unit.trim().to_ascii_uppercase();
    let unit = if code.is_empty() {
        default.clone()
    } else {
        directory
            .units
            .by_code(&code)
            .cloned()
            .ok_or_else(|| WebError::refused(format!("không có đơn vị / no unit {code}")))?
    };
    match user.may(state, Action::SetTargets { unit: unit.id }) {
        Err(WebError::Forbidden(Denied::OutsideUnit)) => {
            return Err(WebError::refused("đơn vị ngoài phạm vi của bạn / a unit outside your scope"));
        }
        other => other?,
    }
    let year: i32 = f.year.trim().parse().map_err(|_| WebError::refused("năm không hợp lệ / invalid year"))?;
    let year = ReportingYear::new(year).map_err(|e| WebError::refused(e.to_string()))?;
    let rate = |text: &str, what: &str| Percent::parse(text).map_err(|e| WebError::refused(format!("{what}: {e}")));
    Ok(Target {
        unit: unit.id,
        year,
        cases: rate(&f.cases, "chỉ tiêu về việc / target for cases")?,
        money: rate(&f.money, "chỉ tiêu về tiền / target for money")?,
    })
}

/// `POST /targets?unit=`: sets a unit's target for a reporting year (replacing any).
pub async fn set(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<SetTargets>,
    CsrfForm { user, form }: CsrfForm<TargetForm>,
) -> Result<Response, WebError> {
    let (u, f, default) = (user.clone(), form.clone(), access.unit.clone());
    let result = state
        .blocking(move |s| {
            let target = target_of(s, &u, &default, &f)?;
            let actor = Actor { login: u.staff.login.to_string(), at: s.now() };
            set_target(s.store.as_ref(), &actor, &target, &s.directory().units)?;
            s.follow_reference()?;
            Ok(())
        })
        .await;
    match result {
        Ok(()) => Ok(see_other(&format!("/targets?unit={}&done=1", access.unit.code))),
        Err(e @ WebError::Refused(_)) => page(&state, lang, &user, &access.unit, form, false, Some(&e)).await,
        Err(e) => Err(e),
    }
}
