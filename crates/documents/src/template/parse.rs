//! Reading a template's text into blocks, collecting every problem with its line and column.

use unicode_normalization::UnicodeNormalization;

use super::error::{TemplateError, TemplateErrorKind as E, TemplateErrors};
use super::{Block, BlockKind, Format, Item, Line, Part, Template};
use crate::data::is_hidden;
use crate::fields::{self, FieldType};

/// Longest template accepted, in bytes (the longest built-in form is under 5 kB).
const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// An open block or `::: if` while lines are read.
enum Frame {
    Block { kind: BlockKind, line: usize, items: Vec<Item> },
    If { field: &'static fields::FieldDef, line: usize, then: Vec<Item>, otherwise: Vec<Item>, in_else: bool },
}

impl Frame {
    fn items(&mut self) -> &mut Vec<Item> {
        match self {
            Frame::Block { items, .. } => items,
            Frame::If { then, otherwise, in_else, .. } => {
                if *in_else {
                    otherwise
                } else {
                    then
                }
            }
        }
    }

    fn kind(&self, stack: &[Frame]) -> Option<BlockKind> {
        match self {
            Frame::Block { kind, .. } => Some(*kind),
            Frame::If { .. } => stack.iter().find_map(|f| match f {
                Frame::Block { kind, .. } => Some(*kind),
                Frame::If { .. } => None,
            }),
        }
    }
}

struct Parser {
    stack: Vec<Frame>,
    blocks: Vec<Block>,
    errors: Vec<TemplateError>,
}

impl Parser {
    fn error(&mut self, line: usize, column: usize, kind: E) {
        self.errors.push(TemplateError { line, column, kind });
    }

    /// The kind of the block the current line is in.
    fn current_block(&self) -> Option<BlockKind> {
        let (top, below) = self.stack.split_last()?;
        top.kind(below)
    }

    fn directive(&mut self, number: usize, rest: &str) {
        let rest = rest.trim();
        if rest.is_empty() {
            self.close(number);
        } else if rest == "else" {
            match self.stack.last_mut() {
                Some(Frame::If { in_else, .. }) if !*in_else => *in_else = true,
                _ => self.error(number, 1, E::StrayElse),
            }
        } else if let Some(name) = rest.strip_prefix("if ") {
            self.open_if(number, name.trim());
        } else {
            self.open_block(number, rest);
        }
    }

    fn open_if(&mut self, number: usize, name: &str) {
        if self.stack.is_empty() {
            return self.error(number, 1, E::OutsideBlock);
        }
        match fields::lookup(name) {
            Some(field) => {
                self.stack.push(Frame::If { field, line: number, then: vec![], otherwise: vec![], in_else: false })
            }
            None => {
                self.error(number, 8, E::UnknownField(name.to_string()));
                // Keep the nesting right so that the `:::` closing it does not close the block.
                if let Some(field) = fields::FIELDS.first() {
                    self.stack.push(Frame::If { field, line: number, then: vec![], otherwise: vec![], in_else: false });
                }
            }
        }
    }

    fn open_block(&mut self, number: usize, name: &str) {
        let Some(kind) = BlockKind::from_name(name) else {
            return self.error(number, 5, E::UnknownBlock(name.to_string()));
        };
        if !self.stack.is_empty() {
            self.error(number, 1, E::NestedBlock(name.to_string()));
            return;
        }
        if self.blocks.iter().filter(|b| b.kind == kind).count() >= kind.max_count() {
            self.error(number, 1, E::RepeatedBlock(name.to_string()));
        }
        self.stack.push(Frame::Block { kind, line: number, items: vec![] });
    }

    fn close(&mut self, number: usize) {
        match self.stack.pop() {
            None => self.error(number, 1, E::StrayClose),
            Some(Frame::Block { kind, items, .. }) => self.blocks.push(Block { kind, items }),
            Some(Frame::If { field, then, otherwise, .. }) => {
                if let Some(parent) = self.stack.last_mut() {
                    parent.items().push(Item::If { field, then, otherwise });
                }
            }
        }
    }

