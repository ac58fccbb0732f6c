//! `thads-bench writers`: officers recording events at the same time through
//! `thads_app::cases::record::record` (history check, ledger, audit, optimistic concurrency), each
//! thread on random cases; reports events per second and latency percentiles. It first writes
//! the synthetic cases it records on, so a `--db` that already holds data is refused unless told
//! `--i-know-this-writes-synthetic-data`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use thads_app::cases::history::LedgerDelta;
use thads_app::cases::record::{NewRecord, record};
use thads_app::{Actor, AppError};
use thads_core::{CaseId, Event, EventCode, Vnd};
use thads_store::StoreError;

use thads_cli::context::Context;
use thads_cli::error::CliError;

use crate::consent::Consent;
use crate::synthetic;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Số luồng ghi đồng thời / concurrent writers
    #[arg(long, default_value_t = 8)]
    threads: usize,
    /// Số sự kiện mỗi luồng / events recorded by each writer
    #[arg(long, default_value_t = 500)]
    events: usize,
    /// Số việc được ghi vào (ít việc = nhiều tranh chấp) / cases written to (few = contention)
    #[arg(long, default_value_t = 10_000)]
    cases: usize,
    #[command(flatten)]
    consent: Consent,
}

/// What one writer saw: latency of each recorded event, and how many attempts were stale.
struct Tally {
    latencies: Vec<Duration>,
    stale: usize,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    args.consent.check(ctx.store(), "writers")?;
    let cases = seed(ctx, args.cases.max(1))?;
    let started = Instant::now();
    let tallies: Vec<Result<Tally, CliError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..args.threads.max(1))
            .map(|t| {
                let cases = &cases;
                s.spawn(move || writer(ctx, cases, args.events, t as u64 + 1))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(CliError::Usage("writer panicked".into()))))
            .collect()
    });
    let wall = started.elapsed();
    let mut latencies = Vec::new();
    let mut stale = 0;
    for tally in tallies {
        let tally = tally?;
        latencies.extend(tally.latencies);
        stale += tally.stale;
    }
    latencies.sort_unstable();
    let pct =
        |p: f64| latencies.get(((latencies.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default();
    println!(
        "backend={} threads={} cases={} events={} wall_s={:.2} events_per_s={:.0} p50_ms={:.2} p99_ms={:.2} max_ms={:.2} stale_retries={stale}",
        ctx.store().backend(),
        args.threads,
        args.cases,
        latencies.len(),
        wall.as_secs_f64(),
        latencies.len() as f64 / wall.as_secs_f64().max(1e-9),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    Ok(ExitCode::SUCCESS)
}

/// Cases to write to, each already verified with means so that collections are allowed.
fn seed(ctx: &Context, n: usize) -> Result<Vec<CaseId>, CliError> {
    let units = synthetic::regions(ctx.store())?;
    let actor = ctx.actor();
    let tag = format!("W{}", actor.at.unix_timestamp_nanos());
    let mut ledger = LedgerDelta::default();
    let chunk = (0..n)
        .map(|i| synthetic::case(&units, &tag, i, 1, actor.at, &ctx.rules, &mut ledger))
        .collect::<Result<Vec<_>, CliError>>()?;
    let mut tx = ctx.store().begin()?;
    let ids = synthetic::store_chunk(tx.as_mut(), chunk, ledger)?;
    tx.touch_ledger()?;
    tx.commit()?;
    Ok(ids)
}

fn writer(ctx: &Context, cases: &[CaseId], events: usize, seed: u64) -> Result<Tally, CliError> {
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut tally = Tally { latencies: Vec::with_capacity(events), stale: 0 };
    let actor = Actor { login: format!("bench.{seed}"), ..ctx.actor() };
    let day = thads_app::clock::vietnam_date(actor.at) - time::Duration::days(1);
    while tally.latencies.len() < events {
        // xorshift: a cheap, reproducible spread over the cases.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let id = cases[(rng % cases.len() as u64) as usize];
        let version = ctx.store().case(id)?.map(|c| c.version).unwrap_or(1);
        let event = Event { date: day, code: EventCode::Collected, amount: Vnd::new(1_000).ok(), ground: None };
        let t = Instant::now();
        match record(ctx.store(), &actor, &ctx.rules, id, version, NewRecord::event(event)) {
            Ok(_) => tally.latencies.push(t.elapsed()),
            Err(AppError::Store(StoreError::Stale { .. })) => tally.stale += 1,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(tally)
}
