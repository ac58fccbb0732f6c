//! The receipt number of a request (số phiếu nhận), `BG-KV1-2026-00017`: the unit's code, the
//! year and the sequence without gaps of that unit and year (the store takes it in the
//! transaction that writes the request); and the follow-up code's alphabet and spelling.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A receipt number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReceiptNo {
    pub unit_code: String,
    pub year: i32,
    pub seq: u32,
}

impl fmt::Display for ReceiptNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:05}", self.unit_code, self.year, self.seq)
    }
}

impl ReceiptNo {
    /// A number as typed: ASCII letters, digits and hyphens, the last two parts year and
    /// sequence. Anything else (an invisible character, a space inside, too long) is `None`:
    /// a number that is not well formed is unknown.
    pub fn parse(text: &str) -> Option<ReceiptNo> {
        let t = text.trim();
        if t.is_empty() || t.len() > 60 || !t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return None;
        }
        let (rest, seq) = t.rsplit_once('-')?;
        let (unit, year) = rest.rsplit_once('-')?;
        if unit.is_empty() || year.len() != 4 || seq.is_empty() || seq.len() > 9 {
            return None;
        }
        if !year.bytes().all(|b| b.is_ascii_digit()) || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(ReceiptNo { unit_code: unit.to_ascii_uppercase(), year: year.parse().ok()?, seq: seq.parse().ok()? })
    }
}

/// The follow-up code's letters: digits and capitals without I, L, O, U (Crockford's base 32),
/// so that it can be read out and typed without confusion.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Ten letters: 50 bits.
pub const CODE_LEN: usize = 10;

/// A code as typed, in the spelling it is compared in: upper case, without the spaces and
/// hyphens that group it; `None` when it holds anything else or is not `CODE_LEN` long.
pub fn normalize_code(text: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in text.trim().chars() {
        match c {
            ' ' | '-' => {}
            c if c.is_ascii_alphanumeric() => {
                let c = c.to_ascii_uppercase();
                // Read as the letters they look like, as Crockford's spelling does.
                let c = match c {
                    'O' => '0',
                    'I' | 'L' => '1',
                    c => c,
                };
                if !CODE_ALPHABET.contains(&(c as u8)) {
                    return None;
                }
                out.push(c);
            }
            _ => return None,
        }
        if out.len() > CODE_LEN {
            return None;
        }
    }
    (out.len() == CODE_LEN).then_some(out)
}
