//! The templates shipped with THADS: every kind of document under both legal regimes, with the
//! citation and confidence of the articles each cites. The texts live in `templates/old` and
//! `templates/new`; an administrator's own versions replace them in the database.
//!
//! The wording follows the practice forms of the enforcement agencies (the annexes of
//! TT 04/2023/TT-BTP could not be read in full: wording is [I] at best); article numbers are
//! those of `domain.md` with its labels. Where the new law's article is not known, the template
//! cites the law and the decree without an article and the version says so.

use thads_core::confidence::Confidence;

use crate::template::TemplateErrors;
use crate::versions::{DocumentKind, NEW_LAW_FROM, OLD_LAW_FROM, TemplateSet, TemplateVersion};

const OLD_BASIS: &str = "Luật Thi hành án dân sự số 26/2008/QH12 (sửa đổi, bổ sung 2014, 2018, 2020, 2022); \
     Nghị định 62/2015/NĐ-CP (sửa đổi 33/2020, 152/2024); biểu mẫu nghiệp vụ theo Thông tư 04/2023/TT-BTP";
const NEW_BASIS: &str = "Luật Thi hành án dân sự số 106/2025/QH15; Nghị định 152/2026/NĐ-CP (hiệu lực 01/07/2026)";

/// One shipped template: its kind, text, citation and confidence, for one regime.
struct Builtin {
    kind: DocumentKind,
    text: &'static str,
    citation: &'static str,
    confidence: Confidence,
}

macro_rules! builtin {
    ($kind:ident, $dir:literal, $file:literal, $confidence:ident, $citation:literal) => {
        Builtin {
            kind: DocumentKind::$kind,
            text: include_str!(concat!("../templates/", $dir, "/", $file, ".tpl")),
            citation: $citation,
            confidence: Confidence::$confidence,
        }
    };
}

const OLD: &[Builtin] = &[
    builtin!(
        QdThiHanhAn,
        "old",
        "qd_thi_hanh_an",
        Inferred,
        "Đ23 k1, Đ36 k1 (theo yêu cầu) và k2 (chủ động) Luật 26/2008 [C, domain §3.2]; NĐ 62/2015 cited without article [I]; wording [I]"
    ),
    builtin!(
        QdChuaCoDieuKien,
        "old",
        "qd_chua_co_dieu_kien",
        Inferred,
        "Đ44a Luật 26/2008, Đ9 NĐ 62/2015 [C, domain §3.5]; wording [I]"
    ),
    builtin!(
        QdHoan,
        "old",
        "qd_hoan",
        Inferred,
        "Đ48 (k4: tiếp tục trong 05 ngày làm việc) Luật 26/2008 [C, domain §3.7]; wording [I]"
    ),
    builtin!(
        QdTamDinhChi,
        "old",
        "qd_tam_dinh_chi",
        Unconfirmed,
        "Đ49 Luật 26/2008 [U, domain §3.7: from memory]; wording [I]"
    ),
    builtin!(
        QdTiepTuc,
        "old",
        "qd_tiep_tuc",
        Inferred,
        "Đ23 k1 Luật 26/2008; the ground (Đ48 k4, Đ49, NĐ 62 Đ9 k4) is the field legal_ground [C, domain §3.5, §3.7]; wording [I]"
    ),
    builtin!(QdDinhChi, "old", "qd_dinh_chi", Inferred, "Đ50 Luật 26/2008 [C, domain §3.7]; wording [I]"),
    builtin!(QdUyThac, "old", "qd_uy_thac", Inferred, "Đ55, Đ56 Luật 26/2008 [C, domain §3.8]; wording [I]"),
    builtin!(
        ThongBao,
        "old",
        "thong_bao",
        Inferred,
        "Đ39 Luật 26/2008 (thông báo trong 03 ngày làm việc) [C, domain §3.3]; wording [I]"
    ),
    builtin!(
        GiayTrieuTap,
        "old",
        "giay_trieu_tap",
        Unconfirmed,
        "Đ20 Luật 26/2008 (quyền của Chấp hành viên) [U]; wording [I]"
    ),
    builtin!(
        BienBanXacMinh,
        "old",
        "bien_ban_xac_minh",
        Inferred,
        "Đ44 Luật 26/2008, Đ9 NĐ 62/2015 [C, domain §3.4]; wording [I]"
    ),
    builtin!(
        QdCuongCheKeBien,
        "old",
        "qd_cuong_che_ke_bien",
        Unconfirmed,
        "Đ71 Luật 26/2008 (biện pháp cưỡng chế) [C, domain §3.9]; Đ20 [U]; the articles on seizure itself not retrieved [U]; wording [I]"
    ),
    builtin!(
        ThongBaoKetQuaThamDinhGia,
        "old",
        "thong_bao_ket_qua_tham_dinh_gia",
        Inferred,
        "Đ98, Đ99 Luật 26/2008 (thẩm định giá lại trong 05 ngày làm việc) [C, domain §3.9]; wording [I]"
    ),
];

