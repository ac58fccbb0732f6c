//! The time limits of complaints and denunciations as data, both regimes. Old-law values were
//! read in the consolidated text (Bộ pháp điển, topic "Thi hành án dân sự": Luật THADS 2008
//! as amended in 2014, NĐ 62/2015 as amended by NĐ 152/2024, TT 13/2021/TT-BTP). The limits of
//! Luật THADS 106/2025 were not retrieved (domain §6.3): the new-law rows carry the old values,
//! `Unconfirmed` and `must_verify`, until an administrator fills them in.
//!
//! Which regime applies is decided by the day the clock starts (the act for a limitation
//! period, the receipt for acceptance and referral, the acceptance for resolution).

use serde::{Deserialize, Serialize};

use super::kinds::{ComplaintKind, Level, Object};
use crate::confidence::Confidence;
use crate::deadlines::{Length, LimitSpec, Limits};
use crate::rules::LifecycleRules;

/// Which time limit of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "limit")]
pub enum LimitKind {
    /// Thời hiệu khiếu nại lần đầu, per object: from the day the decision was received or the
    /// act became known.
    Limitation { object: Object },
    /// Thời hiệu khiếu nại lần tiếp theo: from the day the first decision was received.
    NextLimitation,
    /// Thụ lý đơn khiếu nại: from the day the letter was received.
    Acceptance { level: Level },
    /// Giải quyết khiếu nại: from the day it was accepted. No row means no such level (a first
    /// decision on a protective measure is final).
    Resolution { object: Object, level: Level },
    /// Gia hạn giải quyết khiếu nại: the most it may be extended, from the day it was due.
    Extension,
    /// Thụ lý tố cáo.
    DenunciationAcceptance,
    /// Giải quyết tố cáo.
    DenunciationResolution,
    /// Gia hạn giải quyết tố cáo (vụ việc phức tạp).
    DenunciationExtension,
    /// Chuyển đơn or hướng dẫn when the letter is not within the agency's authority.
    Referral { kind: ComplaintKind },
}

/// The built-in limits of the complaints register.
pub fn default_limits() -> Limits<LimitKind> {
    let rows = old_specs().into_iter().flat_map(LimitSpec::old_and_unverified).collect();
    let new_law_from = LifecycleRules::default().new_law_from;
    Limits::new(new_law_from, rows).unwrap_or_else(|_| Limits::empty(new_law_from))
}

