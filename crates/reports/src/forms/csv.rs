//! The complete forms as one CSV file that Excel opens with its Vietnamese letters intact: a
//! UTF-8 byte-order mark first (without it Excel reads the file in the local code page), then
//! each form as a block: its number and title, the unit, the period, the unit of measure, the
//! heading rows, the numbering row, the rows, the notes and the signature block, a blank line
//! between forms. Figures are plain (`1234567`, `63.89`, the gap signed in percentage points)
//! so a spreadsheet reads them as numbers.

use super::{FormSet, HEAD, PREPARER};
use crate::error::{ReportError, ReportResult};

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: &str = "\u{feff}";

pub fn forms(set: &FormSet) -> ReportResult<String> {
    let mut out = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let mut write = |record: Vec<String>| out.write_record(&record).map_err(|e| ReportError::Export(e.to_string()));
    let blank = || vec![String::new()];
    for form in &set.forms {
        write(vec![form.info.number.to_string(), form.info.title.to_string()])?;
        write(vec!["Đơn vị báo cáo".into(), format!("{} ({})", set.unit_name, set.unit_code)])?;
        write(vec!["Đơn vị nhận báo cáo".into(), set.receiver.clone()])?;
        write(vec!["Kỳ báo cáo".into(), set.period_text()])?;
        write(vec![form.measure.to_string()])?;
        let mut groups = vec!["STT".to_string(), form.row_heading.to_string()];
        let mut labels = vec![String::new(), String::new()];
        let mut numbers = vec!["A".to_string(), "B".to_string()];
        // As the merged headings read: a group's name over its first column only; a column
        // without a group has its label on the first heading row.
        for (group, first, n) in form.groups() {
            for (i, h) in form.columns[first..first + n].iter().enumerate() {
                match group {
                    Some(g) => {
                        groups.push(if i == 0 { g.to_string() } else { String::new() });
                        labels.push(h.label.clone());
                    }
                    None => {
                        groups.push(h.label.clone());
                        labels.push(String::new());
                    }
                }
                numbers.push(h.number.clone());
            }
        }
        write(groups)?;
        write(labels)?;
        write(numbers)?;
        for row in &form.rows {
            let mut record = vec![row.index.clone(), row.label.clone()];
            record.extend(row.values.iter().map(|v| v.to_plain()));
            write(record)?;
        }
        for note in &form.notes {
            write(vec![note.clone()])?;
        }
        write(vec![set.signing.place_and_date()])?;
        write(vec![PREPARER.to_string(), HEAD.to_string()])?;
        write(vec![set.signing.preparer.clone(), set.signing.head.clone()])?;
        write(blank())?;
    }
    let bytes = out.into_inner().map_err(|e| ReportError::Export(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| ReportError::Export(e.to_string()))?;
    Ok(format!("{BOM}{text}"))
}
