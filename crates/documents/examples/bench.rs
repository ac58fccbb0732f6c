//! Timing of document output: one decision (PDF and DOCX, per page) and a thousand notices to
//! the parties in bulk (one merged PDF, one ZIP of DOCX), with the process's peak memory.
//!
//! `cargo run --release -p thads-documents --example bench -- [NOTICES]` (default 1 000).

use std::time::Instant;

use thads_documents::{DocumentKind, TemplateSet, merged_pdf, render_docx, render_pdf, zip_of_docx};
use time::macros::date;

#[path = "../tests/it/fixture.rs"]
#[expect(dead_code, reason = "the bench uses the case, not the per-kind grounds")]
mod fixture;

fn main() -> Result<(), String> {
    let notices: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1_000);
    let set = TemplateSet::builtin().map_err(|e| e.to_string())?;
    let day = date!(2026 - 07 - 15);
    let data = fixture::case_data(day);

    let decision = set.version_for(DocumentKind::QdThiHanhAn, day).map_err(|e| e.to_string())?;
    let first = render_pdf(decision, &data).map_err(|e| e.to_string())?;
    let pages = page_count(&first);
    let runs = 50;
    let start = Instant::now();
    for _ in 0..runs {
        render_pdf(decision, &data).map_err(|e| e.to_string())?;
    }
    let pdf_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    let start = Instant::now();
    for _ in 0..runs {
        render_docx(decision, &data).map_err(|e| e.to_string())?;
    }
    let docx_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    println!(
        "one decision (qd_thi_hanh_an, {pages} pages, {} bytes): PDF {pdf_ms:.2} ms ({:.2} ms/page), DOCX {docx_ms:.2} ms",
        first.len(),
        pdf_ms / pages as f64
    );

    let notice = set.version_for(DocumentKind::ThongBao, day).map_err(|e| e.to_string())?;
    let batch: Vec<_> = (0..notices)
        .map(|i| {
            let mut d = fixture::case_data(day);
            d.text("addressee_name", format!("Ông Nguyễn Văn Ước {i}")).ok();
            d.text("lookup_code", format!("NA-2026-{i:06}-7Q")).ok();
            d
        })
        .collect();
    let start = Instant::now();
    let pdf = merged_pdf(batch.iter().map(|d| (notice, d)), |_| {}).map_err(|e| e.to_string())?;
    let merged_s = start.elapsed().as_secs_f64();
    println!(
        "{notices} notices, one merged PDF: {merged_s:.2} s, {} pages, {:.1} MB",
        page_count(&pdf),
        pdf.len() as f64 / 1e6
    );
    drop(pdf);
    let start = Instant::now();
    let zip = zip_of_docx(batch.iter().enumerate().map(|(i, d)| (format!("TB {i:04}"), notice, d)), |_| {})
        .map_err(|e| e.to_string())?;
    println!(
        "{notices} notices, ZIP of DOCX: {:.2} s, {:.1} MB",
        start.elapsed().as_secs_f64(),
        zip.len() as f64 / 1e6
    );
    println!("peak memory (VmHWM): {}", peak_memory());
    Ok(())
}

/// Pages of a PDF written by this crate (each page object says `/Type /Page`).
fn page_count(pdf: &[u8]) -> usize {
    pdf.windows(11).filter(|w| *w == b"/Type /Page").count().saturating_sub(1)
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM")).map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}
