//! `thads calendar add|remove|list`: the days off and make-up working days the government
//! announces each year, with the document that announces them. Each change rebuilds the
//! deadlines table, since due dates counted in working days may move. `thads coercion` reads
//! the same calendar (`coercion`).

pub mod coercion;

use std::process::ExitCode;

use clap::Subcommand;
use thads_app::deadlines::{announce_day, announced_in, withdraw_day};
use thads_core::calendar::{AnnouncedDay, AnnouncedKind};
use thads_core::dates::{format_vn, parse_date};
use thads_core::field::CALENDAR_SOURCE;
use time::Date;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Thêm một ngày nghỉ hoặc ngày làm bù được công bố / add an announced day off or working day
    Add {
        /// dd/mm/yyyy hoặc yyyy-mm-dd
        #[arg(long)]
        date: String,
        /// day-off (ngày nghỉ) | working-day (ngày làm việc, làm bù)
        #[arg(long, value_parser = ["day-off", "working-day"])]
        kind: String,
        /// Văn bản công bố / the announcing document, e.g. "Thông báo 6150/TB-BNV"
        #[arg(long)]
        source: String,
    },
    /// Xóa một ngày đã nhập nhầm / remove a day entered by mistake
    Remove {
        #[arg(long)]
        date: String,
    },
    /// Các ngày được công bố trong một năm / the announced days of a year
    List {
        /// Năm (mặc định năm nay) / year (default this year)
        #[arg(long)]
        year: Option<i32>,
    },
}

fn date_arg(text: &str) -> Result<Date, CliError> {
    parse_date(text).map_err(|e| CliError::Usage(format!("--date: {e}")))
}

pub fn run(ctx: &Context, command: CalendarCommand) -> Result<ExitCode, CliError> {
    let actor = ctx.actor();
    match command {
        CalendarCommand::Add { date, kind, source } => {
            let kind = if kind == "day-off" { AnnouncedKind::DayOff } else { AnnouncedKind::WorkingDay };
            let source = CALENDAR_SOURCE.clean_required(&source).map_err(|e| CliError::Usage(e.to_string()))?;
            let day = AnnouncedDay { date: date_arg(&date)?, kind, source };
            let shown = format!("{} — {} ({})", format_vn(day.date), label(kind), day.source);
            let done = announce_day(ctx.store(), &actor, &ctx.rules, day)?;
            println!("Đã thêm {shown}; tính lại {} thời hạn / day added", done.rows);
        }
        CalendarCommand::Remove { date } => {
            let done = withdraw_day(ctx.store(), &actor, &ctx.rules, date_arg(&date)?)?;
            println!("Đã xóa ngày {date}; tính lại {} thời hạn / day removed", done.rows);
        }
        CalendarCommand::List { year } => {
            let year = year.unwrap_or(actor.today().year());
            let days = announced_in(ctx.store(), year)?;
            crate::out::line(format_args!("Ngày nghỉ, ngày làm bù được công bố năm {year}: {} ngày", days.len()))?;
            for d in days {
                crate::out::line(format_args!(
                    "  {}  {:<26}  {}  (nhập bởi {})",
                    format_vn(d.day.date),
                    label(d.day.kind),
                    d.day.source,
                    d.added_by
                ))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn label(kind: AnnouncedKind) -> &'static str {
    match kind {
        AnnouncedKind::DayOff => "ngày nghỉ",
        AnnouncedKind::WorkingDay => "ngày làm việc (làm bù)",
    }
}
