//! `thads report snapshot|diff`: save a report as a snapshot (prints its id), and the diff of
//! a snapshot against another or against today's figures (interchange, issue 17).

use std::process::ExitCode;

use clap::Subcommand;
use thads_app::snapshots::{Against, diff, get, period_of, save};
use thads_app::stats::{report, targets, totals_engine};
use thads_core::{ReportingYear, UnitTree};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Lưu báo cáo thành bản chốt, in ra số của bản chốt / save the report as a snapshot (prints
    /// its id)
    Snapshot {
        #[arg(long)]
        unit: String,
        /// Năm báo cáo / reporting year
        #[arg(long)]
        year: i32,
        /// Số tháng lũy kế từ 01/10 (1–12) / cumulative months from 1 October
        #[arg(long, default_value_t = 12)]
        months: u8,
    },
    /// Các số liệu đã thay đổi so với bản chốt, và các việc làm chúng thay đổi / the figures
    /// that moved since a snapshot, with the cases and records that moved them
    Diff {
        #[arg(long)]
        snapshot: i64,
        /// Một bản chốt khác, hoặc live (số liệu hôm nay) / another snapshot id, or live
        #[arg(long, default_value = "live")]
        against: String,
        #[arg(long, default_value = "json", value_parser = ["json"])]
        format: String,
    },
}

pub fn run(ctx: &Context, command: ReportCommand) -> Result<ExitCode, CliError> {
    let units = UnitTree::new(ctx.store().units()?);
    let usage = |e: &dyn std::fmt::Display| CliError::Usage(e.to_string());
    match command {
        ReportCommand::Snapshot { unit, year, months } => {
            let u = units
                .by_code(&unit)
                .ok_or_else(|| CliError::Usage(format!("không có đơn vị «{unit}» / unknown unit")))?;
            let period = ReportingYear::new(year).and_then(|y| y.cumulative(months)).map_err(|e| usage(&e))?;
            let id = save(ctx.store(), &ctx.actor(), &ctx.rules, u.id, period)?;
            println!("{id}");
        }
        ReportCommand::Diff { snapshot, against, format: _ } => {
            let base = get(ctx.store(), snapshot)?;
            let today = ctx.actor().today();
            let result = if against == "live" {
                // The units' totals are all the report compared reads (no breakdowns).
                let engine = totals_engine(ctx.store(), &ctx.rules)?;
                let targets = targets(ctx.store())?;
                let period = period_of(&base)?;
                let live = report(ctx.store(), &ctx.rules, &engine, &targets, base.unit, period, today)?;
                diff(ctx.store(), &ctx.rules, &units, &base, Against::Live(&live), today)?
            } else {
                let id: i64 = against.parse().map_err(|_| {
                    CliError::Usage("--against: số bản chốt hoặc live / a snapshot id or live".to_string())
                })?;
                let other = get(ctx.store(), id)?;
                diff(ctx.store(), &ctx.rules, &units, &base, Against::Snapshot(&other), today)?
            };
            let json = serde_json::to_string_pretty(&result).map_err(|e| CliError::Refused(e.to_string()))?;
            println!("{json}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
