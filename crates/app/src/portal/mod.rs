//! The citizens' portal's use cases (issue 21): a case's lookup code (derived, rotated and
//! audited), what a party reads of their case with it and who opened the file, the public list
//! of debtors without means computed from the histories as they stand, and the open statistics.

pub mod code;
pub mod debtors;
pub mod follow;
pub mod open_data;
pub mod views;

pub use code::{lookup_code, rotate};
pub use debtors::{DebtorQuery, ListedDebtor, SpellRow, list_history, listed_debtors};
pub use follow::{Followed, PublicDeadline, follow};
pub use open_data::{OpenFigures, open_statistics};
pub use views::{View, view_entries, views_of, write_views};
