//! The time limits of an asset's chain, both regimes, in the shared step-limit table
//! (`deadlines::StepRules`). Old-law cells were read in the consolidated text (Luật THADS
//! 26/2008 Điều 98–104, NĐ 62/2015 Điều 27, TTLT 11/2016); new-law cells in NĐ 152/2026
//! Điều 60–66. Where NĐ 152 gives no limit and Luật 106/2025 was not available, the old value
//! is kept, unconfirmed and to verify.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::deadlines::{Length, LimitKind, Regime, StepRule, StepRules, StepSpec, Tracking};
use crate::rules::Confidence::{self, *};

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

impl LimitKind for AssetLimit {
    fn code(self) -> &'static str {
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
}

const OLD_VALUE: &str = "Giá trị của luật cũ; NĐ 152/2026 không quy định, Luật 106/2025 chưa đối chiếu / the old \
     value: NĐ 152/2026 gives none and Luật 106/2025 was not checked";
const WINDOW: &str = "Thời hạn của đương sự, tính từ ngày cuối của thời hạn thông báo / a window of the parties, \
     counted from the last day of the notice limit";

/// A row: id suffix, kind, names, citation, length, confidence, tracking.
type Row = (&'static str, AssetLimit, (&'static str, &'static str), &'static str, Length, Confidence, Tracking);

fn build(regime: Regime, rows: Vec<Row>) -> impl Iterator<Item = StepRule<AssetLimit>> {
    rows.into_iter().map(move |(id, kind, names, citation, length, confidence, tracking)| {
        let note = match (confidence, tracking) {
            (Unconfirmed, _) => OLD_VALUE,
            (_, Tracking::UntilDue) if id.contains("window") => WINDOW,
            _ => "",
        };
        StepSpec { id, kind, names, citation, length, confidence, tracking, note }.build(regime)
    })
}

const VALUATION_CONTRACT: (&str, &str) = ("Ký hợp đồng thẩm định giá", "Sign the valuation contract");
const VALUATION_NOTICE: (&str, &str) = ("Thông báo kết quả thẩm định giá", "Notify the valuation");
const REVALUATION: (&str, &str) = ("Yêu cầu thẩm định giá lại", "Request a re-valuation");
const AUCTION_CONTRACT: (&str, &str) = ("Ký hợp đồng dịch vụ đấu giá", "Sign the auction contract");
const AUCTION_MOVABLE: (&str, &str) = ("Tổ chức đấu giá động sản", "Hold the auction of a movable");
const AUCTION_REAL_ESTATE: (&str, &str) = ("Tổ chức đấu giá bất động sản", "Hold the auction of real estate");
const PAYMENT: (&str, &str) = ("Người mua nộp tiền", "The buyer pays");
const HANDOVER: (&str, &str) = ("Giao tài sản cho người mua", "Hand the asset to the buyer");
const FAILURE_NOTICE: (&str, &str) = ("Thông báo đấu giá không thành", "Notify the failed auction");
const REDUCTION: (&str, &str) = ("Đương sự thỏa thuận mức giảm giá", "The parties agree a reduction");
const BUDGET: (&str, &str) = ("Giảm giá tài sản thu cho ngân sách", "Reduce the price (state budget)");
const DEBTOR_NOTICE: (&str, &str) = ("Thông báo người phải thi hành án", "Notify the debtor");
const REDEMPTION: (&str, &str) = ("Người phải thi hành án nhận lại tài sản", "The debtor may redeem");
const AGREED: (&str, &str) = ("Giao tài sản theo thỏa thuận", "Hand over as agreed");

