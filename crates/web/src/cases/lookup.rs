//! The case's lookup code (mã tra cứu, issue 21) in the staff application: shown on the case
//! page with the button that rotates it (a party's request, audited) and in the API's view of
//! the case; each view logged (`case_views`).

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use thads_app::Actor;

use crate::accounts::{CaseAccess, CaseChange};
use crate::chrome::Flash;
use crate::error::WebError;
use crate::redirect::see_other_saying;
use crate::state::AppState;

/// The portal's part of the case page.
pub struct CaseSection {
    pub id: i64,
    /// `ABCDE-FGHJK`.
    pub code: String,
    pub may_rotate: bool,
}

/// The code of the case and whether the reader may rotate it; logs the view of the page.
pub fn case_section(state: &AppState, access: &CaseAccess) -> Result<CaseSection, WebError> {
    crate::case_views::log_view(state, &access.user, &[access.case.id], "page");
    let code = thads_app::portal::lookup_code(state.store.as_ref(), access.case.id).map_err(WebError::internal)?;
    Ok(CaseSection {
        id: access.case.id.0,
        code: code.shown(),
        may_rotate: super::edit::may_edit(state, access).is_ok(),
    })
}

/// The case's current code, for `GET /api/v1/cases/{id}`; logs the view.
pub fn api_code(state: &AppState, access: &CaseAccess) -> Result<String, WebError> {
    crate::case_views::log_view(state, &access.user, &[access.case.id], "api");
    Ok(thads_app::portal::lookup_code(state.store.as_ref(), access.case.id).map_err(WebError::internal)?.shown())
}

#[derive(Deserialize, Clone)]
pub struct RotateForm {}

/// `POST /cases/{id}/lookup-code`: a new code for the case (the old one stops working).
pub async fn rotate(
    State(state): State<AppState>,
    CaseChange { access, .. }: CaseChange<RotateForm>,
) -> Result<Response, WebError> {
    super::edit::may_edit(&state, &access)?;
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
