//! Amounts in whole đồng: the non-negative amount of one case (`Vnd`) and sums across cases
//! (`VndSum`). A leaf of its own (not inside `money`): cases, events and the state machine
//! count in đồng, and the rules of money in custody read cases.
//!
//! One case never owes more than an `i64` of đồng (9,2 × 10¹⁸ đ, ten thousand times the national
//! yearly total), but sums over years and units are kept in `i128` so they cannot overflow.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of money in whole đồng, never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Vnd(i64);

/// Why a text or number is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("số tiền âm / negative amount: {0}")]
    Negative(String),
    #[error("số tiền không hợp lệ / not an amount of whole đồng: «{0}»")]
    Malformed(String),
    #[error("số tiền quá lớn / amount too large: «{0}»")]
    TooLarge(String),
}

impl Vnd {
    pub const ZERO: Vnd = Vnd(0);

    /// An amount from a number of đồng; negative numbers are refused.
    pub fn new(dong: i64) -> Result<Vnd, MoneyError> {
        if dong < 0 {
            return Err(MoneyError::Negative(dong.to_string()));
        }
        Ok(Vnd(dong))
    }

    pub fn dong(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self - other`, or `None` when `other` is larger (more than is owed).
    pub fn checked_sub(self, other: Vnd) -> Option<Vnd> {
        if other.0 > self.0 { None } else { Some(Vnd(self.0 - other.0)) }
    }

    pub fn checked_add(self, other: Vnd) -> Option<Vnd> {
        self.0.checked_add(other.0).map(Vnd)
    }

    /// Parses whole đồng as written in Vietnamese registers: plain digits (`761546547000`) or
    /// grouped with dots (`761.546.547.000`), optionally followed by `đ`, ` đ`, `đồng` or ` đồng`.
    /// Spaces around the number are ignored; anything else (decimals, commas, a minus sign,
    /// a misplaced group separator) is refused.
    pub fn parse(text: &str) -> Result<Vnd, MoneyError> {
        let trimmed = text.trim();
        let number = strip_currency(trimmed).trim_end();
        if number.starts_with('-') {
            return Err(MoneyError::Negative(trimmed.to_string()));
        }
        let digits = grouped_digits(number).ok_or_else(|| MoneyError::Malformed(trimmed.to_string()))?;
        let value: i64 = digits.parse().map_err(|_| MoneyError::TooLarge(trimmed.to_string()))?;
        Ok(Vnd(value))
    }
}

fn strip_currency(text: &str) -> &str {
    for suffix in ["đồng", "đ"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            return rest;
        }
    }
    text
}

/// The digits of `761.546.547.000` or `761546547000`; `None` unless the grouping is exact.
fn grouped_digits(number: &str) -> Option<String> {
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if !number.contains('.') {
        return Some(number.to_string());
    }
    let groups: Vec<&str> = number.split('.').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| groups.concat())
}

impl TryFrom<i64> for Vnd {
    type Error = MoneyError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Vnd::new(value)
    }
}

impl From<Vnd> for i64 {
    fn from(value: Vnd) -> Self {
        value.0
    }
}

/// Formats as `761.546.547.000 đ`.
impl fmt::Display for Vnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} đ", group_thousands(i128::from(self.0)))
    }
}

/// A sum of amounts across cases, units or years; may be negative when it is a difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct VndSum(pub i128);

impl VndSum {
    pub fn dong(self) -> i128 {
        self.0
    }
}

impl std::ops::Add for VndSum {
    type Output = VndSum;
    fn add(self, rhs: VndSum) -> VndSum {
        VndSum(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign<Vnd> for VndSum {
    fn add_assign(&mut self, rhs: Vnd) {
        self.0 += i128::from(rhs.0);
    }
}

impl std::iter::Sum<Vnd> for VndSum {
    fn sum<I: Iterator<Item = Vnd>>(iter: I) -> VndSum {
        VndSum(iter.map(|v| i128::from(v.0)).sum())
    }
}

impl fmt::Display for VndSum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} đ", group_thousands(self.0))
    }
}

/// `1234567` → `1.234.567` (Vietnamese thousands separator).
pub fn group_thousands(value: i128) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_grouped_amounts() {
        for (text, want) in [
            ("761546547000", 761_546_547_000),
            ("761.546.547.000", 761_546_547_000),
            ("761.546.547.000 đ", 761_546_547_000),
            ("761.546.547.000đ", 761_546_547_000),
            ("1.000 đồng", 1_000),
            ("  0 ", 0),
            ("12", 12),
        ] {
            assert_eq!(Vnd::parse(text), Ok(Vnd(want)), "{text}");
        }
    }

    #[test]
    fn refuses_malformed_and_negative_amounts() {
        assert!(matches!(Vnd::parse("-5"), Err(MoneyError::Negative(_))));
        assert!(matches!(Vnd::parse("-5.000 đ"), Err(MoneyError::Negative(_))));
        for bad in ["", "đ", "1,5", "12.34", "1.2345", "1..000", ".100", "abc", "1 000", "1.000,50"] {
            assert!(matches!(Vnd::parse(bad), Err(MoneyError::Malformed(_))), "{bad}");
        }
        assert!(matches!(Vnd::parse("99999999999999999999"), Err(MoneyError::TooLarge(_))));
        assert!(Vnd::new(-1).is_err());
    }

    #[test]
    fn formats_with_vietnamese_grouping() {
        assert_eq!(Vnd(761_546_547_000).to_string(), "761.546.547.000 đ");
        assert_eq!(Vnd(0).to_string(), "0 đ");
        assert_eq!(Vnd(999).to_string(), "999 đ");
        assert_eq!(Vnd(1000).to_string(), "1.000 đ");
        assert_eq!(VndSum(-1_234_567).to_string(), "-1.234.567 đ");
    }

    #[test]
    fn sums_do_not_overflow() {
        let total: VndSum = std::iter::repeat_n(Vnd(i64::MAX), 1000).sum();
        assert_eq!(total.0, i128::from(i64::MAX) * 1000);
    }

    #[test]
    fn subtraction_never_goes_below_zero() {
        assert_eq!(Vnd(5).checked_sub(Vnd(6)), None);
        assert_eq!(Vnd(5).checked_sub(Vnd(5)), Some(Vnd(0)));
    }
}
