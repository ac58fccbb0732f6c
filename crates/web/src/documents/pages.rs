//! A case's documents as pages: a draft or an issued document as PDF, DOCX or a print view
//! (`GET /cases/{id}/documents`), and issuing one from the case page (`POST`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::documents::{self, Extras, Format, IssueRequest};
use thads_core::Ground;
use thads_documents::document::{MOTTO, NATIONAL_TITLE, Paragraph, RECIPIENTS_HEADING, SignatureLine};
use thads_documents::{Document, DocumentKind};
use thads_store::IssuedDocument;
use time::Date;

use super::{actor, download, may_issue};
use crate::accounts::{CaseAccess, CaseChange};
use crate::chrome::{Chrome, Flash};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::redirect::see_other_saying;
use crate::refusal::Refusal;
use crate::state::AppState;

/// `?kind=qd_hoan&format=html|pdf|docx&on=YYYY-MM-DD&no=N`: `no` names an issued document of
/// that kind (its number); without it, the document issued on `on`, or a draft.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ShowParams {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub on: String,
    #[serde(default)]
    pub no: String,
}

/// A date of a query or form (`yyyy-mm-dd` or `dd/mm/yyyy`), today when empty.
pub(crate) fn date_or_today(state: &AppState, text: &str) -> Result<Date, WebError> {
    match text.trim() {
        "" => Ok(state.today()),
        t => thads_core::dates::parse_date(t)
            .map_err(|_| WebError::Refused(Refusal::InvalidDate(t.chars().take(40).collect()))),
    }
}

/// A paragraph of the print view: its runs, centred or not.
pub struct PrintParagraph {
    pub centered: bool,
    /// `(text, bold, italic)`.
    pub runs: Vec<(String, bool, bool)>,
}