fn old_rows() -> Vec<Row> {
    use AssetLimit as A;
    use Tracking::*;
    vec![
        (
            "old.asset.valuation_contract",
            A::ValuationContract,
            VALUATION_CONTRACT,
            "Luật THADS 26/2008 Điều 98 khoản 2",
            Length::working_days(5),
            Confirmed,
            Tracked,
        ),
        (
            "old.asset.sale_without_auction",
            A::SaleWithoutAuction,
            ("Bán tài sản tươi sống, mau hỏng", "Sell a perishable asset"),
            "Luật THADS 26/2008 Điều 101 khoản 4",
            Length::working_days(5),
            Confirmed,
            Tracked,
        ),
        (
            "old.asset.valuation_notice",
            A::ValuationNotice,
            VALUATION_NOTICE,
            "TTLT 11/2016/TTLT-BTP-TANDTC-VKSNDTC Điều 2 khoản 8",
            Length::working_days(3),
            Confirmed,
            UntilDue,
        ),
        (
            "old.asset.revaluation_window",
            A::RevaluationRequest,
            REVALUATION,
            "Luật THADS 26/2008 Điều 99 khoản 1 điểm b",
            Length::working_days(5),
            Confirmed,
            UntilDue,
        ),
        (
            "old.asset.auction_contract",
            A::AuctionContract,
            AUCTION_CONTRACT,
            "Luật THADS 26/2008 Điều 101 khoản 2",
            Length::days(10),
            Confirmed,
            Tracked,
        ),
        (
            "old.asset.auction_movable",
            A::AuctionMovable,
            AUCTION_MOVABLE,
            "Luật THADS 26/2008 Điều 101 khoản 2",
            Length::days(30),
            Confirmed,
            Tracked,
        ),
        (
            "old.asset.auction_real_estate",
            A::AuctionRealEstate,
            AUCTION_REAL_ESTATE,
            "Luật THADS 26/2008 Điều 101 khoản 2",
            Length::days(45),
            Confirmed,
            Tracked,
        ),
        (
            "old.asset.buyer_payment",
            A::BuyerPayment,
            PAYMENT,
            "NĐ 62/2015/NĐ-CP Điều 27 khoản 3 (không gia hạn)",
            Length::days(30),
            Confirmed,
            Tracked,
        ),
        (
            "old.asset.handover",
            A::Handover,
            HANDOVER,
            "NĐ 62/2015/NĐ-CP Điều 27 khoản 3",
            Length::days(60),
            Confirmed,
            Tracked,
        ),
        (
            "old.asset.failure_notice",
            A::FailureNotice,
            FAILURE_NOTICE,
            "Luật THADS 26/2008 Điều 104 khoản 1",
            Length::working_days(5),
            Confirmed,
            UntilDue,
        ),
        (
            "old.asset.reduction_window",
            A::ReductionAgreement,
            REDUCTION,
            "Luật THADS 26/2008 Điều 104 khoản 1",
            Length::days(10),
            Confirmed,
            UntilDue,
        ),
        (
            "old.asset.budget_reduction",
            A::BudgetReduction,
            BUDGET,
            "Luật THADS 26/2008 Điều 104 khoản 4",
            Length::days(10),
            Confirmed,
            Tracked,
        ),
        (
            "old.asset.debtor_notice",
            A::DebtorNotice,
            DEBTOR_NOTICE,
            "Luật THADS 26/2008 Điều 104 khoản 2 (từ ngày nhận thông báo đấu giá không thành)",
            Length::days(10),
            Confirmed,
            UntilDue,
        ),
        (
            "old.asset.redemption_window",
            A::DebtorRedemption,
            REDEMPTION,
            "Luật THADS 26/2008 Điều 104 khoản 2",
            Length::days(30),
            Confirmed,
            UntilDue,
        ),
        (
            "old.asset.agreed_handover",
            A::AgreedHandover,
            AGREED,
            "Luật THADS 26/2008 Điều 100 khoản 2",
            Length::working_days(5),
            Confirmed,
            Tracked,
        ),
    ]
}

