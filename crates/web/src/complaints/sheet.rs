//! The register's statistics as an XLSX workbook: the period, then one row per unit (the
//! scope's total first), headings in the reader's language, counts as numbers, the rate as a
//! number with two decimals.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::stats::{Figures, headings};
use crate::i18n::Lang;

pub fn workbook(f: &Figures, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t("complaint_sheet"))?;
    let bold = Format::new().set_bold();
    let rate = Format::new().set_num_format("0.00");
    sheet.write_string_with_format(0, 0, lang.t("complaint_stats"), &bold)?;
    sheet.write_string(1, 0, format!("{} – {}", f.from, f.to))?;
    if let Some(k) = f.kind {
        sheet.write_string(1, 1, super::pages::kind_words(k, lang))?;
    }
    sheet.write_string_with_format(3, 0, lang.t("unit"), &bold)?;
    sheet.set_column_width(0, 48.0)?;
    for (col, h) in (1_u16..).zip(headings(lang)) {
        sheet.write_string_with_format(3, col, h, &bold)?;
        sheet.set_column_width(col, 14.0)?;
    }
    for (row, r) in (4_u32..).zip(&f.rows) {
        if r.total {
            sheet.write_string_with_format(row, 0, &r.unit, &bold)?;
        } else {
            sheet.write_string(row, 0, &r.unit)?;
        }
        let s = &r.stats;
        let counts = [s.received, s.within_authority, s.carried_over, s.resolved, s.withdrawn];
        for (col, v) in (1_u16..).zip(counts) {
            sheet.write_number(row, col, v as f64)?;
        }
        if let Some(p) = s.resolved_rate {
            sheet.write_number_with_format(row, 6, p.hundredths() as f64 / 100.0, &rate)?;
        }
        sheet.write_number(row, 7, s.overdue as f64)?;
    }
    sheet.set_freeze_panes(4, 1)?;
    book.save_to_buffer()
}
