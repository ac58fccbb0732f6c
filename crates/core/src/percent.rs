//! Percentages with two decimals, as the forms show them: rates computed exactly from counts
//! and rounded half up only when shown; targets as entered (`82,80` or `82.80`).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A percentage in hundredths of a percent (`82.80 %` is `Percent(8280)`); may be negative
/// when it is a difference in percentage points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Percent(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tỷ lệ phần trăm không hợp lệ / not a percentage with at most two decimals: «{0}»")]
pub struct PercentError(pub String);

impl Percent {
    /// `numerator / denominator × 100`, rounded half up to two decimals; `None` when the
    /// denominator is zero. Both are non-negative counts or amounts.
    pub fn ratio(numerator: i128, denominator: i128) -> Option<Percent> {
        if denominator == 0 {
            return None;
        }
        // hundredths = round(n * 10000 / d), half up (n, d >= 0).
        let scaled = numerator * 10_000;
        let hundredths = (2 * scaled + denominator) / (2 * denominator);
        i64::try_from(hundredths).ok().map(Percent)
    }

    /// Parses `82,80`, `82.80`, `82.8`, `82` or `82 %`; at most two decimals; 0–100.
    pub fn parse(text: &str) -> Result<Percent, PercentError> {
        let t = text.trim().trim_end_matches('%').trim();
        let bad = || PercentError(text.trim().to_string());
        let (whole, frac) = match t.split_once([',', '.']) {
            Some((w, f)) => (w, f),
            None => (t, ""),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || frac.len() > 2 || (!frac.is_empty() && !digits(frac)) {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        let value = whole * 100 + frac;
        if value > 10_000 {
            return Err(bad());
        }
        Ok(Percent(value))
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// `self − other` in percentage points.
    pub fn minus(self, other: Percent) -> Percent {
        Percent(self.0 - other.0)
    }

    /// `83,99` (Vietnamese decimal comma).
    pub fn to_vi(self) -> String {
        self.to_string().replace('.', ",")
    }
}

/// `83.99`, `-3.10`: the contract form (JSON strings).
impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_half_up() {
        assert_eq!(Percent::ratio(4_778, 7_479).unwrap().to_string(), "63.89");
        assert_eq!(Percent::ratio(577_876, 685_898).unwrap().to_string(), "84.25");
        assert_eq!(Percent::ratio(195_723_741_000, 761_546_547_000).unwrap().to_string(), "25.70");
        assert_eq!(Percent::ratio(1, 8).unwrap().to_string(), "12.50");
        // 1/16 = 6.25 exactly; 1/3200 = 0.03125 → 0.03 ; 5/16000 = 0.03125 → half up 0.03
        assert_eq!(Percent::ratio(1, 16).unwrap().to_string(), "6.25");
        assert_eq!(Percent::ratio(1, 2000).unwrap().to_string(), "0.05");
        assert_eq!(Percent::ratio(1, 400).unwrap().to_string(), "0.25");
        assert_eq!(Percent::ratio(1, 80000).unwrap().to_string(), "0.00");
        assert_eq!(Percent::ratio(1, 40000).unwrap().to_string(), "0.00");
        assert_eq!(Percent::ratio(1, 20000).unwrap().to_string(), "0.01");
        assert_eq!(Percent::ratio(0, 0), None);
    }

    #[test]
    fn parses_targets_in_both_notations() {
        assert_eq!(Percent::parse("82,80"), Ok(Percent(8280)));
        assert_eq!(Percent::parse("82.8"), Ok(Percent(8280)));
        assert_eq!(Percent::parse("83"), Ok(Percent(8300)));
        assert_eq!(Percent::parse("45.00 %"), Ok(Percent(4500)));
        for bad in ["", "82,805", "abc", "-5", "101", "8 2"] {
            assert!(Percent::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn differences_are_percentage_points() {
        let rate = Percent(8425);
        assert_eq!(rate.minus(Percent(8390)).to_string(), "0.35");
        assert_eq!(Percent(4190).minus(Percent(4500)).to_string(), "-3.10");
        assert_eq!(Percent(8399).to_vi(), "83,99");
    }
}
