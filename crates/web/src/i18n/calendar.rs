//! The texts of the calendar of announced days off and make-up working days.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("calendar", "Ngày nghỉ, ngày làm bù", "Days off and make-up days"),
    ("day_add", "Thêm ngày", "Add a day"),
    ("day_added", "Đã thêm ngày; các thời hạn đã được tính lại.", "Day added; deadlines were recomputed."),
    ("day_added_by", "Người nhập", "Entered by"),
    ("day_kind", "Loại ngày", "Kind of day"),
    ("day_off", "Ngày nghỉ", "Day off"),
    ("day_remove", "Xóa", "Remove"),
    ("day_removed", "Đã xóa ngày; các thời hạn đã được tính lại.", "Day removed; deadlines were recomputed."),
    ("day_source", "Văn bản công bố", "Announcing document"),
    (
        "days_help",
        "Ngày nghỉ lễ, Tết cố định và ngày cuối tuần đã được tính sẵn; ở đây chỉ nhập các ngày Chính phủ công bố thêm mỗi năm.",
        "Fixed holidays and weekends are built in; enter here only the days the government announces each year.",
    ),
    ("days_none", "Chưa có ngày nào được công bố trong năm này.", "No day announced for this year."),
    ("working_day", "Ngày làm việc (làm bù)", "Working day (make-up)"),
];
