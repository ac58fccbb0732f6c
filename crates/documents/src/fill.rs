//! Filling a checked template with a document's data: every placeholder gets its value written
//! in the form's style, or rendering stops naming the field and the template line. A document
//! is never printed with a blank where a fact should be.

use crate::data::{DocumentData, Value};
use crate::document::{Document, Paragraph, RenderError, Run, SignatureLine};
use crate::fields::FieldDef;
use crate::format;
use crate::template::{BlockKind, Format, Item, Line, Part, Template};
use crate::words;

/// The styles a block starts its lines with (NĐ 30/2020: the title and signature are bold,
/// the place and date italic).
fn base_style(kind: BlockKind) -> (bool, bool) {
    match kind {
        BlockKind::Title | BlockKind::Signature => (true, false),
        BlockKind::PlaceDate => (false, true),
        _ => (false, false),
    }
}

/// Fills `template` with `data`.
pub fn fill(template: &Template, data: &DocumentData) -> Result<Document, RenderError> {
    let mut doc = Document::default();
    for block in &template.blocks {
        let mut lines = Vec::new();
        expand(&block.items, data, &mut lines);
        let all = || -> Result<Vec<Paragraph>, RenderError> {
            lines.iter().filter_map(|l| l.as_ref()).map(|l| paragraphs(l, block.kind, data)).try_fold(
                Vec::new(),
                |mut all, p| {
                    all.extend(p?);
                    Ok(all)
                },
            )
        };
        match block.kind {
            BlockKind::Agency => doc.agency = agency(all()?),
            BlockKind::Number => doc.number = all()?.into_iter().next(),
            BlockKind::PlaceDate => doc.place_date = all()?.into_iter().next(),
            BlockKind::Title => doc.title = all()?,
            BlockKind::Body => doc.body = all()?,
            BlockKind::Recipients => doc.recipients = all()?,
            BlockKind::Signature => {
                let mut signature = Vec::new();
                for line in &lines {
                    match line {
                        None => signature.push(SignatureLine::Gap),
                        Some(line) => {
                            signature.extend(paragraphs(line, block.kind, data)?.into_iter().map(SignatureLine::Text))
                        }
                    }
                }
                doc.signatures.push(signature);
            }
        }
    }
    doc.name = doc.title.first().map(Paragraph::text).unwrap_or_default();
    Ok(doc)
}

/// The template lines that apply to this data, `None` standing for the signing space.
fn expand<'t>(items: &'t [Item], data: &DocumentData, out: &mut Vec<Option<&'t Line>>) {
    for item in items {
        match item {
            Item::Line(line) => out.push(Some(line)),
            Item::Gap => out.push(None),
            Item::If { field, then, otherwise } => {
                let branch = if data.get(field.name).is_some() { then } else { otherwise };
                expand(branch, data, out);
            }
        }
    }
}

/// The superior's lines stay regular, the issuing unit's (last) line is bold.
fn agency(mut lines: Vec<Paragraph>) -> Vec<Paragraph> {
    let count = lines.len();
    for (i, p) in lines.iter_mut().enumerate() {
        p.centered = true;
        for run in &mut p.runs {
            run.bold = i + 1 == count;
        }
    }
    lines
}

/// The paragraphs of one template line: one, or one per item of the list it repeats for.
fn paragraphs(line: &Line, kind: BlockKind, data: &DocumentData) -> Result<Vec<Paragraph>, RenderError> {
    let Some(list) = line.repeated_list() else {
        return Ok(vec![paragraph(line, kind, data, None)?]);
    };
    let items = match data.get(list.name) {
        Some(Value::List(items)) => items,
        _ => return Err(missing(list, line)),
    };
    items.iter().map(|item| paragraph(line, kind, data, Some(item))).collect()
}

fn missing(def: &FieldDef, line: &Line) -> RenderError {
    RenderError::MissingField { field: def.name, line: line.number }
}

fn paragraph(line: &Line, kind: BlockKind, data: &DocumentData, item: Option<&str>) -> Result<Paragraph, RenderError> {
    let (mut bold, mut italic) = base_style(kind);
    // A signature line wholly in italics ("(Ký, ghi rõ họ tên)") is not bold.
    if kind == BlockKind::Signature && matches!(line.parts.first(), Some(Part::Italic)) {
        bold = false;
    }
    let mut runs: Vec<Run> = Vec::new();
    for part in &line.parts {
        let text = match part {
            Part::Bold => {
                bold = !bold;
                continue;
            }
            Part::Italic => {
                italic = !italic;
                continue;
            }
            Part::Text(text) => text.clone(),
            Part::Field { def, format } => value_text(def, *format, data, item).ok_or_else(|| missing(def, line))?,
        };
        match runs.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(&text),
            _ => runs.push(Run { text, bold, italic }),
        }
    }
    Ok(Paragraph { centered: line.centered || kind != BlockKind::Body, runs })
}

