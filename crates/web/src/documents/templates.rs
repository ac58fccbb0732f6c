//! The administrator's template editor: every version in force (shipped or saved), one loaded
//! into the form, the catalogue of fields with their types, and saving, which refuses a
//! template with an unknown field or a format that does not fit the field's type, naming each
//! line, column and field beside the text.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::documents;
use thads_documents::fields::FIELDS;

use super::actor;
use super::api::to_save;
use crate::accounts::{CsrfForm, User};
use crate::calendar::may_announce;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other;
use crate::state::AppState;

pub struct VersionRow {
    pub kind: String,
    pub name: String,
    pub from: String,
    pub iso_from: String,
    pub confidence: String,
    pub source: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TemplateForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub legal_basis: String,
    #[serde(default)]
    pub citation: String,
    #[serde(default)]
    pub confidence: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub done: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/templates.html")]
struct TemplatesPage {
    c: Chrome,
    rows: Vec<VersionRow>,
    kinds: Vec<(String, String)>,
    /// `(name, type, label)` of every field a template may use.
    fields: Vec<(&'static str, &'static str, &'static str)>,
    form: TemplateForm,
    saved: bool,
    error: Option<String>,
}

async fn page(
    state: &AppState,
    lang: Lang,
    user: &User,
    form: TemplateForm,
    error: Option<String>,
) -> Result<Response, WebError> {
    let wanted = form.clone();
    let (rows, form) = state
        .blocking(move |s| {
            let set = documents::template_set(s.store.as_ref())?;
            let saved = documents::templates::saved_versions(s.store.as_ref())?;
            let rows = set
                .versions()
                .iter()
                .map(|v| VersionRow {
                    kind: v.kind().code().to_string(),
                    name: v.kind().label().to_string(),
                    from: crate::fmt::date(v.effective_from()),
                    iso_from: thads_core::dates::format_iso(v.effective_from()),
                    confidence: thads_store::codes::confidence(v.confidence()).to_string(),
                    source: saved
                        .iter()
                        .find(|(k, d, _)| k == v.kind().code() && *d == v.effective_from())
                        .map_or_else(|| "shipped".to_string(), |(_, _, by)| by.clone()),
                })
                .collect::<Vec<_>>();
            // A version asked for by kind and date is loaded into the form (unless the form
            // comes back with an error, holding what was typed).
            let form = if wanted.text.is_empty() && !wanted.kind.is_empty() {
                let from = thads_core::dates::parse_date(wanted.from.trim()).ok();
                let found =
                    set.versions().iter().find(|v| v.kind().code() == wanted.kind && Some(v.effective_from()) == from);
                match found {
                    Some(v) => TemplateForm {
                        kind: v.kind().code().to_string(),
                        from: thads_core::dates::format_iso(v.effective_from()),
                        legal_basis: v.legal_basis().to_string(),
                        citation: v.citation().to_string(),
                        confidence: thads_store::codes::confidence(v.confidence()).to_string(),
                        text: v.text().to_string(),
                        done: wanted.done.clone(),
                    },
                    None => wanted,
                }
            } else {
                wanted
            };
            Ok((rows, form))
        })
        .await?;
    let body = TemplatesPage {
        c: user.chrome(state, lang),
        rows,
        kinds: thads_documents::DocumentKind::ALL
            .into_iter()
            .map(|k| (k.code().to_string(), super::kind_label(k, lang)))
            .collect(),
        fields: FIELDS.iter().map(|f| (f.name, f.ty.code(), f.label)).collect(),
        saved: form.done == "saved",
        form,
        error,
    };
    Ok(body.into_response())
}

/// `GET /documents/templates?kind=&from=`: the versions, one of them in the editor.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    user: User,
    Query(form): Query<TemplateForm>,
) -> Result<Response, WebError> {
    may_announce(&state, &user)?;
    page(&state, lang, &user, TemplateForm { text: String::new(), ..form }, None).await
}

/// `POST /documents/templates`: checks and saves a version; a refused one comes back with
/// every problem's line and field.
pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    CsrfForm { user, form }: CsrfForm<TemplateForm>,
) -> Result<Response, WebError> {
    may_announce(&state, &user)?;
    let f = form.clone();
    let actor = actor(&state, &user);
    let result = state
        .blocking(move |s| {
            let save = to_save(&f.kind, &f.from, &f.legal_basis, &f.citation, &f.confidence, &f.text)?;
            Ok(documents::save_template(s.store.as_ref(), &actor, save)?)
        })
        .await;
    match result {
        Ok(v) => Ok(see_other(&format!(
            "/documents/templates?kind={}&from={}&done=saved",
            v.kind().code(),
            thads_core::dates::format_iso(v.effective_from())
        ))),
        Err(e @ WebError::Refused(_)) => {
            let message = e.message(lang);
            let mut response = page(&state, lang, &user, form, Some(message)).await?;
            *response.status_mut() = e.status();
            Ok(response)
        }
        Err(e) => Err(e),
    }
}
