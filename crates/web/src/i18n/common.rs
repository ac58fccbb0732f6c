//! The texts of the frame around every page (menu, errors) and the nouns several rooms show
//! (case, unit, officer, date…).

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("accepted_on", "Ngày thụ lý", "Accepted on"),
    ("app_name", "Thi hành án dân sự", "Civil judgment enforcement"),
    ("audit", "Nhật ký thay đổi", "Audit trail"),
    ("case", "Việc thi hành án", "Case"),
    ("case_no", "Số quyết định", "Decision number"),
    ("cases", "Danh sách việc", "Cases"),
    ("change_password", "Đổi mật khẩu", "Change password"),
    ("dashboard", "Tổng quan", "Dashboard"),
    ("date", "Ngày", "Date"),
    ("debtor", "Người phải thi hành án", "Debtor"),
    ("due_today", "Hôm nay", "Today"),
    ("event", "Sự kiện", "Event"),
    ("filter", "Lọc", "Filter"),
    ("import", "Nhập sổ thụ lý", "Import registers"),
    ("menu", "Trình đơn", "Menu"),
    ("menu_admin", "Quản trị", "Administration"),
    ("menu_cases", "Việc", "Cases"),
    ("menu_complaints", "Khiếu nại, án hành chính", "Complaints, administrative judgments"),
    ("menu_money", "Tiền, tài sản", "Money, assets"),
    ("menu_organisation", "Tổ chức", "Organisation"),
    ("menu_reporting", "Báo cáo", "Reporting"),
    ("no_cases", "Không có việc nào.", "No cases."),
    ("officer", "Chấp hành viên", "Officer"),
    ("outstanding", "Còn phải thi hành", "Outstanding"),
    ("pages", "Các trang", "Pages"),
    ("reports", "Thống kê", "Statistics"),
    ("sign_out", "Đăng xuất", "Sign out"),
    ("state", "Trạng thái", "State"),
    ("unit", "Đơn vị", "Unit"),
    (
        "version_stale",
        "Việc đã được người khác thay đổi, hãy tải lại.",
        "The case was changed by someone else; reload.",
    ),
];
