//! `thads-bench snapshot`: a report saved as a snapshot (every figure from the statistics ledger
//! and the marks, `thads_app::snapshots::save`) and its diff against today's figures, at the scale of
//! `--db` (the national unit by default), medians of `--runs`; each three ways, checked to give
//! the same snapshot and the same diff: before (the whole month engine built from the stored
//! ledger, as every save and `thads report diff` did until the engine of the totals), cold (as
//! `thads report snapshot|diff` now: the engine of the units' totals built from the ledger) and
//! warm (as the server: its live engine, `save_with`; the diff from its report). With `--late N` (which WRITES
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
use thads_app::snapshots::{Against, Diff, diff, get, period_of, save, save_with};
use thads_app::stats::{LiveStatistics, month_engine, report, targets, totals_engine};
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
    let (actor, rules) = (ctx.actor(), &ctx.rules);
    // Before: every save built the whole month engine (every breakdown) from the stored ledger.
    let (ms, before_id) = timed(args.runs, || {
        let whole = LiveStatistics::load(store, rules)?;
        Ok(save_with(store, &actor, rules, unit.id, period, Some(&whole))?)
    })?;
    println!("  snapshot, before (whole month engine built + report + stored):     {ms:>9.1} ms");
    // As `thads report snapshot` now (a process of its own): the engine of the units' totals.
    let (ms, cold_id) = timed(args.runs, || Ok(save(store, &actor, rules, unit.id, period)?))?;
    println!("  snapshot, cold (engine of the totals built + report + stored):     {ms:>9.1} ms");
    // As the server: from its live engine, loaded once at start and following its writes.
    let started = Instant::now();
    let live = LiveStatistics::load(store, rules)?;
    println!("  (the server's live engine loaded once in {:.1} ms)", started.elapsed().as_secs_f64() * 1000.0);
    let (ms, warm_id) = timed(args.runs, || Ok(save_with(store, &actor, rules, unit.id, period, Some(&live))?))?;
    let same =
        |a: &thads_store::SnapshotHead, b: &thads_store::SnapshotHead| a.figures == b.figures && a.report == b.report;
    let (before, cold, warm) = (get(store, before_id)?, get(store, cold_id)?, get(store, warm_id)?);
    println!(
        "  snapshot, warm (the server's live engine + report + stored):       {ms:>9.1} ms ({})",
        if same(&before, &warm) && same(&cold, &warm) { "the three the same" } else { "NOT THE SAME" }
    );
    let head = warm;
    let ways = [Way::Before, Way::Cold, Way::Warm(&live)];
    let mut diffs = Vec::new();
    for way in ways {
        let (ms, d) = time_diff(ctx, &head, way, args.runs)?;
        println!("  diff against live, nothing changed, {:<7} {ms:>9.1} ms, {} changes", way.name(), d.changes.len());
        diffs.push(d);
    }
    if args.late > 0 {
        let named = late_events(ctx, &live, &unit, period, args.late)?;
        let mut diffs = Vec::new();
        for way in ways {
            let (ms, d) = time_diff(ctx, &head, way, args.runs)?;
            println!("  diff against live after {} late events, {:<7} {ms:>9.1} ms", named.len(), way.name());
            diffs.push(d);
        }
        let d = &diffs[0];
        let found: BTreeSet<String> =
            d.changes.iter().flat_map(|c| c.cases.iter().map(|w| w.case_no.clone())).collect();
        println!(
            "  {} figures moved, naming {} cases ({}; {})",
            d.changes.len(),
            found.len(),
            if found == named { "exactly the late ones" } else { "NOT the late ones" },
            if diffs.iter().all(|x| x == d) { "the three diffs the same" } else { "NOT THE SAME diffs" }
        );
    }
    if let Some(kib) = peak_rss_kib() {
        println!("  peak RSS: {} MiB", kib / 1024);
    }
    Ok(ExitCode::SUCCESS)
}

/// The median of `runs` calls of `f` in milliseconds, and its last result.
fn timed<T>(runs: usize, mut f: impl FnMut() -> Result<T, CliError>) -> Result<(f64, T), CliError> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let last = last.ok_or_else(|| CliError::Refused("no run".into()))?;
    Ok((median(&mut times), last))
}

/// Where the live figures a diff compares with come from.
#[derive(Clone, Copy)]
enum Way<'a> {
    /// As `thads report diff --against live` did: the whole month engine built from the ledger.
    Before,
    /// As it does now: the engine of the units' totals built from the ledger.
    Cold,
    /// As the server: its live engine.
    Warm(&'a LiveStatistics),
}

impl Way<'_> {
    fn name(self) -> &'static str {
        match self {
            Way::Before => "before:",
            Way::Cold => "cold:",
            Way::Warm(_) => "warm:",
        }
    }
}

/// The diff of `head` against today's figures taken `way` (the live report, then the diff),
/// median of `runs`.
fn time_diff(
    ctx: &Context,
    head: &thads_store::SnapshotHead,
    way: Way<'_>,
    runs: usize,
) -> Result<(f64, Diff), CliError> {
    let (store, rules, today) = (ctx.store(), &ctx.rules, ctx.actor().today());
    let units = UnitTree::new(store.units()?);
    let period = period_of(head)?;
    timed(runs, || {
        let engine = match way {
            Way::Before => Some(month_engine(store, rules)?),
            Way::Cold => Some(totals_engine(store, rules)?),
            Way::Warm(_) => None,
        };
        let figures = match (way, engine) {
            (Way::Warm(live), _) => {
                live.read(|engine, targets| report(store, rules, engine, targets, head.unit, period, today))??
            }
            (_, Some(engine)) => report(store, rules, &engine, &targets(store)?, head.unit, period, today)?,
            (_, None) => return Err(CliError::Refused("no engine".into())),
        };
        Ok(diff(store, rules, &units, head, Against::Live(&figures), today)?)
    })
}

/// Records 1 đ collected on `n` open cases of the scope, dated on the period's last day (today
/// when the period is not over), each applied to the live engine as the server applies its
/// writes.
fn late_events(
    ctx: &Context,
    live: &LiveStatistics,
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
        if let Ok(changed) = record(ctx.store(), &actor, &ctx.rules, case.id, case.version, NewRecord::event(event)) {
            live.apply(&changed)?;
            named.insert(case.facts.case_no.to_string());
        }
    }
    Ok(named)
}
