//! The statistics pages: the cases and money forms of any unit and period the reader may see,
//! each figure a link to the cases behind it, a row per subordinate unit then the total,
//! exports to XLSX and CSV (with the same rows).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use thads_app::stats::{self, FigureCase, FigureQuery};
use thads_reports::forms::{csv as forms_csv, html as forms_html, xlsx as forms_xlsx};
use thads_reports::output::labels;
use thads_reports::{Column, Form, FormKind, Report, Signing};

use super::ViewReports;
use super::period::{AnyPeriodParams, ChosenPeriod};
use crate::accounts::Allowed;
use crate::cases::listing::{CaseRow, Counted, PageLink, page_links};
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

/// The columns of the table by unit (both forms): the main ones of the official forms.
const UNIT_COLUMNS: [Column; 6] = [
    Column::ToEnforce,
    Column::WithMeans,
    Column::Completed,
    Column::Terminated,
    Column::InProgress,
    Column::WithoutMeans,
];

/// One line of the table by unit: a row of the forms (the unit's own cases or a subordinate
/// unit) or the total.
pub struct UnitLine {
    pub code: String,
    pub label: String,
    /// A subordinate unit (its name links to its own statistics).
    pub subordinate: bool,
    pub total: bool,
    pub cases: Vec<String>,
    pub cases_rate: String,
    pub money: Vec<String>,
    pub money_rate: String,
}

impl UnitLine {
    fn of(code: String, label: String, subordinate: bool, total: bool, cases: &Form, money: &Form) -> UnitLine {
        UnitLine {
            code,
            label,
            subordinate,
            total,
            cases: UNIT_COLUMNS.iter().map(|c| fmt::count(cases.get(*c))).collect(),
            cases_rate: fmt::rate(cases.completion_rate()),
            money: UNIT_COLUMNS.iter().map(|c| fmt::money_sum(thads_core::VndSum(money.get(*c)))).collect(),
            money_rate: fmt::rate(money.completion_rate()),
        }
    }
}

/// The rows of a report by unit, then its total, labelled in the reader's language.
fn unit_lines(r: &Report, lang: Lang) -> Vec<UnitLine> {
    let mut lines: Vec<UnitLine> = r
        .rows
        .iter()
        .map(|row| {
            let label = if row.own { format!("{} ({})", row.name, lang.t("own_cases")) } else { row.name.clone() };
            UnitLine::of(row.code.to_string(), label, !row.own, false, &row.cases, &row.money)
        })
        .collect();
    let total = format!("{}: {}", lang.t("total_row"), r.unit_name);
    lines.push(UnitLine::of(r.unit_code.to_string(), total, false, true, &r.cases, &r.money));
    lines
}

#[derive(Template, WebTemplate)]
#[template(path = "stats/stats.html")]
struct StatsPage {
    c: Chrome,
    unit_code: String,
    unit_name: String,
    year: i32,
    months: u8,
    /// How the period was named (`cumulative`, `month`, `quarter`, `range`) and the picker's
    /// other fields, as the reader left them.
    kind: &'static str,
    month: String,
    quarter: String,
    from: String,
    to: String,
    period: String,
    figures: Vec<Figure>,
    cases_rate: String,
    money_rate: String,
    query: String,
    /// The headings of the table by unit.
    unit_columns: Vec<&'static str>,
    /// A row per subordinate unit (own cases first), then the total.
    units: Vec<UnitLine>,
    /// Every complete form, as HTML escaped by `thads_reports::forms::html`.
    forms_html: String,
    /// The forms' numbers and titles, for the table of contents.
    form_index: Vec<(String, String, String)>,
    /// Seized assets: days to sale, rounds, price as share of valuation (issue 19).
    asset_measures: Vec<crate::assets::pages::MeasureLine>,
    /// `as-reported` or `restated` (issue 23): which structure the figures are laid out on.
    structure: &'static str,
    /// When the figures were computed, to the second (`kept::Kept::computed_at`).
    as_of: String,
}

