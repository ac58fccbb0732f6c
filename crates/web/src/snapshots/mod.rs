//! Frozen reports (snapshots) on the web: saving a report as one, the page of a snapshot with
//! its figures and its diff against today's figures (each moved figure with the records that
//! moved it), and the API. Saving reads the server's live engine (`save_now`). A snapshot is
//! seen by whoever may see its unit's reports; anyone else is told it does not exist.

pub mod api;
pub mod pages;

use serde::Deserialize;
use thads_app::Actor;
use thads_app::snapshots::{Against, Diff, diff, get, period_of, save_with};
use thads_core::access::Action;
use thads_core::{Period, UnitId};
use thads_store::SnapshotHead;

use crate::accounts::{Need, User};
use crate::error::WebError;
use crate::state::AppState;

/// Saving a unit's report as a snapshot.
#[derive(Debug)]
pub struct SaveSnapshot;
impl Need for SaveSnapshot {
    fn action(unit: UnitId) -> Action {
        Action::SaveSnapshot { unit }
    }
}

/// The snapshot `id` when `user` may see its unit's reports; `NotFound` otherwise (absent and
/// hidden look alike).
pub fn visible(state: &AppState, user: &User, id: &str) -> Result<SnapshotHead, WebError> {
    let id: i64 = id.trim().parse().map_err(|_| WebError::NotFound)?;
    let head = get(state.store.as_ref(), id)?;
    user.may(state, Action::ViewReports { unit: head.unit }).map_err(|_| WebError::NotFound)?;
    Ok(head)
}

/// Saves the report of `unit` for `period` as a snapshot by `login`; from the server's live
/// engine, brought up to date first, when it is exactly the stored ledger (else from the
/// stored ledger, the same figures). The caller has checked `SaveSnapshot`.
pub fn save_now(state: &AppState, login: String, unit: UnitId, period: Period) -> Result<i64, WebError> {
    let (store, rules) = (state.store.as_ref(), &state.rules);
    state.engine.refresh(store, rules, false)?;
    let actor = Actor { login, at: state.now() };
    Ok(save_with(store, &actor, rules, unit, period, Some(state.engine.live()))?)
}

/// `?against=live` (the default) or another snapshot's id.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AgainstParam {
    #[serde(default)]
    pub against: String,
}

/// The diff of `head` against today's figures or against another snapshot the user may see.
pub fn diff_of(state: &AppState, user: &User, head: &SnapshotHead, against: &str) -> Result<Diff, WebError> {
    let (store, rules, today) = (state.store.as_ref(), &state.rules, state.today());
    let units = &state.directory().units;
    match against.trim() {
        "" | "live" => {
            state.engine.refresh(store, rules, false)?;
            let period = period_of(head)?;
            let live = state.engine.read(|engine, targets| {
                thads_app::stats::report(store, rules, engine, targets, head.unit, period, today)
            })??;
            Ok(diff(store, rules, units, head, Against::Live(&live), today)?)
        }
        other => {
            let other = visible(state, user, other).map_err(|_| {
                WebError::BadRequest("against: «live» hoặc số một bản chốt / «live» or a snapshot id".into())
            })?;
            Ok(diff(store, rules, units, head, Against::Snapshot(&other), today)?)
        }
    }
}

/// A snapshot's kind in the reader's language.
pub fn kind_label(kind: thads_store::SnapshotKind, lang: crate::i18n::Lang) -> &'static str {
    match kind {
        thads_store::SnapshotKind::Closing => lang.t("snapshot_kind_closing"),
        thads_store::SnapshotKind::Saved => lang.t("snapshot_kind_saved"),
    }
}
