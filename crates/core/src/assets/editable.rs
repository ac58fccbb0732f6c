//! The rules of the asset chain an administrator keeps (issue 19: "a value an administrator
//! keeps"): each is a dated version with its citation and confidence, saved over the built-in
//! ones without touching code — the low-value threshold, the cap of one reduction, the
//! re-valuations, after how many reductions the creditor may take the asset, the debtor's
//! redemption before a session, the sale of perishables, the return at the coercion costs, and
//! the lengths of the coordination with the police. A saved value is JSON of the rule's type,
//! checked here before it is kept.

use serde::{Deserialize, Serialize};
use time::Date;

use super::coercion::PoliceRules;
use super::rules::AssetRules;
use crate::confidence::Confidence;
use crate::money::Threshold;
use crate::versioned::{Version, Versions};

/// A rule an administrator may give a new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKey {
    /// `Threshold` JSON or `null`.
    LowValueSale,
    /// Hundredths of a percent, or `null` for no cap.
    ReductionCap,
    Revaluations,
    CreditorAfterReductions,
    /// Working days, or `null` for "until the session".
    RedeemBeforeSession,
    PerishableSale,
    ReturnAtCosts,
    /// Working days.
    PolicePlanBeforeSession,
    /// Working days.
    PoliceProtectionAfterPlan,
}

impl RuleKey {
    pub const ALL: [RuleKey; 9] = [
        RuleKey::LowValueSale,
        RuleKey::ReductionCap,
        RuleKey::Revaluations,
        RuleKey::CreditorAfterReductions,
        RuleKey::RedeemBeforeSession,
        RuleKey::PerishableSale,
        RuleKey::ReturnAtCosts,
        RuleKey::PolicePlanBeforeSession,
        RuleKey::PoliceProtectionAfterPlan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RuleKey::LowValueSale => "low_value_sale",
            RuleKey::ReductionCap => "reduction_cap_bp",
            RuleKey::Revaluations => "revaluations",
            RuleKey::CreditorAfterReductions => "creditor_after_reductions",
            RuleKey::RedeemBeforeSession => "redeem_before_session",
            RuleKey::PerishableSale => "perishable_sale",
            RuleKey::ReturnAtCosts => "return_at_costs",
            RuleKey::PolicePlanBeforeSession => "police_plan_before_session",
            RuleKey::PoliceProtectionAfterPlan => "police_protection_after_plan",
        }
    }

    pub fn parse(code: &str) -> Option<RuleKey> {
        RuleKey::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            RuleKey::LowValueSale => "Tài sản giá trị nhỏ bán không qua đấu giá (ngưỡng)",
            RuleKey::ReductionCap => "Mức giảm tối đa mỗi lần (phần vạn)",
            RuleKey::Revaluations => "Số lần thẩm định giá lại",
            RuleKey::CreditorAfterReductions => "Người được thi hành án nhận tài sản từ lần giảm giá thứ",
            RuleKey::RedeemBeforeSession => "Người phải thi hành án nhận lại tài sản trước phiên (ngày làm việc)",
            RuleKey::PerishableSale => "Tài sản mau hỏng bán không qua đấu giá",
            RuleKey::ReturnAtCosts => "Trả tài sản khi giá bằng chi phí cưỡng chế",
            RuleKey::PolicePlanBeforeSession => "Gửi kế hoạch cưỡng chế cho Công an trước phiên (ngày làm việc)",
            RuleKey::PoliceProtectionAfterPlan => "Công an lập kế hoạch bảo vệ sau khi nhận (ngày làm việc)",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            RuleKey::LowValueSale => "Low-value assets sold without auction (threshold)",
            RuleKey::ReductionCap => "Largest step of one reduction (basis points)",
            RuleKey::Revaluations => "Re-valuations a party may ask for",
            RuleKey::CreditorAfterReductions => "The creditor may take the asset from reduction number",
            RuleKey::RedeemBeforeSession => "The debtor may redeem until this many working days before a session",
            RuleKey::PerishableSale => "Perishables sold without auction",
            RuleKey::ReturnAtCosts => "The asset returns to the debtor at the coercion costs",
            RuleKey::PolicePlanBeforeSession => "The plan reaches the police working days before the session",
            RuleKey::PoliceProtectionAfterPlan => "The police answer within working days",
        }
    }
}

/// Why a saved value is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleValueError {
    #[error("quy tắc «{0}» không có / unknown rule")]
    UnknownRule(String),
    #[error("giá trị của «{rule}» không hợp lệ: cần {expected} / invalid value for {rule}: expected {expected}")]
    BadValue { rule: &'static str, expected: &'static str },
    #[error("cần trích dẫn văn bản / a citation is required")]
    NoCitation,
}

/// The police lengths by the day of the session, versioned like the chain's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoliceVersions {
    pub plan_before_session: Versions<u32>,
    pub protection_after_plan: Versions<u32>,
}

