//! `thads-bench import`: generates registers (by default 1,000,000 cases and 3,000,000 events)
//! as CSV files, imports them into a fresh SQLite file in this process, and prints rows per
//! second for each file and in total, the peak resident memory, and a durability check made by
//! reopening the database.

mod generate;
mod names;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use thads_app::Actor;
use thads_app::clock::SystemClock;
use thads_app::imports::{Authority, InputFile, import_files};
use thads_core::Rules;
use thads_core::ledger::{Dim, m};
use thads_store::ScanFilter;

use self::generate::Generated;
use thads_cli::cmd::imports::print_reports;
use thads_cli::context::open_store;
use thads_cli::error::CliError;
use thads_cli::progress::TerminalProgress;

use crate::consent::Consent;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Số việc; mỗi việc có 3 sự kiện / number of cases, each with three events
    #[arg(long, default_value_t = 1_000_000)]
    cases: u64,
    /// Hạt giống ngẫu nhiên / seed of the generated data
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Thư mục giữ tệp sinh ra và cơ sở dữ liệu (mặc định: thư mục tạm, xóa khi xong) / keep the
    /// generated files and the database in this directory
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Nhập vào cơ sở dữ liệu PostgreSQL trống này thay cho tệp SQLite mới / import into this
    /// empty PostgreSQL database (postgres://…) instead of a fresh SQLite file
    #[arg(long)]
    pg: Option<String>,
    /// Phần trăm số việc thụ lý từ khi luật mới có hiệu lực (01/07/2026), có thời hạn luật định /
    /// percent of the cases accepted since the new law took effect (01/07/2026), which have legal
    /// deadlines; 0 (the default) keeps the data set of earlier measurements
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=100))]
    new_law_percent: u64,
    #[command(flatten)]
    consent: Consent,
}

pub fn run(args: &Args) -> Result<ExitCode, CliError> {
    if let Some(url) = &args.pg {
        args.consent.check(open_store(url)?.as_ref(), "import --pg")?;
    }
    let temp = tempfile::tempdir()?;
    let dir = match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            dir.clone()
        }
        None => temp.path().to_path_buf(),
    };
    let started = Instant::now();
    let generated = generate::write(&dir, args.cases, args.seed, args.new_law_percent)?;
    println!(
        "Sinh dữ liệu / generated {} units, {} cases, {} events in {:.1} s ({})",
        generated.units,
        generated.cases,
        generated.events,
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    let db = match &args.pg {
        Some(url) => url.clone(),
        None => fresh_file(&dir.join("bench.db"))?,
    };
    if !import_all(&dir, &db, generated)? {
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "Bộ nhớ đỉnh / peak RSS (VmHWM): {}",
        thads_cli::sys::peak_rss_kib().map_or_else(|| "unknown".into(), |kib| format!("{} MiB", kib / 1024))
    );
    Ok(if durable(&db, generated)? { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Imports the three files one after the other, timing each; false if any was refused.
fn import_all(dir: &Path, db: &str, generated: Generated) -> Result<bool, CliError> {
    let store = open_store(db)?;
    let actor = Actor { login: "bench".into(), at: SystemClock.now() };
    let rules = Rules::default();
    let progress = TerminalProgress::new();
    let (mut total, cpu_before) = (Duration::ZERO, cpu_seconds());
    for (name, rows) in
        [("units.csv", generated.units), ("cases.csv", generated.cases), ("events.csv", generated.events)]
    {
        let (started, cpu) = (Instant::now(), cpu_seconds());
        let file = InputFile::at(dir.join(name));
        let reports = import_files(store.as_ref(), &actor, &Authority::Operator, &rules, &[file], &progress)?;
        let took = started.elapsed();
        if !reports.iter().all(|r| r.outcome.is_imported()) {
            print_reports(&reports);
            return Ok(false);
        }
        total += took;
        println!("{}", figures(name, rows, took, cpu_seconds() - cpu));
    }
    // Closing is part of the import's time: the last SQLite connection to close copies what is
    // left of the write-ahead log into the database file.
    let (started, cpu) = (Instant::now(), cpu_seconds());
    drop(store);
    let took = started.elapsed();
    total += took;
    println!("  {:<21} in {:>7.2} s (CPU {:.2} s)", "close", took.as_secs_f64(), cpu_seconds() - cpu);
    let rows = generated.units + generated.cases + generated.events;
    println!("{}", figures("total", rows, total, cpu_seconds() - cpu_before));
    Ok(true)
}

/// `path` for a new SQLite file: what an earlier run with the same `--dir` left there (the
/// database, its log and shared memory) is removed first.
fn fresh_file(path: &Path) -> Result<String, CliError> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            std::fs::remove_file(&file)?;
        }
    }
    Ok(path.display().to_string())
}

fn per_second(rows: u64, took: Duration) -> f64 {
    rows as f64 / took.as_secs_f64().max(1e-9)
}

/// One line of results; the CPU time tells apart this process's work from waiting for a busy
/// machine.
fn figures(name: &str, rows: u64, took: Duration, cpu: f64) -> String {
    format!(
        "  {name:<11} {rows:>9} rows in {:>7.2} s = {:>9.0} rows/s (CPU {cpu:.2} s)",
        took.as_secs_f64(),
        per_second(rows, took)
    )
}

/// User and system CPU time of this process so far, in seconds (`/proc/self/stat`, in the
/// kernel's fixed 100 ticks per second); 0 where unavailable.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest.split_whitespace().skip(11).take(2).filter_map(|t| t.parse::<u64>().ok()).sum();
    ticks as f64 / 100.0
}

/// Reopens the database (every connection runs with `synchronous = full`, so a committed import
/// is on disk) and counts what it holds.
fn durable(db: &str, generated: Generated) -> Result<bool, CliError> {
    let store = open_store(db)?;
    let cases = store.case_count()?;
    // Officers partition a unit's cases, so accepted counts summed over officer series count each
    // case once.
    let accepted: i64 = store
        .ledger()?
        .iter()
        .filter(|r| matches!(r.series.dim, Dim::Officer(_)))
        .map(|r| r.measures.0[m::ACCEPTED_COUNT])
        .sum();
    let mut events = 0u64;
    store.scan_histories(&ScanFilter::default(), &mut |h| {
        events += h.records.len() as u64;
        Ok(())
    })?;
    let ok = cases == generated.cases && events == generated.events && accepted == generated.cases as i64;
    println!(
        "Mở lại / reopened: {cases} cases, {events} events, ledger counts {accepted} accepted cases: {}",
        if ok { "bền vững / durable" } else { "KHÔNG KHỚP / MISMATCH" }
    );
    Ok(ok)
}
