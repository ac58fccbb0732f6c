//! Who opened a case's file (issue 21 item 5): each staff view of a case — its page, the API,
//! its documents — is one cheap insert, which the portal shows to the parties. A module of its
//! own, below the rooms that log views (cases, documents) and the portal that reads them.

use thads_core::CaseId;

use crate::accounts::User;
use crate::error::WebError;
use crate::state::AppState;

/// Logs that `user` opened `cases` through `via`: one cheap insert. A failure is logged and
/// never stops the page (the reader must not lose the page because the log is full).
pub fn log_view(state: &AppState, user: &User, cases: &[CaseId], via: &str) {
    let who = (user.staff.id, user.staff.unit, user.staff.role);
    if let Err(e) = thads_app::portal::log_views(state.store.as_ref(), cases, who, via, state.now()) {
        let _ = WebError::internal(e);
    }
}
