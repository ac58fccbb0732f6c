//! The texts of the import pages.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
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
];
