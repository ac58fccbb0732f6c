//! Many notices at once: one merged PDF whose pages carry every notice, a ZIP of DOCX files,
//! and a batch stopped at the first incomplete document.

use thads_documents::{DocumentKind, RenderError, TemplateSet, merged_pdf, zip_of_docx};
use time::macros::date;

use crate::fixture::case_data;
use crate::output::{output_dir, pdf_pages, words};

#[test]
fn notices_merge_into_one_pdf_and_one_zip() -> Result<(), String> {
    let set = TemplateSet::builtin().map_err(|e| e.to_string())?;
    let day = date!(2026 - 07 - 15);
    let version = set.version_for(DocumentKind::ThongBao, day).map_err(|e| e.to_string())?;
    let names = ["Ông Nguyễn Văn Ước", "Bà Trần Thị Ánh Tuyết", "Công ty TNHH Đức Thịnh"];
    let data: Vec<_> = names
        .iter()
        .map(|n| {
            let mut d = case_data(day);
            d.text("addressee_name", *n).ok();
            d
        })
        .collect();
    let mut seen = Vec::new();
    let pdf = merged_pdf(data.iter().map(|d| (version, d)), |n| seen.push(n)).map_err(|e| e.to_string())?;
    assert_eq!(seen, [1, 2, 3]);
    let path = output_dir().join("bulk-thong_bao.pdf");
    std::fs::write(&path, &pdf).map_err(|e| e.to_string())?;
    let pages = pdf_pages(&path)?;
    assert_eq!(pages.len(), 3, "one page per notice");
    for (page, name) in pages.iter().zip(names) {
        assert!(words(page).contains(&format!("Kính gửi: {name}")), "{page}");
    }

    let zip = zip_of_docx(data.iter().zip(names).map(|(d, n)| (format!("TB {n}"), version, d)), |_| {})
        .map_err(|e| e.to_string())?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).map_err(|e| e.to_string())?;
    let files: Vec<String> = archive.file_names().filter_map(Result::ok).map(|n| n.to_string()).collect();
    assert_eq!(files.len(), 3);
    assert!(files.contains(&"TB Bà Trần Thị Ánh Tuyết.docx".to_string()), "{files:?}");
    let entry = archive.by_name("TB Công ty TNHH Đức Thịnh.docx").map_err(|e| e.to_string())?;
    assert!(entry.size() > 1000);
    Ok(())
}

#[test]
fn a_batch_stops_at_the_first_incomplete_document_and_names_it() -> Result<(), String> {
    let set = TemplateSet::builtin().map_err(|e| e.to_string())?;
    let day = date!(2026 - 07 - 15);
    let version = set.version_for(DocumentKind::ThongBao, day).map_err(|e| e.to_string())?;
    let mut broken = case_data(day);
    broken.text("addressee_name", "").map_err(|e| e.to_string())?;
    let data = [case_data(day), broken];
    let error = merged_pdf(data.iter().map(|d| (version, d)), |_| {}).err().ok_or("an incomplete batch was written")?;
    assert_eq!(error.index, 1);
    assert!(matches!(error.source, RenderError::MissingField { field: "addressee_name", .. }));
    assert!(error.to_string().starts_with("văn bản thứ 2 / document 2"), "{error}");
    Ok(())
}
