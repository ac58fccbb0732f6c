//! Password hashes (argon2id with its recommended parameters, as PHC strings) and the rule a
//! new password must pass.
//!
//! A password is hashed in NFC, so that the same password typed on a keyboard that composes
//! Vietnamese letters and on one that does not (Unikey NFD) is the same password; its length is
//! counted in characters of that form. It is not trimmed: spaces are allowed anywhere (a
//! passphrase), but a password of spaces only is refused. Refused as well: one of the common
//! passwords of `common-passwords.txt`, one with fewer than 5 different characters
//! (`aaaaaaaaaa`, `1212121212`), and one containing the login or a part of it, compared
//! without case or diacritics.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};
use thads_core::Login;
use thads_core::text::fold;
use unicode_normalization::UnicodeNormalization;

/// The 1,557 passwords of at least 10 characters among the 49,233 most common ones of the
/// zxcvbn list (MIT licence, see `common-passwords.NOTICE`), lower case, one a line: shorter
/// ones are refused by the length rule already.
const COMMON: &str = include_str!("common-passwords.txt");

const MIN_CHARS: usize = 10;
const MAX_CHARS: usize = 256;
const MIN_DISTINCT: usize = 5;
/// Parts of a login shorter than this (`an`, `kv1`) are too common inside words to refuse.
const MIN_LOGIN_PART: usize = 4;

/// Why a new password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("mật khẩu phải có ít nhất 10 ký tự / the password needs at least 10 characters")]
    TooShort,
    #[error("mật khẩu quá dài / the password is too long (at most 256 characters)")]
    TooLong,
    #[error("mật khẩu không được chỉ gồm khoảng trắng / the password cannot be only spaces")]
    Blank,
    #[error(
        "mật khẩu cần ít nhất 5 ký tự khác nhau / the password needs at least 5 different characters \
         (aaaaaaaaaa or 1212121212 are guessed at once)"
    )]
    Repetitive,
    #[error("mật khẩu này nằm trong danh sách mật khẩu phổ biến / this password is on the list of common passwords")]
    Common,
    #[error("mật khẩu không được chứa tên đăng nhập / the password cannot contain the login")]
    ContainsLogin,
    #[error("không tạo được mã băm mật khẩu / could not hash the password")]
    Hash,
}

/// The form a password is hashed and counted in.
fn normalised(password: &str) -> String {
    password.nfc().collect()
}

/// The rule for a password a person chose for `login`.
pub fn check_new_password(password: &str, login: &Login) -> Result<(), PasswordError> {
    let password = normalised(password);
    check_alone(&password)?;
    let folded = fold(&password);
    let login = login.as_str();
    let parts = login.split(['.', '_', '-', '@']).filter(|p| p.chars().count() >= MIN_LOGIN_PART);
    if folded.contains(login) || parts.into_iter().any(|p| folded.contains(p)) {
        return Err(PasswordError::ContainsLogin);
    }
    Ok(())
}

/// What does not depend on whose password it is; `password` is already NFC.
fn check_alone(password: &str) -> Result<(), PasswordError> {
    match password.chars().count() {
        n if n < MIN_CHARS => return Err(PasswordError::TooShort),
        n if n > MAX_CHARS => return Err(PasswordError::TooLong),
        _ => {}
    }
    if password.trim().is_empty() {
        return Err(PasswordError::Blank);
    }
    let mut distinct: Vec<char> = password.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT {
        return Err(PasswordError::Repetitive);
    }
    let lower = password.trim().to_lowercase();
    if COMMON.lines().any(|common| common == lower) {
        return Err(PasswordError::Common);
    }
    Ok(())
}

/// The hash of a password a person chose for `login`, once it passes the rule.
pub fn hash_new_password(password: &str, login: &Login) -> Result<String, PasswordError> {
    check_new_password(password, login)?;
    hash(&normalised(password))
}

