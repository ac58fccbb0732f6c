//! Who money comes from and goes to, as checked text: the debtor's identity number that ties a
//! debtor's cases together, the name of a payer or payee, the number of the identity document
//! shown at a payout, and the written reason of a correction. Codes are ASCII only; free text
//! refuses control and invisible characters (zero-width and direction marks), which would let two
//! entries look alike and differ.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartyError {
    #[error(
        "mã người phải thi hành án không hợp lệ / invalid debtor id «{0}» (1–32 letters, digits or '-': số định danh, mã số thuế)"
    )]
    DebtorId(String),
    #[error("số giấy tờ tùy thân không hợp lệ / invalid identity document number «{0}» (6–20 letters or digits)")]
    IdNumber(String),
    #[error(
        "{what}: cần 1–{max} ký tự, không có ký tự điều khiển hoặc ẩn / 1–{max} characters, no control or invisible characters"
    )]
    Text { what: &'static str, max: usize },
}

/// The debtor's identity (số định danh cá nhân, mã số thuế): cases with the same one in a
/// province are one debtor for distribution.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DebtorId(String);

impl DebtorId {
    pub fn new(text: &str) -> Result<DebtorId, PartyError> {
        let t = text.trim();
        let ok = (1..=32).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if ok { Ok(DebtorId(t.to_ascii_uppercase())) } else { Err(PartyError::DebtorId(t.to_string())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DebtorId {
    type Error = PartyError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        DebtorId::new(&value)
    }
}

impl From<DebtorId> for String {
    fn from(value: DebtorId) -> Self {
        value.0
    }
}

impl fmt::Display for DebtorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The number of the identity document a payee shows (VNeID, căn cước, hộ chiếu, mã số thuế).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

impl IdNumber {
    pub fn new(text: &str) -> Result<IdNumber, PartyError> {
        let t = text.trim();
        let ok = (6..=20).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric());
        if ok { Ok(IdNumber(t.to_ascii_uppercase())) } else { Err(PartyError::IdNumber(t.to_string())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IdNumber {
    type Error = PartyError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        IdNumber::new(&value)
    }
}

impl From<IdNumber> for String {
    fn from(value: IdNumber) -> Self {
        value.0
    }
}

/// A short free text (a name, a reason), already NFC: trimmed, bounded, visible.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text(String);

impl Text {
    /// Names of payers and payees.
    pub const NAME_MAX: usize = 200;
    /// Reasons of cancellations and corrections.
    pub const REASON_MAX: usize = 500;

    /// `what` names the field in the error (Vietnamese / English).
    pub fn new(text: &str, what: &'static str, max: usize) -> Result<Text, PartyError> {
        let t = text.trim();
        let count = t.chars().count();
        let ok = (1..=max).contains(&count) && !t.chars().any(|c| c.is_control() || is_invisible(c));
        if ok { Ok(Text(t.to_string())) } else { Err(PartyError::Text { what, max }) }
    }

    pub fn name(text: &str) -> Result<Text, PartyError> {
        Text::new(text, "tên / name", Text::NAME_MAX)
    }

    pub fn reason(text: &str) -> Result<Text, PartyError> {
        Text::new(text, "lý do / reason", Text::REASON_MAX)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Text {
    type Error = PartyError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Text::new(&value, "văn bản / text", Text::REASON_MAX)
    }
}

impl From<Text> for String {
    fn from(value: Text) -> Self {
        value.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Zero-width characters, direction marks and embeddings, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ascii_and_bounded() {
        assert_eq!(DebtorId::new(" 0312345678-001 ").unwrap().as_str(), "0312345678-001");
        assert_eq!(DebtorId::new("ab12").unwrap().as_str(), "AB12", "one spelling per debtor");
        for bad in ["", "0312 345", "079\u{200B}123", "số1", &"1".repeat(33)] {
            assert!(DebtorId::new(bad).is_err(), "{bad:?}");
        }
        assert!(IdNumber::new("079090001234").is_ok());
        assert!(IdNumber::new("12345").is_err() && IdNumber::new("0790-9000").is_err());
    }

    #[test]
    fn free_text_refuses_control_and_invisible_characters() {
        assert_eq!(Text::name("  Nguyễn Văn An ").unwrap().as_str(), "Nguyễn Văn An");
        for bad in ["", "   ", "An\u{0007}", "An\u{200B}", "\u{202E}nA", "An\u{FEFF}"] {
            assert!(Text::name(bad).is_err(), "{bad:?}");
        }
        assert!(Text::reason(&"x".repeat(500)).is_ok() && Text::reason(&"x".repeat(501)).is_err());
    }
}