fn print_paragraph(p: &Paragraph) -> PrintParagraph {
    PrintParagraph { centered: p.centered, runs: p.runs.iter().map(|r| (r.text.clone(), r.bold, r.italic)).collect() }
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/print.html")]
struct PrintPage {
    c: Chrome,
    case_id: i64,
    kind: String,
    title: String,
    query: String,
    national: &'static str,
    motto: &'static str,
    recipients_heading: &'static str,
    agency: Vec<PrintParagraph>,
    number: Option<PrintParagraph>,
    place_date: Option<PrintParagraph>,
    heading: Vec<PrintParagraph>,
    body: Vec<PrintParagraph>,
    recipients: Vec<PrintParagraph>,
    /// Signature blocks: lines, `None` for the space of the signature.
    signatures: Vec<Vec<Option<PrintParagraph>>>,
}

fn print_page(c: Chrome, case_id: i64, kind: DocumentKind, d: &Document, query: String) -> PrintPage {
    PrintPage {
        c,
        case_id,
        kind: kind.code().to_string(),
        title: kind.label().to_string(),
        query,
        national: NATIONAL_TITLE,
        motto: MOTTO,
        recipients_heading: RECIPIENTS_HEADING,
        agency: d.agency.iter().map(print_paragraph).collect(),
        number: d.number.as_ref().map(print_paragraph),
        place_date: d.place_date.as_ref().map(print_paragraph),
        heading: d.title.iter().map(print_paragraph).collect(),
        body: d.body.iter().map(print_paragraph).collect(),
        recipients: d.recipients.iter().map(print_paragraph).collect(),
        signatures: d
            .signatures
            .iter()
            .map(|block| {
                block
                    .iter()
                    .map(|l| match l {
                        SignatureLine::Text(p) => Some(print_paragraph(p)),
                        SignatureLine::Gap => None,
                    })
                    .collect()
            })
            .collect(),
    }
}

/// The issued document of the case that `no` (or else the date) names.
pub(crate) fn issued_of(
    state: &AppState,
    access: &CaseAccess,
    kind: DocumentKind,
    on: Date,
    no: &str,
) -> Result<Option<IssuedDocument>, WebError> {
    let mut of_kind = state.store.documents_of_case(access.case.id)?.into_iter().filter(|d| d.kind == kind.code());
    match no.trim() {
        "" => Ok(of_kind.rfind(|d| d.issued_on == on && d.cancelled.is_none())),
        n => {
            let number: i64 = n.parse().map_err(|_| WebError::NotFound)?;
            of_kind.rfind(|d| d.number == number).map(Some).ok_or(WebError::NotFound)
        }
    }
}

/// `GET /cases/{id}/documents`: a case's document as a print view, PDF or DOCX.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: CaseAccess,
    Query(p): Query<ShowParams>,
) -> Result<Response, WebError> {
    let kind = documents::kind(&p.kind)?;
    let a = access.clone();
    let params = p.clone();
    if p.format.is_empty() || p.format == "html" {
        let document = state
            .blocking(move |s| {
                let issued = issued_of(s, &a, kind, date_or_today(s, &params.on)?, &params.no)?;
                let on = issued.as_ref().map_or(date_or_today(s, &params.on)?, |d| d.issued_on);
                let set = documents::template_set(s.store.as_ref())?;
                let document = documents::fill_case_document(
                    s.store.as_ref(),
                    &set,
                    a.case.id,
                    kind,
                    on,
                    &Extras::default(),
                    issued.as_ref(),
                )?;
                // Who opened my file (issue 21): the documents page shown is a view of the case.
                crate::case_views::log_view(s, &a.user, &[a.case.id], "documents");
                Ok(document)
            })
            .await?;
        let query = format!("kind={}&on={}&no={}", kind.code(), urlencode(&p.on), urlencode(&p.no));
        let page = print_page(access.user.chrome(&state, lang), access.case.id.0, kind, &document, query);
        return Ok(page.into_response());
    }
    let format = Format::parse(&p.format)?;
    let rendered = state
        .blocking(move |s| {
            let issued = issued_of(s, &a, kind, date_or_today(s, &params.on)?, &params.no)?;
            let set = documents::template_set(s.store.as_ref())?;
            let rendered = match issued {
                Some(d) => documents::render_issued(s.store.as_ref(), &set, &d, format)?,
                None => {
                    let on = date_or_today(s, &params.on)?;
                    documents::render_case_document(
                        s.store.as_ref(),
                        &set,
                        a.case.id,
                        kind,
                        on,
                        format,
                        &Extras::default(),
                    )?
                }
            };
            // Who opened my file (issue 21): a downloaded document is a view of the case.
            crate::case_views::log_view(s, &a.user, &[a.case.id], "document");
            Ok(rendered)
        })
        .await?;
    download(rendered)
}

fn urlencode(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/')).collect()
}

/// The issue form of the case page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub ground: String,
}

/// Issues a document of the form on the case (the decision's event in the same transaction),
/// the statistics engine following the event.
pub(crate) fn issue_on(state: &AppState, access: &CaseAccess, form: &IssueForm) -> Result<IssuedDocument, WebError> {
    let kind = documents::kind(&form.kind)?;
    may_issue(state, access, kind)?;
    let on = date_or_today(state, &form.date)?;
    let ground = Ground::parse_optional(&form.ground).map_err(|e| WebError::Refused(e.into()))?;
    let request = IssueRequest { case: access.case.id, expected_version: form.version, kind, on, ground };
    let actor = actor(state, &access.user);
    if documents::event_of(kind).is_none() {
        return Ok(documents::issue(state.store.as_ref(), &actor, &state.rules, &request)?.document);
    }
    let mut document = None;
    state.engine.write(state.store.as_ref(), &state.rules, || {
        let issued = documents::issue(state.store.as_ref(), &actor, &state.rules, &request)?;
        document = Some(issued.document);
        issued.changed.ok_or_else(|| WebError::internal("a decision without its event"))
    })?;
    document.ok_or_else(|| WebError::internal("issued document not returned"))
}

/// `POST /cases/{id}/documents`: issues a document; back to the case page at the document.
pub async fn issue(
    State(state): State<AppState>,
    CaseChange { access, form }: CaseChange<IssueForm>,
) -> Result<Response, WebError> {
    let a = access.clone();
    let document = state.blocking(move |s| issue_on(s, &a, &form)).await?;
    Ok(see_other_saying(&format!("/cases/{}#document-{}", access.case.id.0, document.id.0), Flash::Saved))
}
