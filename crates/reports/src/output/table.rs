//! An aligned plain-text table with Vietnamese headings, for a terminal.

use crate::extended::FullReport;
use crate::form::{Column, FormKind};
use crate::output::labels::{self, COMPLETION_RATE, WITH_MEANS_SHARE, lines_of_full, lines_of_report, period_text};
use crate::report::Report;
use crate::vi;

/// The report as a two-column table (each column of the forms with cases and money), then,
/// when it has a row per unit, one table per form with those rows and the total.
pub fn report(r: &Report) -> String {
    let mut out = totals(r);
    if !r.rows.is_empty() {
        for kind in [FormKind::Cases, FormKind::Money] {
            out.push_str(&format!("\n\n{} – {}\n", labels::title(kind), labels::group_label("by_unit")));
            out.push_str(&lines_table(kind, &lines_of_report(r)));
        }
    }
    out
}

/// The two-column table of the total.
fn totals(r: &Report) -> String {
    let mut rows: Vec<Vec<String>> = vec![vec!["Mã".into(), "Chỉ tiêu".into(), "Việc".into(), "Tiền (đồng)".into()]];
    for (i, column) in Column::ALL.into_iter().enumerate() {
        let cases = if column == Column::Reduced { "–".to_string() } else { vi::number(r.cases.get(column)) };
        rows.push(vec![format!("({})", i + 1), labels::heading(column).into(), cases, vi::number(r.money.get(column))]);
    }
    rows.push(vec![
        String::new(),
        COMPLETION_RATE.into(),
        vi::rate(r.cases.completion_rate()),
        vi::rate(r.money.completion_rate()),
    ]);
    rows.push(vec![
        String::new(),
        WITH_MEANS_SHARE.into(),
        vi::rate(r.cases.with_means_share()),
        vi::rate(r.money.with_means_share()),
    ]);
    if let Some(t) = r.target {
        let against = |rate: Option<thads_core::Percent>, target| rate.map(|x| vi::against_target(x, target));
        rows.push(vec![
            String::new(),
            "Chỉ tiêu được giao".into(),
            format!(
                "{} ({})",
                vi::rate(Some(t.cases)),
                against(r.cases.completion_rate(), t.cases).unwrap_or_default()
            ),
            format!(
                "{} ({})",
                vi::rate(Some(t.money)),
                against(r.money.completion_rate(), t.money).unwrap_or_default()
            ),
        ]);
    }
    format!("{}\n{}\n\n{}", r.unit_name, period_text(r), align(&rows, &[false, false, true, true]))
}

/// One form's lines as a table with the main columns.
fn lines_table(kind: FormKind, lines: &[labels::Line]) -> String {
    let mut rows = vec![vec![
        "Nhóm".to_string(),
        "Mã".into(),
        "Tên".into(),
        labels::heading(Column::ToEnforce).into(),
        labels::heading(Column::WithMeans).into(),
        "Xong + đình chỉ (+ giảm)".into(),
        labels::heading(Column::WithoutMeans).into(),
        COMPLETION_RATE.into(),
    ]];
    for line in lines {
        let form = line.form(kind);
        rows.push(vec![
            labels::group_label(line.group).into(),
            line.key.clone(),
            line.label.clone(),
            vi::number(form.to_enforce),
            vi::number(form.with_means),
            vi::number(form.completed + form.terminated + form.reduced),
            vi::number(form.without_means),
            vi::rate(form.completion_rate()),
        ]);
    }
    align(&rows, &[false, false, false, true, true, true, true, true])
}

/// The report, then one table per form with every breakdown row.
pub fn full(f: &FullReport) -> String {
    let mut out = totals(&f.report);
    for kind in [FormKind::Cases, FormKind::Money] {
        out.push_str(&format!("\n\n{}\n", labels::title(kind)));
        out.push_str(&lines_table(kind, &lines_of_full(f)));
    }
    out
}

/// Pads cells to their column's width (in characters: headings are NFC, one char per letter).
fn align(rows: &[Vec<String>], right: &[bool]) -> String {
    let width = |i: usize| rows.iter().map(|r| r.get(i).map_or(0, |c| c.chars().count())).max().unwrap_or(0);
    let widths: Vec<usize> = (0..right.len()).map(width).collect();
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = " ".repeat(widths[i].saturating_sub(c.chars().count()));
                if right.get(i).copied().unwrap_or(false) { format!("{pad}{c}") } else { format!("{c}{pad}") }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if n == 0 {
            let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            out.push_str(&"-".repeat(total));
            out.push('\n');
        }
    }
    out
}
