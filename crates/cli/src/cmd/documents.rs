//! `thads doc templates|render|cancel`: the template versions in force (kinds, versions, effective
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
    /// Hủy số một văn bản đã ban hành (số vẫn giữ, ghi lý do) / cancel an issued document's
    /// number (it stays used, with the reason)
    Cancel {
        /// Mã đơn vị / unit code
        #[arg(long)]
        unit: String,
        /// Loại văn bản (qd_hoan, thong_bao…) / document kind
        #[arg(long)]
        template: String,
        /// Năm của sổ / the register's year
        #[arg(long)]
        year: i32,
        /// Số văn bản trong sổ / the document's number in the register
        #[arg(long)]
        number: i64,
        /// Lý do hủy / why
        #[arg(long)]
        reason: String,
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
        DocCommand::Cancel { unit, template, year, number, reason } => {
            let kind = documents::kind(&template)?;
            let code = thads_core::UnitCode::new(unit.trim()).map_err(|e| CliError::Usage(format!("--unit: {e}")))?;
            let found = ctx
                .store()
                .units()?
                .into_iter()
                .find(|u| u.code == code)
                .ok_or_else(|| CliError::Usage(format!("--unit: không có đơn vị / no unit {code}")))?;
            let document = ctx
                .store()
                .document_register(found.id, kind.code(), year)?
                .into_iter()
                .find(|d| d.number == number)
                .ok_or_else(|| CliError::Usage(format!("không có văn bản số {number}/{year} / no such document")))?;
            let cancelled = documents::cancel(ctx.store(), &ctx.actor(), document.id, &reason)?;
            crate::out::line(format_args!(
                "đã hủy số / cancelled {} ({}), {}",
                cancelled.number_and_symbol(),
                cancelled.year,
                kind.label()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