impl StatsPage {
    /// The period part of `query` (without the unit), for links to another unit's page.
    fn query_period(&self) -> &str {
        self.query.split_once('&').map_or("", |(_, rest)| rest)
    }
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewReports>,
    Query(p): Query<AnyPeriodParams>,
    Query(sp): Query<crate::reorg::StructureParams>,
) -> Result<Response, WebError> {
    let chosen = ChosenPeriod::parse(&p, state.today())?;
    let structure = crate::reorg::structure_param(&sp.structure)?;
    let unit = access.unit.id;
    let kept = state.blocking(move |s| super::kept::figures(s, unit, chosen.period, structure)).await?;
    let (r, set) = (&kept.report, &kept.set);
    let signing = kept.signing(access.user.staff.full_name.clone(), String::new());
    let asset_measures = state.blocking(move |s| crate::assets::pages::measure_lines(s, unit)).await?;
    let figures = Column::ALL
        .iter()
        .map(|col| Figure {
            key: col.key().to_string(),
            label: lang.pick(labels::heading(*col), labels::heading_en(*col)).to_string(),
            cases: if *col == Column::Reduced { String::new() } else { fmt::count(r.cases.get(*col)) },
            money: fmt::money_sum(thads_core::VndSum(r.money.get(*col))),
        })
        .collect();
    // Written into links unescaped (`|safe`): the code percent-encoded, the period digits only.
    let unit = serde_urlencoded::to_string([("unit", access.unit.code.as_str())]).map_err(WebError::internal)?;
    let query = format!("{unit}&{}", chosen.query());
    let forms_html = page_forms(set, &kept.bodies, &signing, &format!("{query}&structure={}", structure.code()));
    let range = chosen.kind == super::period::PeriodKind::Range;
    let page = StatsPage {
        c: access.user.chrome(&state, lang),
        unit_code: access.unit.code.to_string(),
        unit_name: access.unit.name.clone(),
        year: chosen.ym.year.number(),
        months: chosen.ym.months,
        kind: chosen.kind.code(),
        month: chosen.month_value(),
        quarter: chosen.quarter_value(),
        from: if range { thads_core::dates::format_vn(chosen.period.from()) } else { String::new() },
        to: if range { thads_core::dates::format_vn(chosen.period.to()) } else { String::new() },
        period: format!("{} – {}", fmt::date(r.period.from()), fmt::date(r.period.to())),
        figures,
        cases_rate: fmt::rate(r.cases.completion_rate()),
        money_rate: fmt::rate(r.money.completion_rate()),
        query,
        unit_columns: UNIT_COLUMNS.iter().map(|c| lang.pick(labels::heading(*c), labels::heading_en(*c))).collect(),
        units: unit_lines(r, lang),
        forms_html,
        form_index: set
            .forms
            .iter()
            .map(|f| (f.info.key.to_string(), f.info.number.to_string(), f.info.title.to_string()))
            .collect(),
        asset_measures,
        structure: structure.code(),
        as_of: fmt::instant_seconds(kept.computed_at),
    };
    Ok(page.into_response())
}

/// Every form as HTML for the page from its kept body and the reader's signature block, a form
/// longer than `kept::PAGE_FORM_ROWS` as a line that says how long it is and links to where it
/// is read whole.
fn page_forms(
    set: &thads_reports::forms::FormSet,
    bodies: &[Option<String>],
    signing: &Signing,
    query: &str,
) -> String {
    let signatures = forms_html::signatures(signing);
    let mut html = String::with_capacity(bodies.iter().flatten().map(|b| b.len() + signatures.len() + 1).sum());
    for (f, body) in set.forms.iter().zip(bodies) {
        if !html.is_empty() {
            html.push('\n');
        }
        match body {
            Some(body) => {
                html.push_str(body);
                html.push_str(&signatures);
            }
            None => html.push_str(&long_form(f, query)),
        }
    }
    html
}

/// A form too long for the page: how long it is, and links to its print view and the XLSX.
fn long_form(f: &thads_reports::forms::OfficialForm, query: &str) -> String {
    let key = forms_html::escape(f.info.key);
    format!(
        "<section class=\"official-form long-form\" id=\"form-{key}\"><h2>{} — {}</h2>\
         <p>Biểu có {} dòng / this form has {} rows: \
         <a href=\"/stats/print?{query}&form={key}\">bản in / print view</a> · \
         <a href=\"/stats/export?{query}&format=xlsx\">XLSX</a></p></section>",
        forms_html::escape(f.info.number),
        forms_html::escape(f.info.title),
        f.rows.len(),
        f.rows.len()
    )
}

/// The query of an export or a print view: the period, the format, the place written before
/// the date of the signature block, and (print view) one form only.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExportParams {
    #[serde(flatten)]
    period: AnyPeriodParams,
    #[serde(default)]
    format: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    form: String,
    /// `as-reported` (the default) or `restated`, as on the statistics page.
    #[serde(default)]
    structure: String,
}

impl ExportParams {
    fn place(&self) -> Result<String, WebError> {
        thads_core::field::UNIT_NAME.clean(&self.place).map_err(|e| WebError::BadRequest(e.to_string()))
    }
}

