//! The embedded serif (Liberation Serif 2.1, SIL OFL 1.1, metric-compatible with Times New
//! Roman): its four styles, their metrics for line breaking, and the subsets written into a
//! PDF with a ToUnicode map, so that every Vietnamese letter is both drawn and extractable.

use std::sync::OnceLock;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

use crate::document::RenderError;

/// The four styles of the family, indexed by `Style::index`.
const FONT_FILES: [(&[u8], &str); 4] = [
    (include_bytes!("../../fonts/LiberationSerif-Regular.ttf"), "LiberationSerif"),
    (include_bytes!("../../fonts/LiberationSerif-Bold.ttf"), "LiberationSerif-Bold"),
    (include_bytes!("../../fonts/LiberationSerif-Italic.ttf"), "LiberationSerif-Italic"),
    (include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"), "LiberationSerif-BoldItalic"),
];

/// Bold and italic: which face of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Style {
    pub bold: bool,
    pub italic: bool,
}

impl Style {
    pub const REGULAR: Style = Style { bold: false, italic: false };
    pub const BOLD: Style = Style { bold: true, italic: false };

    pub fn index(self) -> usize {
        usize::from(self.bold) + 2 * usize::from(self.italic)
    }
}

/// One parsed face with the metrics line breaking needs.
pub(crate) struct FaceData {
    data: &'static [u8],
    pub postscript_name: &'static str,
    face: Face<'static>,
    units_per_em: f32,
}

impl FaceData {
    /// The glyph of a character (the missing-glyph box when the font has none).
    pub fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).map_or(0, |g| g.0)
    }

    /// The advance of a glyph in thousandths of the font size (PDF's glyph space).
    pub fn advance(&self, glyph: u16) -> f32 {
        let units = self.face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    /// The width of a text at a size, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(self.glyph(c))).sum::<f32>() * size / 1000.0
    }

    fn scaled(&self, units: i16) -> f32 {
        f32::from(units) * 1000.0 / self.units_per_em
    }
}

static FACES: OnceLock<Result<Vec<FaceData>, String>> = OnceLock::new();

/// The four faces, parsed once.
pub(crate) fn faces() -> Result<&'static [FaceData], RenderError> {
    let faces = FACES.get_or_init(|| {
        FONT_FILES
            .iter()
            .map(|(data, name)| {
                let face = Face::parse(data, 0).map_err(|e| format!("{name}: {e}"))?;
                let units_per_em = f32::from(face.units_per_em());
                Ok(FaceData { data, postscript_name: name, face, units_per_em })
            })
            .collect()
    });
    faces.as_deref().map_err(|_| RenderError::Output("PDF (phông chữ / font)"))
}

/// The first character of `text` the embedded font cannot draw (it would print as an empty
/// box), if any. The four styles cover the same characters, so the regular one answers.
pub(crate) fn first_unprintable(text: &str) -> Option<char> {
    let regular = faces().ok()?.first()?;
    text.chars().find(|&c| c != ' ' && regular.face.glyph_index(c).is_none())
}

/// The glyphs a PDF uses of one face, renumbered for the subset, with the text they stand for.
pub(crate) struct UsedGlyphs {
    remapper: GlyphRemapper,
    /// For each new glyph id, the character it was drawn for.
    chars: Vec<Option<char>>,
}

impl UsedGlyphs {
    pub fn new() -> UsedGlyphs {
        UsedGlyphs { remapper: GlyphRemapper::new(), chars: vec![None] }
    }

    /// The subset's id of the glyph drawing `c` (two bytes of an Identity-H string).
    pub fn encode(&mut self, face: &FaceData, c: char) -> u16 {
        let new = self.remapper.remap(face.glyph(c));
        let index = usize::from(new);
        if self.chars.len() <= index {
            self.chars.resize(index + 1, None);
        }
        if self.chars[index].is_none() {
            self.chars[index] = Some(c);
        }
        new
    }

    /// Writes the face's subset as a Type0 font with its descendant, descriptor, widths and
    /// ToUnicode map, under `font_ref`; `next` gives fresh object ids.
    pub fn write(
        &self,
        pdf: &mut Pdf,
        face: &FaceData,
        font_ref: Ref,
        tag: &str,
        next: &mut impl FnMut() -> Ref,
    ) -> Result<(), RenderError> {
        let (cid_ref, descriptor_ref, cmap_ref, file_ref) = (next(), next(), next(), next());
        let base_font = format!("{tag}+{}", face.postscript_name);
        let system_info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

        pdf.type0_font(font_ref)
            .base_font(Name(base_font.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_ref)
            .to_unicode(cmap_ref);

        let widths: Vec<f32> = self.original_glyphs().map(|g| face.advance(g)).collect();
        let mut cid = pdf.cid_font(cid_ref);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(base_font.as_bytes()))
            .system_info(system_info)
            .font_descriptor(descriptor_ref)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();

        let bbox = face.face.global_bounding_box();
        let mut flags = FontFlags::SERIF | FontFlags::NON_SYMBOLIC;
        if face.face.is_italic() {
            flags |= FontFlags::ITALIC;
        }
        pdf.font_descriptor(descriptor_ref)
            .name(Name(base_font.as_bytes()))
            .flags(flags)
            .bbox(Rect::new(
                face.scaled(bbox.x_min),
                face.scaled(bbox.y_min),
                face.scaled(bbox.x_max),
                face.scaled(bbox.y_max),
            ))
            .italic_angle(face.face.italic_angle())
            .ascent(face.scaled(face.face.ascender()))
            .descent(face.scaled(face.face.descender()))
            .cap_height(face.scaled(face.face.capital_height().unwrap_or(662)))
            .stem_v(if face.face.is_bold() { 140.0 } else { 80.0 })
            .font_file2(file_ref);

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
        for (glyph, c) in self.chars.iter().enumerate() {
            if let (Ok(glyph), Some(c)) = (u16::try_from(glyph), c) {
                cmap.pair(glyph, *c);
            }
        }
        pdf.stream(cmap_ref, &cmap.finish());

        let subset = subsetter::subset(face.data, 0, &self.remapper)
            .map_err(|_| RenderError::Output("PDF (phông chữ / font)"))?;
        let compressed = compress(&subset)?;
        pdf.stream(file_ref, &compressed).filter(Filter::FlateDecode).pair(Name(b"Length1"), subset.len() as i32);
        Ok(())
    }

    /// The original glyph ids in the order of the subset's ids.
    fn original_glyphs(&self) -> impl Iterator<Item = u16> + '_ {
        self.remapper.remapped_gids()
    }
}

/// Deflate, for content streams and font files.
pub(crate) fn compress(data: &[u8]) -> Result<Vec<u8>, RenderError> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::with_capacity(data.len() / 2), flate2::Compression::new(6));
    encoder.write_all(data).map_err(|_| RenderError::Output("PDF"))?;
    encoder.finish().map_err(|_| RenderError::Output("PDF"))
}
