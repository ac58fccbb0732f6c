//! The texts of reorganisations and of the statistics' structure (issue 23).

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    (
        "structure_as_reported",
        "Theo cơ cấu của ngày cuối kỳ (như đã báo cáo)",
        "On the structure of the period's last day (as reported)",
    ),
    ("structure_label", "Cơ cấu đơn vị", "Structure of units"),
    (
        "structure_restated",
        "Theo cơ cấu hiện nay (tính lại: việc của đơn vị cũ tính cho đơn vị kế thừa)",
        "On today's structure (restated: a predecessor's cases under its successor)",
    ),
    ("structure_show_as_reported", "Xem như đã báo cáo", "Show as reported"),
    ("structure_show_restated", "Xem theo cơ cấu hiện nay", "Show restated"),
];
