//! The time limits of an asset's chain, both regimes, in the shared table of time limits
//! (`deadlines::Limits`). Old-law cells were read in the consolidated text (Luật THADS 26/2008
//! Điều 98–104, NĐ 62/2015 Điều 27, TTLT 11/2016); new-law cells in NĐ 152/2026 Điều 60–66.
//! Where NĐ 152 gives no limit and Luật 106/2025 was not available, the old value is kept,
//! unconfirmed and to verify.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::deadlines::{Length, LimitSpec, Limits};

/// A time limit of the asset chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetLimit {
    /// Ký hợp đồng thẩm định giá sau khi kê biên.
    ValuationContract,
    /// Bán không qua đấu giá tài sản tươi sống, mau hỏng sau khi kê biên.
    SaleWithoutAuction,
    /// Thông báo kết quả thẩm định giá (và quyền yêu cầu thẩm định lại).
    ValuationNotice,
    /// Đương sự yêu cầu thẩm định giá lại (a window of the parties).
    RevaluationRequest,
    /// Ký hợp đồng dịch vụ đấu giá sau khi có giá.
    AuctionContract,
    /// Tổ chức đấu giá động sản sau khi ký hợp đồng.
    AuctionMovable,
    /// Tổ chức đấu giá bất động sản sau khi ký hợp đồng.
    AuctionRealEstate,
    /// Người mua nộp tiền sau khi đấu giá thành.
    BuyerPayment,
    /// Người mua nộp tiền, gia hạn theo thỏa thuận.
    BuyerPaymentExtended,
    /// Giao tài sản cho người mua sau khi nộp đủ tiền.
    Handover,
    /// Thông báo cho đương sự việc đấu giá không thành.
    FailureNotice,
    /// Đương sự thỏa thuận mức giảm giá (a window of the parties).
    ReductionAgreement,
    /// Chấp hành viên giảm giá tài sản thu cho ngân sách.
    BudgetReduction,
    /// Thông báo cho người phải thi hành án việc người được thi hành án nhận tài sản.
    DebtorNotice,
    /// Người phải thi hành án nộp tiền để nhận lại tài sản (a window of the debtor).
    DebtorRedemption,
    /// Người được thi hành án nộp khoản chênh lệch (a window of the creditor).
    CreditorSurplus,
    /// Giao tài sản cho người được thi hành án theo thỏa thuận.
    AgreedHandover,
}

impl AssetLimit {
    pub const ALL: [AssetLimit; 17] = [
        AssetLimit::ValuationContract,
        AssetLimit::SaleWithoutAuction,
        AssetLimit::ValuationNotice,
        AssetLimit::RevaluationRequest,
        AssetLimit::AuctionContract,
        AssetLimit::AuctionMovable,
        AssetLimit::AuctionRealEstate,
        AssetLimit::BuyerPayment,
        AssetLimit::BuyerPaymentExtended,
        AssetLimit::Handover,
        AssetLimit::FailureNotice,
        AssetLimit::ReductionAgreement,
        AssetLimit::BudgetReduction,
        AssetLimit::DebtorNotice,
        AssetLimit::DebtorRedemption,
        AssetLimit::CreditorSurplus,
        AssetLimit::AgreedHandover,
    ];
}

