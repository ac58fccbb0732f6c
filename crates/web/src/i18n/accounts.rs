//! The texts of signing in, of one's account and of the administration of users.

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
    ("user_access", "Khóa, mở khóa tài khoản", "Disable or enable the account"),
    ("user_active", "Đang hoạt động", "Active"),
    ("user_create", "Tạo tài khoản", "Create account"),
    ("user_created", "Đã tạo tài khoản.", "Account created."),
    ("user_disable", "Khóa tài khoản", "Disable account"),
    ("user_disabled", "Đã khóa", "Disabled"),
    (
        "user_disabled_done",
        "Đã khóa tài khoản; các phiên đăng nhập của người này đã kết thúc.",
        "Account disabled; their sessions were ended.",
    ),
    ("user_enable", "Mở khóa tài khoản", "Enable account"),
    ("user_enabled_done", "Đã mở khóa tài khoản.", "Account enabled."),
    ("user_new", "Tạo tài khoản", "New account"),
    (
        "user_password_done",
        "Đã đặt mật khẩu mới; các phiên đăng nhập của người này đã kết thúc.",
        "New password set; their sessions were ended.",
    ),
    ("user_repeat_password", "Nhập lại mật khẩu mới", "Repeat the new password"),
    ("user_reset_password", "Đặt mật khẩu mới", "Set a new password"),
    ("user_role_unit", "Vai trò và đơn vị", "Role and unit"),
    ("user_save", "Lưu", "Save"),
    ("user_saved", "Đã lưu vai trò và đơn vị.", "Role and unit saved."),
    ("users", "Người dùng", "Users"),
    (
        "users_more",
        "Chỉ hiện 300 người đầu; hãy lọc để thấy người khác.",
        "Only the first 300 people are shown; filter to see others.",
    ),
    ("users_search", "Tìm theo tên đăng nhập hoặc họ tên", "Search logins or names"),
];
