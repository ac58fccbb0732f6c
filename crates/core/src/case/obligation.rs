//! What a case's money is owed for (its obligation: cấp dưỡng, tiền lương, bồi thường tính
//! mạng, án phí, khác), a fact of the case kept with its details; the ranks these have in the
//! order of payment are rule data in `money::obligation`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of obligation a case enforces, for the order of payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Obligation {
    /// Tiền cấp dưỡng (maintenance).
    CapDuong,
    /// Tiền lương, tiền công lao động, trợ cấp thôi việc, mất việc làm, mất sức lao động.
    TienLuong,
    /// Bồi thường thiệt hại về tính mạng, sức khỏe, tổn thất về tinh thần.
    BoiThuongTinhMang,
    /// Án phí, lệ phí Tòa án (court fees and charges).
    AnPhi,
    /// Các khoản phải thi hành án khác (everything else).
    #[default]
    Khac,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "loại nghĩa vụ không hợp lệ / unknown obligation «{0}» (cap_duong, tien_luong, boi_thuong_tinh_mang, an_phi, khac)"
)]
pub struct ObligationError(pub String);

impl Obligation {
    pub const ALL: [Obligation; 5] = [
        Obligation::CapDuong,
        Obligation::TienLuong,
        Obligation::BoiThuongTinhMang,
        Obligation::AnPhi,
        Obligation::Khac,
    ];

    /// The file and API code; empty text is the default (`khac`).
    pub fn parse(text: &str) -> Result<Obligation, ObligationError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(Obligation::default());
        }
        Obligation::ALL.into_iter().find(|o| o.code() == t).ok_or_else(|| ObligationError(t.to_string()))
    }

    pub fn code(self) -> &'static str {
        match self {
            Obligation::CapDuong => "cap_duong",
            Obligation::TienLuong => "tien_luong",
            Obligation::BoiThuongTinhMang => "boi_thuong_tinh_mang",
            Obligation::AnPhi => "an_phi",
            Obligation::Khac => "khac",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Obligation::CapDuong => "Tiền cấp dưỡng",
            Obligation::TienLuong => "Tiền lương, tiền công lao động, trợ cấp",
            Obligation::BoiThuongTinhMang => "Bồi thường thiệt hại về tính mạng, sức khỏe, tổn thất tinh thần",
            Obligation::AnPhi => "Án phí, lệ phí Tòa án",
            Obligation::Khac => "Khoản phải thi hành án khác",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Obligation::CapDuong => "Maintenance",
            Obligation::TienLuong => "Wages, labour pay and allowances",
            Obligation::BoiThuongTinhMang => "Compensation for life, health or mental damage",
            Obligation::AnPhi => "Court fees and charges",
            Obligation::Khac => "Other obligations",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Obligation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
