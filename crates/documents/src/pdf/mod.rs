//! PDF output: documents laid out on A4 pages, text drawn with subsets of the embedded serif
//! (one subset per style for the whole file, so a thousand notices share their fonts), every
//! glyph mapped back to its character so that the text extracts with its diacritics.

mod font;
mod layout;

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::document::Document;
use crate::document::RenderError;
use font::{FaceData, Style, UsedGlyphs, compress};
use layout::{Item, PAGE_HEIGHT, PAGE_WIDTH, Page};

pub(crate) use font::{faces, first_unprintable};

/// The resource names of the four styles.
const FONT_NAMES: [&[u8]; 4] = [b"F0", b"F1", b"F2", b"F3"];

/// Writes the documents one after the other into one PDF, each starting on a new page and
/// numbering its own pages.
pub fn write(documents: &[Document]) -> Result<Vec<u8>, RenderError> {
    let faces = faces()?;
    let mut next_id = 1;
    let mut next = move || {
        next_id += 1;
        Ref::new(next_id)
    };
    let (catalog, tree, info) = (Ref::new(1), next(), next());
    let fonts: Vec<Ref> = (0..4).map(|_| next()).collect();
    let mut pdf = Pdf::new();
    let mut used: Vec<UsedGlyphs> = (0..4).map(|_| UsedGlyphs::new()).collect();
    let mut page_refs = Vec::new();
    for document in documents {
        for page in layout::layout(document, faces) {
            let (page_ref, content_ref) = (next(), next());
            let content = page_content(&page, faces, &mut used);
            pdf.stream(content_ref, &compress(&content)?).filter(Filter::FlateDecode);
            let mut writer = pdf.page(page_ref);
            writer.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).parent(tree).contents(content_ref);
            let mut resources = writer.resources();
            let mut font_dict = resources.fonts();
            for (name, font) in FONT_NAMES.iter().zip(&fonts) {
                font_dict.pair(Name(name), *font);
            }
            font_dict.finish();
            resources.finish();
            writer.finish();
            page_refs.push(page_ref);
        }
    }
    pdf.pages(tree).kids(page_refs.iter().copied()).count(page_refs.len() as i32);
    let title = documents.first().map(|d| d.name.clone()).unwrap_or_default();
    pdf.catalog(catalog).pages(tree).lang(TextStr("vi"));
    pdf.document_info(info).title(TextStr(&title)).producer(TextStr("THADS"));
    for (i, (glyphs, font_ref)) in used.iter().zip(&fonts).enumerate() {
        // A style no page used still gets a font object (every page names all four); its
        // subset holds only the missing-glyph box.
        let tag = subset_tag(i);
        glyphs.write(&mut pdf, &faces[i], *font_ref, &tag, &mut next)?;
    }
    Ok(pdf.finish())
}

/// The six capital letters that name a font subset (PDF 32000-1, 9.6.4).
fn subset_tag(index: usize) -> String {
    ["THDSAA", "THDSAB", "THDSAC", "THDSAD"].get(index).copied().unwrap_or("THDSZZ").to_string()
}

/// The content stream of one page.
fn page_content(page: &Page, faces: &[FaceData], used: &mut [UsedGlyphs]) -> Vec<u8> {
    let mut content = Content::new();
    for item in &page.items {
        match item {
            Item::Text { x, y, size, style, text, extra_space } => {
                text_item(&mut content, *x, *y, *size, *style, text, *extra_space, faces, used);
            }
            Item::Rule { x1, x2, y } => {
                content.set_line_width(0.6).move_to(*x1, *y).line_to(*x2, *y).stroke();
            }
        }
    }
    content.finish().to_vec()
}

/// Draws a text on a baseline; justification adds `extra` after each space with TJ offsets
/// (a composite font ignores the word-spacing operator).
#[expect(clippy::too_many_arguments, reason = "one drawing call, its coordinates and style")]
fn text_item(
    content: &mut Content,
    x: f32,
    y: f32,
    size: f32,
    style: Style,
    text: &str,
    extra: f32,
    faces: &[FaceData],
    used: &mut [UsedGlyphs],
) {
    let (face, glyphs) = (&faces[style.index()], &mut used[style.index()]);
    content.begin_text();
    content.set_font(Name(FONT_NAMES[style.index()]), size);
    content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
    if extra == 0.0 {
        content.show(Str(&encode(text, face, glyphs)));
    } else {
        let mut shown = content.show_positioned();
        let mut items = shown.items();
        let mut chunks = text.split_inclusive(' ').peekable();
        while let Some(chunk) = chunks.next() {
            items.show(Str(&encode(chunk, face, glyphs)));
            if chunk.ends_with(' ') && chunks.peek().is_some() {
                items.adjust(-extra * 1000.0 / size);
            }
        }
    }
    content.end_text();
}

/// The text as two-byte glyph ids of the subset.
fn encode(text: &str, face: &FaceData, glyphs: &mut UsedGlyphs) -> Vec<u8> {
    text.chars().flat_map(|c| glyphs.encode(face, c).to_be_bytes()).collect()
}
