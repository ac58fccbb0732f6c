//! Templates as data: the text an administrator edits, parsed and checked into blocks of lines
//! with typed placeholders. The syntax is documented at the top of `lib.rs`; `parse` refuses
//! a template with every problem it finds, each naming its line, column and field.

mod error;
mod parse;

pub use error::{TemplateError, TemplateErrorKind, TemplateErrors};

use crate::fields::{FieldDef, FieldType};

/// A checked template: its blocks in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub(crate) blocks: Vec<Block>,
}

impl Template {
    /// Parses and checks a template's text.
    pub fn parse(text: &str) -> Result<Template, TemplateErrors> {
        parse::parse(text)
    }

    /// The names of the fields the template uses, each once, in order of first use.
    pub fn fields(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        for block in &self.blocks {
            collect_fields(&block.items, &mut names);
        }
        names
    }
}

fn collect_fields(items: &[Item], names: &mut Vec<&'static str>) {
    fn add(names: &mut Vec<&'static str>, name: &'static str) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    for item in items {
        match item {
            Item::Line(line) => line.fields().for_each(|def| add(names, def.name)),
            Item::Gap => {}
            Item::If { field, then, otherwise, .. } => {
                add(names, field.name);
                collect_fields(then, names);
                collect_fields(otherwise, names);
            }
        }
    }
}

/// The layout blocks of an administrative document (NĐ 30/2020/NĐ-CP, Phụ lục I).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// Tên cơ quan: the superior on the first line(s), the issuing unit on the last.
    Agency,
    /// Số, ký hiệu: "Số: 12/QĐ-THADS".
    Number,
    /// Địa danh và thời gian ban hành, in italics.
    PlaceDate,
    /// Tên loại văn bản (first line) and trích yếu ("Về việc …").
    Title,
    /// Nội dung: one paragraph per line.
    Body,
    /// Nơi nhận: one recipient per line.
    Recipients,
    /// Chức vụ, họ tên người ký; up to three blocks side by side (a record's signatories).
    Signature,
}

impl BlockKind {
    pub const ALL: [BlockKind; 7] = [
        BlockKind::Agency,
        BlockKind::Number,
        BlockKind::PlaceDate,
        BlockKind::Title,
        BlockKind::Body,
        BlockKind::Recipients,
        BlockKind::Signature,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Agency => "agency",
            BlockKind::Number => "number",
            BlockKind::PlaceDate => "place_date",
            BlockKind::Title => "title",
            BlockKind::Body => "body",
            BlockKind::Recipients => "recipients",
            BlockKind::Signature => "signature",
        }
    }

    fn from_name(name: &str) -> Option<BlockKind> {
        BlockKind::ALL.into_iter().find(|k| k.name() == name)
    }

    fn required(self) -> bool {
        matches!(self, BlockKind::Agency | BlockKind::Title | BlockKind::Body | BlockKind::Signature)
    }

    /// How many times the block may appear.
    fn max_count(self) -> usize {
        if self == BlockKind::Signature { 3 } else { 1 }
    }
}

/// One block and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: BlockKind,
    pub items: Vec<Item>,
}

/// A line of a block, the signing space, or a part shown only when a field has a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    Line(Line),
    /// `~`: the space left for the signature and seal.
    Gap,
    If {
        field: &'static FieldDef,
        then: Vec<Item>,
        otherwise: Vec<Item>,
    },
}

/// One template line: a paragraph of the document (repeated per item when it names a list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// The template line it comes from (1-based), for errors at rendering.
    pub number: usize,
    /// `^` at the start: centred (body only; other blocks have the decree's alignment).
    pub centered: bool,
    pub parts: Vec<Part>,
}

impl Line {
    pub fn fields(&self) -> impl Iterator<Item = &'static FieldDef> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Field { def, .. } => Some(*def),
            _ => None,
        })
    }

    /// The list field this line repeats for, if any.
    pub fn repeated_list(&self) -> Option<&'static FieldDef> {
        self.parts.iter().find_map(|p| match p {
            Part::Field { def, format, .. } if def.ty == FieldType::List && *format == Format::Plain => Some(*def),
            _ => None,
        })
    }
}

/// A piece of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Text(String),
    /// `**`: bold on or off.
    Bold,
    /// `__`: italic on or off.
    Italic,
    Field {
        def: &'static FieldDef,
        format: Format,
    },
}

/// How a field is written: `{field}` or `{field:format}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text as given; a date as "ngày 05 tháng 10 năm 2025"; money as "761.546.547.000 đồng";
    /// a list repeats its line for each item.
    Plain,
    /// Text in capitals (`upper`).
    Upper,
    /// A date as `05/10/2025` (`short`).
    Short,
    /// Money in words, "Bảy trăm … đồng" (`words`).
    Words,
    /// Money in figures without the currency (`figures`).
    Figures,
    /// A list on one line, items separated by commas (`inline`).
    Inline,
}

impl Format {
    /// The formats each type accepts, by name.
    fn for_type(ty: FieldType) -> &'static [(&'static str, Format)] {
        match ty {
            FieldType::Text => &[("upper", Format::Upper)],
            FieldType::Date => &[("short", Format::Short)],
            FieldType::Money => &[("words", Format::Words), ("figures", Format::Figures)],
            FieldType::List => &[("inline", Format::Inline)],
        }
    }

    fn is_known(name: &str) -> bool {
        ["upper", "short", "words", "figures", "inline"].contains(&name)
    }
}
