//! Reference amounts the law counts thresholds in, kept by an administrator as dated versions:
//! the base salary (mức lương cơ sở) and the regional minimum monthly wage (mức lương tối thiểu
//! tháng theo vùng, four regions). A threshold is a multiple of one of them, or a fixed amount,
//! and says whether the bound itself is inside ("không quá") or outside ("dưới").

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use crate::amount::Vnd;
use crate::confidence::Confidence;
use crate::versioned::{Version, Versions};

/// Vùng: the wage region of the place an agency has its seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WageRegion {
    I,
    II,
    III,
    IV,
}

impl WageRegion {
    pub const ALL: [WageRegion; 4] = [WageRegion::I, WageRegion::II, WageRegion::III, WageRegion::IV];

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The reference amounts in effect by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceAmounts {
    /// Mức lương cơ sở.
    pub base_salary: Versions<Vnd>,
    /// Mức lương tối thiểu tháng, by region I–IV.
    pub regional_minimum_wage: Versions<[Vnd; 4]>,
}

const FROM_MEMORY: &str = "Ghi theo trí nhớ, chưa đối chiếu văn bản / from memory, not checked against the text";

fn dong(amounts: [i64; 4]) -> [Vnd; 4] {
    amounts.map(|a| Vnd::new(a).unwrap_or(Vnd::ZERO))
}

fn salary(valid_from: Date, dong: i64, citation: &str) -> Version<Vnd> {
    Version::new(valid_from, Vnd::new(dong).unwrap_or(Vnd::ZERO), citation, Confidence::Unconfirmed)
        .to_verify(FROM_MEMORY)
}

impl Default for ReferenceAmounts {
    fn default() -> Self {
        let base_salary = Versions::single(salary(date!(2019 - 07 - 01), 1_490_000, "NĐ 38/2019/NĐ-CP"))
            .with(salary(date!(2023 - 07 - 01), 1_800_000, "NĐ 24/2023/NĐ-CP"))
            .with(salary(date!(2024 - 07 - 01), 2_340_000, "NĐ 73/2024/NĐ-CP"));
        let wage = |valid_from, amounts, citation| {
            Version::new(valid_from, dong(amounts), citation, Confidence::Unconfirmed).to_verify(FROM_MEMORY)
        };
        let regional_minimum_wage = Versions::single(wage(
            date!(2022 - 07 - 01),
            [4_680_000, 4_160_000, 3_640_000, 3_250_000],
            "NĐ 38/2022/NĐ-CP",
        ))
        .with(wage(date!(2024 - 07 - 01), [4_960_000, 4_410_000, 3_860_000, 3_450_000], "NĐ 74/2024/NĐ-CP"))
        .with(wage(date!(2026 - 01 - 01), [5_310_000, 4_730_000, 4_140_000, 3_700_000], "NĐ 293/2025/NĐ-CP"));
        ReferenceAmounts { base_salary, regional_minimum_wage }
    }
}

/// What a threshold is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "basis", content = "dong")]
pub enum Basis {
    Fixed(Vnd),
    BaseSalary,
    RegionalMinimumWage,
}

/// A bound on an amount: `multiple × basis`, the bound itself inside or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Threshold {
    pub basis: Basis,
    pub multiple: u16,
    /// "Không quá" (≤): true; "dưới" (<): false.
    pub inclusive: bool,
}

impl Threshold {
    /// `multiple × basis` on `day` in `region`; `None` when no reference amount is in effect.
    pub fn amount(&self, day: Date, region: WageRegion, refs: &ReferenceAmounts) -> Option<Vnd> {
        let unit = match self.basis {
            Basis::Fixed(amount) => amount,
            Basis::BaseSalary => refs.base_salary.on(day)?.value,
            Basis::RegionalMinimumWage => refs.regional_minimum_wage.on(day)?.value[region.index()],
        };
        unit.dong().checked_mul(i64::from(self.multiple)).and_then(|d| Vnd::new(d).ok())
    }

    /// Whether `value` is within the bound on `day`; `None` when the bound is unknown that day.
    pub fn admits(&self, value: Vnd, day: Date, region: WageRegion, refs: &ReferenceAmounts) -> Option<bool> {
        let bound = self.amount(day, region, refs)?;
        Some(if self.inclusive { value <= bound } else { value < bound })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vnd(d: i64) -> Vnd {
        Vnd::new(d).unwrap()
    }

    #[test]
    fn thresholds_follow_the_reference_amount_of_the_day() {
        let refs = ReferenceAmounts::default();
        let five_wages = Threshold { basis: Basis::RegionalMinimumWage, multiple: 5, inclusive: true };
        assert_eq!(five_wages.amount(date!(2025 - 12 - 31), WageRegion::I, &refs), Some(vnd(24_800_000)));
        assert_eq!(five_wages.amount(date!(2026 - 07 - 01), WageRegion::IV, &refs), Some(vnd(18_500_000)));
        assert_eq!(five_wages.admits(vnd(18_500_000), date!(2026 - 07 - 01), WageRegion::IV, &refs), Some(true));
        assert_eq!(five_wages.admits(vnd(18_500_001), date!(2026 - 07 - 01), WageRegion::IV, &refs), Some(false));
        let under_two_million = Threshold { basis: Basis::Fixed(vnd(2_000_000)), multiple: 1, inclusive: false };
        assert_eq!(under_two_million.admits(vnd(2_000_000), date!(2020 - 01 - 01), WageRegion::I, &refs), Some(false));
        assert_eq!(under_two_million.admits(vnd(1_999_999), date!(2020 - 01 - 01), WageRegion::I, &refs), Some(true));
        let base = Threshold { basis: Basis::BaseSalary, multiple: 1, inclusive: false };
        assert_eq!(base.amount(date!(2019 - 06 - 30), WageRegion::I, &refs), None, "before the first version");
        assert_eq!(base.amount(date!(2024 - 07 - 01), WageRegion::I, &refs), Some(vnd(2_340_000)));
    }
}
