//! `thads`: the one binary. Parses the command line, opens the chosen backend, runs a command,
//! and turns any error into a readable message and a non-zero exit code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use thads_cli::context::Context;
use thads_cli::{cmd, out, sys};

#[derive(Debug, Parser)]
#[command(
    name = "thads",
    version,
    about = "THADS — quản lý thi hành án dân sự / civil judgment enforcement case management",
    long_about = None
)]
struct Cli {
    /// Cơ sở dữ liệu: đường dẫn tệp SQLite hoặc URL postgres:// / database: a SQLite file path or a postgres:// URL
    #[arg(long, global = true, env = "THADS_DB", default_value = "thads.db")]
    db: String,

    /// Tệp cấu hình KEY=VALUE (khoá THADS_*), ví dụ /etc/thads/thads.conf / a settings file of
    /// KEY=VALUE lines (the THADS_* names); the command line and the environment win over it
    #[arg(long, global = true, env = "THADS_CONFIG")]
    config: Option<std::path::PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Xem việc thi hành án / show cases
    #[command(subcommand)]
    Case(cmd::cases::CaseCommand),
    /// Sổ cái thống kê / the statistics ledger
    #[command(subcommand)]
    Ledger(cmd::ledger::LedgerCommand),
    /// Tạo dữ liệu mẫu trên cơ sở dữ liệu trống / generate demo data into an empty database
    Demo(cmd::demo::Args),
    /// Nhập sổ thụ lý từ tệp CSV hoặc XLSX / import registers from CSV or XLSX files
    Import(cmd::imports::Args),
    /// Báo cáo thống kê (biểu việc, biểu tiền) / the statistics forms of a unit for a period
    Report(cmd::stats::Args),
    /// Chỉ tiêu năm / yearly targets
    #[command(subcommand)]
    Target(cmd::targets::TargetCommand),
    /// Chuyển dữ liệu sang cơ sở dữ liệu khác (SQLite ⇄ PostgreSQL; vào cơ sở dữ liệu trống: chép toàn bộ) / move a database into another (into an empty one: a whole copy, ids kept)
    MigrateDb(cmd::migrate_db::Args),
    /// Thời hạn luật định của các việc đang thi hành / legal deadlines of open cases
    Deadlines(cmd::deadlines::Args),
    /// Ngày nghỉ, ngày làm bù được công bố / announced days off and make-up working days
    #[command(subcommand)]
    Calendar(cmd::calendar::CalendarCommand),
    /// Lịch cưỡng chế / when coercion may be scheduled
    #[command(subcommand)]
    Coercion(cmd::calendar::coercion::CoercionCommand),
    /// Chạy ứng dụng web / run the staff web application
    Serve(cmd::serve::ServeArgs),
    /// Tài khoản người dùng / user accounts
    #[command(subcommand)]
    User(cmd::accounts::UserCommand),
    /// Nhật ký thay đổi / the audit trail
    #[command(subcommand)]
    Audit(cmd::audit::AuditCommand),
    #[command(flatten)]
    Backup(cmd::backup::BackupCommand),
    /// Tiền tạm giữ: kiểm tra sổ / money in custody: check the books
    #[command(subcommand)]
    Money(cmd::money::MoneyCommand),
    /// Văn bản: mẫu, tạo văn bản của một việc / documents: templates, a case's document
    #[command(subcommand)]
    Doc(cmd::documents::DocCommand),
    /// Chốt số liệu tháng / monthly closing
    #[command(subcommand)]
    Period(cmd::periods::PeriodCommand),
    /// Tổ chức lại đơn vị: sáp nhập, chia, đổi tên, chuyển / reorganise units (issue 23)
    #[command(subcommand)]
    Unit(cmd::reorg::UnitCommand),
    /// Hồ sơ cán bộ: nhập từ CSV, biên chế theo ngạch / the staff registry: import, staffing report
    #[command(subcommand)]
    Staff(cmd::personnel::StaffCommand),
}

fn run(ctx: Context, db: &str, command: Command) -> Result<ExitCode, thads_cli::error::CliError> {
    match command {
        Command::Case(command) => cmd::cases::run(&ctx, command),
        Command::Ledger(command) => cmd::ledger::run(&ctx, command),
        Command::Demo(args) => cmd::demo::run(&ctx, args),
        Command::Import(args) => cmd::imports::run(&ctx, args),
        Command::Report(args) => cmd::stats::run(&ctx, args),
        Command::Target(command) => cmd::targets::run(&ctx, command),
        Command::MigrateDb(args) => cmd::migrate_db::run(&ctx, &args),
        Command::Deadlines(args) => cmd::deadlines::run(&ctx, args),
        Command::Calendar(command) => cmd::calendar::run(&ctx, command),
        Command::Coercion(command) => cmd::calendar::coercion::run(&ctx, command),
        Command::Serve(args) => cmd::serve::run(ctx, db, args),
        Command::User(command) => cmd::accounts::run(&ctx, command),
        Command::Audit(command) => cmd::audit::run(&ctx, command),
        Command::Backup(command) => cmd::backup::run(db, command),
        Command::Money(command) => cmd::money::run(&ctx, command),
        Command::Doc(command) => cmd::documents::run(&ctx, command),
        Command::Period(command) => cmd::periods::run(&ctx, command),
        Command::Unit(command) => cmd::reorg::run(&ctx, command),
        Command::Staff(command) => cmd::personnel::run(&ctx, command),
    }
}

/// mimalloc rather than glibc's malloc: see ARCHITECTURE.md, «The allocator».
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut cli: Cli = thads_cli::config_file::parse();
    if let Command::Serve(args) = &mut cli.command {
        args.config.clone_from(&cli.config);
    }
    let result = match cli.command {
        // Backup, restore and verify open the database themselves (never creating or migrating
        // it before they have looked).
        Command::Backup(command) => cmd::backup::run(&cli.db, command),
        command => Context::open(&cli.db).and_then(|ctx| run(ctx, &cli.db, command)),
    };
    if std::env::var_os("THADS_PRINT_PEAK_RSS").is_some() {
        // For `thads-bench report`, which times this process from outside.
        eprintln!("peak_rss_kib={}", sys::peak_rss_kib().unwrap_or(0));
    }
    match result {
        Ok(code) => code,
        Err(e) if out::reader_left(&e) => ExitCode::SUCCESS,
        Err(e) => {
            e.report();
            ExitCode::FAILURE
        }
    }
}
