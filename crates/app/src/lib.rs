//! THADS use cases, written once over the `Store` trait so that every backend behaves alike.
//! One module per capability, named as on every other layer (`ARCHITECTURE.md`, rooms):
//! accounts and targets as an administrator changes them, cases (recording and correcting events, a case as people read it), the statistics ledger,
//! imports, deadlines, statistics, demo data, migration between databases. Below them, what
//! every capability uses: who acts and when (`actor`), checking a case's whole history
//! (`history`), the clock, errors and progress.

pub mod accounts;
pub mod actor;
pub mod admin_judgments;
pub mod assets;
pub mod audit;
pub mod cases;
pub mod clock;
pub mod complaints;
pub mod deadlines;
pub mod demo;
pub mod documents;
pub mod error;
pub mod exemption;
pub mod history;
pub mod imports;
pub mod ledger;
pub mod migrate;
pub mod money;
pub mod progress;
pub mod reception;
// Reorganisations of units as dated operations (issue 23).
pub mod reorg;
// Enforcement requests filed online (issue 21).
pub mod requests;
pub mod stats;
pub mod targets;

// Monthly closing and frozen reports (issue 17).
pub mod periods;
pub mod snapshots;

// The staff registry and the officers' workload (issue 23).
pub mod personnel;
// The citizens' portal (issue 21).
pub mod portal;

pub use actor::Actor;
pub use cases::{Changed, NewRecord};
pub use error::{AppError, AppResult, HistoryRefusal};
