//! The texts of monthly closing and snapshots.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("closing_month", "Tháng (YYYY-MM)", "Month (YYYY-MM)"),
    ("period_close", "Chốt số liệu tháng", "Close a month"),
    (
        "period_closed_done",
        "Đã chốt số liệu; báo cáo tháng đã được lưu thành bản chốt.",
        "Month closed; its report was frozen as a snapshot.",
    ),
    (
        "period_help",
        "Sau khi chốt, mọi sự kiện, khoản thu hay thay đổi ghi ngày trong tháng đó đều bị từ chối cho đến khi thủ trưởng đơn vị mở lại. Chốt của đơn vị cấp trên áp dụng cho cả các đơn vị trực thuộc. Hạn chốt: ngày 5 tháng sau (chưa đối chiếu văn bản).",
        "Once closed, any event, receipt or change dated in that month is refused until the unit's head reopens it. A closing by a unit above covers its subordinate units. Due: the 5th of the next month (not yet checked against the circular).",
    ),
    ("period_reason", "Lý do mở lại", "Why reopen"),
    ("period_reopen", "Mở lại tháng đã chốt", "Reopen a closed month"),
    ("period_reopened_done", "Đã mở lại tháng.", "Month reopened."),
    ("period_status_closed", "Đã chốt", "Closed"),
    ("period_status_inactive", "Không hoạt động", "Not in operation"),
    ("period_status_late", "Chậm chốt", "Late"),
    ("period_status_open", "Chưa đến hạn", "Not yet due"),
    ("periods", "Chốt số liệu", "Monthly closing"),
    ("snapshot", "Bản chốt báo cáo", "Report snapshot"),
    ("snapshot_after", "Nay", "Now"),
    ("snapshot_before", "Khi chốt", "Then"),
    ("snapshot_diff", "Số liệu đã thay đổi", "Figures that moved"),
    ("snapshot_effective", "hiệu lực", "effective"),
    ("snapshot_entered", "nhập lúc", "entered"),
    ("snapshot_figure", "Chỉ tiêu", "Figure"),
    ("snapshot_figures", "Số liệu đã chốt", "Frozen figures"),
    ("snapshot_kind", "Loại", "Kind"),
    ("snapshot_kind_closing", "Chốt tháng", "Month closing"),
    ("snapshot_kind_saved", "Lưu thủ công", "Saved"),
    ("snapshot_live", "so với số liệu hôm nay", "against today's figures"),
    ("snapshot_months", "Số tháng lũy kế", "Cumulative months"),
    ("snapshot_period", "Kỳ", "Period"),
    ("snapshot_save", "Lưu báo cáo thành bản chốt", "Save the report as a snapshot"),
    ("snapshot_taken", "Lưu lúc", "Taken"),
    ("snapshot_unchanged", "Không có số liệu nào thay đổi.", "No figure has moved."),
    ("snapshot_why", "Do các bản ghi", "Moved by"),
    ("snapshots", "Các bản chốt báo cáo", "Report snapshots"),
    ("snapshots_none", "Chưa có bản chốt nào.", "No snapshots yet."),
];
