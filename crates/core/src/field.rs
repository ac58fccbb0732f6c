//! The text fields of the register in one table: how long each may be and what it may hold.
//! Every way in (web form, API, CSV/XLSX import, command line) takes its text through
//! `Field::clean`, so a 1 MB name or a decision number with a hidden character never reaches
//! the append-only history.
//!
//! Three kinds of field:
//! - **codes and numbers** (decision numbers, legal grounds, unit codes, logins) identify
//!   something, so what is written must be what is seen: an invisible or control character is
//!   refused, never silently removed (`ZW-1/QĐ` and `ZW-1/Q\u{AD}Đ` must not be two cases);
//! - **one-line text** (names): invisible formatting (soft hyphen, zero-width space, BOM, bidi
//!   controls) is removed, any whitespace becomes one space, control characters are refused;
//! - **free text** (notes): the same, but line breaks and tabs are kept.
//!
//! All three are put in NFC first and counted in characters after normalisation.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// What a field holds, which decides how its text is cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Code,
    Line,
    Text,
}

/// A text field: its name for messages, its limit, its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub vi: &'static str,
    pub en: &'static str,
    /// At most this many characters (Unicode scalar values after NFC).
    pub max_chars: usize,
    pub kind: Kind,
}

const fn field(vi: &'static str, en: &'static str, max_chars: usize, kind: Kind) -> Field {
    Field { vi, en, max_chars, kind }
}

/// Số quyết định thi hành án: `46/QĐ-CCTHADS` and the like.
pub const CASE_NO: Field = field("số quyết định", "decision number", 64, Kind::Code);
/// Căn cứ pháp lý: `48.1.c`.
pub const GROUND: Field = field("căn cứ pháp lý", "legal ground", 32, Kind::Code);
/// Mã đơn vị: `BG-KV1` (ASCII only, see `UnitCode`).
pub const UNIT_CODE: Field = field("mã đơn vị", "unit code", 32, Kind::Code);
/// Tên đăng nhập (ASCII only, see `Login`).
pub const LOGIN: Field = field("tên đăng nhập", "login", 64, Kind::Code);
/// Người phải thi hành án: a person or an organisation with its branch.
pub const DEBTOR: Field = field("người phải thi hành án", "debtor", 200, Kind::Line);
/// Người được thi hành án.
pub const CREDITOR: Field = field("người được thi hành án", "creditor", 200, Kind::Line);
/// Tên đơn vị.
pub const UNIT_NAME: Field = field("tên đơn vị", "unit name", 200, Kind::Line);
/// Họ tên cán bộ.
pub const STAFF_NAME: Field = field("họ tên", "full name", 200, Kind::Line);
/// Nguồn công bố of a day off or working day the government announced.
pub const CALENDAR_SOURCE: Field = field("nguồn công bố", "source", 300, Kind::Line);
/// Ghi chú of a record (why it was corrected or voided).
pub const NOTE: Field = field("ghi chú", "note", 2000, Kind::Text);
/// Người khiếu nại, tố cáo.
pub const COMPLAINANT: Field = field("người khiếu nại, tố cáo", "complainant", 200, Kind::Line);
/// Nội dung of a letter or of a reception session.
pub const SUBJECT: Field = field("nội dung", "subject", 2000, Kind::Text);
/// Kết quả of a reception session.
pub const RESULT: Field = field("kết quả", "result", 2000, Kind::Text);
/// Tòa án that gave a judgment.
pub const COURT: Field = field("tòa án", "court", 200, Kind::Line);
/// Số bản án, quyết định of a court.
pub const JUDGMENT_NO: Field = field("số bản án", "judgment number", 64, Kind::Code);
/// Cơ quan phải thi hành (an administrative body).
pub const BODY: Field = field("cơ quan phải thi hành", "body", 300, Kind::Line);
/// Nghĩa vụ phải thi hành.
pub const OBLIGATION: Field = field("nghĩa vụ", "obligation", 2000, Kind::Text);
/// Người nộp tiền on a receipt.
pub const PAYER: Field = field("người nộp tiền", "payer", 200, Kind::Line);
/// Người nhận tiền of a payout.
pub const PAYEE: Field = field("người nhận tiền", "payee", 200, Kind::Line);
/// Người mua tài sản (at auction or without).
pub const BUYER: Field = field("người mua tài sản", "buyer", 200, Kind::Line);
/// Số định danh, mã số thuế of a debtor (ASCII only, see `money::DebtorId`).
pub const DEBTOR_ID: Field = field("mã người phải thi hành án", "debtor id", 32, Kind::Code);
/// Số giấy tờ tùy thân shown at a payout (ASCII only, see `money::IdNumber`).
pub const ID_NUMBER: Field = field("số giấy tờ tùy thân", "identity document number", 20, Kind::Code);
/// Số định danh, mã số thuế of a creditor (ASCII only, see `case::PartyId`).
pub const CREDITOR_ID: Field = field("mã người được thi hành án", "creditor id", 32, Kind::Code);
/// Địa chỉ of a party.
pub const ADDRESS: Field = field("địa chỉ", "address", 300, Kind::Line);
/// Người yêu cầu thi hành án (an on-request case).
pub const REQUESTER: Field = field("người yêu cầu", "requester", 200, Kind::Line);
/// Lý do of a change to a case's facts.
pub const REASON: Field = field("lý do", "reason", 2000, Kind::Text);

