//! People of a unit: enforcement officers (Chấp hành viên), clerks, accountants, heads,
//! statisticians, inspectors. A staff member may or may not have a login.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::unit::UnitId;

/// Database identity of a staff member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct StaffId(pub i64);

/// A login or staff code: 1–64 characters, letters, digits, `.`, `_`, `-`, `@`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Login(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaffError {
    #[error("tên đăng nhập không hợp lệ / invalid login «{0}» (letters, digits, . _ - @; at most 64)")]
    Login(String),
    #[error(
        "vai trò không hợp lệ / unknown role «{0}» (admin, head, officer, clerk, accountant, statistician, inspector)"
    )]
    Role(String),
}

impl Login {
    pub fn new(text: &str) -> Result<Login, StaffError> {
        let t = text.trim();
        let ok = !t.is_empty()
            && t.len() <= crate::field::LOGIN.max_chars
            && t.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'@'));
        if ok { Ok(Login(t.to_ascii_lowercase())) } else { Err(StaffError::Login(t.to_string())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Login {
    type Error = StaffError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Login::new(&value)
    }
}

impl From<Login> for String {
    fn from(value: Login) -> Self {
        value.0
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a person does (interchange §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    /// Thủ trưởng / trưởng phòng.
    Head,
    /// Chấp hành viên.
    Officer,
    /// Thư ký thi hành án.
    Clerk,
    /// Kế toán nghiệp vụ.
    Accountant,
    /// Thống kê.
    Statistician,
    /// Read-only inspection (kiểm tra).
    Inspector,
}

impl Role {
    pub const ALL: [Role; 7] =
        [Role::Admin, Role::Head, Role::Officer, Role::Clerk, Role::Accountant, Role::Statistician, Role::Inspector];

    pub fn parse(text: &str) -> Result<Role, StaffError> {
        let t = text.trim();
        Role::ALL.into_iter().find(|r| r.code() == t).ok_or_else(|| StaffError::Role(t.to_string()))
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Head => "head",
            Role::Officer => "officer",
            Role::Clerk => "clerk",
            Role::Accountant => "accountant",
            Role::Statistician => "statistician",
            Role::Inspector => "inspector",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị",
            Role::Head => "Thủ trưởng / Trưởng phòng",
            Role::Officer => "Chấp hành viên",
            Role::Clerk => "Thư ký",
            Role::Accountant => "Kế toán",
            Role::Statistician => "Thống kê",
            Role::Inspector => "Kiểm tra",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A person of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: StaffId,
    pub unit: UnitId,
    pub login: Login,
    pub full_name: String,
    pub role: Role,
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_lower_case_and_checked() {
        assert_eq!(Login::new(" CHV.Nguyen ").unwrap().as_str(), "chv.nguyen");
        assert!(Login::new("nguyễn").is_err());
        assert!(Login::new("").is_err());
        assert_eq!(Role::parse("officer"), Ok(Role::Officer));
        assert!(Role::parse("boss").is_err());
    }
}
