//! CSV export: one record per line and form, with the contract keys as headers, so that a
//! spreadsheet or a script reads the same names as the JSON.

use thads_core::dates::format_iso;

use crate::error::{ReportError, ReportResult};
use crate::extended::FullReport;
use crate::form::{Column, FormKind};
use crate::output::labels::{Line, lines_of_full, lines_of_report};
use crate::report::Report;

/// The report's total as CSV.
pub fn report(r: &Report) -> ReportResult<String> {
    write(r, &lines_of_report(r))
}

/// The full report (total and every breakdown) as CSV.
pub fn full(f: &FullReport) -> ReportResult<String> {
    write(&f.report, &lines_of_full(f))
}

fn write(r: &Report, lines: &[Line]) -> ReportResult<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec!["unit", "from", "to", "form", "group", "key", "label"];
    header.extend(Column::ALL.iter().map(|c| c.key()));
    header.extend(["completion_rate", "with_means_share"]);
    out.write_record(&header).map_err(export)?;
    let (from, to) = (format_iso(r.period.from()), format_iso(r.period.to()));
    for kind in [FormKind::Cases, FormKind::Money] {
        for line in lines {
            let form = line.form(kind);
            let mut record = vec![r.unit_code.to_string(), from.clone(), to.clone()];
            record.push(if kind == FormKind::Cases { "cases" } else { "money" }.to_string());
            record.extend([line.group.to_string(), line.key.clone(), line.label.clone()]);
            for c in Column::ALL {
                let shown = kind == FormKind::Money || c != Column::Reduced;
                record.push(if shown { form.get(c).to_string() } else { String::new() });
            }
            record.push(form.completion_rate().map(|p| p.to_string()).unwrap_or_default());
            record.push(form.with_means_share().map(|p| p.to_string()).unwrap_or_default());
            out.write_record(&record).map_err(export)?;
        }
    }
    let bytes = out.into_inner().map_err(|e| ReportError::Export(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ReportError::Export(e.to_string()))
}

fn export(e: csv::Error) -> ReportError {
    ReportError::Export(e.to_string())
}
