//! Reading the public form as it is posted (multipart): its text fields into `RequestText`
//! (each bounded while it is read: a field of megabytes is refused with a clear message, not
//! buffered), the chosen unit, and its files (`files`, at most the count and sizes of
//! `AttachmentLimits`, counted while they stream). Parts with no name and no content (a file
//! input left empty) are skipped.

use axum::extract::Multipart;
use axum::extract::multipart::Field;
use thads_core::requests::{AttachmentError, AttachmentLimits, RequestText};

use crate::error::WebError;
use crate::refusal::Refusal;

/// The most a text field may weigh in bytes (well above any field's limit in characters, which
/// `RequestText::parse` checks with the field's name).
const FIELD_BYTES: usize = 16 << 10;

/// The form as posted.
#[derive(Debug, Default)]
pub struct Posted {
    pub text: RequestText,
    pub unit: String,
    pub lang: String,
    /// `(name, content)`.
    pub files: Vec<(String, Vec<u8>)>,
}

fn refused(field: &'static str, message: String) -> WebError {
    WebError::Refused(Refusal::of_field(field, message))
}

fn unreadable(e: axum::extract::multipart::MultipartError) -> WebError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        refused("files", "đơn và tệp đính kèm quá lớn / the form and its files are too large".into())
    } else {
        WebError::BadRequest("biểu mẫu không đọc được / the form could not be read".into())
    }
}

/// Reads the whole form.
pub async fn read(mut multipart: Multipart, limits: &AttachmentLimits) -> Result<Posted, WebError> {
    let mut posted = Posted::default();
    let mut total = 0_usize;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "files" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let content = bounded(field, limits.max_bytes_each, || {
                refused(
                    "files",
                    AttachmentError::TooLarge { name: file_name.clone(), max_mb: limits.max_bytes_each >> 20 }
                        .to_string(),
                )
            })
            .await?;
            if file_name.is_empty() && content.is_empty() {
                continue;
            }
            if posted.files.len() == limits.max_files {
                return Err(refused("files", AttachmentError::TooMany { max: limits.max_files }.to_string()));
            }
            total += content.len();
            if total > limits.max_bytes_total {
                let max_mb = limits.max_bytes_total >> 20;
                return Err(refused("files", AttachmentError::TotalTooLarge { max_mb }.to_string()));
            }
            posted.files.push((file_name, content));
            continue;
        }
        let Some(slot) = slot(&mut posted, &name) else { continue };
        let too_long = || refused(static_name(&name), format!("{name}: quá dài / {name}: far too long"));
        let bytes = bounded(field, FIELD_BYTES, too_long).await?;
        *slot = String::from_utf8(bytes)
            .map_err(|_| refused(static_name(&name), format!("{name}: không phải văn bản UTF-8 / not UTF-8 text")))?;
    }
    Ok(posted)
}

/// The content of a part, refused with `too_large` as soon as it passes `max` bytes.
async fn bounded(mut field: Field<'_>, max: usize, too_large: impl Fn() -> WebError) -> Result<Vec<u8>, WebError> {
    let mut out = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
        if out.len() + chunk.len() > max {
            return Err(too_large());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// The names of the form's text fields, as the API and the form write them.
pub const FIELDS: [&str; 13] = [
    "unit",
    "name",
    "id_number",
    "address",
    "phone",
    "email",
    "court",
    "judgment_no",
    "judgment_date",
    "asked",
    "debtor",
    "debtor_address",
    "lang",
];

fn static_name(name: &str) -> &'static str {
    FIELDS.iter().find(|f| **f == name).copied().unwrap_or("form")
}

fn slot<'a>(p: &'a mut Posted, name: &str) -> Option<&'a mut String> {
    let t = &mut p.text;
    Some(match name {
        "unit" => &mut p.unit,
        "lang" => &mut p.lang,
        "name" => &mut t.name,
        "id_number" => &mut t.id_number,
        "address" => &mut t.address,
        "phone" => &mut t.phone,
        "email" => &mut t.email,
        "court" => &mut t.court,
        "judgment_no" => &mut t.judgment_no,
        "judgment_date" => &mut t.judgment_date,
        "asked" => &mut t.asked,
        "debtor" => &mut t.debtor,
        "debtor_address" => &mut t.debtor_address,
        _ => return None,
    })
}
