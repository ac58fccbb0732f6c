//! Texts of the enforcement fee's rate table an administrator keeps (`/money-rules`).

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("fee_rule_new", "Phiên bản mới của biểu phí", "A new version of the rate table"),
    ("fee_rules", "Biểu phí thi hành án", "Enforcement fee rate table"),
    (
        "fee_rules_help",
        "Biểu phí thi hành án dân sự người được thi hành án nộp, theo ngày có hiệu lực, kèm trích dẫn và độ tin cậy: các bậc (mốc, phí cố định, tỷ lệ phần vạn), mức trần, ngưỡng miễn. Quản trị viên thêm phiên bản khi đối chiếu văn bản; các lần chi trả từ ngày đó tính phí theo biểu mới.",
        "The enforcement fee a creditor pays, by the day each version takes effect, with its citation and confidence: the brackets (bound, base, rate in basis points), the cap, the exempt bound. An administrator adds a version after checking the text; payouts dated from that day use it.",
    ),
    ("fee_table", "Biểu phí (JSON)", "Rate table (JSON)"),
];
