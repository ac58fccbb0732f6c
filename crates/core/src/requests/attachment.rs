//! Attachments of a request (bản án, giấy tờ tùy thân, tài liệu kèm theo): PDF, JPEG or PNG
//! only, the type read from the first bytes of the content (never from the name or the type the
//! browser claims), a name whose extension, when it has one, agrees with the content, and
//! limits on the size of each file, their total and their count.

use serde::{Deserialize, Serialize};

use crate::field::{Field, Kind};

/// Tên tệp as kept and shown.
pub const FILE_NAME: Field = Field { vi: "tên tệp", en: "file name", max_chars: 120, kind: Kind::Line };

/// The types accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Pdf,
    Jpeg,
    Png,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 3] = [AttachmentKind::Pdf, AttachmentKind::Jpeg, AttachmentKind::Png];

    pub fn code(self) -> &'static str {
        match self {
            AttachmentKind::Pdf => "pdf",
            AttachmentKind::Jpeg => "jpeg",
            AttachmentKind::Png => "png",
        }
    }

    pub fn parse(code: &str) -> Option<AttachmentKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The content type a download is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            AttachmentKind::Pdf => "application/pdf",
            AttachmentKind::Jpeg => "image/jpeg",
            AttachmentKind::Png => "image/png",
        }
    }

    /// The type of `content`, by its signature; `None` for anything else (HTML, scripts,
    /// archives, office files…).
    pub fn sniff(content: &[u8]) -> Option<AttachmentKind> {
        if content.starts_with(b"%PDF-") {
            Some(AttachmentKind::Pdf)
        } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(AttachmentKind::Jpeg)
        } else if content.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(AttachmentKind::Png)
        } else {
            None
        }
    }

    /// Whether a file named with `extension` (lower case, no dot) may hold this type.
    fn named_by(self, extension: &str) -> bool {
        match self {
            AttachmentKind::Pdf => extension == "pdf",
            AttachmentKind::Jpeg => matches!(extension, "jpg" | "jpeg" | "jpe"),
            AttachmentKind::Png => extension == "png",
        }
    }
}

/// How many files, and how large, a request may carry. Not the law's: the agency's choice, kept
/// as data so that it can be changed without touching the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentLimits {
    pub max_files: usize,
    pub max_bytes_each: usize,
    pub max_bytes_total: usize,
}

impl Default for AttachmentLimits {
    fn default() -> Self {
        AttachmentLimits { max_files: 5, max_bytes_each: 5 << 20, max_bytes_total: 12 << 20 }
    }
}

impl AttachmentLimits {
    /// The most a whole form may weigh (files and fields), for the body limit of the route.
    pub fn body_bytes(&self) -> usize {
        self.max_bytes_total + (256 << 10)
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    #[error(
        "«{name}»: chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp) / only PDF, JPEG or PNG files are accepted (checked by content)"
    )]
    Type { name: String },
    #[error(
        "«{name}»: tên tệp là .{extension} nhưng nội dung là {actual} / named .{extension} but its content is {actual}"
    )]
    Mismatch { name: String, extension: String, actual: &'static str },
    #[error("«{name}»: tệp rỗng / the file is empty")]
    Empty { name: String },
    #[error("«{name}»: tệp quá lớn, tối đa {max_mb} MB / the file is too large, at most {max_mb} MB")]
    TooLarge { name: String, max_mb: usize },
    #[error("tổng dung lượng tệp quá lớn, tối đa {max_mb} MB / the files together are too large, at most {max_mb} MB")]
    TotalTooLarge { max_mb: usize },
    #[error("quá nhiều tệp, tối đa {max} / too many files, at most {max}")]
    TooMany { max: usize },
    #[error("tên tệp không hợp lệ: {0} / invalid file name")]
    Name(String),
}

/// One file checked: its cleaned name and its type by content. The count and total are the
/// caller's (`AttachmentLimits::max_files`, `max_bytes_total`), which sees them all.
pub fn check_attachment(
    name: &str,
    content: &[u8],
    limits: &AttachmentLimits,
) -> Result<(String, AttachmentKind), AttachmentError> {
    let mut name = FILE_NAME.clean(name).map_err(|e| AttachmentError::Name(e.to_string()))?;
    // A path a browser may send (`C:\fakepath\x.pdf`) keeps only its last part.
    if let Some(last) = name.rsplit(['/', '\\']).next() {
        name = last.to_string();
    }
    if name.is_empty() {
        name = "tep".into();
    }
    if content.is_empty() {
        return Err(AttachmentError::Empty { name });
    }
    if content.len() > limits.max_bytes_each {
        return Err(AttachmentError::TooLarge { name, max_mb: limits.max_bytes_each >> 20 });
    }
    let kind = AttachmentKind::sniff(content).ok_or_else(|| AttachmentError::Type { name: name.clone() })?;
    if let Some((_, extension)) = name.rsplit_once('.') {
        let extension = extension.to_ascii_lowercase();
        if !kind.named_by(&extension) {
            return Err(AttachmentError::Mismatch { name, extension, actual: kind.code() });
        }
    }
    Ok((name, kind))
}
