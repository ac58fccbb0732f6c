//! THADS use cases, written once over the `Store` trait so that every backend behaves alike:
//! recording and correcting events, keeping the statistics ledger, importing registers,
//! generating demo data.

pub mod clock;
pub mod deadlines;
pub mod demo;
pub mod error;
pub mod history;
pub mod import;
pub mod migrate;
pub mod progress;
pub mod rebuild;
pub mod record;
pub mod stats;
pub mod view;

pub use error::{AppError, AppResult, HistoryRefusal};
pub use record::{Actor, Changed, NewRecord};
