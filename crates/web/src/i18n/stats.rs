//! The texts of the statistics pages and the dashboard.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("back_to_stats", "Quay lại trang thống kê", "Back to the statistics"),
    ("by_unit", "Theo đơn vị", "By unit"),
    ("completion_cases", "Tỷ lệ hoàn thành về việc", "Completion rate (cases)"),
    ("completion_money", "Tỷ lệ hoàn thành về tiền", "Completion rate (money)"),
    ("contribution", "Đóng góp vào số liệu", "Contribution"),
    ("drill_total", "Số việc tính vào số liệu", "Cases counted in the figure"),
    ("export_csv", "Xuất CSV", "Export CSV"),
    ("export_xlsx", "Xuất Excel (XLSX)", "Export Excel (XLSX)"),
    ("figures_as_of", "Số liệu tính lúc", "Figures as of"),
    (
        "form_numbers_unconfirmed",
        "Số hiệu biểu mẫu chưa được đối chiếu với phụ lục Thông tư 05/2024/TT-BTP [U].",
        "Form numbers not yet checked against the annex of Circular 05/2024/TT-BTP [U].",
    ),
    (
        "forms_in_vietnamese",
        "Biểu mẫu thống kê là văn bản tiếng Việt: xem bản in hoặc tải XLSX, CSV.",
        "The official forms are filed in Vietnamese: open the print view or download them as XLSX or CSV.",
    ),
    ("gap", "Chênh lệch", "Gap"),
    ("last_year", "Cùng kỳ năm trước", "Same period last year"),
    ("months", "Số tháng", "Months"),
    ("official_forms", "Biểu mẫu thống kê", "Statistical forms"),
    ("own_cases", "việc của đơn vị", "own cases"),
    ("period_cumulative", "Lũy kế từ 01/10", "Cumulative from 1 October"),
    ("period_from", "Từ ngày", "From"),
    ("period_kind", "Kỳ báo cáo", "Period"),
    ("period_month", "Tháng", "Month"),
    ("period_quarter", "Quý", "Quarter"),
    ("period_range", "Từ ngày – đến ngày", "From – to"),
    ("period_to", "Đến ngày", "To"),
    ("print_form", "In", "Print"),
    ("print_view", "Bản in", "Print view"),
    ("ranking", "Xếp hạng đơn vị trực thuộc", "Ranking of units below"),
    ("target", "Chỉ tiêu", "Target"),
    ("total_row", "Tổng cộng", "Total"),
    ("trend", "Diễn biến theo tháng", "Monthly trend"),
    ("trend_target_cases", "Chỉ tiêu về việc", "Target in cases"),
    ("trend_target_money", "Chỉ tiêu về tiền", "Target in money"),
    ("year", "Năm báo cáo", "Reporting year"),
];