/// The hash of a password that belongs to no one in particular (a generated one, a test
/// fixture): the rule without the login.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let password = normalised(password);
    check_alone(&password)?;
    hash(&password)
}

fn hash(normalised: &str) -> Result<String, PasswordError> {
    Argon2::default().hash_password(normalised.as_bytes()).map(|h| h.to_string()).map_err(|_| PasswordError::Hash)
}

/// Whether `password` matches `phc`; a malformed hash matches nothing. A hash made before
/// passwords were normalised matches the text as typed.
pub fn verify_password(phc: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return false };
    let matches = |text: &str| Argon2::default().verify_password(text.as_bytes(), &parsed).is_ok();
    let nfc = normalised(password);
    matches(&nfc) || (nfc != password && matches(password))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login(text: &str) -> Login {
        Login::new(text).unwrap()
    }

    #[test]
    fn hashes_verify_and_are_salted() {
        let a = hash_password("mat-khau-rat-dai").unwrap();
        let b = hash_password("mat-khau-rat-dai").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(verify_password(&a, "mat-khau-rat-dai"));
        assert!(!verify_password(&a, "mat-khau-sai-roi"));
        assert!(!verify_password("garbage", "x"));
        assert_eq!(hash_password("short"), Err(PasswordError::TooShort));
    }

    #[test]
    fn the_probes_passwords_are_refused_with_their_reason() {
        let an = login("chv.nguyen");
        for (password, why) in [
            ("aaaaaaaaaa", PasswordError::Repetitive),
            ("1234567890", PasswordError::Common),
            ("          ", PasswordError::Blank),
            ("\t\t\t\t\t\t\t\t\t\t\t", PasswordError::Blank),
            ("1212121212", PasswordError::Repetitive),
            ("Password123", PasswordError::Common),
            ("QWERTYUIOP", PasswordError::Common),
            (" qwertyuiop ", PasswordError::Common),
            ("chv.nguyen-2025", PasswordError::ContainsLogin),
            ("CHV.NGUYEN!!", PasswordError::ContainsLogin),
            ("Nguyễn-Văn-An-75", PasswordError::ContainsLogin),
            ("ngắn", PasswordError::TooShort),
        ] {
            assert_eq!(check_new_password(password, &an), Err(why), "{password:?}");
        }
        assert_eq!(check_new_password(&"đ".repeat(257), &an), Err(PasswordError::TooLong));
        assert_eq!(check_new_password("Hoa sen nở giữa đầm", &an), Ok(()));
        assert_eq!(check_new_password("kv1-hoa-sen-no", &login("an.kv1")), Ok(()), "short login parts are ignored");
    }

    #[test]
    fn characters_are_counted_after_normalisation() {
        let an = login("thu.ky");
        let composed = "Đỗ Thị Hà!";
        let decomposed: String = composed.nfd().collect();
        assert_eq!(composed.chars().count(), 10);
        assert!(decomposed.chars().count() > 10);
        assert_eq!(check_new_password(&decomposed, &an), Ok(()));
        assert_eq!(check_new_password(&"ệ".nfd().collect::<String>().repeat(9), &an), Err(PasswordError::TooShort));
        let hash = hash_new_password(&decomposed, &an).unwrap();
        assert!(verify_password(&hash, composed), "the same password from either keyboard");
        assert!(verify_password(&hash, &decomposed));
    }

    #[test]
    fn a_hash_made_before_normalisation_still_matches() {
        let decomposed: String = "mật khẩu cũ của tôi".nfd().collect();
        let old = Argon2::default().hash_password(decomposed.as_bytes()).unwrap().to_string();
        assert!(verify_password(&old, &decomposed));
    }

    #[test]
    fn the_shipped_list_is_what_the_rule_compares_against() {
        assert_eq!(COMMON.lines().count(), 1557);
        for line in COMMON.lines() {
            assert_eq!(line, line.trim().to_lowercase(), "{line:?}");
            assert!(line.chars().count() >= MIN_CHARS, "{line:?}");
        }
    }
}
