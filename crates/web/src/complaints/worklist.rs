//! The register's source of the worklist (Việc cần làm): the letters of the page's scope past
//! a time limit today (to accept, resolve or refer), oldest due first, for readers who may see
//! the register. Listed below the cases' deadlines by `deadlines/worklist.html`.

use thads_app::complaints::overdue_letters;
use thads_core::Unit;
use thads_core::access::Action;
use thads_core::dates::format_vn;

use crate::accounts::User;
use crate::error::WebError;
use crate::state::AppState;

/// At most this many letters on the worklist page.
const SHOWN: usize = 200;

pub struct OverdueLine {
    pub id: i64,
    pub due: String,
    pub unit: String,
    pub complainant: String,
    /// The text key of the step.
    pub step: &'static str,
    pub citation: String,
}

/// The overdue letters of `unit`'s scope, if `user` may read its register.
pub async fn overdue(state: &AppState, user: &User, unit: &Unit) -> Result<Vec<OverdueLine>, WebError> {
    if user.may(state, Action::ViewComplaints { unit: unit.id }).is_err() {
        return Ok(Vec::new());
    }
    let (id, today) = (unit.id, state.today());
    let found = state
        .blocking(move |s| {
            let directory = s.directory();
            Ok(overdue_letters(s.store.as_ref(), &directory.units, &directory.units.scope(id), today)?)
        })
        .await?;
    Ok(found
        .into_iter()
        .take(SHOWN)
        .map(|d| OverdueLine {
            id: d.id,
            due: format_vn(d.due),
            unit: d.unit,
            complainant: d.complainant,
            step: match d.step {
                "acceptance" => "complaint_step_acceptance",
                "resolution" => "complaint_step_resolution",
                _ => "complaint_step_referral",
            },
            citation: d.citation,
        })
        .collect())
}
