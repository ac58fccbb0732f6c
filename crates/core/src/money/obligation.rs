//! What a case's money is owed for (its obligation) and the order in which money received from
//! a debtor pays the obligations (thứ tự thanh toán), kept as versioned rule data: the old law's
//! order is confirmed (Luật THADS 26/2008 Điều 47), the new law's is not (its text was not
//! available), and how late-payment interest ranks against principal changed with NĐ 152/2026.

use crate::confidence::Confidence;
use crate::versioned::{Version, Versions};
use serde::{Deserialize, Serialize};

use super::regime::{NEW_LAW_FROM, OLD_LAW_FROM};

pub use crate::case::obligation::{Obligation, ObligationError};

/// A priority rank (hàng ưu tiên): 1 is paid first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rank(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("hàng ưu tiên không hợp lệ / a priority rank is 1 to 9, got {0}")]
pub struct RankError(pub u8);

impl Rank {
    pub const FIRST: Rank = Rank(1);
    pub const SECOND: Rank = Rank(2);
    pub const THIRD: Rank = Rank(3);

    pub fn new(number: u8) -> Result<Rank, RankError> {
        if (1..=9).contains(&number) { Ok(Rank(number)) } else { Err(RankError(number)) }
    }

    pub fn number(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Rank {
    type Error = RankError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Rank::new(value)
    }
}

impl From<Rank> for u8 {
    fn from(value: Rank) -> Self {
        value.0
    }
}

/// How late-payment interest (lãi chậm thi hành án) ranks against principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestOrder {
    /// Interest is owed with the principal: a case's share is on the sum of both.
    WithPrincipal,
    /// Within each priority group and rank, every claim's principal before any interest.
    PrincipalFirstWithinRank,
    /// Every rank's principal before any interest.
    PrincipalFirstOverall,
}

/// The rank of each obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankTable(Vec<(Obligation, Rank)>);

impl RankTable {
    pub fn new(ranks: Vec<(Obligation, Rank)>) -> RankTable {
        RankTable(ranks)
    }

    /// The rank of `obligation`; one not listed comes last (the law's "other obligations").
    pub fn rank(&self, obligation: Obligation) -> Rank {
        let listed = self.0.iter().find(|(o, _)| *o == obligation).map(|(_, r)| *r);
        listed.unwrap_or_else(|| self.0.iter().map(|(_, r)| *r).max().unwrap_or(Rank::THIRD))
    }

    pub fn entries(&self) -> &[(Obligation, Rank)] {
        &self.0
    }
}

/// The order of payment, versioned by the day money is distributed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRules {
    pub ranks: Versions<RankTable>,
    pub interest: Versions<InterestOrder>,
    /// The steps before the ranks: the rent reserve, secured creditors (`super::ladder`).
    #[serde(default = "super::ladder::default_ladder")]
    pub ladder: Versions<super::ladder::Ladder>,
}

impl Default for PaymentRules {
    fn default() -> Self {
        let order = RankTable(vec![
            (Obligation::CapDuong, Rank::FIRST),
            (Obligation::TienLuong, Rank::FIRST),
            (Obligation::BoiThuongTinhMang, Rank::FIRST),
            (Obligation::AnPhi, Rank::SECOND),
            (Obligation::Khac, Rank::THIRD),
        ]);
        let ranks = Versions::single(Version::new(
            OLD_LAW_FROM,
            order.clone(),
            "Luật THADS 26/2008 Điều 47 khoản 1",
            Confidence::Confirmed,
        ))
        .with(
            Version::new(
                NEW_LAW_FROM,
                order,
                "Luật THADS 106/2025 (chưa đối chiếu: thứ tự thanh toán)",
                Confidence::Unconfirmed,
            )
            .to_verify(
                "Thứ tự của luật cũ; domain §4: có lẽ được giữ nguyên / the old order, probably kept (domain §4): \
                     verify against Luật 106/2025",
            ),
        );
        let interest = Versions::single(
            Version::new(
                OLD_LAW_FROM,
                InterestOrder::WithPrincipal,
                "Luật THADS 26/2008 Điều 47 (không quy định thứ tự gốc, lãi)",
                Confidence::Inferred,
            )
            .with_note("Luật cũ không tách gốc và lãi / the old law does not order principal and interest"),
        )
        .with(
            Version::new(
                NEW_LAW_FROM,
                InterestOrder::PrincipalFirstWithinRank,
                "NĐ 152/2026/NĐ-CP Điều 29 khoản 1",
                Confidence::Inferred,
            )
            .with_note(
                "Điều 29.1: trả số tiền được tuyên trước, lãi chậm thi hành án sau; đọc là trong từng hàng ưu tiên / \
                 principal before late-payment interest, read as within each rank",
            ),
        );
        PaymentRules { ranks, interest, ladder: super::ladder::default_ladder() }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn codes_round_trip_and_default_to_other() {
        for o in Obligation::ALL {
            assert_eq!(Obligation::parse(o.code()), Ok(o));
        }
        assert_eq!(Obligation::parse(" "), Ok(Obligation::Khac));
        assert!(Obligation::parse("cấp dưỡng").is_err());
        assert!(Rank::new(0).is_err() && Rank::new(10).is_err());
    }

    #[test]
    fn ranks_are_1_1_1_2_3_under_both_laws_and_interest_follows_principal_from_july_2026() {
        let rules = PaymentRules::default();
        for day in [date!(2025 - 01 - 01), date!(2026 - 07 - 01)] {
            let table = &rules.ranks.on(day).unwrap().value;
            let ranks: Vec<u8> = Obligation::ALL.iter().map(|o| table.rank(*o).number()).collect();
            assert_eq!(ranks, [1, 1, 1, 2, 3]);
        }
        let new = rules.ranks.on(date!(2026 - 07 - 01)).unwrap();
        assert!(new.must_verify && new.confidence == Confidence::Unconfirmed);
        assert_eq!(rules.interest.on(date!(2026 - 06 - 30)).unwrap().value, InterestOrder::WithPrincipal);
        assert_eq!(rules.interest.on(date!(2026 - 07 - 01)).unwrap().value, InterestOrder::PrincipalFirstWithinRank);
        let partial = RankTable::new(vec![(Obligation::CapDuong, Rank::FIRST), (Obligation::AnPhi, Rank::SECOND)]);
        assert_eq!(partial.rank(Obligation::Khac), Rank::SECOND, "an unlisted obligation comes last");
    }
}