    fn content(&mut self, number: usize, text: &str, indent: usize) {
        let Some(block) = self.current_block() else {
            return self.error(number, 1, E::OutsideBlock);
        };
        let item = if text.trim() == "~" {
            if block != BlockKind::Signature {
                self.error(number, 1, E::GapOutsideSignature);
            }
            Item::Gap
        } else {
            let (centered, body) = match text.strip_prefix('^') {
                Some(rest) => (true, rest.trim_start()),
                None => (false, text),
            };
            // Columns count from the line as written, indentation and `^` included.
            let shift = indent + text.chars().count() - body.chars().count();
            match parse_line(body) {
                Ok(parts) => Item::Line(Line { number, centered, parts }),
                Err(errors) => {
                    for (column, kind) in errors {
                        self.error(number, column + shift, kind);
                    }
                    return;
                }
            }
        };
        if let Some(frame) = self.stack.last_mut() {
            frame.items().push(item);
        }
    }
}

pub(super) fn parse(text: &str) -> Result<Template, TemplateErrors> {
    let mut parser = Parser { stack: vec![], blocks: vec![], errors: vec![] };
    if text.len() > MAX_TEMPLATE_BYTES {
        parser.error(1, 1, E::TooLong);
        return Err(TemplateErrors(parser.errors));
    }
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        // Indentation may use tabs; inside a line a tab would print as a box.
        let indent = line.chars().count() - trimmed.chars().count();
        if let Some(column) = trimmed.chars().position(is_hidden) {
            parser.error(number, indent + column + 1, E::HiddenCharacter);
            continue;
        }
        if let Some(c) = crate::pdf::first_unprintable(trimmed)
            && let Some(column) = trimmed.chars().position(|x| x == c)
        {
            parser.error(number, indent + column + 1, E::Unprintable(c));
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match trimmed.strip_prefix(":::") {
            Some(rest) => parser.directive(number, rest),
            None => parser.content(number, trimmed, indent),
        }
    }
    while let Some(frame) = parser.stack.pop() {
        let (line, name) = match &frame {
            Frame::Block { kind, line, .. } => (*line, kind.name().to_string()),
            Frame::If { field, line, .. } => (*line, format!("if {}", field.name)),
        };
        parser.error(line, 1, E::UnclosedBlock(name));
        // The block exists, it is only unclosed: not also "missing".
        if let Frame::Block { kind, items, .. } = frame {
            parser.blocks.push(Block { kind, items });
        }
    }
    let end = text.lines().count().max(1);
    for kind in BlockKind::ALL {
        if kind.required() && !parser.blocks.iter().any(|b| b.kind == kind) {
            parser.error(end, 1, E::MissingBlock(kind.name()));
        }
    }
    if parser.errors.is_empty() {
        Ok(Template { blocks: parser.blocks })
    } else {
        parser.errors.sort_by_key(|e| (e.line, e.column));
        Err(TemplateErrors(parser.errors))
    }
}

/// The parts of one line's text, or its problems as (column, kind).
fn parse_line(text: &str) -> Result<Vec<Part>, Vec<(usize, E)>> {
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut errors = Vec::new();
    let mut literal = String::new();
    let mut open_style: [Option<usize>; 2] = [None, None];
    let mut repeated: Option<&'static str> = None;
    let mut i = 0;
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        match (c, next) {
            ('{', Some('{')) | ('}', Some('}')) => {
                literal.push(c);
                i += 2;
            }
            ('*', Some('*')) | ('_', Some('_')) => {
                flush(&mut literal, &mut parts);
                let slot = usize::from(c == '_');
                open_style[slot] = if open_style[slot].is_some() { None } else { Some(i + 1) };
                parts.push(if c == '*' { Part::Bold } else { Part::Italic });
                i += 2;
            }
            ('{', _) => {
                flush(&mut literal, &mut parts);
                let Some(len) = chars[i + 1..].iter().position(|&c| c == '}') else {
                    // The rest of the line is the unclosed placeholder: nothing more to check.
                    errors.push((i + 1, E::UnclosedPlaceholder));
                    return Err(errors);
                };
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                match placeholder(&inner) {
                    Ok(part) => {
                        if let Part::Field { def, format: Format::Plain } = &part
                            && def.ty == FieldType::List
                        {
                            match repeated {
                                Some(first) => errors.push((
                                    i + 1,
                                    E::TwoLists { first: first.to_string(), second: def.name.to_string() },
                                )),
                                None => repeated = Some(def.name),
                            }
                        }
                        parts.push(part);
                    }
                    Err(kind) => errors.push((i + 1, kind)),
                }
                i += len + 2;
            }
            ('}', _) => {
                errors.push((i + 1, E::StrayBrace));
                i += 1;
            }
            _ => {
                literal.push(c);
                i += 1;
            }
        }
    }
    flush(&mut literal, &mut parts);
    for (column, marker) in [(open_style[0], "**"), (open_style[1], "__")] {
        if let Some(column) = column {
            errors.push((column, E::UnclosedStyle(marker)));
        }
    }
    if errors.is_empty() { Ok(parts) } else { Err(errors) }
}

/// Ends a stretch of literal text, in NFC (a template typed with decomposed accents prints
/// and extracts the same as one typed with precomposed letters).
fn flush(literal: &mut String, parts: &mut Vec<Part>) {
    if !literal.is_empty() {
        parts.push(Part::Text(std::mem::take(literal).nfc().collect()));
    }
}

