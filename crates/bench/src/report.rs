//! `thads-bench report`: the national report with all breakdowns and one regional section's
//! report, warm (in this process, engine built) and cold (a new `thads report` process each
//! time, the `thads` binary beside this one unless `--thads` names another); and the live path:
//! record one event, apply it, re-read the national report.
//!
//! The live part WRITES to the database (a collection of 1 đ on open cases of the section):
//! run it on a copy or a demo database, which it refuses without
//! `--i-know-this-writes-synthetic-data` (or `--live 0`).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use clap::Args as ClapArgs;
use thads_app::NewRecord;
use thads_app::cases::record::record;
use thads_app::stats::{LiveStatistics, month_engine, targets};
use thads_core::{CaseState, Event, EventCode, ReportingYear, UnitKind, UnitTree, Vnd};
use thads_store::{CaseQuery, StateFilter};

use thads_cli::context::Context;
use thads_cli::error::CliError;
use thads_cli::sys::peak_rss_kib;

use crate::consent::Consent;
use crate::median::median;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Đơn vị báo cáo toàn quốc / the national unit
    #[arg(long, default_value = "VN")]
    unit: String,
    /// Phòng khu vực để đo / the regional section to measure (default: the first one)
    #[arg(long)]
    section: Option<String>,
    /// Năm báo cáo / reporting year (default: the one that contains today)
    #[arg(long)]
    year: Option<i32>,
    /// Số lần đo mỗi phép / runs per measurement
    #[arg(long, default_value_t = 7)]
    runs: usize,
    /// Số lần ghi sự kiện rồi đọc lại / live write-then-read runs (0: skip; writes to the
    /// database, so needs --i-know-this-writes-synthetic-data)
    #[arg(long, default_value_t = 5)]
    live: usize,
    /// Không đo khởi động lạnh / skip the cold-start runs
    #[arg(long)]
    no_cold: bool,
    /// Chương trình `thads` đo khởi động lạnh / the `thads` binary the cold runs start
    /// (default: the one beside `thads-bench`)
    #[arg(long)]
    thads: Option<PathBuf>,
    #[command(flatten)]
    consent: Consent,
}

pub fn run(ctx: &Context, db: &str, args: &Args) -> Result<ExitCode, CliError> {
    let usage = |e: &dyn std::fmt::Display| CliError::Usage(e.to_string());
    if args.live > 0 {
        args.consent.check(ctx.store(), "report --live")?;
    }
    let thads = if args.no_cold { None } else { Some(thads_binary(args.thads.as_ref())?) };
    let year = ReportingYear::new(args.year.unwrap_or_else(|| ReportingYear::containing(ctx.actor().today()).number()))
        .map_err(|e| usage(&e))?;
    let period = year.cumulative(12).map_err(|e| usage(&e))?;
    let units = UnitTree::new(ctx.store().units()?);
    let national = units.by_code(&args.unit).ok_or_else(|| usage(&format!("unknown unit {}", args.unit)))?.clone();
    let section = match &args.section {
        Some(code) => units.by_code(code).cloned(),
        None => units.all().iter().find(|u| u.kind == UnitKind::Region).cloned(),
    }
    .ok_or_else(|| usage(&"no regional section"))?;
    println!("Cơ sở dữ liệu / database: {db} ({} việc / cases)", ctx.store().case_count()?);
    println!("Kỳ / period: năm {year}, 12 tháng; toàn quốc {}, phòng {}", national.code, section.code);

    let started = Instant::now();
    let engine = month_engine(ctx.store(), &ctx.rules)?;
    let targets = targets(ctx.store())?;
    println!("Dựng bộ máy thống kê / engine built in {:.0} ms", ms(started.elapsed()));
    let full = timed(args.runs, || engine.full_report(national.id, period, &targets).map(|_| ()))?;
    let contract = timed(args.runs, || engine.report(national.id, period, &targets).map(|_| ()))?;
    let by_unit = timed(args.runs, || engine.report_by_unit(national.id, period, &targets).map(|_| ()))?;
    let regional = timed(args.runs, || engine.report(section.id, period, &targets).map(|_| ()))?;
    let regional_full = timed(args.runs, || engine.full_report(section.id, period, &targets).map(|_| ()))?;
    println!("Nóng / warm (median of {}):", args.runs);
    println!("  national, all breakdowns     {:>9.3} ms", full);
    println!("  national, contract only      {:>9.3} ms", contract);
    println!("  national, a row per province {:>9.3} ms   ({:.2}× the contract only)", by_unit, by_unit / contract);
    println!("  section, contract only       {:>9.3} ms", regional);
    println!("  section, all breakdowns      {:>9.3} ms", regional_full);
    drop(engine);
    if let Some(thads) = &thads {
        cold(thads, db, &national.code.to_string(), year, args.runs)?;
    }
    if args.live > 0 {
        live(ctx, &national, &section, period, args.live)?;
    }
    println!("Bộ nhớ đỉnh của tiến trình này / this process's peak RSS: {} MiB", peak_rss_kib().unwrap_or(0) / 1024);
    Ok(ExitCode::SUCCESS)
}

