//! What a backend says about the database as a whole: the generation of the reference data,
//! and the query planner's statistics. (`Store::backend` and `Store::begin` are the rest.)

use crate::StoreResult;

/// Reading and upkeep of the database as a whole.
pub trait Meta {
    /// A number that moves in the same transaction as every change of units, staff, targets,
    /// announced days or rule corrections, and with nothing else: a long-running process that
    /// keeps them in memory reloads them when it moves.
    fn reference_generation(&self) -> StoreResult<i64>;
    /// Refreshes the query planner's statistics after a bulk load (demo, import, migration), so
    /// that the first queries on millions of new rows are planned for what the tables now hold.
    fn refresh_planner_statistics(&self) -> StoreResult<()>;
    /// How many rows each table of `UNMOVED_REGISTERS` holds, in its order.
    fn unmoved_register_rows(&self) -> StoreResult<Vec<i64>>;
}

/// The registers of the second wave that moving a database into another (`thads migrate-db`)
/// does not carry yet, by table, with what a person calls them: a source holding rows in any
/// of them is refused, naming them, rather than moved without them.
pub const UNMOVED_REGISTERS: &[(&str, &str)] = &[
    ("money_entries", "sổ tiền tạm giữ / custody ledger entries"),
    ("money_receipts", "biên lai thu tiền / receipts"),
    ("money_distributions", "phân chia tiền / distributions"),
    ("money_payouts", "chi trả / payouts"),
    ("money_statements", "sao kê ngân hàng / bank statements"),
    ("period_closings", "chốt số liệu / closed months"),
    ("report_snapshots", "bản chốt báo cáo / report snapshots"),
    ("document_templates", "mẫu văn bản đã sửa / edited document templates"),
    ("documents", "sổ văn bản / issued documents"),
    ("assets", "tài sản kê biên / seized assets"),
    ("coercion_plans", "kế hoạch cưỡng chế / coercion plans"),
    ("complaints", "khiếu nại, tố cáo / complaints and denunciations"),
    ("reception_sessions", "tiếp công dân / reception sessions"),
    ("reception_schedule", "lịch tiếp công dân / reception schedule"),
    ("admin_judgments", "án hành chính / administrative judgments"),
    ("exemption_proposals", "đề nghị miễn, giảm / exemption proposals"),
    ("asset_rule_versions", "quy tắc xử lý tài sản đã sửa / edited rules of seized assets"),
    ("personnel", "hồ sơ cán bộ / the staff registry"),
    ("staff_posts", "biên chế / posts allowed"),
    ("staff_rank_posts", "biên chế theo ngạch / posts by rank"),
    ("case_lookup_codes", "mã tra cứu đã đổi / rotated lookup codes"),
    ("case_views", "nhật ký xem hồ sơ / log of staff views of cases"),
    ("requests", "đơn yêu cầu thi hành án trực tuyến / online enforcement requests"),
];

/// One row: the number of rows of each table of `UNMOVED_REGISTERS`, in its order (both
/// backends).
pub fn unmoved_register_sql() -> String {
    let counts: Vec<String> = UNMOVED_REGISTERS.iter().map(|(t, _)| format!("(select count(*) from {t})")).collect();
    format!("select {}", counts.join(", "))
}