/// Every field, for the table in the documentation and its test.
pub const ALL: [Field; 26] = [
    CASE_NO,
    GROUND,
    UNIT_CODE,
    LOGIN,
    DEBTOR,
    CREDITOR,
    UNIT_NAME,
    STAFF_NAME,
    CALENDAR_SOURCE,
    NOTE,
    COMPLAINANT,
    SUBJECT,
    RESULT,
    COURT,
    JUDGMENT_NO,
    BODY,
    OBLIGATION,
    PAYER,
    PAYEE,
    BUYER,
    DEBTOR_ID,
    ID_NUMBER,
    CREDITOR_ID,
    ADDRESS,
    REQUESTER,
    REASON,
];

/// Why a field's text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Empty,
    TooLong {
        chars: usize,
    },
    /// Invisible formatting (Unicode Cf and other default-ignorable characters) in a code.
    Invisible(char),
    /// A control character (Unicode Cc) where none may be.
    Control(char),
    /// Private-use, unassigned, a combining mark alone or a space other than U+0020 in a code.
    NotAllowed(char),
}

/// A refused text, naming the field and why (Vietnamese, then English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Field { vi, en, max_chars: max, .. } = self.field;
        match self.problem {
            Problem::Empty => write!(f, "{vi}: không được để trống / {en}: must not be empty"),
            Problem::TooLong { chars } => {
                write!(f, "{vi}: dài {chars} ký tự, tối đa {max} / {en}: {chars} characters, at most {max}")
            }
            Problem::Invisible(c) => write!(
                f,
                "{vi}: có ký tự vô hình {u}, hãy gõ lại / {en}: holds the invisible character {u}; type it again",
                u = code_point(c)
            ),
            Problem::Control(c) => {
                write!(f, "{vi}: có ký tự điều khiển {u} / {en}: holds the control character {u}", u = code_point(c))
            }
            Problem::NotAllowed(c) => {
                write!(f, "{vi}: có ký tự không được phép {u} / {en}: holds {u}, not allowed here", u = code_point(c))
            }
        }
    }
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

impl Field {
    /// The text as it will be stored, or why not. Empty text is refused only in codes (whether
    /// a name may be empty is its form's rule).
    pub fn clean(&self, text: &str) -> Result<String, FieldError> {
        let cleaned = match self.kind {
            Kind::Code => self.code(text)?,
            Kind::Line => self.line(text)?,
            Kind::Text => self.text(text)?,
        };
        let chars = cleaned.chars().count();
        if chars > self.max_chars {
            return Err(self.refuse(Problem::TooLong { chars }));
        }
        Ok(cleaned)
    }

    /// As `clean`, and refused when nothing is left (a name made of invisible characters).
    pub fn clean_required(&self, text: &str) -> Result<String, FieldError> {
        let cleaned = self.clean(text)?;
        if cleaned.is_empty() { Err(self.refuse(Problem::Empty)) } else { Ok(cleaned) }
    }

    fn refuse(&self, problem: Problem) -> FieldError {
        FieldError { field: *self, problem }
    }

    /// A code: every character visible; runs of spaces (which a page shows as one) become one.
    fn code(&self, text: &str) -> Result<String, FieldError> {
        // NFC first: a decomposed Vietnamese letter is not a stray combining mark.
        let text = nfc(text.trim());
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match class(c) {
                Class::Visible => out.push(c),
                Class::Space if c == ' ' => {
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                Class::Invisible => return Err(self.refuse(Problem::Invisible(c))),
                Class::Control | Class::LineBreak | Class::Tab => return Err(self.refuse(Problem::Control(c))),
                Class::Space | Class::Mark | Class::Foreign => return Err(self.refuse(Problem::NotAllowed(c))),
            }
        }
        if out.is_empty() { Err(self.refuse(Problem::Empty)) } else { Ok(out) }
    }

