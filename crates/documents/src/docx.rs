//! DOCX output (Office Open XML, the smallest package Word and LibreOffice open): the same
//! blocks as the PDF, the header and the closing as borderless two-column tables, Times New
//! Roman as the font (the officer's machine has it; the PDF embeds its metric twin), A4 with
//! the decree's margins, page numbers in the header from the second page on.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::document::RenderError;
use crate::document::{Document, MOTTO, NATIONAL_TITLE, RECIPIENTS_HEADING, Run, SignatureLine};

/// The text width between the margins (210 − 30 − 15 mm), in twips.
const TEXT_TWIPS: i32 = 9354;
/// The header's and the closing's left column (as in the PDF: 42 % of the text width).
const LEFT_TWIPS: i32 = 3929;

/// Sizes in half-points, as in the PDF.
const AGENCY: u32 = 25;
const NATIONAL: u32 = 25;
const MOTTO_SIZE: u32 = 26;
const NUMBER: u32 = 26;
const TITLE: u32 = 28;
const BODY: u32 = 26;
const RECIPIENTS_HEADING_SIZE: u32 = 24;
const RECIPIENTS: u32 = 22;
const SIGNATURE: u32 = 26;

/// Writes one document as a DOCX package.
pub fn write(doc: &Document) -> Result<Vec<u8>, RenderError> {
    let files: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", STYLES.to_string()),
        ("word/header1.xml", HEADER.to_string()),
        ("word/document.xml", document_xml(doc)?),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed date keeps the package the same for the same document (no clock read here).
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, content) in files {
        zip.start_file(name, options).map_err(|_| RenderError::Output("DOCX"))?;
        zip.write_all(content.as_bytes()).map_err(|_| RenderError::Output("DOCX"))?;
    }
    zip.finish().map(Cursor::into_inner).map_err(|_| RenderError::Output("DOCX"))
}

/// The body of `word/document.xml`.
fn document_xml(doc: &Document) -> Result<String, RenderError> {
    let mut x = String::with_capacity(16 * 1024);
    x.push_str(DOCUMENT_OPEN);
    header_table(&mut x, doc)?;
    for (i, p) in doc.title.iter().enumerate() {
        paragraph(&mut x, &p.runs, TITLE, "center", 0, 0);
        if i + 1 == doc.title.len() && doc.title.len() > 1 {
            rule(&mut x, text_width_twips(&p.text(), true, TITLE)? * 35 / 100, TEXT_TWIPS);
        }
    }
    empty(&mut x);
    for (i, p) in doc.body.iter().enumerate() {
        let (jc, indent) = if p.centered { ("center", 0) } else { ("both", 720) };
        let start = x.len();
        paragraph(&mut x, &p.runs, BODY, jc, indent, 120);
        // The last paragraph stays on the page of the signature (as in the PDF).
        if i + 1 == doc.body.len() {
            x.replace_range(start..start + "<w:p><w:pPr>".len(), "<w:p><w:pPr><w:keepNext/>");
        }
    }
    closing_table(&mut x, doc);
    x.push_str(DOCUMENT_CLOSE);
    Ok(x)
}

fn header_table(x: &mut String, doc: &Document) -> Result<(), RenderError> {
    table_open(x, &[LEFT_TWIPS, TEXT_TWIPS - LEFT_TWIPS]);
    cell_open(x, LEFT_TWIPS);
    for (i, p) in doc.agency.iter().enumerate() {
        paragraph(x, &p.runs, AGENCY, "center", 0, 0);
        if i + 1 == doc.agency.len() {
            let width = text_width_twips(&p.text(), true, AGENCY)?.min(LEFT_TWIPS);
            rule(x, width * 40 / 100, LEFT_TWIPS);
        }
    }
    if let Some(number) = &doc.number {
        paragraph(x, &number.runs, NUMBER, "center", 0, 0);
    }
    cell_close(x);
    cell_open(x, TEXT_TWIPS - LEFT_TWIPS);
    paragraph(x, &[bold(NATIONAL_TITLE)], NATIONAL, "center", 0, 0);
    underlined_paragraph(x, MOTTO, MOTTO_SIZE);
    if let Some(place_date) = &doc.place_date {
        paragraph(x, &place_date.runs, NUMBER, "center", 0, 0);
    }
    cell_close(x);
    table_close(x);
    empty(x);
    Ok(())
}

fn closing_table(x: &mut String, doc: &Document) {
    x.push_str("<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>");
    let columns: Vec<i32> = if doc.recipients.is_empty() {
        let n = i32::try_from(doc.signatures.len().max(1)).unwrap_or(1);
        vec![TEXT_TWIPS / n; doc.signatures.len()]
    } else {
        vec![LEFT_TWIPS, TEXT_TWIPS - LEFT_TWIPS]
    };
    table_open(x, &columns);
    let mut widths = columns.iter();
    if !doc.recipients.is_empty() {
        cell_open(x, LEFT_TWIPS);
        widths.next();
        let heading = Run { text: RECIPIENTS_HEADING.to_string(), bold: true, italic: true };
        paragraph(x, &[heading], RECIPIENTS_HEADING_SIZE, "left", 0, 0);
        for p in &doc.recipients {
            paragraph(x, &p.runs, RECIPIENTS, "left", 0, 0);
        }
        cell_close(x);
    }
    for (signature, width) in doc.signatures.iter().zip(widths) {
        cell_open(x, *width);
        for line in signature {
            match line {
                SignatureLine::Text(p) => paragraph(x, &p.runs, SIGNATURE, "center", 0, 0),
                SignatureLine::Gap => (0..4).for_each(|_| empty(x)),
            }
        }
        cell_close(x);
    }
    table_close(x);
}

