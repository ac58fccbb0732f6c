//! Cases: changing one case (recording, correcting and voiding records, changing its facts),
//! checking a whole history, and a case as people read it.

pub mod history;
pub mod record;
pub mod view;

pub use record::{Actor, Changed, NewRecord};
