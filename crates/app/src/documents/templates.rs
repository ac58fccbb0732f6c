//! The template versions in force: those shipped with THADS, replaced or added to by the
//! versions an administrator saves in the database. A version is checked when it is saved
//! (unknown field, a format that does not fit the field's type, an unclosed block…): a
//! template with any problem is refused with every problem's line, column and field.

use serde_json::json;
use thads_core::confidence::Confidence;
use thads_documents::{TemplateSet, TemplateVersion};
use thads_store::{DocumentTemplateRecord, NewAudit, Store};
use time::Date;

use crate::actor::Actor;
use crate::error::{AppError, AppResult};

/// Longest template text, in characters (the longest shipped one is under 4,000).
pub const MAX_TEMPLATE_CHARS: usize = 50_000;
/// Longest legal basis or citation, in characters.
pub const MAX_BASIS_CHARS: usize = 1_000;

/// The versions in force: shipped ones, each replaced by a saved version of the same kind and
/// effective date, plus the saved versions of other dates.
pub fn template_set(store: &dyn Store) -> AppResult<TemplateSet> {
    let shipped = TemplateSet::builtin().map_err(|e| AppError::Invalid(e.to_string()))?;
    let mut versions: Vec<TemplateVersion> = shipped.versions().to_vec();
    for record in store.document_templates()? {
        let version = version_of(&record)?;
        versions.retain(|v| !(v.kind() == version.kind() && v.effective_from() == version.effective_from()));
        versions.push(version);
    }
    Ok(TemplateSet::new(versions))
}

/// Which versions were saved in the database (kind code, effective date): the others are the
/// shipped ones.
pub fn saved_versions(store: &dyn Store) -> AppResult<Vec<(String, Date, String)>> {
    Ok(store.document_templates()?.into_iter().map(|r| (r.kind, r.effective_from, r.saved_by)).collect())
}

fn version_of(r: &DocumentTemplateRecord) -> AppResult<TemplateVersion> {
    let kind = super::kind(&r.kind)?;
    TemplateVersion::new(kind, r.effective_from, &r.legal_basis, &r.citation, r.confidence, &r.text)
        .map_err(|e| AppError::Invalid(format!("{} {}: {e}", r.kind, thads_core::dates::format_vn(r.effective_from))))
}

/// A version an administrator saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveTemplate {
    pub kind: String,
    pub effective_from: Date,
    pub legal_basis: String,
    pub citation: String,
    pub confidence: Confidence,
    pub text: String,
}

/// Checks and saves a version (replacing one of the same kind and effective date); audited
/// with the text before and after.
pub fn save_template(store: &dyn Store, actor: &Actor, save: SaveTemplate) -> AppResult<TemplateVersion> {
    let kind = super::kind(&save.kind)?;
    let text = save.text.replace("\r\n", "\n");
    if text.chars().count() > MAX_TEMPLATE_CHARS {
        return Err(AppError::Field {
            field: "text",
            message: format!("mẫu quá dài (tối đa {MAX_TEMPLATE_CHARS} ký tự) / template too long"),
        });
    }
    for (field, value) in [("legal_basis", &save.legal_basis), ("citation", &save.citation)] {
        if value.trim().is_empty() || value.chars().count() > MAX_BASIS_CHARS {
            return Err(AppError::Field {
                field,
                message: format!(
                    "{field}: cần nhập, tối đa {MAX_BASIS_CHARS} ký tự / required, at most {MAX_BASIS_CHARS}"
                ),
            });
        }
        if value.chars().any(|c| c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}')) {
            return Err(AppError::Field { field, message: format!("{field}: ký tự ẩn / invisible character") });
        }
    }
    let version = TemplateVersion::new(
        kind,
        save.effective_from,
        save.legal_basis.trim(),
        save.citation.trim(),
        save.confidence,
        &text,
    )
    .map_err(|errors| AppError::Field { field: "text", message: template_message(&errors) })?;
    let record = DocumentTemplateRecord {
        kind: kind.code().to_string(),
        effective_from: save.effective_from,
        legal_basis: version.legal_basis().to_string(),
        citation: version.citation().to_string(),
        confidence: save.confidence,
        text,
        saved_by: actor.login.clone(),
        saved_at: actor.at,
    };
    let mut tx = store.begin()?;
    let previous = tx.put_document_template(&record)?;
    let view = |r: &DocumentTemplateRecord| {
        json!({
            "kind": r.kind,
            "effective_from": thads_core::dates::format_iso(r.effective_from),
            "legal_basis": r.legal_basis,
            "citation": r.citation,
            "confidence": thads_store::codes::confidence(r.confidence),
            "text": r.text,
        })
        .to_string()
    };
    tx.insert_audit(&NewAudit {
        at: actor.at,
        actor: actor.login.clone(),
        case: None,
        action: "document.template.save".to_string(),
        before: previous.as_ref().map(view),
        after: Some(view(&record)),
    })?;
    tx.commit()?;
    Ok(version)
}

/// Every problem of a refused template, worded as `Vietnamese / English` (each half whole, so
/// that a reader in either language sees every line and field): "dòng 12, cột 5: trường không
/// xác định «debtor_nmae»; … / line 12, column 5: unknown field «debtor_nmae»; …".
pub fn template_message(errors: &thads_documents::TemplateErrors) -> String {
    let mut vi = Vec::new();
    let mut en = Vec::new();
    for e in &errors.0 {
        let text = e.to_string();
        let what = text.split_once(": ").map_or(text.as_str(), |(_, w)| w);
        let (v, english) = what.split_once(" / ").unwrap_or((what, what));
        vi.push(format!("dòng {}, cột {}: {}", e.line, e.column, v.trim()));
        en.push(format!("line {}, column {}: {}", e.line, e.column, english.trim()));
    }
    format!("mẫu văn bản không hợp lệ: {} / invalid template: {}", vi.join("; "), en.join("; "))
}