fn new_rows() -> Vec<Row> {
    use AssetLimit as A;
    use Tracking::*;
    let unread = "Luật THADS 106/2025 (chưa đối chiếu)";
    vec![
        (
            "new.asset.valuation_contract",
            A::ValuationContract,
            VALUATION_CONTRACT,
            "Luật THADS 106/2025 Điều 82 (chưa đối chiếu)",
            Length::working_days(5),
            Unconfirmed,
            Tracked,
        ),
        (
            "new.asset.valuation_notice",
            A::ValuationNotice,
            VALUATION_NOTICE,
            "NĐ 152/2026/NĐ-CP Điều 60 khoản 6",
            Length::working_days(3),
            Confirmed,
            UntilDue,
        ),
        (
            "new.asset.revaluation_window",
            A::RevaluationRequest,
            REVALUATION,
            "Luật THADS 106/2025 Điều 82 khoản 2 điểm e (chưa đối chiếu)",
            Length::working_days(5),
            Unconfirmed,
            UntilDue,
        ),
        (
            "new.asset.auction_contract",
            A::AuctionContract,
            AUCTION_CONTRACT,
            unread,
            Length::days(10),
            Unconfirmed,
            Tracked,
        ),
        (
            "new.asset.auction_movable",
            A::AuctionMovable,
            AUCTION_MOVABLE,
            unread,
            Length::days(30),
            Unconfirmed,
            Tracked,
        ),
        (
            "new.asset.auction_real_estate",
            A::AuctionRealEstate,
            AUCTION_REAL_ESTATE,
            unread,
            Length::days(45),
            Unconfirmed,
            Tracked,
        ),
        (
            "new.asset.buyer_payment",
            A::BuyerPayment,
            PAYMENT,
            "NĐ 152/2026/NĐ-CP Điều 65 khoản 1",
            Length::days(30),
            Confirmed,
            Tracked,
        ),
        (
            "new.asset.buyer_payment_extended",
            A::BuyerPaymentExtended,
            ("Người mua nộp tiền (gia hạn)", "The buyer pays (extended)"),
            "NĐ 152/2026/NĐ-CP Điều 65 khoản 1",
            Length::days(60),
            Confirmed,
            Tracked,
        ),
        (
            "new.asset.handover",
            A::Handover,
            HANDOVER,
            "NĐ 152/2026/NĐ-CP Điều 67 (chưa đối chiếu thời hạn)",
            Length::days(60),
            Unconfirmed,
            Tracked,
        ),
        (
            "new.asset.failure_notice",
            A::FailureNotice,
            FAILURE_NOTICE,
            "NĐ 152/2026/NĐ-CP Điều 65 khoản 6",
            Length::working_days(2),
            Confirmed,
            UntilDue,
        ),
        (
            "new.asset.reduction_window",
            A::ReductionAgreement,
            REDUCTION,
            "Luật THADS 106/2025 Điều 83 khoản 3 (chưa đối chiếu)",
            Length::days(10),
            Unconfirmed,
            UntilDue,
        ),
        ("new.asset.budget_reduction", A::BudgetReduction, BUDGET, unread, Length::days(10), Unconfirmed, Tracked),
        (
            "new.asset.debtor_notice",
            A::DebtorNotice,
            DEBTOR_NOTICE,
            "NĐ 152/2026/NĐ-CP Điều 65 khoản 6",
            Length::working_days(3),
            Confirmed,
            UntilDue,
        ),
        (
            "new.asset.redemption_window",
            A::DebtorRedemption,
            REDEMPTION,
            "NĐ 152/2026/NĐ-CP Điều 65 khoản 6",
            Length::working_days(5),
            Confirmed,
            UntilDue,
        ),
        (
            "new.asset.surplus_window",
            A::CreditorSurplus,
            ("Người được thi hành án nộp khoản chênh lệch", "The creditor pays the surplus"),
            "NĐ 152/2026/NĐ-CP Điều 65 khoản 6, Điều 66",
            Length::working_days(5),
            Confirmed,
            UntilDue,
        ),
        ("new.asset.agreed_handover", A::AgreedHandover, AGREED, unread, Length::working_days(5), Unconfirmed, Tracked),
    ]
}

/// The built-in asset limits.
pub fn default_asset_limits(new_law_from: Date) -> StepRules<AssetLimit> {
    let rules = build(Regime::Old, old_rows()).chain(build(Regime::New, new_rows())).collect();
    // Ids and (kind, regime) pairs are distinct by construction (a test checks the table).
    StepRules::new(new_law_from, rules).unwrap_or_else(|_| StepRules::empty(new_law_from))
}
