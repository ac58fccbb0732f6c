//! Legal ranks (ngạch, hạng) of the people of an enforcement agency (domain §5.3), by the codes
//! of the CSV and the JSON of the contract, and the groups agencies publish their staffing in.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A legal rank. `Khac` holds everyone else (accountants, drivers, …); the title says more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    /// Chấp hành viên sơ cấp.
    ChvSoCap,
    /// Chấp hành viên trung cấp.
    ChvTrungCap,
    /// Chấp hành viên cao cấp.
    ChvCaoCap,
    /// Thẩm tra viên.
    ThamTraVien,
    /// Thẩm tra viên chính.
    ThamTraVienChinh,
    /// Thẩm tra viên cao cấp.
    ThamTraVienCaoCap,
    /// Thư ký thi hành án.
    ThuKy,
    /// Thư ký trung cấp thi hành án.
    ThuKyTrungCap,
    /// Chuyên viên.
    ChuyenVien,
    /// Khác.
    Khac,
}

/// The groups a staffing figure is published in: "90 Chấp hành viên, 15 Thẩm tra viên, 50 Thư
/// ký, 19 Chuyên viên".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankGroup {
    ChapHanhVien,
    ThamTraVien,
    ThuKy,
    ChuyenVien,
    Khac,
}

impl Rank {
    pub const ALL: [Rank; 10] = [
        Rank::ChvSoCap,
        Rank::ChvTrungCap,
        Rank::ChvCaoCap,
        Rank::ThamTraVien,
        Rank::ThamTraVienChinh,
        Rank::ThamTraVienCaoCap,
        Rank::ThuKy,
        Rank::ThuKyTrungCap,
        Rank::ChuyenVien,
        Rank::Khac,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rank::ChvSoCap => "chv_so_cap",
            Rank::ChvTrungCap => "chv_trung_cap",
            Rank::ChvCaoCap => "chv_cao_cap",
            Rank::ThamTraVien => "tham_tra_vien",
            Rank::ThamTraVienChinh => "tham_tra_vien_chinh",
            Rank::ThamTraVienCaoCap => "tham_tra_vien_cao_cap",
            Rank::ThuKy => "thu_ky",
            Rank::ThuKyTrungCap => "thu_ky_trung_cap",
            Rank::ChuyenVien => "chuyen_vien",
            Rank::Khac => "khac",
        }
    }

    /// The rank of a code (exactly as the contract writes it, surrounding spaces aside).
    pub fn parse(code: &str) -> Result<Rank, UnknownRank> {
        let t = code.trim();
        Rank::ALL.into_iter().find(|r| r.code() == t).ok_or_else(|| UnknownRank(t.chars().take(40).collect()))
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Rank::ChvSoCap => "Chấp hành viên sơ cấp",
            Rank::ChvTrungCap => "Chấp hành viên trung cấp",
            Rank::ChvCaoCap => "Chấp hành viên cao cấp",
            Rank::ThamTraVien => "Thẩm tra viên",
            Rank::ThamTraVienChinh => "Thẩm tra viên chính",
            Rank::ThamTraVienCaoCap => "Thẩm tra viên cao cấp",
            Rank::ThuKy => "Thư ký thi hành án",
            Rank::ThuKyTrungCap => "Thư ký trung cấp thi hành án",
            Rank::ChuyenVien => "Chuyên viên",
            Rank::Khac => "Khác",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Rank::ChvSoCap => "Enforcement officer, junior",
            Rank::ChvTrungCap => "Enforcement officer, intermediate",
            Rank::ChvCaoCap => "Enforcement officer, senior",
            Rank::ThamTraVien => "Examiner",
            Rank::ThamTraVienChinh => "Principal examiner",
            Rank::ThamTraVienCaoCap => "Senior examiner",
            Rank::ThuKy => "Enforcement clerk",
            Rank::ThuKyTrungCap => "Intermediate enforcement clerk",
            Rank::ChuyenVien => "Specialist",
            Rank::Khac => "Other",
        }
    }

    pub fn group(self) -> RankGroup {
        match self {
            Rank::ChvSoCap | Rank::ChvTrungCap | Rank::ChvCaoCap => RankGroup::ChapHanhVien,
            Rank::ThamTraVien | Rank::ThamTraVienChinh | Rank::ThamTraVienCaoCap => RankGroup::ThamTraVien,
            Rank::ThuKy | Rank::ThuKyTrungCap => RankGroup::ThuKy,
            Rank::ChuyenVien => RankGroup::ChuyenVien,
            Rank::Khac => RankGroup::Khac,
        }
    }
}

impl RankGroup {
    pub const ALL: [RankGroup; 5] =
        [RankGroup::ChapHanhVien, RankGroup::ThamTraVien, RankGroup::ThuKy, RankGroup::ChuyenVien, RankGroup::Khac];

    pub fn label_vi(self) -> &'static str {
        match self {
            RankGroup::ChapHanhVien => "Chấp hành viên",
            RankGroup::ThamTraVien => "Thẩm tra viên",
            RankGroup::ThuKy => "Thư ký",
            RankGroup::ChuyenVien => "Chuyên viên",
            RankGroup::Khac => "khác",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            RankGroup::ChapHanhVien => "enforcement officers",
            RankGroup::ThamTraVien => "examiners",
            RankGroup::ThuKy => "clerks",
            RankGroup::ChuyenVien => "specialists",
            RankGroup::Khac => "others",
        }
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A rank code that is none of the contract's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "ngạch không hợp lệ «{0}» / unknown rank (chv_so_cap, chv_trung_cap, chv_cao_cap, tham_tra_vien, \
     tham_tra_vien_chinh, tham_tra_vien_cao_cap, thu_ky, thu_ky_trung_cap, chuyen_vien, khac)"
)]
pub struct UnknownRank(pub String);
