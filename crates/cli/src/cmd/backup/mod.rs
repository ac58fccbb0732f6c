//! `thads backup --out FILE`, `thads restore FILE` and `thads verify`: a consistent copy of a
//! live database (SQLite's online backup API; `pg_dump` on PostgreSQL), its restore into a
//! database that holds no cases (unless `--force`), checked to be a THADS backup before
//! anything is replaced and audited after, and the checks that say a database or a SQLite
//! backup file is sound. None of them opens the database the way other commands do (which
//! would create or migrate it first).

pub mod schedule;
mod verify;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Subcommand;
use thads_app::clock::SystemClock;
use thads_store::backup::{Inspection, RESTORE_ACTION, SchemaVersion};
use thads_store::{NewAudit, Store};
use thads_store_postgres::PgStore;
use thads_store_sqlite::SqliteStore;

use crate::context::{cli_login, is_postgres_url, open_store};
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Sao lưu nhất quán khi máy chủ đang chạy / a consistent backup while the server runs
    Backup(BackupArgs),
    /// Khôi phục bản sao lưu vào cơ sở dữ liệu chưa có việc / restore a backup into a database without cases
    Restore(RestoreArgs),
    /// Kiểm tra toàn vẹn, sổ cái, số lượng (cả tệp sao lưu) / check integrity, ledger, counts (a backup file too)
    Verify(verify::Args),
}

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Tệp sao lưu cần ghi / the backup file to write
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// Tệp sao lưu / the backup file
    #[arg(required_unless_present = "from", conflicts_with = "from")]
    file: Option<PathBuf>,
    /// Tệp sao lưu (như FILE) / the backup file (as FILE)
    #[arg(long)]
    from: Option<PathBuf>,
    /// Ghi đè cả cơ sở dữ liệu đã có việc / overwrite a database that holds cases
    #[arg(long)]
    force: bool,
}

pub fn run(db: &str, command: BackupCommand) -> Result<ExitCode, CliError> {
    match command {
        BackupCommand::Backup(args) => backup(db, &args.out),
        BackupCommand::Restore(args) => {
            let file = args.file.or(args.from).ok_or_else(|| CliError::Usage("FILE?".into()))?;
            restore(db, &file, args.force)
        }
        BackupCommand::Verify(args) => verify::run(db, &args),
    }
}

fn backup(db: &str, out: &Path) -> Result<ExitCode, CliError> {
    let started = Instant::now();
    let schema = if is_postgres_url(db) {
        thads_store_postgres::backup::dump(db, out)?;
        thads_store_postgres::backup::dump_schema(out)?
    } else {
        thads_store_sqlite::backup::backup(Path::new(db), out)?;
        let copy = thads_store_sqlite::backup::inspect(out)?;
        print_counts(&copy);
        copy.schema
    };
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "Đã sao lưu / backed up: {} ({} KiB, lược đồ / schema {}, {:.1} s)",
        out.display(),
        size / 1024,
        schema.latest().unwrap_or("?"),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn restore(db: &str, file: &Path, force: bool) -> Result<ExitCode, CliError> {
    let schema = check_backup(db, file)?;
    refuse_populated(db, force)?;
    eprintln!(
        "khôi phục / restore: {} → {} bởi / by {} (lược đồ / schema {})",
        file.display(),
        shown(db),
        cli_login(),
        schema.latest().unwrap_or("?")
    );
    if is_postgres_url(db) {
        thads_store_postgres::backup::restore(file, db)?;
    } else {
        thads_store_sqlite::backup::restore(file, Path::new(db))?;
    }
    // Opening brings an older backup's schema up to date; the audit then says what was done.
    let store = open_store(db)?;
    audit_restore(store.as_ref(), file, &schema)?;
    let counts = match is_postgres_url(db) {
        true => thads_store_postgres::backup::inspect(db)?,
        false => thads_store_sqlite::backup::inspect(Path::new(db))?,
    };
    print_counts(&counts);
    println!("Đã khôi phục / restored {} into {}", file.display(), shown(db));
    Ok(ExitCode::SUCCESS)
}

/// The file must be a THADS backup this build can read, for the target's backend.
fn check_backup(db: &str, file: &Path) -> Result<SchemaVersion, CliError> {
    let schema = if is_postgres_url(db) {
        let schema = thads_store_postgres::backup::dump_schema(file)?;
        schema.ensure_known(thads_store_postgres::MIGRATIONS)?;
        schema
    } else {
        let found = thads_store_sqlite::backup::inspect(file)?;
        if !found.integrity_ok() {
            return Err(CliError::Refused(format!(
                "tệp sao lưu hỏng / the backup file is damaged: {}",
                found.integrity.unwrap_or_default().join("; ")
            )));
        }
        found.schema.ensure_known(thads_store_sqlite::MIGRATIONS)?;
        if found.counts.is_none() {
            return Err(CliError::Refused("không phải bản sao lưu THADS / not a THADS backup: tables missing".into()));
        }
        found.schema
    };
    Ok(schema)
}

/// A target holding units or cases (`thads demo`'s test) is kept unless `--force`; a SQLite
/// target that is some other file is never overwritten.
fn refuse_populated(db: &str, force: bool) -> Result<(), CliError> {
    if !is_postgres_url(db) && Path::new(db).exists() {
        let found = thads_store_sqlite::backup::inspect(Path::new(db))?;
        if found.schema.applied.is_empty() && found.counts.is_none() && std::fs::metadata(db)?.len() > 0 {
            return Err(CliError::Refused(format!(
                "{db} không phải cơ sở dữ liệu THADS; không ghi đè / is not a THADS database: not overwritten"
            )));
        }
    }
    if force || (!is_postgres_url(db) && !Path::new(db).exists()) {
        return Ok(());
    }
    let store: Box<dyn Store> = match is_postgres_url(db) {
        true => Box::new(PgStore::open(db)?),
        false => Box::new(SqliteStore::open(Path::new(db))?),
    };
    if thads_app::demo::is_empty(store.as_ref())? {
        Ok(())
    } else {
        Err(CliError::Refused(format!(
            "cơ sở dữ liệu đích đã có dữ liệu; không ghi đè nếu không có --force / the target {} holds units or cases: \
             not overwritten without --force",
            shown(db)
        )))
    }
}

fn audit_restore(store: &dyn Store, file: &Path, schema: &SchemaVersion) -> Result<(), CliError> {
    let mut tx = store.begin()?;
    tx.insert_audit(&NewAudit {
        at: SystemClock.now(),
        actor: cli_login(),
        case: None,
        action: RESTORE_ACTION.into(),
        before: None,
        after: Some(serde_json::json!({ "file": file.display().to_string(), "schema": schema.latest() }).to_string()),
    })?;
    tx.commit()?;
    Ok(())
}

fn print_counts(found: &Inspection) {
    if let Some(c) = found.counts {
        println!(
            "  đơn vị / units: {}, việc / cases: {}, sự kiện / events: {}, nhật ký / audit entries: {}",
            c.units, c.cases, c.events, c.audit
        );
    }
}

/// A database as it may be shown: a PostgreSQL URL without its password.
pub fn shown(db: &str) -> String {
    match (db.find("://"), db.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &db[scheme + 3..at];
            match credentials.find(':') {
                Some(colon) => format!("{}{}:***{}", &db[..scheme + 3], &credentials[..colon], &db[at..]),
                None => db.to_string(),
            }
        }
        _ => db.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn a_password_is_never_shown() {
        assert_eq!(shown("postgres://u:secret@h:5432/d"), "postgres://u:***@h:5432/d");
        assert_eq!(shown("thads.db"), "thads.db");
    }
}
