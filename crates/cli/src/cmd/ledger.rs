//! `thads ledger rebuild|check`: recompute the statistics ledger from every history, or check
//! that the stored one equals a full recomputation.

use std::process::ExitCode;

use clap::Subcommand;
use thads_app::ledger::{LedgerCheck, check_ledger, rebuild};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Tính lại sổ cái từ toàn bộ lịch sử / recompute the ledger from every case history
    Rebuild,
    /// Kiểm tra sổ cái bằng cách tính lại toàn bộ / check the ledger against a full recomputation
    Check,
}

pub fn run(ctx: &Context, command: LedgerCommand) -> Result<ExitCode, CliError> {
    let today = ctx.actor().today();
    match command {
        LedgerCommand::Rebuild => {
            let rows = rebuild(ctx.store(), &ctx.rules, today)?;
            println!("Đã tính lại sổ cái: {rows} dòng / ledger rebuilt: {rows} rows");
            Ok(ExitCode::SUCCESS)
        }
        LedgerCommand::Check => match check_ledger(ctx.store(), &ctx.rules, today)? {
            LedgerCheck::Equal { rows } => {
                println!("Sổ cái khớp với tính lại toàn bộ ({rows} dòng) / the ledger equals a full recomputation");
                Ok(ExitCode::SUCCESS)
            }
            LedgerCheck::Differs { rows } => Err(CliError::Refused(format!(
                "sổ cái KHÔNG khớp ({rows} dòng khác) / the ledger differs from a full recomputation: run `thads ledger rebuild`"
            ))),
        },
    }
}
