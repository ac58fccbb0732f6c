//! `GET /api/v1/cases/{id}/exemption?on=YYYY-MM-DD` (interchange §4): whether the case may be
//! proposed to the court for exemption or reduction on that day (today by default), as
//! `{"eligible", "kind": "mien"|"giam"|null, "max_reduction_vnd", "reasons": [...], "citation"}`;
//! each reason is a condition of Luật THADS Điều 61 with whether it is met, why, and its citation.

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use thads_core::dates::parse_date;
use thads_core::exemption::{Check, Eligibility};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::accounts::CaseAccess;
use crate::api;
use crate::error::WebError;
use crate::state::AppState;

/// The room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(eligibility))]
pub struct ApiDoc;

/// `?on=YYYY-MM-DD`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct OnParam {
    /// the day considered (today by default)
    #[param(format = Date)]
    pub on: Option<String>,
}

/// One condition.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ExemptionReason)]
pub struct ReasonJson {
    /// state_budget, still_owed, without_means, once_per_year, band, special
    check: &'static str,
    met: bool,
    /// why, in Vietnamese / English
    detail: String,
    citation: String,
}

/// The eligibility of a case on a day.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ExemptionEligibility)]
pub struct EligibilityJson {
    eligible: bool,
    /// mien (exemption) or giam (reduction); null when not eligible
    #[schema(required = true)]
    kind: Option<&'static str>,
    /// the most the court may relieve, in đồng; null when not eligible
    #[schema(required = true)]
    max_reduction_vnd: Option<i64>,
    reasons: Vec<ReasonJson>,
    /// the clause that makes it eligible (or would, once its years have run)
    #[schema(required = true)]
    citation: Option<String>,
}

pub fn check_code(c: Check) -> &'static str {
    match c {
        Check::StateBudget => "state_budget",
        Check::StillOwed => "still_owed",
        Check::WithoutMeans => "without_means",
        Check::OncePerYear => "once_per_year",
        Check::Band => "band",
        Check::Special => "special",
    }
}

pub fn json_of(e: &Eligibility) -> EligibilityJson {
    EligibilityJson {
        eligible: e.eligible,
        kind: e.kind.map(|k| k.code()),
        max_reduction_vnd: e.max_reduction.map(|v| v.dong()),
        reasons: e
            .reasons
            .iter()
            .map(|f| ReasonJson {
                check: check_code(f.check),
                met: f.met,
                detail: f.detail.clone(),
                citation: f.citation.clone(),
            })
            .collect(),
        citation: e.citation.clone(),
    }
}

/// Whether a case may be proposed for exemption or reduction on a day, with the reasons
#[utoipa::path(
    get,
    path = "/api/v1/cases/{id}/exemption",
    params(("id" = i64, Path, description = "case id"), OnParam),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The eligibility and its reasons", body = EligibilityJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 404, response = api::NotFound),
    )
)]
pub async fn eligibility(
    State(state): State<AppState>,
    access: CaseAccess,
    Query(q): Query<OnParam>,
) -> Result<Json<EligibilityJson>, WebError> {
    let today = state.today();
    let on = match q.on.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => parse_date(t).map_err(|_| WebError::BadRequest(format!("ngày không hợp lệ «{t}» / not a date")))?,
        None => today,
    };
    let id = access.case.id;
    let e = state
        .blocking(move |s| {
            let setup = thads_app::deadlines::DeadlineSetup::load(s.store.as_ref())?;
            let (_, e, _) =
                thads_app::exemption::eligibility_of(s.store.as_ref(), &s.rules, &setup.calendar, id, on, today)?;
            Ok(e)
        })
        .await?;
    Ok(Json(json_of(&e)))
}
