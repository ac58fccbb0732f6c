//! The texts of the case list and the case page.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("accepted_from", "Thụ lý từ ngày", "Accepted from"),
    ("accepted_to", "đến ngày", "to"),
    ("action_correct", "Sửa bản ghi", "Correct this record"),
    ("action_void", "Hủy bản ghi này", "Void this record"),
    ("actions", "Ghi nhận sự kiện", "Record an event"),
    ("all", "Tất cả", "All"),
    ("amount", "Số tiền phải thi hành", "Amount to enforce"),
    ("amount_vnd", "Số tiền (đồng)", "Amount (đồng)"),
    ("category", "Nhóm việc", "Category"),
    ("closed", "Đã kết thúc", "Closed"),
    ("collected", "Đã thu", "Collected"),
    ("correct_or_void", "Sửa hoặc hủy bản ghi", "Correct or void"),
    ("creditor", "Người được thi hành án", "Creditor"),
    ("ground", "Căn cứ", "Legal ground"),
    ("history", "Diễn biến", "History"),
    ("next", "Trang sau", "Next"),
    (
        "no_actions",
        "Không có sự kiện nào bạn được ghi nhận cho việc này.",
        "There is nothing you may record on this case.",
    ),
    ("note", "Ghi chú", "Note"),
    ("note_why", "Lý do (bắt buộc)", "Why (required)"),
    ("open", "Chưa kết thúc", "Open"),
    ("origin", "Nguồn", "Origin"),
    ("previous", "Trang trước", "Previous"),
    ("record", "Ghi nhận", "Record"),
    ("reduced", "Đã giảm", "Reduced"),
    ("replaces", "thay cho bản ghi", "replaces record"),
    ("search", "Tìm theo tên hoặc số quyết định", "Search names or decision numbers"),
    ("sort", "Sắp xếp", "Sort"),
    ("sort_accepted_asc", "Thụ lý cũ nhất", "Accepted, oldest"),
    ("sort_accepted_desc", "Thụ lý mới nhất", "Accepted, newest"),
    ("sort_newest", "Nhập mới nhất", "Newest entry"),
    ("sort_outstanding", "Còn phải thi hành nhiều nhất", "Most outstanding"),
    ("superseded", "đã được sửa hoặc hủy", "corrected or voided"),
];
