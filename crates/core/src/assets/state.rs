//! Where an asset's chain stands after a step: its state and what the next steps are checked
//! against (valuation, current starting price, reductions, the sale, the creditor's claim).

use serde::{Deserialize, Serialize};
use time::Date;

use super::kind::FailureReason;
use crate::amount::Vnd;
use crate::case::CaseId;
use crate::money::Text;

/// The state of a seized asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetState {
    /// Đã kê biên, chưa có giá.
    Seized,
    /// Có giá; chưa ký hợp đồng đấu giá.
    Valued,
    /// Đương sự yêu cầu thẩm định giá lại.
    Revaluing,
    /// Có hợp đồng đấu giá; chờ thông báo phiên đấu giá ở giá khởi điểm hiện tại.
    Contracted,
    /// Đã thông báo phiên đấu giá.
    AuctionSet,
    /// Đấu giá thành; chờ người mua nộp tiền.
    Sold,
    /// Người mua đã nộp đủ tiền (hoặc bán không qua đấu giá); chờ giao tài sản.
    Paid,
    /// Phiên đấu giá gần nhất không thành.
    Failed,
    /// Người được thi hành án nhận tài sản; người phải thi hành án còn được nhận lại.
    CreditorTaking,
    /// Đã giao tài sản (người mua hoặc người được thi hành án).
    HandedOver,
    /// Người phải thi hành án đã nhận lại tài sản.
    Redeemed,
    /// Tài sản đã trả lại người phải thi hành án.
    ReturnedToDebtor,
}

impl AssetState {
    pub fn code(self) -> &'static str {
        match self {
            AssetState::Seized => "seized",
            AssetState::Valued => "valued",
            AssetState::Revaluing => "revaluing",
            AssetState::Contracted => "contracted",
            AssetState::AuctionSet => "auction_set",
            AssetState::Sold => "sold",
            AssetState::Paid => "paid",
            AssetState::Failed => "failed",
            AssetState::CreditorTaking => "creditor_taking",
            AssetState::HandedOver => "handed_over",
            AssetState::Redeemed => "redeemed",
            AssetState::ReturnedToDebtor => "returned_to_debtor",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            AssetState::Seized => "Đã kê biên",
            AssetState::Valued => "Đã có giá",
            AssetState::Revaluing => "Đang thẩm định giá lại",
            AssetState::Contracted => "Đã ký hợp đồng đấu giá",
            AssetState::AuctionSet => "Đã thông báo đấu giá",
            AssetState::Sold => "Đấu giá thành, chờ nộp tiền",
            AssetState::Paid => "Đã nộp tiền, chờ giao tài sản",
            AssetState::Failed => "Đấu giá không thành",
            AssetState::CreditorTaking => "Người được thi hành án nhận tài sản",
            AssetState::HandedOver => "Đã giao tài sản",
            AssetState::Redeemed => "Người phải thi hành án đã nhận lại",
            AssetState::ReturnedToDebtor => "Đã trả lại người phải thi hành án",
        }
    }

    /// The chain has ended: no step may follow.
    pub fn is_final(self) -> bool {
        matches!(self, AssetState::HandedOver | AssetState::Redeemed | AssetState::ReturnedToDebtor)
    }
}

/// A sale, at auction or without.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sale {
    pub on: Date,
    pub price: Vnd,
    pub buyer: Text,
    pub by_auction: bool,
    /// The agreed last day of payment, when extended.
    pub extended_until: Option<Date>,
    pub paid_on: Option<Date>,
}

/// The creditor who takes the asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditorClaim {
    pub case: CaseId,
    pub accepted_on: Date,
    pub by_agreement: bool,
}

/// The chain after a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetSnapshot {
    pub state: AssetState,
    /// The day of the last step (the seizure at first).
    pub since: Date,
    /// The price in force (the latest valuation).
    pub valuation: Option<Vnd>,
    pub valued_on: Option<Date>,
    /// Re-valuations requested so far.
    pub revaluations: u8,
    /// The starting price of the next session (the valuation, then each reduction).
    pub starting_price: Option<Vnd>,
    pub reductions: u8,
    /// Sessions that ended (sold or failed).
    pub sessions: u8,
    pub contracted_on: Option<Date>,
    /// The day of the session announced.
    pub session_on: Option<Date>,
    pub last_failure: Option<(Date, FailureReason)>,
    pub sale: Option<Sale>,
    pub creditor: Option<CreditorClaim>,
}

impl AssetSnapshot {
    /// Right after the seizure.
    pub fn seized(on: Date) -> AssetSnapshot {
        AssetSnapshot {
            state: AssetState::Seized,
            since: on,
            valuation: None,
            valued_on: None,
            revaluations: 0,
            starting_price: None,
            reductions: 0,
            sessions: 0,
            contracted_on: None,
            session_on: None,
            last_failure: None,
            sale: None,
            creditor: None,
        }
    }

    /// Lần đấu giá: 1 at the valuation price, one more per reduction; 0 before a price.
    pub fn round(&self) -> u8 {
        if self.starting_price.is_some() { self.reductions.saturating_add(1) } else { 0 }
    }
}
