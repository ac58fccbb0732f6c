//! `GET /reception/export?unit=&year=&months=&format=xlsx|csv`: the reception book (sổ tiếp
//! công dân) of a unit's scope and period — a line per session held (date, unit, who received,
//! kind, visitors, about what, the result, the letters registered from it), then the figures
//! and the months a head fell short. XLSX with set widths and A4 landscape print layout; CSV
//! in UTF-8 with a byte-order mark (Excel opens Vietnamese correctly), a text that would start
//! a formula prefixed with `'`.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use thads_core::dates::format_vn;

use super::book::{self, Book};
use crate::accounts::Allowed;
use crate::complaints::ViewComplaints;
use crate::complaints::period::PeriodQuery;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ExportParams {
    #[serde(default)]
    year: String,
    #[serde(default)]
    months: String,
    /// xlsx (default) or csv
    #[serde(default)]
    format: String,
}

/// The book laid out as lines of text: title lines, the headings, a line per session, then the
/// figures and the months missed. Shared by both formats.
pub struct Sheet {
    pub title: Vec<String>,
    pub headings: Vec<&'static str>,
    pub lines: Vec<Vec<String>>,
    pub figures: Vec<(&'static str, u64)>,
    pub missed: Vec<[String; 3]>,
}

pub fn sheet_of(state: &AppState, lang: Lang, unit: &thads_core::Unit, b: &Book) -> Sheet {
    let directory = state.directory();
    let code = |u| directory.units.get(u).map(|x| x.code.to_string()).unwrap_or_default();
    let kind = |k: thads_core::reception::SessionKind| match k {
        thads_core::reception::SessionKind::DinhKy => lang.t("reception_kind_dinh_ky"),
        thads_core::reception::SessionKind::DotXuat => lang.t("reception_kind_dot_xuat"),
    };
    let s = &b.figures.stats;
    Sheet {
        title: vec![
            format!("{} — {} {}", lang.t("reception_book"), unit.code, unit.name),
            format!("{} – {}", format_vn(b.asked.period.from()), format_vn(b.asked.period.to())),
        ],
        headings: vec![
            lang.t("reception_no"),
            lang.t("date"),
            lang.t("unit"),
            lang.t("reception_head"),
            lang.t("reception_kind"),
            lang.t("reception_visitors"),
            lang.t("reception_subject"),
            lang.t("reception_result"),
            lang.t("reception_complaints"),
        ],
        lines: b
            .sessions
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    format_vn(r.session.date),
                    code(r.session.unit),
                    r.session
                        .head
                        .map_or_else(|| lang.t("reception_staff").to_string(), |h| directory.staff_name(Some(h))),
                    kind(r.session.kind).to_string(),
                    r.session.visitors.to_string(),
                    r.session.subject.clone(),
                    r.session.result.clone(),
                    r.session.complaints.iter().map(|c| format!("#{}", c.0)).collect::<Vec<_>>().join(" "),
                ]
            })
            .collect(),
        figures: vec![
            (lang.t("reception_sessions"), s.sessions),
            (lang.t("reception_kind_dinh_ky"), s.periodic),
            (lang.t("reception_kind_dot_xuat"), s.ad_hoc),
            (lang.t("reception_days_held"), s.head_days),
            (lang.t("reception_visitors"), s.visitors),
            (lang.t("reception_complaints"), s.complaints),
        ],
        missed: b
            .figures
            .missed
            .iter()
            .map(|m| {
                [
                    directory.staff_name(Some(m.staff)),
                    code(m.unit),
                    format!("{:02}/{}", m.month.month(), m.month.year()),
                ]
            })
            .collect(),
    }
}

/// The widths of the book's columns, in characters.
pub const WIDTHS: [f64; 9] = [6.0, 12.0, 12.0, 26.0, 12.0, 10.0, 48.0, 40.0, 14.0];

/// The book as an XLSX workbook: the title, the headings (repeated on every printed page), a
/// row per session (visitors as numbers), then the figures and the months missed.
pub fn workbook(sh: &Sheet, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t("reception_sheet"))?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (row, t) in (0_u32..).zip(&sh.title) {
        sheet.write_string_with_format(row, 0, t, &bold)?;
    }
    let head = 3_u32;
    for (col, (h, w)) in (0_u16..).zip(sh.headings.iter().zip(WIDTHS)) {
        sheet.write_string_with_format(head, col, *h, &bold)?;
        sheet.set_column_width(col, w)?;
    }
    let mut row = head + 1;
    for line in &sh.lines {
        for (col, v) in (0_u16..).zip(line) {
            match col {
                0 | 5 => sheet.write_number(row, col, v.parse::<f64>().unwrap_or(0.0))?,
                6 | 7 => sheet.write_string_with_format(row, col, v, &wrap)?,
                _ => sheet.write_string(row, col, v)?,
            };
        }
        row += 1;
    }
    row += 1;
    for (label, v) in &sh.figures {
        sheet.write_string_with_format(row, 3, *label, &bold)?;
        sheet.write_number(row, 5, *v as f64)?;
        row += 1;
    }
    if !sh.missed.is_empty() {
        row += 1;
        sheet.write_string_with_format(row, 0, lang.t("reception_missed"), &bold)?;
        row += 1;
        for m in &sh.missed {
            sheet.write_string(row, 3, &m[0])?;
            sheet.write_string(row, 2, &m[1])?;
            sheet.write_string(row, 1, &m[2])?;
            row += 1;
        }
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_repeat_rows(head, head)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_freeze_panes(head + 1, 0)?;
    book.save_to_buffer()
}

/// A CSV field: quoted when it holds a separator, quote or line break; a text that a
/// spreadsheet would read as a formula starts with `'`.
fn field(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{v}") } else { v.to_string() };
    if v.contains([',', '"', '\n', '\r']) { format!("\"{}\"", v.replace('"', "\"\"")) } else { v }
}

/// The book as CSV (UTF-8 with a byte-order mark).
pub fn csv(sh: &Sheet, lang: Lang) -> String {
    let mut out = String::from('\u{feff}');
    let mut line = |cells: Vec<String>| {
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    for t in &sh.title {
        line(vec![t.clone()]);
    }
    line(sh.headings.iter().map(|h| h.to_string()).collect());
    for l in &sh.lines {
        line(l.clone());
    }
    for (label, v) in &sh.figures {
        line(vec![label.to_string(), v.to_string()]);
    }
    for m in &sh.missed {
        line(vec![lang.t("reception_missed").to_string(), m[0].clone(), m[1].clone(), m[2].clone()]);
    }
    out
}

/// `GET /reception/export`.
pub async fn export(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewComplaints>,
    Query(p): Query<ExportParams>,
) -> Result<Response, WebError> {
    let format = match p.format.trim() {
        "" | "xlsx" => "xlsx",
        "csv" => "csv",
        other => return Err(WebError::BadRequest(format!("định dạng / format «{other}»: xlsx, csv"))),
    };
    let q = PeriodQuery { year: p.year.clone(), months: p.months.clone() };
    let b = book::load(&state, &access.unit, &q).await?;
    let sh = sheet_of(&state, lang, &access.unit, &b);
    let (body, kind) = match format {
        "csv" => (csv(&sh, lang).into_bytes(), "text/csv; charset=utf-8"),
        _ => (
            workbook(&sh, lang).map_err(WebError::internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    };
    let name =
        format!("thads-tiep-cong-dan-{}-{}-{}.{format}", access.unit.code, b.asked.year.number(), b.asked.months);
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).map_err(WebError::internal)?,
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(field("Hỏi về án phí"), "Hỏi về án phí");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("nói \"không\""), "\"nói \"\"không\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
