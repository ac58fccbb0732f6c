//! The dated steps of a seized asset's chain, as recorded (append-only, like a case's events),
//! and the facts of the asset they are checked against.

use serde::{Deserialize, Serialize};
use time::Date;

use super::kind::{AssetKind, DecidedBy, FailureReason, ValuationMethod};
use crate::amount::Vnd;
use crate::case::CaseId;
use crate::money::{Text, WageRegion};

/// What happened to the asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum AssetStep {
    /// The price is set (thẩm định giá, xác định giá), or set again after a request.
    Valued { method: ValuationMethod, value: Vnd },
    /// A party asks for a re-valuation (yêu cầu thẩm định giá lại).
    RevaluationRequested,
    /// Hợp đồng dịch vụ đấu giá with an auction organisation.
    AuctionContracted,
    /// A session is announced for `session_on` at `starting_price`.
    AuctionSet { session_on: Date, starting_price: Vnd },
    /// Đấu giá thành: the winner must pay within the limit.
    Sold { price: Vnd, buyer: Text },
    /// The parties and the buyer agree to extend the payment (from 01/07/2026).
    PaymentExtended { until: Date },
    /// The buyer paid in full.
    Paid,
    /// Đấu giá không thành.
    Failed { reason: FailureReason },
    /// The session is withdrawn (dừng đấu giá) before it takes place.
    Withdrawn,
    /// Giảm giá: a new starting price for the next session.
    Reduced { starting_price: Vnd, decided_by: DecidedBy },
    /// The debtor pays what is owed and the costs, and takes the asset back.
    Redeemed,
    /// The creditor of `case` accepts the asset in lieu of payment (after failed auctions, or by
    /// agreement of the parties).
    CreditorTakes { case: CaseId, by_agreement: bool },
    /// Bán không qua thủ tục đấu giá (perishable or low-value).
    SoldWithoutAuction { price: Vnd, buyer: Text },
    /// Giao tài sản: to the buyer, or to the creditor who takes it.
    HandedOver,
    /// Trả lại tài sản cho người phải thi hành án (price down to the coercion costs).
    ReturnedToDebtor,
}

impl AssetStep {
    pub fn code(&self) -> &'static str {
        match self {
            AssetStep::Valued { .. } => "valued",
            AssetStep::RevaluationRequested => "revaluation_requested",
            AssetStep::AuctionContracted => "auction_contracted",
            AssetStep::AuctionSet { .. } => "auction_set",
            AssetStep::Sold { .. } => "sold",
            AssetStep::PaymentExtended { .. } => "payment_extended",
            AssetStep::Paid => "paid",
            AssetStep::Failed { .. } => "failed",
            AssetStep::Withdrawn => "withdrawn",
            AssetStep::Reduced { .. } => "reduced",
            AssetStep::Redeemed => "redeemed",
            AssetStep::CreditorTakes { .. } => "creditor_takes",
            AssetStep::SoldWithoutAuction { .. } => "sold_without_auction",
            AssetStep::HandedOver => "handed_over",
            AssetStep::ReturnedToDebtor => "returned_to_debtor",
        }
    }

    pub fn label_vi(&self) -> &'static str {
        match self {
            AssetStep::Valued { .. } => "Xác định giá tài sản",
            AssetStep::RevaluationRequested => "Yêu cầu thẩm định giá lại",
            AssetStep::AuctionContracted => "Ký hợp đồng dịch vụ đấu giá",
            AssetStep::AuctionSet { .. } => "Thông báo phiên đấu giá",
            AssetStep::Sold { .. } => "Đấu giá thành",
            AssetStep::PaymentExtended { .. } => "Gia hạn nộp tiền mua tài sản",
            AssetStep::Paid => "Người mua nộp đủ tiền",
            AssetStep::Failed { .. } => "Đấu giá không thành",
            AssetStep::Withdrawn => "Dừng phiên đấu giá",
            AssetStep::Reduced { .. } => "Giảm giá tài sản",
            AssetStep::Redeemed => "Người phải thi hành án nhận lại tài sản",
            AssetStep::CreditorTakes { .. } => "Người được thi hành án nhận tài sản để trừ vào tiền thi hành án",
            AssetStep::SoldWithoutAuction { .. } => "Bán không qua thủ tục đấu giá",
            AssetStep::HandedOver => "Giao tài sản",
            AssetStep::ReturnedToDebtor => "Trả lại tài sản cho người phải thi hành án",
        }
    }
}

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetEvent {
    /// The day of the act or decision (not the day it was typed in).
    pub date: Date,
    pub step: AssetStep,
}

/// What the chain of an asset is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetFacts {
    pub kind: AssetKind,
    /// Ngày kê biên: the chain starts here.
    pub seized_on: Date,
    /// Hàng hóa, vật phẩm dễ bị hư hỏng (NĐ 152/2026 Điều 60 khoản 4).
    pub perishable: bool,
    /// Every case the asset answers for is a state-budget receipt: the officer reduces the price
    /// directly (Luật THADS 26/2008 Điều 104 khoản 4).
    pub for_state_budget: bool,
    /// Chi phí cưỡng chế recorded so far (an asset whose price falls to them returns to the
    /// debtor).
    pub coercion_costs: Vnd,
    /// The wage region of the agency's seat (the low-value threshold).
    pub region: WageRegion,
}
