//! Importing registers end to end on a temporary SQLite store: good CSV and XLSX files, each
//! kind of bad input (with the exact row and column, and nothing landed), repeated imports,
//! backdated events across imports, and the ledger against a full recomputation.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

#[path = "imports/bad_files.rs"]
mod bad_files;
#[path = "imports/bad_rows.rs"]
mod bad_rows;
#[path = "imports/events.rs"]
mod events;
#[path = "imports/good.rs"]
mod good;
#[path = "imports/support.rs"]
mod support;
#[path = "imports/text_fields.rs"]
mod text_fields;
#[path = "imports/xlsx.rs"]
mod xlsx;
