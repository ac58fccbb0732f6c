//! `GET /api/v1/deadlines?unit=&officer=&overdue=true&due_before=YYYY-MM-DD` (interchange §4):
//! the worklist of the caller's scope as `{"items": [{"case_id", "case_no", "unit", "officer",
//! "kind", "due", "overdue", "citation"}]}`, in the order asked (`sort`, `dir`; due date first
//! by default). Also takes `mine=true` and `kind=`.

use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use thads_app::deadlines::worklist;

use super::ViewDeadlines;
use super::params::WorkParams;
use crate::accounts::Allowed;
use crate::error::WebError;
use crate::state::AppState;

/// One deadline as the API lists it.
#[derive(Debug, Serialize)]
pub struct DeadlineJson {
    case_id: i64,
    case_no: String,
    /// Unit code.
    unit: String,
    /// The assigned officer's login.
    officer: Option<String>,
    /// Kind code, e.g. `payout`.
    kind: &'static str,
    /// YYYY-MM-DD.
    due: String,
    overdue: bool,
    citation: String,
}

/// The list: exactly the contract's fields.
#[derive(Debug, Serialize)]
pub struct DeadlinesJson {
    items: Vec<DeadlineJson>,
}

pub async fn list(
    State(state): State<AppState>,
    access: Allowed<ViewDeadlines>,
    Query(p): Query<WorkParams>,
) -> Result<Json<DeadlinesJson>, WebError> {
    let asked = p.asked(&access.user, &access.unit, &state.directory())?;
    let today = state.today();
    let found = state
        .blocking(move |s| Ok(worklist(s.store.as_ref(), &asked.filter, asked.sort, asked.descending, today)?))
        .await?;
    let items = found
        .items
        .into_iter()
        .map(|i| DeadlineJson {
            case_id: i.case_id,
            case_no: i.case_no,
            unit: i.unit,
            officer: i.officer,
            kind: i.kind,
            due: thads_core::dates::format_iso(i.due),
            overdue: i.overdue,
            citation: i.rule,
        })
        .collect();
    Ok(Json(DeadlinesJson { items }))
}
