//! The steps of the order of payment that come before the ranks (Luật THADS 26/2008 Điều 47
//! khoản 1 and 3, Điều 115 khoản 5): whether the one-year rent reserve is set aside when the
//! debtor's sole home is sold, and whether creditors secured by the asset sold come right after
//! the costs. Kept as dated rule data: the old law's ladder is confirmed, whether Luật 106/2025
//! keeps it is not (domain §4: "verify (probably kept)").

use serde::{Deserialize, Serialize};

use super::regime::{NEW_LAW_FROM, OLD_LAW_FROM};
use crate::amount::Vnd;
use crate::confidence::Confidence;
use crate::versioned::{Version, Versions};

/// The steps before the ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ladder {
    /// The rent reserve of one year is deducted with the costs when the sole home is sold.
    pub rent_reserve: bool,
    /// Creditors secured by the asset sold (pledge, mortgage, seizure for their obligation) are
    /// paid right after the costs, before every rank.
    pub secured_first: bool,
}

impl Ladder {
    /// What the distribution takes of what the accountant typed: the rent reserve it deducts
    /// (only when the sole home was sold) and whether a claim marked secured comes first.
    pub fn apply(&self, sole_home_sold: bool, rent_reserve: Vnd, secured: bool) -> (Vnd, bool) {
        let reserve = if self.rent_reserve && sole_home_sold { rent_reserve } else { Vnd::ZERO };
        (reserve, secured && self.secured_first)
    }
}

/// The built-in ladder: the old law's, confirmed; the new law's, the same, unconfirmed.
pub fn default_ladder() -> Versions<Ladder> {
    let ladder = Ladder { rent_reserve: true, secured_first: true };
    Versions::single(Version::new(
        OLD_LAW_FROM,
        ladder,
        "Luật THADS 26/2008 Điều 47 khoản 1, khoản 3; Điều 115 khoản 5",
        Confidence::Confirmed,
    ))
    .with(
        Version::new(
            NEW_LAW_FROM,
            ladder,
            "Luật THADS 106/2025 (chưa đối chiếu: thứ tự thanh toán)",
            Confidence::Unconfirmed,
        )
        .to_verify(
            "Thứ tự của luật cũ: chi phí, tiền thuê nhà, người nhận bảo đảm, rồi các hàng ưu tiên; có lẽ được giữ \
                 nguyên / the old ladder (costs, rent reserve, secured creditors, then the ranks), probably kept: \
                 verify against Luật 106/2025",
        ),
    )
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_reserve_only_for_a_sole_home_and_the_new_ladder_is_to_verify() {
        let ladders = default_ladder();
        let old = ladders.on(date!(2026 - 06 - 30)).unwrap();
        assert_eq!(old.confidence, Confidence::Confirmed);
        let new = ladders.on(date!(2026 - 07 - 01)).unwrap();
        assert!(new.must_verify && new.confidence == Confidence::Unconfirmed);
        let reserve = Vnd::new(36_000_000).unwrap();
        assert_eq!(new.value.apply(true, reserve, true), (reserve, true));
        assert_eq!(new.value.apply(false, reserve, false), (Vnd::ZERO, false));
        let plain = Ladder { rent_reserve: false, secured_first: false };
        assert_eq!(plain.apply(true, reserve, true), (Vnd::ZERO, false));
    }
}
