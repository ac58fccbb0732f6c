//! Imported files on SQLite: one row per file, unique by SHA-256.

use rusqlite::params;
use thads_store::{IMPORT_COLUMNS, ImportBatch, Imports, ImportsTx, NewImportBatch, StoreResult};

use crate::SqliteStore;
use crate::convert as cv;
use crate::error::unique;
use crate::tx::SqliteTx;

impl Imports for SqliteStore {
    fn import_by_hash(&self, sha256: &str) -> StoreResult<Option<ImportBatch>> {
        let sql = format!("select {IMPORT_COLUMNS} from import_batches where sha256 = ?1");
        self.query_one(&sql, [sha256], cv::import)
    }
}

impl ImportsTx for SqliteTx<'_> {
    fn insert_import(&mut self, b: &NewImportBatch) -> StoreResult<i64> {
        self.conn()
            .execute(
                "insert into import_batches (kind, file_name, sha256, rows, imported_by, imported_at)
                 values (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    b.kind,
                    b.file_name,
                    b.sha256,
                    i64::try_from(b.rows).unwrap_or(i64::MAX),
                    b.imported_by,
                    cv::instant_secs(b.imported_at)
                ],
            )
            .map_err(unique(|| format!("tệp đã được nhập / file already imported: {}", b.file_name)))?;
        Ok(self.conn().last_insert_rowid())
    }
}
