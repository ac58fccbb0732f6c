//! `thads verify [FILE]`: the checks that say a database, or a SQLite backup file, is sound —
//! SQLite's `pragma integrity_check`, a schema version this build knows, `thads ledger
//! check`'s comparison (the app's, which also checks every history), the audit trail's hash
//! chain (`thads audit verify`) and the counts; a report
//! in text or JSON, exit code 0 only when every check passes.

use std::path::Path;
use std::process::ExitCode;

use serde_json::json;
use thads_app::audit::verify_chain;
use thads_app::clock::SystemClock;
use thads_app::ledger::{LedgerCheck, check_ledger};
use thads_core::{Clock, Rules};
use thads_store::backup::Inspection;

use super::shown;
use crate::context::{is_postgres_url, open_store};
use crate::error::CliError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tệp SQLite cần kiểm tra thay cho --db (ví dụ bản sao lưu) / a SQLite file to check instead of --db (a backup)
    file: Option<std::path::PathBuf>,
    /// text | json
    #[arg(long, default_value = "text")]
    format: String,
}

struct Check {
    name: &'static str,
    ok: bool,
    detail: String,
}

pub fn run(db: &str, args: &Args) -> Result<ExitCode, CliError> {
    if !matches!(args.format.as_str(), "text" | "json") {
        return Err(CliError::Usage(format!("--format {}: text | json", args.format)));
    }
    let db = args.file.as_ref().map(|f| f.display().to_string()).unwrap_or_else(|| db.to_string());
    let (checks, found) = checks(&db);
    let ok = checks.iter().all(|c| c.ok);
    if args.format == "json" {
        print_json(&db, &checks, found.as_ref(), ok);
    } else {
        print_text(&db, &checks, found.as_ref(), ok);
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Each check in turn; a later one runs only when what it reads is sound.
fn checks(db: &str) -> (Vec<Check>, Option<Inspection>) {
    let postgres = is_postgres_url(db);
    let inspected = if postgres {
        thads_store_postgres::backup::inspect(db)
    } else {
        thads_store_sqlite::backup::inspect(Path::new(db))
    };
    let found = match inspected {
        Ok(found) => found,
        Err(e) => {
            // The operator of a command line is the administrator: the backend's detail helps.
            let detail = match &e {
                thads_store::StoreError::Backend(detail) => format!("{e}: {detail}"),
                _ => e.to_string(),
            };
            return (vec![Check { name: "open", ok: false, detail }], None);
        }
    };
    let mut checks = vec![integrity(&found), schema(&found, postgres)];
    if checks.iter().all(|c| c.ok) {
        checks.push(ledger(db));
        checks.push(audit(db));
    }
    (checks, Some(found))
}

fn integrity(found: &Inspection) -> Check {
    let detail = match &found.integrity {
        None => "PostgreSQL: không áp dụng / not applicable (the server checks its own pages)".to_string(),
        Some(lines) => lines.iter().take(10).cloned().collect::<Vec<_>>().join("; "),
    };
    Check { name: "integrity", ok: found.integrity_ok(), detail }
}

fn schema(found: &Inspection, postgres: bool) -> Check {
    let known = if postgres { thads_store_postgres::MIGRATIONS } else { thads_store_sqlite::MIGRATIONS };
    let latest = found.schema.latest().unwrap_or("-").to_string();
    let missing = known.iter().filter(|(k, _)| !found.schema.applied.iter().any(|a| a == k)).count();
    match found.schema.ensure_known(known) {
        Err(e) => Check { name: "schema", ok: false, detail: e.to_string() },
        Ok(()) if found.counts.is_none() => {
            Check { name: "schema", ok: false, detail: format!("{latest}: tables missing / thiếu bảng") }
        }
        Ok(()) if missing > 0 => Check {
            name: "schema",
            ok: false,
            detail: format!(
                "{latest}: cũ hơn, còn {missing} bước / older: {missing} migrations to apply (restore it to upgrade)"
            ),
        },
        Ok(()) => Check {
            name: "schema",
            ok: true,
            detail: format!("{latest} ({} migrations, all known)", found.schema.applied.len()),
        },
    }
}

/// The app's `ledger check`, on a store opened as every command opens it (the schema is then
/// already current: `schema` passed).
fn ledger(db: &str) -> Check {
    let result = open_store(db)
        .and_then(|store| check_ledger(store.as_ref(), &Rules::default(), SystemClock.today()).map_err(CliError::from));
    match result {
        Ok(LedgerCheck::Equal { rows }) => {
            Check { name: "ledger", ok: true, detail: format!("= full recomputation ({rows} rows)") }
        }
        Ok(LedgerCheck::Differs { rows }) => {
            Check { name: "ledger", ok: false, detail: format!("differs from a full recomputation in {rows} rows") }
        }
        Err(e) => Check { name: "ledger", ok: false, detail: e.to_string() },
    }
}

/// The audit trail's hash chain, walked whole.
fn audit(db: &str) -> Check {
    match open_store(db).and_then(|store| verify_chain(store.as_ref()).map_err(CliError::from)) {
        Ok(check) => Check { name: "audit", ok: check.fault.is_none(), detail: crate::cmd::audit::summary(&check) },
        Err(e) => Check { name: "audit", ok: false, detail: e.to_string() },
    }
}

fn print_text(db: &str, checks: &[Check], found: Option<&Inspection>, ok: bool) {
    println!("Kiểm tra / verify: {}", shown(db));
    for c in checks {
        println!("  [{}] {:<9} {}", if c.ok { " ok " } else { "FAIL" }, c.name, c.detail);
    }
    if let Some(c) = found.and_then(|f| f.counts) {
        println!(
            "  đơn vị / units: {}, việc / cases: {}, sự kiện / events: {}, nhật ký / audit entries: {}",
            c.units, c.cases, c.events, c.audit
        );
    }
    println!("Kết quả / result: {}", if ok { "OK" } else { "LỖI / FAILED" });
}

fn print_json(db: &str, checks: &[Check], found: Option<&Inspection>, ok: bool) {
    let counts = found
        .and_then(|f| f.counts)
        .map(|c| json!({ "units": c.units, "cases": c.cases, "events": c.events, "audit": c.audit }));
    let report = json!({
        "database": shown(db),
        "ok": ok,
        "schema": found.and_then(|f| f.schema.latest()),
        "checks": checks.iter().map(|c| json!({ "name": c.name, "ok": c.ok, "detail": c.detail })).collect::<Vec<_>>(),
        "counts": counts,
    });
    println!("{report}");
}
