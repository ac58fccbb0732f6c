//! The same notice for many cases: the case numbers of a unit (one a line, or every open case
//! of the unit with a deadline due in the coming days), one kind and date, as one merged PDF
//! or a ZIP of DOCX files. Each case must be visible to the reader.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::documents::{self, Format};
use thads_core::CaseNo;
use thads_core::access::Action;

use super::download;
use super::pages::date_or_today;
use crate::accounts::{Allowed, CsrfForm, Need};
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::refusal::Refusal;
use crate::state::AppState;

/// Making documents of a unit's cases: whoever may see them (`ViewCase` on the unit).
#[derive(Debug)]
pub struct ListCases;

impl Need for ListCases {
    fn action(unit: thads_core::UnitId) -> Action {
        Action::ViewCase { unit }
    }
}

/// Most documents in one batch.
pub const MAX_BULK: usize = 5_000;

#[derive(Template, WebTemplate)]
#[template(path = "documents/bulk.html")]
struct BulkPage {
    c: Chrome,
    unit: String,
    kinds: Vec<(String, String)>,
    today: String,
}

/// `GET /documents/bulk?unit=`: the form.
pub async fn form(State(state): State<AppState>, lang: Lang, access: Allowed<ListCases>) -> Result<Response, WebError> {
    let kinds = thads_documents::DocumentKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), super::kind_label(k, lang)))
        .collect();
    Ok(BulkPage {
        c: access.user.chrome(&state, lang),
        unit: access.unit.code.to_string(),
        kinds,
        today: crate::fmt::date(state.today()),
    }
    .into_response())
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BulkForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub format: String,
    /// Case numbers of the unit (`?unit=`), one a line.
    #[serde(default)]
    pub cases: String,
}

/// `POST /documents/bulk`: the batch as one file.
pub async fn make(
    State(state): State<AppState>,
    access: Allowed<ListCases>,
    CsrfForm { form, .. }: CsrfForm<BulkForm>,
) -> Result<Response, WebError> {
    let unit = access.unit.id;
    access.user.may(&state, Action::ViewCase { unit })?;
    let kind = documents::kind(&form.kind)?;
    let format = Format::parse(if form.format.is_empty() { "pdf" } else { &form.format })?;
    let numbers: Vec<&str> = form.cases.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if numbers.is_empty() || numbers.len() > MAX_BULK {
        return Err(WebError::Refused(Refusal::of_field(
            "cases",
            format!(
                "cần từ 1 đến {MAX_BULK} số việc, mỗi dòng một số / between 1 and {MAX_BULK} case numbers, one a line"
            ),
        )));
    }
    let numbers: Vec<String> = numbers.into_iter().map(String::from).collect();
    let user = access.user.clone();
    let rendered = state
        .blocking(move |s| {
            let on = date_or_today(s, &form.date)?;
            let mut ids = Vec::with_capacity(numbers.len());
            for n in &numbers {
                let no = CaseNo::new(&thads_core::text::nfc(n))
                    .map_err(|e| WebError::Refused(Refusal::of_field("cases", e.to_string())))?;
                let case = s.store.case_by_no(unit, &no)?.ok_or_else(|| {
                    WebError::Refused(Refusal::of_field("cases", format!("không có việc {no} / no case {no}")))
                })?;
                ids.push(case.id);
            }
            let set = documents::template_set(s.store.as_ref())?;
            let rendered = documents::bulk(s.store.as_ref(), &set, &ids, kind, on, format, |_, _| {})?;
            crate::case_views::log_view(s, &user, &ids, "export:documents");
            Ok(rendered)
        })
        .await?;
    download(rendered)
}
