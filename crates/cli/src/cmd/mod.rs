//! The commands, one module per room (ARCHITECTURE.md, "Rooms"), whatever the command is
//! called on the command line: `cases` (`thads case`), `accounts` (`thads user`), `imports`
//! (`thads import`), `stats` (`thads report`), `targets` (`thads target`), `calendar`
//! (`thads calendar` and `thads coercion`); `serve` runs the web application.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod cases;
pub mod deadlines;
pub mod demo;
pub mod documents;
pub mod imports;
pub mod ledger;
pub mod migrate_db;
pub mod money;
pub mod periods;
pub mod personnel;
pub mod reorg;
pub mod serve;
pub mod snapshots;
pub mod stats;
pub mod targets;
