//! Backup room, SQLite: a consistent copy of a live database through SQLite's online backup
//! API (one read transaction, so writers go on in WAL mode and the copy is one moment of the
//! database), written under a temporary name and renamed when complete and checked; a restore
//! through the same API into the target; and an inspection that changes nothing.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use thads_store::backup::{COUNTS_SQL, Counts, Inspection, SchemaVersion};
use thads_store::{StoreError, StoreResult};

use crate::pool;

/// Copies the database at `db` into `out`, consistently even while other processes write it.
/// The copy is written to `out.partial`, checked (`quick_check`), synced and then renamed.
pub fn backup(db: &Path, out: &Path) -> StoreResult<()> {
    let source = open_read_only(db)?;
    let partial = partial_name(out);
    let _ = std::fs::remove_file(&partial);
    let copied = copy(&source, &partial).and_then(|()| {
        let check = quick_check(&partial)?;
        if check == ["ok"] {
            Ok(())
        } else {
            Err(StoreError::Invalid(format!("bản sao hỏng / the copy failed its check: {}", check.join("; "))))
        }
    });
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    File::open(&partial).and_then(|f| f.sync_all()).map_err(io)?;
    std::fs::rename(&partial, out).map_err(io)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The rename itself survives a power cut once the directory is synced (best effort).
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// Replaces the content of `target` (created if missing) with the backup `from`, in one step
/// under the target's write lock. The caller checks first that `from` is a THADS backup and
/// that `target` may be overwritten.
pub fn restore(from: &Path, target: &Path) -> StoreResult<()> {
    let source = open_read_only(from)?;
    let mut dest = pool::open(target)?;
    run(&source, &mut dest)
}

/// The integrity check, the schema version and the counts of the database at `path`, read
/// only. A file that is not a SQLite database is refused; a damaged one gives findings.
pub fn inspect(path: &Path) -> StoreResult<Inspection> {
    let conn = open_read_only(path)?;
    let integrity = integrity_check(&conn);
    if integrity.iter().any(|line| line.contains("file is not a database")) {
        return Err(not_a_database(path));
    }
    let schema = schema_version(&conn).unwrap_or(SchemaVersion { applied: Vec::new() });
    let counts = counts(&conn).ok();
    Ok(Inspection { integrity: Some(integrity), schema, counts })
}

fn open_read_only(path: &Path) -> StoreResult<Connection> {
    if !path.is_file() {
        return Err(StoreError::Invalid(format!("không có tệp / no such file: {}", path.display())));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|_| not_a_database(path))?;
    conn.busy_timeout(Duration::from_secs(30)).map_err(StoreError::backend)?;
    Ok(conn)
}

fn copy(source: &Connection, partial: &Path) -> StoreResult<()> {
    let mut dest = Connection::open(partial).map_err(StoreError::backend)?;
    run(source, &mut dest)?;
    // One self-contained file (a rollback journal, no `-wal` or `-shm` beside it), which a
    // read-only check leaves alone; a restore puts the target back in WAL mode.
    dest.query_row("pragma journal_mode = delete", [], |_| Ok(())).map_err(StoreError::backend)
}

/// Every page in one step: one read transaction on the source, so that a writer committing
/// meanwhile cannot make the copy start over.
fn run(source: &Connection, dest: &mut Connection) -> StoreResult<()> {
    let backup = Backup::new(source, dest).map_err(StoreError::backend)?;
    loop {
        match backup.step(-1).map_err(|e| copy_error(&e))? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(50)),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn copy_error(e: &rusqlite::Error) -> StoreError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
        StoreError::Invalid("tệp không phải cơ sở dữ liệu SQLite / the file is not a SQLite database".into())
    } else {
        StoreError::Backend(format!("backup: {e}"))
    }
}

fn quick_check(path: &Path) -> StoreResult<Vec<String>> {
    let conn = open_read_only(path)?;
    let mut stmt = conn.prepare("pragma quick_check").map_err(StoreError::backend)?;
    stmt.query_map([], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(StoreError::backend)
}

/// `pragma integrity_check`'s findings (`["ok"]` when sound); an error is a finding too.
fn integrity_check(conn: &Connection) -> Vec<String> {
    let lines = conn
        .prepare("pragma integrity_check")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>());
    match lines {
        Ok(lines) if !lines.is_empty() => lines,
        Ok(_) => vec!["no result".to_string()],
        Err(e) => vec![e.to_string()],
    }
}

fn schema_version(conn: &Connection) -> rusqlite::Result<SchemaVersion> {
    let mut stmt = conn.prepare("select name from schema_migrations order by name")?;
    let applied = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(SchemaVersion { applied })
}

fn counts(conn: &Connection) -> rusqlite::Result<Counts> {
    conn.query_row(COUNTS_SQL, [], |r| {
        Ok(Counts { units: r.get(0)?, cases: r.get(1)?, events: r.get(2)?, audit: r.get(3)? })
    })
}

fn partial_name(out: &Path) -> PathBuf {
    let mut name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    out.with_file_name(name)
}

fn not_a_database(path: &Path) -> StoreError {
    StoreError::Invalid(format!("tệp không phải cơ sở dữ liệu SQLite / not a SQLite database: {}", path.display()))
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Invalid(format!("lỗi đọc/ghi tệp / file error: {e}"))
}
