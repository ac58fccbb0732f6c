//! What is wrong with a template, where: the line and column an author must look at, and the
//! field concerned.

use std::fmt;

use crate::fields::FieldType;

/// One problem of a template, at a line (1-based) and column (1-based, in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub line: usize,
    pub column: usize,
    pub kind: TemplateErrorKind,
}

/// What the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateErrorKind {
    /// `{debtor_nmae}`: no such field in the catalogue.
    UnknownField(String),
    /// `{issue_date:words}`: that format does not apply to the field's type.
    FormatMismatch {
        field: String,
        format: String,
        ty: FieldType,
    },
    /// `{amount:wrds}`: no such format at all.
    UnknownFormat {
        field: String,
        format: String,
    },
    /// `{debtor_name` without its `}`, or a `}` alone.
    UnclosedPlaceholder,
    StrayBrace,
    /// `**` or `__` opened and not closed on the same line.
    UnclosedStyle(&'static str),
    /// `::: body` with no `:::` after it.
    UnclosedBlock(String),
    /// A `:::` that closes nothing, an `::: else` outside an `::: if`.
    StrayClose,
    StrayElse,
    UnknownBlock(String),
    /// A block opened inside another block (only `::: if` nests).
    NestedBlock(String),
    /// A block that may appear once, twice.
    RepeatedBlock(String),
    /// A required block (agency, title, body, signature) is absent.
    MissingBlock(&'static str),
    /// Text outside any block.
    OutsideBlock,
    /// Two list fields that would each repeat the same line.
    TwoLists {
        first: String,
        second: String,
    },
    /// `~` (the signing space) outside a signature block.
    GapOutsideSignature,
    /// A control or invisible character in the template text (a tab inside a line too).
    HiddenCharacter,
    /// A character the document's font cannot print.
    Unprintable(char),
    /// The template is longer than a document template can sensibly be.
    TooLong,
}

impl TemplateErrorKind {
    /// The field the problem concerns, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            TemplateErrorKind::UnknownField(f)
            | TemplateErrorKind::FormatMismatch { field: f, .. }
            | TemplateErrorKind::UnknownFormat { field: f, .. } => Some(f),
            TemplateErrorKind::TwoLists { second, .. } => Some(second),
            _ => None,
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dòng {}, cột {}: ", self.line, self.column)?;
        use TemplateErrorKind::*;
        match &self.kind {
            UnknownField(name) => write!(f, "trường không xác định «{name}» / unknown field «{name}»"),
            FormatMismatch { field, format, ty } => write!(
                f,
                "trường «{field}» kiểu {ty} không viết được theo dạng «{format}» / field «{field}» of type {} cannot be written as «{format}»",
                ty.code()
            ),
            UnknownFormat { field, format } => write!(
                f,
                "dạng «{format}» không tồn tại (trường «{field}») / unknown format «{format}» for field «{field}»"
            ),
            UnclosedPlaceholder => write!(f, "thiếu «}}» đóng trường / placeholder not closed with «}}»"),
            StrayBrace => {
                write!(f, "dấu «}}» thừa (viết «}}}}» để in dấu ngoặc) / stray «}}» (write «}}}}» for a literal brace)")
            }
            UnclosedStyle(marker) => {
                write!(f, "«{marker}» mở mà không đóng trên cùng dòng / «{marker}» opened and not closed on this line")
            }
            UnclosedBlock(name) => {
                write!(f, "khối «{name}» mở mà không đóng bằng «:::» / block «{name}» not closed with «:::»")
            }
            StrayClose => write!(f, "«:::» không đóng khối nào / «:::» closes no block"),
            StrayElse => write!(f, "«::: else» nằm ngoài «::: if» / «::: else» outside «::: if»"),
            UnknownBlock(name) => write!(f, "khối không xác định «{name}» / unknown block «{name}»"),
            NestedBlock(name) => {
                write!(f, "khối «{name}» nằm trong một khối khác / block «{name}» inside another block")
            }
            RepeatedBlock(name) => write!(f, "khối «{name}» chỉ được có một lần / block «{name}» may appear once"),
            MissingBlock(name) => write!(f, "thiếu khối bắt buộc «{name}» / required block «{name}» is missing"),
            OutsideBlock => write!(f, "nội dung nằm ngoài khối (mở khối bằng «::: tên») / text outside a block"),
            TwoLists { first, second } => write!(
                f,
                "một dòng chỉ lặp theo một danh sách: «{first}» và «{second}» / one line repeats for one list only: «{first}» and «{second}»"
            ),
            GapOutsideSignature => {
                write!(f, "«~» (chỗ ký) chỉ dùng trong khối signature / «~» (signing space) only in a signature block")
            }
            HiddenCharacter => write!(f, "ký tự điều khiển hoặc ký tự ẩn / control or invisible character"),
            Unprintable(c) => {
                write!(f, "phông chữ của văn bản không in được ký tự «{c}» / the document's font cannot print «{c}»")
            }
            TooLong => write!(f, "mẫu quá dài / template too long"),
        }
    }
}

/// Every problem found in a template (an author fixes them all at once).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct TemplateErrors(pub Vec<TemplateError>);

impl fmt::Display for TemplateErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "mẫu văn bản không hợp lệ / invalid template:")?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}
