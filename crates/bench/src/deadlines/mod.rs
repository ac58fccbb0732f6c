//! `thads-bench deadlines`: the legal deadlines of millions of cases computed from their
//! replayed histories (issue 6: 10,000,000 cases in under 2 s). The histories are loaded first
//! into one compact arena (every step in one vector, each case a slice of it), from the demo
//! database if there is one, otherwise synthesised deterministically; then the computation is
//! timed alone with 1 and 2 threads, median of several runs.

mod arena;
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use thads_app::cases::history::check;
use thads_app::deadlines::DeadlineSetup;
use thads_cli::context::Context;
use thads_cli::error::CliError;
use thads_core::Rules;
use thads_core::deadlines::{CaseView, deadlines_into};
use thads_core::lifecycle::Step;
use thads_store::{Events, ScanFilter};
use thads_store_sqlite::SqliteStore;
use time::Date;

use self::arena::Arena;
use self::synthetic::synthesise;

/// The demo database a colleague generates for benchmarks.
const DEMO_10M: &str = "/work/bench/demo-10m.db";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Số việc tổng hợp / synthetic cases (when no demo database is used)
    #[arg(long, default_value_t = 10_000_000)]
    cases: usize,
    /// Số lần đo mỗi cấu hình (lấy trung vị) / runs per configuration (the median is shown)
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Tệp SQLite để nạp lịch sử (mặc định /work/bench/demo-10m.db nếu có) / SQLite file to load
    #[arg(long)]
    from_db: Option<PathBuf>,
    /// Luôn dùng dữ liệu tổng hợp / always synthesise
    #[arg(long)]
    synthetic: bool,
    /// Ngày tính (mặc định hôm nay) / the day computed (default today)
    #[arg(long)]
    on: Option<String>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    let today = ctx.actor().today();
    let on = match &args.on {
        Some(text) => thads_core::dates::parse_date(text).map_err(|e| CliError::Usage(format!("--on: {e}")))?,
        None => today,
    };
    let setup = DeadlineSetup::built_in()?;
    let db = args.from_db.clone().or_else(|| Some(PathBuf::from(DEMO_10M)).filter(|p| p.exists()));
    let started = Instant::now();
    let (arena, source) = match db.filter(|_| !args.synthetic) {
        Some(path) => (load(&path, &ctx.rules, today)?, format!("open cases of {}", path.display())),
        None => (synthesise(args.cases, today), format!("{} synthetic lawful histories", args.cases)),
    };
    let load = started.elapsed();
    println!("deadlines bench: {source}");
    println!(
        "  loaded {} cases, {} steps ({} MiB arena) in {:.2} s",
        arena.len(),
        arena.steps.len(),
        (arena.steps.len() * std::mem::size_of::<Step>() + arena.len() * 40) >> 20,
        load.as_secs_f64()
    );
    for threads in [1, 2] {
        let (mut times, mut cpu, mut found) = (Vec::new(), Vec::new(), (0, 0));
        for _ in 0..args.runs.max(1) {
            let (t, c) = (Instant::now(), cpu_time());
            found = compute(&arena, &setup, on, threads);
            times.push(t.elapsed());
            cpu.push(cpu_time().saturating_sub(c));
        }
        let (median, spread) = (median(&mut times), (times[0], times[times.len() - 1]));
        println!(
            "  {threads} thread(s): median {:.3} s wall, {:.2} s CPU, over {} runs (wall min {:.3}, max {:.3}); \
             {} deadlines, {} overdue on {}",
            median.as_secs_f64(),
            self::median(&mut cpu).as_secs_f64(),
            times.len(),
            spread.0.as_secs_f64(),
            spread.1.as_secs_f64(),
            found.0,
            found.1,
            thads_core::dates::format_vn(on)
        );
    }
    println!("  load average when done: {}", std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim());
    Ok(ExitCode::SUCCESS)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or(Duration::ZERO)
}

/// CPU time of the process (user + system), from Linux's /proc: on a shared machine the wall
/// time alone would mostly measure the other processes. Zero where /proc is missing.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and
    // 13th, in clock ticks (100 per second on Linux).
    let fields: Vec<u64> = stat
        .rsplit_once(") ")
        .map(|(_, rest)| rest.split(' ').map(|f| f.parse().unwrap_or(0)).collect())
        .unwrap_or_default();
    let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// The open cases of a database, replayed once (as the store would hand them to a rebuild).
fn load(path: &std::path::Path, rules: &Rules, today: Date) -> Result<Arena, CliError> {
    let store = SqliteStore::open(path)?;
    let mut arena = Arena::default();
    store.scan_histories(&ScanFilter::default(), &mut |h| {
        if h.case.current.state.is_closed() {
            return Ok(());
        }
        if let Ok(checked) = check(&h.case.facts, &h.records, today, rules) {
            arena.push(h.case.facts.basis(), h.case.facts.categories, &checked.steps);
        }
        Ok(())
    })?;
    Ok(arena)
}

/// Every case's deadlines on `on`, the cases split in `threads` chunks; returns the number of
/// deadlines and of overdue ones (so that nothing is optimised away).
fn compute(arena: &Arena, setup: &DeadlineSetup, on: Date, threads: usize) -> (u64, u64) {
    let chunk = arena.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..arena.len())
            .step_by(chunk)
            .map(|start| s.spawn(move || compute_range(arena, setup, on, start..(start + chunk).min(arena.len()))))
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    })
}

fn compute_range(arena: &Arena, setup: &DeadlineSetup, on: Date, range: std::ops::Range<usize>) -> (u64, u64) {
    let (mut out, mut total, mut overdue) = (Vec::with_capacity(8), 0u64, 0u64);
    for i in range {
        let ((basis, categories), (start, len)) = (&arena.bases[i], arena.spans[i]);
        let start = start as usize;
        let case = CaseView { basis, categories: *categories, steps: &arena.steps[start..start + usize::from(len)] };
        out.clear();
        deadlines_into(&case, on, &setup.rules, &setup.calendar, &mut out);
        total += out.len() as u64;
        overdue += out.iter().filter(|d| d.overdue).count() as u64;
    }
    (total, overdue)
}