impl Default for PoliceVersions {
    fn default() -> Self {
        let p = PoliceRules::default();
        let from = time::macros::date!(2009 - 07 - 01);
        let v = |n| Versions::single(Version::new(from, n, &p.citation, p.confidence));
        PoliceVersions {
            plan_before_session: v(p.plan_before_session),
            protection_after_plan: v(p.protection_after_plan),
        }
    }
}

impl PoliceVersions {
    /// The rules of a session on `day`, with the citation and confidence of the plan's length.
    pub fn on(&self, day: Date) -> PoliceRules {
        let base = PoliceRules::default();
        let plan = self.plan_before_session.on(day);
        let protection = self.protection_after_plan.on(day);
        PoliceRules {
            plan_before_session: plan.map_or(base.plan_before_session, |v| v.value),
            protection_after_plan: protection.map_or(base.protection_after_plan, |v| v.value),
            citation: plan.map_or(base.citation, |v| v.citation.clone()),
            confidence: plan.map_or(base.confidence, |v| v.confidence),
        }
    }
}

/// A saved version of a rule, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRule<'a> {
    pub rule: &'a str,
    pub valid_from: Date,
    pub value: &'a str,
    pub citation: &'a str,
    pub confidence: Confidence,
    pub note: &'a str,
}

fn parse<T: serde::de::DeserializeOwned>(
    key: RuleKey,
    value: &str,
    expected: &'static str,
) -> Result<T, RuleValueError> {
    serde_json::from_str(value.trim()).map_err(|_| RuleValueError::BadValue { rule: key.code(), expected })
}

fn version<T>(saved: &SavedRule<'_>, value: T) -> Version<T> {
    Version::new(saved.valid_from, value, saved.citation, saved.confidence).with_note(saved.note)
}

/// Lays `saved` over the rules (a version of the same day replaces the built-in one, a later
/// day adds one). A value of the wrong type, an unknown rule or a missing citation is refused.
pub fn apply_saved(
    rules: &mut AssetRules,
    police: &mut PoliceVersions,
    saved: &SavedRule<'_>,
) -> Result<(), RuleValueError> {
    let key =
        RuleKey::parse(saved.rule).ok_or_else(|| RuleValueError::UnknownRule(saved.rule.chars().take(64).collect()))?;
    if saved.citation.trim().is_empty() {
        return Err(RuleValueError::NoCitation);
    }
    match key {
        RuleKey::LowValueSale => {
            let v: Option<Threshold> =
                parse(key, saved.value, "{\"basis\":…,\"multiple\":n,\"inclusive\":bool} hoặc null")?;
            rules.low_value_sale = rules.low_value_sale.clone().with(version(saved, v));
        }
        RuleKey::ReductionCap => {
            let v: Option<u32> = parse(key, saved.value, "số phần vạn (1000 = 10 %) hoặc null")?;
            if v.is_some_and(|bp| bp > 10_000) {
                return Err(RuleValueError::BadValue { rule: key.code(), expected: "0–10000" });
            }
            rules.reduction_cap_bp = rules.reduction_cap_bp.clone().with(version(saved, v));
        }
        RuleKey::Revaluations => {
            let v: u8 = parse(key, saved.value, "0–255")?;
            rules.revaluations = rules.revaluations.clone().with(version(saved, v));
        }
        RuleKey::CreditorAfterReductions => {
            let v: u8 = parse(key, saved.value, "1–255")?;
            if v == 0 {
                return Err(RuleValueError::BadValue { rule: key.code(), expected: "1–255" });
            }
            rules.creditor_after_reductions = rules.creditor_after_reductions.clone().with(version(saved, v));
        }
        RuleKey::RedeemBeforeSession => {
            let v: Option<u16> = parse(key, saved.value, "số ngày làm việc hoặc null")?;
            rules.redeem_before_session = rules.redeem_before_session.clone().with(version(saved, v));
        }
        RuleKey::PerishableSale => {
            let v: bool = parse(key, saved.value, "true hoặc false")?;
            rules.perishable_sale = rules.perishable_sale.clone().with(version(saved, v));
        }
        RuleKey::ReturnAtCosts => {
            let v: bool = parse(key, saved.value, "true hoặc false")?;
            rules.return_at_costs = rules.return_at_costs.clone().with(version(saved, v));
        }
        RuleKey::PolicePlanBeforeSession | RuleKey::PoliceProtectionAfterPlan => {
            let v: u32 = parse(key, saved.value, "số ngày làm việc (0–60)")?;
            if v > 60 {
                return Err(RuleValueError::BadValue { rule: key.code(), expected: "0–60" });
            }
            let versions = if key == RuleKey::PolicePlanBeforeSession {
                &mut police.plan_before_session
            } else {
                &mut police.protection_after_plan
            };
            *versions = versions.clone().with(version(saved, v));
        }
    }
    Ok(())
}

