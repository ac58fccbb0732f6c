//! The audit trail: who changed what and when, per case and per person (pages only; the
//! changes themselves are audited by the app layer in the transaction that makes them).

pub mod pages;

use thads_core::UnitId;
use thads_core::access::Action;

use crate::accounts::Need;

/// The audit trail of a unit's cases and people.
#[derive(Debug)]
pub struct ViewAudit;
impl Need for ViewAudit {
    fn action(unit: UnitId) -> Action {
        Action::ViewAudit { unit }
    }
}
