//! Monthly closing (chốt số liệu) on the web: the page where a province sees which of its
//! units closed which month and which are late, where a unit's head closes or reopens a month
//! (with a reason), and the API that does the same. The rules are `thads_app::periods`.

pub mod api;
pub mod pages;

use thads_app::Actor;
use thads_app::periods::{Closed, close_with};
use thads_core::UnitId;
use thads_core::access::Action;
use thads_core::dates::MonthKey;

use crate::accounts::Need;
use crate::error::WebError;
use crate::state::AppState;

/// Closing and reopening a unit's months: its own head.
#[derive(Debug)]
pub struct ClosePeriod;
impl Need for ClosePeriod {
    fn action(unit: UnitId) -> Action {
        Action::ClosePeriod { unit }
    }
}

/// Closes `month` of `unit` by `login`, its report frozen from the server's live engine,
/// brought up to date first, when that is exactly the stored ledger (else from the stored
/// ledger: the same figures). The caller has checked `ClosePeriod`.
pub fn close_now(state: &AppState, login: String, unit: UnitId, month: MonthKey) -> Result<Closed, WebError> {
    let (store, rules) = (state.store.as_ref(), &state.rules);
    state.engine.refresh(store, rules, false)?;
    let actor = Actor { login, at: state.now() };
    Ok(close_with(store, &actor, rules, (unit, month), Some(state.engine.live()))?)
}

/// How many months the overview shows.
pub const MONTHS_SHOWN: u8 = 12;