impl AssetLimit {
    /// The stable code (storage, API).
    pub fn code(self) -> &'static str {
        match self {
            AssetLimit::ValuationContract => "valuation_contract",
            AssetLimit::SaleWithoutAuction => "sale_without_auction",
            AssetLimit::ValuationNotice => "valuation_notice",
            AssetLimit::RevaluationRequest => "revaluation_request",
            AssetLimit::AuctionContract => "auction_contract",
            AssetLimit::AuctionMovable => "auction_movable",
            AssetLimit::AuctionRealEstate => "auction_real_estate",
            AssetLimit::BuyerPayment => "buyer_payment",
            AssetLimit::BuyerPaymentExtended => "buyer_payment_extended",
            AssetLimit::Handover => "handover",
            AssetLimit::FailureNotice => "failure_notice",
            AssetLimit::ReductionAgreement => "reduction_agreement",
            AssetLimit::BudgetReduction => "budget_reduction",
            AssetLimit::DebtorNotice => "debtor_notice",
            AssetLimit::DebtorRedemption => "debtor_redemption",
            AssetLimit::CreditorSurplus => "creditor_surplus",
            AssetLimit::AgreedHandover => "agreed_handover",
        }
    }

    /// Its name in English (the Vietnamese is each limit's `name_vi`), for the worklist.
    pub fn label_en(self) -> &'static str {
        match self {
            AssetLimit::ValuationContract => "Sign the valuation contract",
            AssetLimit::SaleWithoutAuction => "Sell perishable assets",
            AssetLimit::ValuationNotice => "Notify the valuation result",
            AssetLimit::RevaluationRequest => "Request for revaluation",
            AssetLimit::AuctionContract => "Sign the auction service contract",
            AssetLimit::AuctionMovable => "Hold the auction of movables",
            AssetLimit::AuctionRealEstate => "Hold the auction of real estate",
            AssetLimit::BuyerPayment => "The buyer pays",
            AssetLimit::BuyerPaymentExtended => "The buyer pays (extended)",
            AssetLimit::Handover => "Hand the asset over to the buyer",
            AssetLimit::FailureNotice => "Notify the failed auction",
            AssetLimit::ReductionAgreement => "The parties agree on a price reduction",
            AssetLimit::BudgetReduction => "Reduce the price of an asset for the state budget",
            AssetLimit::DebtorNotice => "Notify the judgment debtor",
            AssetLimit::DebtorRedemption => "The judgment debtor takes the asset back",
            AssetLimit::CreditorSurplus => "The judgment creditor pays the difference",
            AssetLimit::AgreedHandover => "Hand the asset over as agreed",
        }
    }

    /// A recorded step meets it, so it is overdue once past; the others (notices, which no step
    /// records, and the parties' windows) are shown until their last day.
    pub fn tracked(self) -> bool {
        use AssetLimit as A;
        matches!(
            self,
            A::ValuationContract
                | A::SaleWithoutAuction
                | A::AuctionContract
                | A::AuctionMovable
                | A::AuctionRealEstate
                | A::BuyerPayment
                | A::BuyerPaymentExtended
                | A::Handover
                | A::BudgetReduction
                | A::AgreedHandover
        )
    }
}
use AssetLimit as A;

/// Old-law limits that NĐ 152/2026 does not restate: the new-law row keeps the old value,
/// unconfirmed and to verify.
const KEPT: [LimitSpec<AssetLimit>; 9] = [
    LimitSpec::confirmed(
        "asset.valuation_contract",
        A::ValuationContract,
        "Ký hợp đồng thẩm định giá",
        Length::working_days(5),
        "Luật THADS 26/2008 Điều 98 khoản 2",
    ),
    LimitSpec::confirmed(
        "asset.revaluation_window",
        A::RevaluationRequest,
        "Yêu cầu thẩm định giá lại",
        Length::working_days(5),
        "Luật THADS 26/2008 Điều 99 khoản 1 điểm b",
    ),
    LimitSpec::confirmed(
        "asset.auction_contract",
        A::AuctionContract,
        "Ký hợp đồng dịch vụ đấu giá",
        Length::days(10),
        "Luật THADS 26/2008 Điều 101 khoản 2",
    ),
    LimitSpec::confirmed(
        "asset.auction_movable",
        A::AuctionMovable,
        "Tổ chức đấu giá động sản",
        Length::days(30),
        "Luật THADS 26/2008 Điều 101 khoản 2",
    ),
    LimitSpec::confirmed(
        "asset.auction_real_estate",
        A::AuctionRealEstate,
        "Tổ chức đấu giá bất động sản",
        Length::days(45),
        "Luật THADS 26/2008 Điều 101 khoản 2",
    ),
    LimitSpec::confirmed(
        "asset.handover",
        A::Handover,
        "Giao tài sản cho người mua",
        Length::days(60),
        "NĐ 62/2015/NĐ-CP Điều 27 khoản 3",
    ),
    LimitSpec::confirmed(
        "asset.reduction_window",
        A::ReductionAgreement,
        "Đương sự thỏa thuận mức giảm giá",
        Length::days(10),
        "Luật THADS 26/2008 Điều 104 khoản 1",
    ),
    LimitSpec::confirmed(
        "asset.budget_reduction",
        A::BudgetReduction,
        "Giảm giá tài sản thu cho ngân sách",
        Length::days(10),
        "Luật THADS 26/2008 Điều 104 khoản 4",
    ),
    LimitSpec::confirmed(
        "asset.agreed_handover",
        A::AgreedHandover,
        "Giao tài sản theo thỏa thuận",
        Length::working_days(5),
        "Luật THADS 26/2008 Điều 100 khoản 2",
    ),
];

