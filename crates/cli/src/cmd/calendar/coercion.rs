//! `thads coercion check --start "dd/mm/yyyy HH:MM" --end "…" [--forces]`: whether a coercion
//! session may take place then (not at night, on a rest day or holiday, nor near Tết with
//! mobilised forces), with every reason it may not. Exits 1 when refused, for scripts.

use std::process::ExitCode;

use clap::Subcommand;
use thads_app::deadlines::DeadlineSetup;
use thads_core::calendar::{CoercionPlan, CoercionRules, check_coercion};
use thads_core::dates::parse_date;
use time::{PrimitiveDateTime, Time};

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum CoercionCommand {
    /// Kiểm tra thời gian dự kiến cưỡng chế / check a planned coercion session
    Check {
        /// Bắt đầu / start, "dd/mm/yyyy HH:MM"
        #[arg(long)]
        start: String,
        /// Kết thúc / end, "dd/mm/yyyy HH:MM"
        #[arg(long)]
        end: String,
        /// Có huy động lực lượng / with mobilised forces
        #[arg(long)]
        forces: bool,
    },
}

/// `dd/mm/yyyy HH:MM` (or an ISO date) in Vietnam's local time.
fn instant(text: &str, what: &str) -> Result<PrimitiveDateTime, CliError> {
    let usage = |detail: String| CliError::Usage(format!("--{what} «{text}»: {detail} (dd/mm/yyyy HH:MM)"));
    let (day, hours) = text.trim().split_once(' ').ok_or_else(|| usage("thiếu giờ / no time".into()))?;
    let date = parse_date(day).map_err(|e| usage(e.to_string()))?;
    let (h, m) = hours.trim().split_once(':').ok_or_else(|| usage("giờ không hợp lệ / bad time".into()))?;
    let (h, m) = (h.parse::<u8>(), m.parse::<u8>());
    let time = match (h, m) {
        (Ok(h), Ok(m)) => Time::from_hms(h, m, 0).map_err(|e| usage(e.to_string()))?,
        _ => return Err(usage("giờ không hợp lệ / bad time".into())),
    };
    Ok(PrimitiveDateTime::new(date, time))
}

pub fn run(ctx: &Context, command: CoercionCommand) -> Result<ExitCode, CliError> {
    match command {
        CoercionCommand::Check { start, end, forces } => {
            let plan = CoercionPlan {
                starts: instant(&start, "start")?,
                ends: instant(&end, "end")?,
                mobilises_forces: forces,
            };
            let setup = DeadlineSetup::load(ctx.store())?;
            match check_coercion(&plan, &setup.calendar, &CoercionRules::default()) {
                Ok(()) => {
                    println!("Được phép cưỡng chế từ {start} đến {end} / coercion may take place then");
                    Ok(ExitCode::SUCCESS)
                }
                Err(reasons) => {
                    println!("KHÔNG được cưỡng chế từ {start} đến {end} / coercion may not take place then:");
                    for r in reasons {
                        println!("  - {r}");
                    }
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}
