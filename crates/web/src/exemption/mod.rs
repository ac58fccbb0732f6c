//! Exemption and reduction proposals (đề nghị miễn, giảm thi hành án): a case's eligibility on
//! its page and in the API (`GET /api/v1/cases/{id}/exemption?on=`), the proposal form, the
//! court's decision and its effect on the case, the register of a unit's scope with its figures
//! and its XLSX export. A proposal is seen with its case and changed with
//! `Action::ProposeExemption` on the case (an officer: their own cases).

pub mod api;
pub mod pages;

use thads_core::UnitId;
use thads_core::access::Action;

use crate::accounts::{CaseAccess, Need};
use crate::error::WebError;
use crate::state::AppState;

/// Reading a unit's register of proposals: whoever sees its cases.
#[derive(Debug)]
pub struct ViewProposals;
impl Need for ViewProposals {
    fn action(unit: UnitId) -> Action {
        Action::ViewCase { unit }
    }
}

/// May the user propose this case or record the court's decision on it?
pub fn may_propose(state: &AppState, access: &CaseAccess) -> Result<(), WebError> {
    let f = &access.case.facts;
    access.user.may(state, Action::ProposeExemption { unit: f.unit, assigned: f.officer })
}
