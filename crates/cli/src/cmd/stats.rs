//! `thads report`: the cases and money forms of a unit for a period (interchange §2–3), as the
//! contract JSON or an aligned table; as XLSX (a sheet per form, print layout) or CSV (UTF-8
//! with a byte-order mark) every complete form (`thads_reports::forms`: numbers and titles,
//! rows by unit, targets and gaps, last year, per officer by name, sub-series, CEPEJ,
//! signature block); with
//! `--by-unit` a row per subordinate unit then the total (`--extended` has them too); with
//! `--extended` the breakdowns, the same period last year and the CEPEJ indicators; with
//! `--cell` the cases behind one figure.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args as ClapArgs;
use thads_app::reorg::stats as structured;
use thads_app::stats::{FigureCase, FigureQuery, cases_behind_figure, month_engine, targets, unit_head};
use thads_core::dates::{format_vn, parse_date};
use thads_core::{Period, ReportingYear, Unit, UnitTree};
use thads_reports::Signing;
use thads_reports::forms::{csv as forms_csv, xlsx as forms_xlsx};
use thads_reports::output::table;
use thads_reports::{Column, FormKind};

use crate::context::Context;
use crate::error::CliError;
use crate::out;

#[derive(Debug, ClapArgs)]
#[command(subcommand_negates_reqs = true)]
pub struct Args {
    /// `thads report snapshot|diff` (issue 17)
    #[command(subcommand)]
    snapshots: Option<crate::cmd::snapshots::ReportCommand>,
    /// Mã đơn vị (gồm cả các đơn vị trực thuộc) / unit code (its whole subtree)
    #[arg(long, required = true)]
    unit: Option<String>,
    /// Năm báo cáo (năm 2023 = 01/10/2022 – 30/09/2023) / reporting year
    #[arg(long, conflicts_with_all = ["from", "to"])]
    year: Option<i32>,
    /// Số tháng lũy kế từ 01/10 (1–12) / cumulative months from 1 October
    #[arg(long, default_value_t = 12, requires = "year")]
    months: u8,
    /// Từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd) / first day
    #[arg(long, requires = "to")]
    from: Option<String>,
    /// Đến ngày / last day
    #[arg(long, requires = "from")]
    to: Option<String>,
    /// json (hợp đồng dữ liệu), csv, xlsx, table
    #[arg(long, default_value = "json", value_parser = ["json", "csv", "xlsx", "table"])]
    format: String,
    /// Ghi ra tệp / write to a file
    #[arg(long)]
    out: Option<PathBuf>,
    /// Kèm phân tổ, cùng kỳ năm trước, chỉ số CEPEJ / with breakdowns, last year and CEPEJ
    #[arg(long)]
    extended: bool,
    /// Kèm một dòng cho mỗi đơn vị trực thuộc (việc của đơn vị trước), rồi tổng cộng / with a
    /// row per subordinate unit (the unit's own cases first), then the total
    #[arg(long)]
    by_unit: bool,
    /// Nơi ghi trước ngày ký ở khối chữ ký (XLSX, CSV) / the place written before the date
    /// of the signature block
    #[arg(long, default_value = "")]
    place: String,
    /// Người lập biểu (mặc định: tên của người dùng CLI) / the preparer's name (default: the
    /// CLI user's name when on the staff list)
    #[arg(long)]
    preparer: Option<String>,
    /// Liệt kê các việc tạo nên một ô, ví dụ with_means, completed / list the cases behind a figure
    #[arg(long)]
    cell: Option<String>,
    /// Biểu của ô: cases (việc) hoặc money (tiền) / the form of --cell
    #[arg(long, default_value = "cases", value_parser = ["cases", "money"])]
    form: String,
    /// Số việc tối đa được liệt kê / at most this many cases listed
    #[arg(long, default_value_t = 200)]
    limit: usize,
    /// Cơ cấu: as-reported (như đã báo cáo, cơ cấu của ngày cuối kỳ) hoặc restated (theo cơ cấu
    /// hiện nay) / the structure: as reported then, or restated on today's units (issue 23)
    #[arg(long, default_value = "as-reported", value_parser = ["as-reported", "restated"])]
    structure: String,
}

