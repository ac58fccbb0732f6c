//! `thads demo --cases N --seed S [--as-of DATE]`: fills an empty database with realistic,
//! deterministic demo data, shows progress on stderr (a bar on a terminal, lines otherwise),
//! and prints what it wrote, how long it took and the peak memory.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use thads_app::demo::{DemoConfig, DemoSummary, generate};
use thads_app::progress::Progress;
use thads_core::dates::{format_vn, parse_date};

use crate::context::Context;
use crate::error::CliError;
use crate::progress::TerminalProgress;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Số việc cần tạo / number of cases
    #[arg(long, default_value_t = 20_000)]
    cases: u64,
    /// Hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu / random seed: same seed, same data
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Ngày dữ liệu (dd/mm/yyyy), mặc định hôm nay / no event after this day (default: today)
    #[arg(long)]
    as_of: Option<String>,
    /// Số năm báo cáo có việc mới / reporting years with new cases
    #[arg(long, default_value_t = 5)]
    years: u32,
    /// Số việc mỗi giao dịch / cases per transaction
    #[arg(long, default_value_t = 50_000)]
    chunk: usize,
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode, CliError> {
    let today = ctx.actor().today();
    let as_of = match &args.as_of {
        Some(text) => parse_date(text).map_err(|e| CliError::Usage(e.to_string()))?,
        None => today,
    };
    if as_of > today {
        return Err(CliError::Usage(format!(
            "--as-of {} sau ngày hôm nay / is after today: events cannot be in the future",
            format_vn(as_of)
        )));
    }
    let config =
        DemoConfig { years: args.years, chunk: args.chunk.max(1), ..DemoConfig::new(args.cases, args.seed, as_of) };
    let started = Instant::now();
    // A bar on a terminal; plain lines in logs and pipes, where a long run still shows it lives.
    let (bar, lines) = (TerminalProgress::new(), Lines::default());
    let progress: &dyn Progress = if std::io::stderr().is_terminal() { &bar } else { &lines };
    let summary = generate(ctx.store(), &ctx.rules, &config, progress)?;
    print_summary(&summary, &config, started.elapsed());
    Ok(ExitCode::SUCCESS)
}

fn print_summary(s: &DemoSummary, config: &DemoConfig, elapsed: Duration) {
    println!("Đã tạo dữ liệu mẫu / demo data generated (seed {}, đến ngày {})", config.seed, format_vn(config.as_of));
    println!("  đơn vị / units:                 {}", s.units);
    println!("  cán bộ / staff:                 {} (chấp hành viên / officers: {})", s.staff, s.officers);
    println!("  việc / cases:                   {}", s.cases);
    println!("  sự kiện / events:               {}", s.events);
    println!("  dòng sổ cái / ledger rows:      {}", s.ledger_rows);
    println!("  khoản đã khấu trừ / deducted:   {}", s.deducted_moves);
    println!("  tổ chức lại 01/07/2025 / reform: {} (sáp nhập, đổi tên / merges, renames)", s.reorg_operations);
    println!("  thời gian / elapsed:            {:.1} s", elapsed.as_secs_f64());
    match crate::sys::peak_rss_kib() {
        Some(kib) => println!("  bộ nhớ đỉnh / peak RSS:         {} MiB", kib / 1024),
        None => println!("  bộ nhớ đỉnh / peak RSS:         (không đo được / unavailable)"),
    }
}

/// Progress as plain lines on stderr, at most every two seconds, for logs and pipes.
#[derive(Default)]
struct Lines {
    state: Mutex<LineState>,
}

#[derive(Default)]
struct LineState {
    label: String,
    total: Option<u64>,
    done: u64,
    started: Option<Instant>,
    shown: Option<Instant>,
}

impl Progress for Lines {
    fn phase(&self, label: &str, total: Option<u64>) {
        if let Ok(mut s) = self.state.lock() {
            *s = LineState { label: label.to_string(), total, started: Some(Instant::now()), ..LineState::default() };
            eprintln!("{label}…");
        }
    }

    fn advance(&self, n: u64) {
        if let Ok(mut s) = self.state.lock() {
            s.done += n;
            if s.shown.is_none_or(|t| t.elapsed() >= Duration::from_secs(2)) {
                s.shown = Some(Instant::now());
                let rate = s.started.map_or(0.0, |t| s.done as f64 / t.elapsed().as_secs_f64().max(1e-3));
                match s.total {
                    Some(total) => eprintln!("  {}: {}/{} ({:.0}/s)", s.label, s.done, total, rate),
                    None => eprintln!("  {}: {} ({:.0}/s)", s.label, s.done, rate),
                }
            }
        }
    }

    fn finish(&self) {
        if let Ok(s) = self.state.lock() {
            let secs = s.started.map_or(0.0, |t| t.elapsed().as_secs_f64());
            eprintln!("  {}: xong / done in {secs:.1} s", s.label);
        }
    }
}
