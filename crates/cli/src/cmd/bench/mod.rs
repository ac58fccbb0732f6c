//! `thads bench …`: measurements on the database named by `--db` (SQLite file or PostgreSQL).

pub mod deadlines;
mod deadlines_synth;
pub mod import;
pub mod pg_import;
pub mod report;
mod synthetic;
pub mod web;
pub mod writers;

use std::process::ExitCode;

use clap::Subcommand;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Nhập sổ thụ lý sinh ra (1.000.000 việc, 3.000.000 sự kiện) từ CSV vào một tệp SQLite mới /
    /// import generated registers (1,000,000 cases, 3,000,000 events) from CSV into a fresh SQLite file
    Import(import::Args),
    /// Nạp hàng loạt việc và sự kiện tổng hợp qua kho dữ liệu / bulk-insert synthetic cases and events through the store
    PgImport(pg_import::Args),
    /// Nhiều người ghi sự kiện cùng lúc / concurrent writers recording events
    Writers(writers::Args),
    /// Thời hạn của hàng triệu việc từ lịch sử / the deadlines of millions of cases from their histories
    Deadlines(deadlines::Args),
    /// Tải lên ứng dụng web đang chạy / load on a running web server
    Web(web::Args),
    /// Báo cáo toàn quốc nóng, lạnh và sau một lần ghi / the national report warm, cold and after a write
    Report(report::Args),
}

pub fn run(ctx: &Context, db: &str, command: BenchCommand) -> Result<ExitCode, CliError> {
    match command {
        BenchCommand::Import(args) => import::run(&args),
        BenchCommand::PgImport(args) => pg_import::run(ctx, &args),
        BenchCommand::Writers(args) => writers::run(ctx, &args),
        BenchCommand::Deadlines(args) => deadlines::run(ctx, &args),
        BenchCommand::Web(args) => web::run(ctx, &args),
        BenchCommand::Report(args) => report::run(ctx, db, &args),
    }
}
