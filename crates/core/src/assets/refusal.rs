//! Why a step of an asset's chain is refused: each reason names the rule it breaks and its
//! citation, Vietnamese first, with English.

use serde::{Deserialize, Serialize};
use time::Date;

use super::kind::{FailureReason, ValuationMethod};
use super::state::AssetState;
use crate::amount::Vnd;
use crate::dates::format_vn;
use crate::deadlines::Regime;

fn day(d: &Date) -> String {
    format_vn(*d)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum AssetReason {
    #[error("ngày {} trước ngày kê biên {} / dated before the seizure", day(.date), day(.seized_on))]
    BeforeSeizure { date: Date, seized_on: Date },
    #[error("ngày {} trước bước trước đó ({}) / dated before the previous step", day(.date), day(.previous))]
    BeforePrevious { date: Date, previous: Date },
    #[error("tài sản đã kết thúc xử lý («{}») / the chain of this asset has ended", .state.label_vi())]
    Ended { state: AssetState },
    #[error("«{step}» không áp dụng khi tài sản ở trạng thái «{}» / not allowed in this state", .state.label_vi())]
    NotAllowed { step: String, state: AssetState },
    #[error("số tiền phải lớn hơn 0 / the amount must be more than zero")]
    ZeroAmount,
    #[error("cách xác định giá «{method}» không áp dụng theo {} ({citation}) / not a valuation method of that regime", .regime.label_vi())]
    MethodNotInRegime { method: ValuationMethod, regime: Regime, citation: String },
    #[error("đã thẩm định giá lại {used} lần, tối đa {allowed} ({citation}) / no re-valuation left")]
    RevaluationUsed { used: u8, allowed: u8, citation: String },
    #[error("hết thời hạn yêu cầu thẩm định giá lại ngày {} ({citation}) / the request is late", day(.last_day))]
    RevaluationLate { last_day: Date, citation: String },
    #[error(
        "không bán không qua đấu giá: giá {value} vượt mức {bound} và không phải hàng dễ hư hỏng ({citation}) / not low-value nor perishable"
    )]
    NotLowValue { value: Vnd, bound: Vnd, citation: String },
    #[error(
        "chỉ bán không qua đấu giá động sản có giá trị nhỏ hoặc hàng dễ hư hỏng ({citation}) / only low-value movables or perishables"
    )]
    NotForSaleWithoutAuction { citation: String },
    #[error(
        "giá khởi điểm {asked} khác giá khởi điểm hiện tại {starting} (giá xác định hoặc giá sau giảm) / the starting price must be the current one"
    )]
    NotTheStartingPrice { asked: Vnd, starting: Vnd },
    #[error("ngày tổ chức phiên {} trước ngày thông báo / the session is before its announcement", day(.session_on))]
    SessionBeforeNotice { session_on: Date },
    #[error("giá bán {price} thấp hơn giá khởi điểm {starting} / sold below the starting price")]
    BelowStartingPrice { price: Vnd, starting: Vnd },
    #[error("lý do «{}» không áp dụng ở trạng thái «{}» / not a reason in this state", .reason.label_vi(), .state.label_vi())]
    ReasonNotAllowed { reason: FailureReason, state: AssetState },
    #[error("chưa hết hạn nộp tiền ({}) ({citation}) / the buyer's payment is not yet due", day(.due))]
    PaymentNotDue { due: Date, citation: String },
    #[error("đã hết hạn nộp tiền ngày {} ({citation}); ghi nhận đấu giá không thành (khong_thanh_toan) / the payment is late", day(.due))]
    PaymentLate { due: Date, citation: String },
    #[error("không gia hạn nộp tiền theo {} / no extension under that regime", .regime.label_vi())]
    ExtensionNotInRegime { regime: Regime },
    #[error("đã gia hạn nộp tiền một lần / the payment was already extended")]
    ExtensionUsed,
    #[error("gia hạn đến {} vượt hạn tối đa {} ({citation}) / beyond the longest extension", day(.until), day(.latest))]
    ExtensionTooLong { until: Date, latest: Date, citation: String },
    #[error("gia hạn đến {} không sau hạn hiện tại {} / not later than the current due date", day(.until), day(.due))]
    ExtensionNotLater { until: Date, due: Date },
    #[error("giá mới {asked} không thấp hơn giá khởi điểm {previous} / not a reduction")]
    NotAReduction { asked: Vnd, previous: Vnd },
    #[error("giảm quá mức: giá thấp nhất là {floor} ({}% của {previous}; {citation}) / the reduction exceeds the cap", cap_text(*.cap_bp))]
    ReductionTooLarge { asked: Vnd, previous: Vnd, floor: Vnd, cap_bp: u32, citation: String },
    #[error("hết thời hạn đương sự thỏa thuận giảm giá ngày {} ({citation}); Chấp hành viên quyết định / the parties' window closed", day(.last_day))]
    PartiesWindowClosed { last_day: Date, citation: String },
    #[error("đương sự còn được thỏa thuận mức giảm giá đến {} ({citation}) / the officer decides only after the parties' window", day(.until))]
    PartiesWindowOpen { until: Date, citation: String },
    #[error(
        "người được thi hành án chỉ nhận tài sản khi đấu giá không thành ở giá của lần giảm thứ {needed} trở đi; mới giảm {reductions} lần ({citation}) / not before the regime allows it"
    )]
    CreditorNotYet { reductions: u8, needed: u8, citation: String },
    #[error("người phải thi hành án còn được nộp tiền nhận lại tài sản đến {} ({citation}) / the debtor's window is open", day(.until))]
    DebtorWindowOpen { until: Date, citation: String },
    #[error("hết thời hạn nhận lại tài sản ngày {} ({citation}) / too late to redeem", day(.last_day))]
    RedemptionLate { last_day: Date, citation: String },
    #[error(
        "giá khởi điểm {price} còn cao hơn chi phí cưỡng chế {costs} ({citation}) / the price is above the coercion costs"
    )]
    AboveCosts { price: Vnd, costs: Vnd, citation: String },
    #[error("chưa có quy tắc «{what}» áp dụng ngày {} / no rule in effect that day", day(.date))]
    NoRule { what: String, date: Date },
}

fn cap_text(bp: u32) -> String {
    format!("{},{:02}", bp / 100, bp % 100)
}

/// A refused step: its position in the history, its day, its code and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{reason}")]
pub struct AssetRefusal {
    pub index: usize,
    pub date: Date,
    pub step: String,
    pub reason: AssetReason,
}
