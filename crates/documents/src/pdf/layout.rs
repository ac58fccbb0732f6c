//! Placing a document on A4 pages the way NĐ 30/2020/NĐ-CP (Phụ lục I) lays out an
//! administrative document: agency and number on the left, national title and place-date on
//! the right, the title centred with a short rule under its summary, the body justified with a
//! first-line indent, recipients on the left and the signature on the right at the end, page
//! numbers centred in the top margin from the second page on.

use crate::document::{Document, MOTTO, NATIONAL_TITLE, RECIPIENTS_HEADING, Run, SignatureLine};
use crate::pdf::font::{FaceData, Style};

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
/// Margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm (NĐ 30, Phụ lục I, II.1).
const MARGIN_TOP: f32 = 20.0 * MM;
const MARGIN_BOTTOM: f32 = 20.0 * MM;
const MARGIN_LEFT: f32 = 30.0 * MM;
const MARGIN_RIGHT: f32 = 15.0 * MM;
const TEXT_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// The header's left column (agency, number); the right one holds the national title.
const LEFT_COLUMN: f32 = TEXT_WIDTH * 0.42;

/// Sizes in points: 12–13 for the agency and national title, 13–14 for the motto, title and
/// body, 11 for the recipients (NĐ 30, Phụ lục I, mục II).
const AGENCY_SIZE: f32 = 12.5;
const NATIONAL_SIZE: f32 = 12.5;
const MOTTO_SIZE: f32 = 13.0;
const NUMBER_SIZE: f32 = 13.0;
const PLACE_DATE_SIZE: f32 = 13.0;
const TITLE_SIZE: f32 = 14.0;
const BODY_SIZE: f32 = 13.0;
const RECIPIENTS_HEADING_SIZE: f32 = 12.0;
const RECIPIENTS_SIZE: f32 = 11.0;
const SIGNATURE_SIZE: f32 = 13.0;
const PAGE_NUMBER_SIZE: f32 = 13.0;
/// Line height as a multiple of the size (between single and 1.5 lines), paragraph spacing
/// at least 6 pt, first-line indent 1–1.27 cm.
const LEADING: f32 = 1.2;
const PARAGRAPH_SPACING: f32 = 6.0;
const INDENT: f32 = 1.27 * 10.0 * MM;
/// The space left for a signature and seal.
const SIGNING_SPACE: f32 = 64.0;

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// Text on a baseline; `extra_space` is added after each space (justification).
    Text { x: f32, y: f32, size: f32, style: Style, text: String, extra_space: f32 },
    /// A horizontal rule.
    Rule { x1: f32, x2: f32, y: f32 },
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    /// Justified, the first line indented by this much (the last line is not stretched).
    Justify(f32),
}

/// A line after breaking: its pieces by style, natural width and number of spaces.
struct BrokenLine {
    pieces: Vec<(Style, String)>,
    width: f32,
    spaces: usize,
    last: bool,
}

/// One word with its pieces (a word may change style midway) and width.
struct Word {
    pieces: Vec<(Style, String)>,
    width: f32,
    space_width: f32,
}

fn style_of(run: &Run) -> Style {
    Style { bold: run.bold, italic: run.italic }
}

/// Splits runs into words at spaces; each word remembers the width of a space in its style.
fn words(runs: &[Run], size: f32, faces: &[FaceData]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current = Word { pieces: vec![], width: 0.0, space_width: 0.0 };
    for run in runs {
        let style = style_of(run);
        let face = &faces[style.index()];
        for (i, part) in run.text.split(' ').enumerate() {
            if i > 0 {
                current.space_width = face.width(" ", size);
                if !current.pieces.is_empty() {
                    words.push(std::mem::replace(&mut current, Word { pieces: vec![], width: 0.0, space_width: 0.0 }));
                }
            }
            if !part.is_empty() {
                current.width += face.width(part, size);
                current.pieces.push((style, part.to_string()));
            }
        }
    }
    if !current.pieces.is_empty() {
        words.push(current);
    }
    words
}

