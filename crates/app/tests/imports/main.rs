//! Importing registers end to end on a temporary SQLite store: good CSV and XLSX files, each
//! kind of bad input (with the exact row and column, and nothing landed), repeated imports,
//! backdated events across imports, and the ledger against a full recomputation.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod bad_files;
mod bad_rows;
mod events;
mod good;
mod support;
mod text_fields;
mod xlsx;
