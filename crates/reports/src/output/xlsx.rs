//! An XLSX workbook laid out like the official forms: one sheet per form, Vietnamese
//! headings, numbered columns, đồng with thousands separators, landscape A4 fitted to width.
//!
//! Figures are real numbers formatted `#,##0`, which a Vietnamese-locale Excel shows as
//! 761.546.547.000. Excel holds numbers as doubles: a sum above 2⁵³ đồng (about 9 triệu tỷ,
//! beyond a national yearly total) could not be stored exactly, so such a cell is written as
//! grouped text rather than as a silently rounded number.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::{ReportError, ReportResult};
use crate::extended::FullReport;
use crate::form::{Column, FormKind};
use crate::output::labels::{
    self, COMPLETION_RATE, Line, WITH_MEANS_SHARE, lines_of_full, lines_of_report, period_text,
};
use crate::report::Report;
use crate::vi;

/// Sheet names (one per form).
pub const CASES_SHEET: &str = "Việc";
pub const MONEY_SHEET: &str = "Tiền";

/// First row of data (0-based): title, unit, period, unit of measure, blank, headings, numbers.
pub const FIRST_DATA_ROW: u32 = 7;

/// The report's total as a workbook.
pub fn report(r: &Report) -> ReportResult<Vec<u8>> {
    workbook(r, &lines_of_report(r))
}

/// The full report (total and every breakdown) as a workbook.
pub fn full(f: &FullReport) -> ReportResult<Vec<u8>> {
    workbook(&f.report, &lines_of_full(f))
}

fn workbook(r: &Report, lines: &[Line]) -> ReportResult<Vec<u8>> {
    let mut book = Workbook::new();
    for kind in [FormKind::Cases, FormKind::Money] {
        let sheet = book.add_worksheet();
        sheet.set_name(if kind == FormKind::Cases { CASES_SHEET } else { MONEY_SHEET }).map_err(export)?;
        write_form(sheet, r, kind, lines).map_err(export)?;
    }
    book.save_to_buffer().map_err(export)
}

struct Styles {
    title: Format,
    heading: Format,
    number_label: Format,
    text: Format,
    group: Format,
    number: Format,
    rate: Format,
}

fn styles() -> Styles {
    let cell = Format::new().set_border(FormatBorder::Thin).set_font_name("Times New Roman").set_font_size(11);
    let centered = cell.clone().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    Styles {
        title: Format::new()
            .set_bold()
            .set_font_name("Times New Roman")
            .set_font_size(14)
            .set_align(FormatAlign::Center),
        heading: centered.clone().set_bold().set_text_wrap(),
        number_label: centered.set_italic(),
        text: cell.clone().set_text_wrap(),
        group: cell.clone().set_bold().set_italic(),
        number: cell.clone().set_num_format("#,##0"),
        rate: cell.set_num_format("0.00"),
    }
}

fn write_form(sheet: &mut Worksheet, r: &Report, kind: FormKind, lines: &[Line]) -> Result<(), XlsxError> {
    let s = styles();
    let columns: Vec<Column> = Column::of(kind).collect();
    let last = u16::try_from(columns.len() + 3).unwrap_or(u16::MAX);
    sheet.merge_range(0, 0, 0, last, labels::title(kind), &s.title)?;
    sheet.merge_range(1, 0, 1, last, &r.unit_name, &s.title)?;
    sheet.merge_range(2, 0, 2, last, &period_text(r), &Format::new().set_align(FormatAlign::Center))?;
    let unit = if kind == FormKind::Cases { "Đơn vị tính: việc" } else { "Đơn vị tính: đồng" };
    sheet.write_string(3, last, unit)?;
    let mut headings: Vec<String> = vec!["STT".into(), "Đơn vị / nhóm".into()];
    headings.extend(columns.iter().map(|c| format!("{} ({})", labels::heading(*c), labels::code(kind, *c))));
    headings.extend([COMPLETION_RATE.to_string(), WITH_MEANS_SHARE.to_string()]);
    for (i, h) in headings.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        sheet.write_string_with_format(5, col, h, &s.heading)?;
        let number = match i {
            0 => "A".to_string(),
            1 => "B".to_string(),
            n => format!("({})", n - 1),
        };
        sheet.write_string_with_format(6, col, &number, &s.number_label)?;
    }
    write_lines(sheet, kind, &columns, lines, &s)?;
    layout(sheet, last)
}

fn write_lines(
    sheet: &mut Worksheet,
    kind: FormKind,
    columns: &[Column],
    lines: &[Line],
    s: &Styles,
) -> Result<(), XlsxError> {
    let mut row = FIRST_DATA_ROW;
    let mut group = "";
    let mut number = 0;
    for line in lines {
        if line.group != group && line.group != "total" && line.group != "by_unit" {
            sheet.write_string_with_format(row, 1, labels::group_label(line.group), &s.group)?;
            row += 1;
            number = 0;
        }
        group = line.group;
        number += 1;
        let form = line.form(kind);
        let index = if line.group == "total" { String::new() } else { number.to_string() };
        sheet.write_string_with_format(row, 0, &index, &s.text)?;
        sheet.write_string_with_format(row, 1, &line.label, &s.text)?;
        for (i, c) in columns.iter().enumerate() {
            write_amount(sheet, row, u16::try_from(i + 2).unwrap_or(u16::MAX), form.get(*c), s)?;
        }
        let rates = [form.completion_rate(), form.with_means_share()];
        for (i, rate) in rates.into_iter().enumerate() {
            let col = u16::try_from(columns.len() + 2 + i).unwrap_or(u16::MAX);
            match rate {
                Some(p) => sheet.write_number_with_format(row, col, p.hundredths() as f64 / 100.0, &s.rate)?,
                None => sheet.write_string_with_format(row, col, "–", &s.text)?,
            };
        }
        row += 1;
    }
    Ok(())
}

/// Doubles are exact up to 2⁵³; larger sums are written as grouped text (see the module note).
fn write_amount(sheet: &mut Worksheet, row: u32, col: u16, value: i128, s: &Styles) -> Result<(), XlsxError> {
    const EXACT: i128 = 1 << 53;
    if value.abs() <= EXACT {
        sheet.write_number_with_format(row, col, value as f64, &s.number)?;
    } else {
        sheet.write_string_with_format(row, col, vi::number(value), &s.number)?;
    }
    Ok(())
}

fn layout(sheet: &mut Worksheet, last: u16) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 34)?;
    for col in 2..=last {
        sheet.set_column_width(col, 15)?;
    }
    sheet.set_row_height(5, 64)?;
    sheet.set_landscape();
    // 9 = A4 in the Excel paper-size table.
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(5, 6)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 2)?;
    Ok(())
}

fn export(e: XlsxError) -> ReportError {
    ReportError::Export(e.to_string())
}
