//! The errors of the use cases: what the user did that cannot be done (with a reason they can
//! act on), and failures of the store underneath.

use thads_core::dates::MonthKey;
use thads_core::dates::format_vn;
use thads_core::{CaseNo, EventCode, Refusal, SupersessionFault};
use thads_store::StoreError;
use time::Date;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The history would not be consistent with this event.
    #[error("{0}")]
    Refused(#[from] HistoryRefusal),
    #[error("không tìm thấy / not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    /// A fact of a case refused, naming its field by its API name (`debtor_id`, `reason`…);
    /// the message is in both languages.
    #[error("{message}")]
    Field { field: &'static str, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The record is dated in a month that a unit closed (chốt số liệu).
    #[error(transparent)]
    PeriodClosed(#[from] PeriodClosed),
    /// Refused on the units as the use case's own transaction read them (the caller's view,
    /// checked before, may be older).
    #[error("{0}")]
    Denied(#[from] thads_core::access::Denied),
}

impl From<thads_core::case::DetailsError> for AppError {
    fn from(e: thads_core::case::DetailsError) -> Self {
        AppError::Field { field: e.field(), message: e.to_string() }
    }
}

/// A refused change to a case's history, naming the event the state machine stopped at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryRefusal {
    /// The new event itself is not allowed.
    #[error("việc {case_no}: {reason}")]
    Event { case_no: CaseNo, reason: Refusal },
    /// The new (backdated) event makes a later, already recorded event impossible.
    #[error(
        "việc {case_no}: sự kiện này làm sự kiện đã ghi «{later}» ngày {date} không còn hợp lệ: {reason} / \
         this event makes a later recorded event invalid",
        later = .later.label_vi(), date = format_vn(*.later_date), reason = .reason.reason
    )]
    Invalidates { case_no: CaseNo, later: EventCode, later_date: Date, reason: Refusal },
    /// The history already stored does not replay (only possible after a rule change).
    #[error(
        "việc {case_no}: lịch sử đã lưu không hợp lệ theo quy tắc hiện hành: {reason} / stored history is inconsistent"
    )]
    Stored { case_no: CaseNo, reason: Refusal },
    /// What replaces what in the history is ambiguous (a record superseded twice…): what the
    /// case owes is not known until a person settles it.
    #[error("việc {case_no}: {fault}")]
    Links { case_no: CaseNo, fault: SupersessionFault },
}

impl From<thads_core::ledger::LedgerOverflow> for AppError {
    fn from(e: thads_core::ledger::LedgerOverflow) -> Self {
        AppError::Invalid(e.to_string())
    }
}

impl AppError {
    /// Whether the message may be shown to users as is (everything but store failures).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, AppError::Store(StoreError::Backend(_)))
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// A record dated in a month that a unit closed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "tháng {vn} đã chốt số liệu ({unit}); không ghi được sự kiện hay thay đổi trong tháng này cho đến khi mở lại / \
     month {code} is closed ({unit}): nothing dated in it can be recorded until it is reopened",
    vn = .month, code = thads_core::periods::month_code(*.month)
)]
pub struct PeriodClosed {
    /// The code of the unit whose closing covers the record.
    pub unit: String,
    pub month: MonthKey,
}