    /// One line: invisible formatting dropped, any whitespace one space.
    fn line(&self, text: &str) -> Result<String, FieldError> {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match class(c) {
                Class::Visible | Class::Mark => out.push(c),
                Class::Space | Class::Tab | Class::LineBreak => {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                Class::Invisible => {}
                Class::Control => return Err(self.refuse(Problem::Control(c))),
                Class::Foreign => return Err(self.refuse(Problem::NotAllowed(c))),
            }
        }
        Ok(nfc(out.trim_end()))
    }

    /// Free text: as a line, but line breaks (`\r\n`, `\r`, U+2028/2029 as `\n`) and tabs kept.
    fn text(&self, text: &str) -> Result<String, FieldError> {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match class(c) {
                Class::Visible | Class::Mark | Class::Space => out.push(c),
                Class::Tab => out.push('\t'),
                Class::LineBreak => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                Class::Invisible => {}
                Class::Control => return Err(self.refuse(Problem::Control(c))),
                Class::Foreign => return Err(self.refuse(Problem::NotAllowed(c))),
            }
        }
        Ok(nfc(out.trim()))
    }
}

/// NFC, without allocating twice for text that already is (nearly all of it).
fn nfc(text: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

/// What a character is, for cleaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Visible,
    /// A combining mark (NFC composes Vietnamese ones; any left is part of the text).
    Mark,
    Space,
    Tab,
    LineBreak,
    Invisible,
    Control,
    /// Private use, unassigned, surrogate: nothing a register holds.
    Foreign,
}

fn class(c: char) -> Class {
    use GeneralCategory as G;
    if c.is_ascii_graphic() {
        return Class::Visible;
    }
    match c {
        ' ' => return Class::Space,
        '\t' => return Class::Tab,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => return Class::LineBreak,
        _ if invisible_letter(c) => return Class::Invisible,
        _ => {}
    }
    match c.general_category() {
        G::Format => Class::Invisible,
        G::Control => Class::Control,
        G::SpaceSeparator | G::LineSeparator | G::ParagraphSeparator => Class::Space,
        G::NonspacingMark | G::SpacingMark | G::EnclosingMark => {
            if variation_selector(c) {
                Class::Invisible
            } else {
                Class::Mark
            }
        }
        G::PrivateUse | G::Unassigned | G::Surrogate => Class::Foreign,
        _ => Class::Visible,
    }
}

/// Default-ignorable characters that Unicode files as letters: the Hangul fillers and the
/// Khmer inherent vowels show nothing.
fn invisible_letter(c: char) -> bool {
    matches!(c, '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{3164}' | '\u{FFA0}' | '\u{034F}')
}