/// Greedy line breaking at spaces (Vietnamese is not hyphenated); a word wider than the line
/// is put on a line of its own and runs over rather than being cut inside a syllable.
fn break_lines(runs: &[Run], size: f32, width: f32, first_indent: f32, faces: &[FaceData]) -> Vec<BrokenLine> {
    let mut lines = Vec::new();
    let mut line = BrokenLine { pieces: vec![], width: 0.0, spaces: 0, last: false };
    let mut available = width - first_indent;
    for word in words(runs, size, faces) {
        let space = if line.pieces.is_empty() { 0.0 } else { word.space_width };
        if !line.pieces.is_empty() && line.width + space + word.width > available {
            lines.push(std::mem::replace(&mut line, BrokenLine { pieces: vec![], width: 0.0, spaces: 0, last: false }));
            available = width;
        }
        if !line.pieces.is_empty() {
            line.width += word.space_width;
            line.spaces += 1;
            let style = word.pieces.first().map_or(Style::REGULAR, |p| p.0);
            push_piece(&mut line.pieces, style, " ");
        }
        line.width += word.width;
        for (style, text) in word.pieces {
            push_piece(&mut line.pieces, style, &text);
        }
    }
    line.last = true;
    lines.push(line);
    lines
}

fn push_piece(pieces: &mut Vec<(Style, String)>, style: Style, text: &str) {
    match pieces.last_mut() {
        Some((s, t)) if *s == style => t.push_str(text),
        _ => pieces.push((style, text.to_string())),
    }
}

/// The pages being filled, and where the next line goes.
struct Flow<'f> {
    faces: &'f [FaceData],
    pages: Vec<Page>,
    /// The top of the next line.
    y: f32,
}

impl<'f> Flow<'f> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = PAGE_HEIGHT - MARGIN_TOP;
    }

    /// Places one paragraph in the column [x, x + width], breaking pages when `may_break`.
    fn paragraph(&mut self, p: &[Run], size: f32, x: f32, width: f32, align: Align, may_break: bool) {
        let indent = if let Align::Justify(indent) = align { indent } else { 0.0 };
        let lines = break_lines(p, size, width, indent, self.faces);
        for (i, line) in lines.iter().enumerate() {
            let height = size * LEADING;
            if may_break && self.y - height < MARGIN_BOTTOM {
                self.new_page();
            }
            let baseline = self.y - size;
            let first = if i == 0 { indent } else { 0.0 };
            let (start, extra) = match align {
                Align::Left => (x + first, 0.0),
                Align::Center => (x + (width - line.width) / 2.0, 0.0),
                Align::Justify(_) if line.last || line.spaces == 0 => (x + first, 0.0),
                Align::Justify(_) => (x + first, ((width - first - line.width) / line.spaces as f32).max(0.0)),
            };
            self.place(line, start, baseline, size, extra);
            self.y -= height;
        }
    }

    /// Draws a broken line's pieces from `x`, adding `extra` after each space.
    fn place(&mut self, line: &BrokenLine, mut x: f32, y: f32, size: f32, extra: f32) {
        let faces = self.faces;
        let page = self.page();
        for (style, text) in &line.pieces {
            let face = &faces[style.index()];
            page.items.push(Item::Text { x, y, size, style: *style, text: text.clone(), extra_space: extra });
            let spaces = text.chars().filter(|c| *c == ' ').count() as f32;
            x += face.width(text, size) + spaces * extra;
        }
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32) {
        self.page().items.push(Item::Rule { x1, x2, y });
    }

    /// A single centred line of one style, with a rule under it of `rule` times its width.
    fn centered(&mut self, text: &str, size: f32, style: Style, x: f32, width: f32, rule: Option<f32>) {
        let runs = [Run { text: text.to_string(), bold: style.bold, italic: style.italic }];
        self.centered_runs(&runs, size, x, width, rule);
    }

    fn centered_runs(&mut self, runs: &[Run], size: f32, x: f32, width: f32, rule: Option<f32>) {
        let lines = break_lines(runs, size, width, 0.0, self.faces);
        let widest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        self.paragraph(runs, size, x, width, Align::Center, false);
        if let Some(fraction) = rule {
            let length = widest * fraction;
            // Under the last line's descenders: its baseline is one line above the flow.
            let baseline = self.y + size * LEADING - size;
            let y = baseline - size * 0.3;
            let middle = x + width / 2.0;
            self.rule(middle - length / 2.0, middle + length / 2.0, y);
            self.y -= size * 0.15;
        }
    }
}