/// `name` or `name:format`, checked against the catalogue and the field's type.
fn placeholder(inner: &str) -> Result<Part, E> {
    let (name, format) = match inner.split_once(':') {
        Some((name, format)) => (name.trim(), Some(format.trim())),
        None => (inner.trim(), None),
    };
    let def = fields::lookup(name).ok_or_else(|| E::UnknownField(name.to_string()))?;
    let format = match format {
        None => Format::Plain,
        Some(format) => {
            Format::for_type(def.ty).iter().find(|(n, _)| *n == format).map(|(_, f)| *f).ok_or_else(|| {
                if Format::is_known(format) {
                    E::FormatMismatch { field: name.to_string(), format: format.to_string(), ty: def.ty }
                } else {
                    E::UnknownFormat { field: name.to_string(), format: format.to_string() }
                }
            })?
        }
    };
    Ok(Part::Field { def, format })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "::: agency\nBỘ TƯ PHÁP\n:::\n::: title\nQUYẾT ĐỊNH\n:::\n::: signature\nX\n:::\n";

    fn errors(text: &str) -> Vec<(usize, usize, E)> {
        match parse(text) {
            Ok(_) => vec![],
            Err(TemplateErrors(errors)) => errors.into_iter().map(|e| (e.line, e.column, e.kind)).collect(),
        }
    }

    #[test]
    fn a_minimal_template_parses() {
        let text = format!("{MINIMAL}::: body\nCăn cứ {{legal_ground}}; {{amount:words}}\n:::\n");
        let template = parse(&text).map_err(|e| e.to_string());
        assert_eq!(template.map(|t| t.fields()), Ok(vec!["legal_ground", "amount"]));
    }

    #[test]
    fn unknown_fields_and_type_mismatches_name_line_column_and_field() {
        let text = format!("{MINIMAL}::: body\nÔng {{debtor_nmae}} ngày {{issue_date:words}}\n:::\n");
        assert_eq!(
            errors(&text),
            vec![
                (11, 5, E::UnknownField("debtor_nmae".into())),
                (11, 24, E::FormatMismatch { field: "issue_date".into(), format: "words".into(), ty: FieldType::Date }),
            ]
        );
    }

    #[test]
    fn unclosed_things_are_refused_where_they_open() {
        let text = format!("{MINIMAL}::: body\n**Điều 1. {{amount\n");
        assert_eq!(errors(&text), vec![(10, 1, E::UnclosedBlock("body".into())), (11, 11, E::UnclosedPlaceholder)]);
        let text = format!("{MINIMAL}::: body\nA **b\n:::\n");
        assert_eq!(errors(&text), vec![(11, 3, E::UnclosedStyle("**"))]);
        let text = format!("{MINIMAL}::: body\n::: if request_date\nA\n:::\n");
        assert_eq!(errors(&text), vec![(10, 1, E::UnclosedBlock("body".into()))]);
    }

    #[test]
    fn structure_errors() {
        assert_eq!(errors("stray\n"), {
            let mut v = vec![(1, 1, E::OutsideBlock)];
            v.extend(["agency", "title", "body", "signature"].map(|b| (1, 1, E::MissingBlock(b))));
            v
        });
        let text = format!("{MINIMAL}::: body\n::: title\n:::\n:::\n");
        assert!(errors(&text).contains(&(11, 1, E::NestedBlock("title".into()))));
        let text = format!("{MINIMAL}::: bdy\n:::\n");
        assert!(errors(&text).contains(&(10, 5, E::UnknownBlock("bdy".into()))));
        let text = format!("{MINIMAL}::: body\n~\n{{recipients}} {{legal_bases}}\n:::\n");
        assert_eq!(
            errors(&text),
            vec![
                (11, 1, E::GapOutsideSignature),
                (12, 14, E::TwoLists { first: "recipients".into(), second: "legal_bases".into() })
            ]
        );
        let text = format!("{MINIMAL}::: body\nA\u{200B}\n\tB\tC\n:::\n");
        assert_eq!(errors(&text), vec![(11, 2, E::HiddenCharacter), (12, 3, E::HiddenCharacter)]);
        let text = format!("{MINIMAL}::: body\n  Căn cứ 😀\n:::\n");
        assert_eq!(errors(&text), vec![(11, 10, E::Unprintable('😀'))]);
    }

    #[test]
    fn braces_escape_and_styles_toggle() {
        let parts = parse_line("{{x}} **b** __i__");
        assert_eq!(
            parts,
            Ok(vec![
                Part::Text("{x} ".into()),
                Part::Bold,
                Part::Text("b".into()),
                Part::Bold,
                Part::Text(" ".into()),
                Part::Italic,
                Part::Text("i".into()),
                Part::Italic
            ])
        );
    }
}
