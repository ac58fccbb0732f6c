//! `thads-bench …`: measurements printed as figures (medians of several runs), on the database
//! named by `--db` (SQLite file or PostgreSQL) or on data they generate. Apart from `thads` so
//! that the binary operators install carries no benchmark code; it reuses `thads-cli`'s store
//! opening, error type and import printing. Subcommands that write synthetic data into `--db`
//! refuse a database that already holds data unless told `--i-know-this-writes-synthetic-data`
//! (`consent`).

mod consent;
mod deadlines;
mod documents;
mod import;
mod median;
mod money;
mod pg_import;
mod portal;
mod report;
mod snapshots;
mod synthetic;
mod web;
mod workload;
mod writers;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use thads_cli::context::Context;
use thads_cli::error::CliError;
use thads_cli::out;

#[derive(Debug, Parser)]
#[command(
    name = "thads-bench",
    version,
    about = "THADS — đo hiệu năng / benchmarks (each prints its figures)",
    long_about = None
)]
struct Cli {
    /// Cơ sở dữ liệu: đường dẫn tệp SQLite hoặc URL postgres:// / database: a SQLite file path or a postgres:// URL
    #[arg(long, global = true, env = "THADS_DB", default_value = "thads.db")]
    db: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    /// Văn bản: một quyết định, 1.000 thông báo hàng loạt / documents: one decision, 1,000 notices in bulk
    Documents(documents::Args),
    /// Lưu báo cáo thành bản chốt và so sánh với số liệu hôm nay / a report saved as a snapshot,
    /// and its diff against today's figures
    Snapshot(snapshots::Args),
    /// Khối lượng công việc của mọi Chấp hành viên và biên chế / the officers' workload and the staffing report
    Workload(workload::Args),
    /// Cổng thông tin: tra cứu việc của đương sự, nhiều người cùng lúc / the citizens' portal:
    /// case lookups by many concurrent clients (p50, p95, p99)
    Portal(portal::Args),
    /// Tiền: phân chia cho 50.000 việc của một người, kiểm tra sổ ở 1.000.000 việc / money: one
    /// distribution across 50,000 cases of one debtor, `thads money check` at 1,000,000 cases
    Money(money::Args),
}

/// The same allocator as `thads` (ARCHITECTURE.md, «The allocator»), so figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.db, cli.command) {
        Ok(code) => code,
        Err(e) if out::reader_left(&e) => ExitCode::SUCCESS,
        Err(e) => {
            e.report();
            ExitCode::FAILURE
        }
    }
}

/// Runs one benchmark; those that measure `--db` open it first, the others never touch it.
fn run(db: &str, command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Import(args) => import::run(&args),
        Command::Web(args) => web::run(&args),
        Command::PgImport(args) => pg_import::run(&Context::open(db)?, &args),
        Command::Writers(args) => writers::run(&Context::open(db)?, &args),
        Command::Deadlines(args) => deadlines::run(&Context::open(db)?, &args),
        Command::Report(args) => report::run(&Context::open(db)?, db, &args),
        Command::Documents(args) => documents::run(&Context::open(db)?, &args),
        Command::Snapshot(args) => snapshots::run(&Context::open(db)?, &args),
        Command::Workload(args) => workload::run(&Context::open(db)?, &args),
        Command::Portal(args) => portal::run(Context::open(db)?, &args),
        Command::Money(args) => money::run(&Context::open(db)?, &args),
    }
}
