//! Scheduled backups while `thads serve` runs (`--backup-dir DIR --backup-every HOURS
//! --backup-keep N`): every so many hours a backup into DIR named by its UTC time
//! (`thads-YYYYMMDDTHHMMSSZ.db`, `.dump` on PostgreSQL), then only the newest N are kept. Each
//! outcome is one line on stderr; a failed backup does not stop the server.

use std::path::{Path, PathBuf};
use std::time::Duration;

use thads_app::clock::SystemClock;
use time::UtcOffset;
use time::macros::format_description;

use crate::context::is_postgres_url;
use crate::error::CliError;

#[derive(Debug, Clone, clap::Args)]
pub struct ScheduleArgs {
    /// Thư mục sao lưu theo lịch; không có: không sao lưu / directory of scheduled backups (none: no schedule)
    #[arg(long, env = "THADS_BACKUP_DIR")]
    backup_dir: Option<PathBuf>,
    /// Mỗi bao nhiêu giờ / every so many hours
    #[arg(long, default_value_t = 24.0, requires = "backup_dir", env = "THADS_BACKUP_EVERY_HOURS")]
    backup_every: f64,
    /// Số bản mới nhất được giữ / how many of the newest backups are kept
    #[arg(long, default_value_t = 7, requires = "backup_dir", env = "THADS_BACKUP_KEEP")]
    backup_keep: usize,
}

/// Starts the schedule on its own thread, if a directory was given.
pub fn start(db: &str, args: &ScheduleArgs) -> Result<(), CliError> {
    let Some(dir) = args.backup_dir.clone() else { return Ok(()) };
    if !(args.backup_every.is_finite() && args.backup_every > 0.0) || args.backup_keep == 0 {
        return Err(CliError::Usage("--backup-every > 0, --backup-keep ≥ 1".into()));
    }
    std::fs::create_dir_all(&dir)?;
    let every = Duration::from_secs_f64(args.backup_every * 3600.0);
    let (db, keep) = (db.to_string(), args.backup_keep);
    eprintln!("sao lưu theo lịch / scheduled backups: {} every {} h, keeping {keep}", dir.display(), args.backup_every);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(every);
            match take(&db, &dir, keep) {
                Ok(file) => eprintln!("sao lưu / backup: {}", file.display()),
                Err(e) => eprintln!("sao lưu thất bại / backup failed: {e}"),
            }
        }
    });
    Ok(())
}

fn take(db: &str, dir: &Path, keep: usize) -> Result<PathBuf, CliError> {
    let ext = if is_postgres_url(db) { "dump" } else { "db" };
    let now = SystemClock.now().to_offset(UtcOffset::UTC);
    let stamp = now
        .format(format_description!("[year][month][day]T[hour][minute][second]Z"))
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let file = dir.join(format!("thads-{stamp}.{ext}"));
    if is_postgres_url(db) {
        thads_store_postgres::backup::dump(db, &file)?;
    } else {
        thads_store_sqlite::backup::backup(Path::new(db), &file)?;
    }
    prune(dir, ext, keep)?;
    Ok(file)
}

/// Removes all but the newest `keep` scheduled backups (their names sort by time).
fn prune(dir: &Path, ext: &str, keep: usize) -> Result<(), CliError> {
    let suffix = format!(".{ext}");
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("thads-") && n.ends_with(&suffix))
        .collect();
    names.sort();
    let old = names.len().saturating_sub(keep);
    for name in &names[..old] {
        std::fs::remove_file(dir.join(name))?;
    }
    Ok(())
}