pub fn run(ctx: &Context, mut args: Args) -> Result<ExitCode, CliError> {
    if let Some(command) = args.snapshots.take() {
        return crate::cmd::snapshots::run(ctx, command);
    }
    let code = args.unit.clone().unwrap_or_default();
    let units = UnitTree::new(ctx.store().units()?);
    let unit = units
        .by_code(&code)
        .cloned()
        .ok_or_else(|| CliError::Usage(format!("không có đơn vị «{code}» / unknown unit")))?;
    let period = period_of(&args)?;
    let today = ctx.actor().today();
    if let Some(cell) = &args.cell {
        return list_cases(ctx, &units, &unit, period, cell, &args);
    }
    let engine = month_engine(ctx.store(), &ctx.rules)?;
    let targets = targets(ctx.store())?;
    let structure = thads_core::reorg::Structure::parse(&args.structure).unwrap_or_default();
    let bytes = if matches!(args.format.as_str(), "csv" | "xlsx") {
        let signing = signing(ctx, &unit, &args)?;
        let set =
            structured::forms(ctx.store(), &ctx.rules, &engine, &targets, unit.id, period, today, signing, structure)?;
        if args.format == "csv" { forms_csv::forms(&set).map(String::into_bytes) } else { forms_xlsx::workbook(&set) }
    } else if args.extended {
        let full =
            structured::full_report(ctx.store(), &ctx.rules, &engine, &targets, unit.id, period, today, structure)?;
        match args.format.as_str() {
            "json" => full.to_json().map(String::into_bytes),
            _ => Ok(table::full(&full).into_bytes()),
        }
    } else {
        let report = if args.by_unit { structured::report_by_unit } else { structured::report };
        let r = report(ctx.store(), &ctx.rules, &engine, &targets, unit.id, period, today, structure)?;
        match args.format.as_str() {
            "json" => r.to_json().map(String::into_bytes),
            _ => Ok(table::report(&r).into_bytes()),
        }
    }
    .map_err(|e| CliError::Refused(e.to_string()))?;
    write_out(&args, &bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// The signature block: the place given, today, the preparer (given, or the CLI user's name
/// on the staff list), the unit's head.
fn signing(ctx: &Context, unit: &Unit, args: &Args) -> Result<Signing, CliError> {
    let place = thads_core::field::UNIT_NAME.clean(&args.place).map_err(|e| CliError::Usage(e.to_string()))?;
    let preparer = match &args.preparer {
        Some(p) => thads_core::field::STAFF_NAME.clean(p).map_err(|e| CliError::Usage(e.to_string()))?,
        None => {
            let staff = ctx.store().staff()?;
            staff.into_iter().find(|s| s.login.as_str() == ctx.login).map(|s| s.full_name).unwrap_or_default()
        }
    };
    let head = unit_head(ctx.store(), unit.id)?.unwrap_or_default();
    Ok(Signing { place, date: ctx.actor().today(), preparer, head })
}

fn period_of(args: &Args) -> Result<Period, CliError> {
    let usage = |e: &dyn std::fmt::Display| CliError::Usage(e.to_string());
    match (args.year, &args.from, &args.to) {
        (Some(y), _, _) => {
            let year = ReportingYear::new(y).map_err(|e| usage(&e))?;
            year.cumulative(args.months).map_err(|e| usage(&e))
        }
        (None, Some(from), Some(to)) => {
            let from = parse_date(from).map_err(|e| usage(&e))?;
            let to = parse_date(to).map_err(|e| usage(&e))?;
            Period::new(from, to).map_err(|e| usage(&e))
        }
        _ => Err(CliError::Usage("cần --year hoặc --from và --to / give --year, or --from and --to".into())),
    }
}

fn write_out(args: &Args, bytes: &[u8]) -> Result<(), CliError> {
    match &args.out {
        Some(path) => std::fs::write(path, bytes)?,
        None if args.format == "xlsx" && std::io::stdout().is_terminal() => {
            return Err(CliError::Usage(
                "XLSX là tệp nhị phân: dùng --out TỆP / XLSX is binary: use --out FILE".into(),
            ));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            if args.format != "xlsx" && !bytes.ends_with(b"\n") {
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}

fn list_cases(
    ctx: &Context,
    units: &UnitTree,
    unit: &Unit,
    period: Period,
    cell: &str,
    args: &Args,
) -> Result<ExitCode, CliError> {
    let column = Column::ALL
        .into_iter()
        .find(|c| c.key() == cell)
        .ok_or_else(|| CliError::Usage(format!("không có ô «{cell}» / unknown cell; one of: {}", column_keys())))?;
    let kind = if args.form == "money" { FormKind::Money } else { FormKind::Cases };
    let query = FigureQuery { unit: unit.id, period, kind, column, offset: 0, limit: args.limit };
    let (cases, total) = cases_behind_figure(ctx.store(), &ctx.rules, units, &query, ctx.actor().today())?;
    out::line(format_args!(
        "{} — {} {} – {}: {} việc / cases",
        unit.code,
        column.key(),
        format_vn(period.from()),
        format_vn(period.to()),
        total
    ))?;
    for FigureCase { id, value: contribution, .. } in cases {
        if let Some(case) = ctx.store().case(id)? {
            let code = units.get(case.facts.unit).map_or("?", |u| u.code.as_str());
            let amount =
                if kind == FormKind::Money { format!("  {}", thads_core::VndSum(contribution)) } else { String::new() };
            out::line(format_args!(
                "{code:<10} {:<24} {:<32}{amount}",
                case.facts.case_no.as_str(),
                case.facts.debtor
            ))?;
        }
    }
    if total > args.limit {
        out::line(format_args!("… và {} việc khác (tăng --limit) / and more", total - args.limit))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn column_keys() -> String {
    Column::ALL.iter().map(|c| c.key()).collect::<Vec<_>>().join(", ")
}