const NEW: &[Builtin] = &[
    builtin!(
        QdThiHanhAn,
        "new",
        "qd_thi_hanh_an",
        Inferred,
        "NĐ 152/2026 Đ8 (chủ động), Đ11 (theo yêu cầu), Đ12 (nội dung quyết định) [C, domain §3.2]; Luật 106/2025 cited without article [U]; wording [I]"
    ),
    builtin!(
        QdChuaCoDieuKien,
        "new",
        "qd_chua_co_dieu_kien",
        Inferred,
        "Luật 106/2025 Đ38 [C, domain §3.5, via NĐ 152 Đ22]; NĐ 152 Đ21–23 [C]; wording [I]"
    ),
    builtin!(
        QdHoan,
        "new",
        "qd_hoan",
        Unconfirmed,
        "Articles on postponement in Luật 106/2025 not retrieved (domain §3.7 'verify'): law and decree cited without article [U]"
    ),
    builtin!(
        QdTamDinhChi,
        "new",
        "qd_tam_dinh_chi",
        Unconfirmed,
        "Articles on suspension in Luật 106/2025 not retrieved: law and decree cited without article [U]"
    ),
    builtin!(
        QdTiepTuc,
        "new",
        "qd_tiep_tuc",
        Unconfirmed,
        "Law and decree cited without article; the ground (e.g. NĐ 152 Đ11 k4, Luật Đ38 k2) is the field legal_ground [U]"
    ),
    builtin!(
        QdDinhChi,
        "new",
        "qd_dinh_chi",
        Inferred,
        "Luật 106/2025 Đ48 [C, domain §3.7 via NĐ 152 Đ25 k1 b]; wording [I]"
    ),
    builtin!(QdUyThac, "new", "qd_uy_thac", Inferred, "Luật 106/2025 Đ49, NĐ 152 Đ26 [C, domain §3.8]; wording [I]"),
    builtin!(
        ThongBao,
        "new",
        "thong_bao",
        Inferred,
        "Luật 106/2025 Đ35 [I: NĐ 152 Đ19 cites its k4 for the channels]; NĐ 152 Đ15, Đ16 [C, domain §3.3]; wording [I]"
    ),
    builtin!(
        GiayTrieuTap,
        "new",
        "giay_trieu_tap",
        Unconfirmed,
        "Law and decree cited without article [U]; wording [I]"
    ),
    builtin!(
        BienBanXacMinh,
        "new",
        "bien_ban_xac_minh",
        Inferred,
        "NĐ 152 Đ21 [C, domain §3.4]; the law's article not retrieved [U]; wording [I]"
    ),
    builtin!(
        QdCuongCheKeBien,
        "new",
        "qd_cuong_che_ke_bien",
        Inferred,
        "NĐ 152 Đ42, Đ54 [C, domain §3.9]; wording [I]"
    ),
    builtin!(
        ThongBaoKetQuaThamDinhGia,
        "new",
        "thong_bao_ket_qua_tham_dinh_gia",
        Inferred,
        "NĐ 152 Đ60 (thông báo kết quả trong 03 ngày làm việc) [C, domain §3.9]; re-valuation period under the new law not retrieved [U]; wording [I]"
    ),
];

/// Every shipped version, checked (a broken shipped template is a test failure, not a panic).
/// The shipped set: here, beside the templates it holds, so that versions (which the shipped
/// templates are made of) reads nothing of them.
impl TemplateSet {
    /// The versions shipped with THADS, both legal regimes.
    pub fn builtin() -> Result<TemplateSet, TemplateErrors> {
        versions().map(TemplateSet::new)
    }
}

fn versions() -> Result<Vec<TemplateVersion>, TemplateErrors> {
    let old = OLD.iter().map(|b| (b, OLD_LAW_FROM, OLD_BASIS));
    let new = NEW.iter().map(|b| (b, NEW_LAW_FROM, NEW_BASIS));
    old.chain(new)
        .map(|(b, from, basis)| TemplateVersion::new(b.kind, from, basis, b.citation, b.confidence, b.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::document::RenderError;

    #[test]
    fn every_kind_has_one_shipped_version_per_regime() {
        for kind in DocumentKind::ALL {
            assert_eq!(OLD.iter().filter(|b| b.kind == kind).count(), 1, "{}", kind.code());
            assert_eq!(NEW.iter().filter(|b| b.kind == kind).count(), 1, "{}", kind.code());
        }
        assert!(versions().is_ok(), "{:?}", versions().err().map(|e| e.to_string()));
    }

    #[test]
    fn the_version_in_force_on_the_date_is_chosen() -> Result<(), String> {
        let set = TemplateSet::builtin().map_err(|e| e.to_string())?;
        for kind in DocumentKind::ALL {
            let old = set.version_for(kind, date!(2026 - 06 - 30)).map_err(|e| e.to_string())?;
            let new = set.version_for(kind, NEW_LAW_FROM).map_err(|e| e.to_string())?;
            assert_eq!((old.kind(), old.effective_from()), (kind, OLD_LAW_FROM));
            assert_eq!((new.kind(), new.effective_from()), (kind, NEW_LAW_FROM));
            assert!(old.legal_basis().contains("26/2008/QH12"), "{}", kind.code());
            assert!(new.legal_basis().contains("106/2025/QH15"), "{}", kind.code());
        }
        assert_eq!(
            set.version_for(DocumentKind::QdHoan, date!(2009 - 06 - 30)).err(),
            Some(RenderError::NoVersion { kind: "qd_hoan".into(), date: "30/06/2009".into() })
        );
        Ok(())
    }
}
