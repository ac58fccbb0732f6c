//! `thads period close|reopen|list`: monthly closing (chốt số liệu) of a unit. The command
//! line acts as the database's operator (as `thads target`); the web asks for the unit's head.

use std::process::ExitCode;

use clap::Subcommand;
use thads_core::periods::{month_code, parse_month};
use thads_core::{Unit, UnitTree};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum PeriodCommand {
    /// Chốt số liệu một tháng của đơn vị (đóng băng báo cáo tháng) / close a month of a unit
    /// (its report is frozen as a snapshot)
    Close {
        #[arg(long)]
        unit: String,
        /// YYYY-MM
        #[arg(long)]
        month: String,
    },
    /// Mở lại tháng đã chốt, nêu lý do / reopen a closed month, with a reason
    Reopen {
        #[arg(long)]
        unit: String,
        /// YYYY-MM
        #[arg(long)]
        month: String,
        /// Lý do mở lại / why
        #[arg(long)]
        reason: String,
    },
    /// Tình hình chốt số liệu của đơn vị và các đơn vị trực thuộc / which units closed which
    /// month, and which are late
    List {
        #[arg(long)]
        unit: String,
        /// Số tháng gần nhất / the last this many months
        #[arg(long, default_value_t = 6)]
        months: u8,
    },
}

fn unit_of<'a>(units: &'a UnitTree, code: &str) -> Result<&'a Unit, CliError> {
    units.by_code(code).ok_or_else(|| CliError::Usage(format!("không có đơn vị «{code}» / unknown unit")))
}

pub fn run(ctx: &Context, command: PeriodCommand) -> Result<ExitCode, CliError> {
    let units = UnitTree::new(ctx.store().units()?);
    let usage = |e: &dyn std::fmt::Display| CliError::Usage(e.to_string());
    match command {
        PeriodCommand::Close { unit, month } => {
            let (u, m) = (unit_of(&units, &unit)?, parse_month(&month).map_err(|e| usage(&e))?);
            let closed = thads_app::periods::close(ctx.store(), &ctx.actor(), &ctx.rules, u.id, m)?;
            println!(
                "Đã chốt số liệu tháng {m} của {unit}; bản chốt báo cáo #{} / month {} closed, snapshot {}",
                closed.snapshot,
                month_code(m),
                closed.snapshot
            );
        }
        PeriodCommand::Reopen { unit, month, reason } => {
            let (u, m) = (unit_of(&units, &unit)?, parse_month(&month).map_err(|e| usage(&e))?);
            thads_app::periods::reopen(ctx.store(), &ctx.actor(), u.id, m, &reason)?;
            println!("Đã mở lại tháng {m} của {unit} / month {} reopened", month_code(m));
        }
        PeriodCommand::List { unit, months } => {
            let u = unit_of(&units, &unit)?;
            let rows = thads_app::periods::overview(ctx.store(), &units, u.id, months, ctx.actor().today())?;
            for row in rows {
                let cells: Vec<String> = row
                    .months
                    .iter()
                    .map(|(m, status, _)| format!("{} {:<6}", month_code(*m), status.code()))
                    .collect();
                crate::out::line(format_args!("{:<10} {}", row.code, cells.join("  ")))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
