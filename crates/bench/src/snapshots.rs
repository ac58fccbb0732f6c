//! `thads-bench snapshot`: a report saved as a snapshot (every figure from the statistics ledger
//! and the marks, `thads_app::snapshots::save`) and its diff against today's figures, at the scale of
//! `--db` (the national unit by default), medians of `--runs`. With `--late N` (which WRITES
//! to the database: N collected events of 1 đ on open cases, dated inside the period, so it
//! needs --i-know-this-writes-synthetic-data) the diff is measured again after them and checked
//! to name exactly those cases.
//!
//! Saving a snapshot writes it into `--db` too (as saving one from the web does).

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args as ClapArgs;
use thads_app::NewRecord;
use thads_app::cases::record::record;
use thads_app::snapshots::{Against, diff, get, save};
use thads_app::stats::{month_engine, report, targets};
use thads_core::{CaseState, Event, EventCode, ReportingYear, UnitTree, Vnd};
use thads_store::{CaseQuery, StateFilter};

use thads_cli::context::Context;
use thads_cli::error::CliError;
use thads_cli::sys::peak_rss_kib;

use crate::consent::Consent;
use crate::median::median;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Đơn vị / the unit (default: the national one)
    #[arg(long, default_value = "VN")]
    unit: String,
    /// Năm báo cáo / reporting year (default: the one that contains today)
    #[arg(long)]
    year: Option<i32>,
    /// Số tháng lũy kế / cumulative months
    #[arg(long, default_value_t = 12)]
    months: u8,
    /// Số lần đo / runs per measurement
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Ghi N sự kiện muộn rồi đo lại phép so sánh / record N late events, then time the diff again
    #[arg(long, default_value_t = 0)]
    late: usize,
    #[command(flatten)]
    consent: Consent,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    let usage = |e: &dyn std::fmt::Display| CliError::Usage(e.to_string());
    if args.late > 0 {
        args.consent.check(ctx.store(), "snapshot --late")?;
    }
    let store = ctx.store();
    let units = UnitTree::new(store.units()?);
    let unit = units.by_code(&args.unit).ok_or_else(|| CliError::Usage(format!("unknown unit {}", args.unit)))?.clone();
    let today = ctx.actor().today();
    let year = match args.year {
        Some(y) => ReportingYear::new(y).map_err(|e| usage(&e))?,
        None => ReportingYear::containing(today),
    };
    let period = year.cumulative(args.months).map_err(|e| usage(&e))?;
    println!("thads-bench snapshot: {} cases in the database, unit {}, {period:?}", store.case_count()?, unit.code);
    let mut times = Vec::new();
    let mut id = 0;
    for _ in 0..args.runs.max(1) {
        let t = Instant::now();
        id = save(store, &ctx.actor(), &ctx.rules, unit.id, period)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "  snapshot (save: month engine built + report + stored): {:>9.1} ms median of {}",
        median(&mut times),
        times.len()
    );
    let head = get(store, id)?;
    let time_diff = |runs: usize| -> Result<(f64, thads_app::snapshots::Diff), CliError> {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let engine = month_engine(store, &ctx.rules)?;
            let live = report(store, &ctx.rules, &engine, &targets(store)?, unit.id, period, today)?;
            last = Some(diff(store, &ctx.rules, &units, &head, Against::Live(&live), today)?);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        Ok((median(&mut times), last.unwrap_or(thads_app::snapshots::Diff { changes: Vec::new() })))
    };
    let (ms, d) = time_diff(args.runs)?;
    println!(
        "  diff against live, nothing changed (engine built + report + diff): {ms:>9.1} ms, {} changes",
        d.changes.len()
    );
    if args.late > 0 {
        let named = late_events(ctx, &unit, period, args.late)?;
        let (ms, d) = time_diff(args.runs)?;
        let found: BTreeSet<String> =
            d.changes.iter().flat_map(|c| c.cases.iter().map(|w| w.case_no.clone())).collect();
        println!(
            "  diff against live after {} late events: {ms:>9.1} ms, {} figures moved, names {} cases ({})",
            named.len(),
            d.changes.len(),
            found.len(),
            if found == named { "exactly the late ones" } else { "NOT the late ones" }
        );
    }
    if let Some(kib) = peak_rss_kib() {
        println!("  peak RSS: {} MiB", kib / 1024);
    }
    Ok(ExitCode::SUCCESS)
}

/// Records 1 đ collected on `n` open cases of the scope, dated on the period's last day (today
/// when the period is not over).
fn late_events(
    ctx: &Context,
    unit: &thads_core::Unit,
    period: thads_core::Period,
    n: usize,
) -> Result<BTreeSet<String>, CliError> {
    let units = UnitTree::new(ctx.store().units()?);
    let query = CaseQuery {
        units: Some(units.scope(unit.id).into_iter().collect()),
        state: Some(StateFilter::Is(CaseState::WithMeans)),
        limit: u32::try_from(n.clamp(1, 500) * 4).unwrap_or(4),
        ..CaseQuery::default()
    };
    let mut named = BTreeSet::new();
    let actor = ctx.actor();
    for case in ctx.store().list_cases(&query)?.cases {
        if named.len() == n {
            break;
        }
        if case.current.outstanding.is_zero() || case.facts.accepted_on > period.to() {
            continue;
        }
        let event = Event {
            date: period.to().min(actor.today()),
            code: EventCode::Collected,
            amount: Some(Vnd::new(1).unwrap_or_default()),
            ground: None,
        };
        if record(ctx.store(), &actor, &ctx.rules, case.id, case.version, NewRecord::event(event)).is_ok() {
            named.insert(case.facts.case_no.to_string());
        }
    }
    Ok(named)
}
