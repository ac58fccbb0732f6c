//! `thads-bench pg-import`: an import-equivalent bulk load through the store (cases, their
//! events and ledger rows, in one transaction as an imported file is), timed apart from the
//! CPU work of building and checking the histories. Runs on any `--db`, PostgreSQL first; one
//! that already holds data only when told `--i-know-this-writes-synthetic-data`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use thads_app::cases::history::LedgerDelta;

use thads_cli::context::Context;
use thads_cli::error::CliError;

use crate::consent::Consent;
use crate::synthetic::{self, Synthetic};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Số việc / number of cases
    #[arg(long, default_value_t = 1_000_000)]
    cases: usize,
    /// Số sự kiện mỗi việc / events per case
    #[arg(long, default_value_t = 3)]
    events_per_case: usize,
    /// Số việc mỗi lần ghi / cases per store call
    #[arg(long, default_value_t = 50_000)]
    chunk: usize,
    #[command(flatten)]
    consent: Consent,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    args.consent.check(ctx.store(), "pg-import")?;
    let units = synthetic::regions(ctx.store())?;
    let actor = ctx.actor();
    // Case numbers unique to this run, so that runs can repeat on one database.
    let tag = format!("BENCH{}", actor.at.unix_timestamp_nanos());
    let mut store_time = Duration::ZERO;
    let started = Instant::now();
    let mut tx = ctx.store().begin()?;
    let mut done = 0;
    while done < args.cases {
        let n = args.chunk.max(1).min(args.cases - done);
        let mut ledger = LedgerDelta::default();
        let chunk = (done..done + n)
            .map(|i| synthetic::case(&units, &tag, i, args.events_per_case, actor.at, &ctx.rules, &mut ledger))
            .collect::<Result<Vec<Synthetic>, CliError>>()?;
        let t = Instant::now();
        synthetic::store_chunk(tx.as_mut(), chunk, ledger)?;
        store_time += t.elapsed();
        done += n;
    }
    let t = Instant::now();
    tx.touch_ledger()?;
    tx.commit()?;
    store_time += t.elapsed();
    report(ctx, args, store_time, started.elapsed());
    Ok(ExitCode::SUCCESS)
}

fn report(ctx: &Context, args: &Args, store_time: Duration, total: Duration) {
    let rows = args.cases * (1 + args.events_per_case);
    let rate = |d: Duration| rows as f64 / d.as_secs_f64().max(1e-9);
    println!(
        "backend={} cases={} events={} store_s={:.2} store_rows_per_s={:.0} total_s={:.2} total_rows_per_s={:.0}",
        ctx.store().backend(),
        args.cases,
        args.cases * args.events_per_case,
        store_time.as_secs_f64(),
        rate(store_time),
        total.as_secs_f64(),
        rate(total)
    );
}
