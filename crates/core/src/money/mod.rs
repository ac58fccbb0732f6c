//! Money: amounts in whole đồng, and the rules of the money an agency holds in custody: what
//! a case's money is owed for and the order of payment, the distribution of what a debtor
//! pays across the debtor's cases, the double-entry custody ledger, and the reference amounts
//! thresholds are counted in.

mod amount;
pub mod custody;
pub mod distribution;
pub mod obligation;
pub mod party;
pub mod reference;

pub use amount::{MoneyError, Vnd, VndSum, group_thousands};
pub use distribution::{Allocation, Claim, Distribution, DistributionError, Proceeds, distribute};
pub use obligation::{InterestOrder, Obligation, PaymentRules, Rank, RankTable};
pub use party::{DebtorId, IdNumber, PartyError, Text};
pub use reference::{Basis, ReferenceAmounts, Threshold, WageRegion};
