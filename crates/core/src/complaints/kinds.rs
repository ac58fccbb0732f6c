//! The words of the complaints register: kinds of letters, how they arrive, what a complaint is
//! about (the objects of Luật THADS 2008 Điều 140 khoản 2), its level, and the outcomes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Database identity of a complaint or denunciation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ComplaintId(pub i64);

/// Why a code of the register is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("mã không hợp lệ / unknown {what} «{given}» (expected one of: {expected})")]
pub struct CodeError {
    pub what: &'static str,
    pub given: String,
    pub expected: &'static str,
}

/// Parses `text` as one of `all` by its code.
fn parse_code<T: Copy>(
    text: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    what: &'static str,
    expected: &'static str,
) -> Result<T, CodeError> {
    let t = text.trim();
    all.iter().copied().find(|x| code(*x) == t).ok_or_else(|| CodeError { what, given: t.to_string(), expected })
}

/// Khiếu nại or tố cáo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintKind {
    /// Khiếu nại: a party contests a decision or act of a head or an officer (Điều 140).
    KhieuNai,
    /// Tố cáo: anyone reports a breach of the law by a person of the agency (Điều 154).
    ToCao,
}

impl ComplaintKind {
    pub const ALL: [ComplaintKind; 2] = [ComplaintKind::KhieuNai, ComplaintKind::ToCao];

    pub fn parse(text: &str) -> Result<ComplaintKind, CodeError> {
        parse_code(text, &Self::ALL, Self::code, "kind", "khieu_nai, to_cao")
    }

    pub fn code(self) -> &'static str {
        match self {
            ComplaintKind::KhieuNai => "khieu_nai",
            ComplaintKind::ToCao => "to_cao",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            ComplaintKind::KhieuNai => "Khiếu nại",
            ComplaintKind::ToCao => "Tố cáo",
        }
    }
}

/// How a letter reached the agency (TT 13/2021/TT-BTP Điều 5 khoản 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Nộp trực tiếp, trình bày trực tiếp (minuted), at the reception place.
    TrucTiep,
    /// Qua dịch vụ bưu chính.
    BuuChinh,
    /// Cổng Dịch vụ công, cổng thông tin, phần mềm trực tuyến.
    TrucTuyen,
    /// Chuyển đến by another body (Đảng, Nhà nước, đại biểu, báo chí…).
    ChuyenDen,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::TrucTiep, Channel::BuuChinh, Channel::TrucTuyen, Channel::ChuyenDen];

    pub fn parse(text: &str) -> Result<Channel, CodeError> {
        parse_code(text, &Self::ALL, Self::code, "channel", "truc_tiep, buu_chinh, truc_tuyen, chuyen_den")
    }

    pub fn code(self) -> &'static str {
        match self {
            Channel::TrucTiep => "truc_tiep",
            Channel::BuuChinh => "buu_chinh",
            Channel::TrucTuyen => "truc_tuyen",
            Channel::ChuyenDen => "chuyen_den",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Channel::TrucTiep => "Trực tiếp",
            Channel::BuuChinh => "Bưu chính",
            Channel::TrucTuyen => "Trực tuyến",
            Channel::ChuyenDen => "Cơ quan khác chuyển đến",
        }
    }
}

/// What a complaint is about: the decision or act complained of, by the stage of enforcement
/// (Luật THADS 2008 Điều 140 khoản 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    /// Điểm a: before any protective or coercive measure.
    TruocBienPhap,
    /// Điểm b: a decision to freeze an account (phong tỏa tài khoản).
    PhongToaTaiKhoan,
    /// Điểm b, second paragraph: another protective measure (tạm giữ, tạm dừng đăng ký…).
    BaoDamKhac,
    /// Điểm c: a coercive measure (cưỡng chế).
    CuongChe,
    /// Điểm d: after coercion.
    SauCuongChe,
}

impl Object {
    pub const ALL: [Object; 5] =
        [Object::TruocBienPhap, Object::PhongToaTaiKhoan, Object::BaoDamKhac, Object::CuongChe, Object::SauCuongChe];

    pub fn parse(text: &str) -> Result<Object, CodeError> {
        parse_code(
            text,
            &Self::ALL,
            Self::code,
            "object",
            "truoc_bien_phap, phong_toa_tai_khoan, bao_dam_khac, cuong_che, sau_cuong_che",
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            Object::TruocBienPhap => "truoc_bien_phap",
            Object::PhongToaTaiKhoan => "phong_toa_tai_khoan",
            Object::BaoDamKhac => "bao_dam_khac",
            Object::CuongChe => "cuong_che",
            Object::SauCuongChe => "sau_cuong_che",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Object::TruocBienPhap => "Quyết định, hành vi trước khi áp dụng biện pháp bảo đảm, cưỡng chế",
            Object::PhongToaTaiKhoan => "Quyết định phong tỏa tài khoản",
            Object::BaoDamKhac => "Quyết định, hành vi áp dụng biện pháp bảo đảm khác",
            Object::CuongChe => "Quyết định, hành vi áp dụng biện pháp cưỡng chế",
            Object::SauCuongChe => "Quyết định, hành vi sau khi áp dụng biện pháp cưỡng chế",
        }
    }
}

