//! The texts of the audit trail.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("actor", "Người thực hiện", "By"),
    ("audit_of_user", "Nhật ký của người dùng", "Audit trail of user"),
    ("before_after", "Trước / sau", "Before / after"),
];