/// Old-law rows. Days are calendar days unless the law says working days.
fn old_specs() -> Vec<LimitSpec<LimitKind>> {
    use Confidence::*;
    use LimitKind as K;
    use Object::*;
    let spec = |id, kind, name_vi, length, citation, confidence, note| LimitSpec {
        id,
        kind,
        name_vi,
        length,
        citation,
        confidence,
        note,
    };
    let limitation = |id, object, length, point| {
        spec(id, K::Limitation { object }, "Thời hiệu khiếu nại", length, point, Confirmed, "")
    };
    let resolution = |id, object, level, length, clause| {
        spec(id, K::Resolution { object, level }, "Thời hạn giải quyết khiếu nại", length, clause, Confirmed, "")
    };
    vec![
        limitation(
            "limitation.truoc_bien_phap",
            TruocBienPhap,
            Length::days(15),
            "Luật THADS 2008 Điều 140 khoản 2 điểm a",
        ),
        limitation(
            "limitation.phong_toa_tai_khoan",
            PhongToaTaiKhoan,
            Length::working_days(3),
            "Luật THADS 2008 Điều 140 khoản 2 điểm b",
        ),
        limitation(
            "limitation.bao_dam_khac",
            BaoDamKhac,
            Length::days(10),
            "Luật THADS 2008 (sửa đổi 2014) Điều 140 khoản 2 điểm b đoạn 2",
        ),
        limitation("limitation.cuong_che", CuongChe, Length::days(30), "Luật THADS 2008 Điều 140 khoản 2 điểm c"),
        limitation(
            "limitation.sau_cuong_che",
            SauCuongChe,
            Length::days(30),
            "Luật THADS 2008 Điều 140 khoản 2 điểm d",
        ),
        spec(
            "limitation.next",
            K::NextLimitation,
            "Thời hiệu khiếu nại lần tiếp theo",
            Length::days(15),
            "Luật THADS 2008 Điều 140 khoản 2 (đoạn cuối)",
            Confirmed,
            "",
        ),
        spec(
            "acceptance.first",
            K::Acceptance { level: Level::First },
            "Thụ lý đơn khiếu nại lần đầu",
            Length::working_days(5),
            "Luật THADS 2008 Điều 148; TT 13/2021/TT-BTP Điều 9 khoản 1",
            Confirmed,
            "",
        ),
        spec(
            "acceptance.second",
            K::Acceptance { level: Level::Second },
            "Thụ lý đơn khiếu nại lần hai",
            Length::days(10),
            "TT 13/2021/TT-BTP Điều 9 khoản 1",
            Confirmed,
            "",
        ),
        resolution(
            "resolution.truoc_bien_phap.first",
            TruocBienPhap,
            Level::First,
            Length::days(15),
            "Luật THADS 2008 Điều 146 khoản 1",
        ),
        resolution(
            "resolution.truoc_bien_phap.second",
            TruocBienPhap,
            Level::Second,
            Length::days(30),
            "Luật THADS 2008 Điều 146 khoản 1",
        ),
        resolution(
            "resolution.phong_toa_tai_khoan.first",
            PhongToaTaiKhoan,
            Level::First,
            Length::working_days(5),
            "Luật THADS 2008 Điều 146 khoản 2; quyết định có hiệu lực thi hành: NĐ 62/2015 Điều 38 khoản 3",
        ),
        resolution(
            "resolution.bao_dam_khac.first",
            BaoDamKhac,
            Level::First,
            Length::working_days(5),
            "Luật THADS 2008 Điều 146 khoản 2 (điểm b khoản 2 Điều 140 gồm cả biện pháp bảo đảm khác); NĐ 62/2015 Điều 38 khoản 3",
        ),
        resolution(
            "resolution.cuong_che.first",
            CuongChe,
            Level::First,
            Length::days(30),
            "Luật THADS 2008 Điều 146 khoản 3",
        ),
        resolution(
            "resolution.cuong_che.second",
            CuongChe,
            Level::Second,
            Length::days(45),
            "Luật THADS 2008 Điều 146 khoản 3",
        ),
        resolution(
            "resolution.sau_cuong_che.first",
            SauCuongChe,
            Level::First,
            Length::days(15),
            "Luật THADS 2008 Điều 146 khoản 4",
        ),
        resolution(
            "resolution.sau_cuong_che.second",
            SauCuongChe,
            Level::Second,
            Length::days(30),
            "Luật THADS 2008 Điều 146 khoản 4",
        ),
        spec(
            "extension",
            K::Extension,
            "Gia hạn giải quyết khiếu nại (vùng sâu, vùng xa, phức tạp)",
            Length::days(30),
            "Luật THADS 2008 (sửa đổi 2014) Điều 146 khoản 3 đoạn 2 và khoản 5",
            Confirmed,
            "Tối đa, tính từ ngày hết thời hạn giải quyết / at most, counted from the day the limit ran out",
        ),
        spec(
            "denunciation.acceptance",
            K::DenunciationAcceptance,
            "Thụ lý tố cáo",
            Length::working_days(7),
            "TT 13/2021/TT-BTP Điều 16 khoản 1",
            Confirmed,
            "Có thể kéo dài đến 10 ngày làm việc nếu phải kiểm tra, xác minh / up to 10 working days when it must be \
             verified first",
        ),
        spec(
            "denunciation.resolution",
            K::DenunciationResolution,
            "Thời hạn giải quyết tố cáo",
            Length::days(60),
            "Luật THADS 2008 Điều 157 khoản 2; TT 13/2021/TT-BTP Điều 15 khoản 5",
            Confirmed,
            "",
        ),
        spec(
            "denunciation.extension",
            K::DenunciationExtension,
            "Gia hạn giải quyết tố cáo (vụ việc phức tạp)",
            Length::days(30),
            "Luật THADS 2008 Điều 157 khoản 2 (không quá 90 ngày kể từ ngày thụ lý)",
            Confirmed,
            "",
        ),
        spec(
            "referral.khieu_nai",
            K::Referral { kind: ComplaintKind::KhieuNai },
            "Chuyển đơn / hướng dẫn (khiếu nại không thuộc thẩm quyền)",
            Length::working_days(5),
            "NĐ 62/2015/NĐ-CP (sửa đổi NĐ 152/2024) Điều 38 khoản 1; TT 13/2021/TT-BTP Điều 8 khoản 2, 3",
            Confirmed,
            "Chuyển cơ quan THADS có thẩm quyền hoặc hướng dẫn, trả lời một lần; không phải 10 ngày của Luật Khiếu \
             nại 2011 / forward to the competent agency or guide once; not the 10 days of the general law",
        ),
        spec(
            "referral.to_cao",
            K::Referral { kind: ComplaintKind::ToCao },
            "Chuyển đơn tố cáo không thuộc thẩm quyền",
            Length::working_days(5),
            "TT 13/2021/TT-BTP Điều 16 khoản 2",
            Confirmed,
            "",
        ),
    ]
}
