//! Rules that the law or the statistics circular decide and that the spec could not confirm:
//! kept as data with their citation and confidence, so an administrator can correct them
//! without a new release. Changing the classification rules rebuilds the statistics ledger.

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

// `Confidence` lives in `confidence` (a leaf); re-exported for the paths other crates name.
pub use crate::confidence::Confidence;
use crate::event::Ground;
use crate::state::Closing;

/// Where an open case is counted on the last day of a period (the cases and money forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// V9 Đang thi hành.
    InProgress,
    /// V10 Hoãn thi hành án (counted as with means).
    Postponed,
    /// V11 Tạm đình chỉ thi hành án.
    Suspended,
    /// V12 Trường hợp khác.
    Other,
    /// V13 Chưa có điều kiện thi hành.
    WithoutMeans,
}

impl Bucket {
    pub const ALL: [Bucket; 5] =
        [Bucket::InProgress, Bucket::Postponed, Bucket::Suspended, Bucket::Other, Bucket::WithoutMeans];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn with_means(self) -> bool {
        self != Bucket::WithoutMeans
    }
}

/// The column a closed case is counted in, within the period it closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosingColumn {
    /// V7 Thi hành xong.
    Completed,
    /// V8 Đình chỉ.
    Terminated,
    /// V4 Ủy thác / thu hồi / hủy: deducted from the cases to enforce.
    Deducted,
}

/// The bucket of one legal ground of a postponement or suspension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundRule {
    pub ground: Ground,
    pub bucket: Bucket,
    pub citation: String,
    pub confidence: Confidence,
}

/// Buckets of postponed (or suspended) cases by legal ground.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundRules {
    pub by_ground: Vec<GroundRule>,
    /// A ground that is given but not listed.
    pub unlisted_ground: Bucket,
    /// No ground given (registers often omit it): counted under the column of its name.
    pub no_ground: Bucket,
}

impl GroundRules {
    pub fn bucket(&self, ground: Option<&Ground>) -> Bucket {
        match ground {
            None => self.no_ground,
            Some(g) => self.by_ground.iter().find(|r| &r.ground == g).map_or(self.unlisted_ground, |r| r.bucket),
        }
    }
}

/// How states become statistics columns (domain §2.4, §3.5, §3.7, §3.11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassificationRules {
    /// A decision issued whose debtor is not yet verified: [I] V9 đang thi hành.
    pub unverified: Bucket,
    pub postponed: GroundRules,
    pub suspended: GroundRules,
    pub closings: Vec<(Closing, ClosingColumn)>,
}

impl ClassificationRules {
    pub fn closing_column(&self, closing: Closing) -> ClosingColumn {
        self.closings.iter().find(|(c, _)| *c == closing).map_or(ClosingColumn::Deducted, |(_, col)| *col)
    }
}

fn ground_rule(ground: &str, bucket: Bucket, citation: &str, confidence: Confidence) -> Option<GroundRule> {
    Some(GroundRule { ground: Ground::new(ground).ok()?, bucket, citation: citation.to_string(), confidence })
}

impl Default for ClassificationRules {
    fn default() -> Self {
        use Bucket::*;
        use Confidence::*;
        let old_48 = |point: &str, bucket, confidence| {
            ground_rule(
                &format!("48.1.{point}"),
                bucket,
                &format!("Luật THADS 26/2008 Điều 48 khoản 1 điểm {point}; TT 06/2019/TT-BTP"),
                confidence,
            )
        };
        let postponed = GroundRules {
            by_ground: [
                old_48("a", WithoutMeans, Inferred),
                old_48("b", WithoutMeans, Inferred),
                // S11: hoãn by written agreement of the parties is counted "có điều kiện".
                old_48("c", Postponed, Confirmed),
                old_48("d", WithoutMeans, Inferred),
                old_48("đ", WithoutMeans, Inferred),
                old_48("e", WithoutMeans, Inferred),
                old_48("g", WithoutMeans, Inferred),
                old_48("h", WithoutMeans, Inferred),
            ]
            .into_iter()
            .flatten()
            .collect(),
            unlisted_ground: WithoutMeans,
            no_ground: Postponed,
        };
        let suspended = GroundRules { by_ground: Vec::new(), unlisted_ground: Suspended, no_ground: Suspended };
        let closings = vec![
            (Closing::Completed, ClosingColumn::Completed),
            (Closing::Terminated, ClosingColumn::Terminated),
            (Closing::Exempted, ClosingColumn::Terminated),
            (Closing::DelegatedOut, ClosingColumn::Deducted),
            (Closing::Withdrawn, ClosingColumn::Deducted),
            // [I] "thống kê riêng": leaves the main forms.
            (Closing::SeparateRegister, ClosingColumn::Deducted),
            // [I] NĐ 152/2026 Điều 32.1.d: concludes the case; it leaves the main forms.
            (Closing::RequestReturned, ClosingColumn::Deducted),
        ];
        ClassificationRules { unverified: InProgress, postponed, suspended, closings }
    }
}

/// Dates of the legal regimes (domain §1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleRules {
    /// Luật THADS 106/2025/QH15 and NĐ 152/2026 take effect [C].
    pub new_law_from: Date,
}

impl Default for LifecycleRules {
    fn default() -> Self {
        LifecycleRules { new_law_from: date!(2026 - 07 - 01) }
    }
}

/// All rule data in one value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rules {
    pub lifecycle: LifecycleRules,
    pub classification: ClassificationRules,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postponement_by_agreement_counts_with_means() {
        let r = ClassificationRules::default();
        let g = |s: &str| Ground::new(s).unwrap();
        assert_eq!(r.postponed.bucket(Some(&g("48.1.c"))), Bucket::Postponed);
        assert_eq!(r.postponed.bucket(Some(&g("48.1.b"))), Bucket::WithoutMeans);
        assert_eq!(r.postponed.bucket(Some(&g("99.9"))), Bucket::WithoutMeans);
        assert_eq!(r.postponed.bucket(None), Bucket::Postponed);
        assert_eq!(r.suspended.bucket(None), Bucket::Suspended);
        assert_eq!(r.closing_column(Closing::Exempted), ClosingColumn::Terminated);
        assert_eq!(r.closing_column(Closing::Withdrawn), ClosingColumn::Deducted);
    }
}
