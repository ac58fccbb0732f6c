//! Statistics: the cases and money forms of any unit and period the reader may see, each figure
//! a link to the cases behind it, exports to XLSX and CSV.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_core::UnitId;
use thads_reports::{Column, FormKind, Report};
use thads_store::{ScanFilter, StoreError};

use super::Chrome;
use super::cases::CaseRow;
use crate::auth::{Allowed, ViewReports};
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::period::{PeriodParams, YearMonths};
use crate::state::AppState;

pub struct Figure {
    pub key: String,
    pub label: String,
    pub cases: String,
    pub money: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "stats.html")]
struct StatsPage {
    c: Chrome,
    unit_code: String,
    unit_name: String,
    year: i32,
    months: u8,
    period: String,
    figures: Vec<Figure>,
    cases_rate: String,
    money_rate: String,
    query: String,
}

pub fn report_of(state: &AppState, unit: UnitId, ym: YearMonths) -> Result<Report, WebError> {
    state.stats.refresh(state.store.as_ref(), &state.directory().units, &state.rules.classification)?;
    let period = ym.period()?;
    state.stats.read(|engine, targets| engine.report(unit, period, targets).map_err(WebError::internal))?
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewReports>,
    Query(p): Query<PeriodParams>,
) -> Result<Response, WebError> {
    let ym = YearMonths::parse(&p, state.today())?;
    let unit = access.unit.id;
    let r = state.blocking(move |s| report_of(s, unit, ym)).await?;
    let figures = Column::ALL
        .iter()
        .map(|col| Figure {
            key: col.key().to_string(),
            label: thads_reports::output::labels::heading(*col).to_string(),
            cases: if *col == Column::Reduced { String::new() } else { fmt::count(r.cases.get(*col)) },
            money: fmt::money_sum(thads_core::VndSum(r.money.get(*col))),
        })
        .collect();
    let query = format!("unit={}&year={}&months={}", access.unit.code, ym.year.number(), ym.months);
    let page = StatsPage {
        c: Chrome::of(&state, &access.user, lang),
        unit_code: access.unit.code.to_string(),
        unit_name: access.unit.name.clone(),
        year: ym.year.number(),
        months: ym.months,
        period: format!("{} – {}", fmt::date(r.period.from()), fmt::date(r.period.to())),
        figures,
        cases_rate: fmt::rate(r.cases.completion_rate()),
        money_rate: fmt::rate(r.money.completion_rate()),
        query,
    };
    Ok(page.into_response())
}

#[derive(Deserialize)]
pub struct ExportParams {
    #[serde(default)]
    year: String,
    #[serde(default)]
    months: String,
    #[serde(default)]
    format: String,
}

pub async fn export(
    State(state): State<AppState>,
    access: Allowed<ViewReports>,
    Query(p): Query<ExportParams>,
) -> Result<Response, WebError> {
    let ym = YearMonths::parse(&PeriodParams { year: p.year, months: p.months }, state.today())?;
    let unit = access.unit.id;
    let r = state.blocking(move |s| report_of(s, unit, ym)).await?;
    let name = format!("thads-{}-{}-{:02}", access.unit.code, ym.year.number(), ym.months);
    let (body, kind, ext) = match p.format.as_str() {
        "csv" => (
            thads_reports::output::csv::report(&r).map_err(WebError::internal)?.into_bytes(),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "" | "xlsx" => (
            thads_reports::output::xlsx::report(&r).map_err(WebError::internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        other => return Err(WebError::BadRequest(format!("định dạng / format «{other}»: xlsx, csv"))),
    };
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    let disposition = format!("attachment; filename=\"{name}.{ext}\"");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(WebError::internal)?);
    Ok(response)
}

#[derive(Deserialize)]
pub struct DrillParams {
    #[serde(default)]
    year: String,
    #[serde(default)]
    months: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    column: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "drill.html")]
struct DrillPage {
    c: Chrome,
    title: String,
    rows: Vec<CaseRow>,
    limited: bool,
}

/// At most this many cases are listed behind a figure.
const DRILL_LIMIT: usize = 200;

pub async fn drill(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewReports>,
    Query(p): Query<DrillParams>,
) -> Result<Response, WebError> {
    let ym = YearMonths::parse(&PeriodParams { year: p.year, months: p.months }, state.today())?;
    let kind = if p.form == "money" { FormKind::Money } else { FormKind::Cases };
    let column =
        Column::parse(&p.column).ok_or_else(|| WebError::BadRequest(format!("cột / column «{}»", p.column)))?;
    let unit = access.unit.id;
    let cases = state.blocking(move |s| cases_behind(s, unit, ym, kind, column)).await?;
    let directory = state.directory();
    let title = format!(
        "{} · {} · {} · {}",
        access.unit.code,
        thads_reports::output::labels::heading(column),
        if kind == FormKind::Money { "tiền" } else { "việc" },
        ym.period().map(|p| format!("{} – {}", fmt::date(p.from()), fmt::date(p.to()))).unwrap_or_default()
    );
    let page = DrillPage {
        c: Chrome::of(&state, &access.user, lang),
        title,
        limited: cases.len() >= DRILL_LIMIT,
        rows: cases.iter().map(|c| CaseRow::of(c, &directory)).collect(),
    };
    Ok(page.into_response())
}

/// Replays the histories of the unit's scope and keeps the cases that count in the figure.
fn cases_behind(
    state: &AppState,
    unit: UnitId,
    ym: YearMonths,
    kind: FormKind,
    column: Column,
) -> Result<Vec<thads_core::Case>, WebError> {
    let period = ym.period()?;
    let scope: Vec<UnitId> = state.directory().units.scope(unit).into_iter().collect();
    let filter = ScanFilter { units: Some(scope), accepted_to: Some(period.to()) };
    let mut found = Vec::new();
    let today = state.today();
    let scan = state.store.scan_histories(&filter, &mut |h| {
        if let Ok(checked) = thads_app::history::check(&h.case.facts, &h.records, today, &state.rules) {
            let cells =
                thads_reports::drill_down(&h.case.facts.basis(), &checked.steps, &state.rules.classification, period);
            if cells.is_some_and(|c| c.contribution(kind, column) != 0) {
                found.push(h.case);
            }
        }
        if found.len() >= DRILL_LIMIT { Err(StoreError::Invalid("enough".into())) } else { Ok(()) }
    });
    match scan {
        Ok(()) | Err(StoreError::Invalid(_)) => Ok(found),
        Err(e) => Err(e.into()),
    }
}
