//! Documents of a case: the template versions in force (shipped, or saved by an administrator
//! in the database), a case's document filled from its own facts and history, issuing one with
//! the next number of the unit's register (a decision that is an event of the case records that
//! event in the same transaction), cancelling a number, and the same notice for many cases.
//! The layout and both outputs are `thads-documents`; here is what the database says.

pub mod data;
pub mod issue;
pub mod templates;

pub use data::{Extras, case_document_data};
pub use issue::{IssueRequest, Issued, cancel, issue};
pub use templates::{SaveTemplate, save_template, template_message, template_set};

use thads_documents::{DocumentKind, TemplateSet};
use thads_store::{IssuedDocument, Store};
use time::Date;

use crate::error::{AppError, AppResult};

/// PDF or DOCX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub fn parse(code: &str) -> AppResult<Format> {
        match code {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            other => Err(AppError::Field {
                field: "format",
                message: format!("định dạng «{}» không có (pdf, docx) / unknown format", shown(other)),
            }),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }
}

/// The kind of a code (`qd_hoan`), or a refusal naming the field `kind`.
pub fn kind(code: &str) -> AppResult<DocumentKind> {
    DocumentKind::from_code(code).ok_or_else(|| AppError::Field {
        field: "kind",
        message: format!(
            "loại văn bản «{}» không có; các loại: {} / unknown document kind",
            shown(code),
            DocumentKind::ALL.map(DocumentKind::code).join(", ")
        ),
    })
}

/// Ký hiệu of a kind's documents in a unit's register.
pub fn symbol(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::ThongBao | DocumentKind::ThongBaoKetQuaThamDinhGia => "TB-THADS",
        DocumentKind::GiayTrieuTap => "GTT-THADS",
        DocumentKind::BienBanXacMinh => "BB-THADS",
        _ => "QĐ-THADS",
    }
}

/// The event of the case a decision of this kind records, if it records one.
pub fn event_of(kind: DocumentKind) -> Option<thads_core::EventCode> {
    use thads_core::EventCode as E;
    match kind {
        DocumentKind::QdChuaCoDieuKien => Some(E::NoMeans),
        DocumentKind::QdHoan => Some(E::Postponed),
        DocumentKind::QdTamDinhChi => Some(E::Suspended),
        DocumentKind::QdTiepTuc => Some(E::Resumed),
        DocumentKind::QdDinhChi => Some(E::Terminated),
        DocumentKind::QdUyThac => Some(E::DelegatedOut),
        _ => None,
    }
}

/// One rendered document: its bytes, and a file name for downloads.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub format: Format,
}

/// The case's document of `kind` dated `on`: the document issued that day (its number), or else
/// a draft with its number left blank for the register.
pub fn render_case_document(
    store: &dyn Store,
    set: &TemplateSet,
    case: thads_core::CaseId,
    kind: DocumentKind,
    on: Date,
    format: Format,
    extras: &Extras,
) -> AppResult<Rendered> {
    let issued = store
        .documents_of_case(case)?
        .into_iter()
        .rfind(|d| d.kind == kind.code() && d.cancelled.is_none() && d.issued_on == on);
    render_with(store, set, case, kind, on, format, extras, issued.as_ref())
}

/// A document of the register as issued (its kind, number and date).
pub fn render_issued(
    store: &dyn Store,
    set: &TemplateSet,
    document: &IssuedDocument,
    format: Format,
) -> AppResult<Rendered> {
    let case = document.case.ok_or_else(|| AppError::NotFound("văn bản không thuộc việc nào / no case".into()))?;
    let kind = self::kind(&document.kind)?;
    render_with(store, set, case, kind, document.issued_on, format, &Extras::default(), Some(document))
}

#[allow(clippy::too_many_arguments)]
fn render_with(
    store: &dyn Store,
    set: &TemplateSet,
    case: thads_core::CaseId,
    kind: DocumentKind,
    on: Date,
    format: Format,
    extras: &Extras,
    issued: Option<&IssuedDocument>,
) -> AppResult<Rendered> {
    let stored = match issued {
        Some(d) => as_issued(store, d)?,
        None => None,
    };
    let (case_no, bytes) = match stored {
        // Issued: what it said then, whatever the case says now.
        Some(document) => {
            let case_no = store.case(case)?.map(|c| c.facts.case_no.to_string()).unwrap_or_default();
            let bytes = match format {
                Format::Pdf => thads_documents::pdf::write(std::slice::from_ref(&document)),
                Format::Docx => thads_documents::docx::write(&document),
            };
            (case_no, bytes)
        }
        None => {
            let (case_no, data) = case_document_data(store, case, kind, on, issued, extras)?;
            let version = set.version_for(kind, on).map_err(render_error)?;
            let bytes = match format {
                Format::Pdf => thads_documents::render_pdf(version, &data),
                Format::Docx => thads_documents::render_docx(version, &data),
            };
            (case_no, bytes)
        }
    };
    let bytes = bytes.map_err(render_error)?;
    let number = issued.map(|d| format!("{}-{}", d.number, d.year)).unwrap_or_else(|| "du-thao".into());
    let file_name = file_name(&format!("{}_{}_{}", kind.code(), number, case_no), format);
    Ok(Rendered { bytes, file_name, format })
}

