//! Documents on the web: a case's documents (a draft or an issued one, as PDF, DOCX or a print
//! view), issuing one from the case page (a decision records its event in the same
//! transaction, and the document joins the case's timeline with its number), the same notice
//! for many cases (one merged PDF or a ZIP of DOCX), and the administrator's template editor
//! that refuses an unknown field or a type mismatch naming the line and the field. The API
//! gives a case's document and the template versions (interchange, documents).

pub mod api;
pub mod bulk;
pub mod cancel;
pub mod jobs;
pub mod pages;
pub mod templates;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use thads_app::Actor;
use thads_app::documents::{self, Rendered};
use thads_core::access::Action;
use thads_documents::DocumentKind;
use thads_store::IssuedDocument;

use crate::accounts::{CaseAccess, User};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::AppState;

pub(crate) fn actor(state: &AppState, user: &User) -> Actor {
    Actor { login: user.staff.login.to_string(), at: state.now() }
}

/// A rendered file as a download.
pub(crate) fn download(rendered: Rendered) -> Result<Response, WebError> {
    let mut response = rendered.bytes.into_response();
    let h = response.headers_mut();
    let kind = if rendered.file_name.ends_with(".zip") { "application/zip" } else { rendered.format.content_type() };
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    let disposition = format!("attachment; filename=\"{}\"", rendered.file_name);
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(WebError::internal)?);
    Ok(response)
}

/// Whether the user may issue a document of `kind` on the case: a decision that records an
/// event, as recording that event (`RecordEvent` with its code: an officer, their own cases);
/// any other document, as editing the case (`EditCase`).
pub fn may_issue(state: &AppState, access: &CaseAccess, kind: DocumentKind) -> Result<(), WebError> {
    match documents::event_of(kind) {
        Some(code) => access.may_record(state, code),
        None => {
            let f = &access.case.facts;
            access.user.may(state, Action::EditCase { unit: f.unit, assigned: f.officer })
        }
    }
}

/// The kind's name in the reader's language.
pub fn kind_label(kind: DocumentKind, lang: Lang) -> String {
    match lang {
        Lang::Vi => kind.label().to_string(),
        Lang::En => english_kind(kind).to_string(),
    }
}

/// The kind's English name (each key written whole, as the texts' test reads them).
fn english_kind(kind: DocumentKind) -> &'static str {
    let en = Lang::En;
    match kind {
        DocumentKind::QdThiHanhAn => en.t("doc_kind_qd_thi_hanh_an"),
        DocumentKind::QdChuaCoDieuKien => en.t("doc_kind_qd_chua_co_dieu_kien"),
        DocumentKind::QdHoan => en.t("doc_kind_qd_hoan"),
        DocumentKind::QdTamDinhChi => en.t("doc_kind_qd_tam_dinh_chi"),
        DocumentKind::QdTiepTuc => en.t("doc_kind_qd_tiep_tuc"),
        DocumentKind::QdDinhChi => en.t("doc_kind_qd_dinh_chi"),
        DocumentKind::QdUyThac => en.t("doc_kind_qd_uy_thac"),
        DocumentKind::ThongBao => en.t("doc_kind_thong_bao"),
        DocumentKind::GiayTrieuTap => en.t("doc_kind_giay_trieu_tap"),
        DocumentKind::BienBanXacMinh => en.t("doc_kind_bien_ban_xac_minh"),
        DocumentKind::QdCuongCheKeBien => en.t("doc_kind_qd_cuong_che_ke_bien"),
        DocumentKind::ThongBaoKetQuaThamDinhGia => en.t("doc_kind_thong_bao_ket_qua_tham_dinh_gia"),
    }
}

/// One issued document on the case page.
pub struct IssuedRow {
    pub id: i64,
    /// The number in its register (1, 2…).
    pub no: i64,
    pub kind: String,
    pub kind_code: String,
    pub number: String,
    pub date: String,
    pub iso_date: String,
    pub cancelled: Option<String>,
}

/// The case page's documents section: what was issued (with downloads), and the forms to
/// make a draft or issue a document.
pub struct CaseDocuments {
    pub issued: Vec<IssuedRow>,
    /// `(code, label)` of every kind (drafts).
    pub kinds: Vec<(String, String)>,
    /// `(code, label)` of the kinds this reader may issue on this case.
    pub issuable: Vec<(String, String)>,
    pub today: String,
}

pub fn case_documents(state: &AppState, access: &CaseAccess, lang: Lang, issued: &[IssuedDocument]) -> CaseDocuments {
    let issued = issued
        .iter()
        .cloned()
        .map(|d| IssuedRow {
            id: d.id.0,
            no: d.number,
            kind: DocumentKind::from_code(&d.kind).map_or(d.kind.clone(), |k| kind_label(k, lang)),
            number: d.number_and_symbol(),
            date: fmt::date(d.issued_on),
            iso_date: thads_core::dates::format_iso(d.issued_on),
            cancelled: d.cancelled.map(|c| c.reason),
            kind_code: d.kind,
        })
        .collect();
    let label = |k: DocumentKind| (k.code().to_string(), kind_label(k, lang));
    CaseDocuments {
        issued,
        kinds: DocumentKind::ALL.into_iter().map(label).collect(),
        issuable: DocumentKind::ALL.into_iter().filter(|k| may_issue(state, access, *k).is_ok()).map(label).collect(),
        today: fmt::date(state.today()),
    }
}
