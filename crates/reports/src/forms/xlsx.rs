//! The complete forms as one XLSX workbook, a sheet per form, laid out to be printed and
//! signed: form number, title, reporting unit, period and unit of measure above; two rows of
//! headings with the group headings merged across their columns (and a lone heading merged
//! down both rows), then the numbering row; the rows, the total and the previous year; the
//! notes; the signature block. Set column widths; A4 landscape fitted to one page wide, the
//! heading rows repeated on every page, centred, page numbers in the footer.
//!
//! Figures are numbers (`#,##0`; rates `0.00`; the gap to a target a signed number shown as
//! `vượt 0,35` / `thiếu 20,90` / `đạt` by its number format), so Excel sums and sorts them.
//! As in `xlsx`, a sum beyond 2⁵³ is written as grouped text rather than rounded.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{FormSet, HEAD, HEAD_NOTE, OfficialForm, PREPARER, PREPARER_NOTE, RowKind, Value};
use crate::error::{ReportError, ReportResult};

/// Rows (0-based) of the layout, the same on every sheet.
pub const HEADING_ROW: u32 = 5;
pub const NUMBERING_ROW: u32 = 7;
pub const FIRST_DATA_ROW: u32 = 8;
/// Widths of the index and label columns.
pub const INDEX_WIDTH: f64 = 5.0;
pub const LABEL_WIDTH: f64 = 36.0;

/// The workbook of every form.
pub fn workbook(set: &FormSet) -> ReportResult<Vec<u8>> {
    let mut book = Workbook::new();
    for form in &set.forms {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(form)).map_err(export)?;
        write_sheet(sheet, set, form).map_err(export)?;
    }
    book.save_to_buffer().map_err(export)
}

/// `01`, `05a`, `CEPEJ`: the form's key (at most 31 characters, none of `[]:*?/\`).
pub fn sheet_name(form: &OfficialForm) -> &'static str {
    form.info.key
}

struct Styles {
    bold: Format,
    wrap: Format,
    title: Format,
    italic_centre: Format,
    heading: Format,
    numbering: Format,
    text: Format,
    text_bold: Format,
    count: Format,
    count_bold: Format,
    rate: Format,
    rate_bold: Format,
    gap: Format,
    gap_bold: Format,
    note: Format,
}

