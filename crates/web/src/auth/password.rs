//! Password hashes: argon2id with its recommended parameters, as PHC strings.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};

/// Why a new password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("mật khẩu phải có ít nhất 10 ký tự / the password needs at least 10 characters")]
    TooShort,
    #[error("mật khẩu quá dài / the password is too long (at most 256 characters)")]
    TooLong,
    #[error("không tạo được mã băm mật khẩu / could not hash the password")]
    Hash,
}

pub fn check_new_password(password: &str) -> Result<(), PasswordError> {
    match password.chars().count() {
        n if n < 10 => Err(PasswordError::TooShort),
        n if n > 256 => Err(PasswordError::TooLong),
        _ => Ok(()),
    }
}

pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    check_new_password(password)?;
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|_| PasswordError::Hash)
}

/// Whether `password` matches `phc`; a malformed hash matches nothing.
pub fn verify_password(phc: &str, password: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
