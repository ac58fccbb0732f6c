//! The web application tested from outside: a real server on port 0 over a fresh SQLite
//! database per test, driven over HTTP (and, in `e2e`, by headless Chromium).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod api;
mod common;
mod corrections;
mod deadlines;
mod e2e;
mod import;
mod import_scope;
mod import_text;
mod routes;
mod security;
mod stats;
