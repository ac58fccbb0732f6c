//! The texts of the citizen reception page.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("reception", "Tiếp công dân", "Citizen reception"),
    ("reception_add_day", "Thêm ngày tiếp", "Add a reception day"),
    ("reception_book", "Sổ tiếp công dân", "Citizen reception book"),
    ("reception_complaints", "Đơn phát sinh", "Letters"),
    ("reception_days_held", "Ngày thủ trưởng tiếp", "Days heads received"),
    ("reception_export", "Xuất sổ tiếp công dân (XLSX)", "Export the reception book (XLSX)"),
    ("reception_export_csv", "CSV", "CSV"),
    ("reception_head", "Thủ trưởng tiếp", "Head receiving"),
    (
        "reception_help",
        "Thủ trưởng tiếp công dân ít nhất một ngày mỗi tháng (Luật Tiếp công dân 2013 Điều 18 khoản 2). Tháng chưa kết thúc chưa bị tính thiếu.",
        "Each head receives citizens at least one day a month (Luật Tiếp công dân 2013 Điều 18 khoản 2). A month not yet over is not counted as missed.",
    ),
    ("reception_kind", "Hình thức", "Kind"),
    ("reception_kind_dinh_ky", "Định kỳ", "Periodic"),
    ("reception_kind_dot_xuat", "Đột xuất", "Ad hoc"),
    ("reception_missed", "Tháng thủ trưởng chưa tiếp công dân", "Months a head did not receive citizens"),
    ("reception_missed_none", "Không có tháng nào bị thiếu.", "No month missed."),
    ("reception_month", "Tháng", "Month"),
    ("reception_new_letter", "Vào sổ đơn từ buổi tiếp", "Register a letter from this session"),
    ("reception_no", "STT", "No."),
    ("reception_none", "Chưa có buổi tiếp nào.", "No sessions yet."),
    ("reception_place", "Địa điểm", "Place"),
    (
        "reception_plan",
        "Lập lịch cả năm (mỗi thủ trưởng một ngày mỗi tháng)",
        "Plan the year (one day a month per head)",
    ),
    ("reception_record", "Ghi buổi tiếp", "Record a session"),
    ("reception_result", "Kết quả", "Result"),
    ("reception_schedule", "Lịch tiếp công dân của thủ trưởng", "The heads' reception schedule"),
    ("reception_schedule_none", "Chưa có lịch.", "Nothing scheduled."),
    ("reception_session", "Buổi tiếp công dân", "Reception session"),
    ("reception_sessions", "Các buổi tiếp", "Sessions"),
    ("reception_sheet", "Tiep cong dan", "Reception"),
    ("reception_staff", "Cán bộ tiếp", "Reception staff"),
    ("reception_subject", "Nội dung", "About"),
    ("reception_visitors", "Lượt công dân", "Visitors"),
];
