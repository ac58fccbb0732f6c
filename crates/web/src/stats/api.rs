//! `GET /api/v1/reports?unit=&year=&months=`: the report JSON of interchange §3, annotated for
//! the OpenAPI document and listed in `ApiDoc`. The report is written by `thads-reports`; its
//! schema here is drawn from the same column list (`Column::ALL`), and a test compares the keys
//! of a served report with it.

use std::borrow::Cow;

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use thads_reports::{Column, FormKind};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
use utoipa::{OpenApi, PartialSchema, ToSchema};

use super::period::{PeriodParams, YearMonths};
use super::{ViewReports, report_of};
use crate::accounts::Allowed;
use crate::api;
use crate::error::WebError;
use crate::state::AppState;

/// The stats room's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(show))]
pub struct ApiDoc;

/// The report of interchange §3 (the contract keys, in order).
#[derive(ToSchema)]
#[schema(as = Report)]
#[allow(dead_code)]
pub struct ReportJson {
    /// unit code
    unit: String,
    #[schema(format = Date)]
    from: String,
    #[schema(format = Date)]
    to: String,
    /// the cases form (counts of cases)
    cases: FormJson,
    /// the money form (whole đồng)
    money: FormJson,
    /// the unit's yearly targets against the rates, when it has them
    target: Option<TargetJson>,
}

/// Targets and how far the rates are from them, in percentage points.
#[derive(ToSchema)]
#[schema(as = Target)]
#[allow(dead_code)]
pub struct TargetJson {
    /// the target completion rate of cases, "84.25"
    cases: String,
    /// the target completion rate of money
    money: String,
    cases_delta_pp: Option<String>,
    money_delta_pp: Option<String>,
}

/// One form of a report: every column of `thads_reports::Column` (the cases form lacks
/// `reduced`) and its two rates.
pub struct FormJson;

impl PartialSchema for FormJson {
    fn schema() -> RefOr<Schema> {
        let integer = || ObjectBuilder::new().schema_type(Type::Integer);
        let rate = || {
            ObjectBuilder::new()
                .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                .description(Some("\"84.25\""))
        };
        let mut form = ObjectBuilder::new().schema_type(Type::Object);
        let in_both: Vec<Column> = Column::of(FormKind::Cases).collect();
        for column in Column::ALL {
            form = form.property(column.key(), integer());
            if in_both.contains(&column) {
                form = form.required(column.key());
            }
        }
        for key in ["completion_rate", "with_means_share"] {
            form = form.property(key, rate()).required(key);
        }
        form.into()
    }
}

impl ToSchema for FormJson {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Form")
    }
}

/// The report JSON of interchange §3
#[utoipa::path(
    get,
    path = "/api/v1/reports",
    params(
        ("unit" = Option<String>, Query, description = "unit code (default: the caller's unit); its subtree"),
        PeriodParams,
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Report", body = ReportJson),
        (status = 400, response = api::BadRequest),
        (status = 401, response = api::NotSignedIn),
        (status = 403, response = api::Forbidden),
        (status = 404, response = api::NotFound),
    )
)]
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
