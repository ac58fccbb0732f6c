//! The lookup code (mã tra cứu) printed on the notices to the parties: ten characters of
//! Crockford's base 32 (no I, L, O, U: nothing to misread), shown as two groups of five. What
//! a person types is read leniently (case, spaces, dashes, O for 0, I and L for 1) but any other
//! character, an invisible one included, is refused.

use std::fmt;

/// The characters of a code, each worth five bits.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code: 50 bits.
pub const CODE_LEN: usize = 10;

/// A well-formed lookup code (whether it is a case's is decided by comparing, in constant time).
#[derive(Clone, PartialEq, Eq)]
pub struct LookupCode([u8; CODE_LEN]);

/// Why a typed code is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("mã tra cứu gồm 10 ký tự / a lookup code has 10 characters")]
    Length,
    #[error("mã tra cứu có ký tự không hợp lệ / the lookup code has a character that is not allowed")]
    Character,
}

impl LookupCode {
    /// The code made of the first 50 bits of `bytes` (a keyed digest; at least 7 bytes).
    pub fn from_bits(bytes: &[u8]) -> LookupCode {
        let mut acc: u64 = 0;
        for b in bytes.iter().take(8) {
            acc = (acc << 8) | u64::from(*b);
        }
        acc <<= 8 * (8 - bytes.len().min(8)) as u32;
        let mut out = [0u8; CODE_LEN];
        for (i, slot) in out.iter_mut().enumerate() {
            let shift = 64 - 5 * (i as u32 + 1);
            *slot = CODE_ALPHABET[((acc >> shift) & 31) as usize];
        }
        LookupCode(out)
    }

    /// Reads what a person typed: spaces and dashes ignored, any case, O read as 0 and I, L as
    /// 1; at most 40 characters looked at.
    pub fn parse(typed: &str) -> Result<LookupCode, CodeError> {
        let mut out = [0u8; CODE_LEN];
        let mut n = 0;
        for ch in typed.chars().take(40) {
            if ch == ' ' || ch == '-' {
                continue;
            }
            let c = match ch.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c if c.is_ascii() && CODE_ALPHABET.contains(&(c as u8)) => c,
                _ => return Err(CodeError::Character),
            };
            if n == CODE_LEN {
                return Err(CodeError::Length);
            }
            out[n] = c as u8;
            n += 1;
        }
        if typed.chars().count() > 40 || n != CODE_LEN {
            return Err(CodeError::Length);
        }
        Ok(LookupCode(out))
    }

    /// The code as printed: `ABCDE-FGHJK`.
    pub fn shown(&self) -> String {
        let text: String = self.0.iter().map(|b| char::from(*b)).collect();
        format!("{}-{}", &text[..5], &text[5..])
    }
}

impl fmt::Display for LookupCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown())
    }
}

impl fmt::Debug for LookupCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A code is a secret of the parties: never in a log line.
        f.write_str("LookupCode(***)")
    }
}

/// Whether two codes are the same, looking at every character whatever differs first, so that
/// the time of a comparison tells nothing of how much of a guess was right.
pub fn same_code(a: &LookupCode, b: &LookupCode) -> bool {
    let diff = a.0.iter().zip(b.0.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}
