//! Vietnamese headings of the forms and the rows an export lays out, shared by every format.

use crate::breakdown::Row;
use crate::extended::FullReport;
use crate::form::{Column, Form, FormKind};
use crate::report::{Report, UnitRow};

/// Title of a form (as the official forms name them).
pub fn title(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Cases => "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC",
        FormKind::Money => "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN",
    }
}

/// The column's heading on the form.
pub fn heading(column: Column) -> &'static str {
    match column {
        Column::Accepted => "Tổng số thụ lý",
        Column::CarriedOver => "Năm trước chuyển sang",
        Column::New => "Thụ lý mới",
        Column::DelegatedOut => "Ủy thác, thu hồi, hủy",
        Column::ToEnforce => "Tổng số phải thi hành",
        Column::WithMeans => "Có điều kiện thi hành",
        Column::Completed => "Thi hành xong",
        Column::Terminated => "Đình chỉ thi hành án",
        Column::Reduced => "Giảm thi hành án",
        Column::InProgress => "Đang thi hành",
        Column::Postponed => "Hoãn thi hành án",
        Column::Suspended => "Tạm đình chỉ thi hành án",
        Column::Other => "Trường hợp khác",
        Column::WithoutMeans => "Chưa có điều kiện thi hành",
        Column::CarriedForward => "Chuyển kỳ sau: tổng số",
        Column::CarriedForwardWithMeans => "Chuyển kỳ sau: có điều kiện",
    }
}

/// The row's name in English (the pages in English; the exported files keep the forms' words).
pub fn heading_en(column: Column) -> &'static str {
    match column {
        Column::Accepted => "Total accepted",
        Column::CarriedOver => "Carried over from last year",
        Column::New => "Newly accepted",
        Column::DelegatedOut => "Delegated, withdrawn, annulled",
        Column::ToEnforce => "Total to enforce",
        Column::WithMeans => "With means",
        Column::Completed => "Completed",
        Column::Terminated => "Terminated",
        Column::Reduced => "Reduced",
        Column::InProgress => "Being enforced",
        Column::Postponed => "Postponed",
        Column::Suspended => "Suspended",
        Column::Other => "Other",
        Column::WithoutMeans => "Without means",
        Column::CarriedForward => "Carried forward: total",
        Column::CarriedForwardWithMeans => "Carried forward: with means",
    }
}

/// The column's code in domain §2.4 (V1–V15, T1–T16).
pub fn code(kind: FormKind, column: Column) -> String {
    let prefix = if kind == FormKind::Cases { 'V' } else { 'T' };
    let position = Column::of(kind).position(|c| c == column).map_or(0, |p| p + 1);
    format!("{prefix}{position}")
}

pub const COMPLETION_RATE: &str = "Tỷ lệ thi hành xong (%)";
pub const WITH_MEANS_SHARE: &str = "Tỷ lệ có điều kiện (%)";

/// One line of an export: a group (total or a breakdown), a key, a label and both forms.
#[derive(Debug, Clone)]
pub struct Line {
    pub group: &'static str,
    pub key: String,
    pub label: String,
    pub cases: Form,
    pub money: Form,
}

impl Line {
    pub fn form(&self, kind: FormKind) -> &Form {
        match kind {
            FormKind::Cases => &self.cases,
            FormKind::Money => &self.money,
        }
    }
}

/// Group names, in Vietnamese, by their code.
pub fn group_label(group: &str) -> &'static str {
    match group {
        "total" => "Tổng cộng",
        "by_unit" => "Đơn vị",
        "by_child_unit" => "Theo đơn vị",
        "by_origin" => "Theo nguồn thi hành án",
        "by_category" => "Theo nhóm việc (số liệu riêng)",
        "by_judgment" => "Theo loại bản án",
        "by_officer" => "Theo Chấp hành viên",
        _ => "",
    }
}

fn total_line(r: &Report) -> Line {
    Line {
        group: "total",
        key: r.unit_code.to_string(),
        label: format!("Tổng cộng: {}", r.unit_name),
        cases: r.cases,
        money: r.money,
    }
}

fn row_lines<'a>(group: &'static str, rows: &'a [Row]) -> impl Iterator<Item = Line> + 'a {
    rows.iter().map(move |r| Line { group, key: r.key.clone(), label: r.label.clone(), cases: r.cases, money: r.money })
}

/// The label of a unit row: the unit's name, and for its own cases a note saying so.
pub fn unit_row_label(row: &UnitRow) -> String {
    if row.own { format!("{} (việc của đơn vị)", row.name) } else { row.name.clone() }
}

/// The lines of a report as the forms lay them out: a row per subordinate unit (the unit's
/// own cases first) when the report has them, then the total.
pub fn lines_of_report(r: &Report) -> Vec<Line> {
    let mut lines: Vec<Line> = r
        .rows
        .iter()
        .map(|row| Line {
            group: "by_unit",
            key: row.code.to_string(),
            label: unit_row_label(row),
            cases: row.cases,
            money: row.money,
        })
        .collect();
    lines.push(total_line(r));
    lines
}

/// The lines of a full report: the rows by unit and the total, then every breakdown (the
/// breakdown by child unit only when the report has no unit rows, which say the same).
pub fn lines_of_full(f: &FullReport) -> Vec<Line> {
    let b = &f.breakdowns;
    let mut lines = lines_of_report(&f.report);
    if f.report.rows.is_empty() {
        lines.extend(row_lines("by_child_unit", &b.by_child_unit));
    }
    lines.extend(row_lines("by_origin", &b.by_origin));
    lines.extend(row_lines("by_category", &b.by_category));
    lines.extend(row_lines("by_judgment", &b.by_judgment));
    lines.extend(row_lines("by_officer", &b.by_officer));
    lines
}

/// `Từ ngày 01/10/2021 đến ngày 31/03/2022`.
pub fn period_text(r: &Report) -> String {
    use thads_core::dates::format_vn;
    format!("Từ ngày {} đến ngày {}", format_vn(r.period.from()), format_vn(r.period.to()))
}
