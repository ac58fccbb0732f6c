//! PostgreSQL errors to `StoreError`: unique violations are `Duplicate`, other constraint
//! violations `Invalid`, anything else a backend error whose text goes to logs only.

use postgres::error::SqlState;
use thads_store::StoreError;

/// Any failure, as a backend error carrying the server's detail for the logs.
pub fn backend(e: postgres::Error) -> StoreError {
    match e.as_db_error() {
        Some(db) => StoreError::Backend(format!("{}: {} ({:?})", db.code().code(), db.message(), db.detail())),
        None => {
            let cause = std::error::Error::source(&e).map(|s| format!(": {s}")).unwrap_or_default();
            StoreError::Backend(format!("{e}{cause}"))
        }
    }
}

/// Maps a unique violation to `Duplicate` with `what`, another constraint violation to
/// `Invalid`, anything else to a backend error.
pub fn constraint(what: impl Fn() -> String) -> impl Fn(postgres::Error) -> StoreError {
    move |e| match e.code() {
        Some(c) if *c == SqlState::UNIQUE_VIOLATION => StoreError::Duplicate(what()),
        Some(c) if is_integrity(c) => {
            StoreError::Invalid(e.as_db_error().map_or_else(|| e.to_string(), |d| d.message().to_string()))
        }
        _ => backend(e),
    }
}

fn is_integrity(code: &SqlState) -> bool {
    [
        SqlState::FOREIGN_KEY_VIOLATION,
        SqlState::CHECK_VIOLATION,
        SqlState::NOT_NULL_VIOLATION,
        SqlState::RESTRICT_VIOLATION,
    ]
    .contains(code)
}

/// Whether `e` is the refusal of a second record superseding the same record (schema 8).
pub fn supersedes_again(e: &postgres::Error) -> bool {
    e.as_db_error().and_then(|d| d.constraint()) == Some(thads_store::SUPERSEDES_ONCE_INDEX)
}