/// Lays out one document from the top of a new page.
pub(crate) fn layout(doc: &Document, faces: &[FaceData]) -> Vec<Page> {
    let mut flow = Flow { faces, pages: vec![Page::default()], y: PAGE_HEIGHT - MARGIN_TOP };
    header(&mut flow, doc);
    title(&mut flow, doc);
    let closing_space = closing_height(faces, doc) + PARAGRAPH_SPACING;
    for (i, p) in doc.body.iter().enumerate() {
        let (align, indent) = if p.centered { (Align::Center, 0.0) } else { (Align::Justify(INDENT), INDENT) };
        // The signature never stands alone on a page: the last paragraph goes with it.
        if i + 1 == doc.body.len() {
            let lines = break_lines(&p.runs, BODY_SIZE, TEXT_WIDTH, indent, faces).len() as f32;
            let needed = lines * BODY_SIZE * LEADING + PARAGRAPH_SPACING + closing_space;
            if flow.y - needed < MARGIN_BOTTOM && needed < PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM {
                flow.new_page();
            }
        }
        flow.paragraph(&p.runs, BODY_SIZE, MARGIN_LEFT, TEXT_WIDTH, align, true);
        flow.y -= PARAGRAPH_SPACING;
    }
    closing(&mut flow, doc);
    number_pages(&mut flow.pages, faces);
    flow.pages
}

/// The two header columns, side by side; the flow continues under the longer one.
fn header(flow: &mut Flow<'_>, doc: &Document) {
    let top = flow.y;
    let count = doc.agency.len();
    for (i, p) in doc.agency.iter().enumerate() {
        let rule = (i + 1 == count).then_some(0.4);
        flow.centered_runs(&p.runs, AGENCY_SIZE, MARGIN_LEFT, LEFT_COLUMN, rule);
    }
    if let Some(number) = &doc.number {
        flow.y -= PARAGRAPH_SPACING;
        flow.centered_runs(&number.runs, NUMBER_SIZE, MARGIN_LEFT, LEFT_COLUMN, None);
    }
    let left_bottom = flow.y;
    flow.y = top;
    let (x, width) = (MARGIN_LEFT + LEFT_COLUMN, TEXT_WIDTH - LEFT_COLUMN);
    let national = NATIONAL_SIZE.min(fit(flow.faces, NATIONAL_TITLE, Style::BOLD, NATIONAL_SIZE, width));
    flow.centered(NATIONAL_TITLE, national, Style::BOLD, x, width, None);
    flow.centered(MOTTO, MOTTO_SIZE, Style::BOLD, x, width, Some(1.0));
    if let Some(place_date) = &doc.place_date {
        flow.y -= PARAGRAPH_SPACING;
        flow.centered_runs(&place_date.runs, PLACE_DATE_SIZE, x, width, None);
    }
    flow.y = flow.y.min(left_bottom) - 2.0 * PARAGRAPH_SPACING;
}

/// The size at which a text fits a width.
fn fit(faces: &[FaceData], text: &str, style: Style, size: f32, width: f32) -> f32 {
    let natural = faces[style.index()].width(text, size);
    if natural <= width { size } else { size * width / natural }
}

/// The kind of document and its summary, with a rule of a third of the summary's width.
fn title(flow: &mut Flow<'_>, doc: &Document) {
    let count = doc.title.len();
    for (i, p) in doc.title.iter().enumerate() {
        let rule = (i + 1 == count && count > 1).then_some(0.35);
        flow.centered_runs(&p.runs, TITLE_SIZE, MARGIN_LEFT, TEXT_WIDTH, rule);
    }
    flow.y -= 2.0 * PARAGRAPH_SPACING;
}

/// Recipients on the left and the signature on the right, or several signatures side by
/// side; kept together on one page.
fn closing(flow: &mut Flow<'_>, doc: &Document) {
    flow.y -= PARAGRAPH_SPACING;
    let height = closing_height(flow.faces, doc);
    if flow.y - height < MARGIN_BOTTOM {
        flow.new_page();
    }
    draw_closing(flow, doc);
}

fn draw_closing(flow: &mut Flow<'_>, doc: &Document) {
    let top = flow.y;
    let mut bottom = top;
    let columns: Vec<(f32, f32)> = if doc.recipients.is_empty() {
        let n = doc.signatures.len().max(1) as f32;
        (0..doc.signatures.len()).map(|i| (MARGIN_LEFT + TEXT_WIDTH / n * i as f32, TEXT_WIDTH / n)).collect()
    } else {
        recipients(flow, doc, MARGIN_LEFT, LEFT_COLUMN);
        bottom = flow.y;
        vec![(MARGIN_LEFT + LEFT_COLUMN, TEXT_WIDTH - LEFT_COLUMN)]
    };
    for (signature, (x, width)) in doc.signatures.iter().zip(columns) {
        flow.y = top;
        for line in signature {
            match line {
                SignatureLine::Gap => flow.y -= SIGNING_SPACE,
                SignatureLine::Text(p) => flow.centered_runs(&p.runs, SIGNATURE_SIZE, x, width, None),
            }
        }
        bottom = bottom.min(flow.y);
    }
    flow.y = bottom;
}

