//! Many documents at once: the same notice for every case due this week, or every party of a
//! distribution, as one merged PDF or a ZIP of DOCX files. Filling stops at the first document
//! whose data is incomplete, naming it, so that no batch goes out with a blank in one letter.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::data::DocumentData;
use crate::document::RenderError;
use crate::fill::fill;
use crate::versions::TemplateVersion;
use crate::{docx, pdf};

/// Why a batch cannot be written: the document (0-based, in the order given) and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("văn bản thứ {} / document {}: {source}", index + 1, index + 1)]
pub struct BulkError {
    pub index: usize,
    pub source: RenderError,
}

/// One PDF of every document, each starting on a new page; `progress` is told how many
/// documents are filled so far (the web app shows it).
pub fn merged_pdf<'a>(
    items: impl IntoIterator<Item = (&'a TemplateVersion, &'a DocumentData)>,
    mut progress: impl FnMut(usize),
) -> Result<Vec<u8>, BulkError> {
    let mut documents = Vec::new();
    for (index, (version, data)) in items.into_iter().enumerate() {
        documents.push(fill(version.template(), data).map_err(|source| BulkError { index, source })?);
        progress(index + 1);
    }
    pdf::write(&documents).map_err(|source| BulkError { index: 0, source })
}

/// A ZIP holding one DOCX per document, named by the caller (names are cleaned of path
/// separators and control characters so that an archive cannot write outside its folder).
pub fn zip_of_docx<'a>(
    items: impl IntoIterator<Item = (String, &'a TemplateVersion, &'a DocumentData)>,
    mut progress: impl FnMut(usize),
) -> Result<Vec<u8>, BulkError> {
    let output = |index| BulkError { index, source: RenderError::Output("ZIP") };
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // Each DOCX is already deflated inside; storing it again compressed gains nothing.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default());
    for (index, (name, version, data)) in items.into_iter().enumerate() {
        let document = fill(version.template(), data).map_err(|source| BulkError { index, source })?;
        let bytes = docx::write(&document).map_err(|source| BulkError { index, source })?;
        zip.start_file(entry_name(&name, index), options).map_err(|_| output(index))?;
        zip.write_all(&bytes).map_err(|_| output(index))?;
        progress(index + 1);
    }
    zip.finish().map(Cursor::into_inner).map_err(|_| output(0))
}

/// `name.docx` with anything that could leave the archive's folder or hide replaced.
fn entry_name(name: &str, index: usize) -> String {
    let clean: String =
        name.chars()
            .take(120)
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let clean = clean.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if clean.is_empty() { format!("{:04}.docx", index + 1) } else { format!("{clean}.docx") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_stay_inside_the_archive() {
        assert_eq!(entry_name("../../etc/passwd", 0), "_.._etc_passwd.docx");
        assert_eq!(entry_name("TB 12-2026 Nguyễn Văn An", 0), "TB 12-2026 Nguyễn Văn An.docx");
        assert_eq!(entry_name("..", 4), "0005.docx");
        assert_eq!(entry_name("a\u{0}b", 0), "a_b.docx");
    }
}
