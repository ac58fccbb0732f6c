//! The complete forms as HTML, for the web page and its print view: each form a `<section>`
//! with its number, title, unit, period and unit of measure, a table with two heading rows
//! (groups spanning their columns) and the numbering row, the rows, the notes and the
//! signature block. Every text is escaped here; the page adds the print CSS around it.

use super::{FormSet, HEAD, HEAD_NOTE, OfficialForm, PREPARER, PREPARER_NOTE, RowKind, Signing, Value};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Every form, one section each.
pub fn forms(set: &FormSet) -> String {
    signed_forms(set, &set.signing)
}

/// Every form, signed by `signing` instead of the set's own (a set computed once and kept,
/// signed by each reader).
pub fn signed_forms(set: &FormSet, signing: &Signing) -> String {
    set.forms.iter().map(|f| signed_form(set, f, signing)).collect::<Vec<_>>().join("\n")
}

/// One form as a `<section class="official-form" id="form-KEY">`.
pub fn form(set: &FormSet, form: &OfficialForm) -> String {
    signed_form(set, form, &set.signing)
}

/// One form, signed by `signing` instead of the set's own.
pub fn signed_form(set: &FormSet, form: &OfficialForm, signing: &Signing) -> String {
    let mut h = form_body(set, form);
    h.push_str(&signatures(signing));
    h
}

/// A form without its signature block: the section's start, the heading, the table and the
/// notes (the same for every reader; `signatures` ends the section).
pub fn form_body(set: &FormSet, form: &OfficialForm) -> String {
    let e = escape;
    let mut h = String::new();
    h.push_str(&format!("<section class=\"official-form\" id=\"form-{}\">\n", e(form.info.key)));
    h.push_str("<div class=\"form-head\">");
    h.push_str(&format!(
        "<div class=\"form-left\"><strong class=\"form-number\">{}</strong></div>",
        e(form.info.number)
    ));
    h.push_str(&format!(
        "<div class=\"form-title\"><h2>{}</h2><p class=\"form-period\">{}</p></div>",
        e(form.info.title),
        e(&set.period_text())
    ));
    h.push_str(&format!(
        "<div class=\"form-right\">Đơn vị báo cáo: <strong>{}</strong><br>Đơn vị nhận báo cáo: <strong>{}</strong><br><em class=\"form-measure\">{}</em></div>",
        e(&set.unit_name),
        e(&set.receiver),
        e(form.measure)
    ));
    h.push_str("</div>\n<table class=\"official\">\n<thead>\n<tr>");
    h.push_str(&format!("<th rowspan=\"2\">STT</th><th rowspan=\"2\">{}</th>", e(form.row_heading)));
    for (group, first, n) in form.groups() {
        match group {
            Some(g) => h.push_str(&format!("<th colspan=\"{n}\">{}</th>", e(g))),
            None => h.push_str(&format!("<th rowspan=\"2\">{}</th>", e(&form.columns[first].label))),
        }
    }
    h.push_str("</tr>\n<tr>");
    for (group, first, n) in form.groups() {
        if group.is_some() {
            for c in &form.columns[first..first + n] {
                h.push_str(&format!("<th>{}</th>", e(&c.label)));
            }
        }
    }
    h.push_str("</tr>\n<tr class=\"numbering\"><th>A</th><th>B</th>");
    for c in &form.columns {
        h.push_str(&format!("<th>{}</th>", e(&c.number)));
    }
    h.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &form.rows {
        let class = match row.kind {
            RowKind::Item => "item",
            RowKind::Own => "own",
            RowKind::Total => "total",
            RowKind::LastYear => "last-year",
        };
        h.push_str(&format!("<tr class=\"{class}\""));
        if !row.key.is_empty() {
            h.push_str(&format!(" data-key=\"{}\"", e(&row.key)));
        }
        h.push_str(&format!("><td>{}</td><th>{}</th>", e(&row.index), e(&row.label)));
        for v in &row.values {
            let cls = match v {
                Value::Text(_) => "",
                _ => " class=\"num\"",
            };
            h.push_str(&format!("<td{cls}>{}</td>", e(&v.to_vi())));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    for note in &form.notes {
        h.push_str(&format!("<p class=\"form-note\">{}</p>\n", e(note)));
    }
    h
}

/// The signature block that ends a form's section: who prepares the forms, the place and date,
/// the head of the unit.
pub fn signatures(signing: &Signing) -> String {
    let e = escape;
    let mut h = String::from("<div class=\"signatures\">");
    h.push_str(&format!(
        "<div class=\"sign\"><p>&nbsp;</p><strong>{PREPARER}</strong><br><em>{PREPARER_NOTE}</em><p class=\"signer\">{}</p></div>",
        e(&signing.preparer)
    ));
    h.push_str(&format!(
        "<div class=\"sign\"><p class=\"place-date\"><em>{}</em></p><strong>{HEAD}</strong><br><em>{HEAD_NOTE}</em><p class=\"signer\">{}</p></div>",
        e(&signing.place_and_date()),
        e(&signing.head)
    ));
    h.push_str("</div>\n</section>");
    h
}
