//! Backup room, PostgreSQL: a wrapper around the server's own tools, `pg_dump` in its custom
//! format (a consistent snapshot while the server runs) and `pg_restore`, which must be on the
//! PATH in the server's major version; and an inspection that changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use postgres::{Config, NoTls};
use thads_store::backup::{COUNTS_SQL, Counts, Inspection, SchemaVersion};
use thads_store::{StoreError, StoreResult};

/// `pg_dump --format=custom` of the database at `url` into `out`, through `out.partial`
/// renamed when `pg_dump` succeeded.
pub fn dump(url: &str, out: &Path) -> StoreResult<()> {
    let partial = partial_name(out);
    let _ = std::fs::remove_file(&partial);
    let output = tool("pg_dump")
        .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
        .arg(&partial)
        .arg("--dbname")
        .arg(url)
        .output();
    if let Err(e) = finished("pg_dump", output) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, out).map_err(|e| StoreError::Invalid(format!("lỗi ghi tệp / file error: {e}")))
}

/// The schema version a `pg_dump` archive holds, read from its `schema_migrations` table with
/// `pg_restore` (nothing is restored). A file that is not such an archive is refused.
pub fn dump_schema(file: &Path) -> StoreResult<SchemaVersion> {
    if !file.is_file() {
        return Err(StoreError::Invalid(format!("không có tệp / no such file: {}", file.display())));
    }
    let output = tool("pg_restore").args(["--data-only", "--table=schema_migrations", "--file=-"]).arg(file).output();
    let text = finished("pg_restore", output).map_err(|_| {
        StoreError::Invalid(format!(
            "tệp không phải bản sao lưu pg_dump / not a pg_dump custom-format archive: {}",
            file.display()
        ))
    })?;
    Ok(SchemaVersion { applied: copied_names(&text) })
}

/// `pg_restore` of `file` into the database at `url`, dropping what it holds first, in one
/// transaction that stops at the first error.
pub fn restore(file: &Path, url: &str) -> StoreResult<()> {
    let output = tool("pg_restore")
        .args(["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"])
        .arg("--dbname")
        .arg(url)
        .arg(file)
        .output();
    finished("pg_restore", output).map(|_| ())
}

/// The schema version and counts of the database at `url`, read only. PostgreSQL checks its
/// own pages (checksums, `amcheck`): no integrity check is run here.
pub fn inspect(url: &str) -> StoreResult<Inspection> {
    let config = Config::from_str(url)
        .map_err(|e| StoreError::Invalid(format!("địa chỉ PostgreSQL không hợp lệ / invalid PostgreSQL URL: {e}")))?;
    let mut client = config.connect(NoTls).map_err(crate::error::backend)?;
    let has_table = |client: &mut postgres::Client, name: &str| -> StoreResult<bool> {
        let row = client
            .query_one("select to_regclass($1) is not null", &[&format!("public.{name}")])
            .map_err(crate::error::backend)?;
        Ok(row.get(0))
    };
    let schema = if has_table(&mut client, "schema_migrations")? {
        let rows =
            client.query("select name from schema_migrations order by name", &[]).map_err(crate::error::backend)?;
        SchemaVersion { applied: rows.iter().map(|r| r.get(0)).collect() }
    } else {
        SchemaVersion { applied: Vec::new() }
    };
    let counts = if has_table(&mut client, "cases")? && has_table(&mut client, "audit")? {
        let r = client.query_one(COUNTS_SQL, &[]).map_err(crate::error::backend)?;
        Some(Counts { units: r.get(0), cases: r.get(1), events: r.get(2), audit: r.get(3) })
    } else {
        None
    };
    Ok(Inspection { integrity: None, schema, counts })
}

fn tool(name: &str) -> Command {
    let mut command = Command::new(name);
    command.env("PGCONNECT_TIMEOUT", "10");
    command
}

/// The tool's standard output when it succeeded; a missing tool or its failure, said plainly
/// (its last line of errors, which names what went wrong, never a password).
fn finished(name: &str, output: std::io::Result<Output>) -> StoreResult<String> {
    let output = output.map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            StoreError::Invalid(format!(
                "không tìm thấy {name} / {name} not found: install the PostgreSQL client tools \
                 (Debian: postgresql-client) of the server's major version"
            ))
        } else {
            StoreError::Invalid(format!("không chạy được {name} / cannot run {name}: {e}"))
        }
    })?;
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    let errors = String::from_utf8_lossy(&output.stderr);
    let last = errors.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    Err(StoreError::Invalid(format!("{name} thất bại / {name} failed: {last}")))
}

/// The names in the `COPY … schema_migrations … from stdin` block of a data-only script.
fn copied_names(script: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut inside = false;
    for line in script.lines() {
        if inside {
            if line == "\\." {
                break;
            }
            if let Some(name) = line.split('\t').next().filter(|n| !n.is_empty()) {
                names.push(name.to_string());
            }
        } else if line.starts_with("COPY ") && line.contains("schema_migrations") {
            inside = true;
        }
    }
    names.sort();
    names
}

fn partial_name(out: &Path) -> PathBuf {
    let mut name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    out.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::copied_names;

    #[test]
    fn the_names_of_the_copy_block_are_read_and_nothing_else() {
        let script = "SET x = 1;\nCOPY public.schema_migrations (name, applied_at) FROM stdin;\n\
                      0002_web\t2\n0001_init\t1\n\\.\nselect 1;\n";
        assert_eq!(copied_names(script), vec!["0001_init".to_string(), "0002_web".to_string()]);
        assert!(copied_names("nothing here").is_empty());
    }
}
