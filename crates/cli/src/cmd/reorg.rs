//! `thads unit merge|split|rename|move|reform|operations` (issue 23): reorganisations of units
//! as dated operations. The command line acts as the database's operator (as `thads period`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use thads_app::reorg::{self, Done, MergeRequest, SplitRequest};
use thads_core::UnitKind;
use thads_core::dates::parse_date;
use time::Date;

use crate::context::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    /// Sáp nhập các đơn vị vào một đơn vị (tạo mới khi chưa có, cần --name) / merge units into
    /// one (created under their common parent when it does not exist; --name then required)
    Merge {
        #[arg(long)]
        into: String,
        /// A,B[,…]
        #[arg(long, value_delimiter = ',')]
        from: Vec<String>,
        /// Ngày có hiệu lực / the day the successor starts (dd/mm/yyyy or yyyy-mm-dd)
        #[arg(long)]
        on: String,
        #[arg(long)]
        name: Option<String>,
        /// Loại đơn vị mới (mặc định: loại của các đơn vị cũ) / the new unit's kind
        #[arg(long, value_parser = ["province", "district", "region"])]
        kind: Option<String>,
    },
    /// Chia một đơn vị thành nhiều đơn vị; việc được giao theo tệp case_no,unit / split a unit,
    /// each case sent where the file says (case_no,unit)
    Split {
        #[arg(long)]
        from: String,
        /// X,Y[,…]
        #[arg(long, value_delimiter = ',')]
        into: Vec<String>,
        #[arg(long)]
        on: String,
        /// CSV: case_no,unit
        #[arg(long)]
        cases: PathBuf,
        /// Tên các đơn vị mới, cùng thứ tự với --into, ngăn bởi | / the new units' names, in the
        /// order of --into, separated by |
        #[arg(long, value_delimiter = '|')]
        names: Vec<String>,
    },
    /// Đổi tên đơn vị từ một ngày / rename a unit from a day
    Rename {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        on: String,
    },
    /// Chuyển đơn vị sang đơn vị cấp trên khác từ một ngày / move a unit under another parent
    Move {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        parent: String,
        #[arg(long)]
        on: String,
    },
    /// Nạp một cuộc sắp xếp từ tệp (on,into,name,from,confidence); --builtin-2025: 63 → 34
    /// tỉnh ngày 01/07/2025 / load a reform file; --builtin-2025 loads the 2025 province reform
    Reform {
        #[arg(required_unless_present = "builtin_2025")]
        file: Option<PathBuf>,
        #[arg(long)]
        builtin_2025: bool,
    },
    /// Các thao tác tổ chức lại đã ghi / the operations recorded
    Operations,
}

fn date(text: &str) -> Result<Date, CliError> {
    parse_date(text).map_err(|e| CliError::Usage(e.to_string()))
}

fn print(done: &Done) {
    println!(
        "#{} {} {}: {} việc, {} người chuyển{} / cases moved: {}, people: {}",
        done.operation,
        done.kind.code(),
        done.on,
        done.cases_moved,
        done.staff_moved,
        if done.created.is_empty() { String::new() } else { format!("; tạo / created {}", done.created.join(", ")) },
        done.cases_moved,
        done.staff_moved
    );
    for b in &done.books {
        println!(
            "  tiền tạm giữ từ sổ của {} bàn giao sang sổ của {} ngày {}: {} đ / custody money handed over from {}'s \
             books to {}'s on {}: {} đồng",
            b.from, b.to, b.date, b.holdings_vnd, b.from, b.to, b.date, b.holdings_vnd
        );
    }
}

/// The `case_no,unit` rows of a split's file (a header line `case_no,unit` is skipped).
fn case_list(path: &PathBuf) -> Result<Vec<(String, String)>, CliError> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || (i == 0 && line.replace(' ', "") == "case_no,unit") {
            continue;
        }
        let Some((no, unit)) = line.rsplit_once(',') else {
            return Err(CliError::Refused(format!("dòng {} / line {}: case_no,unit", i + 1, i + 1)));
        };
        out.push((no.trim().trim_matches('"').to_string(), unit.trim().to_string()));
    }
    Ok(out)
}

pub fn run(ctx: &Context, command: UnitCommand) -> Result<ExitCode, CliError> {
    let (store, actor, rules) = (ctx.store(), ctx.actor(), &ctx.rules);
    match command {
        UnitCommand::Merge { into, from, on, name, kind } => {
            let kind = kind.map(|k| UnitKind::parse(&k)).transpose().map_err(|e| CliError::Usage(e.to_string()))?;
            let req = MergeRequest { into, from, on: date(&on)?, name, kind };
            print(&reorg::merge(store, &actor, rules, &req)?);
        }
        UnitCommand::Split { from, into, on, cases, names } => {
            let req = SplitRequest { from, into, names, on: date(&on)?, cases: case_list(&cases)? };
            print(&reorg::split(store, &actor, rules, &req)?);
        }
        UnitCommand::Rename { unit, name, on } => print(&reorg::rename(store, &actor, &unit, &name, date(&on)?)?),
        UnitCommand::Move { unit, parent, on } => print(&reorg::move_unit(store, &actor, &unit, &parent, date(&on)?)?),
        UnitCommand::Reform { file, builtin_2025 } => {
            let text = match (file, builtin_2025) {
                (_, true) => reorg::reform::PROVINCES_2025.to_string(),
                (Some(path), false) => std::fs::read_to_string(path)?,
                (None, false) => {
                    return Err(CliError::Usage("FILE hoặc --builtin-2025 / FILE or --builtin-2025".into()));
                }
            };
            let rows = reorg::reform::parse(&text)?;
            let loaded = reorg::reform::load(store, &actor, rules, &rows)?;
            loaded.done.iter().for_each(print);
            println!(
                "{} thao tác; bỏ qua {} dòng không có đơn vị trong cơ sở dữ liệu / {} operations, {} rows skipped",
                loaded.done.len(),
                loaded.skipped.len(),
                loaded.done.len(),
                loaded.skipped.len()
            );
        }
        UnitCommand::Operations => {
            // Each operation with the custody money it handed over, read back from its entries.
            let mut handed = reorg::books::handed_over(store)?;
            let listed = store
                .reorg_operations()?
                .into_iter()
                .map(|record| {
                    let books = handed.remove(&record.operation.id).unwrap_or_default();
                    let mut json = serde_json::to_value(&record)?;
                    json["books"] = serde_json::to_value(books)?;
                    Ok(json)
                })
                .collect::<Result<Vec<_>, serde_json::Error>>()
                .and_then(|listed| serde_json::to_string_pretty(&listed))
                .map_err(|e| CliError::Refused(e.to_string()))?;
            println!("{listed}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
