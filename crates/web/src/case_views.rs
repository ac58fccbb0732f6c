//! Who opened a case's file (issue 21 item 5): each staff view of a case — its page, the API,
//! its documents, an export that lists it — is logged, which the portal shows to the parties.
//! A module of its own, below the rooms that log views (cases, documents, the worklist, the
//! exemptions) and the portal that reads them.

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

/// Logs that an export (`via`, e.g. `export:worklist`) listed `cases` to `user`: each case once,
/// all of them in one set-based write on the blocking pool (not one write per case). Like
/// `log_view`, a failure never stops the export.
pub async fn log_export(state: &AppState, user: &User, cases: impl IntoIterator<Item = CaseId>, via: &'static str) {
    let mut cases: Vec<CaseId> = cases.into_iter().collect();
    cases.sort_unstable();
    cases.dedup();
    if cases.is_empty() {
        return;
    }
    let user = user.clone();
    // The pool's own failures (a worker gone) are logged by `blocking`.
    let _ = state
        .blocking(move |s| {
            log_view(s, &user, &cases, via);
            Ok(())
        })
        .await;
}