fn timed<E: std::fmt::Display>(runs: usize, mut f: impl FnMut() -> Result<(), E>) -> Result<f64, CliError> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        f().map_err(|e| CliError::Refused(e.to_string()))?;
        times.push(ms(t.elapsed()));
    }
    Ok(median(&mut times))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `thads` binary the cold runs start: `given`, or the one built beside this binary
/// (`cargo build --release -p thads-cli -p thads-bench` puts both in `target/release`).
fn thads_binary(given: Option<&PathBuf>) -> Result<PathBuf, CliError> {
    let beside = std::env::current_exe()?.with_file_name(format!("thads{}", std::env::consts::EXE_SUFFIX));
    let path = given.cloned().unwrap_or(beside);
    if path.is_file() {
        return Ok(path);
    }
    Err(CliError::Usage(format!(
        "không thấy chương trình thads / no thads binary at {}: build it (cargo build --release -p thads-cli), \
         name it with --thads, or skip the cold runs with --no-cold",
        path.display()
    )))
}

/// A new process per run: open the database, build the engine, print the extended JSON.
fn cold(exe: &Path, db: &str, unit: &str, year: ReportingYear, runs: usize) -> Result<(), CliError> {
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out = Command::new(exe)
            .args(["--db", db, "report", "--unit", unit, "--year", &year.to_string(), "--extended", "--format", "json"])
            .env("THADS_PRINT_PEAK_RSS", "1")
            .output()?;
        times.push(ms(t.elapsed()));
        if !out.status.success() {
            return Err(CliError::Refused(String::from_utf8_lossy(&out.stderr).into_owned()));
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(kib) =
            stderr.lines().find_map(|l| l.strip_prefix("peak_rss_kib=")).and_then(|v| v.trim().parse::<f64>().ok())
        {
            peaks.push(kib / 1024.0);
        }
    }
    println!("Lạnh / cold: a new `thads report --extended` process per run (median of {runs}):");
    println!("  national, all breakdowns     {:>9.0} ms   peak RSS {:.0} MiB", median(&mut times), median(&mut peaks));
    Ok(())
}

/// Records one event on an open case of the section, applies it to a live engine and re-reads
/// the national report; times the whole.
fn live(
    ctx: &Context,
    national: &thads_core::Unit,
    section: &thads_core::Unit,
    period: thads_core::Period,
    runs: usize,
) -> Result<(), CliError> {
    let stats = LiveStatistics::load(ctx.store(), &ctx.rules)?;
    let query = CaseQuery {
        units: Some(vec![section.id]),
        state: Some(StateFilter::Is(CaseState::WithMeans)),
        limit: u32::try_from(runs.clamp(1, 500)).unwrap_or(1),
        ..CaseQuery::default()
    };
    let cases = ctx.store().list_cases(&query)?.cases;
    let actor = ctx.actor();
    let completed_now = || -> Result<i128, CliError> {
        let report = stats
            .read(|engine, targets| engine.full_report(national.id, period, targets))?
            .map_err(|e| CliError::Refused(e.to_string()))?;
        Ok(report.report.money.completed)
    };
    let before = completed_now()?;
    let mut times = Vec::new();
    let mut after = None;
    for case in cases.iter().filter(|c| !c.current.outstanding.is_zero()).take(runs) {
        let event = Event {
            date: actor.today(),
            code: EventCode::Collected,
            amount: Some(Vnd::new(1).unwrap_or_default()),
            ground: None,
        };
        let t = Instant::now();
        let changed = record(ctx.store(), &actor, &ctx.rules, case.id, case.version, NewRecord::event(event))?;
        stats.apply(&changed)?;
        after = Some(completed_now()?);
        times.push(ms(t.elapsed()));
    }
    if times.is_empty() {
        println!("Sống / live: no open case with money owed in {}", section.code);
        return Ok(());
    }
    println!(
        "Sống / live: record 1 đ collected + apply + national report with all breakdowns (median of {}):",
        times.len()
    );
    // Events dated today move the figures of a period that contains today.
    println!(
        "  {:>9.1} ms   (money completed {} before, {} after)",
        median(&mut times),
        thads_core::VndSum(before),
        after.map_or(String::new(), |m| thads_core::VndSum(m).to_string())
    );
    Ok(())
}
