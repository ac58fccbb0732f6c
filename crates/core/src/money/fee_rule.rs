//! The enforcement fee's rate table as a rule an administrator keeps (issue 18 item 4): a saved
//! version is the JSON of a `FeeSchedule` (brackets, rates, an optional cap, the exempt bound
//! and obligations) with the first day it applies, its citation and confidence. It is checked
//! here before it is kept, and laid over the built-in schedule (`default_fee_schedules`): a
//! version of the same day replaces it, a later day adds one. Payouts read the version in force
//! on their own day.

use time::Date;

use super::fee::FeeSchedule;
use crate::confidence::Confidence;
use crate::versioned::{Version, Versions};

/// The rule's key where the installation's edited rules are kept (`asset_rule_versions.rule`).
pub const FEE_RULE: &str = "enforcement_fee";

/// At most this many brackets.
pub const MAX_BRACKETS: usize = 20;

/// Why a rate table is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeTableError {
    #[error(
        "biểu phí không đọc được: cần JSON {{\"exempt_up_to\":…,\"brackets\":[{{\"above\":0,\"base\":0,\"rate_bp\":300}},…],\"exempt_obligations\":[…],\"cap\":null}} / unreadable rate table"
    )]
    Unreadable,
    #[error("biểu phí cần từ 1 đến {MAX_BRACKETS} bậc / the table needs 1 to {MAX_BRACKETS} brackets")]
    BracketCount,
    #[error("bậc đầu tiên phải bắt đầu từ 0 đồng / the first bracket must start at 0")]
    FirstNotZero,
    #[error("bậc {0}: mốc phải lớn hơn mốc của bậc trước / bracket {0}: its bound must exceed the previous one")]
    NotIncreasing(usize),
    #[error("bậc {0}: tỷ lệ quá 100 % (10000 phần vạn) / bracket {0}: rate above 100 % (10000 bp)")]
    RateTooHigh(usize),
    #[error("bậc {0}: phí cố định nhỏ hơn bậc trước / bracket {0}: its base is below the previous one")]
    BaseDecreasing(usize),
    #[error("mức trần phải lớn hơn 0 / the cap must be above 0")]
    ZeroCap,
    #[error("cần trích dẫn văn bản / a citation is required")]
    NoCitation,
}

/// Reads and checks a rate table.
pub fn parse_fee_table(value: &str) -> Result<FeeSchedule, FeeTableError> {
    let table: FeeSchedule = serde_json::from_str(value.trim()).map_err(|_| FeeTableError::Unreadable)?;
    if table.brackets.is_empty() || table.brackets.len() > MAX_BRACKETS {
        return Err(FeeTableError::BracketCount);
    }
    if !table.brackets[0].above.is_zero() {
        return Err(FeeTableError::FirstNotZero);
    }
    for (i, b) in table.brackets.iter().enumerate() {
        if b.rate_bp > 10_000 {
            return Err(FeeTableError::RateTooHigh(i + 1));
        }
        if i > 0 {
            let prev = &table.brackets[i - 1];
            if b.above <= prev.above {
                return Err(FeeTableError::NotIncreasing(i + 1));
            }
            if b.base < prev.base {
                return Err(FeeTableError::BaseDecreasing(i + 1));
            }
        }
    }
    if table.cap.is_some_and(|c| c.is_zero()) {
        return Err(FeeTableError::ZeroCap);
    }
    Ok(table)
}

/// Lays a saved rate table over `fees` from `valid_from`.
pub fn apply_saved_fee(
    fees: &mut Versions<FeeSchedule>,
    valid_from: Date,
    value: &str,
    citation: &str,
    confidence: Confidence,
    note: &str,
) -> Result<(), FeeTableError> {
    if citation.trim().is_empty() {
        return Err(FeeTableError::NoCitation);
    }
    let table = parse_fee_table(value)?;
    *fees = fees.clone().with(Version::new(valid_from, table, citation, confidence).with_note(note));
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::money::default_fee_schedules;

    const FLAT: &str = r#"{"exempt_up_to":{"basis":{"basis":"base_salary"},"multiple":2,"inclusive":true},
        "brackets":[{"above":0,"base":0,"rate_bp":200}],"exempt_obligations":[],"cap":50000000}"#;

    #[test]
    fn a_saved_table_applies_from_its_day() {
        let mut fees = default_fee_schedules();
        apply_saved_fee(&mut fees, date!(2026 - 07 - 01), FLAT, "TT x/2026", Confidence::Confirmed, "").unwrap();
        let new = &fees.on(date!(2026 - 07 - 01)).unwrap().value;
        assert_eq!(new.brackets[0].rate_bp, 200);
        assert_eq!(new.fee_on_total(crate::money::Vnd::new(10_000_000_000).unwrap(), false).dong(), 50_000_000);
        assert_eq!(fees.on(date!(2026 - 06 - 30)).unwrap().value.brackets[0].rate_bp, 300);
    }

    #[test]
    fn a_bad_table_is_refused() {
        let bad = |v: &str| parse_fee_table(v).unwrap_err();
        assert_eq!(bad("[]"), FeeTableError::Unreadable);
        assert_eq!(bad(&FLAT.replace("\"above\":0", "\"above\":5")), FeeTableError::FirstNotZero);
        assert_eq!(bad(&FLAT.replace("200", "20000")), FeeTableError::RateTooHigh(1));
        assert_eq!(bad(&FLAT.replace("50000000", "0")), FeeTableError::ZeroCap);
        let two = FLAT.replace(
            r#"{"above":0,"base":0,"rate_bp":200}"#,
            r#"{"above":0,"base":0,"rate_bp":200},{"above":0,"base":0,"rate_bp":100}"#,
        );
        assert_eq!(bad(&two), FeeTableError::NotIncreasing(2));
        let mut fees = default_fee_schedules();
        let no = apply_saved_fee(&mut fees, date!(2026 - 07 - 01), FLAT, " ", Confidence::Confirmed, "");
        assert_eq!(no, Err(FeeTableError::NoCitation));
    }
}
