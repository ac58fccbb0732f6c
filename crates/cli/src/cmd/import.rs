//! `thads import FILE...`: imports registers (interchange §1–2), a progress bar on a terminal,
//! a short summary per file on stdout, and every problem of a refused file on stderr.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use thads_app::clock::VIETNAM;
use thads_app::imports::{Authority, FileReport, Imported, InputFile, Outcome, Problem, import_files};
use thads_app::progress::Progress;
use thads_store::ImportBatch;

use crate::context::Context;
use crate::error::CliError;

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

/// A progress bar on stderr when it is a terminal; nothing otherwise (logs, pipes, tests).
pub struct TerminalProgress {
    bar: Mutex<Option<ProgressBar>>,
    draw: bool,
}

impl TerminalProgress {
    pub fn new() -> TerminalProgress {
        TerminalProgress { bar: Mutex::new(None), draw: std::io::stderr().is_terminal() }
    }

    fn with_bar(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        if let Ok(mut bar) = self.bar.lock() {
            f(&mut bar);
        }
    }
}

impl Default for TerminalProgress {
    fn default() -> Self {
        TerminalProgress::new()
    }
}

impl Progress for TerminalProgress {
    fn phase(&self, label: &str, total: Option<u64>) {
        if !self.draw {
            return;
        }
        let template = match total {
            Some(_) => "{msg} [{bar:30}] {human_pos}/{human_len} ({eta})",
            None => "{spinner} {msg} {human_pos}",
        };
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr_with_hz(8));
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_string());
        bar.enable_steady_tick(Duration::from_millis(250));
        self.with_bar(|slot| {
            if let Some(old) = slot.replace(bar) {
                old.finish_and_clear();
            }
        });
    }

    fn advance(&self, n: u64) {
        self.with_bar(|slot| {
            if let Some(bar) = slot {
                bar.inc(n);
            }
        });
    }

    fn finish(&self) {
        self.with_bar(|slot| {
            if let Some(bar) = slot.take() {
                bar.finish_and_clear();
            }
        });
    }
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
