//! The audit trail: who changed what and when, as a person reads it (labels, names, the fields
//! that changed), per case and per unit with filters, and the sign-in history; the API gives a
//! case's trail; administrators of the whole installation see the hash chain's state
//! (`chain`). The changes themselves are audited by the app layer in the transaction that
//! makes them; sign-ins by the accounts room.

pub mod api;
pub mod chain;
pub mod changes;
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
