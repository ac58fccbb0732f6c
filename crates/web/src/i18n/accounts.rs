//! The texts of signing in and of one's account.

use super::Texts;

/// `(key, Vietnamese, English)`, sorted by key (a test checks).
pub const TEXTS: Texts = &[
    ("current_password", "Mật khẩu hiện tại", "Current password"),
    ("login", "Tên đăng nhập", "Login"),
    ("new_password", "Mật khẩu mới (ít nhất 10 ký tự)", "New password (at least 10 characters)"),
    ("password", "Mật khẩu", "Password"),
    (
        "password_changed",
        "Đã đổi mật khẩu. Các phiên khác đã bị đăng xuất.",
        "Password changed. Other sessions were signed out.",
    ),
    ("sign_in", "Đăng nhập", "Sign in"),
];
