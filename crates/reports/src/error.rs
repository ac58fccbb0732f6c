//! The one error type of the reports crate: every way a report can fail to be produced.

use thads_core::UnitId;

/// Why a report was not produced. A report that breaks an identity is never shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("đơn vị không tồn tại / unknown unit {0:?}")]
    UnknownUnit(UnitId),
    #[error(
        "kỳ báo cáo {from} – {to} không trọn tháng; dùng sổ theo ngày / the period is not whole months: use the day engine"
    )]
    NotMonthAligned { from: String, to: String },
    #[error("số liệu vượt giới hạn tính toán ở chuỗi {series} / ledger sum overflows in series {series}")]
    Overflow { series: String },
    #[error("báo cáo sai đẳng thức {identity} ({form}): {detail} / the report breaks an identity")]
    Identity { identity: &'static str, form: &'static str, detail: String },
    #[error(
        "các dòng đơn vị không cộng đúng tổng, biểu {form}, cột {column}: {detail} / the unit rows do not add up to the total"
    )]
    RowsMismatch { form: &'static str, column: &'static str, detail: String },
    #[error("sổ thống kê này không giữ số liệu phân tổ / this engine was built without the breakdown series")]
    NoBreakdowns,
    #[error("xuất báo cáo thất bại / export failed: {0}")]
    Export(String),
}

pub type ReportResult<T> = Result<T, ReportError>;
