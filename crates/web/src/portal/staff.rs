//! What the staff application adds for the portal: on the case page, the case's lookup code
//! with the button that rotates it (a party's request, audited) and the log of the view itself;
//! the API's view of a case logged the same way; and the list's history for the agency
//! (`GET /portal/debtors-history`): every spell of a case on the public list of debtors
//! without means, computed from the histories, never shown to the public.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_core::CaseId;

use crate::accounts::{Allowed, CaseAccess, CaseChange, User};
use crate::cases::listing::ListCases;
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::state::AppState;

/// The portal's part of the case page.
pub struct CaseSection {
    pub id: i64,
    /// `ABCDE-FGHJK`.
    pub code: String,
    pub may_rotate: bool,
}

/// Logs that `user` opened `cases` through `via`: one cheap insert. A failure is logged and
/// never stops the page (the reader must not lose the page because the log is full).
pub fn log_view(state: &AppState, user: &User, cases: &[CaseId], via: &str) {
    let who = (user.staff.id, user.staff.unit, user.staff.role);
    if let Err(e) = thads_app::portal::log_views(state.store.as_ref(), cases, who, via, state.now()) {
        let _ = WebError::internal(e);
    }
}

/// The code of the case and whether the reader may rotate it; logs the view of the page.
pub fn case_section(state: &AppState, access: &CaseAccess) -> Result<CaseSection, WebError> {
    log_view(state, &access.user, &[access.case.id], "page");
    let code = thads_app::portal::lookup_code(state.store.as_ref(), access.case.id).map_err(WebError::internal)?;
    Ok(CaseSection {
        id: access.case.id.0,
        code: code.shown(),
        may_rotate: crate::cases::edit::may_edit(state, access).is_ok(),
    })
}

/// The case's current code, for `GET /api/v1/cases/{id}`; logs the view.
pub fn api_code(state: &AppState, access: &CaseAccess) -> Result<String, WebError> {
    log_view(state, &access.user, &[access.case.id], "api");
    Ok(thads_app::portal::lookup_code(state.store.as_ref(), access.case.id).map_err(WebError::internal)?.shown())
}

#[derive(Deserialize, Clone)]
pub struct RotateForm {}

/// `POST /cases/{id}/lookup-code`: a new code for the case (the old one stops working).
pub async fn rotate(
    State(state): State<AppState>,
    CaseChange { access, .. }: CaseChange<RotateForm>,
) -> Result<Response, WebError> {
    crate::cases::edit::may_edit(&state, &access)?;
    let nonce = crate::accounts::random_token()?;
    let actor = Actor { login: access.user.staff.login.to_string(), at: state.now() };
    let case = access.case.id;
    state
        .blocking(move |s| {
            thads_app::portal::rotate(s.store.as_ref(), &actor, case, &nonce).map_err(WebError::internal)
        })
        .await?;
    Ok(see_other_saying(&format!("/cases/{}", case.0), Flash::Saved))
}

pub struct SpellLine {
    pub unit: String,
    pub case_no: String,
    pub case_id: i64,
    pub debtor: String,
    pub decided_on: String,
    pub listed_on: String,
    pub ended_on: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/history.html")]
struct HistoryPage {
    c: Chrome,
    unit: String,
    lines: Vec<SpellLine>,
}

/// Spells shown at most.
const HISTORY_SHOWN: usize = 500;

/// `GET /portal/debtors-history?unit=`: the list's history of a unit's scope.
pub async fn history(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ListCases>,
) -> Result<Response, WebError> {
    let directory = state.directory();
    let units: Vec<_> = directory.units.scope(access.unit.id).into_iter().collect();
    let spells = state
        .blocking(move |s| {
            thads_app::portal::list_history(s.store.as_ref(), &s.rules, &units, s.today(), HISTORY_SHOWN)
                .map_err(WebError::internal)
        })
        .await?;
    let lines = spells
        .into_iter()
        .map(|r| SpellLine {
            unit: directory.units.get(r.unit).map(|u| u.code.to_string()).unwrap_or_default(),
            case_no: r.case_no.to_string(),
            case_id: r.case.0,
            debtor: r.debtor,
            decided_on: fmt::date(r.spell.decided_on),
            listed_on: fmt::date(r.spell.listed_on),
            ended_on: r.spell.ended_on.map(fmt::date),
        })
        .collect();
    Ok(HistoryPage { c: access.user.chrome(&state, lang), unit: access.unit.code.to_string(), lines }.into_response())
}
