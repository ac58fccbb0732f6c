//! Cases: taking one in (`intake`), changing one (recording, correcting and voiding records;
//! editing its facts and reassigning it, `edit`) and a case as people read it. Checking a whole history is `crate::history`, below this
//! module because deadlines, the ledger and imports check histories too (and recording keeps
//! deadlines); it is re-exported here as `cases::history`, the path other crates name.

pub mod edit;
pub mod intake;
pub mod record;
pub mod view;

pub use crate::history;
pub use record::{Changed, NewRecord};
