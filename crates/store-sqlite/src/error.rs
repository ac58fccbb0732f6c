//! SQLite errors to `StoreError`: unique violations are `Duplicate`, other constraint
//! violations `Invalid`, anything else a backend error whose text goes to logs only.

use thads_store::StoreError;

/// Maps a unique-constraint failure to `Duplicate` with `what`, another constraint failure to
/// `Invalid`, anything else to a backend error.
pub fn unique(what: impl Fn() -> String) -> impl Fn(rusqlite::Error) -> StoreError {
    move |e| match &e {
        rusqlite::Error::SqliteFailure(f, _) if is_unique(f) => StoreError::Duplicate(what()),
        _ => refused(e),
    }
}

/// A row the schema refuses (a case that does not exist…) is invalid data; anything else is a
/// failure of the database.
pub fn refused(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, msg) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            StoreError::Invalid(msg.clone().unwrap_or_else(|| e.to_string()))
        }
        _ => StoreError::backend(e),
    }
}

/// Whether `e` is a unique key (or primary key) refusing a row.
pub fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if is_unique(f))
}

fn is_unique(f: &rusqlite::ffi::Error) -> bool {
    f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
        || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
}
