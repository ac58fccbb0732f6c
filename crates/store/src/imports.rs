//! Imports: the files imported, each once (by its SHA-256), with who imported it and when.

use time::OffsetDateTime;

use crate::StoreResult;

/// The columns of `import_batches`, in the order the backends read an `ImportBatch`.
pub const IMPORT_COLUMNS: &str = "id, kind, file_name, sha256, rows, imported_by, imported_at";

/// A file being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportBatch {
    /// `units`, `cases`, `events` or `targets`.
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub rows: u64,
    pub imported_by: String,
    pub imported_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportBatch {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub rows: u64,
    pub imported_by: String,
    pub imported_at: OffsetDateTime,
}

/// Reading imports.
pub trait Imports {
    /// The file imported with this SHA-256, if any.
    fn import_by_hash(&self, sha256: &str) -> StoreResult<Option<ImportBatch>>;
}

/// Recording imports, in a transaction.
pub trait ImportsTx {
    /// Records an imported file; `Duplicate` if a file with the same SHA-256 was imported.
    fn insert_import(&mut self, batch: &NewImportBatch) -> StoreResult<i64>;
}
