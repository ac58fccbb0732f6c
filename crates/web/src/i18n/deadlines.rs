//! The texts of legal deadlines, on the dashboard and on the case page.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("case_deadlines", "Thời hạn của việc", "Deadlines of this case"),
    ("days_late", "ngày quá hạn", "days overdue"),
    ("days_left", "ngày còn lại", "days left"),
    ("deadline_kind", "Thời hạn", "Deadline"),
    ("deadlines", "Thời hạn", "Deadlines"),
    ("deadlines_by_officer", "Theo chấp hành viên", "By officer"),
    ("deadlines_next", "Sắp đến hạn", "Due next"),
    ("deadlines_none", "Không có thời hạn nào.", "No deadlines."),
    ("deadlines_oldest", "Quá hạn lâu nhất", "Longest overdue"),
    ("deadlines_overdue", "Quá hạn", "Overdue"),
    ("deadlines_total", "Tổng số", "Total"),
    ("deadlines_week", "Đến hạn trong tuần", "Due this week"),
    ("due", "Hạn", "Due"),
    ("more_officers", "người khác", "more"),
];