/// Variation selectors change how the previous character is drawn and show nothing themselves.
fn variation_selector(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(field: Field, text: &str) -> Problem {
        match field.clean(text) {
            Err(e) => e.problem,
            Ok(ok) => panic!("{} accepted {text:?} as {ok:?}", field.en),
        }
    }

    fn problem_required(field: Field, text: &str) -> Problem {
        field.clean_required(text).map_or_else(|e| e.problem, |ok| panic!("accepted {ok:?}"))
    }

    #[test]
    fn look_alike_decision_numbers_are_refused_naming_the_character() {
        assert_eq!(CASE_NO.clean(" ZW-1/QĐ "), Ok("ZW-1/QĐ".into()));
        for (hidden, problem_is) in [
            ('\u{AD}', Problem::Invisible('\u{AD}')),
            ('\u{200B}', Problem::Invisible('\u{200B}')),
            ('\u{FEFF}', Problem::Invisible('\u{FEFF}')),
            ('\u{202E}', Problem::Invisible('\u{202E}')),
            ('\u{2066}', Problem::Invisible('\u{2066}')),
            ('\u{3164}', Problem::Invisible('\u{3164}')),
            ('\u{FE0F}', Problem::Invisible('\u{FE0F}')),
            ('\0', Problem::Control('\0')),
            ('\n', Problem::Control('\n')),
            ('\u{1B}', Problem::Control('\u{1B}')),
            ('\u{A0}', Problem::NotAllowed('\u{A0}')),
            ('\u{E000}', Problem::NotAllowed('\u{E000}')),
            ('\u{10FFFD}', Problem::NotAllowed('\u{10FFFD}')),
        ] {
            assert_eq!(problem(CASE_NO, &format!("ZW-1/Q{hidden}Đ")), problem_is, "{hidden:?}");
        }
        let message = CASE_NO.clean("ZW-1/Q\u{200B}Đ").unwrap_err().to_string();
        assert!(message.contains("số quyết định") && message.contains("U+200B"), "{message}");
    }

    #[test]
    fn codes_are_nfc_with_single_spaces_and_never_empty() {
        let decomposed: String = "46/QĐ-THADS ngày 5".nfd().collect();
        assert_eq!(CASE_NO.clean(&decomposed), Ok("46/QĐ-THADS ngày 5".into()));
        assert_eq!(CASE_NO.clean("46/QĐ   THADS"), Ok("46/QĐ THADS".into()));
        assert_eq!(problem(CASE_NO, "   "), Problem::Empty);
        assert_eq!(problem(CASE_NO, &"x".repeat(65)), Problem::TooLong { chars: 65 });
        assert!(CASE_NO.clean(&"Đ".repeat(64)).is_ok(), "counted in characters, not bytes");
    }

    #[test]
    fn names_lose_invisible_formatting_and_keep_one_line() {
        assert_eq!(DEBTOR.clean("Nguy\u{AD}ễn\u{200B} Văn\u{FEFF} An"), Ok("Nguyễn Văn An".into()));
        assert_eq!(DEBTOR.clean("\u{202E}Công ty A\r\n\tchi nhánh\u{A0}B "), Ok("Công ty A chi nhánh B".into()));
        let decomposed: String = "Đỗ Thị Hoa".nfd().collect();
        assert_eq!(DEBTOR.clean(&decomposed), Ok("Đỗ Thị Hoa".into()));
        assert_eq!(CREDITOR.clean(""), Ok(String::new()), "a name may be empty; its form says if it may");
        assert_eq!(problem_required(DEBTOR, "\u{200B}\u{FEFF} "), Problem::Empty);
        assert_eq!(problem(DEBTOR, "An\0"), Problem::Control('\0'));
        assert_eq!(problem(DEBTOR, "An\u{E000}"), Problem::NotAllowed('\u{E000}'));
        assert_eq!(problem(DEBTOR, &"A".repeat(1 << 20)), Problem::TooLong { chars: 1 << 20 });
        assert!(DEBTOR.clean(&"Ơ".repeat(200)).is_ok());
    }

    #[test]
    fn notes_keep_lines_and_tabs_and_refuse_other_controls() {
        assert_eq!(
            NOTE.clean(" Sai ngày\r\nđúng là\t05/11\rxem\u{2028}QĐ\u{200B} "),
            Ok("Sai ngày\nđúng là\t05/11\nxem\nQĐ".into())
        );
        assert_eq!(problem(NOTE, "ghi chú\0"), Problem::Control('\0'));
        assert_eq!(problem(NOTE, "\u{7}"), Problem::Control('\u{7}'));
        assert_eq!(problem(NOTE, &"x".repeat(1_900_000)), Problem::TooLong { chars: 1_900_000 });
        assert!(NOTE.clean(&"ý".repeat(2000)).is_ok());
    }

    #[test]
    fn every_field_has_a_name_and_a_sensible_limit() {
        for f in ALL {
            assert!(!f.vi.is_empty() && !f.en.is_empty());
            assert!((16..=2000).contains(&f.max_chars), "{}", f.en);
        }
    }

    proptest::proptest! {
        /// Cleaning is idempotent, and what it gives has nothing invisible or controlling left
        /// (but line breaks and tabs in notes).
        #[test]
        fn clean_text_stays_clean(text in "\\PC{0,40}|[\\x00-\\x20\\u{AD}\\u{200B}-\\u{200F}\\u{202A}-\\u{202E}\\u{FEFF}a-zđơư\\u{0300}-\\u{0309}]{0,40}") {
            for f in [CASE_NO, DEBTOR, NOTE] {
                if let Ok(once) = f.clean(&text) {
                    proptest::prop_assert_eq!(f.clean(&once), Ok(once.clone()));
                    let left = once.chars().find(|c| matches!(class(*c), Class::Invisible | Class::Control | Class::Foreign));
                    proptest::prop_assert_eq!(left, None);
                }
            }
        }
    }
}
