//! `thads migrate-db --from DB --to DB`: into an empty database (SQLite ⇄ PostgreSQL) a whole
//! copy, every table with its ids, each table's rows and content sum printed as compared; into
//! one that holds data a merge of a section's or province's database into the central one.
//! Either refuses with the list of conflicts before writing anything.

use std::process::ExitCode;

use thads_app::migrate::{Copied, Outcome, migrate};

use crate::context::{Context, open_store};
use crate::error::CliError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Cơ sở dữ liệu nguồn (tệp SQLite hoặc URL) / the database to move from
    #[arg(long)]
    from: String,
    /// Cơ sở dữ liệu đích (thường là URL postgres://) / the database to move into
    #[arg(long)]
    to: String,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, CliError> {
    let source = open_store(&args.from)?;
    let target = open_store(&args.to)?;
    let actor = ctx.actor();
    // Both sides' ledgers must be built with the rules in force before they are compared.
    thads_app::ledger::ensure_ledger(source.as_ref(), &ctx.rules, actor.today())?;
    thads_app::ledger::ensure_ledger(target.as_ref(), &ctx.rules, actor.today())?;
    match migrate(source.as_ref(), target.as_ref(), &ctx.rules, &actor)? {
        Outcome::Refused(conflicts) => {
            let lines: Vec<String> = conflicts.iter().map(|c| format!("  - {c}")).collect();
            Err(CliError::Refused(format!(
                "không chuyển gì: {} xung đột / nothing moved, {} conflicts:\n{}",
                conflicts.len(),
                conflicts.len(),
                lines.join("\n")
            )))
        }
        Outcome::Copied(c) => {
            print_copied(&c);
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Moved(m) => {
            println!(
                "Đã chuyển / moved: {} việc / cases, {} bản ghi / records, {} đơn vị mới / units added ({} dùng lại / reused), \
                 {} cán bộ mới / staff added ({} dùng lại / reused), {} chỉ tiêu / targets, {} dòng nhật ký / audit entries",
                m.cases, m.records, m.units_added, m.units_reused, m.staff_added, m.staff_reused, m.targets, m.audit
            );
            let years: Vec<String> = m.years.iter().map(|y| y.number().to_string()).collect();
            println!(
                "Đã kiểm tra / checked: sổ cái của {} đơn vị khớp / ledger of {} units equal; {} báo cáo giống hệt / identical reports (năm / years {})",
                m.units_checked,
                m.units_checked,
                m.reports_checked,
                years.join(", ")
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Each table that holds rows, with its content sum (the same on both sides), then the totals.
fn print_copied(c: &Copied) {
    println!("Đã chép toàn bộ, giữ nguyên mã số / copied whole, every id kept:");
    for t in c.tables.iter().filter(|t| t.rows > 0) {
        println!("  {:<28} {:>10}  {}", t.table, t.rows, t.sum);
    }
    println!(
        "Đã kiểm tra / checked: {} bảng giống hệt / identical tables ({} dòng / rows, {} việc / cases); \
         chuỗi nhật ký nguyên vẹn / audit chain whole ({} mục / entries)",
        c.tables.len(),
        c.rows(),
        c.rows_of("cases"),
        c.chain_entries
    );
}
