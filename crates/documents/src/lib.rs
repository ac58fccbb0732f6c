//! THADS documents: the decisions, notices and records an officer signs, from templates kept as
//! data, in the layout of NĐ 30/2020/NĐ-CP, as DOCX and PDF, one or a thousand at a time.
//!
//! No database and no web here: the app layer builds a [`DocumentData`] from a case, picks the
//! template version in force on the document's date ([`TemplateSet::version_for`]) and calls
//! [`render_pdf`] / [`render_docx`] (or the bulk functions).
//!
//! # Template syntax
//!
//! A template is plain text, one paragraph per line, in **blocks**:
//!
//! ```text
//! # a comment line
//! ::: agency                      ← tên cơ quan: superior first (regular), issuing unit last (bold)
//! {unit_superior_name:upper}
//! {unit_name:upper}
//! :::
//! ::: number                      ← số, ký hiệu (optional)
//! Số: {document_number}/{document_symbol}
//! :::
//! ::: place_date                  ← địa danh, ngày tháng (italic; optional)
//! {place}, {issue_date}
//! :::
//! ::: title                       ← tên loại văn bản, then trích yếu (bold, centred)
//! QUYẾT ĐỊNH
//! Về việc hoãn thi hành án
//! :::
//! ::: body                        ← one paragraph per line, justified, first-line indent
//! ^**{issuer_title:upper}**       ← `^` centres a line
//! Căn cứ {legal_ground};
//! ::: if request_date             ← lines kept only when the field has a value
//! Xét đơn yêu cầu ngày {request_date:short};
//! ::: else
//! Chủ động.
//! :::
//! **Điều 1.** Hoãn thi hành án đối với {debtor_name}.
//! :::
//! ::: recipients                  ← "Nơi nhận:" is added; one line per recipient
//! - {recipients};                 ← a line naming a list repeats for each item
//! - Lưu: VT, HSTHA.
//! :::
//! ::: signature                   ← bold, centred; up to three blocks side by side
//! {signer_title:upper}
//! ~                               ← the space for the signature and seal
//! {signer_name}
//! :::
//! ```
//!
//! `agency`, `title`, `body` and `signature` are required; the national title ("CỘNG HÒA XÃ
//! HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc") is always printed and is not written
//! in templates. Inside a line, `**…**` is bold, `__…__` italic (a signature line wholly in
//! italics is not bold), `{{` and `}}` print braces.
//!
//! **Placeholders** `{field}` or `{field:format}` name a field of the catalogue
//! ([`fields::FIELDS`]), each typed: text (`upper`), date (plain: "ngày 05 tháng 10 năm
//! 2025"; `short`: "05/10/2025"), money (plain: "761.546.547.000 đồng"; `words`: "Bảy trăm sáu
//! mươi mốt tỷ, … đồng"; `figures`: "761.546.547.000"), list (plain: the line repeats per item;
//! `inline`: items joined by commas). A template is checked when it is saved: unknown field,
//! format that does not fit the type, unclosed block, placeholder or style, text outside a
//! block… each refused with its line and column ([`TemplateErrors`]). Rendering with a field
//! missing stops with the field and the template line ([`RenderError::MissingField`]).

pub mod builtin;
pub mod bulk;
pub mod data;
pub mod document;
pub mod docx;
pub mod fields;
pub mod fill;
pub mod format;
pub mod pdf;
pub mod template;
pub mod versions;
pub mod words;

pub use bulk::{merged_pdf, zip_of_docx};
pub use data::{DataError, DocumentData, Value};
pub use document::Document;
pub use document::RenderError;
pub use fields::{FieldDef, FieldType};
pub use template::{Template, TemplateError, TemplateErrorKind, TemplateErrors};
pub use versions::{DocumentKind, TemplateSet, TemplateVersion};

/// Fills the template with the data and writes the document as a PDF.
pub fn render_pdf(version: &TemplateVersion, data: &DocumentData) -> Result<Vec<u8>, RenderError> {
    let document = fill::fill(version.template(), data)?;
    pdf::write(&[document])
}

/// Fills the template with the data and writes the document as a DOCX.
pub fn render_docx(version: &TemplateVersion, data: &DocumentData) -> Result<Vec<u8>, RenderError> {
    let document = fill::fill(version.template(), data)?;
    docx::write(&document)
}
