//! The texts of the statistics pages and the dashboard.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("by_unit", "Theo đơn vị", "By unit"),
    ("completion_cases", "Tỷ lệ hoàn thành về việc", "Completion rate (cases)"),
    ("completion_money", "Tỷ lệ hoàn thành về tiền", "Completion rate (money)"),
    ("contribution", "Đóng góp vào số liệu", "Contribution"),
    ("drill_total", "Số việc tính vào số liệu", "Cases counted in the figure"),
    ("export_csv", "Xuất CSV", "Export CSV"),
    ("export_xlsx", "Xuất Excel (XLSX)", "Export Excel (XLSX)"),
    ("gap", "Chênh lệch", "Gap"),
    ("last_year", "Cùng kỳ năm trước", "Same period last year"),
    ("months", "Số tháng", "Months"),
    ("own_cases", "việc của đơn vị", "own cases"),
    ("ranking", "Xếp hạng đơn vị trực thuộc", "Ranking of units below"),
    ("target", "Chỉ tiêu", "Target"),
    ("total_row", "Tổng cộng", "Total"),
    ("trend", "Diễn biến theo tháng", "Monthly trend"),
    ("trend_target_cases", "Chỉ tiêu về việc", "Target in cases"),
    ("trend_target_money", "Chỉ tiêu về tiền", "Target in money"),
    ("year", "Năm báo cáo", "Reporting year"),
];
