//! A case (việc): one enforcement decision (quyết định thi hành án, QĐ THA) and its facts.
//! What happens to it afterwards is its dated history (`event`), not fields of the case.

pub mod book;
pub mod changes;
pub mod details;
pub mod obligation;

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::amount::Vnd;
use crate::staff::StaffId;
use crate::state::Snapshot;
use crate::unit::UnitId;

pub use changes::FieldChange;
pub use details::{CaseDetails, DetailsError, Judgment, PartyId, Request};
pub use obligation::Obligation;

/// Database identity of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CaseId(pub i64);

/// The decision number, unique within a unit, e.g. `46/QĐ-THADS`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseNo(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// What is wrong with the decision number (which character, or its length).
    #[error("{0}")]
    Number(crate::field::FieldError),
    #[error("nguồn không hợp lệ / unknown origin «{0}» (chu_dong, theo_yeu_cau)")]
    Origin(String),
    #[error("loại bản án không hợp lệ / unknown judgment type «{0}»")]
    JudgmentType(String),
    #[error("nhóm việc không hợp lệ / unknown category «{0}» (tin_dung, ngan_sach, pham_nhan, tham_nhung)")]
    Category(String),
    #[error("giá trị cờ không hợp lệ / expected 1, 0 or empty, got «{0}»")]
    Flag(String),
}

impl CaseNo {
    /// NFC, trimmed, runs of spaces as one; anything invisible or controlling is refused, so
    /// that two numbers that look alike are the same number (`field::CASE_NO`).
    pub fn new(text: &str) -> Result<CaseNo, CaseError> {
        crate::field::CASE_NO.clean(text).map(CaseNo).map_err(CaseError::Number)
    }

    /// A number read back from a store, as it was written: a register may hold numbers written
    /// before the rule of `new` (any text of 1–64 characters without controls), and they must
    /// still be read, and found, as they are. Anything else is not a number THADS wrote.
    pub fn stored(text: &str) -> Result<CaseNo, CaseError> {
        let ok = !text.trim().is_empty() && text.chars().count() <= 64 && !text.chars().any(char::is_control);
        if ok { Ok(CaseNo(text.to_string())) } else { CaseNo::new(text) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CaseNo {
    type Error = CaseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        CaseNo::new(&value)
    }
}

impl From<CaseNo> for String {
    fn from(value: CaseNo) -> Self {
        value.0
    }
}

impl fmt::Display for CaseNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How the case was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Chủ động thi hành án (ex officio: fines, court fees, confiscation, state receipts…).
    ChuDong,
    /// Thi hành án theo yêu cầu (on a creditor's request).
    TheoYeuCau,
}

impl Origin {
    pub const ALL: [Origin; 2] = [Origin::ChuDong, Origin::TheoYeuCau];

