//! More texts of the seized assets pages: the proceeds through the money room, the police
//! steps done, coercion per month, the rules an administrator keeps.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("asset_proceeds", "Tiền bán tài sản", "Proceeds of the sale"),
    ("asset_proceeds_cancelled", "Biên lai đã hủy", "Receipt cancelled"),
    ("asset_proceeds_distribution", "Phân chia", "Distribution"),
    ("asset_proceeds_receipt", "Biên lai thu tiền", "Receipt"),
    ("asset_proceeds_returned", "Trả lại người phải thi hành án", "Returned to the debtor"),
    ("asset_rank", "Thứ tự", "Rank"),
    ("asset_rule", "Quy tắc", "Rule"),
    ("asset_rule_from", "Áp dụng từ ngày", "Applies from"),
    ("asset_rule_new", "Phiên bản mới của quy tắc", "A new version of a rule"),
    ("asset_rule_note", "Ghi chú", "Note"),
    ("asset_rule_save", "Lưu phiên bản", "Save the version"),
    ("asset_rule_source", "Nguồn", "Source"),
    ("asset_rule_value", "Giá trị (JSON)", "Value (JSON)"),
    ("asset_rules", "Quy tắc xử lý tài sản", "Rules of seized assets"),
    (
        "asset_rules_help",
        "Các giá trị pháp luật quy định cho việc xử lý tài sản, theo ngày có hiệu lực, kèm trích dẫn và độ tin cậy. Quản trị viên thêm phiên bản khi đối chiếu văn bản; bước ghi từ ngày đó theo giá trị mới.",
        "The values the law sets for seized assets, by the day they take effect, with their citation and confidence. An administrator adds a version after checking the text; steps dated from that day follow the new value.",
    ),
    ("asset_secured_case", "Người nhận thế chấp (việc)", "Secured creditor (case)"),
    ("coercion_by_month", "Cưỡng chế theo tháng", "Coercion per month"),
    (
        "coercion_by_month_help",
        "Số cuộc cưỡng chế theo ngày tổ chức, từng tháng; lực lượng huy động, chi phí và các bước phối hợp với Công an bị trễ.",
        "Coercion sessions by the month of their day; forces mobilised, costs and police steps late.",
    ),
    ("coercion_police_done", "Đã thực hiện", "Done"),
    ("coercion_police_done_on", "Ngày thực hiện", "Done on"),
    ("coercion_police_late", "Bước Công an trễ", "Police steps late"),
    ("coercion_police_record", "Ghi đã thực hiện", "Record as done"),
    ("coercion_sessions", "Số cuộc", "Sessions"),
    ("coercion_show", "Xem", "Show"),
    ("coercion_total", "Tổng", "Total"),
    ("coercion_with_forces", "Có huy động lực lượng", "With forces"),
    ("coercion_year", "Năm", "Year"),
];
