//! Importing registers end to end on a temporary SQLite store: good CSV and XLSX files, each
//! kind of bad input (with the exact row and column, and nothing landed), repeated imports,
//! backdated events across imports, and the ledger against a full recomputation.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

#[path = "import/bad_files.rs"]
mod bad_files;
#[path = "import/bad_rows.rs"]
mod bad_rows;
#[path = "import/events.rs"]
mod events;
#[path = "import/good.rs"]
mod good;
#[path = "import/support.rs"]
mod support;
#[path = "import/text_fields.rs"]
mod text_fields;
#[path = "import/xlsx.rs"]
mod xlsx;
