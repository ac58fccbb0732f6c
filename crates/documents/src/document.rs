//! A filled document: the text of each layout block with its bold and italic runs, ready for
//! either output (PDF or DOCX). Both outputs read the same model, so they say the same words.
//! Here too is why a document could not be made (`RenderError`): filling, choosing a version
//! and both writers give it, and none of them need read another for it.

/// Why a document cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error(
        "thiếu dữ liệu cho trường «{field}» (dòng {line} của mẫu) / missing data for field «{field}» (template line {line})"
    )]
    MissingField { field: &'static str, line: usize },
    #[error("không có mẫu «{kind}» có hiệu lực ngày {date} / no template «{kind}» in force on {date}")]
    NoVersion { kind: String, date: String },
    #[error("không tạo được tệp {0} / cannot write the {0} file")]
    Output(&'static str),
}

/// Quốc hiệu.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Tiêu ngữ.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// The heading of the recipients block.
pub const RECIPIENTS_HEADING: &str = "Nơi nhận:";

/// A stretch of text in one style.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// One paragraph (one line of the template, or one item of a repeated list line).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Paragraph {
    /// Centred instead of justified with a first-line indent (body only).
    pub centered: bool,
    pub runs: Vec<Run>,
}

impl Paragraph {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// A paragraph of one run.
    pub fn plain(text: &str, bold: bool, italic: bool) -> Paragraph {
        Paragraph { centered: false, runs: vec![Run { text: text.to_string(), bold, italic }] }
    }
}

/// A line of a signature block: text, or the space left for the signature and seal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SignatureLine {
    Text(Paragraph),
    Gap,
}

/// Everything a document says, by layout block (kept as JSON for a document as issued).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// The document's title for the PDF's metadata and file names ("QUYẾT ĐỊNH").
    pub name: String,
    /// The superior's name first, the issuing unit's name last (bold).
    pub agency: Vec<Paragraph>,
    pub number: Option<Paragraph>,
    pub place_date: Option<Paragraph>,
    /// The kind of document, then the summary ("Về việc …").
    pub title: Vec<Paragraph>,
    pub body: Vec<Paragraph>,
    pub recipients: Vec<Paragraph>,
    /// One or more signature blocks, side by side.
    pub signatures: Vec<Vec<SignatureLine>>,
}

impl Document {
    /// The document's text in reading order, one paragraph a line: what a reader of the PDF or
    /// the DOCX must find (the golden tests compare the outputs' text with it).
    pub fn plain_text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        lines.extend(self.agency.iter().map(Paragraph::text));
        lines.extend(self.number.iter().map(Paragraph::text));
        lines.push(NATIONAL_TITLE.to_string());
        lines.push(MOTTO.to_string());
        lines.extend(self.place_date.iter().map(Paragraph::text));
        lines.extend(self.title.iter().map(Paragraph::text));
        lines.extend(self.body.iter().map(Paragraph::text));
        if !self.recipients.is_empty() {
            lines.push(RECIPIENTS_HEADING.to_string());
            lines.extend(self.recipients.iter().map(Paragraph::text));
        }
        for block in &self.signatures {
            for line in block {
                if let SignatureLine::Text(p) = line {
                    lines.push(p.text());
                }
            }
        }
        lines.join("\n")
    }
}
