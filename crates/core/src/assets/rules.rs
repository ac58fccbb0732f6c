//! The rules of the asset chain that are values rather than time limits, versioned by the
//! date of the step they decide: which valuation methods exist, how many re-valuations a party
//! may ask for, how far one reduction may go, after how many reductions the creditor may take
//! the asset, which assets are sold without auction, until when the debtor may redeem before a
//! session. What the spec marks unconfirmed under the new law (the 10 % cap) is data with its
//! citation and confidence.

use serde::{Deserialize, Serialize};
use time::Date;

use super::kind::ValuationMethod;
use super::limits::{AssetLimit, default_asset_limits};
use crate::confidence::Confidence;
use crate::deadlines::Limits;
use crate::money::{Basis, Threshold};
use crate::rules::LifecycleRules;
use crate::versioned::{Version, Versions};

/// All the rules of the asset chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssetRules {
    pub valuation_methods: Versions<Vec<ValuationMethod>>,
    /// Re-valuations a party may ask for.
    pub revaluations: Versions<u8>,
    /// The most one reduction may take off the previous starting price, in hundredths of a
    /// percent (`None`: no cap).
    pub reduction_cap_bp: Versions<Option<u32>>,
    /// After a failed auction at the price of this many reductions (or more), the creditor may
    /// take the asset.
    pub creditor_after_reductions: Versions<u8>,
    /// Movables whose value is within this bound are sold without auction (`None`: none).
    pub low_value_sale: Versions<Option<Threshold>>,
    /// Perishables are sold without auction.
    pub perishable_sale: Versions<bool>,
    /// The debtor may redeem until this many working days before a session (`None`: until it).
    pub redeem_before_session: Versions<Option<u16>>,
    /// An asset whose starting price fell to the coercion costs returns to the debtor.
    pub return_at_costs: Versions<bool>,
    pub limits: Limits<AssetLimit>,
}

impl AssetRules {
    pub fn new_law_from(&self) -> Date {
        self.limits.new_law_from()
    }
}

/// Luật THADS 26/2008/QH12 took effect.
const OLD_FROM: Date = time::macros::date!(2009 - 07 - 01);

fn old<T>(value: T, citation: &str) -> Version<T> {
    Version::new(OLD_FROM, value, citation, Confidence::Confirmed)
}

fn new<T>(from: Date, value: T, citation: &str, confidence: Confidence) -> Version<T> {
    Version::new(from, value, citation, confidence)
}

fn versions<T>(old: Version<T>, new: Version<T>) -> Versions<T> {
    Versions::single(old).with(new)
}

const KEPT: &str = "Giá trị của luật cũ; Luật 106/2025 chưa đối chiếu / the old value, Luật 106/2025 not checked";

impl Default for AssetRules {
    fn default() -> Self {
        use Confidence::*;
        use ValuationMethod::*;
        let from = LifecycleRules::default().new_law_from;
        AssetRules {
            valuation_methods: versions(
                old(vec![Agreed, Appraiser, Officer], "Luật THADS 26/2008 Điều 98"),
                new(from, vec![Agreed, Appraiser, Council], "NĐ 152/2026/NĐ-CP Điều 60 khoản 1–3", Confirmed),
            ),
            revaluations: versions(
                old(1, "Luật THADS 26/2008 Điều 99 khoản 1 điểm b"),
                new(from, 1, "Luật THADS 106/2025 Điều 82 (chưa đối chiếu); NĐ 152/2026 Điều 60 khoản 6", Unconfirmed)
                    .to_verify(KEPT),
            ),
            reduction_cap_bp: versions(
                old(Some(1_000), "Luật THADS 26/2008 Điều 104 khoản 5"),
                new(from, Some(1_000), "Luật THADS 106/2025 Điều 83 khoản 3 (chưa đối chiếu)", Unconfirmed)
                    .to_verify("Mức giảm mỗi lần theo luật mới: cần xác minh (domain §3.9) / the per-step cap: verify"),
            ),
            creditor_after_reductions: versions(
                old(2, "Luật THADS 26/2008 Điều 104 khoản 2"),
                new(from, 2, "NĐ 152/2026/NĐ-CP Điều 65 khoản 6", Confirmed),
            ),
            low_value_sale: versions(
                old(
                    Some(Threshold { basis: Basis::Fixed(two_million()), multiple: 1, inclusive: false }),
                    "Luật THADS 26/2008 Điều 101 khoản 4",
                ),
                new(
                    from,
                    Some(Threshold { basis: Basis::RegionalMinimumWage, multiple: 5, inclusive: true }),
                    "NĐ 152/2026/NĐ-CP Điều 60 khoản 5, Điều 64",
                    Confirmed,
                ),
            ),
            perishable_sale: versions(
                old(true, "Luật THADS 26/2008 Điều 101 khoản 4"),
                new(from, true, "NĐ 152/2026/NĐ-CP Điều 60 khoản 4, Điều 64", Confirmed),
            ),
            redeem_before_session: versions(
                old(Some(1), "Luật THADS 26/2008 Điều 101 khoản 5"),
                new(
                    from,
                    Some(1),
                    "Luật THADS 106/2025 (chưa đối chiếu); NĐ 152/2026 Điều 65 khoản 8 điểm c",
                    Unconfirmed,
                )
                .to_verify(KEPT),
            ),
            return_at_costs: versions(
                old(true, "Luật THADS 26/2008 Điều 104 khoản 3"),
                new(from, true, "NĐ 152/2026/NĐ-CP Điều 65 khoản 7 điểm b", Confirmed),
            ),
            limits: default_asset_limits(from),
        }
    }
}

fn two_million() -> crate::amount::Vnd {
    crate::amount::Vnd::new(2_000_000).unwrap_or(crate::amount::Vnd::ZERO)
}
