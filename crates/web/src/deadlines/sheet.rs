//! The worklist as an XLSX workbook: one sheet, one row per deadline in the order shown,
//! headings in the reader's language, due dates as real dates (dd/mm/yyyy), a filter on the
//! heading row and the heading frozen.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use thads_app::deadlines::DueItem;
use thads_core::deadlines::DeadlineRules;

use crate::i18n::Lang;
use crate::state::Directory;

/// Column widths, in the order of the headings.
const WIDTHS: [f64; 8] = [12.0, 9.0, 22.0, 12.0, 24.0, 40.0, 40.0, 10.0];

/// The workbook's bytes.
pub fn workbook(
    items: &[DueItem],
    rules: &DeadlineRules,
    directory: &Directory,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t("worklist_sheet"))?;
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let headings = [
        lang.t("due"),
        lang.t("deadlines_overdue"),
        lang.t("case_no"),
        lang.t("unit"),
        lang.t("officer"),
        lang.t("deadline_kind"),
        lang.t("citation"),
        lang.t("worklist_case_id"),
    ];
    for (col, (heading, width)) in (0_u16..).zip(headings.into_iter().zip(WIDTHS)) {
        sheet.write_string_with_format(0, col, heading, &bold)?;
        sheet.set_column_width(col, width)?;
    }
    for (row, item) in (1_u32..).zip(items) {
        let date = ExcelDateTime::from_ymd(
            u16::try_from(item.due.year()).unwrap_or(1900),
            u8::from(item.due.month()),
            item.due.day(),
        )?;
        sheet.write_datetime_with_format(row, 0, &date, &day)?;
        sheet.write_string(row, 1, if item.overdue { lang.t("yes") } else { "" })?;
        sheet.write_string(row, 2, &item.case_no)?;
        sheet.write_string(row, 3, &item.unit)?;
        let officer = item.officer.as_deref().map_or_else(String::new, |l| directory.staff_name_of(l));
        sheet.write_string(row, 4, &officer)?;
        let rule = rules.get(&item.rule_id);
        let name = rule.map_or(item.kind_vi.as_str(), |r| lang.pick(&r.name_vi, &r.name_en));
        sheet.write_string(row, 5, name)?;
        sheet.write_string(row, 6, &item.rule)?;
        sheet.write_number(row, 7, item.case_id as f64)?;
    }
    let last_row = u32::try_from(items.len()).unwrap_or(u32::MAX - 1);
    sheet.autofilter(0, 0, last_row, 7)?;
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}