    pub fn parse(text: &str) -> Result<Origin, CaseError> {
        match text.trim() {
            "chu_dong" => Ok(Origin::ChuDong),
            "theo_yeu_cau" => Ok(Origin::TheoYeuCau),
            other => Err(CaseError::Origin(other.to_string())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Origin::ChuDong => "chu_dong",
            Origin::TheoYeuCau => "theo_yeu_cau",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Origin::ChuDong => "Chủ động",
            Origin::TheoYeuCau => "Theo yêu cầu",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Origin::ChuDong => "Ex officio",
            Origin::TheoYeuCau => "On request",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The kind of judgment enforced (TT 10/2017 breakdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JudgmentType {
    DanSu,
    HinhSu,
    HanhChinh,
    HonNhanGiaDinh,
    KinhDoanhThuongMai,
    LaoDong,
    PhaSan,
    TrongTai,
    Khac,
}

impl JudgmentType {
    pub const ALL: [JudgmentType; 9] = [
        JudgmentType::DanSu,
        JudgmentType::HinhSu,
        JudgmentType::HanhChinh,
        JudgmentType::HonNhanGiaDinh,
        JudgmentType::KinhDoanhThuongMai,
        JudgmentType::LaoDong,
        JudgmentType::PhaSan,
        JudgmentType::TrongTai,
        JudgmentType::Khac,
    ];

    pub fn parse(text: &str) -> Result<JudgmentType, CaseError> {
        let t = text.trim();
        JudgmentType::ALL.into_iter().find(|j| j.code() == t).ok_or_else(|| CaseError::JudgmentType(t.to_string()))
    }

    pub fn code(self) -> &'static str {
        match self {
            JudgmentType::DanSu => "dan_su",
            JudgmentType::HinhSu => "hinh_su",
            JudgmentType::HanhChinh => "hanh_chinh",
            JudgmentType::HonNhanGiaDinh => "hon_nhan_gia_dinh",
            JudgmentType::KinhDoanhThuongMai => "kinh_doanh_thuong_mai",
            JudgmentType::LaoDong => "lao_dong",
            JudgmentType::PhaSan => "pha_san",
            JudgmentType::TrongTai => "trong_tai",
            JudgmentType::Khac => "khac",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            JudgmentType::DanSu => "Dân sự",
            JudgmentType::HinhSu => "Hình sự",
            JudgmentType::HanhChinh => "Hành chính",
            JudgmentType::HonNhanGiaDinh => "Hôn nhân và gia đình",
            JudgmentType::KinhDoanhThuongMai => "Kinh doanh, thương mại",
            JudgmentType::LaoDong => "Lao động",
            JudgmentType::PhaSan => "Phá sản",
            JudgmentType::TrongTai => "Trọng tài",
            JudgmentType::Khac => "Khác",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            JudgmentType::DanSu => "Civil",
            JudgmentType::HinhSu => "Criminal",
            JudgmentType::HanhChinh => "Administrative",
            JudgmentType::HonNhanGiaDinh => "Marriage and family",
            JudgmentType::KinhDoanhThuongMai => "Business and commerce",
            JudgmentType::LaoDong => "Labour",
            JudgmentType::PhaSan => "Bankruptcy",
            JudgmentType::TrongTai => "Arbitration",
            JudgmentType::Khac => "Other",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A reporting sub-series a case belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Creditor is a credit institution (tổ chức tín dụng, ngân hàng).
    TinDung,
    /// A state-budget receipt (án phí, tiền phạt, tịch thu…).
    NganSach,
    /// The debtor is serving a prison sentence (phạm nhân).
    PhamNhan,
    /// Asset recovery in corruption / economic crime cases (tham nhũng, kinh tế).
    ThamNhung,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::TinDung, Category::NganSach, Category::PhamNhan, Category::ThamNhung];

    pub fn parse(text: &str) -> Result<Category, CaseError> {
        let t = text.trim();
        Category::ALL.into_iter().find(|c| c.code() == t).ok_or_else(|| CaseError::Category(t.to_string()))
    }

    pub fn code(self) -> &'static str {
        match self {
            Category::TinDung => "tin_dung",
            Category::NganSach => "ngan_sach",
            Category::PhamNhan => "pham_nhan",
            Category::ThamNhung => "tham_nhung",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Category::TinDung => "Tổ chức tín dụng, ngân hàng",
            Category::NganSach => "Thu cho ngân sách nhà nước",
            Category::PhamNhan => "Người phải thi hành án là phạm nhân",
            Category::ThamNhung => "Thu hồi tài sản vụ án tham nhũng, kinh tế",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Category::TinDung => "Credit institutions, banks",
            Category::NganSach => "Owed to the state budget",
            Category::PhamNhan => "Debtor in prison",
            Category::ThamNhung => "Assets of corruption and economic cases",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The set of categories of a case (a small bit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Categories(u8);

impl Categories {
    pub fn empty() -> Categories {
        Categories(0)
    }

    /// Parses `tin_dung;ngan_sach` (empty text = no category).
    pub fn parse(text: &str) -> Result<Categories, CaseError> {
        let mut set = Categories(0);
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            set.insert(Category::parse(part)?);
        }
        Ok(set)
    }

    pub fn insert(&mut self, c: Category) {
        self.0 |= c.bit();
    }

    pub fn contains(self, c: Category) -> bool {
        self.0 & c.bit() != 0
    }

    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.contains(*c))
    }

    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn from_bits(bits: u8) -> Categories {
        Categories(bits & 0b1111)
    }

    /// `tin_dung;ngan_sach`, the file form.
    pub fn codes(self) -> String {
        self.iter().map(Category::code).collect::<Vec<_>>().join(";")
    }
}

/// Parses the `received_by_delegation` flag: `1`, `0` or empty.
pub fn parse_flag(text: &str) -> Result<bool, CaseError> {
    match text.trim() {
        "" | "0" => Ok(false),
        "1" => Ok(true),
        other => Err(CaseError::Flag(other.to_string())),
    }
}

/// The facts of an enforcement decision, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFacts {
    pub unit: UnitId,
    pub case_no: CaseNo,
    /// Ngày thụ lý: the date of the enforcement decision.
    pub accepted_on: Date,
    pub origin: Origin,
    /// Nhận ủy thác: the case came from another agency.
    pub received_by_delegation: bool,
    pub judgment_type: JudgmentType,
    pub categories: Categories,
    /// The money obligation to enforce; zero for a non-money case.
    pub amount: Vnd,
    /// Người phải thi hành án.
    pub debtor: String,
    /// Người được thi hành án.
    pub creditor: String,
    /// The assigned enforcement officer (Chấp hành viên).
    pub officer: Option<StaffId>,
}

/// The facts of a case that its history is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseBasis {
    pub accepted_on: Date,
    pub origin: Origin,
    pub amount: Vnd,
}

impl CaseFacts {
    /// What the state machine checks the history against.
    pub fn basis(&self) -> CaseBasis {
        CaseBasis { accepted_on: self.accepted_on, origin: self.origin, amount: self.amount }
    }

    /// Names and number folded for searching without diacritics.
    pub fn search_text(&self) -> String {
        crate::text::fold(&format!("{} {} {}", self.case_no, self.debtor, self.creditor))
    }
}

/// A stored case: its facts, identity, version (for optimistic concurrency) and its state
/// after the last event (derived from the history, kept with the case for lists and filters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    pub facts: CaseFacts,
    /// Incremented by every change to the case or its history.
    pub version: i64,
    pub current: Snapshot,
    pub last_event_on: Option<Date>,
    pub event_count: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_of_the_interchange_files() {
        assert_eq!(Origin::parse("theo_yeu_cau"), Ok(Origin::TheoYeuCau));
        assert!(Origin::parse("chủ động").is_err());
        assert_eq!(JudgmentType::parse("kinh_doanh_thuong_mai"), Ok(JudgmentType::KinhDoanhThuongMai));
        assert!(JudgmentType::parse("dan su").is_err());
        let c = Categories::parse("tin_dung; tham_nhung").unwrap();
        assert!(c.contains(Category::TinDung) && c.contains(Category::ThamNhung));
        assert!(!c.contains(Category::NganSach));
        assert_eq!(c.codes(), "tin_dung;tham_nhung");
        assert!(Categories::parse("ngan_hang").is_err());
        assert_eq!(Categories::parse("").unwrap(), Categories::empty());
        assert_eq!(parse_flag("1"), Ok(true));
        assert!(parse_flag("yes").is_err());
    }

    #[test]
    fn decision_numbers_are_bounded() {
        assert!(CaseNo::new("46/QĐ-THADS").is_ok());
        assert!(CaseNo::new("  ").is_err());
        assert!(CaseNo::new("a\nb").is_err());
        assert!(CaseNo::new(&"x".repeat(65)).is_err());
    }

    #[test]
    fn decision_numbers_that_look_alike_are_one_or_refused() {
        let plain = CaseNo::new("ZW-1/QĐ").unwrap();
        for hidden in ['\u{AD}', '\u{200B}', '\u{FEFF}', '\u{202E}', '\0'] {
            let e = CaseNo::new(&format!("ZW-1/{hidden}QĐ")).unwrap_err();
            assert!(e.to_string().contains(&format!("U+{:04X}", u32::from(hidden))), "{e}");
        }
        let decomposed: String = unicode_normalization::UnicodeNormalization::nfd("ZW-1/QĐ  ").collect();
        assert_eq!(CaseNo::new(&decomposed), Ok(plain.clone()));
        assert_eq!(CaseNo::new("ZW-1 /QĐ").unwrap().as_str(), "ZW-1 /QĐ");
        assert_eq!(CaseNo::new("ZW-1   /QĐ").unwrap().as_str(), "ZW-1 /QĐ", "runs of spaces show as one");
        let old = CaseNo::stored("ZW-1/Q\u{AD}Đ  x").unwrap();
        assert_eq!(old.as_str(), "ZW-1/Q\u{AD}Đ  x", "a number stored before the rule is read as it is");
        assert!(CaseNo::stored("a\nb").is_err() && CaseNo::stored(&"x".repeat(65)).is_err());
    }
}