/// A field's value written in the given format; `item` is the list item this line repeats for.
fn value_text(def: &FieldDef, format: Format, data: &DocumentData, item: Option<&str>) -> Option<String> {
    let value = data.get(def.name)?;
    Some(match (value, format) {
        (Value::Text(t), Format::Upper) => t.to_uppercase(),
        (Value::Text(t), _) => t.clone(),
        (Value::Date(d), Format::Short) => format::short_date(*d),
        (Value::Date(d), _) => format::admin_date(*d),
        (Value::Money(m), Format::Words) => words::money_words(m.dong().unsigned_abs()),
        (Value::Money(m), Format::Figures) => format::grouped(m.dong().unsigned_abs()),
        (Value::Money(m), _) => format::money_figures(m.dong().unsigned_abs()),
        (Value::List(items), Format::Inline) => items.join(", "),
        (Value::List(_), _) => item?.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use thads_core::Vnd;
    use time::macros::date;

    use super::*;
    use crate::document::SignatureLine;

    const TEMPLATE: &str = "\
::: agency
{unit_superior_name:upper}
{unit_name:upper}
:::
::: place_date
{place}, {issue_date}
:::
::: title
QUYẾT ĐỊNH
:::
::: body
::: if request_date
Xét đơn ngày {request_date:short};
::: else
Chủ động.
:::
**Điều 1.** Số tiền {amount} (Bằng chữ: {amount:words}).
:::
::: recipients
- {recipients};
:::
::: signature
CHẤP HÀNH VIÊN
~
__(Ký tên)__
{signer_name}
:::
";

    fn data() -> DocumentData {
        let mut d = DocumentData::new();
        d.text("unit_superior_name", "Bộ Tư pháp").ok();
        d.text("unit_name", "Thi hành án dân sự tỉnh Nghệ An").ok();
        d.text("place", "Nghệ An").ok();
        d.date("issue_date", date!(2025 - 10 - 05)).ok();
        d.money("amount", Vnd::new(1_005).unwrap_or(Vnd::ZERO)).ok();
        d.list("recipients", ["Đương sự", "VKSND tỉnh"]).ok();
        d.text("signer_name", "Nguyễn Văn A").ok();
        d
    }

    #[test]
    fn fills_every_block() -> Result<(), String> {
        let template = Template::parse(TEMPLATE).map_err(|e| e.to_string())?;
        let doc = fill(&template, &data()).map_err(|e| e.to_string())?;
        assert_eq!(
            doc.plain_text(),
            "BỘ TƯ PHÁP\nTHI HÀNH ÁN DÂN SỰ TỈNH NGHỆ AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
             Nghệ An, ngày 05 tháng 10 năm 2025\nQUYẾT ĐỊNH\nChủ động.\n\
             Điều 1. Số tiền 1.005 đồng (Bằng chữ: Một nghìn, không trăm linh năm đồng).\n\
             Nơi nhận:\n- Đương sự;\n- VKSND tỉnh;\nCHẤP HÀNH VIÊN\n(Ký tên)\nNguyễn Văn A"
        );
        assert!(doc.agency[1].runs[0].bold && !doc.agency[0].runs[0].bold);
        assert!(doc.body[1].runs[0].bold && !doc.body[1].runs[1].bold);
        let signature = &doc.signatures[0];
        assert_eq!(signature[1], SignatureLine::Gap);
        assert!(matches!(&signature[2], SignatureLine::Text(p) if !p.runs[0].bold && p.runs[0].italic));
        Ok(())
    }

    #[test]
    fn a_missing_field_is_named_with_its_template_line() -> Result<(), String> {
        let template = Template::parse(TEMPLATE).map_err(|e| e.to_string())?;
        let mut d = data();
        d.text("signer_name", "").ok();
        assert_eq!(fill(&template, &d), Err(RenderError::MissingField { field: "signer_name", line: 26 }));
        let mut d = data();
        d.list("recipients", Vec::<String>::new()).ok();
        assert_eq!(fill(&template, &d), Err(RenderError::MissingField { field: "recipients", line: 20 }));
        let mut d = data();
        d.date("request_date", date!(2025 - 09 - 30)).ok();
        let doc = fill(&template, &d).map_err(|e| e.to_string())?;
        assert_eq!(doc.body[0].text(), "Xét đơn ngày 30/09/2025;");
        Ok(())
    }
}