/// One version of a rule as a reader sees it: its day, its value as JSON, where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleLine {
    pub rule: &'static str,
    pub valid_from: Date,
    pub value: String,
    pub citation: String,
    pub confidence: Confidence,
    pub must_verify: bool,
    pub note: String,
}

fn lines<T: Serialize>(key: RuleKey, versions: &Versions<T>, out: &mut Vec<RuleLine>) {
    for v in versions.all() {
        out.push(RuleLine {
            rule: key.code(),
            valid_from: v.valid_from,
            value: serde_json::to_string(&v.value).unwrap_or_default(),
            citation: v.citation.clone(),
            confidence: v.confidence,
            must_verify: v.must_verify,
            note: v.note.clone(),
        });
    }
}

/// Every version of every editable rule, by rule then day.
pub fn rule_lines(rules: &AssetRules, police: &PoliceVersions) -> Vec<RuleLine> {
    let mut out = Vec::new();
    lines(RuleKey::LowValueSale, &rules.low_value_sale, &mut out);
    lines(RuleKey::ReductionCap, &rules.reduction_cap_bp, &mut out);
    lines(RuleKey::Revaluations, &rules.revaluations, &mut out);
    lines(RuleKey::CreditorAfterReductions, &rules.creditor_after_reductions, &mut out);
    lines(RuleKey::RedeemBeforeSession, &rules.redeem_before_session, &mut out);
    lines(RuleKey::PerishableSale, &rules.perishable_sale, &mut out);
    lines(RuleKey::ReturnAtCosts, &rules.return_at_costs, &mut out);
    lines(RuleKey::PolicePlanBeforeSession, &police.plan_before_session, &mut out);
    lines(RuleKey::PoliceProtectionAfterPlan, &police.protection_after_plan, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::money::{ReferenceAmounts, WageRegion};

    fn saved<'a>(rule: &'a str, value: &'a str) -> SavedRule<'a> {
        SavedRule {
            rule,
            valid_from: date!(2026 - 07 - 01),
            value,
            citation: "NĐ 152/2026/NĐ-CP Điều 60 khoản 5",
            confidence: Confidence::Confirmed,
            note: "",
        }
    }

    #[test]
    fn a_saved_threshold_replaces_the_built_in_one_from_its_day() {
        let (mut rules, mut police) = (AssetRules::default(), PoliceVersions::default());
        let six = r#"{"basis":{"basis":"regional_minimum_wage"},"multiple":6,"inclusive":true}"#;
        apply_saved(&mut rules, &mut police, &saved("low_value_sale", six)).unwrap();
        let refs = ReferenceAmounts::default();
        let on = date!(2026 - 07 - 02);
        let bound = rules.low_value_sale.on(on).unwrap().value.unwrap().amount(on, WageRegion::I, &refs);
        assert_eq!(bound.map(|v| v.dong()), Some(6 * 5_310_000));
        let before = rules.low_value_sale.on(date!(2026 - 06 - 30)).unwrap();
        assert_eq!(before.value.unwrap().multiple, 1, "the old law's fixed bound before the day");
        assert!(rule_lines(&rules, &police).iter().any(|l| l.rule == "low_value_sale" && l.value.contains("6")));
    }

    #[test]
    fn a_value_of_the_wrong_type_an_unknown_rule_or_no_citation_is_refused() {
        let (mut rules, mut police) = (AssetRules::default(), PoliceVersions::default());
        assert!(matches!(
            apply_saved(&mut rules, &mut police, &saved("reduction_cap_bp", "\"ten\"")),
            Err(RuleValueError::BadValue { rule: "reduction_cap_bp", .. })
        ));
        assert!(apply_saved(&mut rules, &mut police, &saved("reduction_cap_bp", "20000")).is_err());
        assert!(matches!(apply_saved(&mut rules, &mut police, &saved("x", "1")), Err(RuleValueError::UnknownRule(_))));
        let mut no_citation = saved("revaluations", "2");
        no_citation.citation = " ";
        assert_eq!(apply_saved(&mut rules, &mut police, &no_citation), Err(RuleValueError::NoCitation));
        assert_eq!(rules, AssetRules::default(), "nothing changed");
    }

    #[test]
    fn police_lengths_follow_the_session_day() {
        let (mut rules, mut police) = (AssetRules::default(), PoliceVersions::default());
        apply_saved(&mut rules, &mut police, &saved("police_plan_before_session", "7")).unwrap();
        assert_eq!(police.on(date!(2026 - 06 - 30)).plan_before_session, 5);
        let new = police.on(date!(2026 - 07 - 01));
        assert_eq!((new.plan_before_session, new.protection_after_plan), (7, 3));
        assert_eq!(new.confidence, Confidence::Confirmed);
    }
}