/// Lần đầu or lần hai: the first complaint, or the complaint against the first decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    First,
    Second,
}

impl Level {
    pub const ALL: [Level; 2] = [Level::First, Level::Second];

    pub fn parse(text: &str) -> Result<Level, CodeError> {
        parse_code(text, &Self::ALL, Self::code, "level", "lan_dau, lan_hai")
    }

    pub fn code(self) -> &'static str {
        match self {
            Level::First => "lan_dau",
            Level::Second => "lan_hai",
        }
    }
}

/// What a letter is, as far as time limits and authority go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Matter {
    KhieuNai {
        object: Object,
        level: Level,
    },
    /// A denunciation; `level` Second is a repeated denunciation to the superior (tố cáo tiếp).
    ToCao {
        level: Level,
    },
}

impl Matter {
    pub fn kind(self) -> ComplaintKind {
        match self {
            Matter::KhieuNai { .. } => ComplaintKind::KhieuNai,
            Matter::ToCao { .. } => ComplaintKind::ToCao,
        }
    }

    pub fn level(self) -> Level {
        match self {
            Matter::KhieuNai { level, .. } | Matter::ToCao { level } => level,
        }
    }
}

/// How a complaint or denunciation ended (Luật THADS 2008 Điều 151 khoản 6; withdrawal:
/// Điều 143 khoản 1 điểm g, TT 13/2021/TT-BTP Điều 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Khiếu nại (tố cáo) đúng.
    Dung,
    /// Đúng một phần.
    DungMotPhan,
    /// Sai (toàn bộ).
    Sai,
    /// Rút: the complainant withdrew; resolution stops (đình chỉ giải quyết).
    Rut,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Dung, Outcome::DungMotPhan, Outcome::Sai, Outcome::Rut];

    pub fn parse(text: &str) -> Result<Outcome, CodeError> {
        parse_code(text, &Self::ALL, Self::code, "outcome", "dung, dung_mot_phan, sai, rut")
    }

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Dung => "dung",
            Outcome::DungMotPhan => "dung_mot_phan",
            Outcome::Sai => "sai",
            Outcome::Rut => "rut",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Outcome::Dung => "Đúng",
            Outcome::DungMotPhan => "Đúng một phần",
            Outcome::Sai => "Sai",
            Outcome::Rut => "Rút đơn",
        }
    }
}

/// How a letter not within the agency's authority left it (TT 13/2021/TT-BTP Điều 8 khoản 2–3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralKind {
    /// Chuyển đơn to the body that has authority.
    ChuyenDon,
    /// Hướng dẫn: the complainant is told, once, where to send it.
    HuongDan,
}

impl ReferralKind {
    pub const ALL: [ReferralKind; 2] = [ReferralKind::ChuyenDon, ReferralKind::HuongDan];

    pub fn parse(text: &str) -> Result<ReferralKind, CodeError> {
        parse_code(text, &Self::ALL, Self::code, "referral", "chuyen_don, huong_dan")
    }

    pub fn code(self) -> &'static str {
        match self {
            ReferralKind::ChuyenDon => "chuyen_don",
            ReferralKind::HuongDan => "huong_dan",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            ReferralKind::ChuyenDon => "Chuyển đơn",
            ReferralKind::HuongDan => "Hướng dẫn",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_strangers_are_named() {
        for k in ComplaintKind::ALL {
            assert_eq!(ComplaintKind::parse(k.code()), Ok(k));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.code()), Ok(c));
        }
        for o in Object::ALL {
            assert_eq!(Object::parse(o.code()), Ok(o));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.code()), Ok(o));
        }
        for l in Level::ALL {
            assert_eq!(Level::parse(l.code()), Ok(l));
        }
        for r in ReferralKind::ALL {
            assert_eq!(ReferralKind::parse(r.code()), Ok(r));
        }
        assert!(ReferralKind::parse("chuyen").is_err());
        let err = Outcome::parse("đúng").unwrap_err();
        assert_eq!((err.what, err.given.as_str()), ("outcome", "đúng"));
        assert!(err.to_string().contains("dung, dung_mot_phan, sai, rut"));
        assert!(ComplaintKind::parse("khieu nai").is_err());
    }
}
