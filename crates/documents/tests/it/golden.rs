//! Every built-in template, under both regimes, rendered for the fixed case: the text read back
//! from the PDF and from the DOCX equals the document's text, and that text is the reviewed
//! snapshot. The files and page pictures stay in `target/documents/` for a person to look at.

use thads_documents::{DocumentKind, TemplateSet, fill, render_docx, render_pdf};
use time::Date;
use time::macros::date;
use unicode_normalization::is_nfc;

use crate::fixture::data_for;
use crate::output::{docx_text, output_dir, pdf_pages, pictures, without_page_numbers, words};

/// A day under each regime.
const REGIMES: [(&str, Date); 2] = [("old", date!(2026 - 03 - 09)), ("new", date!(2026 - 07 - 15))];

#[test]
fn every_template_renders_the_same_text_to_pdf_and_docx_under_both_regimes() -> Result<(), String> {
    let set = TemplateSet::builtin().map_err(|e| e.to_string())?;
    let dir = output_dir();
    for kind in DocumentKind::ALL {
        for (regime, day) in REGIMES {
            let name = format!("{}-{regime}", kind.code());
            let version = set.version_for(kind, day).map_err(|e| e.to_string())?;
            let data = data_for(kind, day);
            let document = fill::fill(version.template(), &data).map_err(|e| format!("{name}: {e}"))?;
            let expected = document.plain_text();

            let pdf = render_pdf(version, &data).map_err(|e| format!("{name}: {e}"))?;
            let pdf_path = dir.join(format!("{name}.pdf"));
            std::fs::write(&pdf_path, &pdf).map_err(|e| e.to_string())?;
            let pages = without_page_numbers(pdf_pages(&pdf_path)?)?;
            let extracted = pages.join("\n");
            // Every letter comes back precomposed, as written: not merely equal after NFC.
            assert!(is_nfc(&extracted), "{name}: the PDF's text is not NFC");
            assert_eq!(words(&extracted), words(&expected), "{name}: PDF text");

            let docx = render_docx(version, &data).map_err(|e| format!("{name}: {e}"))?;
            std::fs::write(dir.join(format!("{name}.docx")), &docx).map_err(|e| e.to_string())?;
            assert_eq!(words(&docx_text(&docx)?), words(&expected), "{name}: DOCX text");

            insta::assert_snapshot!(name.clone(), expected);
            pictures(&pdf_path)?;
        }
    }
    Ok(())
}

#[test]
fn the_date_picks_the_law() -> Result<(), String> {
    let set = TemplateSet::builtin().map_err(|e| e.to_string())?;
    let text = |day| -> Result<String, String> {
        let version = set.version_for(DocumentKind::QdDinhChi, day).map_err(|e| e.to_string())?;
        Ok(fill::fill(version.template(), &data_for(DocumentKind::QdDinhChi, day))
            .map_err(|e| e.to_string())?
            .plain_text())
    };
    let old = text(date!(2026 - 06 - 30))?;
    let new = text(date!(2026 - 07 - 01))?;
    assert!(old.contains("Điều 50 Luật Thi hành án dân sự") && !old.contains("106/2025/QH15"), "{old}");
    assert!(new.contains("Điều 48 Luật Thi hành án dân sự số 106/2025/QH15"), "{new}");
    assert!(new.contains("ngày 01 tháng 7 năm 2026") && old.contains("ngày 30 tháng 6 năm 2026"));
    Ok(())
}
