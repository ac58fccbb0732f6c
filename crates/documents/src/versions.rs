//! Template versions: each kind of document has versions in force from a date, under a legal
//! basis, with the citation and confidence of the articles they cite (unsure articles are data
//! with their confidence, never silent constants). A document takes the version in force on
//! its own date.

use thads_core::confidence::Confidence;
use time::Date;
use time::macros::date;

use crate::document::RenderError;
use crate::template::{Template, TemplateErrors};

/// The day Luật THADS 26/2008/QH12 took effect: the first day the old forms can apply.
pub const OLD_LAW_FROM: Date = date!(2009 - 07 - 01);
/// The day Luật THADS 106/2025/QH15 and NĐ 152/2026/NĐ-CP take effect [C].
pub const NEW_LAW_FROM: Date = date!(2026 - 07 - 01);

/// The kinds of document a case produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// Quyết định thi hành án (chủ động, or theo yêu cầu when the request's date is given).
    QdThiHanhAn,
    /// Quyết định về việc chưa có điều kiện thi hành án.
    QdChuaCoDieuKien,
    /// Quyết định hoãn thi hành án.
    QdHoan,
    /// Quyết định tạm đình chỉ thi hành án.
    QdTamDinhChi,
    /// Quyết định tiếp tục thi hành án.
    QdTiepTuc,
    /// Quyết định đình chỉ thi hành án.
    QdDinhChi,
    /// Quyết định ủy thác thi hành án.
    QdUyThac,
    /// Thông báo thi hành án to a party.
    ThongBao,
    /// Giấy triệu tập.
    GiayTrieuTap,
    /// Biên bản xác minh điều kiện thi hành án.
    BienBanXacMinh,
    /// Quyết định cưỡng chế kê biên tài sản.
    QdCuongCheKeBien,
    /// Thông báo kết quả thẩm định giá tài sản.
    ThongBaoKetQuaThamDinhGia,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 12] = [
        DocumentKind::QdThiHanhAn,
        DocumentKind::QdChuaCoDieuKien,
        DocumentKind::QdHoan,
        DocumentKind::QdTamDinhChi,
        DocumentKind::QdTiepTuc,
        DocumentKind::QdDinhChi,
        DocumentKind::QdUyThac,
        DocumentKind::ThongBao,
        DocumentKind::GiayTrieuTap,
        DocumentKind::BienBanXacMinh,
        DocumentKind::QdCuongCheKeBien,
        DocumentKind::ThongBaoKetQuaThamDinhGia,
    ];

    /// The code used in the CLI, the API and the database (`qd_thi_hanh_an`).
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::QdThiHanhAn => "qd_thi_hanh_an",
            DocumentKind::QdChuaCoDieuKien => "qd_chua_co_dieu_kien",
            DocumentKind::QdHoan => "qd_hoan",
            DocumentKind::QdTamDinhChi => "qd_tam_dinh_chi",
            DocumentKind::QdTiepTuc => "qd_tiep_tuc",
            DocumentKind::QdDinhChi => "qd_dinh_chi",
            DocumentKind::QdUyThac => "qd_uy_thac",
            DocumentKind::ThongBao => "thong_bao",
            DocumentKind::GiayTrieuTap => "giay_trieu_tap",
            DocumentKind::BienBanXacMinh => "bien_ban_xac_minh",
            DocumentKind::QdCuongCheKeBien => "qd_cuong_che_ke_bien",
            DocumentKind::ThongBaoKetQuaThamDinhGia => "thong_bao_ket_qua_tham_dinh_gia",
        }
    }

    pub fn from_code(code: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The document's name in Vietnamese.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::QdThiHanhAn => "Quyết định thi hành án",
            DocumentKind::QdChuaCoDieuKien => "Quyết định về việc chưa có điều kiện thi hành án",
            DocumentKind::QdHoan => "Quyết định hoãn thi hành án",
            DocumentKind::QdTamDinhChi => "Quyết định tạm đình chỉ thi hành án",
            DocumentKind::QdTiepTuc => "Quyết định tiếp tục thi hành án",
            DocumentKind::QdDinhChi => "Quyết định đình chỉ thi hành án",
            DocumentKind::QdUyThac => "Quyết định ủy thác thi hành án",
            DocumentKind::ThongBao => "Thông báo thi hành án",
            DocumentKind::GiayTrieuTap => "Giấy triệu tập",
            DocumentKind::BienBanXacMinh => "Biên bản xác minh điều kiện thi hành án",
            DocumentKind::QdCuongCheKeBien => "Quyết định cưỡng chế kê biên tài sản",
            DocumentKind::ThongBaoKetQuaThamDinhGia => "Thông báo kết quả thẩm định giá",
        }
    }
}

/// One version of a kind's template: in force from a date, under a legal basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateVersion {
    kind: DocumentKind,
    effective_from: Date,
    legal_basis: String,
    citation: String,
    confidence: Confidence,
    text: String,
    template: Template,
}

impl TemplateVersion {
    /// A version from its text, checked: a template with any problem is refused.
    pub fn new(
        kind: DocumentKind,
        effective_from: Date,
        legal_basis: &str,
        citation: &str,
        confidence: Confidence,
        text: &str,
    ) -> Result<TemplateVersion, TemplateErrors> {
        let template = Template::parse(text)?;
        Ok(TemplateVersion {
            kind,
            effective_from,
            legal_basis: legal_basis.to_string(),
            citation: citation.to_string(),
            confidence,
            text: text.to_string(),
            template,
        })
    }

    pub fn kind(&self) -> DocumentKind {
        self.kind
    }
    pub fn effective_from(&self) -> Date {
        self.effective_from
    }
    /// The law and decree the version follows ("Luật THADS 26/2008/QH12 …").
    pub fn legal_basis(&self) -> &str {
        &self.legal_basis
    }
    /// Where the articles it cites come from, and what is unsure about them.
    pub fn citation(&self) -> &str {
        &self.citation
    }
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }
    /// The template's text as the administrator wrote it.
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn template(&self) -> &Template {
        &self.template
    }
}

/// All versions of all kinds: the built-in ones, or those an administrator keeps.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    versions: Vec<TemplateVersion>,
}

impl TemplateSet {
    pub fn new(mut versions: Vec<TemplateVersion>) -> TemplateSet {
        versions.sort_by_key(|v| (v.kind, v.effective_from));
        TemplateSet { versions }
    }

    pub fn versions(&self) -> &[TemplateVersion] {
        &self.versions
    }

    /// The version of `kind` in force on `date`: the one with the latest effective date not
    /// after it. A document dated before 01/07/2026 takes the old law's form.
    pub fn version_for(&self, kind: DocumentKind, date: Date) -> Result<&TemplateVersion, RenderError> {
        self.versions
            .iter()
            .filter(|v| v.kind == kind && v.effective_from <= date)
            .max_by_key(|v| v.effective_from)
            .ok_or_else(|| RenderError::NoVersion {
                kind: kind.code().to_string(),
                date: thads_core::dates::format_vn(date),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(DocumentKind::from_code("qd_thi_hanh"), None);
    }
}
