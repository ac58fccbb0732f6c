//! Documents through the API: a case's document as PDF or DOCX (interchange, documents), the
//! template versions in force, and saving a version (an administrator of the installation; a
//! template with an unknown field or a format that does not fit its type is refused with 422
//! `invalid_field`, `field: "text"`, the message naming each line, column and field).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use thads_app::documents::{self, Extras, Format, SaveTemplate};
use thads_core::confidence::Confidence;
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::pages::{date_or_today, issued_of};
use super::{actor, download};
use crate::accounts::{CaseAccess, User};
use crate::api::{self, JsonBody};
use crate::calendar::may_announce;
use crate::error::WebError;
use crate::refusal::Refusal;
use crate::state::AppState;

/// The documents room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(case_document, list_templates, save_template))]
pub struct ApiDoc;

#[derive(Deserialize)]
pub struct KindPath {
    kind: String,
}

/// `?format=pdf|docx&on=YYYY-MM-DD`.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentParams {
    /// `pdf` (the default) or `docx`
    #[serde(default)]
    format: Option<String>,
    /// the document's date (default today): it chooses the law's form; the document issued that
    /// day keeps its number, else a draft with the number left blank
    #[serde(default)]
    #[param(format = Date)]
    on: Option<String>,
}

/// A case's document as PDF or DOCX
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}/documents/{kind}",
    params(
        ("id" = i64, Path, description = "the case's id"),
        ("kind" = String, Path, description = "qd_thi_hanh_an, qd_chua_co_dieu_kien, qd_hoan, qd_tam_dinh_chi, qd_tiep_tuc, qd_dinh_chi, qd_uy_thac, thong_bao, giay_trieu_tap, bien_ban_xac_minh, qd_cuong_che_ke_bien, thong_bao_ket_qua_tham_dinh_gia"),
        DocumentParams,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The document (application/pdf or the DOCX type), as an attachment", content_type = "application/pdf"),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
        (status = 422, response = api::Refused),
    )
)]
pub async fn case_document(
    State(state): State<AppState>,
    access: CaseAccess,
    Path(KindPath { kind }): Path<KindPath>,
    Query(p): Query<DocumentParams>,
) -> Result<Response, WebError> {
    let kind = documents::kind(&kind)?;
    let format = Format::parse(p.format.as_deref().unwrap_or("pdf"))?;
    let on_text = p.on.unwrap_or_default();
    let rendered = state
        .blocking(move |s| {
            let on = date_or_today(s, &on_text)?;
            let set = documents::template_set(s.store.as_ref())?;
            let rendered = match issued_of(s, &access, kind, on, "")? {
                Some(d) => documents::render_issued(s.store.as_ref(), &set, &d, format)?,
                None => documents::render_case_document(
                    s.store.as_ref(),
                    &set,
                    access.case.id,
                    kind,
                    on,
                    format,
                    &Extras::default(),
                )?,
            };
            // Who opened my file (issue 21): a downloaded document is a view of the case.
            crate::case_views::log_view(s, &access.user, &[access.case.id], "document");
            Ok(rendered)
        })
        .await?;
    download(rendered)
}

/// One template version.
#[derive(Serialize, ToSchema)]
pub struct TemplateJson {
    kind: &'static str,
    name: &'static str,
    #[schema(format = Date)]
    effective_from: String,
    legal_basis: String,
    citation: String,
    /// confirmed, inferred or unconfirmed
    confidence: &'static str,
    /// `shipped`, or the login of the administrator who saved it
    source: String,
    text: String,
}

/// The template versions in force
#[utoipa::path(
    get,
    path = "/api/v1/document-templates",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every version of every kind, by kind and effective date", body = Vec<TemplateJson>),
        (status = 401, response = api::NotSignedIn),
    )
)]
pub async fn list_templates(State(state): State<AppState>, _user: User) -> Result<Json<Vec<TemplateJson>>, WebError> {
    let versions = state
        .blocking(|s| {
            let set = documents::template_set(s.store.as_ref())?;
            let saved = documents::templates::saved_versions(s.store.as_ref())?;
            Ok(set
                .versions()
                .iter()
                .map(|v| TemplateJson {
                    kind: v.kind().code(),
                    name: v.kind().label(),
                    effective_from: thads_core::dates::format_iso(v.effective_from()),
                    legal_basis: v.legal_basis().to_string(),
                    citation: v.citation().to_string(),
                    confidence: thads_store::codes::confidence(v.confidence()),
                    source: saved
                        .iter()
                        .find(|(k, d, _)| k == v.kind().code() && *d == v.effective_from())
                        .map_or_else(|| "shipped".to_string(), |(_, _, by)| by.clone()),
                    text: v.text().to_string(),
                })
                .collect())
        })
        .await?;
    Ok(Json(versions))
}

/// Body of `POST /api/v1/document-templates`.
#[derive(Deserialize, ToSchema)]
pub struct TemplateBody {
    /// a document kind
    kind: String,
    /// yyyy-mm-dd: the first day documents take this version
    #[schema(format = Date)]
    effective_from: String,
    legal_basis: String,
    citation: String,
    /// confirmed, inferred or unconfirmed
    confidence: String,
    /// the template (syntax: thads-documents)
    text: String,
}

/// The version saved.
#[derive(Serialize, ToSchema)]
pub struct SavedTemplate {
    kind: &'static str,
    #[schema(format = Date)]
    effective_from: String,
}

/// Save a template version (an administrator of the installation)
#[utoipa::path(
    post,
    path = "/api/v1/document-templates",
    request_body = TemplateBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Saved", body = SavedTemplate),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 422, response = api::Refused),
    )
)]
pub async fn save_template(
    State(state): State<AppState>,
    user: User,
    JsonBody(b): JsonBody<TemplateBody>,
) -> Result<(StatusCode, Json<SavedTemplate>), WebError> {
    may_announce(&state, &user)?;
    let save = to_save(&b.kind, &b.effective_from, &b.legal_basis, &b.citation, &b.confidence, &b.text)?;
    let actor = actor(&state, &user);
    let version = state.blocking(move |s| Ok(documents::save_template(s.store.as_ref(), &actor, save)?)).await?;
    Ok((
        StatusCode::CREATED,
        Json(SavedTemplate {
            kind: version.kind().code(),
            effective_from: thads_core::dates::format_iso(version.effective_from()),
        }),
    ))
}

/// A version to save from the editor's or the API's texts.
pub(crate) fn to_save(
    kind: &str,
    from: &str,
    basis: &str,
    citation: &str,
    confidence: &str,
    text: &str,
) -> Result<SaveTemplate, WebError> {
    let effective_from = thads_core::dates::parse_date(from.trim())
        .map_err(|_| WebError::Refused(Refusal::of_field("effective_from", "ngày không hợp lệ / invalid date")))?;
    let confidence = match confidence.trim() {
        "confirmed" => Confidence::Confirmed,
        "inferred" => Confidence::Inferred,
        "unconfirmed" => Confidence::Unconfirmed,
        _ => {
            return Err(WebError::Refused(Refusal::of_field(
                "confidence",
                "độ tin cậy: confirmed, inferred, unconfirmed / confidence: confirmed, inferred or unconfirmed",
            )));
        }
    };
    Ok(SaveTemplate {
        kind: kind.trim().to_string(),
        effective_from,
        legal_basis: basis.to_string(),
        citation: citation.to_string(),
        confidence,
        text: text.to_string(),
    })
}
