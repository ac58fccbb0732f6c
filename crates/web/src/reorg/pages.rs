//! The administrator's page of reorganisations (`/units/reorg?unit=` the parent unit): the
//! operations recorded on its units, and the forms to merge units, split one (`split`), rename
//! one and move one under another parent.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::Actor;
use thads_app::reorg::{self, MergeRequest};
use thads_core::Unit;
use thads_core::dates::parse_date;

use crate::accounts::users::ManageUsers;
use crate::accounts::{Allowed, CsrfForm, User};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

struct OperationLine {
    id: i64,
    kind: String,
    on: String,
    units: String,
    moved: String,
    /// The custody money it handed over: «HP → HN 1.887.500 đ (01/12/2025)», one per pair.
    books: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reorg/reorg.html")]
struct ReorgPage {
    c: Chrome,
    unit: String,
    operations: Vec<OperationLine>,
    done: bool,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneParam {
    #[serde(default)]
    done: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    into: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    on: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    on: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RenameForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    on: String,
}

async fn page(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    done: bool,
    error: Option<&WebError>,
) -> Result<Response, WebError> {
    let (records, mut handed) = state
        .blocking(|s| Ok((s.store.reorg_operations()?, thads_app::reorg::books::handed_over(s.store.as_ref())?)))
        .await?;
    let directory = state.directory();
    let tree = &directory.units;
    let operations = records
        .into_iter()
        .filter(|r| r.operation.changes.iter().any(|c| tree.covers(unit.id, c.unit)))
        .map(|r| OperationLine {
            id: r.operation.id,
            kind: r.operation.kind.code().to_string(),
            on: crate::fmt::date(r.operation.on),
            units: r
                .operation
                .changes
                .iter()
                .map(|c| {
                    let code = tree.get(c.unit).map(|u| u.code.to_string()).unwrap_or_default();
                    let closed =
                        if c.after.valid_to.is_some() && c.before.as_ref().is_some_and(|b| b.valid_to.is_none()) {
                            " ✕"
                        } else {
                            ""
                        };
                    let created = if c.created { " +" } else { "" };
                    format!("{code}{created}{closed} ({})", c.after.name)
                })
                .collect::<Vec<_>>()
                .join("; "),
            moved: format!("{} / {}", r.cases_moved, r.staff_moved),
            books: handed
                .remove(&r.operation.id)
                .unwrap_or_default()
                .iter()
                .map(|h| {
                    let code = |u| tree.get(u).map(|x| x.code.to_string()).unwrap_or_default();
                    let amount = crate::fmt::money_sum(thads_core::VndSum(h.holdings_vnd));
                    format!("{} → {} {amount} ({})", code(h.from), code(h.to), crate::fmt::date(h.date))
                })
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect();
    let body = ReorgPage {
        c: user.chrome(state, lang),
        unit: unit.code.to_string(),
        operations,
        done,
        error: error.map(|e| e.message(lang)),
    };
    Ok((error.map_or(StatusCode::OK, WebError::status), body).into_response())
}

/// `GET /units/reorg?unit=`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageUsers>,
    Query(p): Query<DoneParam>,
) -> Result<Response, WebError> {
    page(&state, lang, &access.user, &access.unit, p.done == "1", None).await
}

/// `work` on a worker thread once the scope check `allowed` passed; its refusal otherwise.
async fn after_check<F>(state: &AppState, allowed: Result<(), WebError>, work: F) -> Result<(), WebError>
where
    F: FnOnce(&AppState) -> Result<(), WebError> + Send + 'static,
{
    allowed?;
    state.blocking(work).await
}

pub(super) async fn finish(
    state: &AppState,
    lang: Lang,
    user: &User,
    unit: &Unit,
    result: Result<(), WebError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => {
            state.blocking(|s| s.follow_reference().map(drop)).await?;
            Ok(see_other(&format!("/units/reorg?unit={}&done=1", unit.code)))
        }
        Err(e @ (WebError::Refused(_) | WebError::BadRequest(_) | WebError::Forbidden(_))) => {
            page(state, lang, user, unit, false, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

pub(super) fn date(text: &str) -> Result<time::Date, WebError> {
    parse_date(text.trim()).map_err(|e| WebError::refused(e.to_string()))
}

/// `POST /units/reorg/merge?unit=`: merges units of the parent unit.
pub async fn merge(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageUsers>,
    CsrfForm { user, form }: CsrfForm<MergeForm>,
) -> Result<Response, WebError> {
    let from: Vec<String> =
        form.from.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).take(1_000).collect();
    let mut codes: Vec<&str> = from.iter().map(String::as_str).collect();
    codes.push(form.into.trim());
    let allowed = super::api::within(&state, &access.unit, &codes);
    let (u, scope) = (user.clone(), Some(access.unit.id));
    let result = after_check(&state, allowed, move |s| {
        let name = Some(form.name.trim().to_string()).filter(|n| !n.is_empty());
        let req = MergeRequest { into: form.into.trim().to_string(), from, on: date(&form.on)?, name, kind: None };
        let actor = Actor { login: u.staff.login.to_string(), at: s.now() };
        reorg::merge_within(s.store.as_ref(), &actor, scope, &s.rules, &req)?;
        Ok(())
    })
    .await;
    finish(&state, lang, &user, &access.unit, result).await
}

/// `POST /units/reorg/rename?unit=`: renames a unit of the parent unit from a day.
pub async fn rename(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageUsers>,
    CsrfForm { user, form }: CsrfForm<RenameForm>,
) -> Result<Response, WebError> {
    let allowed = super::api::within(&state, &access.unit, &[form.code.trim()]);
    let (u, scope) = (user.clone(), Some(access.unit.id));
    let result = after_check(&state, allowed, move |s| {
        let actor = Actor { login: u.staff.login.to_string(), at: s.now() };
        reorg::rename_within(s.store.as_ref(), &actor, scope, form.code.trim(), &form.name, date(&form.on)?)?;
        Ok(())
    })
    .await;
    finish(&state, lang, &user, &access.unit, result).await
}

/// `POST /units/reorg/move?unit=`: moves a unit of the parent unit under another parent
/// within it (or under the parent unit itself) from a day.
pub async fn move_unit(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageUsers>,
    CsrfForm { user, form }: CsrfForm<MoveForm>,
) -> Result<Response, WebError> {
    let allowed = super::api::within_move(&state, &access.unit, form.code.trim(), form.parent.trim());
    let (u, scope) = (user.clone(), Some(access.unit.id));
    let result = after_check(&state, allowed, move |s| {
        let actor = Actor { login: u.staff.login.to_string(), at: s.now() };
        let on = date(&form.on)?;
        reorg::move_within(s.store.as_ref(), &actor, scope, form.code.trim(), form.parent.trim(), on)?;
        Ok(())
    })
    .await;
    finish(&state, lang, &user, &access.unit, result).await
}
