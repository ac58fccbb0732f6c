//! Open statistics on the public listener: `GET /open-data/statistics.csv` and `.json`, the
//! published figures of every unit for each of the last twelve whole months
//! (`thads_app::portal::open_statistics`, schema in interchange), computed once a day and kept
//! for that day (a part of the state), and a page that says what they are.

use std::sync::{Arc, Mutex, PoisonError};

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use thads_app::portal::OpenFigures;
use time::Date;
use utoipa::ToSchema;

use super::public::{PublicError, lang_of, pages::LangParam};
use crate::i18n::Lang;
use crate::state::AppState;

/// The figures of one day.
#[derive(Serialize, ToSchema)]
pub struct OpenStatistics {
    /// the day they were computed (Vietnam)
    #[schema(format = Date)]
    pub generated_on: String,
    /// `YYYY-MM`, oldest first
    pub months: Vec<String>,
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<OpenFigures>,
}

/// The CSV columns, in order: the fields of `OpenFigures`.
pub const COLUMNS: [&str; 13] = [
    "unit",
    "unit_name",
    "month",
    "cases_carried_over",
    "cases_new",
    "cases_completed",
    "cases_terminated",
    "cases_with_means",
    "cases_without_means",
    "cases_pending_end",
    "money_new_vnd",
    "money_completed_vnd",
    "money_pending_end_vnd",
];

/// Today's figures, computed at most once a day.
#[derive(Default)]
struct Daily(Mutex<Option<(Date, Arc<OpenStatistics>)>>);

async fn today_figures(state: &AppState) -> Result<Arc<OpenStatistics>, PublicError> {
    let daily = state.part(|_| Daily::default());
    let today = state.today();
    if let Some((day, figures)) = daily.0.lock().unwrap_or_else(PoisonError::into_inner).as_ref()
        && *day == today
    {
        return Ok(Arc::clone(figures));
    }
    let figures = state
        .blocking(move |s| {
            let items =
                s.engine.read(|engine, targets| thads_app::portal::open_statistics(engine, targets, today))??;
            let months = thads_app::portal::open_data::published_months(today)
                .into_iter()
                .map(|m| format!("{:04}-{:02}", m.first_day().year(), u8::from(m.first_day().month())))
                .collect();
            Ok(OpenStatistics { generated_on: thads_core::dates::format_iso(today), months, items })
        })
        .await?;
    let figures = Arc::new(figures);
    *daily.0.lock().unwrap_or_else(PoisonError::into_inner) = Some((today, Arc::clone(&figures)));
    Ok(figures)
}

/// Open statistics as JSON
///
/// The published figures of every unit for each of the last twelve whole months: counts of
/// cases and sums in đồng, no personal data. Computed once a day.
#[utoipa::path(
    get,
    path = "/open-data/statistics.json",
    responses((status = 200, description = "The figures", body = OpenStatistics))
)]
pub async fn json(State(state): State<AppState>) -> Result<Response, PublicError> {
    let figures = today_figures(&state).await?;
    let mut response = Json(figures.as_ref()).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    Ok(response)
}

/// A CSV field: quoted when it holds a comma, a quote or a line break; a leading `=`, `+`, `-`
/// or `@` is prefixed with `'` so that a spreadsheet never runs it as a formula.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// `GET /open-data/statistics.csv`: UTF-8 with a header row of `COLUMNS`.
pub async fn csv(State(state): State<AppState>) -> Result<Response, PublicError> {
    let figures = today_figures(&state).await?;
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for f in &figures.items {
        let numbers = [
            f.cases_carried_over,
            f.cases_new,
            f.cases_completed,
            f.cases_terminated,
            f.cases_with_means,
            f.cases_without_means,
            f.cases_pending_end,
            f.money_new_vnd,
            f.money_completed_vnd,
            f.money_pending_end_vnd,
        ];
        let mut line = vec![field(&f.unit), field(&f.unit_name), f.month.clone()];
        line.extend(numbers.iter().map(ToString::to_string));
        out.push_str(&line.join(","));
        out.push('\n');
    }
    let mut response = out.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"thads-statistics.csv\""));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    Ok(response)
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/open_data.html")]
struct OpenDataPage {
    lang: Lang,
    other: String,
    columns: [&'static str; 13],
}

/// `GET /open-data`.
pub async fn page(Query(p): Query<LangParam>, headers: HeaderMap) -> Response {
    let lang = lang_of(p.lang(), &headers, false);
    let other = format!("/open-data?lang={}", if lang == Lang::Vi { "en" } else { "vi" });
    OpenDataPage { lang, other, columns: COLUMNS }.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("Chi cục, Bắc Giang"), "\"Chi cục, Bắc Giang\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("BG-KV1"), "BG-KV1");
    }
}
