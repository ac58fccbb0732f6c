//! `thads-bench workload`: the officers' workload (issue 23, item 2) and the staffing report of
//! a unit's scope on `--db` as it stands (the national unit by default: every officer), medians
//! of `--runs`. Read-only.

use std::process::ExitCode;
use std::time::Instant;

use clap::Args as ClapArgs;
use thads_core::UnitTree;

use thads_cli::context::Context;
use thads_cli::error::CliError;

use crate::median::median;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Đơn vị / the unit (default: the national one)
    #[arg(long, default_value = "VN")]
    unit: String,
    /// Số lần đo / runs per measurement
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    let store = ctx.store();
    let units = UnitTree::new(store.units()?);
    let unit = units.by_code(&args.unit).ok_or_else(|| CliError::Usage(format!("unknown unit {}", args.unit)))?.id;
    let today = ctx.actor().today();
    let (mut work, mut staffing) = (Vec::new(), Vec::new());
    let mut lines = 0;
    let mut people = 0;
    for _ in 0..args.runs.max(1) {
        let t = Instant::now();
        lines = thads_app::personnel::workload(store, &units, unit, today)?.len();
        work.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        people = thads_app::personnel::report(store, &units, unit, today, 6)?.total.filled;
        staffing.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("cases={} officer_lines={lines} people={people} backend={}", store.case_count()?, store.backend());
    println!("workload_ms_median={:.1}", median(&mut work));
    println!("staffing_report_ms_median={:.1}", median(&mut staffing));
    Ok(ExitCode::SUCCESS)
}
