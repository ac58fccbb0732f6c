//! The texts of the targets page.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("target_cases", "Chỉ tiêu về việc (%)", "Target for cases (%)"),
    (
        "target_help",
        "Năm báo cáo 2026 là từ 01/10/2025 đến 30/09/2026. Tỷ lệ có tối đa hai chữ số thập phân, ví dụ 82,80.",
        "Reporting year 2026 runs from 01/10/2025 to 30/09/2026. Rates have at most two decimals, e.g. 82,80.",
    ),
    ("target_money", "Chỉ tiêu về tiền (%)", "Target for money (%)"),
    ("target_saved", "Đã lưu chỉ tiêu.", "Target saved."),
    ("target_set", "Đặt chỉ tiêu", "Set a target"),
    ("target_year", "Năm báo cáo", "Reporting year"),
    ("targets", "Chỉ tiêu", "Targets"),
    ("targets_none", "Chưa có chỉ tiêu nào.", "No targets yet."),
];
