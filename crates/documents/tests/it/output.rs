//! Reading back what was written: the text of a PDF (poppler's `pdftotext`, which CI installs
//! with poppler-utils) and of a DOCX, and pictures of the pages for a person to look at.

use std::io::Read;
use std::path::PathBuf;
use std::process::Command;

use unicode_normalization::UnicodeNormalization;

/// `target/documents/`, where the rendered files and page pictures are kept for review.
pub fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/documents");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The text of a PDF file in reading order, one string per page.
pub fn pdf_pages(path: &std::path::Path) -> Result<Vec<String>, String> {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext is needed (apt-get install poppler-utils): {e}"))?;
    if !out.status.success() {
        return Err(format!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

/// The pages of one document without their numbers: every page after the first must start
/// with its number (NĐ 30: numbered from the second page, in the top margin).
pub fn without_page_numbers(mut pages: Vec<String>) -> Result<Vec<String>, String> {
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let number = (i + 1).to_string();
        let mut lines = page.lines();
        let first = lines.next().unwrap_or("");
        if first.trim() != number {
            return Err(format!("page {} does not start with its number: {first:?}", i + 1));
        }
        *page = lines.collect::<Vec<_>>().join("\n");
    }
    Ok(pages)
}

/// The paragraphs of a DOCX's `word/document.xml`.
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    Ok(thads_documents::docx::document_text(&xml))
}

/// Words separated by single spaces, in NFC: line breaks and justification differ between
/// the outputs, the words and their letters must not.
pub fn words(text: &str) -> String {
    text.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders the PDF's pages as PNG pictures at 60 dpi (`pdftoppm`), next to the PDF.
pub fn pictures(pdf: &std::path::Path) -> Result<(), String> {
    let prefix = pdf.with_extension("");
    // Pictures of an earlier, longer rendering must not stay behind.
    for page in 1..=20 {
        let _ = std::fs::remove_file(format!("{}-{page}.png", prefix.display()));
    }
    let status = Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .map_err(|e| format!("pdftoppm is needed (apt-get install poppler-utils): {e}"))?;
    if status.success() { Ok(()) } else { Err("pdftoppm failed".into()) }
}
