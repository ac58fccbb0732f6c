//! Who money comes from and goes to, as checked text: the debtor's identity number that ties a
//! debtor's cases together, the number of the identity document shown at a payout, and the
//! names and reasons on money documents. Every one goes through its `core::field` (limits,
//! invisible and control characters); the two codes are ASCII on top of that.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::field::{self, Field, FieldError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartyError {
    #[error("{0}")]
    Field(FieldError),
    #[error(
        "mã người phải thi hành án không hợp lệ / invalid debtor id «{0}» (letters, digits or '-': số định danh, mã số thuế)"
    )]
    DebtorId(String),
    #[error("số giấy tờ tùy thân không hợp lệ / invalid identity document number «{0}» (6–20 letters or digits)")]
    IdNumber(String),
}

/// The debtor's identity (số định danh cá nhân, mã số thuế): cases with the same one in a
/// province are one debtor for distribution.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DebtorId(String);

impl DebtorId {
    pub fn new(text: &str) -> Result<DebtorId, PartyError> {
        let t = field::DEBTOR_ID.clean(text).map_err(PartyError::Field)?;
        if t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            // One spelling per debtor.
            Ok(DebtorId(t.to_ascii_uppercase()))
        } else {
            Err(PartyError::DebtorId(t))
        }
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
        let t = field::ID_NUMBER.clean(text).map_err(PartyError::Field)?;
        if t.len() >= 6 && t.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Ok(IdNumber(t.to_ascii_uppercase()))
        } else {
            Err(PartyError::IdNumber(t))
        }
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

/// A name or a reason on a money document, cleaned by its field and not empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text(String);

impl Text {
    /// `field` says what the text is (`field::PAYER`, `field::BUYER`, `field::NOTE`…).
    pub fn of(field: &Field, text: &str) -> Result<Text, FieldError> {
        field.clean_required(text).map(Text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Stored text is read back under the loosest of its fields (a note).
impl TryFrom<String> for Text {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Text::of(&field::NOTE, &value)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ascii_and_bounded() {
        assert_eq!(DebtorId::new(" 0312345678-001 ").unwrap().as_str(), "0312345678-001");
        assert_eq!(DebtorId::new("ab12").unwrap().as_str(), "AB12", "one spelling per debtor");
        assert!(
            matches!(DebtorId::new("079\u{200B}123"), Err(PartyError::Field(_))),
            "invisible: refused, not removed"
        );
        for bad in ["", "0312 345", "số1", &"1".repeat(33)] {
            assert!(DebtorId::new(bad).is_err(), "{bad:?}");
        }
        assert!(IdNumber::new("079090001234").is_ok());
        assert!(IdNumber::new("12345").is_err() && IdNumber::new("0790-9000").is_err());
    }

    #[test]
    fn names_and_reasons_go_through_their_field() {
        assert_eq!(Text::of(&field::PAYER, "  Nguyễn\u{200B} Văn An ").unwrap().as_str(), "Nguyễn Văn An");
        for bad in ["", "   ", "\u{200B}", "An\u{0007}"] {
            assert!(Text::of(&field::PAYER, bad).is_err(), "{bad:?}");
        }
        assert!(Text::of(&field::BUYER, &"x".repeat(201)).is_err());
        assert_eq!(Text::of(&field::NOTE, "Ghi nhầm\r\nsố tiền").unwrap().as_str(), "Ghi nhầm\nsố tiền");
    }
}
