//! `thads audit verify`: checks the audit trail's hash chain and names the first entry that was
//! changed, removed or inserted directly in the database; exit code 0 only when it is whole.

use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;
use thads_app::audit::verify_chain;
use thads_store::ChainCheck;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Kiểm tra chuỗi băm của nhật ký / check the audit trail's hash chain
    Verify {
        /// text | json
        #[arg(long, default_value = "text")]
        format: String,
    },
}

pub fn run(ctx: &Context, command: AuditCommand) -> Result<ExitCode, CliError> {
    let AuditCommand::Verify { format } = command;
    if !matches!(format.as_str(), "text" | "json") {
        return Err(CliError::Usage(format!("--format {format}: text | json")));
    }
    let check = verify_chain(ctx.store())?;
    if format == "json" {
        println!("{}", report_json(&check));
    } else {
        println!("{}", summary(&check));
    }
    Ok(if check.fault.is_none() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// One line: whole (with the head to keep outside the database) or the first fault.
pub fn summary(check: &ChainCheck) -> String {
    match (&check.fault, &check.head) {
        (Some(fault), _) => format!("Nhật ký KHÔNG nguyên vẹn / the audit trail is NOT intact: {fault}"),
        (None, Some(head)) => format!(
            "Nhật ký nguyên vẹn: {n} mục, đầu chuỗi {head} / the audit trail is intact: {n} entries, head {head}",
            n = check.entries
        ),
        (None, None) => "Nhật ký trống / the audit trail is empty".to_string(),
    }
}

pub fn report_json(check: &ChainCheck) -> serde_json::Value {
    json!({
        "ok": check.fault.is_none(),
        "entries": check.entries,
        "head": check.head,
        "fault": check.fault.as_ref().map(|f| json!({ "entry": f.id(), "message": f.to_string() })),
    })
}
