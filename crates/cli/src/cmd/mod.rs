//! One module per subcommand.

pub mod bench;
pub mod case;
pub mod ledger;
pub mod migrate_db;
pub mod serve;
pub mod user;
