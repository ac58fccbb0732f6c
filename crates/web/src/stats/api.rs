//! `GET /api/v1/reports?unit=&year=&months=`: the report JSON of interchange §3.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::period::{PeriodParams, YearMonths};
use super::{ViewReports, report_of};
use crate::accounts::Allowed;
use crate::error::WebError;
use crate::state::AppState;

pub async fn show(
    State(state): State<AppState>,
    access: Allowed<ViewReports>,
    Query(p): Query<PeriodParams>,
) -> Result<Response, WebError> {
    let ym = YearMonths::parse(&p, state.today())?;
    let unit = access.unit.id;
    let report = state.blocking(move |s| report_of(s, unit, ym)).await?;
    let body = report.to_json().map_err(WebError::internal)?;
    let mut response = body.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}