fn bold(text: &str) -> Run {
    Run { text: text.to_string(), bold: true, italic: false }
}

/// A paragraph of runs; `indent` is the first-line indent and `after` the spacing after, in
/// twips; lines are exactly 1.2 × the size apart, as in the PDF, so both break pages alike.
fn paragraph(x: &mut String, runs: &[Run], size: u32, jc: &str, indent: i32, after: i32) {
    let line = size * 12;
    x.push_str(&format!(
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"{after}\" w:line=\"{line}\" w:lineRule=\"exact\"/>\
         <w:ind w:firstLine=\"{indent}\"/><w:jc w:val=\"{jc}\"/></w:pPr>"
    ));
    for run in runs {
        text_run(x, run, size, false);
    }
    x.push_str("</w:p>");
}

/// The motto: bold, underlined over exactly its length (NĐ 30 draws a line as long as it).
fn underlined_paragraph(x: &mut String, text: &str, size: u32) {
    x.push_str("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>");
    text_run(x, &bold(text), size, true);
    x.push_str("</w:p>");
}

/// One run; its properties in the order the schema requires (b, i, sz, szCs, u).
fn text_run(x: &mut String, run: &Run, size: u32, underline: bool) {
    let bold = if run.bold { "<w:b/>" } else { "" };
    let italic = if run.italic { "<w:i/>" } else { "" };
    let underline = if underline { "<w:u w:val=\"single\"/>" } else { "" };
    x.push_str(&format!(
        "<w:r><w:rPr>{bold}{italic}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>{underline}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(&run.text)
    ));
}

/// A centred horizontal rule `length` twips long inside a column `column` twips wide: an empty
/// paragraph with a top border, indented from both sides.
fn rule(x: &mut String, length: i32, column: i32) {
    let side = ((column - length) / 2).max(0);
    x.push_str(&format!(
        "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>\
         <w:spacing w:before=\"20\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>\
         <w:ind w:left=\"{side}\" w:right=\"{side}\"/></w:pPr></w:p>"
    ));
}

fn empty(x: &mut String) {
    x.push_str("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>");
}

fn table_open(x: &mut String, columns: &[i32]) {
    x.push_str(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>\
         <w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/>\
         <w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
         <w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>",
    );
    for width in columns {
        x.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    // A row is never split across pages: the closing block stays whole.
    x.push_str("</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>");
}

fn table_close(x: &mut String) {
    x.push_str("</w:tr></w:tbl>");
}

fn cell_open(x: &mut String, width: i32) {
    x.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"));
}

fn cell_close(x: &mut String) {
    x.push_str("</w:tc>");
}

/// The width of a text in the embedded font's metrics (Times New Roman's), in twips.
fn text_width_twips(text: &str, bold: bool, half_points: u32) -> Result<i32, RenderError> {
    let faces = crate::pdf::faces()?;
    let points = faces[usize::from(bold)].width(text, half_points as f32 / 2.0);
    Ok((points * 20.0) as i32)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The paragraphs' text of a `word/document.xml`, one a line (empty paragraphs left out):
/// what a reader of the DOCX sees, for the golden tests.
pub fn document_text(xml: &str) -> String {
    let mut lines = Vec::new();
    for paragraph in xml.split("<w:p>").skip(1) {
        let paragraph = paragraph.split("</w:p>").next().unwrap_or("");
        let mut line = String::new();
        for piece in paragraph.split("<w:t xml:space=\"preserve\">").skip(1) {
            line.push_str(piece.split("</w:t>").next().unwrap_or(""));
        }
        if !line.is_empty() {
            lines.push(unescape(&line));
        }
    }
    lines.join("\n")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;

/// Times New Roman 13 pt, Vietnamese, for every paragraph.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;

/// The page number, centred, 13 pt (not shown on the first page: `titlePg` in the section).
const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#;

const DOCUMENT_OPEN: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#;

/// A4, margins top and bottom 20 mm, left 30 mm, right 15 mm (NĐ 30/2020/NĐ-CP).
const DOCUMENT_CLOSE: &str = r#"<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_read_back() {
        let mut x = String::new();
        paragraph(&mut x, &[bold("A & <B> \"C\"")], BODY, "both", 720, 120);
        assert!(x.contains("A &amp; &lt;B&gt; &quot;C&quot;"));
        assert_eq!(document_text(&x), "A & <B> \"C\"");
    }
}
