//! `thads doc templates|render`: the template versions in force (kinds, versions, effective
//! dates, whether shipped or saved by an administrator), and one case's document as PDF or
//! DOCX, from the case's own facts and history (interchange §documents).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use thads_app::documents::{self, Extras, Format};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Các mẫu văn bản: loại, phiên bản, ngày hiệu lực / template kinds, versions, effective dates
    Templates,
    /// Tạo văn bản của một việc / render a case's document
    Render {
        /// Mã đơn vị / unit code
        #[arg(long)]
        unit: String,
        /// Số quyết định thi hành án (số thụ lý) / the case's number
        #[arg(long = "case-no")]
        case_no: String,
        /// Loại văn bản (qd_hoan, thong_bao…) / document kind
        #[arg(long)]
        template: String,
        /// Ngày văn bản (YYYY-MM-DD hoặc dd/mm/yyyy), mặc định hôm nay; chọn mẫu theo luật có hiệu lực /
        /// the document's date (default today); it chooses the law's form
        #[arg(long)]
        on: Option<String>,
        /// pdf hoặc docx
        #[arg(long, default_value = "pdf")]
        format: String,
        /// Tệp ghi ra / output file
        #[arg(long)]
        out: PathBuf,
        /// Giá trị cho trường mà sổ không có, dạng trường=giá trị (lặp lại được) / a field's value the
        /// register does not hold, field=value (repeatable)
        #[arg(long = "set")]
        set: Vec<String>,
    },
}

pub fn run(ctx: &Context, command: DocCommand) -> Result<ExitCode, CliError> {
    match command {
        DocCommand::Templates => {
            let set = documents::template_set(ctx.store())?;
            let saved = documents::templates::saved_versions(ctx.store())?;
            crate::out::line(format_args!(
                "{:<34} {:<10} {:<12} {:<14} {}",
                "kind", "from", "confidence", "source", "name"
            ))?;
            for v in set.versions() {
                let from = v.effective_from();
                let source = saved
                    .iter()
                    .find(|(k, d, _)| k == v.kind().code() && *d == from)
                    .map_or_else(|| "shipped".to_string(), |(_, _, by)| format!("saved:{by}"));
                crate::out::line(format_args!(
                    "{:<34} {:<10} {:<12} {:<14} {}",
                    v.kind().code(),
                    thads_core::dates::format_iso(from),
                    thads_store::codes::confidence(v.confidence()),
                    source,
                    v.kind().label()
                ))?;
            }
        }
        DocCommand::Render { unit, case_no, template, on, format, out, set } => {
            let kind = documents::kind(&template)?;
            let format = Format::parse(&format)?;
            let on = match on {
                Some(text) => {
                    thads_core::dates::parse_date(text.trim()).map_err(|e| CliError::Usage(format!("--on: {e}")))?
                }
                None => ctx.actor().today(),
            };
            let extras = Extras::from_pairs(set.iter().map(String::as_str))?;
            let (_, case) = thads_app::cases::view::find_case(ctx.store(), &unit, &case_no)?;
            let templates = documents::template_set(ctx.store())?;
            let rendered =
                documents::render_case_document(ctx.store(), &templates, case.id, kind, on, format, &extras)?;
            std::fs::write(&out, &rendered.bytes).map_err(|e| CliError::Usage(format!("{}: {e}", out.display())))?;
            eprintln!("{} {} ({} byte) → {}", kind.label(), case.facts.case_no, rendered.bytes.len(), out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
