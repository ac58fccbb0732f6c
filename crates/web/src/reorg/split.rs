//! The split form of the reorganisations page (`POST /units/reorg/split?unit=`, multipart):
//! the unit split, the receiving units, the new units' names, the day, the case list as an
//! uploaded CSV file (`case_no,unit`) and a rule for the cases it leaves out ("all the others
//! to X"). Every refusal (a case left unassigned, a month closed, a unit outside the caller's,
//! a bad line of the file) comes back on the page, the form's fields kept.

use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{Multipart, State};
use axum::response::Response;
use thads_app::Actor;
use thads_app::reorg::{self, SplitRequest};

use super::pages::{date, finish};
use crate::accounts::users::ManageUsers;
use crate::accounts::{Allowed, same_secret};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// The largest case list taken (the request's body limit stops larger ones first).
const MAX_FILE_BYTES: usize = 2 << 20;
/// The largest text field.
const MAX_TEXT_BYTES: usize = 20_000;

/// The split form's fields as posted.
#[derive(Debug, Default)]
struct SplitForm {
    from: String,
    into: String,
    names: String,
    on: String,
    rest: String,
    cases: String,
}

fn bad(e: MultipartError) -> WebError {
    WebError::BadRequest(e.body_text())
}

async fn text(field: Field<'_>, limit: usize) -> Result<String, WebError> {
    let bytes = field.bytes().await.map_err(bad)?;
    if bytes.len() > limit {
        return Err(WebError::refused("tệp hoặc trường quá lớn / the file or a field is too large"));
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| WebError::refused("tệp không phải UTF-8 / the file is not UTF-8"))
}

/// Reads the form: the CSRF token first, then the fields in any order.
async fn read(access: &Allowed<ManageUsers>, mut multipart: Multipart) -> Result<SplitForm, WebError> {
    let first = multipart.next_field().await.map_err(bad)?.ok_or(WebError::Csrf)?;
    if first.name() != Some("csrf") || !same_secret(&text(first, MAX_TEXT_BYTES).await?, &access.user.csrf) {
        return Err(WebError::Csrf);
    }
    let mut form = SplitForm::default();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        let slot = match name.as_str() {
            "from" => &mut form.from,
            "into" => &mut form.into,
            "names" => &mut form.names,
            "on" => &mut form.on,
            "rest" => &mut form.rest,
            "cases" => {
                form.cases = text(field, MAX_FILE_BYTES).await?;
                continue;
            }
            _ => continue,
        };
        *slot = text(field, MAX_TEXT_BYTES).await?;
    }
    Ok(form)
}

fn list(text: &str, sep: char) -> Vec<String> {
    text.split(sep).map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).take(1_000).collect()
}

fn request(form: &SplitForm) -> Result<(SplitRequest, Option<String>), WebError> {
    let cases = reorg::list::case_list(&form.cases)?;
    let rest = Some(form.rest.trim().to_string()).filter(|r| !r.is_empty());
    if cases.is_empty() && rest.is_none() {
        return Err(WebError::refused(
            "cần danh sách việc hoặc đơn vị nhận các việc còn lại / a case list or a unit for the other cases is needed",
        ));
    }
    let names = form.names.split(';').map(|n| n.trim().to_string()).take(1_000).collect::<Vec<_>>();
    let names = if names.iter().all(String::is_empty) { Vec::new() } else { names };
    let req = SplitRequest {
        from: form.from.trim().to_string(),
        into: list(&form.into, ','),
        names,
        on: date(&form.on)?,
        cases,
    };
    Ok((req, rest))
}

/// `POST /units/reorg/split?unit=`: splits a unit of the parent unit.
pub async fn split(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ManageUsers>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let form = read(&access, multipart).await?;
    let user = access.user.clone();
    let result = match request(&form) {
        Err(e) => Err(e),
        Ok((req, rest)) => {
            let mut codes: Vec<&str> = req.into.iter().map(String::as_str).collect();
            codes.push(req.from.as_str());
            codes.extend(rest.as_deref());
            match super::api::within(&state, &access.unit, &codes) {
                Err(e) => Err(e),
                Ok(()) => {
                    let (login, scope) = (user.staff.login.to_string(), Some(access.unit.id));
                    state
                        .blocking(move |s| {
                            let actor = Actor { login, at: s.now() };
                            let rest = rest.as_deref();
                            reorg::split_with_rest(s.store.as_ref(), &actor, scope, &s.rules, &req, rest)?;
                            Ok(())
                        })
                        .await
                }
            }
        }
    };
    finish(&state, lang, &user, &access.unit, result).await
}
