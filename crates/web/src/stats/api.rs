//! `GET /api/v1/reports?unit=&year=&months=&by_unit=` (or `from=&to=`, `month=`, `quarter=`): the report JSON of interchange §3 (with
//! `by_unit=true` a row per subordinate unit and the total row as well), annotated for
//! the OpenAPI document and listed in `ApiDoc`. The report is written by `thads-reports`; its
//! schema here is drawn from the same column list (`Column::ALL`), and a test compares the keys
//! of a served report with it.

use std::borrow::Cow;

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_reports::{Column, FormKind};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
use utoipa::{OpenApi, PartialSchema, ToSchema};

use super::ViewReports;
use super::period::{AnyPeriodParams, ChosenPeriod};
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
    /// with `by_unit=true` only: a row per subordinate unit, the unit's own cases first (when
    /// it handles cases itself), then each direct subordinate unit by code (a merged unit
    /// inside its successor's row); the rows add up to the total
    rows: Option<Vec<UnitRowJson>>,
    /// with `by_unit=true` only: the total row, the same figures as `cases`, `money` and
    /// `target` above
    total: Option<TotalJson>,
}

/// One row of a report by unit.
#[derive(ToSchema)]
#[schema(as = UnitRow)]
#[allow(dead_code)]
pub struct UnitRowJson {
    /// unit code (the report's own unit for its own cases)
    unit: String,
    /// unit name
    name: String,
    /// whether this row is the unit's own cases rather than a subordinate unit
    own: bool,
    cases: FormJson,
    money: FormJson,
}

/// The total row of a report by unit.
#[derive(ToSchema)]
#[schema(as = ReportTotal)]
#[allow(dead_code)]
pub struct TotalJson {
    cases: FormJson,
    money: FormJson,
    target: Option<TargetJson>,
}

/// The query of `GET /api/v1/reports`: the unit is read by the access check.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReportParams {
    #[serde(flatten)]
    period: AnyPeriodParams,
    #[serde(default)]
    by_unit: String,
    /// `as-reported` (default) or `restated` (issue 23)
    #[serde(default)]
    structure: String,
}

impl ReportParams {
    fn by_unit(&self) -> Result<bool, WebError> {
        match self.by_unit.trim() {
            "" | "false" | "0" => Ok(false),
            "true" | "1" => Ok(true),
            other => Err(WebError::BadRequest(format!("by_unit «{other}»: true, false"))),
        }
    }
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
        AnyPeriodParams,
        ("by_unit" = Option<bool>, Query, description = "true: add a row per subordinate unit (`rows`) and the total row (`total`)"),
        ("structure" = Option<String>, Query, description = "`as-reported` (default): the units and each case's unit of the period's last day, exactly what was reported then; `restated`: today's units, a predecessor's cases under its successor"),
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
    Query(p): Query<ReportParams>,
) -> Result<Response, WebError> {
    let period = ChosenPeriod::parse(&p.period, state.today())?.period;
    let by_unit = p.by_unit()?;
    let unit = access.unit.id;
    let structure = crate::reorg::structure_param(&p.structure)?;
    let report = state.blocking(move |s| crate::reorg::report_of(s, unit, period, by_unit, structure)).await?;
    let body = report.to_json().map_err(WebError::internal)?;
    let mut response = body.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}
