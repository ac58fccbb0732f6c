//! Vietnamese first, English on request: the language comes from the `lang` cookie (set by
//! `/lang/{code}`), and every fixed text of the pages is one key of a small table.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// The reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a request asks for (its `lang` cookie), Vietnamese by default.
    pub fn of(parts: &Parts) -> Lang {
        crate::auth::cookie(&parts.headers, "lang").and_then(|c| Lang::parse(&c)).unwrap_or_default()
    }

    /// The text of `key`; a missing key shows itself, so that a test notices.
    pub fn t(self, key: &str) -> &'static str {
        match TEXTS.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
            Ok(i) => match self {
                Lang::Vi => TEXTS[i].1,
                Lang::En => TEXTS[i].2,
            },
            Err(_) => "??",
        }
    }

    /// Picks between a Vietnamese and an English text given inline.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::of(parts))
    }
}

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
static TEXTS: &[(&str, &str, &str)] = &[
    ("accepted_from", "Thụ lý từ ngày", "Accepted from"),
    ("accepted_on", "Ngày thụ lý", "Accepted on"),
    ("accepted_to", "đến ngày", "to"),
    ("action_correct", "Sửa bản ghi", "Correct this record"),
    ("action_void", "Hủy bản ghi này", "Void this record"),
    ("actions", "Ghi nhận sự kiện", "Record an event"),
    ("actor", "Người thực hiện", "By"),
    ("all", "Tất cả", "All"),
    ("amount", "Số tiền phải thi hành", "Amount to enforce"),
    ("amount_vnd", "Số tiền (đồng)", "Amount (đồng)"),
    ("app_name", "Thi hành án dân sự", "Civil judgment enforcement"),
    ("audit", "Nhật ký thay đổi", "Audit trail"),
    ("audit_of_user", "Nhật ký của người dùng", "Audit trail of user"),
    ("before_after", "Trước / sau", "Before / after"),
    ("case", "Việc thi hành án", "Case"),
    ("case_deadlines", "Thời hạn của việc", "Deadlines of this case"),
    ("case_no", "Số quyết định", "Decision number"),
    ("cases", "Danh sách việc", "Cases"),
    ("category", "Nhóm việc", "Category"),
    ("change_password", "Đổi mật khẩu", "Change password"),
    ("closed", "Đã kết thúc", "Closed"),
    ("collected", "Đã thu", "Collected"),
    ("completion_cases", "Tỷ lệ hoàn thành về việc", "Completion rate (cases)"),
    ("completion_money", "Tỷ lệ hoàn thành về tiền", "Completion rate (money)"),
    ("contribution", "Đóng góp vào số liệu", "Contribution"),
    ("correct_or_void", "Sửa hoặc hủy bản ghi", "Correct or void"),
    ("creditor", "Người được thi hành án", "Creditor"),
    ("current_password", "Mật khẩu hiện tại", "Current password"),
    ("dashboard", "Tổng quan", "Dashboard"),
    ("date", "Ngày", "Date"),
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
    ("debtor", "Người phải thi hành án", "Debtor"),
    ("drill_limited", "hiển thị", "showing"),
    ("drill_total", "Số việc tính vào số liệu", "Cases counted in the figure"),
    ("due", "Hạn", "Due"),
    ("event", "Sự kiện", "Event"),
    ("export_csv", "Xuất CSV", "Export CSV"),
    ("export_xlsx", "Xuất Excel (XLSX)", "Export Excel (XLSX)"),
    ("filter", "Lọc", "Filter"),
    ("gap", "Chênh lệch", "Gap"),
    ("ground", "Căn cứ", "Legal ground"),
    ("history", "Diễn biến", "History"),
    ("import", "Nhập sổ thụ lý", "Import registers"),
    ("import_again", "Nhập tệp khác", "Import more files"),
    ("import_column", "Cột", "Column"),
    ("import_done", "xong", "done"),
    ("import_files", "Tệp", "Files"),
    (
        "import_help",
        "Tệp CSV (units.csv, cases.csv, events.csv, targets.csv) hoặc sổ tính .xlsx có các trang cùng tên. Mỗi tệp được nhập toàn bộ hoặc không nhập gì; mọi dòng lỗi đều được liệt kê.",
        "CSV files (units.csv, cases.csv, events.csv, targets.csv) or .xlsx workbooks with sheets of those names. Each file is imported whole or not at all; every bad row is listed.",
    ),
    ("import_reason", "Lý do", "Reason"),
    ("import_recent", "Các lần nhập gần đây của bạn", "Your recent imports"),
    ("import_row", "Dòng", "Row"),
    ("import_running", "đang chạy", "running"),
    ("import_start", "Nhập", "Import"),
    ("import_value", "Giá trị", "Value"),
    ("last_year", "Cùng kỳ năm trước", "Same period last year"),
    ("login", "Tên đăng nhập", "Login"),
    ("months", "Số tháng", "Months"),
    ("more_officers", "người khác", "more"),
    ("new_password", "Mật khẩu mới (ít nhất 10 ký tự)", "New password (at least 10 characters)"),
    ("next", "Trang sau", "Next"),
    (
        "no_actions",
        "Không có sự kiện nào bạn được ghi nhận cho việc này.",
        "There is nothing you may record on this case.",
    ),
    ("no_cases", "Không có việc nào.", "No cases."),
    ("note", "Ghi chú", "Note"),
    ("note_why", "Lý do (bắt buộc)", "Why (required)"),
    ("officer", "Chấp hành viên", "Officer"),
    ("open", "Chưa kết thúc", "Open"),
    ("origin", "Nguồn", "Origin"),
    ("outstanding", "Còn phải thi hành", "Outstanding"),
    ("password", "Mật khẩu", "Password"),
    (
        "password_changed",
        "Đã đổi mật khẩu. Các phiên khác đã bị đăng xuất.",
        "Password changed. Other sessions were signed out.",
    ),
    ("previous", "Trang trước", "Previous"),
    ("ranking", "Xếp hạng đơn vị trực thuộc", "Ranking of units below"),
    ("record", "Ghi nhận", "Record"),
    ("reduced", "Đã giảm", "Reduced"),
    ("replaces", "thay cho bản ghi", "replaces record"),
    ("reports", "Thống kê", "Statistics"),
    ("role", "Vai trò", "Role"),
    ("search", "Tìm theo tên hoặc số quyết định", "Search names or decision numbers"),
    ("sign_in", "Đăng nhập", "Sign in"),
    ("sign_out", "Đăng xuất", "Sign out"),
    ("sort", "Sắp xếp", "Sort"),
    ("sort_accepted_asc", "Thụ lý cũ nhất", "Accepted, oldest"),
    ("sort_accepted_desc", "Thụ lý mới nhất", "Accepted, newest"),
    ("sort_newest", "Nhập mới nhất", "Newest entry"),
    ("sort_outstanding", "Còn phải thi hành nhiều nhất", "Most outstanding"),
    ("state", "Trạng thái", "State"),
    ("superseded", "đã được sửa hoặc hủy", "corrected or voided"),
    ("target", "Chỉ tiêu", "Target"),
    ("trend", "Diễn biến theo tháng", "Monthly trend"),
    ("unit", "Đơn vị", "Unit"),
    (
        "version_stale",
        "Việc đã được người khác thay đổi, hãy tải lại.",
        "The case was changed by someone else; reload.",
    ),
    ("year", "Năm báo cáo", "Reporting year"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_keys_are_unique() {
        assert!(TEXTS.windows(2).all(|w| w[0].0 < w[1].0), "keep TEXTS sorted by key");
        assert_eq!(Lang::Vi.t("sign_in"), "Đăng nhập");
        assert_eq!(Lang::En.t("sign_in"), "Sign in");
        assert_eq!(Lang::En.t("nope"), "??");
    }
}