fn styles() -> Styles {
    let font = Format::new().set_font_name("Times New Roman").set_font_size(11);
    let cell = font.clone().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    let centred = cell.clone().set_align(FormatAlign::Center);
    let count = cell.clone().set_num_format("#,##0");
    let rate = cell.clone().set_num_format("0.00");
    let gap = cell.clone().set_num_format("\"vượt \"0.00;\"thiếu \"0.00;\"đạt\"");
    Styles {
        bold: font.clone().set_bold().set_align(FormatAlign::Center),
        wrap: font.clone().set_text_wrap().set_align(FormatAlign::Left),
        title: font.clone().set_bold().set_font_size(13).set_align(FormatAlign::Center).set_text_wrap(),
        italic_centre: font.clone().set_italic().set_align(FormatAlign::Center),
        heading: centred.clone().set_bold().set_text_wrap(),
        numbering: centred.set_italic(),
        text: cell.clone().set_text_wrap(),
        text_bold: cell.set_text_wrap().set_bold(),
        count_bold: count.clone().set_bold(),
        count,
        rate_bold: rate.clone().set_bold(),
        rate,
        gap_bold: gap.clone().set_bold(),
        gap,
        note: font.set_italic().set_text_wrap(),
    }
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// Merges a range, or writes one cell when the range is a single cell (a one-cell merge is
/// refused by Excel).
fn put(sheet: &mut Worksheet, r: (u32, u32), c: (u16, u16), text: &str, f: &Format) -> Result<(), XlsxError> {
    if r.0 == r.1 && c.0 == c.1 {
        sheet.write_string_with_format(r.0, c.0, text, f)?;
    } else {
        sheet.merge_range(r.0, c.0, r.1, c.1, text, f)?;
    }
    Ok(())
}

fn write_sheet(sheet: &mut Worksheet, set: &FormSet, form: &OfficialForm) -> Result<(), XlsxError> {
    let s = styles();
    let last = col(form.columns.len() + 1);
    // The top block: number and unit on the left, title and period in the middle, unit of
    // measure on the right.
    let left_end = 1u16;
    let right_start = last.saturating_sub(2).max(left_end + 2);
    put(sheet, (0, 0), (0, left_end), form.info.number, &s.bold)?;
    put(sheet, (0, 1), (left_end + 1, right_start - 1), form.info.title, &s.title)?;
    put(sheet, (2, 2), (left_end + 1, right_start - 1), &set.period_text(), &s.italic_centre)?;
    put(sheet, (0, 0), (right_start, last), &format!("Đơn vị báo cáo: {}", set.unit_name), &s.wrap)?;
    put(sheet, (1, 1), (right_start, last), &format!("Đơn vị nhận báo cáo: {}", set.receiver), &s.wrap)?;
    put(sheet, (3, 3), (right_start, last), form.measure, &s.italic_centre)?;
    // Headings: STT and the label column down both rows, then each group.
    let (h1, h2) = (HEADING_ROW, HEADING_ROW + 1);
    put(sheet, (h1, h2), (0, 0), "STT", &s.heading)?;
    put(sheet, (h1, h2), (1, 1), form.row_heading, &s.heading)?;
    for (group, first, n) in form.groups() {
        let c0 = col(first + 2);
        match group {
            Some(g) => {
                put(sheet, (h1, h1), (c0, col(first + 1 + n)), g, &s.heading)?;
                for (i, h) in form.columns[first..first + n].iter().enumerate() {
                    sheet.write_string_with_format(h2, c0 + col(i), &h.label, &s.heading)?;
                }
            }
            None => put(sheet, (h1, h2), (c0, c0), &form.columns[first].label, &s.heading)?,
        }
    }
    sheet.write_string_with_format(NUMBERING_ROW, 0, "A", &s.numbering)?;
    sheet.write_string_with_format(NUMBERING_ROW, 1, "B", &s.numbering)?;
    for (i, h) in form.columns.iter().enumerate() {
        sheet.write_string_with_format(NUMBERING_ROW, col(i + 2), &h.number, &s.numbering)?;
    }
    // Rows.
    let mut row = FIRST_DATA_ROW;
    for line in &form.rows {
        let bold = line.kind == RowKind::Total;
        let text = if bold { &s.text_bold } else { &s.text };
        sheet.write_string_with_format(row, 0, &line.index, text)?;
        sheet.write_string_with_format(row, 1, &line.label, text)?;
        for (i, v) in line.values.iter().enumerate() {
            write_value(sheet, row, col(i + 2), v, &s, bold)?;
        }
        row += 1;
    }
    // Notes, then the signature block.
    row += 1;
    for note in &form.notes {
        put(sheet, (row, row), (0, last), note, &s.note)?;
        sheet.set_row_height(row, 30)?;
        row += 1;
    }
    row += 1;
    let mid = last / 2;
    put(sheet, (row, row), (mid + 1, last), &set.signing.place_and_date(), &s.italic_centre)?;
    row += 1;
    put(sheet, (row, row), (0, mid), PREPARER, &s.bold)?;
    put(sheet, (row, row), (mid + 1, last), HEAD, &s.bold)?;
    row += 1;
    put(sheet, (row, row), (0, mid), PREPARER_NOTE, &s.italic_centre)?;
    put(sheet, (row, row), (mid + 1, last), HEAD_NOTE, &s.italic_centre)?;
    row += 5;
    put(sheet, (row, row), (0, mid), &set.signing.preparer, &s.bold)?;
    put(sheet, (row, row), (mid + 1, last), &set.signing.head, &s.bold)?;
    layout(sheet, form, last, row)
}

fn write_value(sheet: &mut Worksheet, row: u32, c: u16, v: &Value, s: &Styles, bold: bool) -> Result<(), XlsxError> {
    const EXACT: i128 = 1 << 53;
    let (count, rate, gap, text) = if bold {
        (&s.count_bold, &s.rate_bold, &s.gap_bold, &s.text_bold)
    } else {
        (&s.count, &s.rate, &s.gap, &s.text)
    };
    match v {
        Value::Count(n) | Value::Money(n) if n.abs() <= EXACT => {
            sheet.write_number_with_format(row, c, *n as f64, count)?;
        }
        Value::Rate(Some(p)) => {
            sheet.write_number_with_format(row, c, p.hundredths() as f64 / 100.0, rate)?;
        }
        Value::Gap(Some(p)) => {
            sheet.write_number_with_format(row, c, p.hundredths() as f64 / 100.0, gap)?;
        }
        other => {
            sheet.write_string_with_format(row, c, other.to_vi(), text)?;
        }
    }
    Ok(())
}

fn layout(sheet: &mut Worksheet, form: &OfficialForm, last: u16, last_row: u32) -> Result<(), XlsxError> {
    sheet.set_column_width(0, INDEX_WIDTH)?;
    sheet.set_column_width(1, LABEL_WIDTH)?;
    for (i, h) in form.columns.iter().enumerate() {
        sheet.set_column_width(col(i + 2), f64::from(h.width))?;
    }
    sheet.set_row_height(0, 33)?;
    sheet.set_row_height(1, 33)?;
    sheet.set_row_height(HEADING_ROW, 33)?;
    sheet.set_row_height(HEADING_ROW + 1, 66)?;
    sheet.set_landscape();
    // 9 = A4 in the Excel paper-size table.
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_repeat_rows(HEADING_ROW, NUMBERING_ROW)?;
    sheet.set_print_area(0, 0, last_row, last)?;
    sheet.set_footer("&C&\"Times New Roman\"&9Trang &P/&N");
    sheet.set_freeze_panes(FIRST_DATA_ROW, 2)?;
    Ok(())
}

fn export(e: XlsxError) -> ReportError {
    ReportError::Export(e.to_string())
}
