//! One data row being checked: typed values from its fields, every bad one recorded as a
//! problem at its row and column (NFC-normalised text, dates, money, codes).

use std::borrow::Cow;
use std::fmt::Display;

use csv::StringRecord;
use thads_core::Vnd;
use thads_core::dates::parse_date;
use time::Date;
use unicode_normalization::{IsNormalized, is_nfc_quick};

use super::problem::Problem;
use super::table::Header;

/// A row with its problems so far.
pub struct Row<'a> {
    pub number: u64,
    record: &'a StringRecord,
    header: &'a Header,
    problems: &'a mut Vec<Problem>,
    failed: bool,
}

impl<'a> Row<'a> {
    pub fn new(number: u64, record: &'a StringRecord, header: &'a Header, problems: &'a mut Vec<Problem>) -> Row<'a> {
        Row { number, record, header, problems, failed: false }
    }

    /// Whether every value read so far was good.
    pub fn ok(&self) -> bool {
        !self.failed
    }

    /// The field as written, trimmed.
    pub fn raw(&self, column: usize) -> &'a str {
        self.header.field(self.record, column)
    }

    /// The field as NFC text (registers typed with NFD keyboards compare equal).
    pub fn text(&self, column: usize) -> Cow<'a, str> {
        nfc(self.raw(column))
    }

    /// Records that `column` holds a bad value.
    pub fn fail(&mut self, column: usize, reason: impl Display) {
        self.failed = true;
        let value = self.raw(column);
        self.problems.push(Problem::cell(self.number, self.header.name(column), value, reason));
    }

    /// A required value parsed from the NFC text.
    pub fn required<T, E: Display>(&mut self, column: usize, parse: impl FnOnce(&str) -> Result<T, E>) -> Option<T> {
        if self.raw(column).is_empty() {
            self.fail(column, "thiếu giá trị / value missing");
            return None;
        }
        self.parse(column, parse)
    }

    /// An optional value: `Some(None)` when empty, `None` when bad.
    pub fn optional<T, E: Display>(
        &mut self,
        column: usize,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        if self.raw(column).is_empty() {
            return Some(None);
        }
        self.parse(column, parse).map(Some)
    }

    /// The value parsed from the NFC text, empty or not.
    pub fn parse<T, E: Display>(&mut self, column: usize, parse: impl FnOnce(&str) -> Result<T, E>) -> Option<T> {
        match parse(&self.text(column)) {
            Ok(value) => Some(value),
            Err(e) => {
                self.fail(column, e);
                None
            }
        }
    }

    pub fn date(&mut self, column: usize) -> Option<Date> {
        self.required(column, parse_date)
    }

    pub fn money(&mut self, column: usize) -> Option<Vnd> {
        self.required(column, Vnd::parse)
    }
}

/// NFC text, trimmed, borrowed when it already is NFC (nearly always: ASCII codes, numbers).
pub fn nfc(text: &str) -> Cow<'_, str> {
    let t = text.trim();
    if t.is_ascii() || is_nfc_quick(t.chars()) == IsNormalized::Yes {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(thads_core::text::nfc(t))
    }
}
