//! The demo runs through the 2025 reform: once the cases are written (at the district offices
//! and old provinces before 01/07/2025, at the sections and new provinces after), the reform's
//! merges are recorded as dated operations on `REFORM`, in one transaction: each section formed
//! from its district offices, then the provinces of the reform file merged into the 34 and
//! renamed. The cases move a unit at a time (`reorg::bulk`), so that reports of periods before
//! the reform come as reported (districts) or restated (sections).

use thads_store::Store;
use time::PrimitiveDateTime;
use time::macros::time;

use super::org::{Merge, REFORM};
use crate::clock::VIETNAM;
use crate::error::AppResult;
use crate::reorg::bulk::{self, BulkMerge, Recorder};

/// Who the reform is attributed to.
const RECORDED_BY: &str = "demo";

/// Records the reform's merges; returns how many operations.
pub fn apply(store: &dyn Store, merges: &[Merge]) -> AppResult<u64> {
    let at = PrimitiveDateTime::new(REFORM, time!(08:00)).assume_offset(VIETNAM);
    let by = Recorder { login: RECORDED_BY.to_string(), at };
    let mut tx = store.begin()?;
    let mut operations = 0;
    for m in merges.iter().filter(|m| m.created || !m.from.is_empty() || m.name.is_some()) {
        let merge =
            BulkMerge { into: m.into, created: m.created, from: m.from.clone(), on: REFORM, name: m.name.clone() };
        bulk::merge(tx.as_mut(), &by, &merge)?;
        operations += 1;
    }
    tx.commit()?;
    Ok(operations)
}
