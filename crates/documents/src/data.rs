//! The facts one document is filled with: typed values of catalogue fields, checked as they are
//! set (unknown field, wrong type, control characters, sizes), so that rendering can only fail
//! on what a template needs and the data lacks.

use std::collections::BTreeMap;

use thads_core::Vnd;
use time::Date;
use unicode_normalization::UnicodeNormalization;

use crate::fields::{self, FieldType};

/// Longest text value, in characters (an address or an obligation is far shorter).
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Most items in one list (recipients, assets).
pub const MAX_LIST_ITEMS: usize = 200;

/// A value of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Date(Date),
    Money(Vnd),
    List(Vec<String>),
}

impl Value {
    pub fn field_type(&self) -> FieldType {
        match self {
            Value::Text(_) => FieldType::Text,
            Value::Date(_) => FieldType::Date,
            Value::Money(_) => FieldType::Money,
            Value::List(_) => FieldType::List,
        }
    }

    /// Whether the value says nothing (an empty text or list): such a value is missing.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(t) => t.is_empty(),
            Value::List(items) => items.is_empty(),
            Value::Date(_) | Value::Money(_) => false,
        }
    }
}

/// Why a value cannot be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    #[error("trường không xác định «{0}» / unknown field «{0}»")]
    UnknownField(String),
    #[error(
        "trường «{field}» có kiểu {expected}, không nhận giá trị kiểu {given} / field «{field}» is of type {expected}, not {given}"
    )]
    WrongType { field: &'static str, expected: FieldType, given: FieldType },
    #[error("trường «{0}» chứa ký tự điều khiển hoặc ký tự ẩn / field «{0}» contains a control or invisible character")]
    ControlCharacter(&'static str),
    #[error(
        "trường «{0}» có ký tự «{1}» mà phông chữ của văn bản không in được / field «{0}» has a character «{1}» the document's font cannot print"
    )]
    Unprintable(&'static str, char),
    #[error("trường «{0}» quá dài (tối đa {MAX_TEXT_CHARS} ký tự, {MAX_LIST_ITEMS} dòng) / field «{0}» is too long")]
    TooLong(&'static str),
}

/// The values of one document, by field name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentData {
    values: BTreeMap<&'static str, Value>,
}

impl DocumentData {
    pub fn new() -> DocumentData {
        DocumentData::default()
    }

    /// Sets a field; text is normalised to NFC and trimmed, and refused when it holds control
    /// or invisible characters (a name must print as it reads).
    pub fn set(&mut self, name: &str, value: Value) -> Result<&mut DocumentData, DataError> {
        let def = fields::lookup(name).ok_or_else(|| DataError::UnknownField(shown(name)))?;
        if def.ty != value.field_type() {
            return Err(DataError::WrongType { field: def.name, expected: def.ty, given: value.field_type() });
        }
        let value = match value {
            Value::Text(text) => Value::Text(clean(def.name, &text)?),
            Value::List(items) => {
                if items.len() > MAX_LIST_ITEMS {
                    return Err(DataError::TooLong(def.name));
                }
                Value::List(items.iter().map(|t| clean(def.name, t)).collect::<Result<_, _>>()?)
            }
            other => other,
        };
        self.values.insert(def.name, value);
        Ok(self)
    }

    pub fn text(&mut self, name: &str, text: impl Into<String>) -> Result<&mut DocumentData, DataError> {
        self.set(name, Value::Text(text.into()))
    }

    pub fn date(&mut self, name: &str, date: Date) -> Result<&mut DocumentData, DataError> {
        self.set(name, Value::Date(date))
    }

    pub fn money(&mut self, name: &str, amount: Vnd) -> Result<&mut DocumentData, DataError> {
        self.set(name, Value::Money(amount))
    }

    pub fn list<S: Into<String>>(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = S>,
    ) -> Result<&mut DocumentData, DataError> {
        self.set(name, Value::List(items.into_iter().map(Into::into).collect()))
    }

    /// The value of a field, when it is set and not empty.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name).filter(|v| !v.is_empty())
    }
}

/// A field name as it may be shown in an error: cut short, control characters replaced.
fn shown(name: &str) -> String {
    name.chars().take(64).map(|c| if c.is_control() { '?' } else { c }).collect()
}

fn clean(field: &'static str, text: &str) -> Result<String, DataError> {
    let text: String = text.trim().nfc().collect();
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(DataError::TooLong(field));
    }
    if text.chars().any(is_hidden) {
        return Err(DataError::ControlCharacter(field));
    }
    if let Some(c) = crate::pdf::first_unprintable(&text) {
        return Err(DataError::Unprintable(field, c));
    }
    Ok(text)
}

/// Control characters, and the invisible ones that make two names look equal while differing
/// (zero-width spaces and joiners, direction marks, the byte-order mark).
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_when_set() {
        let mut data = DocumentData::new();
        assert!(data.text("debtor_name", "  Nguyen\u{0303} Văn An ").is_ok());
        assert_eq!(data.get("debtor_name"), Some(&Value::Text("Nguyeñ Văn An".nfc().collect())));
        assert_eq!(data.text("debtor_nmae", "x").err(), Some(DataError::UnknownField("debtor_nmae".into())));
        assert!(matches!(data.text("amount", "5"), Err(DataError::WrongType { field: "amount", .. })));
        assert_eq!(data.text("debtor_name", "An\u{200B}").err(), Some(DataError::ControlCharacter("debtor_name")));
        assert_eq!(data.text("debtor_name", "a\nb").err(), Some(DataError::ControlCharacter("debtor_name")));
        assert_eq!(data.text("reason", "x".repeat(MAX_TEXT_CHARS + 1)).err(), Some(DataError::TooLong("reason")));
        assert_eq!(data.text("debtor_name", "Lý 李").err(), Some(DataError::Unprintable("debtor_name", '李')));
        assert!(data.text("debtor_name", "ĐẶNG THỊ ỨNG, Nguyễn Ỷ Lan – “Hợp” № 5 m² ½").is_ok());
        data.text("reason", "").ok();
        assert_eq!(data.get("reason"), None, "an empty text counts as missing");
    }
}
