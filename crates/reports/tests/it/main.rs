//! The reports crate's integration tests: one binary (see style.md).
#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;
mod forms;
mod golden;
mod properties;
mod reference;
mod unit_rows;
mod vectors;
