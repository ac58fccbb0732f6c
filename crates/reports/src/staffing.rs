//! The staffing of a unit's scope (issue 23) as one XLSX sheet: a row per unit (the scope's
//! total first) with its posts (biên chế), the people working, the vacancies and the people by
//! rank, as `thads staff report --format xlsx` and the registry's page export it. Headings in
//! both languages: the workbook goes to whoever asked, in either.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use thads_core::personnel::{Rank, Staffing};

use crate::error::{ReportError, ReportResult};

/// The workbook: `title` above, then `rows` of (unit label, staffing), the first in bold.
pub fn workbook(title: &str, rows: &[(String, Staffing)]) -> ReportResult<Vec<u8>> {
    write(title, rows).map_err(|e| ReportError::Export(e.to_string()))
}

fn write(title: &str, rows: &[(String, Staffing)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Bien che")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, title, &bold)?;
    let mut headings: Vec<String> =
        vec!["Đơn vị / Unit".into(), "Biên chế / Posts".into(), "Có mặt / Filled".into(), "Còn thiếu / Vacant".into()];
    headings.extend(Rank::ALL.iter().map(|r| format!("{} / {}", r.label_vi(), r.code())));
    for (col, h) in (0_u16..).zip(&headings) {
        sheet.write_string_with_format(2, col, h, &bold)?;
        sheet.set_column_width(col, if col == 0 { 44.0 } else { 14.0 })?;
    }
    for (row, (i, (label, s))) in (3_u32..).zip(rows.iter().enumerate()) {
        if i == 0 {
            sheet.write_string_with_format(row, 0, label, &bold)?;
        } else {
            sheet.write_string(row, 0, label)?;
        }
        let mut figures = vec![s.posts, s.filled, s.vacant()];
        figures.extend(Rank::ALL.iter().map(|r| s.by_rank.get(r).copied().unwrap_or(0)));
        for (col, n) in (1_u16..).zip(figures) {
            sheet.write_number(row, col, f64::from(n))?;
        }
    }
    sheet.set_freeze_panes(3, 1)?;
    book.save_to_buffer()
}
