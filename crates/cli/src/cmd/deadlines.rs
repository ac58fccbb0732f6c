//! `thads deadlines --unit CODE [--on DATE] [--officer LOGIN] [--overdue] [--format json|table]`:
//! the legal deadlines of a unit's open cases on a day (today from the derived table, any other
//! day computed from the histories as of that day); `thads deadlines rebuild|check` for the
//! table; `thads deadlines set-length` for an administrator's correction of a rule.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Subcommand;
use thads_app::deadlines::{
    DeadlineScope, DueItem, Listing, deadlines_on, rebuild, recompute_and_read, set_rule_length,
};
use thads_core::dates::{format_vn, parse_date};
use thads_core::deadlines::{Length, Unit};
use thads_core::rules::Confidence;
use thads_core::{Login, UnitTree};
use time::Date;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<DeadlinesCommand>,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// Mã đơn vị (gồm các đơn vị trực thuộc) / unit code (with its subtree), e.g. BG-KV1
    #[arg(long)]
    unit: Option<String>,
    /// Ngày xem (mặc định hôm nay), dd/mm/yyyy hoặc yyyy-mm-dd / the day (default today)
    #[arg(long)]
    on: Option<String>,
    /// Chỉ việc của chấp hành viên này / only this officer's cases (login)
    #[arg(long)]
    officer: Option<String>,
    /// Chỉ các thời hạn đã quá hạn / only overdue deadlines
    #[arg(long)]
    overdue: bool,
    /// table (mặc định) hoặc json
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    format: String,
}

#[derive(Debug, Subcommand)]
enum DeadlinesCommand {
    /// Tính lại bảng thời hạn từ toàn bộ lịch sử / rebuild the deadlines table from every history
    Rebuild,
    /// Kiểm tra bảng thời hạn bằng cách tính lại / check the table against a recomputation
    Check,
    /// Sửa độ dài một thời hạn theo văn bản chính thức / correct a rule's length from the official text
    SetLength {
        /// Mã quy tắc / rule id, e.g. new.first_verification
        rule: String,
        /// Số ngày/tháng / the count
        count: u16,
        /// days | working-days | months
        #[arg(long, value_parser = ["days", "working-days", "months"])]
        unit: String,
        /// Văn bản làm căn cứ / the legal text the value comes from
        #[arg(long)]
        source: String,
    },
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let today = ctx.actor().today();
    match args.command {
        None => list(ctx, args.list, today),
        Some(DeadlinesCommand::Rebuild) => {
            let done = rebuild(ctx.store(), &ctx.rules, today)?;
            println!(
                "Đã tính lại bảng thời hạn: {} việc đang thi hành, {} thời hạn / deadlines rebuilt",
                done.open_cases, done.rows
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(DeadlinesCommand::Check) => check(ctx, today),
        Some(DeadlinesCommand::SetLength { rule, count, unit, source }) => {
            let unit = match unit.as_str() {
                "days" => Unit::CalendarDays,
                "working-days" => Unit::WorkingDays,
                _ => Unit::Months,
            };
            let length = Length { count, unit };
            let done =
                set_rule_length(ctx.store(), &ctx.actor(), &ctx.rules, &rule, length, Confidence::Confirmed, &source)?;
            println!("Đã đặt «{rule}» = {length}; tính lại {} thời hạn / rule length set", done.rows);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(ctx: &Context, today: Date) -> Result<ExitCode, CliError> {
    let (want, have) = recompute_and_read(ctx.store(), &ctx.rules, today)?;
    if want == have {
        println!("Bảng thời hạn khớp với tính lại ({} thời hạn) / the table equals a recomputation", have.len());
        return Ok(ExitCode::SUCCESS);
    }
    Err(CliError::Refused(format!(
        "bảng thời hạn KHÔNG khớp ({} lưu, {} tính lại) / the table differs: run `thads deadlines rebuild`",
        have.len(),
        want.len()
    )))
}

fn list(ctx: &Context, args: ListArgs, today: Date) -> Result<ExitCode, CliError> {
    let code = args.unit.ok_or_else(|| CliError::Usage("cần --unit MÃ / --unit CODE is required".into()))?;
    let tree = UnitTree::new(ctx.store().units()?);
    let unit = tree.by_code(&code).ok_or_else(|| CliError::Usage(format!("không có đơn vị / no unit {code}")))?;
    let mut scope = DeadlineScope::of_unit(&tree, unit.id);
    if let Some(login) = &args.officer {
        let login = Login::new(login).map_err(|e| CliError::Usage(e.to_string()))?;
        let staff = ctx.store().staff()?.into_iter().find(|s| s.login == login);
        let staff = staff.ok_or_else(|| CliError::Usage(format!("không có cán bộ / no staff member {login}")))?;
        scope.officer = Some(staff.id);
    }
    let on = match &args.on {
        Some(text) => parse_date(text).map_err(|e| CliError::Usage(format!("--on: {e}")))?,
        None => today,
    };
    let mut listing = deadlines_on(ctx.store(), &ctx.rules, &scope, on, today)?;
    if args.overdue {
        listing.items.retain(|d| d.overdue);
    }
    let out = if args.format == "json" {
        serde_json::to_string_pretty(&listing.items).map_err(|e| CliError::Usage(e.to_string()))?
    } else {
        table(unit.code.as_str(), on, &listing)
    };
    crate::out::line(out)?;
    Ok(ExitCode::SUCCESS)
}

/// The Vietnamese table: overdue first, then by due date (the listing's order).
fn table(unit: &str, on: Date, listing: &Listing) -> String {
    let overdue = listing.items.iter().filter(|d| d.overdue).count();
    let source = if listing.from_table { "bảng thời hạn" } else { "tính từ lịch sử" };
    let mut out = format!(
        "Thời hạn các việc của {unit} ngày {}: {} thời hạn, {overdue} quá hạn ({source})\n",
        format_vn(on),
        listing.items.len()
    );
    if listing.items.is_empty() {
        out.push_str("  (không có thời hạn nào)\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{:<10}  {:<10}  {:<8}  {:<16}  {:<52}  {:<16}  {:<10}  Căn cứ",
        "Hạn", "Tình trạng", "Đơn vị", "Số quyết định", "Việc phải làm", "Chấp hành viên", "Bắt đầu"
    );
    for d in &listing.items {
        let _ = writeln!(out, "{}", line(d));
    }
    out
}

fn line(d: &DueItem) -> String {
    format!(
        "{:<10}  {:<10}  {:<8}  {:<16}  {:<52}  {:<16}  {:<10}  {}",
        format_vn(d.due),
        if d.overdue { "QUÁ HẠN" } else { "còn hạn" },
        d.unit,
        d.case_no,
        d.kind_vi,
        d.officer.as_deref().unwrap_or("—"),
        format_vn(d.started_on),
        d.rule
    )
}
