//! The texts of reorganisations and of the statistics' structure (issue 23).

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("reorg", "Tổ chức lại đơn vị", "Reorganisation of units"),
    ("reorg_books", "Tiền tạm giữ bàn giao", "Custody money handed over"),
    ("reorg_done", "Đã ghi thao tác tổ chức lại.", "The operation was recorded."),
    ("reorg_from", "Các đơn vị sáp nhập (mã, cách nhau dấu phẩy)", "Units merged (codes, comma-separated)"),
    (
        "reorg_help",
        "Từ ngày có hiệu lực, việc, cán bộ và thời hạn của đơn vị cũ chuyển sang đơn vị kế thừa; lịch sử việc giữ nguyên. Báo cáo các kỳ trước vẫn xem được như đã báo cáo hoặc theo cơ cấu hiện nay. Không ghi được vào tháng đã chốt số liệu.",
        "From the day it takes effect, the old units' cases, officers and deadlines move to the successor; the cases' histories stay as they were. Reports of earlier periods can still be seen as reported or restated. A month closed for the statistics cannot take an operation.",
    ),
    ("reorg_into", "Đơn vị kế thừa (mã)", "Successor (code)"),
    ("reorg_kind", "Thao tác", "Operation"),
    (
        "reorg_list_file",
        "Danh sách việc (tệp CSV: case_no,unit — số việc, mã đơn vị nhận)",
        "Case list (CSV file: case_no,unit — case number, receiving unit's code)",
    ),
    ("reorg_merge", "Sáp nhập", "Merge"),
    ("reorg_move", "Chuyển sang đơn vị cấp trên khác", "Move under another parent"),
    ("reorg_moved", "Việc / người chuyển", "Cases / people moved"),
    ("reorg_new_name", "Tên mới", "New name"),
    (
        "reorg_new_names",
        "Tên các đơn vị mới (theo thứ tự trên, cách nhau dấu chấm phẩy; để trống nếu đơn vị đã có)",
        "Names of the new units (in the order above, separated by semicolons; empty for existing units)",
    ),
    ("reorg_on", "Ngày có hiệu lực", "Effective from"),
    ("reorg_parent", "Đơn vị cấp trên mới (mã)", "New parent (code)"),
    ("reorg_rename", "Đổi tên", "Rename"),
    (
        "reorg_rest",
        "Các việc không có trong danh sách chuyển hết về đơn vị (mã; để trống: việc nào thiếu thì bị từ chối)",
        "Every case not on the list goes to unit (code; empty: a case left out refuses the split)",
    ),
    ("reorg_split", "Chia tách", "Split"),
    ("reorg_split_from", "Đơn vị được chia (mã)", "Unit split (code)"),
    ("reorg_split_into", "Các đơn vị nhận (mã, cách nhau dấu phẩy)", "Receiving units (codes, comma-separated)"),
    ("reorg_units", "Đơn vị", "Units"),
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
