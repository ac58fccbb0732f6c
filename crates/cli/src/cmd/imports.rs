//! `thads import FILE...`: imports registers (interchange §1–2), a progress bar on a terminal,
//! a short summary per file on stdout, and every problem of a refused file on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use thads_app::clock::VIETNAM;
use thads_app::imports::{Authority, FileReport, Imported, InputFile, Outcome, Problem, import_files};
use thads_store::ImportBatch;

use crate::context::Context;
use crate::error::CliError;
use crate::progress::TerminalProgress;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tệp CSV (units.csv, cases.csv, events.csv, targets.csv) hoặc sổ tính .xlsx có các trang
    /// cùng tên; nhập theo thứ tự đơn vị → việc → sự kiện → chỉ tiêu / CSV files or .xlsx
    /// workbooks, imported in the order units → cases → events → targets
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let progress = TerminalProgress::new();
    let files: Vec<InputFile> = args.files.iter().map(InputFile::at).collect();
    // The command line runs as the database's operator: any unit, any row.
    let reports = import_files(ctx.store(), &ctx.actor(), &Authority::Operator, &ctx.rules, &files, &progress)?;
    Ok(print_reports(&reports))
}

/// Prints what happened to each file; non-zero exit unless every file was imported.
pub fn print_reports(reports: &[FileReport]) -> ExitCode {
    let mut problems = 0usize;
    for report in reports {
        match &report.outcome {
            Outcome::Imported(imported) => println!("{}", imported_line(report, imported)),
            Outcome::Refused(list) => {
                problems += list.len();
                eprintln!("{}", refused_text(&report.file, list));
            }
            Outcome::AlreadyImported(earlier) => eprintln!("{}", already_line(&report.file, earlier)),
            Outcome::Skipped { after } => {
                eprintln!("{}: bỏ qua vì {after} bị từ chối / skipped because {after} was refused", report.file)
            }
        }
    }
    let failed = reports.iter().filter(|r| !r.outcome.is_imported()).count();
    if failed == 0 {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "Tổng cộng {problems} lỗi; {failed}/{} tệp không được nhập / total: {problems} problems; {failed} of {} files not imported",
        reports.len(),
        reports.len()
    );
    ExitCode::FAILURE
}

fn imported_line(report: &FileReport, imported: &Imported) -> String {
    let what = report.kind.map_or("", |k| k.row_label());
    let mut line = format!(
        "{}: đã nhập {} dòng {what} (lô #{}) / imported {} rows (batch {})",
        report.file, imported.rows, imported.batch, imported.rows, imported.batch
    );
    if imported.cases_touched > 0 {
        line.push_str(&format!("; {} việc có thêm sự kiện / cases updated", imported.cases_touched));
    }
    if !imported.officers_created.is_empty() {
        let n = imported.officers_created.len();
        line.push_str(&format!(
            "\n  tạo mới {n} chấp hành viên / created {n} officers: {}",
            some_logins(&imported.officers_created)
        ));
    }
    line
}

fn refused_text(file: &str, problems: &[Problem]) -> String {
    let n = problems.len();
    let mut out =
        format!("{file}: từ chối, không nhập gì từ tệp này ({n} lỗi) / refused, nothing imported ({n} problems)");
    for p in problems {
        out.push('\n');
        out.push_str(&p.line(file));
    }
    out
}

fn already_line(file: &str, earlier: &ImportBatch) -> String {
    let at = earlier.imported_at.to_offset(VIETNAM);
    let when =
        format!("{:02}/{:02}/{:04} {:02}:{:02}", at.day(), u8::from(at.month()), at.year(), at.hour(), at.minute());
    format!(
        "{file}: tệp này đã được nhập lúc {when} (lô #{}, {}), không thay đổi gì / already imported on {when} \
         (batch {}, by {}); nothing changed",
        earlier.id, earlier.imported_by, earlier.id, earlier.imported_by
    )
}

/// The first logins of a long list, then how many more (the audit entry keeps them all).
fn some_logins(logins: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = logins.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if logins.len() > SHOWN {
        let more = logins.len() - SHOWN;
        text.push_str(&format!(" … và {more} người khác / and {more} more"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::some_logins;

    #[test]
    fn long_lists_of_created_officers_are_shortened() {
        let logins: Vec<String> = (1..=25).map(|i| format!("chv.{i}")).collect();
        let text = some_logins(&logins);
        assert!(text.starts_with("chv.1, chv.2,"), "{text}");
        assert!(text.contains("chv.20 … và 5 người khác / and 5 more"), "{text}");
        assert!(!text.contains("chv.21"), "{text}");
        assert_eq!(some_logins(&logins[..2]), "chv.1, chv.2");
    }
}
