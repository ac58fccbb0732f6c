//! One module per subcommand.

pub mod calendar;
pub mod case;
pub mod coercion;
pub mod deadlines;
pub mod demo;
pub mod import;
pub mod ledger;
pub mod migrate_db;
pub mod report;
pub mod serve;
pub mod target;
pub mod user;
