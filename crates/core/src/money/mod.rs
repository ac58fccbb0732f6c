//! Money: the rules of the money an agency holds in custody: what a case's money is owed for
//! and the order of payment, the distribution of what a debtor pays across the debtor's cases,
//! the double-entry custody ledger, receipts, payouts and the enforcement fee, the time limits
//! of money held, unclaimed money and its savings deposits, and the reference amounts thresholds are counted in. Amounts themselves
//! (`Vnd`) are `crate::amount`, a leaf that cases and events read too; they are re-exported
//! here. Pure functions over plain values: the store persists, the app decides when.

pub mod custody;
pub mod distribution;
pub mod fee;
pub mod fee_rule;
pub mod ladder;
pub mod limits;
pub mod obligation;
pub mod party;
pub mod payout;
pub mod receipt;
pub mod reference;
mod regime;
mod rules;
pub mod savings;
pub mod statement;

pub use crate::amount::{MoneyError, Vnd, VndSum, group_thousands};
pub use distribution::{Allocation, Claim, Distribution, DistributionError, Proceeds, distribute};
pub use fee::{Fee, FeeQuestion, FeeSchedule, default_fee_schedules, fee_on_payment};
pub use ladder::{Ladder, default_ladder};
pub use limits::{MoneyLimit, default_money_limits, held_too_long, payout_deadline};
pub use obligation::{InterestOrder, Obligation, PaymentRules, Rank, RankTable};
pub use party::{DebtorId, IdNumber, PartyError, Text};
pub use payout::{Payee, PayeeKind, PayoutMethod, PayoutRequest, PayoutRules, check_payout};
pub use receipt::{Receipt, ReceiptFor, ReceiptNo, next_number as next_receipt_number};
pub use reference::{Basis, ReferenceAmounts, Threshold, WageRegion};
pub use rules::MoneyRules;
pub use savings::{InterestTo, NoticeHow, SavingsRules, Unclaimed};
