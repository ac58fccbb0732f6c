//! The texts of legal deadlines: the worklist (Việc cần làm), the dashboard and the case page.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("case_deadlines", "Thời hạn của việc", "Deadlines of this case"),
    ("citation", "Căn cứ pháp lý", "Legal basis"),
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
    ("worklist", "Việc cần làm", "Worklist"),
    ("worklist_case_id", "Mã việc", "Case id"),
    ("worklist_due_before", "Hạn trước ngày", "Due before"),
    ("worklist_due_from", "Hạn từ ngày", "Due from"),
    ("worklist_everyone", "Tất cả chấp hành viên", "All officers"),
    ("worklist_mine", "Việc của tôi", "My cases"),
    ("worklist_officer_hint", "tên đăng nhập hoặc họ tên", "login or full name"),
    ("worklist_overdue_only", "Chỉ quá hạn", "Overdue only"),
    ("worklist_sheet", "Việc cần làm", "Worklist"),
    ("yes", "Có", "Yes"),
];
