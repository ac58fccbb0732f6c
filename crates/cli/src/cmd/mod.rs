//! One module per subcommand.

pub mod case;
pub mod ledger;
