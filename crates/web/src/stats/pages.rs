//! The statistics pages: the cases and money forms of any unit and period the reader may see,
//! each figure a link to the cases behind it, exports to XLSX and CSV.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::stats::{self, FigureQuery};
use thads_reports::{Column, FormKind};

use super::period::{PeriodParams, YearMonths};
use super::{ViewReports, report_of};
use crate::accounts::Allowed;
use crate::cases::listing::CaseRow;
use crate::chrome::Chrome;
use crate::error::WebError;
use crate::fmt;
use crate::i18n::Lang;
use crate::state::AppState;

pub struct Figure {
    pub key: String,
    pub label: String,
    pub cases: String,
    pub money: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "stats/stats.html")]
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
        c: access.user.chrome(&state, lang),
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
#[template(path = "stats/drill.html")]
struct DrillPage {
    c: Chrome,
    title: String,
    rows: Vec<DrillRow>,
    /// How many cases count in the figure (more than `rows` when limited).
    total: String,
    limited: bool,
}

/// A case behind a figure and what it contributes to it.
pub struct DrillRow {
    pub case: CaseRow,
    pub contribution: String,
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
    let query = FigureQuery { unit: access.unit.id, period: ym.period()?, kind, column, limit: DRILL_LIMIT };
    let (cases, total) = state.blocking(move |s| cases_behind(s, &query)).await?;
    let directory = state.directory();
    let title = format!(
        "{} · {} · {} · {} – {}",
        access.unit.code,
        thads_reports::output::labels::heading(column),
        match kind {
            FormKind::Money => lang.pick("tiền", "money"),
            FormKind::Cases => lang.pick("việc", "cases"),
        },
        fmt::date(query.period.from()),
        fmt::date(query.period.to()),
    );
    let rows = cases
        .iter()
        .map(|(case, value)| DrillRow {
            case: CaseRow::of(case, &directory),
            contribution: match kind {
                FormKind::Money => fmt::money_sum(thads_core::VndSum(*value)),
                FormKind::Cases => fmt::count(*value),
            },
        })
        .collect();
    let page = DrillPage {
        c: access.user.chrome(&state, lang),
        title,
        limited: total > cases.len(),
        total: fmt::count(total as i128),
        rows,
    };
    Ok(page.into_response())
}

/// The cases behind a figure (replaying the histories of the unit's scope), at most
/// `DRILL_LIMIT` of them read, and how many there are in all.
fn cases_behind(state: &AppState, query: &FigureQuery) -> Result<(Vec<(thads_core::Case, i128)>, usize), WebError> {
    let directory = state.directory();
    let (ids, total) =
        stats::cases_behind_figure(state.store.as_ref(), &state.rules, &directory.units, query, state.today())?;
    let mut cases = Vec::with_capacity(ids.len());
    for (id, value) in ids {
        if let Some(case) = state.store.case(id)? {
            cases.push((case, value));
        }
    }
    Ok((cases, total))
}
