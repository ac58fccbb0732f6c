//! Imported files on PostgreSQL: one row per file, unique by SHA-256 (found with `on conflict
//! do nothing`, so the transaction stays usable).

use thads_store::{IMPORT_COLUMNS, ImportBatch, Imports, ImportsTx, NewImportBatch, StoreError, StoreResult};

use crate::PgStore;
use crate::convert::{self as cv, get};
use crate::error::constraint;
use crate::tx::PgTx;

impl Imports for PgStore {
    fn import_by_hash(&self, sha256: &str) -> StoreResult<Option<ImportBatch>> {
        let sql = format!("select {IMPORT_COLUMNS} from import_batches where sha256 = $1");
        self.query_one(&sql, &[&sha256], cv::import)
    }
}

impl ImportsTx for PgTx<'_> {
    fn insert_import(&mut self, b: &NewImportBatch) -> StoreResult<i64> {
        let what = || format!("tệp đã được nhập / file already imported: {}", b.file_name);
        let rows = self.query_mapped(
            "insert into import_batches (kind, file_name, sha256, rows, imported_by, imported_at)
             values ($1, $2, $3, $4, $5, $6) on conflict (sha256) do nothing returning id",
            &[
                &b.kind,
                &b.file_name,
                &b.sha256,
                &i64::try_from(b.rows).unwrap_or(i64::MAX),
                &b.imported_by,
                &b.imported_at.unix_timestamp(),
            ],
            constraint(what),
        )?;
        get(rows.first().ok_or_else(|| StoreError::Duplicate(what()))?, 0)
    }
}
