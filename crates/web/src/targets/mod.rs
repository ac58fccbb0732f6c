//! Targets (chỉ tiêu): a unit's yearly completion rates, set in the browser by those who may
//! (`SetTargets` on the unit: administrators, heads, statisticians of its scope). The change
//! is audited by `thads_app::targets` and moves the reference generation, so the dashboards and
//! statistics show it at once.

pub mod pages;

use thads_core::UnitId;
use thads_core::access::Action;

use crate::accounts::Need;

/// Setting a unit's yearly targets.
#[derive(Debug)]
pub struct SetTargets;
impl Need for SetTargets {
    fn action(unit: UnitId) -> Action {
        Action::SetTargets { unit }
    }
}
