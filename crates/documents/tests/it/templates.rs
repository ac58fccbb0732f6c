//! Templates an administrator saves are checked: unknown fields and type mismatches are refused
//! naming the line and the field; data missing at rendering names the field and the line.

use thads_core::confidence::Confidence;
use thads_documents::{DocumentKind, RenderError, TemplateErrorKind, TemplateSet, TemplateVersion, render_pdf};
use time::macros::date;

use crate::fixture::case_data;

#[test]
fn a_template_with_an_unknown_placeholder_is_refused_naming_it_and_its_line() -> Result<(), String> {
    let set = TemplateSet::builtin().map_err(|e| e.to_string())?;
    let shipped = set.version_for(DocumentKind::ThongBao, date!(2026 - 03 - 09)).map_err(|e| e.to_string())?;
    // An administrator edits the shipped notice and mistypes a field on a new line 30.
    let mut lines: Vec<&str> = shipped.text().lines().collect();
    let body_end = lines.iter().rposition(|l| l.starts_with("Đề nghị")).ok_or("no closing line")?;
    lines.insert(body_end, "Người phải thi hành án: {debtor_nam}.");
    let edited = lines.join("\n");
    let line = body_end + 1;
    let error =
        TemplateVersion::new(DocumentKind::ThongBao, date!(2026 - 01 - 01), "x", "x", Confidence::Inferred, &edited)
            .err()
            .ok_or("an unknown field was accepted")?;
    assert_eq!(error.0.len(), 1, "{error}");
    assert_eq!((error.0[0].line, error.0[0].column), (line, 25));
    assert_eq!(error.0[0].kind, TemplateErrorKind::UnknownField("debtor_nam".into()));
    assert_eq!(error.0[0].kind.field(), Some("debtor_nam"));
    let message = error.to_string();
    assert!(message.contains(&format!("dòng {line}, cột 25")) && message.contains("«debtor_nam»"), "{message}");
    Ok(())
}

#[test]
fn a_type_mismatch_is_refused() {
    let text =
        "::: agency\nA\n:::\n::: title\nT\n:::\n::: body\nBằng chữ: {issue_date:words}\n:::\n::: signature\nS\n:::\n";
    let error =
        TemplateVersion::new(DocumentKind::QdHoan, date!(2026 - 01 - 01), "x", "x", Confidence::Inferred, text).err();
    let kind = error.map(|e| (e.0[0].line, e.0[0].kind.clone()));
    assert!(
        matches!(&kind, Some((8, TemplateErrorKind::FormatMismatch { field, format, .. })) if field == "issue_date" && format == "words"),
        "{kind:?}"
    );
}

#[test]
fn missing_data_names_the_field_and_the_template_line() -> Result<(), String> {
    let set = TemplateSet::builtin().map_err(|e| e.to_string())?;
    let day = date!(2026 - 03 - 09);
    let version = set.version_for(DocumentKind::QdHoan, day).map_err(|e| e.to_string())?;
    let mut data = case_data(day);
    data.text("reason", "").map_err(|e| e.to_string())?;
    let line = version.text().lines().position(|l| l.contains("{reason}")).ok_or("no reason line")? + 1;
    assert_eq!(render_pdf(version, &data), Err(RenderError::MissingField { field: "reason", line }));
    Ok(())
}
