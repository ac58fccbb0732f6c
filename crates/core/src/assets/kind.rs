//! The closed lists of the asset chain, with their stable codes (interchange, API, storage):
//! kinds of asset, methods of valuation, reasons an auction fails, who decided a reduction.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Database identity of a seized asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AssetId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error(
        "loại tài sản không hợp lệ / unknown asset kind «{0}» (dat_nha, phuong_tien, tai_khoan, co_phan, vang, tai_san_so, dong_san)"
    )]
    Kind(String),
    #[error("cách xác định giá không hợp lệ / unknown valuation method «{0}» (agreed, appraiser, council, officer)")]
    Method(String),
    #[error(
        "lý do đấu giá không thành không hợp lệ / unknown reason «{0}» (khong_dang_ky, khong_tra_gia, tu_choi_mua, khong_thanh_toan)"
    )]
    Reason(String),
    #[error("người quyết định giảm giá không hợp lệ / unknown «{0}» (parties, officer)")]
    DecidedBy(String),
}

/// Defines a code list: the enum's `ALL`, `code`, `parse` and `Display`.
macro_rules! codes {
    ($name:ident, $error:ident, [$($variant:ident => $code:literal),+ $(,)?]) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(text: &str) -> Result<$name, CodeError> {
                let t = text.trim();
                $name::ALL.iter().copied().find(|v| v.code() == t).ok_or_else(|| CodeError::$error(t.to_string()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// What was seized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// Quyền sử dụng đất, nhà ở và tài sản gắn liền với đất.
    DatNha,
    /// Phương tiện (xe, tàu, thuyền).
    PhuongTien,
    /// Tiền trong tài khoản.
    TaiKhoan,
    /// Cổ phần, chứng khoán, phần vốn góp.
    CoPhan,
    /// Vàng.
    Vang,
    /// Tài sản số.
    TaiSanSo,
    /// Động sản khác.
    DongSan,
}

codes!(AssetKind, Kind, [
    DatNha => "dat_nha",
    PhuongTien => "phuong_tien",
    TaiKhoan => "tai_khoan",
    CoPhan => "co_phan",
    Vang => "vang",
    TaiSanSo => "tai_san_so",
    DongSan => "dong_san",
]);

impl AssetKind {
    /// Bất động sản: its auction may take 45 days from the contract instead of 30.
    pub fn is_real_estate(self) -> bool {
        self == AssetKind::DatNha
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            AssetKind::DatNha => "Quyền sử dụng đất, nhà ở",
            AssetKind::PhuongTien => "Phương tiện",
            AssetKind::TaiKhoan => "Tiền trong tài khoản",
            AssetKind::CoPhan => "Cổ phần, chứng khoán",
            AssetKind::Vang => "Vàng",
            AssetKind::TaiSanSo => "Tài sản số",
            AssetKind::DongSan => "Động sản khác",
        }
    }
}

/// How the price of a seized asset was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValuationMethod {
    /// Đương sự thỏa thuận về giá.
    Agreed,
    /// Tổ chức thẩm định giá (hợp đồng dịch vụ).
    Appraiser,
    /// Hội đồng xác định giá (from 01/07/2026).
    Council,
    /// Chấp hành viên xác định giá (Luật THADS 26/2008 Điều 98 khoản 3).
    Officer,
}

codes!(ValuationMethod, Method, [
    Agreed => "agreed",
    Appraiser => "appraiser",
    Council => "council",
    Officer => "officer",
]);

/// Why an auction failed (đấu giá không thành).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureReason {
    /// Không có người đăng ký tham gia.
    KhongDangKy,
    /// Không có người trả giá.
    KhongTraGia,
    /// Người trúng đấu giá từ chối mua.
    TuChoiMua,
    /// Người mua không nộp đủ tiền trong thời hạn.
    KhongThanhToan,
}

codes!(FailureReason, Reason, [
    KhongDangKy => "khong_dang_ky",
    KhongTraGia => "khong_tra_gia",
    TuChoiMua => "tu_choi_mua",
    KhongThanhToan => "khong_thanh_toan",
]);

impl FailureReason {
    /// The winner loses the deposit (tiền đặt trước): NĐ 152/2026 Điều 65 khoản 5; NĐ 62/2015
    /// Điều 27 khoản 5.
    pub fn forfeits_deposit(self) -> bool {
        matches!(self, FailureReason::TuChoiMua | FailureReason::KhongThanhToan)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            FailureReason::KhongDangKy => "Không có người đăng ký tham gia đấu giá",
            FailureReason::KhongTraGia => "Không có người trả giá",
            FailureReason::TuChoiMua => "Người trúng đấu giá từ chối mua",
            FailureReason::KhongThanhToan => "Người mua không nộp đủ tiền (mất tiền đặt trước)",
        }
    }
}

/// Who decided a price reduction (Luật THADS 26/2008 Điều 104 khoản 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// Đương sự thỏa thuận mức giảm giá.
    Parties,
    /// Chấp hành viên quyết định giảm giá.
    Officer,
}

codes!(DecidedBy, DecidedBy, [
    Parties => "parties",
    Officer => "officer",
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in AssetKind::ALL {
            assert_eq!(AssetKind::parse(k.code()), Ok(*k));
        }
        for m in ValuationMethod::ALL {
            assert_eq!(ValuationMethod::parse(m.code()), Ok(*m));
        }
        for r in FailureReason::ALL {
            assert_eq!(FailureReason::parse(r.code()), Ok(*r));
        }
        assert_eq!(DecidedBy::parse(" officer "), Ok(DecidedBy::Officer));
        assert!(AssetKind::parse("nha_dat").is_err() && FailureReason::parse("").is_err());
        assert!(FailureReason::KhongThanhToan.forfeits_deposit() && !FailureReason::KhongDangKy.forfeits_deposit());
        assert!(AssetKind::DatNha.is_real_estate() && !AssetKind::Vang.is_real_estate());
    }
}
