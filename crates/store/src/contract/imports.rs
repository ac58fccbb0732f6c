//! Contract check of imports: a file (by its SHA-256) is imported once.

use time::macros::datetime;

use super::ok;
use crate::*;

pub fn files_are_imported_once(store: &dyn Store) {
    let batch = NewImportBatch {
        kind: "cases".into(),
        file_name: "cases.csv".into(),
        sha256: "e3b0c442".into(),
        rows: 12,
        imported_by: "admin".into(),
        imported_at: datetime!(2025-10-20 09:30 UTC),
    };
    let mut tx = ok(store.begin());
    let id = ok(tx.insert_import(&batch));
    assert!(matches!(tx.insert_import(&batch), Err(StoreError::Duplicate(_))));
    ok(tx.commit());
    let found = ok(store.import_by_hash("e3b0c442")).unwrap_or_else(|| panic!("batch missing"));
    assert_eq!((found.id, found.rows, found.file_name.as_str()), (id, 12, "cases.csv"));
    assert_eq!(found.imported_at, batch.imported_at);
    assert_eq!(ok(store.import_by_hash("other")), None);
}
