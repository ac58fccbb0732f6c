//! Statistics: the statistics page with its export and drill-down, the dashboard with its
//! charts, and the API's reports, all read from the server's statistics engine
//! (`crate::engine`) for a period named the reports' way (`period`).

pub mod api;
pub mod dashboard;
pub mod kept;
pub mod pages;
pub mod period;
pub mod svg;

use thads_app::stats;
use thads_core::UnitId;
use thads_core::access::Action;
use thads_reports::Report;

use thads_core::Period;

use crate::accounts::Need;
use crate::error::WebError;
use crate::state::AppState;

/// The statistics of a unit.
#[derive(Debug)]
pub struct ViewReports;
impl Need for ViewReports {
    fn action(unit: UnitId) -> Action {
        Action::ViewReports { unit }
    }
}

/// The report of `unit` for a period, from the live engine (a day engine for a period that
/// is not whole months); with a row per subordinate unit when `by_unit`.
pub fn report_of(state: &AppState, unit: UnitId, period: Period, by_unit: bool) -> Result<Report, WebError> {
    state.engine.refresh(state.store.as_ref(), &state.rules, false)?;
    let today = state.today();
    let (store, rules) = (state.store.as_ref(), &state.rules);
    let report = if by_unit { stats::report_by_unit } else { stats::report };
    Ok(state.engine.read(|engine, targets| report(store, rules, engine, targets, unit, period, today))??)
}
