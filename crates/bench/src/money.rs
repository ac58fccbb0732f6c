//! `thads-bench money` (issue 18): one distribution of a debtor's money across `--cases` of
//! the debtor's cases (target: ≤ 1 s for 50,000, with its allocations, its ledger entry and
//! each case's `collected` event written), timed from the call to its commit, median of
//! `--runs` debtors; then `thads money check` (`thads_app::money::check`) over the whole
//! database once `--check-cases` cases hold money (filled by more such distributions), median
//! of `--runs`. Each debtor's cases are synthetic (a verification with means, 1,000,000,000 đ
//! owed, the five obligations in turn, enough money for ranks 1 and 2 in full and rank 3 pro
//! rata, so every case receives some) and the debtor's money is receipted first, so a
//! `--db` that already holds data is refused unless told `--i-know-this-writes-synthetic-data`.

use std::process::ExitCode;
use std::time::Instant;

use thads_app::cases::history::LedgerDelta;
use thads_app::money::check::check;
use thads_app::money::distributions::{DistributionInput, distribute_held};
use thads_app::money::receipts::{ReceiptInput, issue};
use thads_core::PartyId;
use thads_core::field;
use thads_core::money::party::DebtorId;
use thads_core::money::receipt::PaymentMethod;
use thads_core::money::{Obligation, ReceiptFor};
use thads_core::{CaseDetails, CaseId, UnitId, UnitTree, Vnd};

use thads_cli::context::Context;
use thads_cli::error::CliError;

use crate::consent::Consent;
use crate::median::{cpu_seconds, load_average, median};
use crate::synthetic;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Số việc của một người phải thi hành án / cases of one debtor
    #[arg(long, default_value_t = 50_000)]
    cases: usize,
    /// Số lần đo (trung vị) / runs measured (the median is printed)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Số việc có tiền khi đo `thads money check` (0: bỏ qua) / cases with money when `thads
    /// money check` is measured (0: skip it)
    #[arg(long, default_value_t = 1_000_000)]
    check_cases: usize,
    #[command(flatten)]
    consent: Consent,
}

/// Cases stored per transaction while seeding.
const CHUNK: usize = 25_000;
/// What each case of rank 3 receives of a distribution (less than it owes: pro rata).
const SHARE: i64 = 600_000;
/// What each synthetic case owes.
const OWED: i64 = 1_000_000_000;
const COSTS: i64 = 1_000_000;

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    args.consent.check(ctx.store(), "money")?;
    let n = args.cases.max(1);
    let regions = synthetic::regions(ctx.store())?;
    let (mut seconds, mut cpu) = (Vec::new(), Vec::new());
    let mut with_money = 0usize;
    for run in 0..args.runs.max(1) {
        let (t, c) = one_distribution(ctx, &regions, n, run)?;
        println!("distribution run={} cases={n} seconds={t:.3} cpu_s={c:.3} load={}", run + 1, load_average());
        seconds.push(t);
        cpu.push(c);
        with_money += n;
    }
    println!(
        "backend={} distribution cases={n} runs={} median_s={:.3} median_cpu_s={:.3} (this process only)",
        ctx.store().backend(),
        seconds.len(),
        median(&mut seconds),
        median(&mut cpu)
    );
    if args.check_cases == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    let mut run = args.runs.max(1);
    while with_money < args.check_cases {
        let batch = n.min(args.check_cases - with_money);
        one_distribution(ctx, &regions, batch, run)?;
        with_money += batch;
        run += 1;
        eprintln!("{with_money} cases with money");
    }
    let units = UnitTree::new(ctx.store().units()?);
    let (mut seconds, mut cpu) = (Vec::new(), Vec::new());
    let mut cases = 0;
    for _ in 0..args.runs.max(1) {
        let (t, c) = (Instant::now(), cpu_seconds());
        let result = check(ctx.store(), &units, None)?;
        seconds.push(t.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - c);
        if !result.is_clean() {
            return Err(CliError::Refused(format!("money check found {} mismatches", result.mismatches.len())));
        }
        cases = result.cases;
    }
    println!(
        "backend={} money_check cases={cases} runs={} median_s={:.3} median_cpu_s={:.3} (this process only) load={}",
        ctx.store().backend(),
        seconds.len(),
        median(&mut seconds),
        median(&mut cpu),
        load_average()
    );
    Ok(ExitCode::SUCCESS)
}

/// Seeds a debtor with `n` cases, receipts the debtor's money, and returns the seconds the
/// distribution took, wall and CPU (of this process: on SQLite the whole work).
fn one_distribution(ctx: &Context, regions: &[UnitId], n: usize, run: usize) -> Result<(f64, f64), CliError> {
    let actor = ctx.actor();
    let tag = format!("M{}R{run}", actor.at.unix_timestamp());
    let debtor_text = format!("{:012}", 79_090_000_000u64 + run as u64);
    let debtor = DebtorId::new(&debtor_text).map_err(|e| CliError::Usage(e.to_string()))?;
    let party =
        PartyId::parse("debtor_id", field::DEBTOR_ID, &debtor_text).map_err(|e| CliError::Usage(e.to_string()))?;
    for start in (0..n).step_by(CHUNK) {
        let mut ledger = LedgerDelta::default();
        let chunk = (start..(start + CHUNK).min(n))
            .map(|i| synthetic::case(regions, &tag, i, 1, actor.at, &ctx.rules, &mut ledger))
            .collect::<Result<Vec<_>, CliError>>()?;
        let mut tx = ctx.store().begin()?;
        let ids: Vec<CaseId> = synthetic::store_chunk(tx.as_mut(), chunk, ledger)?;
        let details: Vec<(CaseId, CaseDetails)> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| {
                let obligation = Obligation::ALL[(start + k) % Obligation::ALL.len()];
                (*id, CaseDetails { debtor_id: party.clone(), obligation, ..CaseDetails::default() })
            })
            .collect();
        tx.put_cases_details(&details)?;
        tx.touch_ledger()?;
        tx.commit()?;
    }
    let units = UnitTree::new(ctx.store().units()?);
    // Ranks 1 and 2 paid in full, rank 3 pro rata: every case receives something.
    let ranked = (0..n).filter(|i| Obligation::ALL[i % Obligation::ALL.len()] != Obligation::Khac).count() as i64;
    let amount = Vnd::new(OWED * ranked + SHARE * n as i64 + COSTS).map_err(|e| CliError::Usage(e.to_string()))?;
    let receipt = ReceiptInput {
        office: regions[0],
        paid_for: ReceiptFor::Debtor(debtor.clone()),
        date: actor.today(),
        amount,
        payer: "Người phải thi hành án thử tải".into(),
        method: PaymentMethod::Transfer,
    };
    issue(ctx.store(), &actor, &ctx.rules, &units, receipt)?;
    let input = DistributionInput {
        office: regions[0],
        debtor,
        date: actor.today(),
        amount,
        costs: Vnd::new(COSTS).map_err(|e| CliError::Usage(e.to_string()))?,
        coercion_on: None,
        sole_home_sold: false,
        rent_reserve: Vnd::ZERO,
        secured: Vec::new(),
    };
    let (t, c) = (Instant::now(), cpu_seconds());
    let done = distribute_held(ctx.store(), &actor, &ctx.rules, &units, input)?;
    let (seconds, cpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - c);
    if done.distribution.allocations.len() != n {
        return Err(CliError::Refused(format!("{} of {n} cases received money", done.distribution.allocations.len())));
    }
    Ok((seconds, cpu))
}