fn recipients(flow: &mut Flow<'_>, doc: &Document, x: f32, width: f32) {
    let heading = [Run { text: RECIPIENTS_HEADING.to_string(), bold: true, italic: true }];
    flow.paragraph(&heading, RECIPIENTS_HEADING_SIZE, x, width, Align::Left, false);
    for p in &doc.recipients {
        flow.paragraph(&p.runs, RECIPIENTS_SIZE, x, width, Align::Left, false);
    }
}

/// How tall the closing block is, measured by laying it out on a scratch page.
fn closing_height(faces: &[FaceData], doc: &Document) -> f32 {
    let mut scratch = Flow { faces, pages: vec![Page::default()], y: PAGE_HEIGHT };
    draw_closing(&mut scratch, doc);
    PAGE_HEIGHT - scratch.y
}

/// Page numbers from the second page on, centred in the top margin.
fn number_pages(pages: &mut [Page], faces: &[FaceData]) {
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let text = (i + 1).to_string();
        let width = faces[Style::REGULAR.index()].width(&text, PAGE_NUMBER_SIZE);
        let x = MARGIN_LEFT + (TEXT_WIDTH - width) / 2.0;
        let y = PAGE_HEIGHT - MARGIN_TOP / 2.0 - PAGE_NUMBER_SIZE / 3.0;
        page.items
            .insert(0, Item::Text { x, y, size: PAGE_NUMBER_SIZE, style: Style::REGULAR, text, extra_space: 0.0 });
    }
}

/// Whether any paragraph's text is wider than the page (for tests of breaking).
#[cfg(test)]
pub(crate) fn max_line_width(doc: &Document, faces: &[FaceData]) -> f32 {
    doc.body
        .iter()
        .flat_map(|p| break_lines(&p.runs, BODY_SIZE, TEXT_WIDTH, INDENT, faces))
        .map(|l| l.width)
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Paragraph;
    use crate::pdf::font::faces;

    #[test]
    fn lines_fill_the_width_and_break_only_at_spaces() -> Result<(), String> {
        let faces = faces().map_err(|e| e.to_string())?;
        let text = "Người phải thi hành án có trách nhiệm tự nguyện thi hành án trong thời hạn mười ngày kể từ ngày nhận được Quyết định này. ".repeat(4);
        let runs = [Run { text: text.trim().to_string(), bold: false, italic: false }];
        let lines = break_lines(&runs, BODY_SIZE, TEXT_WIDTH, INDENT, faces);
        assert!(lines.len() >= 4, "{}", lines.len());
        let rejoined: Vec<String> = lines.iter().map(|l| l.pieces.iter().map(|p| p.1.as_str()).collect()).collect();
        assert_eq!(rejoined.join(" "), text.trim());
        for (i, line) in lines.iter().enumerate() {
            let available = if i == 0 { TEXT_WIDTH - INDENT } else { TEXT_WIDTH };
            assert!(line.width <= available, "line {i} overflows: {} > {available}", line.width);
            if !line.last {
                assert!(line.width > available * 0.8, "line {i} is short: {}", line.width);
            }
        }
        let doc = Document { body: vec![Paragraph { centered: false, runs: runs.to_vec() }], ..Document::default() };
        assert!(max_line_width(&doc, faces) <= TEXT_WIDTH);
        Ok(())
    }

    #[test]
    fn a_long_body_flows_onto_numbered_pages() -> Result<(), String> {
        let faces = faces().map_err(|e| e.to_string())?;
        let paragraph = Paragraph::plain(&"Căn cứ kết quả xác minh điều kiện thi hành án. ".repeat(20), false, false);
        let doc = Document { body: vec![paragraph; 12], ..Document::default() };
        let pages = layout(&doc, faces);
        assert!(pages.len() >= 2);
        for (i, page) in pages.iter().enumerate() {
            let numbered = matches!(page.items.first(), Some(Item::Text { text, .. }) if *text == (i + 1).to_string());
            assert_eq!(numbered, i > 0, "page {}", i + 1);
            for item in &page.items {
                if let Item::Text { y, .. } = item {
                    assert!(*y > MARGIN_BOTTOM - 1.0 && *y < PAGE_HEIGHT, "text outside the page: {y}");
                }
            }
        }
        Ok(())
    }
}
