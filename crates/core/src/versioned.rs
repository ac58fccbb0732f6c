//! Rule values that change on a date (a fee schedule, a wage, the order of payment, a cap on
//! price reductions): each version has the day it takes effect, its citation and how sure we
//! are of it, and the version of a day is the latest one in effect on it. An administrator
//! corrects a value by adding a version, never by editing code.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::confidence::Confidence;
use crate::dates::format_vn;

/// One value of a rule and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version<T> {
    /// The first day the value applies.
    pub valid_from: Date,
    pub value: T,
    pub citation: String,
    pub confidence: Confidence,
    /// The spec says "verify": an administrator must confirm or correct it.
    pub must_verify: bool,
    /// Readings and assumptions, in plain words.
    pub note: String,
}

impl<T> Version<T> {
    pub fn new(valid_from: Date, value: T, citation: &str, confidence: Confidence) -> Version<T> {
        Version {
            valid_from,
            value,
            citation: citation.to_string(),
            confidence,
            must_verify: false,
            note: String::new(),
        }
    }

    /// Marks the value as one to verify (and so unconfirmed).
    pub fn to_verify(mut self, note: &str) -> Version<T> {
        self.must_verify = true;
        self.confidence = Confidence::Unconfirmed;
        self.note = note.to_string();
        self
    }

    pub fn with_note(mut self, note: &str) -> Version<T> {
        self.note = note.to_string();
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionsError {
    #[error("quy tắc không có phiên bản nào / a rule needs at least one version")]
    Empty,
    #[error("hai phiên bản cùng có hiệu lực từ {} / two versions take effect on the same day", format_vn(*.0))]
    SameDay(Date),
}

/// The versions of one rule, in order of the day they take effect (no two on the same day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Version<T>>", into = "Vec<Version<T>>")]
#[serde(bound(serialize = "T: Serialize + Clone", deserialize = "T: Deserialize<'de>"))]
pub struct Versions<T>(Vec<Version<T>>);

impl<T> Versions<T> {
    pub fn new(mut versions: Vec<Version<T>>) -> Result<Versions<T>, VersionsError> {
        if versions.is_empty() {
            return Err(VersionsError::Empty);
        }
        versions.sort_by_key(|v| v.valid_from);
        if let Some(pair) = versions.windows(2).find(|w| w[0].valid_from == w[1].valid_from) {
            return Err(VersionsError::SameDay(pair[0].valid_from));
        }
        Ok(Versions(versions))
    }

    /// A rule with one version; add more with `with`.
    pub fn single(version: Version<T>) -> Versions<T> {
        Versions(vec![version])
    }

    /// The version in effect on `day`; `None` before the first one.
    pub fn on(&self, day: Date) -> Option<&Version<T>> {
        let after = self.0.partition_point(|v| v.valid_from <= day);
        after.checked_sub(1).and_then(|i| self.0.get(i))
    }

    pub fn all(&self) -> &[Version<T>] {
        &self.0
    }

    /// Adds a version, or replaces the one that takes effect on the same day.
    pub fn with(mut self, version: Version<T>) -> Versions<T> {
        match self.0.binary_search_by_key(&version.valid_from, |v| v.valid_from) {
            Ok(i) => self.0[i] = version,
            Err(i) => self.0.insert(i, version),
        }
        self
    }
}

impl<T> TryFrom<Vec<Version<T>>> for Versions<T> {
    type Error = VersionsError;
    fn try_from(value: Vec<Version<T>>) -> Result<Self, Self::Error> {
        Versions::new(value)
    }
}

impl<T> From<Versions<T>> for Vec<Version<T>> {
    fn from(value: Versions<T>) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn v(day: Date, value: u32) -> Version<u32> {
        Version::new(day, value, "test", Confidence::Confirmed)
    }

    #[test]
    fn the_version_of_a_day_is_the_latest_in_effect() {
        let list = Versions::new(vec![v(date!(2026 - 07 - 01), 2), v(date!(2009 - 07 - 01), 1)]).unwrap();
        assert_eq!(list.on(date!(2009 - 06 - 30)), None);
        assert_eq!(list.on(date!(2009 - 07 - 01)).map(|v| v.value), Some(1));
        assert_eq!(list.on(date!(2026 - 06 - 30)).map(|v| v.value), Some(1));
        assert_eq!(list.on(date!(2026 - 07 - 01)).map(|v| v.value), Some(2));
        let corrected = list.with(v(date!(2026 - 07 - 01), 3)).with(v(date!(2027 - 01 - 01), 4));
        assert_eq!(corrected.on(date!(2026 - 12 - 31)).map(|v| v.value), Some(3));
        assert_eq!(corrected.on(date!(2027 - 01 - 01)).map(|v| v.value), Some(4));
    }

    #[test]
    fn empty_lists_and_twin_dates_are_refused() {
        assert_eq!(Versions::<u32>::new(vec![]), Err(VersionsError::Empty));
        let twins = vec![v(date!(2020 - 01 - 01), 1), v(date!(2020 - 01 - 01), 2)];
        assert_eq!(Versions::new(twins), Err(VersionsError::SameDay(date!(2020 - 01 - 01))));
        let json = r#"[{"valid_from":"2020-01-01","value":1,"citation":"x","confidence":"confirmed","must_verify":false,"note":""}]"#;
        let parsed: Versions<u32> = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
    }
}