/// The filled document (for the print view): what the PDF and the DOCX say, by layout block.
pub fn fill_case_document(
    store: &dyn Store,
    set: &TemplateSet,
    case: thads_core::CaseId,
    kind: DocumentKind,
    on: Date,
    extras: &Extras,
    issued: Option<&IssuedDocument>,
) -> AppResult<thads_documents::Document> {
    if let Some(d) = issued
        && let Some(document) = as_issued(store, d)?
    {
        return Ok(document);
    }
    let (_, data) = case_document_data(store, case, kind, on, issued, extras)?;
    let version = set.version_for(kind, on).map_err(render_error)?;
    thads_documents::fill::fill(version.template(), &data).map_err(render_error)
}

/// What an issued document said when it was issued (schema 26); `None` for a document issued
/// before it was kept, which is printed from the case as it is now.
pub fn as_issued(store: &dyn Store, document: &IssuedDocument) -> AppResult<Option<thads_documents::Document>> {
    let Some(content) = store.document_content(document.id)? else { return Ok(None) };
    serde_json::from_str(&content.content).map(Some).map_err(|_| {
        AppError::Store(thads_store::StoreError::corrupt("document_contents.content", document.id.0.to_string()))
    })
}

/// The same document for many cases, dated `on`: one merged PDF (each document from a new
/// page) or a ZIP of DOCX files named by case. `progress` is told how many are filled so far.
/// A case whose data lacks a field the template needs stops the batch, naming the case.
pub fn bulk(
    store: &dyn Store,
    set: &TemplateSet,
    cases: &[thads_core::CaseId],
    kind: DocumentKind,
    on: Date,
    format: Format,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<Rendered> {
    let version = set.version_for(kind, on).map_err(render_error)?;
    let total = cases.len();
    let mut data = Vec::with_capacity(total);
    for (i, case) in cases.iter().enumerate() {
        let (case_no, d) = case_document_data(store, *case, kind, on, None, &Extras::default())
            .map_err(|e| AppError::Invalid(format!("việc / case {}: {e}", case.0)))?;
        data.push((case_no, d));
        progress(i + 1, total * 2);
    }
    let named = |index: usize| -> AppError {
        let case_no = data.get(index).map_or("?", |(no, _)| no.as_str());
        AppError::Invalid(format!("việc / case {case_no}"))
    };
    let bytes = match format {
        Format::Pdf => {
            thads_documents::merged_pdf(data.iter().map(|(_, d)| (version, d)), |n| progress(total + n, total * 2))
                .map_err(|e| AppError::Invalid(format!("{}: {}", named(e.index), e.source)))?
        }
        Format::Docx => thads_documents::zip_of_docx(
            // Numbered, so that a case listed twice (two parties) makes two files.
            data.iter().enumerate().map(|(i, (no, d))| (format!("{:04}_{}_{}", i + 1, kind.code(), no), version, d)),
            |n| progress(total + n, total * 2),
        )
        .map_err(|e| AppError::Invalid(format!("{}: {}", named(e.index), e.source)))?,
    };
    let stem = format!("{}_{}_{}", kind.code(), thads_core::dates::format_iso(on), total);
    let file_name = match format {
        Format::Pdf => file_name(&stem, Format::Pdf),
        Format::Docx => file_name(&stem, Format::Docx).replace(".docx", ".zip"),
    };
    Ok(Rendered { bytes, file_name, format })
}

/// A file name of ASCII letters, digits, `-` and `_` (a case number holds `/`).
pub fn file_name(stem: &str, format: Format) -> String {
    let clean: String = thads_core::text::fold(stem)
        .chars()
        .take(100)
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    format!("{clean}.{}", format.code())
}

pub(crate) fn render_error(e: thads_documents::RenderError) -> AppError {
    match e {
        thads_documents::RenderError::MissingField { field, .. } => AppError::Field { field, message: e.to_string() },
        other => AppError::Invalid(other.to_string()),
    }
}

/// A code as it may be shown in a message: short, without control characters.
fn shown(text: &str) -> String {
    text.chars().take(64).map(|c| if c.is_control() { '?' } else { c }).collect()
}
