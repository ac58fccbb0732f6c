//! More texts of the documents room: cancelling a number, bulk jobs and their progress, bulk
//! from the worklist's selection.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("doc_cancel", "Hủy số", "Cancel the number"),
    ("doc_cancel_reason", "Lý do hủy số", "Why the number is cancelled"),
];
