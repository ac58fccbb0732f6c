//! The texts of the money room (receipts, distributions, payouts, the cash book) and of a
//! case's obligation.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[("obligation", "Loại nghĩa vụ", "Obligation")];
