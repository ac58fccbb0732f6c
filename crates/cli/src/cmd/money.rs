//! `thads money check [--unit U] [--json]`: the custody ledger against the money documents
//! and the statistics (`thads_app::money::check`); exits non-zero on any mismatch.

use std::process::ExitCode;

use clap::Subcommand;
use thads_app::money::check::check;
use thads_core::UnitTree;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum MoneyCommand {
    /// Kiểm tra sổ tiền tạm giữ với biên lai, phân chia, chi trả và thống kê / check the custody
    /// ledger against receipts, distributions, payouts and the statistics
    Check {
        /// Mã đơn vị (cả các đơn vị trực thuộc) / a unit's code (with the units under it)
        #[arg(long)]
        unit: Option<String>,
        /// In kết quả dạng JSON / print the result as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, command: MoneyCommand) -> Result<ExitCode, CliError> {
    match command {
        MoneyCommand::Check { unit, json } => {
            let units = UnitTree::new(ctx.store().units()?);
            let scope =
                match unit.as_deref().map(|c| c.trim().to_ascii_uppercase()) {
                    Some(code) => Some(units.by_code(&code).map(|u| u.id).ok_or_else(|| {
                        CliError::Refused(format!("không có đơn vị «{code}» / unknown unit «{code}»"))
                    })?),
                    None => None,
                };
            let result = check(ctx.store(), &units, scope)?;
            if json {
                let text = serde_json::to_string_pretty(&result).map_err(|e| CliError::Refused(e.to_string()))?;
                println!("{text}");
            } else {
                println!(
                    "{} việc có tiền; đã thu {} đ, đang giữ {} đ (gửi tiết kiệm {} đ) / {} cases with money; \
                     collected {} đồng, held {} đồng ({} in savings)",
                    result.cases,
                    result.collected_vnd,
                    result.held_vnd,
                    result.savings_vnd,
                    result.cases,
                    result.collected_vnd,
                    result.held_vnd,
                    result.savings_vnd
                );
                for (case, found) in &result.mismatches {
                    if found.is_empty() {
                        println!(
                            "việc #{}: số đang giữ, tiền gửi tiết kiệm không khớp / case #{}: held or savings do not add up",
                            case.0, case.0
                        );
                    }
                    for m in found {
                        println!(
                            "việc #{}: {:?} sổ {} đ, chứng từ {} đ / case #{}: {:?} ledger {}, documents {}",
                            case.0,
                            m.figure,
                            m.ledger.dong(),
                            m.expected.dong(),
                            case.0,
                            m.figure,
                            m.ledger.dong(),
                            m.expected.dong()
                        );
                    }
                }
                for (agency, fault) in &result.numbering {
                    println!(
                        "đơn vị #{}: số biên lai {fault:?} / unit #{}: receipt number {fault:?}",
                        agency.0, agency.0
                    );
                }
            }
            if result.is_clean() {
                if !json {
                    println!("Sổ tiền khớp / the money books agree");
                }
                Ok(ExitCode::SUCCESS)
            } else {
                Err(CliError::Refused(format!(
                    "sổ tiền KHÔNG khớp: {} việc, {} lỗi số biên lai / the money books disagree: {} cases, {} numbering faults",
                    result.mismatches.len(),
                    result.numbering.len(),
                    result.mismatches.len(),
                    result.numbering.len()
                )))
            }
        }
    }
}
