//! Reorganisations of units on the web (issue 23): the API that lists the dated operations and
//! records a merge, a split, a rename or a move under another parent, and the page with a form
//! for each (the split's case list an uploaded CSV, `split`), for an administrator of the
//! parent unit (`ManageUsers` on it: `?unit=` names the parent; every unit named must lie
//! within it); and reports as
//! reported or restated (`structure=` of `GET /api/v1/reports`). The rules are
//! `thads_app::reorg`.

pub mod api;
pub mod pages;
pub mod split;

use thads_core::reorg::Structure;
use thads_core::{Period, UnitId};
use thads_reports::Report;

use crate::error::WebError;
use crate::state::AppState;

/// `structure=`: empty or `as-reported` (the default), or `restated`.
pub fn structure_param(text: &str) -> Result<Structure, WebError> {
    match text.trim() {
        "" => Ok(Structure::AsReported),
        other => Structure::parse(other)
            .ok_or_else(|| WebError::BadRequest(format!("structure «{other}»: as-reported, restated"))),
    }
}

/// `stats::report_of` on the structure asked for.
pub fn report_of(
    state: &AppState,
    unit: UnitId,
    period: Period,
    by_unit: bool,
    structure: Structure,
) -> Result<Report, WebError> {
    state.engine.refresh(state.store.as_ref(), &state.rules, false)?;
    let today = state.today();
    let (store, rules) = (state.store.as_ref(), &state.rules);
    let report = if by_unit { thads_app::reorg::stats::report_by_unit } else { thads_app::reorg::stats::report };
    Ok(state.engine.read(|engine, targets| report(store, rules, engine, targets, unit, period, today, structure))??)
}

/// `structure=` of the statistics page.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StructureParams {
    #[serde(default)]
    pub structure: String,
}

/// `stats::forms_of` on the structure asked for.
pub fn forms_of(
    state: &AppState,
    unit: UnitId,
    period: Period,
    preparer: String,
    place: String,
    structure: Structure,
) -> Result<thads_reports::FormSet, WebError> {
    state.engine.refresh(state.store.as_ref(), &state.rules, false)?;
    let (store, rules, today) = (state.store.as_ref(), &state.rules, state.today());
    let head = thads_app::stats::unit_head(store, unit)?.unwrap_or_default();
    let signing = thads_reports::Signing { place, date: today, preparer, head };
    Ok(state.engine.read(|engine, targets| {
        thads_app::reorg::stats::forms(store, rules, engine, targets, unit, period, today, signing, structure)
    })??)
}
