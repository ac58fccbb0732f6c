//! `thads ledger rebuild|check`: recompute the statistics ledger from every history, or check
//! that the stored one equals a full recomputation.

use std::process::ExitCode;

use clap::Subcommand;
use thads_app::ledger::{rebuild, recompute};

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
        LedgerCommand::Check => {
            let (delta, _) = recompute(ctx.store(), &ctx.rules, today)?;
            let mut want = delta.into_rows();
            let mut have: Vec<_> = ctx.store().ledger()?.into_iter().filter(|r| !r.measures.is_zero()).collect();
            want.sort_by_key(|r| (r.series, r.month));
            have.sort_by_key(|r| (r.series, r.month));
            if want == have {
                println!(
                    "Sổ cái khớp với tính lại toàn bộ ({} dòng) / the ledger equals a full recomputation",
                    have.len()
                );
                Ok(ExitCode::SUCCESS)
            } else {
                let differing =
                    want.iter().zip(have.iter()).filter(|(a, b)| a != b).count() + want.len().abs_diff(have.len());
                Err(CliError::Refused(format!(
                    "sổ cái KHÔNG khớp ({differing} dòng khác) / the ledger differs from a full recomputation: run `thads ledger rebuild`"
                )))
            }
        }
    }
}
