//! `thads staff import|report`: the staff registry (issue 23). `import FILE` adds the people of
//! a CSV (`name,unit,title,rank,appointed_on,term_ends_on,login`, login optional) all or
//! nothing, listing every bad row with its line and reason; `report --unit U --format
//! json|xlsx` gives the staffing of a unit's scope as the contract writes it.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use thads_app::clock::SystemClock;
use thads_app::personnel::{self as app, ImportOutcome};
use thads_core::{Clock, UnitTree};

use crate::context::Context;
use crate::error::CliError;

/// The largest file `import` reads.
const MAX_FILE_BYTES: u64 = 20 << 20;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Nhập hồ sơ cán bộ từ tệp CSV, tất cả hoặc không / import people from a CSV, all or nothing
    Import {
        /// CSV: name,unit,title,rank,appointed_on,term_ends_on,login
        file: PathBuf,
    },
    /// Biên chế theo ngạch của một đơn vị / the staffing of a unit's scope by rank
    Report {
        #[arg(long)]
        unit: String,
        /// json (hợp đồng dữ liệu) hoặc xlsx
        #[arg(long, default_value = "json", value_parser = ["json", "xlsx"])]
        format: String,
        /// Ghi ra tệp / write to this file (XLSX needs it at a terminal)
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(ctx: &Context, command: StaffCommand) -> Result<ExitCode, CliError> {
    let units = UnitTree::new(ctx.store().units()?);
    match command {
        StaffCommand::Import { file } => import(ctx, &units, &file),
        StaffCommand::Report { unit, format, out } => report(ctx, &units, &unit, &format, out),
    }
}

fn import(ctx: &Context, units: &UnitTree, file: &PathBuf) -> Result<ExitCode, CliError> {
    let size = std::fs::metadata(file)?.len();
    if size > MAX_FILE_BYTES {
        return Err(CliError::Usage(format!(
            "tệp quá lớn ({size} byte, tối đa {MAX_FILE_BYTES}) / the file is too large"
        )));
    }
    let bytes = std::fs::read(file)?;
    let text =
        String::from_utf8(bytes).map_err(|_| CliError::Usage("tệp phải là UTF-8 / the file must be UTF-8".into()))?;
    match app::import_csv(ctx.store(), &ctx.actor(), units, &text, &|_| true)? {
        ImportOutcome::Added(n) => {
            crate::out::line(format_args!("Đã nhập {n} người / {n} people imported"))?;
            Ok(ExitCode::SUCCESS)
        }
        ImportOutcome::Refused(rows) => {
            let lines: Vec<String> = rows.iter().map(|r| format!("  dòng / line {}: {}", r.line, r.reason)).collect();
            Err(CliError::Refused(format!(
                "không dòng nào được nhập, {} dòng sai / nothing imported, {} bad rows:\n{}",
                rows.len(),
                rows.len(),
                lines.join("\n")
            )))
        }
    }
}

fn report(
    ctx: &Context,
    units: &UnitTree,
    code: &str,
    format: &str,
    out: Option<PathBuf>,
) -> Result<ExitCode, CliError> {
    let unit = units
        .by_code(&code.trim().to_ascii_uppercase())
        .ok_or_else(|| CliError::Usage(format!("không có đơn vị «{code}» / unknown unit")))?
        .clone();
    let r = app::report(ctx.store(), units, unit.id, SystemClock.today(), 6)?;
    let bytes = if format == "xlsx" {
        let mut rows = vec![(format!("{} — {}", unit.code, unit.name), r.total.clone())];
        for line in &r.lines {
            let label = units.get(line.unit).map_or_else(String::new, |u| format!("{} — {}", u.code, u.name));
            rows.push((label, line.staffing.clone()));
        }
        let title = format!("Biên chế / Staffing — {}", unit.code);
        thads_reports::staffing::workbook(&title, &rows).map_err(|e| CliError::Refused(e.to_string()))?
    } else {
        let mut text = serde_json::to_string_pretty(&app::staffing_json(unit.code.as_str(), &r.total))
            .map_err(|e| CliError::Refused(e.to_string()))?;
        text.push('\n');
        text.into_bytes()
    };
    match out {
        Some(path) => std::fs::write(path, &bytes)?,
        None if format == "xlsx" && std::io::stdout().is_terminal() => {
            return Err(CliError::Usage(
                "XLSX là tệp nhị phân: dùng --out TỆP / XLSX is binary: use --out FILE".into(),
            ));
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}