/// Old-law limits of their own.
const OLD: [LimitSpec<AssetLimit>; 6] = [
    LimitSpec::confirmed(
        "asset.sale_without_auction",
        A::SaleWithoutAuction,
        "Bán tài sản tươi sống, mau hỏng",
        Length::working_days(5),
        "Luật THADS 26/2008 Điều 101 khoản 4",
    ),
    LimitSpec::confirmed(
        "asset.valuation_notice",
        A::ValuationNotice,
        "Thông báo kết quả thẩm định giá",
        Length::working_days(3),
        "TTLT 11/2016/TTLT-BTP-TANDTC-VKSNDTC Điều 2 khoản 8",
    ),
    LimitSpec::confirmed(
        "asset.buyer_payment",
        A::BuyerPayment,
        "Người mua nộp tiền",
        Length::days(30),
        "NĐ 62/2015/NĐ-CP Điều 27 khoản 3 (không gia hạn)",
    ),
    LimitSpec::confirmed(
        "asset.failure_notice",
        A::FailureNotice,
        "Thông báo đấu giá không thành",
        Length::working_days(5),
        "Luật THADS 26/2008 Điều 104 khoản 1",
    ),
    LimitSpec::confirmed(
        "asset.debtor_notice",
        A::DebtorNotice,
        "Thông báo người phải thi hành án",
        Length::days(10),
        "Luật THADS 26/2008 Điều 104 khoản 2 (từ ngày nhận thông báo đấu giá không thành)",
    ),
    LimitSpec::confirmed(
        "asset.redemption_window",
        A::DebtorRedemption,
        "Người phải thi hành án nhận lại tài sản",
        Length::days(30),
        "Luật THADS 26/2008 Điều 104 khoản 2",
    ),
];

/// New-law limits NĐ 152/2026 states.
const NEW: [LimitSpec<AssetLimit>; 7] = [
    LimitSpec::confirmed(
        "asset.valuation_notice",
        A::ValuationNotice,
        "Thông báo kết quả thẩm định giá",
        Length::working_days(3),
        "NĐ 152/2026/NĐ-CP Điều 60 khoản 6",
    ),
    LimitSpec::confirmed(
        "asset.buyer_payment",
        A::BuyerPayment,
        "Người mua nộp tiền",
        Length::days(30),
        "NĐ 152/2026/NĐ-CP Điều 65 khoản 1",
    ),
    LimitSpec::confirmed(
        "asset.buyer_payment_extended",
        A::BuyerPaymentExtended,
        "Người mua nộp tiền (gia hạn)",
        Length::days(60),
        "NĐ 152/2026/NĐ-CP Điều 65 khoản 1",
    ),
    LimitSpec::confirmed(
        "asset.failure_notice",
        A::FailureNotice,
        "Thông báo đấu giá không thành",
        Length::working_days(2),
        "NĐ 152/2026/NĐ-CP Điều 65 khoản 6",
    ),
    LimitSpec::confirmed(
        "asset.debtor_notice",
        A::DebtorNotice,
        "Thông báo người phải thi hành án",
        Length::working_days(3),
        "NĐ 152/2026/NĐ-CP Điều 65 khoản 6",
    ),
    LimitSpec::confirmed(
        "asset.redemption_window",
        A::DebtorRedemption,
        "Người phải thi hành án nhận lại tài sản",
        Length::working_days(5),
        "NĐ 152/2026/NĐ-CP Điều 65 khoản 6",
    ),
    LimitSpec::confirmed(
        "asset.surplus_window",
        A::CreditorSurplus,
        "Người được thi hành án nộp khoản chênh lệch",
        Length::working_days(5),
        "NĐ 152/2026/NĐ-CP Điều 65 khoản 6, Điều 66",
    ),
];

/// The built-in asset limits.
pub fn default_asset_limits(new_law_from: Date) -> Limits<AssetLimit> {
    Limits::from_specs(new_law_from, &KEPT, &OLD, &NEW)
}
