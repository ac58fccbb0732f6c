//! `thads-bench documents`: documents through the whole path (the case read from the database,
//! its data filled, the template version of the date chosen, the file written), on the demo
//! database `--db` (`thads demo` first). One decision as PDF and DOCX (median of `--runs`, per
//! page), then `--notices` notices in bulk as one merged PDF and as a ZIP of DOCX (median of 3),
//! and the process's peak memory.

use std::process::ExitCode;
use std::time::Instant;

use thads_app::documents::{self, Extras, Format};
use thads_cli::context::Context;
use thads_cli::error::CliError;
use thads_cli::sys::peak_rss_kib;
use thads_documents::DocumentKind;
use thads_store::CaseQuery;
use time::macros::date;

use crate::median::median;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Số văn bản của lô / notices in the bulk batch
    #[arg(long, default_value_t = 1_000)]
    notices: usize,
    /// Số lần đo một văn bản (lấy trung vị) / runs of one document (the median is shown)
    #[arg(long, default_value_t = 30)]
    runs: usize,
}

/// Pages of a PDF: every `/Type /Page` object, less the one `/Type /Pages` tree.
fn pages(pdf: &[u8]) -> usize {
    pdf.windows(11).filter(|w| *w == b"/Type /Page").count().saturating_sub(1)
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    let store = ctx.store();
    let mut cases = Vec::new();
    let mut offset = 0;
    while cases.len() < args.notices {
        let page = store.list_cases(&CaseQuery { limit: 500, offset, ..CaseQuery::default() })?;
        if page.cases.is_empty() {
            break;
        }
        offset += page.cases.len() as u64;
        // Notices go to cases with an assigned officer (the notice names them).
        cases.extend(page.cases.into_iter().filter(|c| c.facts.officer.is_some()).map(|c| c.id));
    }
    cases.truncate(args.notices);
    let Some(&first) = cases.first() else {
        return Err(CliError::Usage(
            "cơ sở dữ liệu không có việc: chạy `thads demo` trước / no cases: run `thads demo`".into(),
        ));
    };
    let set = documents::template_set(store)?;
    let on = date!(2026 - 11 - 20);
    let extras = Extras::from_pairs([
        "legal_ground=điểm a khoản 1 Điều 48 Luật Thi hành án dân sự",
        "reason=người phải thi hành án ốm nặng",
    ])?;
    println!("Máy dùng chung 2 lõi / a shared 2-core machine; backend {}", store.backend());
    for kind in [DocumentKind::QdHoan, DocumentKind::ThongBao] {
        for format in [Format::Pdf, Format::Docx] {
            let mut ms = Vec::with_capacity(args.runs);
            let mut size = 0;
            let mut page_count = 1;
            for _ in 0..args.runs {
                let start = Instant::now();
                let r = documents::render_case_document(store, &set, first, kind, on, format, &extras)?;
                ms.push(start.elapsed().as_secs_f64() * 1000.0);
                size = r.bytes.len();
                if format == Format::Pdf {
                    page_count = pages(&r.bytes).max(1);
                }
            }
            let m = median(&mut ms);
            let per_page = if format == Format::Pdf {
                format!(", {:.1} ms/page ({page_count} pages)", m / page_count as f64)
            } else {
                String::new()
            };
            println!(
                "one {} as {}: median {m:.1} ms{per_page}, {size} bytes (read from the database included)",
                kind.code(),
                format.code()
            );
        }
    }
    for format in [Format::Pdf, Format::Docx] {
        let mut secs = Vec::new();
        let mut size = 0;
        for _ in 0..3 {
            let start = Instant::now();
            let r = documents::bulk(store, &set, &cases, DocumentKind::ThongBao, on, format, |_, _| {})?;
            secs.push(start.elapsed().as_secs_f64());
            size = r.bytes.len();
        }
        let what = if format == Format::Pdf { "one merged PDF" } else { "a ZIP of DOCX" };
        println!("{} notices as {what}: median {:.2} s, {:.1} MB", cases.len(), median(&mut secs), size as f64 / 1e6);
    }
    println!("peak RSS of this process: {} MiB", peak_rss_kib().unwrap_or(0) / 1024);
    Ok(ExitCode::SUCCESS)
}
