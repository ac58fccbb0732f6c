//! Backup and restore: what both backends share to say what a database (or a backup of one)
//! holds — the migrations applied, whether this build knows them all, and how many units,
//! cases, events and audit entries it has. Taking and restoring a copy is the backends' own
//! (SQLite's online backup API; `pg_dump`/`pg_restore`), in their `backup.rs`.

use crate::{StoreError, StoreResult};

/// The audit action of a restore made from the command line.
pub const RESTORE_ACTION: &str = "backup.restore";

/// The same counting SQL on both backends: units, cases, events, audit entries.
pub const COUNTS_SQL: &str = "select (select count(*) from units), (select count(*) from cases), \
     (select count(*) from events), (select count(*) from audit)";

/// How many rows the main tables hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub units: i64,
    pub cases: i64,
    pub events: i64,
    pub audit: i64,
}

/// The schema of a database as its `schema_migrations` table says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaVersion {
    /// Applied migrations, in name order.
    pub applied: Vec<String>,
}

impl SchemaVersion {
    /// The last migration applied, by which the schema is named.
    pub fn latest(&self) -> Option<&str> {
        self.applied.last().map(String::as_str)
    }

    /// Applied migrations this build does not know (a backup of a newer THADS).
    pub fn unknown(&self, known: &[(&str, &str)]) -> Vec<String> {
        self.applied.iter().filter(|a| !known.iter().any(|(k, _)| k == a)).cloned().collect()
    }

    /// Refuses a schema that is not a THADS one, or that this build cannot read: no
    /// migration applied, or one it does not know.
    pub fn ensure_known(&self, known: &[(&str, &str)]) -> StoreResult<()> {
        if self.applied.is_empty() {
            return Err(StoreError::Invalid(
                "không phải bản sao lưu THADS (không có lịch sử lược đồ) / not a THADS database: no schema migrations"
                    .into(),
            ));
        }
        let unknown = self.unknown(known);
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Invalid(format!(
                "lược đồ mới hơn phiên bản THADS này / schema newer than this THADS: unknown migrations {}",
                unknown.join(", ")
            )))
        }
    }
}

/// What a database (or a SQLite backup file) holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The backend's own integrity check: `Some(["ok"])` when sound, its findings otherwise;
    /// `None` where the backend has none to run here (PostgreSQL checks its pages itself).
    pub integrity: Option<Vec<String>>,
    pub schema: SchemaVersion,
    /// `None` when the tables are not there (not a THADS database, or an empty one).
    pub counts: Option<Counts>,
}

impl Inspection {
    pub fn integrity_ok(&self) -> bool {
        self.integrity.as_ref().is_none_or(|lines| lines.len() == 1 && lines[0] == "ok")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[(&str, &str)] = &[("0001_init", ""), ("0002_web", "")];

    #[test]
    fn a_schema_of_known_migrations_passes_and_names_its_latest() {
        let v = SchemaVersion { applied: vec!["0001_init".into(), "0002_web".into()] };
        assert!(v.ensure_known(KNOWN).is_ok());
        assert_eq!(v.latest(), Some("0002_web"));
    }

    #[test]
    fn no_migrations_or_an_unknown_one_is_refused() {
        assert!(SchemaVersion { applied: vec![] }.ensure_known(KNOWN).is_err());
        let newer = SchemaVersion { applied: vec!["0001_init".into(), "0099_future".into()] };
        assert_eq!(newer.unknown(KNOWN), vec!["0099_future".to_string()]);
        assert!(newer.ensure_known(KNOWN).is_err());
    }
}
