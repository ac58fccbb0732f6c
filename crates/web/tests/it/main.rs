//! The web application tested from outside: a real server on port 0 over a fresh database per
//! test (SQLite, or PostgreSQL with `THADS_TEST_BACKEND=postgres`), driven over HTTP (and, in
//! `e2e`, by headless Chromium).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod admin;
mod admin_judgments;
mod api;
mod assets;
mod audit;
mod backends;
mod common;
mod complaints;
mod corrections;
mod deadlines;
mod defects;
mod documents;
mod e2e;
mod e2e_admin;
mod e2e_assets;
mod e2e_assets_money;
mod e2e_complaints;
mod e2e_defects;
mod e2e_documents;
mod e2e_documents_jobs;
mod e2e_money;
mod e2e_periods;
mod e2e_personnel;
mod e2e_portal;
mod e2e_reception;
mod e2e_reorg;
mod e2e_requests;
mod e2e_stats;
mod e2e_worklist;
mod exemption;
mod fuzz_api;
mod health;
mod import;
mod import_scope;
mod import_text;
mod intake;
mod money;
mod money_order;
mod openapi;
mod pages;
mod periods;
mod personnel;
mod portal;
mod probe_input;
mod reception;
mod reference;
mod refusals;
mod reorg;
mod requests;
mod routes;
mod security;
mod stats;
mod telemetry;
