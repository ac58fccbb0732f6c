//! `thads target set|list`: a unit's yearly targets (chỉ tiêu) as completion rates.

use std::process::ExitCode;

use clap::Subcommand;
use thads_core::{Percent, ReportingYear, UnitTree};
use thads_store::Target;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum TargetCommand {
    /// Đặt chỉ tiêu năm của một đơn vị / set a unit's targets for a reporting year
    Set {
        #[arg(long)]
        unit: String,
        /// Năm báo cáo / reporting year (năm 2023 = 01/10/2022 – 30/09/2023)
        #[arg(long)]
        year: i32,
        /// Chỉ tiêu về việc, ví dụ 82,80 / target rate for cases
        #[arg(long)]
        cases: String,
        /// Chỉ tiêu về tiền, ví dụ 45,80 / target rate for money
        #[arg(long)]
        money: String,
    },
    /// Liệt kê chỉ tiêu / list targets
    List,
}

pub fn run(ctx: &Context, command: TargetCommand) -> Result<ExitCode, CliError> {
    let units = UnitTree::new(ctx.store().units()?);
    match command {
        TargetCommand::Set { unit, year, cases, money } => {
            let usage = |e: &dyn std::fmt::Display| CliError::Usage(e.to_string());
            let u = units
                .by_code(&unit)
                .ok_or_else(|| CliError::Usage(format!("không có đơn vị «{unit}» / unknown unit")))?;
            let target = Target {
                unit: u.id,
                year: ReportingYear::new(year).map_err(|e| usage(&e))?,
                cases: Percent::parse(&cases).map_err(|e| usage(&e))?,
                money: Percent::parse(&money).map_err(|e| usage(&e))?,
            };
            thads_app::targets::set_target(ctx.store(), &ctx.actor(), &target, &units)?;
            println!(
                "Chỉ tiêu năm {year} của {unit}: {}% về việc, {}% về tiền / targets set",
                target.cases.to_vi(),
                target.money.to_vi()
            );
        }
        TargetCommand::List => {
            for t in ctx.store().targets()? {
                let code = units.get(t.unit).map_or("?", |u| u.code.as_str());
                crate::out::line(format_args!(
                    "{code:<10} {}  {:>6}%  {:>6}%",
                    t.year,
                    t.cases.to_vi(),
                    t.money.to_vi()
                ))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
