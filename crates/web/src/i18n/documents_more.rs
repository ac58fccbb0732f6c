//! More texts of the documents room: cancelling a number, bulk jobs and their progress, bulk
//! from the worklist's selection.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("doc_cancel", "Hủy số", "Cancel the number"),
    ("doc_cancel_reason", "Lý do hủy số", "Why the number is cancelled"),
    ("doc_job_cases", "việc", "cases"),
    ("doc_job_download", "Tải tệp", "Download the file"),
    ("doc_job_ready", "Đã tạo xong.", "Ready."),
    ("doc_job_start", "Tạo văn bản cho các việc đã chọn", "Make documents for the selected cases"),
    ("doc_job_with_progress", "Tạo và theo dõi tiến độ", "Make, with progress"),
    ("doc_job_worklist", "Việc cần làm", "Worklist"),
];