/// Every complete form as XLSX (a sheet per form, print layout) or CSV (UTF-8 with a BOM).
pub async fn export(
    State(state): State<AppState>,
    access: Allowed<ViewReports>,
    Query(p): Query<ExportParams>,
) -> Result<Response, WebError> {
    let chosen = ChosenPeriod::parse(&p.period, state.today())?;
    let format = match p.format.as_str() {
        "" | "xlsx" => "xlsx",
        "csv" => "csv",
        other => return Err(WebError::BadRequest(format!("định dạng / format «{other}»: xlsx, csv"))),
    };
    let (structure, place) = (crate::reorg::structure_param(&p.structure)?, p.place()?);
    let unit = access.unit.id;
    let kept = state.blocking(move |s| super::kept::figures(s, unit, chosen.period, structure)).await?;
    let set = kept.signed_set(kept.signing(access.user.staff.full_name.clone(), place));
    let name = format!("thads-{}-{}", access.unit.code, chosen.slug());
    let (body, kind) = match format {
        "csv" => (forms_csv::forms(&set).map_err(WebError::internal)?.into_bytes(), "text/csv; charset=utf-8"),
        _ => (
            forms_xlsx::workbook(&set).map_err(WebError::internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    };
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    let disposition = format!("attachment; filename=\"{name}.{format}\"");
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(WebError::internal)?);
    Ok(response)
}

#[derive(Template, WebTemplate)]
#[template(path = "stats/print.html")]
struct PrintPage {
    c: Chrome,
    title: String,
    back: String,
    forms_html: String,
}

/// The print view: the forms alone (or one of them, `form=01`), laid out for A4 landscape by
/// the print CSS, each form on its own page.
pub async fn print(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewReports>,
    Query(p): Query<ExportParams>,
) -> Result<Response, WebError> {
    let chosen = ChosenPeriod::parse(&p.period, state.today())?;
    let only = match p.form.trim() {
        "" => None,
        key => Some(
            thads_reports::FormInfo::by_key(key)
                .ok_or_else(|| {
                    WebError::BadRequest(format!("biểu / form «{}»", key.chars().take(16).collect::<String>()))
                })?
                .key,
        ),
    };
    let (structure, place) = (crate::reorg::structure_param(&p.structure)?, p.place()?);
    let unit = access.unit.id;
    let kept = state.blocking(move |s| super::kept::figures(s, unit, chosen.period, structure)).await?;
    let (set, signing) = (&kept.set, kept.signing(access.user.staff.full_name.clone(), place));
    let forms_html = match only {
        Some(key) => set.form(key).map(|f| forms_html::signed_form(set, f, &signing)).unwrap_or_default(),
        None => forms_html::signed_forms(set, &signing),
    };
    let page = PrintPage {
        c: access.user.chrome(&state, lang),
        title: format!("{} · {}", access.unit.code, set.period_text()),
        back: format!("/stats?unit={}&{}&structure={}", access.unit.code, chosen.query(), structure.code()),
        forms_html,
    };
    Ok(page.into_response())
}

#[derive(Debug, Clone, Deserialize)]
pub struct DrillParams {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    months: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    column: String,
    #[serde(default)]
    page: String,
}

impl DrillParams {
    /// The page number, from 1.
    fn page(&self) -> Result<u64, WebError> {
        match self.page.trim() {
            "" => Ok(1),
            p => {
                p.parse::<u64>().ok().filter(|p| (1..=100_000).contains(p)).ok_or_else(|| {
                    WebError::BadRequest(format!("giá trị không hợp lệ / invalid value for page: «{p}»"))
                })
            }
        }
    }

    /// The same figure on page `page`, as a query string.
    fn with_page(&self, page: u64) -> String {
        let p = DrillParams { page: page.to_string(), ..self.clone() };
        let pairs = [
            ("unit", p.unit.as_str()),
            ("year", &p.year),
            ("months", &p.months),
            ("from", &p.from),
            ("to", &p.to),
            ("form", &p.form),
            ("column", &p.column),
            ("page", &p.page),
        ];
        let kept: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "stats/drill.html")]
struct DrillPage {
    c: Chrome,
    title: String,
    rows: Vec<DrillRow>,
    /// How many cases count in the figure (on every page).
    total: String,
    /// The period's last day, which the states and amounts shown are of.
    at: String,
    pages: Vec<Option<PageLink>>,
    prev: Option<String>,
    next: Option<String>,
}

/// A case behind a figure and what it contributes to it.
pub struct DrillRow {
    pub case: CaseRow,
    pub contribution: String,
}

/// Cases listed on one page of a figure.
const DRILL_PAGE: usize = 100;

pub async fn drill(
    State(state): State<AppState>,
    lang: Lang,
    access: Allowed<ViewReports>,
    Query(p): Query<DrillParams>,
) -> Result<Response, WebError> {
    let period = AnyPeriodParams {
        year: p.year.clone(),
        months: p.months.clone(),
        from: p.from.clone(),
        to: p.to.clone(),
        ..AnyPeriodParams::default()
    };
    let chosen = ChosenPeriod::parse(&period, state.today())?;
    let kind = if p.form == "money" { FormKind::Money } else { FormKind::Cases };
    let column =
        Column::parse(&p.column).ok_or_else(|| WebError::BadRequest(format!("cột / column «{}»", p.column)))?;
    let page_no = p.page()?;
    let offset = usize::try_from(page_no - 1).unwrap_or(usize::MAX).saturating_mul(DRILL_PAGE);
    let query = FigureQuery { unit: access.unit.id, period: chosen.period, kind, column, offset, limit: DRILL_PAGE };
    let (cases, total) = state.blocking(move |s| cases_behind(s, &query)).await?;
    let directory = state.directory();
    let title = format!(
        "{} · {} · {} · {} – {}",
        access.unit.code,
        lang.pick(labels::heading(column), labels::heading_en(column)),
        match kind {
            FormKind::Money => lang.pick("tiền", "money"),
            FormKind::Cases => lang.pick("việc", "cases"),
        },
        fmt::date(query.period.from()),
        fmt::date(query.period.to()),
    );
    let rows = cases
        .iter()
        .map(|(case, figure)| {
            let mut row = CaseRow::of(case, &directory, lang);
            row.state = lang.pick(figure.at_end.state.label_vi(), figure.at_end.state.label_en()).to_string();
            row.outstanding = fmt::money(figure.at_end.outstanding);
            DrillRow {
                case: row,
                contribution: match kind {
                    FormKind::Money => fmt::money_sum(thads_core::VndSum(figure.value)),
                    FormKind::Cases => fmt::count(figure.value),
                },
            }
        })
        .collect();
    let shown_to = offset.saturating_add(cases.len());
    let page = DrillPage {
        c: access.user.chrome(&state, lang),
        title,
        total: fmt::count(total as i128),
        at: fmt::date(query.period.to()),
        pages: page_links(page_no, DRILL_PAGE as u32, Counted::Exactly(total as u64), false, |n| p.with_page(n)),
        prev: (page_no > 1).then(|| p.with_page(page_no - 1)),
        next: (shown_to < total).then(|| p.with_page(page_no + 1)),
        rows,
    };
    Ok(page.into_response())
}

/// The cases behind a figure (replaying the histories of the unit's scope), one page of them
/// read, and how many there are in all.
fn cases_behind(
    state: &AppState,
    query: &FigureQuery,
) -> Result<(Vec<(thads_core::Case, FigureCase)>, usize), WebError> {
    let directory = state.directory();
    let (figure, total) =
        stats::cases_behind_figure(state.store.as_ref(), &state.rules, &directory.units, query, state.today())?;
    let mut cases = Vec::with_capacity(figure.len());
    for f in figure {
        if let Some(case) = state.store.case(f.id)? {
            cases.push((case, f));
        }
    }
    Ok((cases, total))
}

#[cfg(test)]
mod tests {
    use thads_reports::forms::{CATALOGUE, FormRow, RowKind};
    use thads_reports::{FormSet, OfficialForm, Signing};
    use time::macros::date;

    use super::page_forms;
    use crate::stats::kept::{PAGE_FORM_ROWS, page_bodies};

    fn form_of(rows: usize, key: usize) -> OfficialForm {
        let row = |i: usize| FormRow {
            kind: RowKind::Item,
            index: (i + 1).to_string(),
            key: format!("CHV{i}"),
            label: format!("Chấp hành viên {i}"),
            values: Vec::new(),
        };
        OfficialForm {
            info: CATALOGUE[key],
            measure: "việc",
            row_heading: "Chấp hành viên",
            columns: Vec::new(),
            rows: (0..rows).map(row).collect(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn a_form_too_long_for_the_page_is_linked_not_laid_out() {
        let period = thads_core::dates::Period::new(date!(2025 - 10 - 01), date!(2026 - 09 - 30)).expect("period");
        let set = FormSet {
            unit_code: "VN".into(),
            unit_name: "Toàn quốc".into(),
            period,
            receiver: "Bộ Tư pháp".into(),
            forms: vec![form_of(3, 0), form_of(PAGE_FORM_ROWS + 1, 2)],
            signing: Signing {
                place: String::new(),
                date: date!(2026 - 10 - 05),
                preparer: String::new(),
                head: String::new(),
            },
        };
        let html = page_forms(&set, &page_bodies(&set), &set.signing, "unit=VN&year=2026");
        let long_key = CATALOGUE[2].key;
        assert!(html.contains("Chấp hành viên 2"), "the short form is laid out");
        assert!(!html.contains("Chấp hành viên 300"), "the long form's rows are not on the page");
        assert!(html.contains(&format!("/stats/print?unit=VN&year=2026&form={long_key}")), "{html}");
        assert!(html.contains(&format!("Biểu có {} dòng", PAGE_FORM_ROWS + 1)));
    }
}
